import type { ClientRateLimitInfo, Options, Store as RateLimitStore } from 'express-rate-limit';
import type { Logger } from '../../http/log';
import type { Db } from './db';

/** Rows of windows that ended are deleted at most this often, by whichever limiter counts a hit then. */
const SWEEP_EVERY_MS = 60_000;

/**
 * express-rate-limit's counts in the `rate_limits` table, shared by every process: a fixed window per key, as its
 * MemoryStore keeps them. The count is one upsert, so hits of two processes at the same moment are both counted.
 * (Hand-written rather than a package: one migration set for the whole schema.)
 */
export class PostgresRateLimitStore implements RateLimitStore {
  readonly localKeys = false;
  private windowMs = 60_000;
  private lastSweep = 0;

  constructor(
    private readonly db: Db,
    readonly prefix: string,
    private readonly now: () => Date,
    private readonly log?: Logger,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const rows = await this.db.query<{ hits: number; reset_at: Date }>('rate limit', 'select hits, reset_at from rate_limits where key = $1 and reset_at > $2', [
      this.prefix + key,
      this.now(),
    ]);
    const row = rows[0];
    return row ? { totalHits: row.hits, resetTime: row.reset_at } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = this.now();
    this.sweep(now);
    // A window that has ended starts again at this hit; otherwise the hit is counted in it.
    const rows = await this.db.query<{ hits: number; reset_at: Date }>(
      'rate limit',
      `insert into rate_limits (key, hits, reset_at) values ($1, 1, $3)
       on conflict (key) do update set
         hits = case when rate_limits.reset_at <= $2 then 1 else rate_limits.hits + 1 end,
         reset_at = case when rate_limits.reset_at <= $2 then excluded.reset_at else rate_limits.reset_at end
       returning hits, reset_at`,
      [this.prefix + key, now, new Date(now.getTime() + this.windowMs)],
    );
    const row = rows[0]!;
    return { totalHits: row.hits, resetTime: row.reset_at };
  }

  async decrement(key: string): Promise<void> {
    await this.db.query('rate limit', 'update rate_limits set hits = hits - 1 where key = $1 and reset_at > $2 and hits > 0', [this.prefix + key, this.now()]);
  }

  async resetKey(key: string): Promise<void> {
    await this.db.query('rate limit', 'delete from rate_limits where key = $1', [this.prefix + key]);
  }

  async resetAll(): Promise<void> {
    await this.db.query('rate limit', 'delete from rate_limits where starts_with(key, $1)', [this.prefix]);
  }

  /** Deletes ended windows now and then, in the background: a failure here costs nothing but a few rows. */
  private sweep(now: Date): void {
    if (now.getTime() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now.getTime();
    this.db.query('rate limit sweep', 'delete from rate_limits where reset_at <= $1', [now]).catch((e: unknown) =>
      this.log?.warn('rate-limit sweep failed', { error: e instanceof Error ? e.message : String(e) }),
    );
  }
}
