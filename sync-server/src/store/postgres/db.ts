import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { isRetryable, storeFailure } from './errors';

/** How often a transaction that lost a race (unique key, serialisation, deadlock) is run again before it fails. */
const ATTEMPTS = 5;

/**
 * The pool as the store uses it: every failure comes out as the caller's own error (from its callback) or a
 * StorageError naming the operation.
 */
export class Db {
  constructor(readonly pool: Pool) {}

  async query<R extends QueryResultRow>(what: string, sql: string, params: unknown[] = []): Promise<R[]> {
    try {
      return (await this.pool.query<R>(sql, params)).rows;
    } catch (e) {
      throw storeFailure(what, e);
    }
  }

  /**
   * Runs `work` in one transaction (READ COMMITTED: row locks taken with FOR UPDATE order the writers). A failed
   * attempt is rolled back; one that lost a race is run again from the start, `work` included.
   */
  async transaction<T>(what: string, work: (client: PoolClient) => Promise<T>, onRetry?: (e: unknown, attempt: number) => void): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(work);
      } catch (e) {
        if (attempt < ATTEMPTS && isRetryable(e)) {
          onRetry?.(e, attempt);
          continue;
        }
        throw storeFailure(what, e);
      }
    }
  }

  private async once<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A checked-out client's connection may die between two queries (the server restarts, an administrator ends the
    // session): pg then emits 'error' on the client, which without a listener would end the process. The query under
    // way, or the next one, fails all the same, and that is the failure reported.
    let lost: Error | undefined;
    const onError = (e: Error) => (lost = e);
    client.on('error', onError);
    try {
      await client.query('begin');
      const result = await work(client);
      await client.query('commit');
      return result;
    } catch (e) {
      // A statement that timed out left the connection in no known state (the server may be frozen): it is dropped
      // unasked, which ends the transaction, rather than waiting out a rollback as long again.
      if (!lost && isQueryTimeout(e)) lost = e as Error;
      if (!lost) await client.query('rollback').catch((rollback: Error) => (lost = rollback));
      throw e;
    } finally {
      client.off('error', onError);
      // A client whose connection failed is destroyed, not put back in the pool.
      client.release(lost);
    }
  }
}

/** node-postgres's own error for a statement past `query_timeout`. */
function isQueryTimeout(e: unknown): boolean {
  return e instanceof Error && e.message === 'Query read timeout';
}
