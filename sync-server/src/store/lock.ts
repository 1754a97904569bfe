import { randomUUID } from 'node:crypto';
import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

export class DataDirLockedError extends Error {}

export const LOCK_FILE = 'server.lock';

/** Who holds a lock: the pid, and (on Linux) the boot and the process's start time, so a reused pid is no owner. */
interface Owner {
  pid: number;
  /** `<boot id>:<start time in clock ticks>`; null where /proc is not there, or in a lock written before it was kept. */
  started: string | null;
}

async function bootId(): Promise<string | null> {
  return (await readFile('/proc/sys/kernel/random/boot_id', 'utf8').catch(() => '')).trim() || null;
}

/** `/proc/<pid>/stat`: the state (field 3) and the start time (field 22); the name (field 2) may hold spaces. */
async function procStat(pid: number): Promise<{ state: string; start: string } | null> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (text === null) return null;
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const start = fields[19];
  return state && start ? { state, start } : null;
}

async function identity(pid: number): Promise<string | null> {
  const [boot, stat] = await Promise.all([bootId(), procStat(pid)]);
  return boot && stat ? `${boot}:${stat.start}` : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads a lock: `{"pid":…,"started":…}`, or a bare pid as locks were written before. */
function parseOwner(text: string): Owner | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed), started: null };
  try {
    const o = JSON.parse(trimmed) as Partial<Owner>;
    if (Number.isInteger(o.pid) && o.pid! > 0) return { pid: o.pid!, started: typeof o.started === 'string' ? o.started : null };
  } catch {
    // an unreadable lock has no owner
  }
  return null;
}

/** Whether the lock's owner still runs: the same pid with the same start (a killed server's pid may be reused). */
export async function lockHeld(owner: Owner): Promise<boolean> {
  if (!alive(owner.pid)) return false;
  const stat = await procStat(owner.pid);
  if (stat?.state === 'Z') return false; // exited, not yet reaped: its files are closed
  if (owner.started === null) return true;
  const now = await identity(owner.pid);
  return now === null || now === owner.started;
}

/** The lock file of a data directory and whether a live server holds it (for tools that must not run beside one). */
export async function lockOwner(dir: string): Promise<{ pid: number; held: boolean } | null> {
  const text = await readFile(join(dir, LOCK_FILE), 'utf8').catch(() => null);
  if (text === null) return null;
  const owner = parseOwner(text);
  if (!owner) return { pid: 0, held: false };
  return { pid: owner.pid, held: await lockHeld(owner) };
}

/** Creates the lock with its whole content at once (link of a finished temp file): never an empty lock to misread. */
async function create(path: string, content: string): Promise<boolean> {
  const temp = join(path, '..', `.${LOCK_FILE}.${randomUUID()}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/**
 * One server per data directory: two processes on one lowdb file lose each other's writes (each keeps its own copy
 * in memory). The lock file names its owner; a lock left by a process that is gone (killed, or a pid now reused by
 * another process, as after a container restart) is taken over.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  const me: Owner = { pid: process.pid, started: await identity(process.pid) };
  const content = JSON.stringify(me);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await create(path, content)) {
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await unlink(path).catch(() => undefined);
      };
    }
    const text = await readFile(path, 'utf8').catch(() => null);
    if (text === null) continue; // released meanwhile
    const owner = parseOwner(text);
    // The owner may be this very process (a second server started in it): still one directory, one server. A lock
    // with this pid but another start is a dead server's whose pid came round again.
    const mine = owner !== null && owner.pid === me.pid && owner.started === me.started;
    if (owner && (mine || (owner.pid !== me.pid && (await lockHeld(owner))))) {
      throw new DataDirLockedError(`Каталог данных ${dir} уже занят сервером Svod (процесс ${owner.pid}). Один каталог — один сервер.`);
    }
    // Stale: moved aside first, and removed only if it is still the lock judged stale (another starter may have
    // taken it over and made its own meanwhile; that one is put back).
    const aside = join(dir, `.${LOCK_FILE}.stale.${randomUUID()}.tmp`);
    try {
      await rename(path, aside);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw e;
    }
    const moved = await readFile(aside, 'utf8').catch(() => null);
    if (moved !== text) await link(aside, path).catch(() => undefined);
    await unlink(aside).catch(() => undefined);
  }
  throw new DataDirLockedError(`Не удалось занять каталог данных ${dir}: его одновременно занимает другой сервер Svod.`);
}
