/**
 * Evidence «Storage faults» (issue #8): the real store on a file system that fails on cue (`FaultyFs`, through the
 * store's fs seam): a write, an fsync, a rename, a full disk, a read-only disk. A failed write never gets a 2xx — the
 * client gets 503 and a Russian «try again» — nothing of it stays in memory, the store stays readable, and once the
 * disk works again the same request goes through and the regional workbook builds.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app';
import { bootstrap } from '../src/bootstrap';
import { createLogger } from '../src/http/log';
import { openStore, type LowdbStore as Store } from '../src/store/store';
import { closeParsePool } from '../src/uploads/parse-xlsx';
import { FaultyFs, type FaultRule } from './fault-fs';
import { call, serveLocally, type Answer } from './real-server';
import { reportFigures, runSeed, seeded, SOAK } from './soak-report';
import { assertSafeWorkbook } from './support/scan-workbook';

const COORDINATOR = 'svod_faults-coordinator-token-0123456789abcdef';
const STORAGE_FAILED = {
  code: 'storage-failed',
  message: 'Не удалось сохранить данные на диске сервера, попробуйте ещё раз через несколько минут. Если ошибка повторится, сообщите администратору сервера.',
};

const BLOB_TEMP = /blobs\/[0-9a-f]{2}\/\.[0-9a-f]{64}\.\d+\.[0-9a-f-]+\.tmp$/;
const DB_TEMP = /\/\.db\.json\.\d+\.[0-9a-f-]+\.tmp$/;

/** Figures for `npm run soak`, summed over the suite's tests. */
const figures = { faultsInjected: 0, refused503: 0, acknowledged: 0, lost: 0, other5xx: 0 };
const started = Date.now();

interface FaultServer {
  dir: string;
  fs: FaultyFs;
  store: Store;
  port: number;
  tokens: Record<string, string>;
  submit(municipality: string, bytes: Buffer, key: string): Promise<Answer>;
  get(path: string, token?: string): Promise<Answer>;
  close(): Promise<void>;
}

/** A region with the demo template, municipalities alpha, beta and gamma, on a store over a `FaultyFs`. */
async function faultServer(random: () => number = Math.random): Promise<FaultServer> {
  const dir = mkdtempSync(join(tmpdir(), 'svod-faults-'));
  const fs = new FaultyFs(random);
  const now = new Date('2026-11-20T09:00:00Z');
  const store = await openStore(dir, () => now, { fs });
  const log = createLogger('silent');
  await bootstrap(store, { regionName: 'Камчатский край', coordinatorToken: COORDINATOR, demo: true, now }, log);
  const app = createApp({ store, log, now: () => now, rateLimitPerMinute: false });
  const http = await serveLocally(app);
  const port = http.port;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const tokens: Record<string, string> = {};
  for (const id of ['alpha', 'beta', 'gamma']) {
    const res = await call(port, 'POST', '/api/v1/municipalities', {
      headers: { ...auth(COORDINATOR), 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify({ id, name: `Муниципалитет ${id}` })),
    });
    expect(res.status).toBe(201);
    tokens[id] = (JSON.parse(res.body.toString()) as { token: string }).token;
  }
  return {
    dir,
    fs,
    store,
    port,
    tokens,
    submit: (m, bytes, key) =>
      call(port, 'POST', '/api/v1/submissions', { headers: { ...auth(tokens[m]!), 'content-type': 'application/json', 'idempotency-key': key }, body: bytes }),
    get: (path, token = COORDINATOR) => call(port, 'GET', path, { headers: auth(token) }),
    async close() {
      await http.close();
      await store.close();
    },
  };
}

function roadmap(label: string): Buffer {
  const rows = [['№', 'Мероприятие', 'Срок', 'Исполнитель'], ['1.', `Совещание руководителей школ (${label})`, 'март 2026 г.', 'Управление образования']];
  return Buffer.from(JSON.stringify({ sheets: [{ name: 'Дорожная карта', rows }] }));
}

const json = <T>(a: Answer) => JSON.parse(a.body.toString('utf8')) as T;
const tempFiles = (dir: string) => readdirSync(dir, { recursive: true }).map(String).filter((n) => n.endsWith('.tmp'));
const onDisk = (dir: string) => JSON.parse(readFileSync(join(dir, 'db.json'), 'utf8')) as { submissions: Array<{ id: string; municipalityId: string; version: number; fileHash: string }> };

/** Closes the faulty server and opens its directory again on the real file system: what a restart would find. */
async function reopen(s: FaultServer): Promise<Store> {
  await s.close();
  return openStore(s.dir);
}

afterAll(async () => {
  await closeParsePool();
  reportFigures({ suite: 'storage-faults', ...figures, '5xx': figures.other5xx, seconds: Math.round((Date.now() - started) / 1000) });
});

