import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { AuditLog } from './audit';
import { BlobStore } from './blobs';
import { DurableJSONFile } from './durable-file';
import { lockDataDir } from './lock';
import { EMPTY, type Data } from './schema';

/** Everything the server keeps in its data directory, opened once and locked against a second server. */
export interface Store {
  db: Low<Data>;
  blobs: BlobStore;
  audit: AuditLog;
  dir: string;
  close(): Promise<void>;
}

export async function openStore(dir: string, now: () => Date = () => new Date()): Promise<Store> {
  await mkdir(join(dir, 'blobs'), { recursive: true, mode: 0o700 });
  const release = await lockDataDir(dir);
  try {
    // Not JSONFilePreset: it silently keeps data in memory when NODE_ENV=test.
    const db = new Low<Data>(new DurableJSONFile<Data>(join(dir, 'db.json')), structuredClone(EMPTY));
    await db.read();
    db.data ??= structuredClone(EMPTY);
    const audit = new AuditLog(join(dir, 'audit.jsonl'), now);
    return {
      db,
      blobs: new BlobStore(join(dir, 'blobs')),
      audit,
      dir,
      async close() {
        await audit.close();
        await release();
      },
    };
  } catch (e) {
    await release();
    throw e;
  }
}
