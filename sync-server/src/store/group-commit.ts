/** Someone waiting for the write that holds their change. */
export interface Waiter {
  resolve(): void;
  reject(e: unknown): void;
}

/**
 * Group commit, the mechanism under db.json and the audit log: what is asked for while a write is under way waits
 * and goes out with the next one, one write and one fsync for the whole batch. Batches run one at a time. `commit`
 * settles every waiter of its batch; `queued()` hands it those who arrived meanwhile, for a failure that must take
 * them down too (db.json rolls their changes back with the batch's).
 */
export class GroupCommit<W extends Waiter> {
  private waiting: W[] = [];
  private busy = false;
  private idlers: Array<() => void> = [];

  constructor(private readonly commit: (batch: W[], queued: () => W[]) => Promise<void>) {}

  enqueue(waiter: W): void {
    this.waiting.push(waiter);
    if (!this.busy) void this.drain();
  }

  /** Settles when every batch asked for so far has been written (or has failed). */
  idle(): Promise<void> {
    if (!this.busy && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idlers.push(resolve));
  }

  private async drain(): Promise<void> {
    this.busy = true;
    const queued = () => {
      const taken = this.waiting;
      this.waiting = [];
      return taken;
    };
    while (this.waiting.length > 0) await this.commit(queued(), queued);
    this.busy = false;
    const idlers = this.idlers;
    this.idlers = [];
    for (const resolve of idlers) resolve();
  }
}
