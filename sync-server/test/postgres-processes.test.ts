/**
 * Evidence «several processes, one database» (issue #13): two real servers (`node --import tsx sync-server/src/server.ts`)
 * on one fresh PostgreSQL database, started at the same moment. They make one region and one coordinator token
 * between them; submissions spread over both, with the same request sent under one Idempotency-Key through both at
 * once, are numbered 1..N per municipality with no gap or repeat, each key is stored once, every 2xx names a stored
 * version; both give the same status and a byte-identical regional workbook; a token rotated through one is dead at
 * the other at once. The rows are read from the database, not through the servers.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { COORDINATOR, roadmapJson } from './helpers';
import { callApi, freePort, freshDatabase, RealServer, type ApiAnswer } from './real-server';
import { reportFigures } from './soak-report';
import { uniqueSchemaName } from './support/postgres';

const MUNICIPALITIES = 6;
const BODIES = 8;
/** Of each municipality's bodies, every second one goes through both processes at once under its key. */
const TWINNED = (i: number) => i % 2 === 0;
const IN_FLIGHT = 16;

const sha256 = (bytes: string) => createHash('sha256').update(bytes).digest('hex');

function roadmap(municipality: string, n: number): string {
  return roadmapJson([
    ['1', `Совещание руководителей школ ${municipality} № ${n}`, 'до 01.03.2026', 'Управление образования', 'Протокол совещания'],
    ['2', `Семинар для заместителей директоров ${municipality} № ${n}`, 'до 01.04.2026', 'Управление образования', 'Проведено'],
  ]);
}

interface Sent {
  municipality: string;
  n: number;
  key: string;
  hash: string;
  via: 'A' | 'B';
  answer: ApiAnswer;
}

interface StoredRow {
  id: string;
  municipality_id: string;
  version: number;
  idempotency_key: string | null;
  file_hash: string;
  submitted_at: string;
  seq: string;
}

/** Runs `jobs` with at most `limit` of them under way at once. */
async function inFlight<T>(jobs: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]!();
      }
    }),
  );
  return results;
}

