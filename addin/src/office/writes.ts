/**
 * The add-in's own writes, marked so that Автопроверка does not hear them: Excel delivers the `onChanged` events of a
 * batch after the batch's `sync` has resolved, so the mark stays on for a settle time after each write. No sync of
 * its own: `sync` is the one write sync of the caller's batch.
 */
export class OwnWrites {
  private writing = 0;

  /** `settleMs`: how long after its own write the port still ignores change events. */
  constructor(private readonly settleMs: number) {}

  /** True while a write is in flight or settling. */
  get busy(): boolean {
    return this.writing > 0;
  }

  /** Runs one write `sync` with the mark on. */
  async sync(context: Excel.RequestContext): Promise<void> {
    this.writing++;
    try {
      await context.sync();
    } finally {
      setTimeout(() => {
        this.writing--;
      }, this.settleMs);
    }
  }
}
