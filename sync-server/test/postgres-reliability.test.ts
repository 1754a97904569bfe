/**
 * Evidence «crash and outage on PostgreSQL» (issue #13), with real server processes on a database of their own:
 *
 * - kill -9: two processes A and B serve municipalities submitting one after another, each request through one of
 *   them; A is killed at seeded moments while it has requests under way, B keeps serving, A is started again. A
 *   request that got no answer is sent again, with its Idempotency-Key, through the other process.
 * - outage: the database ends every connection of a running server (a failover), then refuses connections for a
 *   while. Meanwhile every answer is a 2xx or the storage 503, /healthz says 503; afterwards the same process serves
 *   again and the refused submissions go through when sent again.
 *
 * - a database that stops answering (a network partition: no reset, no refusal, silence), through a TCP proxy that
 *   stops passing bytes on: every request gets the storage 503 in bounded time, none hangs; once the bytes flow again
 *   the same process serves.
 *
 * Either way every acknowledged version is stored whole (its three blobs there), numbered 1..N per municipality, none
 * twice, and nothing is stored that no answer named. Rows are read from the database, not through the servers.
 * `npm test`: 4 kills, one outage; SVOD_SOAK=1: 40 kills. SVOD_SEED repeats a run's schedule.
 */
import { createHash } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';
import { COORDINATOR, roadmapJson } from './helpers';
import { call, callApi, freePort, freshDatabase, RealServer, sleep, type ApiAnswer } from './real-server';
import { reportFigures, runSeed, seeded, SOAK } from './soak-report';
import { testDatabaseUrl } from './support/postgres';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A roadmap different for every submission (identical content in a row would be a 200, not a new version). */
function roadmap(municipality: string, n: number): string {
  const items: string[][] = [];
  for (let r = 1; r <= 1 + (n % 3); r++) items.push([String(r), `Совещание руководителей школ ${municipality} № ${n}-${r}`, 'до 01.03.2026', 'Управление образования', 'Протокол']);
  return roadmapJson(items);
}

interface Acknowledged {
  n: number;
  key: string;
  hash: string;
  id: string;
  version: number;
  /** A 200 to a resend: an earlier attempt had been stored, its answer lost. */
  replay: boolean;
}

interface Odd {
  key: string;
  via: string;
  status: number;
  body: string;
}

/** What a run's clients may meet between a request and its answer, beyond a 2xx. */
class Tally {
  /** Requests that got no answer: refused, reset, cut off by a kill, or none in time. */
  unanswered = 0;
  answers = 0;
  storage503 = 0;
  rateLimited = 0;
  readonly serverErrors: Odd[] = [];
  readonly unexpected: Odd[] = [];
}

const STORAGE_ANSWER = {
  error: { code: 'storage-failed', message: 'База данных сервера сейчас не отвечает, попробуйте ещё раз через несколько минут. Если ошибка повторится, сообщите администратору сервера.' },
};

/**
 * One municipality submitting one version after another, each until it is acknowledged: a lost answer or a 503 is
 * followed by the same request under the same key (through `route`'s next choice).
 */
class Client {
  readonly acknowledged: Acknowledged[] = [];
  private stopping = false;

  constructor(
    readonly municipality: string,
    private readonly token: string,
    /** The process for the `attempt`-th try of the `n`-th submission. */
    private readonly route: (n: number, attempt: number) => { name: string; port: number },
    private readonly tally: Tally,
    private readonly inFlight: Map<string, number>,
    private readonly timeoutMs = 60_000,
    /**
     * Between two submissions: under the limit of 120 calls a minute per token (shared by the processes through the
     * database), or the run would measure waiting out the rate limit.
     */
    private readonly paceMs = 600,
  ) {}

  stop(): void {
    this.stopping = true;
  }