describe('two server processes on one PostgreSQL database', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let db: pg.Pool;
  let a: RealServer;
  let b: RealServer;
  const tokens = new Map<string, string>();
  const sent: Sent[] = [];
  let elapsedMs = 0;

  beforeAll(async () => {
    database = await freshDatabase();
    db = new pg.Pool({ connectionString: database.url, max: 2 });
    const env = { SVOD_DATABASE_URL: database.url, SVOD_DATABASE_POOL: '6', SVOD_COORDINATOR_TOKEN: COORDINATOR, SVOD_DEMO: '0' };
    a = new RealServer(await freePort(), env);
    b = new RealServer(await freePort(), env);
    // At the same moment, on an empty database: both migrate, both find no region, both try to create it.
    a.start();
    b.start();
    await Promise.all([a.ready(), b.ready()]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.end();
    await database?.drop();
  });

  const rows = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await db.query<R>(sql, params)).rows;

  it('make one region, one coordinator token and one set of migrations between them when started together', async () => {
    expect(await rows('select id from regions')).toEqual([{ id: 'region' }]);
    const coordinators = await rows<{ revoked_at: string | null }>(`select revoked_at from tokens where role = 'coordinator'`);
    expect(coordinators).toEqual([{ revoked_at: null }]);
    expect((await rows('select version from svod_schema_migrations')).length).toBe(1);
    for (const server of [a, b]) expect((await callApi(server.port, 'GET', '/region/status', COORDINATOR)).status).toBe(200);
    // The tables are this database's own: nothing went to another schema.
    expect(await rows(`select distinct schemaname from pg_tables where schemaname not in ('pg_catalog', 'information_schema')`)).toEqual([{ schemaname: 'public' }]);
  });

  it(`number ${MUNICIPALITIES} × ${BODIES} submissions spread over both 1..N per municipality, and store a key sent through both at once once`, async () => {
    for (let m = 0; m < MUNICIPALITIES; m++) {
      const id = `m${m + 1}`;
      const res = await callApi(a.port, 'POST', '/municipalities', COORDINATOR, { body: { id, name: `Муниципальный район № ${m + 1}` } });
      expect(res.status).toBe(201);
      tokens.set(id, res.json!.token as string);
    }

    const jobs: Array<() => Promise<void>> = [];
    let turn = 0;
    for (let n = 0; n < BODIES; n++) {
      for (const [municipality, token] of tokens) {
        const body = roadmap(municipality, n);
        const key = `${municipality}-${n}`;
        const send = (via: 'A' | 'B') =>
          callApi(via === 'A' ? a.port : b.port, 'POST', '/submissions', token, { body, key }).then((answer) => void sent.push({ municipality, n, key, hash: sha256(body), via, answer }));
        const via: 'A' | 'B' = turn++ % 2 === 0 ? 'A' : 'B';
        jobs.push(TWINNED(n) ? () => Promise.all([send('A'), send('B')]).then(() => undefined) : () => send(via));
      }
    }
    const t0 = Date.now();
    await inFlight(jobs, IN_FLIGHT);
    elapsedMs = Date.now() - t0;

    const odd = sent.filter((s) => s.answer.status !== 200 && s.answer.status !== 201).map((s) => ({ key: s.key, via: s.via, status: s.answer.status, body: s.answer.body.toString('utf8').slice(0, 300) }));
    expect(odd).toEqual([]);
    expect(sent.filter((s) => s.via === 'A').length).toBeGreaterThan(0);
    expect(sent.filter((s) => s.via === 'B').length).toBeGreaterThan(0);

    const stored = await rows<StoredRow>('select id, municipality_id, version, idempotency_key, file_hash, submitted_at, seq from submissions order by seq');
    const byId = new Map(stored.map((r) => [r.id, r]));
    // Every 2xx names a stored version: this municipality's, this body's, under this key.
    for (const s of sent) {
      const row = byId.get(s.answer.json!.id as string);
      expect({ key: s.key, via: s.via, stored: row ? [row.municipality_id, row.version, row.idempotency_key, row.file_hash] : null }).toEqual({
        key: s.key,
        via: s.via,
        stored: [s.municipality, s.answer.json!.version, s.key, s.hash],
      });
    }
    // Nothing stored that nobody was told about, and every key once.
    expect(stored.length).toBe(MUNICIPALITIES * BODIES);
    expect(new Set(stored.map((r) => `${r.municipality_id}/${r.idempotency_key}`)).size).toBe(stored.length);
    // Per municipality, in commit (seq) order: 1..N, no gap, no repeat.
    for (const municipality of tokens.keys()) {
      const versions = stored.filter((r) => r.municipality_id === municipality).map((r) => r.version);
      expect({ municipality, versions }).toEqual({ municipality, versions: Array.from({ length: BODIES }, (_, i) => i + 1) });
      // A later version never shows an earlier time, though the two requests read the clock in the other order.
      const times = stored.filter((r) => r.municipality_id === municipality).map((r) => r.submitted_at);
      expect({ municipality, earlier: times.filter((t, i) => i > 0 && t < times[i - 1]!) }).toEqual({ municipality, earlier: [] });
    }
    // The same request through both at once: one version made (201), the other answer names it (200, duplicate).
    for (const municipality of tokens.keys()) {
      for (let n = 0; n < BODIES; n++) {
        if (!TWINNED(n)) continue;
        const pair = sent.filter((s) => s.municipality === municipality && s.n === n);
        const answers = pair.map((s) => [s.answer.status, s.answer.json!.duplicate]).sort();
        expect({ key: `${municipality}-${n}`, answers }).toEqual({ key: `${municipality}-${n}`, answers: [[200, true], [201, false]] });
        expect(new Set(pair.map((s) => s.answer.json!.id)).size).toBe(1);
      }
    }
    // Every version's bytes, content and findings are there.
    const missing = await rows(
      `select s.id, h.kind from submissions s
         cross join lateral (values ('file', s.file_hash), ('content', s.content_hash), ('diagnostics', s.diagnostics_hash)) as h(kind, hash)
         left join blobs b on b.hash = h.hash where b.hash is null`,
    );
    expect(missing).toEqual([]);
  }, 60_000);

  it('give the same status and a byte-identical regional workbook from either process', async () => {
    expect(sent.length).toBeGreaterThan(0); // the submissions above are what the workbook shows
    const [statusA, statusB] = await Promise.all([callApi(a.port, 'GET', '/region/status', COORDINATOR), callApi(b.port, 'GET', '/region/status', COORDINATOR)]);
    expect(statusA.status).toBe(200);
    expect(statusB.json).toEqual(statusA.json);
    expect((statusA.json!.municipalities as unknown[]).length).toBe(MUNICIPALITIES);
    const [bookA, bookB] = await Promise.all([callApi(a.port, 'GET', '/region/workbook.xlsx', COORDINATOR), callApi(b.port, 'GET', '/region/workbook.xlsx', COORDINATOR)]);
    expect([bookA.status, bookB.status]).toEqual([200, 200]);
    expect(bookA.body.length).toBeGreaterThan(1000);
    expect(bookB.body.equals(bookA.body)).toBe(true);
  });

  it('refuse a coordinator token at one process as soon as it was rotated through the other', async () => {
    const before = await callApi(b.port, 'GET', '/region/status', COORDINATOR);
    expect(before.status).toBe(200);
    const rotated = await callApi(a.port, 'POST', '/tokens/coordinator/rotate', COORDINATOR);
    expect(rotated.status).toBe(201);
    const fresh = rotated.json!.token as string;
    expect((await callApi(b.port, 'GET', '/region/status', COORDINATOR)).status).toBe(401);
    expect((await callApi(a.port, 'GET', '/region/status', COORDINATOR)).status).toBe(401);
    expect((await callApi(b.port, 'GET', '/region/status', fresh)).status).toBe(200);
    expect(await rows(`select count(*)::int as live from tokens where role = 'coordinator' and revoked_at is null`)).toEqual([{ live: 1 }]);

    reportFigures({
      suite: 'postgres-processes',
      processes: 2,
      municipalities: MUNICIPALITIES,
      submissions: MUNICIPALITIES * BODIES,
      requests: sent.length,
      viaA: sent.filter((s) => s.via === 'A').length,
      viaB: sent.filter((s) => s.via === 'B').length,
      inFlight: IN_FLIGHT,
      ms: elapsedMs,
    });
  });
});

