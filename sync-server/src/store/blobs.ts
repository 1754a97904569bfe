import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurably } from './durable-file';

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Original files and derived JSON, stored by the SHA-256 of their bytes: identical uploads share one file. */
export class BlobStore {
  constructor(private readonly dir: string) {}

  private pathOf(hash: string): string {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('bad blob hash');
    return join(this.dir, hash.slice(0, 2), hash);
  }

  async put(data: Uint8Array | string): Promise<string> {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    const hash = sha256(bytes);
    const path = this.pathOf(hash);
    try {
      await stat(path);
      return hash; // already stored, and content-addressed files never change
    } catch {
      await mkdir(join(this.dir, hash.slice(0, 2)), { recursive: true });
      await writeFileDurably(path, bytes);
      return hash;
    }
  }

  async get(hash: string): Promise<Uint8Array> {
    return readFile(this.pathOf(hash));
  }

  async getJson<T>(hash: string): Promise<T> {
    return JSON.parse(new TextDecoder().decode(await this.get(hash))) as T;
  }
}
