import { dirname } from 'node:path';
import { syncDir } from './durable-file';
import { errnoCode, nodeFs, StorageError, type StoreFile, type StoreFs } from './fs';
import { GroupCommit, type Waiter } from './group-commit';

import type { AuditEvent } from './port';

export type { AuditEvent };

/** Lines kept for a later append when the disk refuses them; beyond this the oldest are dropped. */
const MAX_PENDING = 10_000;

/**
 * Append-only JSON-lines log of submissions and token changes; each line is on disk before the request answers.
 *
 * Group commit: lines appended while a write is under way go out together in the next one, one write and one fsync
 * for all of them; each append settles when the write holding its line is durable (or has failed).
 *
 * An append that fails (a full disk) is a `StorageError`, and its line is kept and written before the next one: the
 * event it records has happened (every append follows a committed change). A write cut short may leave part of a
 * line at the end: the next append cuts it off first, so every line stays whole and each event is there once.
 */
export class AuditLog {
  private handle: StoreFile | null = null;
  /** Lines not yet on disk, in order: refused earlier ones first. */
  private pending: string[] = [];
  /** Appends waiting for the next write: a failed write fails its appends, and the ones that came meanwhile try again. */
  private readonly queue = new GroupCommit<Waiter>(async (batch) => {
    try {
      await this.flush();
      for (const w of batch) w.resolve();
    } catch (e) {
      for (const w of batch) w.reject(e);
    }
  });
  /** Set after a failed append: the file may end in part of a line. */
  private torn = false;

  constructor(
    private readonly path: string,
    private readonly now: () => Date,
    private readonly fs: StoreFs = nodeFs,
  ) {}

  append(event: AuditEvent): Promise<void> {
    const line = JSON.stringify({ at: this.now().toISOString(), ...event }) + '\n';
    return new Promise<void>((resolve, reject) => {
      this.pending.push(line);
      if (this.pending.length > MAX_PENDING) this.pending.splice(0, this.pending.length - MAX_PENDING);
      this.queue.enqueue({ resolve, reject });
    });
  }

  /** Writes every pending line (appends meanwhile wait for the next write); refused lines go back in front. */
  private async flush(): Promise<void> {
    const lines = this.pending;
    this.pending = [];
    try {
      if (this.torn) await this.cutTornTail();
      const handle = await this.open();
      await handle.writeFile(lines.join('')); // loops until every byte is written, unlike write()
      await handle.sync();
      this.torn = false;
    } catch (e) {
      this.pending = [...lines, ...this.pending];
      if (this.pending.length > MAX_PENDING) this.pending.splice(0, this.pending.length - MAX_PENDING);
      this.torn = true;
      const handle = this.handle;
      this.handle = null;
      await handle?.close().catch(() => undefined);
      throw new StorageError('audit.jsonl', e);
    }
  }

  private async open(): Promise<StoreFile> {
    if (this.handle) return this.handle;
    const existed = await this.fs.stat(this.path).then(
      () => true,
      (e: unknown) => (errnoCode(e) === 'ENOENT' ? false : Promise.reject(e)),
    );
    this.handle = await this.fs.open(this.path, 'a', 0o600);
    if (!existed) await syncDir(dirname(this.path), this.fs); // the new file's entry survives a power cut
    return this.handle;
  }

  /** Removes what a failed append left after the last whole line. */
  private async cutTornTail(): Promise<void> {
    const text = await this.fs.readFile(this.path).catch((e: unknown) => (errnoCode(e) === 'ENOENT' ? Buffer.alloc(0) : Promise.reject(e)));
    const whole = text.lastIndexOf(0x0a) + 1;
    if (whole < text.length) await this.fs.truncate(this.path, whole);
  }

  async close(): Promise<void> {
    await this.queue.idle();
    // A last try for lines the disk refused, as one more write of the queue.
    if (this.pending.length) await new Promise<void>((done) => this.queue.enqueue({ resolve: done, reject: () => done() }));
    await this.queue.idle();
    await this.handle?.close();
    this.handle = null;
  }
}