/**
 * SVOD_DATABASE_URL may name the schema, the way node-postgres takes it: `?options=-c%20search_path%3D<schema>`.
 * The server then keeps its tables in that schema and nowhere else.
 */
describe('a server whose SVOD_DATABASE_URL names the schema in its search_path', () => {
  let server: RealServer | null = null;
  let database: Awaited<ReturnType<typeof freshDatabase>> | null = null;
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('migrates that schema, serves from it, and creates nothing in public', async () => {
    // A database of its own: whatever the server does with public stays there.
    database = await freshDatabase();
    const schema = uniqueSchemaName();
    const url = new URL(database.url);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    const tablesIn = async (name: string) => (await admin.query(`select tablename from pg_tables where schemaname = $1 order by tablename`, [name])).rows.map((r) => r.tablename as string);
    try {
      server = new RealServer(await freePort(), { SVOD_DATABASE_URL: url.toString(), SVOD_COORDINATOR_TOKEN: COORDINATOR, SVOD_DEMO: '0' });
      server.start();
      let failed: string | null = null;
      await server.ready(60_000).catch((e: Error) => (failed = e.message.split('\n').slice(0, 3).join(' | ')));
      expect({ failed, public: await tablesIn('public') }).toEqual({ failed: null, public: [] });
      expect((await callApi(server.port, 'GET', '/region/status', COORDINATOR)).status).toBe(200);
      expect(await tablesIn(schema)).toEqual(['audit_events', 'blobs', 'municipalities', 'rate_limits', 'regions', 'submissions', 'svod_schema_migrations', 'tokens']);
    } finally {
      await admin.end();
    }
  }, 90_000);
});
