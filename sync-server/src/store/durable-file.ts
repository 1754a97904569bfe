import { randomUUID } from 'node:crypto';
import { dirname, basename, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { nodeFs, StorageError, type StoreFs } from './fs';
import { GroupCommit, type Waiter } from './group-commit';

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

/** A caller of `write`, waiting for the batch that holds its change. */
interface DataWaiter<T> extends Waiter {
  data: T;
}

/**
 * lowdb adapter that fsyncs. lowdb's own JSONFile (steno) renames atomically but never fsyncs, so an acknowledged
 * submission could vanish in a crash; and JSONFilePreset keeps data in memory under NODE_ENV=test.
 *
 * Group commit: a write asked for while another is on its way to disk joins the next batch, and one serialisation,
 * one file write and one fsync serve the whole batch (under load a rewrite of the whole file per request was most of
 * the store's cost). Each caller's promise settles only when the batch that holds its change is durable. Batches run
 * one at a time: the file holds the state of the last one, and none interleave.
 *
 * A failed batch rolls the in-memory data back to what is on disk, so no request is ever answered from a change that
 * is not stored: the data object stays the same object (services hold it across awaits), its contents are replaced.
 * Every caller of the batch fails; so do the callers already waiting for the next one, whose changes were in memory on
 * top of it and were rolled back with it (they fail without writing). Callers after the rollback start afresh. Every
 * failure is a `StorageError` (503).
 */
export class DurableJSONFile<T extends object> implements Adapter<T> {
  /** The JSON last known to be on disk (read, or written): what a failed write rolls the data back to. */
  private persisted: string | null = null;
  /** Callers waiting for the next batch (whose changes are in memory, not yet serialised). */
  private readonly queue = new GroupCommit<DataWaiter<T>>((batch, queued) => this.writeBatch(batch, queued));
  /** Batches written so far (successful or not): for tests and diagnostics. */
  batches = 0;

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
    return this.queue.idle();
  }

  write(data: T): Promise<void> {
    return new Promise<void>((resolve, reject) => this.queue.enqueue({ data, resolve, reject }));
  }

  /** Writes one batch. Serialised at the batch's start: it holds every change made before it. */
  private async writeBatch(batch: Array<DataWaiter<T>>, queued: () => Array<DataWaiter<T>>): Promise<void> {
    this.batches++;
    // The last caller's object is the state to store (one lowdb instance passes the same object every time).
    let text: string;
    try {
      text = JSON.stringify(batch[batch.length - 1]!.data);
      await writeFileDurably(this.path, text, this.fs);
    } catch (e) {
      const rolledBack = queued();
      if (this.persisted !== null) {
        const restored = new Set<T>();
        for (const w of [...batch, ...rolledBack]) {
          if (restored.has(w.data)) continue;
          restored.add(w.data);
          restoreInPlace(w.data, JSON.parse(this.persisted) as object);
        }
      }
      for (const w of batch) w.reject(new StorageError(basename(this.path), e));
      for (const w of rolledBack) {
        w.reject(new StorageError(basename(this.path), new Error('an earlier write failed, and this change was rolled back with it')));
      }
      return;
    }
    this.persisted = text;
    for (const w of batch) w.resolve();
  }
}
