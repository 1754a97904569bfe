/**
 * What only the PostgreSQL store has to show (issue #13): its migrations, several processes (here: several pools) on
 * one database at once, the rate-limit counts they share, and failures of the database turned into StorageError.
 */
import { randomBytes } from 'node:crypto';
import express from 'express';
import { rateLimit, type Options } from 'express-rate-limit';
import pg from 'pg';
import request from 'supertest';
import { createLogger, type Logger } from '../src/http/log';
import { sha256 } from '../src/store/blobs';
import { StorageError } from '../src/store/fs';
import type { VersionDraft } from '../src/store/port';
import { migrate, openPostgresStore, pendingMigrations, type PostgresStore } from '../src/store/postgres';
import { migrations, type Migration } from '../src/store/postgres/migrate';
import type { SubmissionRecord } from '../src/store/schema';
import { freshSchema, testDatabaseUrl, withAdmin } from './support/postgres';

const T0 = '2026-11-20T09:00:00.000Z';

function draft(regionId: string, municipalityId: string, idempotencyKey: string | null): VersionDraft {
  return {
    id: `v-${randomBytes(8).toString('hex')}`,
    regionId,
    municipalityId,
    submittedAt: T0,
    kind: 'json',
    fileName: null,
    fileHash: sha256(`file ${Math.random()}`),
    contentHash: sha256('content'),
    status: 'accepted',
    summary: { errors: 0, warnings: 0, infos: 0 },
    diagnosticsHash: sha256('[]'),
    idempotencyKey,
  };
}

async function seedRegion(store: PostgresStore, regionId: string, municipalityIds: string[]): Promise<void> {
  await store.createRegion({
    region: { id: regionId, name: regionId, deadline: null, template: null, createdAt: T0 },
    municipalities: municipalityIds.map((id) => ({ regionId, id, name: id, createdAt: T0 })),
    tokens: [],
  });
}