  async run(): Promise<void> {
    for (let n = 0; !this.stopping; n++) {
      if (n > 0) await sleep(this.paceMs);
      const body = roadmap(this.municipality, n);
      const key = `${this.municipality}-${n}`;
      for (let attempt = 0; ; attempt++) {
        if (attempt > 2_000) throw new Error(`${key}: not acknowledged after 2000 attempts`);
        const { name, port } = this.route(n, attempt);
        let answer: ApiAnswer;
        this.inFlight.set(name, (this.inFlight.get(name) ?? 0) + 1);
        try {
          answer = await callApi(port, 'POST', '/submissions', this.token, { body, key, timeoutMs: this.timeoutMs });
        } catch {
          this.tally.unanswered++;
          await sleep(20);
          continue;
        } finally {
          this.inFlight.set(name, this.inFlight.get(name)! - 1);
        }
        this.tally.answers++;
        const text = answer.body.toString('utf8');
        if (answer.status === 503 && answer.headers['retry-after'] === '30' && JSON.stringify(answer.json) === JSON.stringify(STORAGE_ANSWER)) {
          this.tally.storage503++;
          await sleep(50);
          continue; // nothing of it was kept: the same request again, under its key
        }
        if (answer.status >= 500) {
          this.tally.serverErrors.push({ key, via: name, status: answer.status, body: text.slice(0, 300) });
          await sleep(50);
          continue;
        }
        if (answer.status === 429) {
          this.tally.rateLimited++;
          await sleep(500);
          continue;
        }
        if (answer.status === 200 || answer.status === 201) {
          this.acknowledged.push({ n, key, hash: sha256(body), id: answer.json!.id as string, version: answer.json!.version as number, replay: answer.status === 200 });
        } else {
          this.tally.unexpected.push({ key, via: name, status: answer.status, body: text.slice(0, 300) });
        }
        break;
      }
    }
  }
}

interface StoredRow {
  id: string;
  municipality_id: string;
  version: number;
  idempotency_key: string | null;
  file_hash: string;
}

/**
 * What the database holds against what the clients were told: exactly the acknowledged versions, each with the bytes
 * sent, in order, 1..N per municipality, every key once, every version's blobs there.
 */
async function expectStoredAsAcknowledged(db: pg.Pool, clients: Client[], context: string): Promise<number> {
  const stored = (await db.query<StoredRow>('select id, municipality_id, version, idempotency_key, file_hash from submissions order by seq')).rows;
  let lost = 0;
  for (const c of clients) {
    const mine = stored.filter((r) => r.municipality_id === c.municipality);
    lost += c.acknowledged.filter((a) => !mine.some((r) => r.id === a.id)).length;
    // One after another: the n-th acknowledged is version n, and the database holds exactly those, in that order.
    expect({ context, municipality: c.municipality, told: c.acknowledged.map((a) => [a.n, a.version]) }).toEqual({
      context,
      municipality: c.municipality,
      told: c.acknowledged.map((_, i) => [i, i + 1]),
    });
    expect({ context, municipality: c.municipality, stored: mine.map((r) => [r.version, r.id, r.idempotency_key, r.file_hash]) }).toEqual({
      context,
      municipality: c.municipality,
      stored: c.acknowledged.map((a) => [a.version, a.id, a.key, a.hash]),
    });
  }
  expect(stored.length).toBe(clients.reduce((n, c) => n + c.acknowledged.length, 0));
  const halfStored = (
    await db.query(
      `select s.id, h.kind from submissions s
         cross join lateral (values ('file', s.file_hash), ('content', s.content_hash), ('diagnostics', s.diagnostics_hash)) as h(kind, hash)
         left join blobs b on b.hash = h.hash where b.hash is null`,
    )
  ).rows;
  expect({ context, halfStored }).toEqual({ context, halfStored: [] });
  return lost;
}

async function registerMunicipalities(port: number, count: number, prefix: string): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (let m = 1; m <= count; m++) {
    const id = `${prefix}${m}`;
    const res = await callApi(port, 'POST', '/municipalities', COORDINATOR, { body: { id, name: `Муниципальный район № ${m}` } });
    if (res.status !== 201) throw new Error(`registering ${id}: ${res.status} ${res.body.toString('utf8')}`);
    tokens.set(id, res.json!.token as string);
  }
  return tokens;
}

