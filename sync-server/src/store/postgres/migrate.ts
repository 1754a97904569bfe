import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { quoteIdentifier } from './sql';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Read from the source tree, next to this file: the server runs from src (tsx), and no build step has to copy them.
 * Numbered `NNN_name.sql`, applied in number order; a number is never reused or changed once released.
 */
export const MIGRATIONS_DIR = join(__dirname, 'migrations');

export function migrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const found = readdirSync(dir)
    .map((file) => /^(\d+)_([A-Za-z0-9_-]+)\.sql$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ version: Number(m[1]), name: m[2]!, sql: readFileSync(join(dir, m[0]), 'utf8') }))
    .sort((a, b) => a.version - b.version);
  found.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations in ${dir} are not numbered 1..n: ${m.version} where ${i + 1} was expected`);
  });
  return found;
}

/**
 * One lock per schema, held for a migration's transaction: two processes starting together apply each migration once,
 * the second waiting and then seeing it recorded.
 */
const LOCK_SQL = `select pg_advisory_xact_lock(hashtextextended('svod_schema_migrations:' || $1, 0))`;

const VERSIONS_TABLE = 'svod_schema_migrations';

/** The database was made by a newer Svod: this one must not write to a schema it does not know. */
export class SchemaTooNewError extends Error {
  constructor(
    readonly schema: string,
    readonly databaseVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `Схема «${schema}» базы данных PostgreSQL обновлена более новой версией Svod (версия схемы ${databaseVersion}, ` +
        `эта версия сервера знает только до ${knownVersion}). Запустите сервер той версии, что обновила базу, или новее.`,
    );
  }
}

async function appliedVersions(client: PoolClient, schema: string): Promise<Set<number>> {
  const table = await client.query<{ exists: boolean }>(`select to_regclass($1) is not null as exists`, [`${quoteIdentifier(schema)}.${VERSIONS_TABLE}`]);
  if (!table.rows[0]?.exists) return new Set();
  const rows = await client.query<{ version: number }>(`select version from ${quoteIdentifier(schema)}.${VERSIONS_TABLE}`);
  return new Set(rows.rows.map((r) => r.version));
}

function refuseNewer(schema: string, applied: Set<number>, known: Migration[]): void {
  const newest = Math.max(0, ...applied);
  const knownVersion = known.at(-1)?.version ?? 0;
  if (newest > knownVersion) throw new SchemaTooNewError(schema, newest, knownVersion);
}

/** The migrations the schema has not had yet; refuses (SchemaTooNewError) a schema newer than this code. */
export async function pendingMigrations(pool: Pool, schema: string, known: Migration[] = migrations()): Promise<Migration[]> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A dead connection fails the query under way; without a listener its 'error' event would end the process.
  const onError = (e: Error) => (broken = e);
  client.on('error', onError);
  try {
    const applied = await appliedVersions(client, schema);
    refuseNewer(schema, applied, known);
    return known.filter((m) => !applied.has(m.version));
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

/**
 * Brings the schema up to date: creates it when missing, then applies each pending migration in its own transaction
 * under the schema's advisory lock, recording it in `svod_schema_migrations`. Gives the versions this call applied
 * (none when another process got there first).
 */
export async function migrate(pool: Pool, schema: string, known: Migration[] = migrations()): Promise<number[]> {
  // Up to date (every start but the first after an upgrade): no lock, nothing created, no CREATE right needed.
  if ((await pendingMigrations(pool, schema, known)).length === 0) return [];
  const applied: number[] = [];
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (e: Error) => (broken = e);
  client.on('error', onError);
  try {
    for (const migration of known) {
      await client.query('begin');
      try {
        await client.query(LOCK_SQL, [schema]);
        const done = await prepare(client, schema);
        refuseNewer(schema, done, known);
        if (done.has(migration.version)) {
          await client.query('commit');
          continue;
        }
        await client.query(`set local search_path to ${quoteIdentifier(schema)}`);
        await client.query(migration.sql);
        await client.query(`insert into ${VERSIONS_TABLE} (version, name, applied_at) values ($1, $2, now())`, [migration.version, migration.name]);
        await client.query('commit');
        applied.push(migration.version);
      } catch (e) {
        await client.query('rollback').catch((rollback: Error) => (broken = rollback));
        throw e;
      }
    }
    return applied;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

/** Under the lock: the schema and the versions table exist (made here when not), and the versions applied so far. */
async function prepare(client: PoolClient, schema: string): Promise<Set<number>> {
  // Looked up first: CREATE SCHEMA IF NOT EXISTS wants the CREATE right even when the schema is there already.
  const exists = await client.query(`select 1 from pg_namespace where nspname = $1`, [schema]);
  if (!exists.rowCount) await client.query(`create schema ${quoteIdentifier(schema)}`);
  await client.query(
    `create table if not exists ${quoteIdentifier(schema)}.${VERSIONS_TABLE} (version integer primary key, name text not null, applied_at timestamptz not null)`,
  );
  return appliedVersions(client, schema);
}