describe('the PostgreSQL store', () => {
  let schema: string;
  let drop: () => Promise<void>;
  const opened: PostgresStore[] = [];
  const open = async (options: { now?: () => Date; rateLimitNow?: () => Date; migrate?: boolean; log?: Logger } = {}) => {
    const store = await openPostgresStore({ connectionString: testDatabaseUrl(), schema, poolSize: 4, ...options });
    opened.push(store);
    return store;
  };
  const recorded = () =>
    withAdmin(async (c) => (await c.query(`select version, name from "${schema}".svod_schema_migrations order by version`)).rows as Array<{ version: number; name: string }>);

  beforeEach(async () => {
    ({ schema, drop } = await freshSchema());
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await drop();
  });

  describe('migrations', () => {
    it('reads the numbered .sql files beside the code', () => {
      expect(migrations().map(({ version, name }) => ({ version, name }))).toEqual([{ version: 1, name: 'initial' }]);
    });

    it('creates the schema on first open, applies each migration once and records it', async () => {
      const store = await open();
      expect(await recorded()).toEqual(migrations().map(({ version, name }) => ({ version, name })));
      expect(await migrate(store.pool, schema)).toEqual([]);
      expect(await pendingMigrations(store.pool, schema)).toEqual([]);
      const tables = await withAdmin(async (c) => (await c.query(`select tablename from pg_tables where schemaname = $1 order by tablename`, [schema])).rows.map((r) => r.tablename));
      expect(tables).toEqual(['audit_events', 'blobs', 'municipalities', 'rate_limits', 'regions', 'submissions', 'svod_schema_migrations', 'tokens']);
      await store.close();
      await open(); // a second start finds nothing to do
      expect(await recorded()).toHaveLength(migrations().length);
    });

    it('applies a migration once when two processes start together', async () => {
      // A slow second migration: without the lock both would run it, and the second CREATE TABLE would fail.
      const known: Migration[] = [...migrations(), { version: migrations().length + 1, name: 'slow', sql: 'select pg_sleep(0.3); create table slow_extra (id int);' }];
      const pools = [new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 }), new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 })];
      try {
        const applied = await Promise.all(pools.map((p) => migrate(p, schema, known)));
        expect(applied.flat().sort()).toEqual(known.map((m) => m.version));
        expect(await recorded()).toEqual(known.map(({ version, name }) => ({ version, name })));
      } finally {
        await Promise.all(pools.map((p) => p.end()));
      }
    });

    it('opens twice at the same moment with one set of tables', async () => {
      const stores = await Promise.all([open(), open(), open()]);
      expect(stores).toHaveLength(3);
      expect(await recorded()).toEqual(migrations().map(({ version, name }) => ({ version, name })));
    });

    it('refuses a schema that a newer version of the server has migrated, in Russian', async () => {
      const store = await open();
      await store.close();
      await withAdmin((c) => c.query(`insert into "${schema}".svod_schema_migrations (version, name, applied_at) values (999, 'future', now())`));
      await expect(open()).rejects.toThrow(/более новой версией Svod.*версия схемы 999/);
      await expect(open({ migrate: false })).rejects.toThrow(/более новой версией Svod/);
    });

    it('refuses a schema that is behind when told not to migrate', async () => {
      await expect(open({ migrate: false })).rejects.toThrow(/не применены миграции 1/);
    });
  });

  describe('two processes on one database', () => {
    it('numbers versions 1..n per municipality and stores each idempotency key once, whichever process appends', async () => {
      // Under the municipality's lock no append loses a race: the unique keys behind it are never what orders them.
      const retries: string[] = [];
      const log = createLogger('debug', (line) => void (line.includes('retried') && retries.push(line)));
      const [a, b] = await Promise.all([open({ log }), open({ log })]);
      const municipalities = ['m1', 'm2', 'm3', 'm4'];
      await seedRegion(a, 'r', municipalities);
      const APPENDS = 25;
      const keyOf = (i: number) => (i % 5 === 4 ? `key-${i - 1}` : `key-${i}`); // every fifth append repeats the key before it
      const calls: Array<Promise<{ record: SubmissionRecord; created: boolean; key: string }>> = [];
      for (let i = 0; i < APPENDS; i++) {
        for (const [n, m] of municipalities.entries()) {
          const store = (i + n) % 2 === 0 ? a : b;
          const key = keyOf(i);
          calls.push(store.appendVersion('r', m, key, (state) => state.byKey ?? draft('r', m, key)).then((r) => ({ ...r, key })));
        }
      }
      const results = await Promise.all(calls);

      const unique = new Set(Array.from({ length: APPENDS }, (_, i) => keyOf(i))).size;
      for (const m of municipalities) {
        const versions = await a.submissions('r', m);
        expect(versions.map((v) => v.version).sort((x, y) => x - y)).toEqual(Array.from({ length: unique }, (_, i) => i + 1));
        expect(new Set(versions.map((v) => v.idempotencyKey)).size).toBe(unique);
        // Every answer for one key is the one version stored under it.
        const mine = results.filter((r) => r.record.municipalityId === m);
        for (const r of mine) expect(r.record).toEqual(versions.find((v) => v.idempotencyKey === r.key));
        expect(mine.filter((r) => r.created)).toHaveLength(unique);
      }
      expect((await b.latest('r')).get('m3')?.last?.version).toBe(unique);
      expect(retries).toEqual([]);
    });

    it('stores a blob put by both at once in one row', async () => {
      const [a, b] = await Promise.all([open(), open()]);
      const bytes = new Uint8Array(randomBytes(4096));
      const hashes = await Promise.all([a.blobs.put(bytes), b.blobs.put(bytes), a.blobs.put(bytes), b.blobs.put(bytes)]);
      expect(new Set(hashes)).toEqual(new Set([sha256(bytes)]));
      const rows = await withAdmin(async (c) => (await c.query(`select count(*)::int as n from "${schema}".blobs`)).rows[0].n);
      expect(rows).toBe(1);
      expect(Buffer.from(await b.blobs.get(sha256(bytes))).equals(Buffer.from(bytes))).toBe(true);
    });

    it('counts rate-limit hits of both in one fixed window per key', async () => {
      let clock = new Date('2026-11-20T09:00:00.000Z');
      const [a, b] = await Promise.all([open({ rateLimitNow: () => clock }), open({ rateLimitNow: () => clock })]);
      const [la, lb] = [a.rateLimitStore('login:')!, b.rateLimitStore('login:')!];
      const other = a.rateLimitStore('upload:')!;
      for (const s of [la, lb, other]) await s.init?.({ windowMs: 60_000 } as Options);
      expect(la.localKeys).toBe(false);

      const hits = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? la : lb).increment('10.0.0.1')));
      expect(hits.map((h) => h.totalHits).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      const resetTime = new Date('2026-11-20T09:01:00.000Z');
      for (const h of hits) expect(h.resetTime).toEqual(resetTime);
      expect(await lb.get!('10.0.0.1')).toEqual({ totalHits: 20, resetTime });
      expect(await other.get!('10.0.0.1')).toBeUndefined(); // another limiter's prefix
      await la.decrement('10.0.0.1');
      expect(await lb.get!('10.0.0.1')).toEqual({ totalHits: 19, resetTime });

      clock = new Date('2026-11-20T09:01:00.001Z'); // the window has ended: it starts again at the next hit
      expect(await lb.get!('10.0.0.1')).toBeUndefined();
      expect(await la.increment('10.0.0.1')).toEqual({ totalHits: 1, resetTime: new Date('2026-11-20T09:02:00.001Z') });
      await lb.resetKey('10.0.0.1');
      expect(await la.get!('10.0.0.1')).toBeUndefined();
    });

    it('limits requests to two servers together through express-rate-limit', async () => {
      const [a, b] = await Promise.all([open(), open()]);
      const app = (store: PostgresStore) =>
        express()
          .use(rateLimit({ windowMs: 60_000, limit: 3, standardHeaders: 'draft-8', legacyHeaders: false, store: store.rateLimitStore('api:')! }))
          .get('/', (_req, res) => void res.send('ok'));
      const servers = [app(a), app(b)];
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await request(servers[i % 2]!).get('/')).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    });
  });

  describe('failures', () => {
    it('says in Russian which server it could not reach, never the password', async () => {
      const refused = openPostgresStore({ connectionString: 'postgres://svod:very-secret-pw@127.0.0.1:1/svod', schema });
      await expect(refused).rejects.toThrow(/^Не удалось подключиться к PostgreSQL \(127\.0\.0\.1:1, база «svod»\): сервер не принимает подключения/);
      await refused.catch((e: Error) => expect(`${e.message} ${e.stack}`).not.toContain('very-secret-pw'));
      const url = new URL(testDatabaseUrl());
      url.pathname = '/no_such_database';
      await expect(openPostgresStore({ connectionString: url.toString(), schema })).rejects.toThrow(/такой базы данных нет/);
    });

    it('turns a failure of the database into a StorageError, and keeps the callers\' own errors as they are', async () => {
      const store = await open();
      await seedRegion(store, 'r', ['m1']);
      // An error of decide with a code that looks like a lost race is the caller's, not retried.
      const own = Object.assign(new Error('conflict of the caller'), { code: '40001' });
      let calls = 0;
      await expect(
        store.appendVersion('r', 'm1', null, () => {
          calls++;
          throw own;
        }),
      ).rejects.toBe(own);
      expect(calls).toBe(1);

      // A draft that breaks a unique key (its key stored already, but not asked for) is retried, then a StorageError.
      await store.appendVersion('r', 'm1', 'k', () => draft('r', 'm1', 'k'));
      calls = 0;
      const clash = store.appendVersion('r', 'm1', null, () => (calls++, draft('r', 'm1', 'k')));
      await expect(clash).rejects.toBeInstanceOf(StorageError);
      await expect(clash).rejects.toMatchObject({ what: 'appendVersion', status: 503 });
      expect(calls).toBeGreaterThan(1);
      expect(await store.submissions('r')).toHaveLength(1);
    });

    it('fails a change whose connection is killed under it with a StorageError, and goes on with new connections', async () => {
      const store = await open();
      await seedRegion(store, 'r', ['m1']);
      await withAdmin(async (admin) => {
        // Hold the row, so the store's change waits on its lock; then end the store's session while it waits.
        await admin.query('begin');
        await admin.query(`select 1 from "${schema}".regions where id = 'r' for update`);
        const change = store.updateRegion('r', (r) => void (r.name = 'changed'));
        const waiting = async (): Promise<number> => {
          for (let i = 0; i < 100; i++) {
            const rows = await admin.query(`select pid from pg_stat_activity where pg_backend_pid() = any(pg_blocking_pids(pid))`);
            if (rows.rows[0]) return rows.rows[0].pid as number;
            await new Promise((r) => setTimeout(r, 20));
          }
          throw new Error('the store never waited on the lock');
        };
        await admin.query('select pg_terminate_backend($1)', [await waiting()]);
        await expect(change).rejects.toBeInstanceOf(StorageError);
        await expect(change).rejects.toMatchObject({ what: 'updateRegion' });
        await admin.query('rollback');
      });
      expect((await store.region('r'))?.name).toBe('r');
      expect((await store.updateRegion('r', (r) => void (r.name = 'changed')))?.name).toBe('changed');
    });

    it('survives its idle connections being ended by the server', async () => {
      const store = await open();
      // Its own connections only: other suites share the server.
      const clients = await Promise.all(Array.from({ length: 3 }, () => store.pool.connect()));
      const pids = await Promise.all(clients.map(async (c) => (await c.query('select pg_backend_pid() as pid')).rows[0].pid as number));
      clients.forEach((c) => c.release());
      expect(store.pool.idleCount).toBe(3);
      await withAdmin((c) => c.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [pids]));
      for (let i = 0; i < 100 && store.pool.idleCount > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(store.pool.idleCount).toBe(0);
      expect(await store.regions()).toEqual([]);
    });

    it('answers with a StorageError once its pool is closed', async () => {
      const store = await open();
      await store.close();
      await expect(store.regions()).rejects.toBeInstanceOf(StorageError);
      await expect(store.blobs.get(sha256('x'))).rejects.toBeInstanceOf(StorageError);
      await expect(store.updateMunicipality('r', 'm1', () => undefined)).rejects.toBeInstanceOf(StorageError);
      await expect(store.audit.append({ action: 'x', actor: 'y' })).rejects.toBeInstanceOf(StorageError);
    });
  });
});