describe('a submission while the disk fails', () => {
  let s: FaultServer;
  beforeEach(async () => {
    s = await faultServer();
  });
  afterEach(() => rmSync(s.dir, { recursive: true, force: true }));

  const cases: Array<[string, FaultRule[]]> = [
    ['the original file cannot be written (EIO)', [{ op: 'write', path: BLOB_TEMP, code: 'EIO' }]],
    ['a stored file cannot be fsynced', [{ op: 'fsync', path: BLOB_TEMP, code: 'EIO' }]],
    ['a stored file cannot be renamed into place', [{ op: 'rename', path: BLOB_TEMP, code: 'EIO' }]],
    ['db.json cannot be written', [{ op: 'write', path: DB_TEMP, code: 'EIO' }]],
    ['db.json cannot be fsynced', [{ op: 'fsync', path: DB_TEMP, code: 'EIO' }]],
    ['db.json cannot be renamed into place', [{ op: 'rename', path: DB_TEMP, code: 'EIO' }]],
    [
      'the disk is full (ENOSPC; writes cut short half-way)',
      [
        { op: 'write', code: 'ENOSPC', partial: true },
        { op: 'mkdir', code: 'ENOSPC' },
      ],
    ],
    [
      'the file system went read-only (EROFS)',
      [
        { op: 'open', code: 'EROFS' },
        { op: 'rename', code: 'EROFS' },
        { op: 'mkdir', code: 'EROFS' },
      ],
    ],
  ];

  it.each(cases)('never gets a 2xx when %s, leaves nothing behind, and goes through once the disk works', async (_case, rules) => {
    for (const rule of rules) s.fs.inject(rule);
    const bytes = roadmap('alpha');
    const refused = await s.submit('alpha', bytes, 'alpha-1');
    figures.faultsInjected += s.fs.injected;
    expect(s.fs.injected).toBeGreaterThan(0);
    expect({ status: refused.status, body: json(refused) }).toEqual({ status: 503, body: { error: STORAGE_FAILED } });
    expect(refused.headers['retry-after']).toBe('30');
    figures.refused503++;

    // Nothing of it in memory or on disk, and everything still reads — while the disk is still failing.
    expect(json<{ submissions: unknown[] }>(await s.get('/api/v1/submissions', s.tokens.alpha)).submissions).toEqual([]);
    const status = await s.get('/api/v1/region/status');
    expect(status.status).toBe(200);
    expect(json<{ inSvod: number }>(status).inSvod).toBe(0);
    expect((await s.get('/api/v1/region/workbook.xlsx')).status).toBe(200);
    expect(onDisk(s.dir).submissions).toEqual([]);
    expect(tempFiles(s.dir)).toEqual([]);

    s.fs.clear();
    const again = await s.submit('alpha', bytes, 'alpha-1');
    expect(again.status).toBe(201);
    expect(json<{ version: number; status: string }>(again)).toMatchObject({ version: 1, status: 'accepted' });
    const other = await s.submit('beta', roadmap('beta'), 'beta-1');
    expect(other.status).toBe(201);
    figures.acknowledged += 2;
    const book = await s.get('/api/v1/region/workbook.xlsx');
    expect(book.status).toBe(200);
    expect(book.body.subarray(0, 2).toString('latin1')).toBe('PK');
    await assertSafeWorkbook(book.body);
    expect(json<{ inSvod: number }>(await s.get('/api/v1/region/status')).inSvod).toBe(2);

    const restarted = await reopen(s);
    try {
      const stored = restarted.db.data.submissions;
      expect(stored.map((x) => [x.municipalityId, x.version, x.idempotencyKey])).toEqual([
        ['alpha', 1, 'alpha-1'],
        ['beta', 1, 'beta-1'],
      ]);
      expect(Buffer.from(await restarted.blobs.get(stored[0]!.fileHash)).equals(bytes)).toBe(true);
    } finally {
      await restarted.close();
    }
  });

  it('has the new db.json on disk but not in memory when only the directory fsync after the rename fails, and converges', async () => {
    // The rename is done, so the file may hold the version; it is not known to be durable, so the client is told
    // 503 and memory goes back. The next write replaces the file with what memory holds: one version, not two.
    s.fs.inject({ op: 'fsync', path: new RegExp(`^${s.dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), code: 'EIO', times: 1 });
    const bytes = roadmap('alpha');
    const refused = await s.submit('alpha', bytes, 'alpha-1');
    figures.faultsInjected += s.fs.injected;
    expect(s.fs.injected).toBe(1);
    expect(refused.status).toBe(503);
    figures.refused503++;
    expect(json<{ submissions: unknown[] }>(await s.get('/api/v1/submissions', s.tokens.alpha)).submissions).toEqual([]);

    const again = await s.submit('alpha', bytes, 'alpha-1');
    expect(again.status).toBe(201);
    figures.acknowledged++;
    const id = json<{ id: string }>(again).id;
    expect(onDisk(s.dir).submissions.map((x) => [x.id, x.version])).toEqual([[id, 1]]);
    await (await reopen(s)).close();
  });

  it('answers 503 when only the audit line cannot be written, and the resend gets the stored version back (200)', async () => {
    // The version is committed before its audit line: a failing audit cannot undo it, so the answer says «try
    // again», the resend with the same key finds it, and the line is written when the disk works again.
    s.fs.inject({ op: 'write', path: /audit\.jsonl$/, code: 'ENOSPC', partial: true });
    const bytes = roadmap('alpha');
    const refused = await s.submit('alpha', bytes, 'alpha-1');
    figures.faultsInjected += s.fs.injected;
    expect(s.fs.injected).toBeGreaterThan(0);
    expect({ status: refused.status, body: json(refused) }).toEqual({ status: 503, body: { error: STORAGE_FAILED } });
    figures.refused503++;
    const listed = json<{ submissions: Array<{ id: string; version: number }> }>(await s.get('/api/v1/submissions', s.tokens.alpha)).submissions;
    expect(listed.map((x) => x.version)).toEqual([1]);

    s.fs.clear();
    const resend = await s.submit('alpha', bytes, 'alpha-1');
    expect(resend.status).toBe(200);
    expect(json<{ id: string; version: number; duplicate: boolean }>(resend)).toEqual(expect.objectContaining({ id: listed[0]!.id, version: 1, duplicate: true }));
    expect((await s.submit('beta', roadmap('beta'), 'beta-1')).status).toBe(201);
    figures.acknowledged += 2;
    await s.close();

    // Every line whole (the half line the full disk left was cut off), each submission recorded once.
    const lines = readFileSync(join(s.dir, 'audit.jsonl'), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    const events = lines.map((l) => JSON.parse(l) as { action: string; target?: string });
    expect(events.filter((e) => e.action === 'submission').map((e) => e.target)).toEqual([listed[0]!.id, expect.any(String)]);
  });

  it('keeps exactly the versions that got a 2xx when two municipalities commit at once and db.json fails once', async () => {
    s.fs.inject({ op: 'rename', path: DB_TEMP, code: 'EIO', times: 1 });
    const sent = { alpha: roadmap('alpha'), beta: roadmap('beta') };
    const answers = await Promise.all((['alpha', 'beta'] as const).map((m) => s.submit(m, sent[m], `${m}-1`)));
    figures.faultsInjected += s.fs.injected;
    expect(s.fs.injected).toBe(1);
    expect(answers.map((a) => a.status).sort()).toContain(503);
    for (const a of answers) expect([201, 503]).toContain(a.status);
    const ok = answers.filter((a) => a.status === 201).map((a) => json<{ id: string }>(a).id);
    figures.refused503 += answers.length - ok.length;
    const inMemory = s.store.db.data.submissions.map((x) => x.id);
    expect(inMemory.sort()).toEqual([...ok].sort());
    expect(onDisk(s.dir).submissions.map((x) => x.id).sort()).toEqual([...ok].sort());

    const resent = await Promise.all((['alpha', 'beta'] as const).map((m) => s.submit(m, sent[m], `${m}-1`)));
    expect(resent.map((a) => a.status).every((x) => x === 200 || x === 201)).toBe(true);
    figures.acknowledged += 2;
    const restarted = await reopen(s);
    try {
      expect(restarted.db.data.submissions.map((x) => [x.municipalityId, x.version]).sort()).toEqual([
        ['alpha', 1],
        ['beta', 1],
      ]);
    } finally {
      await restarted.close();
    }
  });
});

describe('a coordinator’s change while db.json fails', () => {
  let s: FaultServer;
  beforeEach(async () => {
    s = await faultServer();
  });
  afterEach(async () => {
    await s.close().catch(() => undefined);
    rmSync(s.dir, { recursive: true, force: true });
  });
  const post = (path: string, body?: unknown) =>
    call(s.port, 'POST', path, {
      headers: { authorization: `Bearer ${COORDINATOR}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: Buffer.from(JSON.stringify(body)) }),
    });

  it('is not kept: a municipality registered during the fault does not exist, and registering it again works', async () => {
    const ids = async () => json<{ municipalities: Array<{ id: string }> }>(await s.get('/api/v1/municipalities')).municipalities.map((m) => m.id).sort();
    const before = await ids();
    expect(before).toContain('alpha');
    s.fs.inject({ op: 'rename', path: DB_TEMP, code: 'EIO', times: 1 });
    const refused = await post('/api/v1/municipalities', { id: 'delta', name: 'Муниципалитет delta' });
    figures.faultsInjected += s.fs.injected;
    expect({ status: refused.status, body: json(refused) }).toEqual({ status: 503, body: { error: STORAGE_FAILED } });
    figures.refused503++;
    expect(await ids()).toEqual(before);
    expect((await post('/api/v1/municipalities', { id: 'delta', name: 'Муниципалитет delta' })).status).toBe(201);
  });

  it('leaves the old token working when its rotation could not be stored', async () => {
    s.fs.inject({ op: 'fsync', path: DB_TEMP, code: 'EIO', times: 1 });
    const refused = await post('/api/v1/municipalities/alpha/token');
    figures.faultsInjected += s.fs.injected;
    expect(refused.status).toBe(503);
    figures.refused503++;
    // Had memory kept the revocation, alpha would be locked out with a token nobody was given.
    expect((await s.get('/api/v1/submissions', s.tokens.alpha)).status).toBe(200);
    const rotated = await post('/api/v1/municipalities/alpha/token');
    expect(rotated.status).toBe(201);
    expect((await s.get('/api/v1/submissions', s.tokens.alpha)).status).toBe(401);
    expect((await s.get('/api/v1/submissions', json<{ token: string }>(rotated).token)).status).toBe(200);
  });
});

describe('a storm of random storage faults under three submitting municipalities', () => {
  const perClient = SOAK ? 150 : 15;

  it(`loses nothing that got a 2xx and numbers versions without gaps (${perClient} submissions each, seeded)`, async () => {
    const seed = runSeed();
    const random = seeded(seed);
    const s = await faultServer(random);
    try {
      // Every writing operation of the store fails now and then; reads never do.
      for (const op of ['open', 'write', 'fsync', 'rename'] as const) s.fs.inject({ op, code: random() < 0.5 ? 'EIO' : 'ENOSPC', probability: 0.04, partial: op === 'write' });
      const unexpected: string[] = [];
      let refused = 0;
      const acked = new Map<string, Array<{ id: string; version: number; bytes: Buffer }>>();
      await Promise.all(
        ['alpha', 'beta', 'gamma'].map(async (m) => {
          const mine: Array<{ id: string; version: number; bytes: Buffer }> = [];
          acked.set(m, mine);
          for (let n = 0; n < perClient; n++) {
            const bytes = roadmap(`${m} ${n}`);
            for (let attempt = 0; ; attempt++) {
              if (attempt > 200) throw new Error(`seed ${seed}: ${m} ${n} never got through`);
              const a = await s.submit(m, bytes, `${m}-${n}`);
              if (a.status === 503) {
                refused++;
                continue;
              }
              if (a.status === 200 || a.status === 201) {
                const body = json<{ id: string; version: number }>(a);
                mine.push({ id: body.id, version: body.version, bytes });
              } else {
                if (a.status >= 500) figures.other5xx++;
                unexpected.push(`${m}-${n}: ${a.status} ${a.body.toString().slice(0, 200)}`);
              }
              break;
            }
          }
        }),
      );
      const injected = s.fs.injected;
      s.fs.clear();
      figures.faultsInjected += injected;
      figures.refused503 += refused;
      const context = `seed ${seed} (SVOD_SEED=${seed} repeats it)`;
      expect({ unexpected, context }).toEqual({ unexpected: [], context });
      expect(injected).toBeGreaterThan(0);
      expect(refused).toBeGreaterThan(0);
      expect((await s.get('/api/v1/region/workbook.xlsx')).status).toBe(200);

      const restarted = await reopen(s);
      try {
        for (const [m, mine] of acked) {
          figures.acknowledged += mine.length;
          expect({ m, versions: mine.map((x) => x.version), context }).toEqual({ m, versions: mine.map((_, i) => i + 1), context });
          const stored = restarted.db.data.submissions.filter((x) => x.municipalityId === m).sort((a, b) => a.version - b.version);
          const lost = mine.filter((x) => !stored.some((y) => y.id === x.id)).length;
          figures.lost += lost;
          expect({ m, stored: stored.map((x) => [x.version, x.id]), context }).toEqual({ m, stored: mine.map((x) => [x.version, x.id]), context });
          for (const [i, x] of mine.entries()) expect(Buffer.from(await restarted.blobs.get(stored[i]!.fileHash)).equals(x.bytes)).toBe(true);
        }
      } finally {
        await restarted.close();
      }
    } finally {
      rmSync(s.dir, { recursive: true, force: true });
    }
  }, 120_000);
});