const KILLS = SOAK ? 40 : 4;
const CRASH_CLIENTS = 6;

describe('kill -9 of one of two processes under submitting municipalities', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>> | null = null;
  let db: pg.Pool | null = null;
  const servers: RealServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill()));
    await db?.end();
    await database?.drop();
  });

  it(
    `loses no acknowledged version across ${KILLS} kills of A while B serves, stores none twice or half, never answers 5xx`,
    async () => {
      const seed = runSeed();
      const random = seeded(seed);
      const context = `seed ${seed} (SVOD_SEED=${seed} repeats the schedule)`;
      const started = Date.now();
      database = await freshDatabase();
      db = new pg.Pool({ connectionString: database.url, max: 2 });
      const env = { SVOD_DATABASE_URL: database.url, SVOD_DATABASE_POOL: '6', SVOD_COORDINATOR_TOKEN: COORDINATOR, SVOD_DEMO: '0' };
      const a = new RealServer(await freePort(), env);
      const b = new RealServer(await freePort(), env);
      servers.push(a, b);
      a.start();
      b.start();
      await Promise.all([a.ready(), b.ready()]);

      const tokens = await registerMunicipalities(b.port, CRASH_CLIENTS, 'c');
      const tally = new Tally();
      const inFlight = new Map<string, number>();
      const both = [
        { name: 'A', port: a.port },
        { name: 'B', port: b.port },
      ];
      // Alternating by submission, and to the other process on every resend: a cut-off request at A goes to B next.
      const clients = [...tokens].map(([id, token], i) => new Client(id, token, (n, attempt) => both[(i + n + attempt) % 2]!, tally, inFlight));
      const running = clients.map((c) => c.run());
      const acknowledged = () => clients.reduce((n, c) => n + c.acknowledged.length, 0);

      let kills = 0;
      let requestsCutOff = 0;
      let acknowledgedWhileADown = 0;
      for (let k = 0; k < KILLS; k++) {
        // In the thick of it, at a seeded moment: once A has requests of its own under way.
        const busyA = async () => {
          for (let waited = 0; (inFlight.get('A') ?? 0) === 0 && waited < 30_000; waited += 2) await sleep(2);
        };
        await busyA();
        await sleep(Math.floor(random() * 400));
        await busyA();
        requestsCutOff += inFlight.get('A') ?? 0;
        await a.kill();
        kills++;
        const before = acknowledged();
        await sleep(300 + Math.floor(random() * 700));
        a.start();
        await a.ready();
        acknowledgedWhileADown += acknowledged() - before;
      }
      // A serves again: let every client get one more through, then stop.
      const target = clients.map((c) => c.acknowledged.length + 1);
      for (let waited = 0; clients.some((c, i) => c.acknowledged.length < target[i]!) && waited < 30_000; waited += 20) await sleep(20);
      for (const c of clients) c.stop();
      const failures = (await Promise.allSettled(running)).flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));

      const lost = await expectStoredAsAcknowledged(db, clients, context);

      // Resent once more with its key, through either process: the stored version again, not a new one.
      let resent = 0;
      for (const [i, c] of clients.entries()) {
        const last = c.acknowledged.at(-1)!;
        const again = await callApi(both[i % 2]!.port, 'POST', '/submissions', tokens.get(c.municipality)!, { body: roadmap(c.municipality, last.n), key: last.key });
        expect({ key: last.key, status: again.status, id: again.json?.id, duplicate: again.json?.duplicate }).toEqual({ key: last.key, status: 200, id: last.id, duplicate: true });
        resent++;
      }
      expect((await db.query('select count(*)::int as n from submissions')).rows[0].n).toBe(acknowledged());

      const exitCodes = [await a.stop(), await b.stop()];
      reportFigures({
        suite: 'postgres-crash',
        kills,
        requestsCutOff,
        acknowledged: acknowledged(),
        acknowledgedWhileADown,
        replays: clients.reduce((n, c) => n + c.acknowledged.filter((x) => x.replay).length, 0),
        unanswered: tally.unanswered,
        answers: tally.answers,
        rateLimited: tally.rateLimited,
        lost,
        '5xx': tally.serverErrors.length + tally.storage503,
        resent,
        seconds: Math.round((Date.now() - started) / 1000),
        seed,
      });

      expect({ failures, context }).toEqual({ failures: [], context });
      expect({ serverErrors: tally.serverErrors, storage503: tally.storage503, context }).toEqual({ serverErrors: [], storage503: 0, context });
      expect({ unexpected: tally.unexpected, context }).toEqual({ unexpected: [], context });
      expect(lost).toBe(0);
      expect(kills).toBe(KILLS);
      expect(exitCodes).toEqual([0, 0]);
      // The kills really cut requests off, and B really served while A was gone: otherwise they tested nothing.
      expect(requestsCutOff).toBeGreaterThanOrEqual(KILLS);
      expect(tally.unanswered).toBeGreaterThan(0);
      expect(acknowledgedWhileADown).toBeGreaterThan(0);
    },
    SOAK ? 1_800_000 : 120_000,
  );
});

