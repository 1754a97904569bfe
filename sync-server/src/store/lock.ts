import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';

export class DataDirLockedError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One server per data directory: two processes on one lowdb file lose each other's writes (steno's temp-file name is
 * fixed, and each keeps its own copy in memory). The lock file holds the owner's pid; a lock left by a dead process
 * is taken over.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, 'server.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.sync();
      await handle.close();
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await unlink(path).catch(() => undefined);
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      // The owner may be this very process (a second server started in it): still one directory, one server.
      if (Number.isInteger(owner) && owner > 0 && (owner === process.pid || alive(owner))) {
        throw new DataDirLockedError(`Каталог данных ${dir} уже занят сервером Svod (процесс ${owner}). Один каталог — один сервер.`);
      }
      await unlink(path).catch(() => undefined); // stale: its owner is gone
    }
  }
  throw new DataDirLockedError(`Не удалось занять каталог данных ${dir}.`);
}
