/**
 * Where `npm run bench:scale` runs the servers: a PostgreSQL database (SVOD_BENCH_DATABASE_URL, else a throwaway
 * cluster from scripts/test-postgres.cjs), a fresh schema per size, and two identical server processes on it
 * (sync-server/test/real-server.ts), with their peak memory and the schema's size on disk.
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { freePort, RealServer } from '../../sync-server/test/real-server';

export interface Database {
  url: string;
  /** `private cluster` or `SVOD_BENCH_DATABASE_URL`. */
  where: string;
  stop(): Promise<void>;
}

export async function openDatabase(): Promise<Database> {
  const given = process.env.SVOD_BENCH_DATABASE_URL;
  if (given) return { url: given, where: 'SVOD_BENCH_DATABASE_URL', stop: async () => undefined };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script shared with the jest set-up
  const { start } = require('../../scripts/test-postgres.cjs') as { start(): Promise<{ url: string; stop(): Promise<void> }> };
  const cluster = await start();
  return { url: cluster.url, where: 'private cluster (fsync off, synchronous_commit off)', stop: () => cluster.stop() };
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A schema name nobody uses; the servers create it (their migrations do). */
export const freshSchemaName = (label: string) => `svod_scale_${label}_${randomBytes(4).toString('hex')}`;

export async function dropSchema(url: string, schema: string): Promise<void> {
  await withClient(url, (c) => c.query(`drop schema if exists "${schema}" cascade`));
}

/** The schema's tables with their indexes and TOAST, in bytes, largest first; and the whole database's size. */
export async function storageSize(url: string, schema: string): Promise<{ schemaBytes: number; databaseBytes: number; tables: Array<{ name: string; bytes: number }> }> {
  return withClient(url, async (c) => {
    const tables = await c.query<{ name: string; bytes: string }>(
      `select c.relname as name, pg_total_relation_size(c.oid) as bytes from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = $1 and c.relkind in ('r', 'p') order by 2 desc`,
      [schema],
    );
    const db = await c.query<{ bytes: string }>(`select pg_database_size(current_database()) as bytes`);
    const list = tables.rows.map((r) => ({ name: r.name, bytes: Number(r.bytes) }));
    return { schemaBytes: list.reduce((s, t) => s + t.bytes, 0), databaseBytes: Number(db.rows[0]!.bytes), tables: list };
  });
}

export interface ServerPair {
  servers: [RealServer, RealServer];
  ports: [number, number];
  /** VmHWM of each process, in MB (null once it is gone). */
  peakRssMb(): Array<number | null>;
  stop(): Promise<void>;
}

/**
 * Two processes of the real server on one schema. The first starts alone (its bootstrap creates the first region
 * with `coordinatorToken`), the second once the first serves, as a deployment behind a balancer would be brought up.
 */
export async function startServers(env: Record<string, string>): Promise<ServerPair> {
  const ports: [number, number] = [await freePort(), await freePort()];
  const servers = ports.map((port) => new RealServer(port, env)) as [RealServer, RealServer];
  const stop = async () => {
    await Promise.all(servers.map((s) => s.stop()));
  };
  try {
    servers[0].start();
    await servers[0].ready();
    servers[1].start();
    await servers[1].ready();
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    servers,
    ports,
    // RealServer keeps its child private (tests never needed the pid); the bench reads it for /proc.
    peakRssMb: () => servers.map((s) => vmHwmMb((Reflect.get(s, 'child') as ChildProcess | null)?.pid)),
    stop,
  };
}

function vmHwmMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}
