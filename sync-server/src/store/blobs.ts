import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { syncDir, writeFileDurably } from './durable-file';
import { nodeFs, StorageError, type StoreFs } from './fs';

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export const BLOB_HASH = /^[0-9a-f]{64}$/;

/** Blobs put by this process kept in memory for reading back: a new version's answer reads its content and findings. */
const RECENT_COUNT = 64;
const RECENT_BYTES = 8 * 1024 * 1024;

/**
 * The last blobs put or read, oldest first, bounded in number and bytes: a stored blob never changes, so a copy in
 * memory is as good as the stored one (in every process, whichever store it is).
 */
export class RecentBlobs {
  private readonly kept = new Map<string, Uint8Array>();
  private bytes = 0;

  get(hash: string): Uint8Array | undefined {
    return this.kept.get(hash);
  }

  remember(hash: string, bytes: Uint8Array): void {
    if (bytes.length > RECENT_BYTES / 4 || this.kept.has(hash)) return;
    this.kept.set(hash, bytes);
    this.bytes += bytes.length;
    while (this.kept.size > RECENT_COUNT || this.bytes > RECENT_BYTES) {
      const [oldest, kept] = this.kept.entries().next().value!;
      this.kept.delete(oldest);
      this.bytes -= kept.length;
    }
  }
}

/**
 * Original files and derived JSON, stored by the SHA-256 of their bytes: identical uploads share one file, and a
 * stored file never changes (which is what lets a backup copy them while the server runs).
 */
export class BlobStore {
  /** Puts of one hash under way: concurrent requests storing the same bytes (the diagnostics `[]`) share one write. */
  private readonly writing = new Map<string, Promise<string>>();
  /** Shard directories known to exist on disk. */
  private readonly shards = new Set<string>();
  /** The last blobs put. */
  private readonly recent = new RecentBlobs();

  constructor(
    private readonly dir: string,
    private readonly fs: StoreFs = nodeFs,
  ) {}

  private pathOf(hash: string): string {
    if (!BLOB_HASH.test(hash)) throw new Error('bad blob hash');
    return join(this.dir, hash.slice(0, 2), hash);
  }

  /**
   * Stores the bytes (once) and gives their hash; on disk before it resolves. A failure is a `StorageError`.
   * `hash`: their SHA-256 when the caller has it already (computed by `sha256`, here or in a worker), not hashed again.
   */
  put(data: Uint8Array | string, hash?: string): Promise<string> {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    const key = hash ?? sha256(bytes);
    const running = this.writing.get(key);
    if (running) return running;
    const put = this.store(key, bytes)
      .then((stored) => {
        this.recent.remember(stored, bytes);
        return stored;
      })
      .finally(() => this.writing.delete(key));
    this.writing.set(key, put);
    return put;
  }

  private async store(hash: string, bytes: Uint8Array): Promise<string> {
    const path = this.pathOf(hash);
    if (await this.exists(path)) return hash; // content-addressed files never change
    try {
      await this.shard(hash.slice(0, 2));
      await writeFileDurably(path, bytes, this.fs);
    } catch (e) {
      // Another writer may have put the very same bytes there meanwhile (a lost race): the blob is stored all the same.
      if (await this.holds(path, hash)) return hash;
      throw new StorageError(`blob ${hash}`, e);
    }
    return hash;
  }

  /** Creates a shard directory, and fsyncs the parent so the new directory survives a power cut with its files. */
  private async shard(name: string): Promise<void> {
    if (this.shards.has(name)) return;
    const created = await this.fs.mkdir(join(this.dir, name), { recursive: true, mode: 0o700 });
    if (created !== undefined) await syncDir(this.dir, this.fs);
    this.shards.add(name);
  }

  private async exists(path: string): Promise<boolean> {
    try {
      await this.fs.stat(path);
      return true;
    } catch {
      return false;
    }
  }

  private async holds(path: string, hash: string): Promise<boolean> {
    try {
      return sha256(await this.fs.readFile(path)) === hash;
    } catch {
      return false;
    }
  }

  async get(hash: string): Promise<Uint8Array> {
    const path = this.pathOf(hash);
    return this.recent.get(hash) ?? this.fs.readFile(path);
  }

  async getJson<T>(hash: string): Promise<T> {
    return JSON.parse(new TextDecoder().decode(await this.get(hash))) as T;
  }
}
