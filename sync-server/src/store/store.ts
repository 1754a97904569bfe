import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { AuditLog } from './audit';
import { BlobStore } from './blobs';
import { DurableJSONFile, isTempName } from './durable-file';
import { nodeFs, type StoreFs } from './fs';
import { lockDataDir } from './lock';
import { EMPTY, type Data } from './schema';

/**
 * Everything the server keeps in its data directory, opened once and locked against a second server.
 *
 * Writing: change `db.data` and call `db.write()` in the same synchronous step. A write that fails rolls `db.data`
 * back to what is on disk and throws a `StorageError` (the client gets 503), so no answer is ever given from a change
 * that is not stored.
 */
export interface Store {
  db: Low<Data>;
  blobs: BlobStore;
  audit: AuditLog;
  dir: string;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** The file system under the store; tests put a fault-injecting one here. */
  fs?: StoreFs;
}

/** Temp files of writes a crash cut short: in the data directory and in the blob shards. Only the lock holder may. */
async function sweepTempFiles(dir: string, fs: StoreFs): Promise<void> {
  const sweep = async (d: string) => {
    for (const name of await fs.readdir(d).catch(() => [] as string[])) {
      if (isTempName(name)) await fs.unlink(join(d, name)).catch(() => undefined);
    }
  };
  await sweep(dir);
  const blobs = join(dir, 'blobs');
  for (const shard of await fs.readdir(blobs).catch(() => [] as string[])) if (/^[0-9a-f]{2}$/.test(shard)) await sweep(join(blobs, shard));
}

export async function openStore(dir: string, now: () => Date = () => new Date(), options: StoreOptions = {}): Promise<Store> {
  const fs = options.fs ?? nodeFs;
  await mkdir(join(dir, 'blobs'), { recursive: true, mode: 0o700 });
  const release = await lockDataDir(dir);
  try {
    await sweepTempFiles(dir, fs);
    // Not JSONFilePreset: it silently keeps data in memory when NODE_ENV=test.
    const adapter = new DurableJSONFile<Data>(join(dir, 'db.json'), fs);
    const db = new Low<Data>(adapter, structuredClone(EMPTY));
    await db.read();
    db.data ??= structuredClone(EMPTY);
    adapter.baseline(db.data);
    const audit = new AuditLog(join(dir, 'audit.jsonl'), now, fs);
    return {
      db,
      blobs: new BlobStore(join(dir, 'blobs'), fs),
      audit,
      dir,
      async close() {
        await adapter.idle();
        await audit.close();
        await release();
      },
    };
  } catch (e) {
    await release();
    throw e;
  }
}
