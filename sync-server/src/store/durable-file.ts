import { randomUUID } from 'node:crypto';
import { dirname, basename, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { nodeFs, StorageError, type StoreFs } from './fs';

/**
 * A temp file next to `path`, unique to this write: two writers of one path at the same moment (two requests storing
 * the same content-addressed blob) never share one, as they did when the name was the pid and the millisecond.
 */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomUUID()}.tmp`);
}

/** Names `tempPathFor` gives (and the older pid-and-millisecond ones): left behind only by a crash mid-write. */
export function isTempName(name: string): boolean {
  return /^\..+\.\d+\.[0-9a-f-]+\.tmp$/.test(name) && !name.startsWith('.server.lock.');
}

/** fsync of a directory: makes a rename or a new entry in it survive a power cut. */
export async function syncDir(dir: string, fs: StoreFs = nodeFs): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes a file so that a power cut leaves either the old or the new content: a temp file of its own, fsync, rename,
 * fsync of the directory. A failure removes the temp file and leaves the old content in place (unless it came after
 * the rename, from the directory's fsync: then the new content is there, but not known to be durable).
 */
export async function writeFileDurably(path: string, data: string | Uint8Array, fs: StoreFs = nodeFs): Promise<void> {
  const temp = tempPathFor(path);
  try {
    // `wx`: if the name were ever taken, fail rather than share a file with another writer.
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, path);
  } catch (e) {
    await fs.unlink(temp).catch(() => undefined);
    throw e;
  }
  await syncDir(dirname(path), fs);
}

/** Puts `source`'s own properties into `target`, keeping `target` the same object (callers hold references to it). */
function restoreInPlace(target: object, source: object): void {
  const t = target as Record<string, unknown>;
  for (const key of Object.keys(t)) if (!Object.hasOwn(source, key)) delete t[key];
  Object.assign(t, source);
}

/**
 * lowdb adapter that fsyncs. lowdb's own JSONFile (steno) renames atomically but never fsyncs, so an acknowledged
 * submission could vanish in a crash; and JSONFilePreset keeps data in memory under NODE_ENV=test. Writes are
 * serialised: the last one queued wins, none interleave.
 *
 * A failed write rolls the in-memory data back to what is on disk, so no request is ever answered from a change that
 * is not stored: the data object stays the same object (services hold it across awaits), its contents are replaced.
 * Writes queued behind the failed one carry its change in their snapshot and were rolled back with it: they fail
 * too, without writing. Every failure is a `StorageError` (503).
 */
export class DurableJSONFile<T extends object> implements Adapter<T> {
  private queue: Promise<void> = Promise.resolve();
  /** The JSON last known to be on disk (read, or written): what a failed write rolls the data back to. */
  private persisted: string | null = null;
  /** Bumped by every rollback: a write asked for before it holds rolled-back changes. */
  private generation = 0;

  constructor(
    private readonly path: string,
    private readonly fs: StoreFs = nodeFs,
  ) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = (await this.fs.readFile(this.path)).toString('utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    const data = JSON.parse(text) as T;
    this.persisted = text;
    return data;
  }

  /** The state memory goes back to if the first write fails, when there was no file to read (a new store). */
  baseline(data: T): void {
    this.persisted ??= JSON.stringify(data);
  }

  /** Settles when every write asked for so far has finished (or failed). */
  idle(): Promise<void> {
    return this.queue;
  }

  write(data: T): Promise<void> {
    const text = JSON.stringify(data);
    const generation = this.generation;
    const next = this.queue.then(async () => {
      if (generation !== this.generation) {
        throw new StorageError(basename(this.path), new Error('an earlier write failed, and this change was rolled back with it'));
      }
      try {
        await writeFileDurably(this.path, text, this.fs);
      } catch (e) {
        this.generation++;
        if (this.persisted !== null) restoreInPlace(data, JSON.parse(this.persisted) as object);
        throw new StorageError(basename(this.path), e);
      }
      this.persisted = text;
    });
    // A failed write must not poison the queue for the next one; the caller still sees its own failure.
    this.queue = next.catch(() => undefined);
    return next;
  }
}
