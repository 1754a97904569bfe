import { BLOB_HASH, RecentBlobs, sha256 } from '../blobs';
import type { BlobPort } from '../port';
import type { Db } from './db';

/** A blob the store was asked for and does not hold: a record points at bytes that are not there. */
export class MissingBlobError extends Error {
  /** As the file store's missing file: callers that tell «not there» from other failures see the same code. */
  readonly code = 'ENOENT';
  constructor(readonly hash: string) {
    super(`blob ${hash} is not in the PostgreSQL store`);
  }
}

/** Content-addressed bytes in the `blobs` table: identical bytes are one row, inserted once by whoever is first. */
export class PostgresBlobs implements BlobPort {
  /** Puts of one hash under way in this process share one insert. */
  private readonly writing = new Map<string, Promise<string>>();
  /** Blobs kept in memory after a put or a get: a stored blob never changes, so a copy is as good as the row. */
  private readonly recent = new RecentBlobs();

  constructor(private readonly db: Db) {}

  put(data: Uint8Array | string, hash?: string): Promise<string> {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    const key = hash ?? sha256(bytes);
    if (!BLOB_HASH.test(key)) return Promise.reject(new Error('bad blob hash'));
    if (this.recent.get(key)) return Promise.resolve(key);
    const running = this.writing.get(key);
    if (running) return running;
    const put = this.db
      .query(`blob ${key}`, 'insert into blobs (hash, bytes) values ($1, $2) on conflict (hash) do nothing', [key, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)])
      .then(() => {
        this.recent.remember(key, bytes);
        return key;
      })
      .finally(() => this.writing.delete(key));
    this.writing.set(key, put);
    return put;
  }

  async get(hash: string): Promise<Uint8Array> {
    if (!BLOB_HASH.test(hash)) throw new Error('bad blob hash');
    const kept = this.recent.get(hash);
    if (kept) return kept;
    const rows = await this.db.query<{ bytes: Buffer }>(`blob ${hash}`, 'select bytes from blobs where hash = $1', [hash]);
    const bytes = rows[0]?.bytes;
    if (!bytes) throw new MissingBlobError(hash);
    this.recent.remember(hash, bytes);
    return bytes;
  }

  async getJson<T>(hash: string): Promise<T> {
    return JSON.parse(new TextDecoder().decode(await this.get(hash))) as T;
  }
}
