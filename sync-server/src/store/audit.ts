import { open, type FileHandle } from 'node:fs/promises';

export interface AuditEvent {
  action: string;
  actor: string;
  target?: string;
  details?: Record<string, unknown>;
}

/** Append-only JSON-lines log of submissions and token changes; each line is on disk before the request answers. */
export class AuditLog {
  private handle: FileHandle | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly now: () => Date,
  ) {}

  append(event: AuditEvent): Promise<void> {
    const line = JSON.stringify({ at: this.now().toISOString(), ...event }) + '\n';
    const next = this.queue.then(async () => {
      this.handle ??= await open(this.path, 'a', 0o600);
      await this.handle.write(line);
      await this.handle.sync();
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.handle?.close();
    this.handle = null;
  }
}
