import { open, rename, readFile, unlink } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import type { Adapter } from 'lowdb';

/** Writes a file so that a power cut leaves either the old or the new content: temp file, fsync, rename, fsync dir. */
export async function writeFileDurably(path: string, data: string | Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/**
 * lowdb adapter that fsyncs. lowdb's own JSONFile (steno) renames atomically but never fsyncs, so an acknowledged
 * submission could vanish in a crash; and JSONFilePreset keeps data in memory under NODE_ENV=test. Writes are
 * serialised: the last one queued wins, none interleave.
 */
export class DurableJSONFile<T> implements Adapter<T> {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly path: string) {}

  async read(): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.path, 'utf8')) as T;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  write(data: T): Promise<void> {
    const text = JSON.stringify(data);
    const next = this.queue.then(() => writeFileDurably(this.path, text));
    // A failed write must not poison the queue for the next one; the caller still sees its own failure.
    this.queue = next.catch(() => undefined);
    return next;
  }
}
