/**
 * The PostgreSQL the tests use: SVOD_TEST_DATABASE_URL (CI's service, or the private cluster the jest global setup
 * starts with scripts/test-postgres.cjs). Each test works in a schema of its own, dropped afterwards, so suites run in
 * parallel against one database without seeing each other.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgresStore, type PostgresStore, type PostgresStoreOptions } from '../../src/store/postgres';

export function testDatabaseUrl(): string {
  const url = process.env.SVOD_TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'SVOD_TEST_DATABASE_URL is not set: the PostgreSQL tests need a database. Run them through jest (its global setup ' +
        'starts a private cluster with scripts/test-postgres.cjs), or start one with `node scripts/test-postgres.cjs` and set the URL it prints.',
    );
  }
  return url;
}

/** A pool of one connection for a test's own statements (creating and dropping schemas, looking at rows). */
export async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function uniqueSchemaName(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

/** A schema name no other test uses (not created: the store creates it), and how to drop it with everything in it. */
export async function freshSchema(): Promise<{ schema: string; drop(): Promise<void> }> {
  const schema = uniqueSchemaName();
  return {
    schema,
    drop: () => withAdmin(async (c) => void (await c.query(`drop schema if exists "${schema}" cascade`))),
  };
}

export type TestPostgresStore = PostgresStore & { close(): Promise<void> };

/** A store in a fresh schema; its `close()` ends the pool and drops the schema. */
export async function openTestPostgresStore(now?: () => Date, options: Partial<PostgresStoreOptions> = {}): Promise<TestPostgresStore> {
  const { schema, drop } = await freshSchema();
  let store: PostgresStore;
  try {
    store = await openPostgresStore({ connectionString: testDatabaseUrl(), schema, poolSize: 4, ...(now ? { now } : {}), ...options });
  } catch (e) {
    await drop();
    throw e;
  }
  const close = store.close.bind(store);
  let closing: Promise<void> | null = null;
  return Object.assign(store, {
    close: () => (closing ??= close().then(drop)),
  });
}