const OUTAGE_CLIENTS = 3;
const FAILOVERS = 3;
const REFUSED_MS = 2_500;

describe('the database going away under a running server', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>> | null = null;
  let db: pg.Pool | null = null;
  let server: RealServer | null = null;
  let admin: pg.Client | null = null;
  afterAll(async () => {
    if (admin && database) await admin.query(`alter database ${database.name} allow_connections true`).catch(() => undefined);
    await admin?.end();
    await server?.kill();
    await db?.end();
    await database?.drop();
  });

  it(
    `answers the storage 503 (never a 500) while connections are ended ${FAILOVERS} times and then refused, acknowledges nothing it did not store, and serves again without a restart`,
    async () => {
      const started = Date.now();
      database = await freshDatabase();
      const env = { SVOD_DATABASE_URL: database.url, SVOD_DATABASE_POOL: '4', SVOD_COORDINATOR_TOKEN: COORDINATOR, SVOD_DEMO: '0' };
      const live = new RealServer(await freePort(), env);
      server = live;
      live.start();
      await live.ready();
      // The test's own connections are to the test database, not this one: ending this one's sessions spares them.
      admin = new pg.Client({ connectionString: testDatabaseUrl() });
      await admin.connect();
      const endSessions = async () =>
        (await admin!.query<{ n: number }>(`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [database!.name])).rows[0]!.n;

      const tokens = await registerMunicipalities(live.port, OUTAGE_CLIENTS, 'o');
      const tally = new Tally();
      const inFlight = new Map<string, number>();
      const only = { name: 'server', port: live.port };
      // A request that never gets an answer is a hang: 20 s is far beyond the pool's 10 s connection timeout.
      const clients = [...tokens].map(([id, token]) => new Client(id, token, () => only, tally, inFlight, 20_000));
      const running = clients.map((c) => c.run());
      const acknowledged = () => clients.reduce((n, c) => n + c.acknowledged.length, 0);
      const waitForAcknowledged = async (more: number) => {
        const until = acknowledged() + more;
        for (let waited = 0; acknowledged() < until && waited < 30_000; waited += 10) await sleep(10);
      };

      // A failover: every session of the server ended, under load.
      await waitForAcknowledged(OUTAGE_CLIENTS);
      let sessionsEnded = 0;
      for (let f = 0; f < FAILOVERS; f++) {
        for (let waited = 0; (inFlight.get('server') ?? 0) === 0 && waited < 10_000; waited += 5) await sleep(5);
        sessionsEnded += await endSessions();
        await waitForAcknowledged(OUTAGE_CLIENTS);
      }
      const acknowledgedAfterFailovers = acknowledged();

      // The database refuses connections for a while.
      await admin.query(`alter database ${database.name} allow_connections false`);
      sessionsEnded += await endSessions();
      const refusedAt = Date.now();
      const acknowledgedBefore = acknowledged();
      const healthDuring: Array<{ status: number; body: unknown }> = [];
      const statusDuring: Array<{ status: number; body: unknown }> = [];
      while (Date.now() - refusedAt < REFUSED_MS) {
        const h = await call(live.port, 'GET', '/healthz', { timeoutMs: 20_000 });
        healthDuring.push({ status: h.status, body: JSON.parse(h.body.toString('utf8')) });
        const s = await callApi(live.port, 'GET', '/region/status', COORDINATOR, { timeoutMs: 20_000 });
        statusDuring.push({ status: s.status, body: s.json });
        await sleep(200);
      }
      const acknowledgedDuring = acknowledged() - acknowledgedBefore;
      const storage503During = tally.storage503;
      await admin.query(`alter database ${database.name} allow_connections true`);
      const backAt = Date.now();

      // Back: the same process, not restarted, serves again, and the refused submissions go through.
      await live.ready(30_000);
      const recoveredMs = Date.now() - backAt;
      await waitForAcknowledged(OUTAGE_CLIENTS * 2);
      for (const c of clients) c.stop();
      const failures = (await Promise.allSettled(running)).flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));

      db = new pg.Pool({ connectionString: database.url, max: 2 });
      const lost = await expectStoredAsAcknowledged(db, clients, 'outage');

      reportFigures({
        suite: 'postgres-outage',
        failovers: FAILOVERS,
        sessionsEnded,
        refusedMs: REFUSED_MS,
        acknowledged: acknowledged(),
        acknowledgedAfterFailovers,
        acknowledgedDuring,
        storage503: tally.storage503,
        storage503During,
        healthChecksDuring: healthDuring.length,
        unanswered: tally.unanswered,
        lost,
        '5xx': tally.serverErrors.length,
        recoveredMs,
        seconds: Math.round((Date.now() - started) / 1000),
      });

      expect(failures).toEqual([]);
      expect(tally.serverErrors).toEqual([]);
      expect(tally.unexpected).toEqual([]);
      expect(tally.unanswered).toBe(0);
      expect(lost).toBe(0);
      // While refused: /healthz and the API say 503 with the storage message, nothing was acknowledged.
      expect(healthDuring.length).toBeGreaterThan(0);
      expect(healthDuring.filter((h) => !(h.status === 503 && JSON.stringify(h.body) === JSON.stringify(STORAGE_ANSWER)))).toEqual([]);
      expect(statusDuring.filter((s) => !(s.status === 503 && JSON.stringify(s.body) === JSON.stringify(STORAGE_ANSWER)))).toEqual([]);
      expect(acknowledgedDuring).toBe(0);
      expect(storage503During).toBeGreaterThan(0);
      // The sessions really were ended, and the process was never restarted.
      expect(sessionsEnded).toBeGreaterThanOrEqual(FAILOVERS + 1);
      expect({ running: live.running, starts: live.starts }).toEqual({ running: true, starts: 1 });
      expect(await live.stop()).toBe(0);
    },
    120_000,
  );
});

/**
 * A TCP proxy to PostgreSQL that can go silent: `freeze()` holds every byte either way (connections stay open, new
 * ones are accepted and hear nothing), `thaw()` passes on what was held and goes on.
 */
async function freezableProxy(target: URL): Promise<{ port: number; freeze(): void; thaw(): void; close(): Promise<void> }> {
  let frozen = false;
  const held: Array<() => void> = [];
  const sockets = new Set<net.Socket>();
  const forward = (from: net.Socket, to: net.Socket) =>
    from.on('data', (chunk: Buffer) => {
      if (frozen) held.push(() => to.write(chunk));
      else to.write(chunk);
    });
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined).on('close', () => (sockets.delete(s), client.destroy(), upstream.destroy()));
    }
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', ok));
  return {
    port: (server.address() as net.AddressInfo).port,
    freeze: () => void (frozen = true),
    thaw() {
      frozen = false;
      for (const send of held.splice(0)) send();
    },
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}

/** Far beyond the pool's 10 s connection timeout: an answer later than this is a hang. */
const SILENCE_BOUND_MS = 15_000;

describe('a database that stops answering under a running server', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>> | null = null;
  let proxy: Awaited<ReturnType<typeof freezableProxy>> | null = null;
  let server: RealServer | null = null;
  let db: pg.Pool | null = null;
  afterAll(async () => {
    proxy?.thaw();
    await server?.kill();
    await proxy?.close();
    await db?.end();
    await database?.drop();
  });

  it(`answers every request with the storage 503 within ${SILENCE_BOUND_MS / 1000} s while it is silent, and serves again once it answers`, async () => {
    database = await freshDatabase();
    proxy = await freezableProxy(new URL(database.url));
    const viaProxy = new URL(database.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const live = new RealServer(await freePort(), { SVOD_DATABASE_URL: viaProxy.toString(), SVOD_DATABASE_POOL: '4', SVOD_COORDINATOR_TOKEN: COORDINATOR, SVOD_DEMO: '0' });
    server = live;
    live.start();
    await live.ready();
    const tokens = await registerMunicipalities(live.port, 1, 's');
    const [municipality, token] = [...tokens][0]!;
    const body = roadmap(municipality, 0);
    // Connections opened and idle in the pool before the silence, as in a server that has been serving.
    await Promise.all(Array.from({ length: 4 }, () => callApi(live.port, 'GET', '/region/status', COORDINATOR)));

    proxy.freeze();
    const t0 = Date.now();
    const timed = (what: string, request: Promise<{ status: number; body: Buffer }>) =>
      request.then(
        (a) => ({ what, status: a.status, storage: a.body.toString('utf8') === JSON.stringify(STORAGE_ANSWER), ms: Date.now() - t0 }),
        (e: Error) => ({ what, status: 0, storage: false, ms: Date.now() - t0, error: e.message }),
      );
    const during = await Promise.all([
      timed('healthz', call(live.port, 'GET', '/healthz', { timeoutMs: SILENCE_BOUND_MS })),
      timed('healthz', call(live.port, 'GET', '/healthz', { timeoutMs: SILENCE_BOUND_MS })),
      timed('status', callApi(live.port, 'GET', '/region/status', COORDINATOR, { timeoutMs: SILENCE_BOUND_MS })),
      timed('status', callApi(live.port, 'GET', '/region/status', COORDINATOR, { timeoutMs: SILENCE_BOUND_MS })),
      timed('submission', callApi(live.port, 'POST', '/submissions', token, { body, key: 'silent-1', timeoutMs: SILENCE_BOUND_MS })),
      timed('submission', callApi(live.port, 'POST', '/submissions', token, { body: roadmap(municipality, 1), key: 'silent-2', timeoutMs: SILENCE_BOUND_MS })),
    ]);
    proxy.thaw();

    // Answering again: the same process serves, and what was refused goes through when sent again.
    await live.ready(30_000);
    const resent = await callApi(live.port, 'POST', '/submissions', token, { body, key: 'silent-1' });
    expect([200, 201]).toContain(resent.status);
    db = new pg.Pool({ connectionString: database.url, max: 1 });
    const stored = (await db.query(`select idempotency_key from submissions where idempotency_key = 'silent-1'`)).rows;
    expect(stored).toHaveLength(1);
    expect({ running: live.running, starts: live.starts }).toEqual({ running: true, starts: 1 });

    // Last, so that the recovery above is shown whatever the silence did.
    expect(during.filter((d) => !(d.status === 503 && d.storage))).toEqual([]);
  }, 90_000);
});
