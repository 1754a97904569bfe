/**
 * Evidence «Access matrix» (issue #8): every route of the app against every kind of caller. A municipality never sees
 * another's data (404, the same answer as for an id that does not exist), coordinator-only routes refuse municipality
 * tokens (403), missing, malformed, rotated and bogus tokens get 401, every refusal is in the audit log, and the rate
 * limit holds against a new bogus token on every request. `SVOD_SOAK=1` runs it with more municipalities and bogus
 * tokens; `SVOD_SOAK_REPORT=FILE` appends its figures to FILE as one JSON line.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { hashToken } from '../src/auth/tokens';
import request from 'supertest';
import { createApp } from '../src/app';
import { RefusalAudit } from '../src/auth/refusals';
import { createLogger } from '../src/http/log';
import { COORDINATOR, FEDERAL, servedRoutes, testServer, type TestServer, auditLog, auditText } from './helpers';
import { reportFigures, SOAK } from './soak-report';

const MUNICIPALITIES = SOAK ? 12 : 3;
/** Bogus tokens tried on each route, each one new. */
const BOGUS_PER_ROUTE = SOAK ? 25 : 2;
/** Failed authentications an address may make per minute in the rate-limit part, and how many times that it tries. */
const FAILED_LIMIT = SOAK ? 200 : 10;
const ATTEMPTS = FAILED_LIMIT * 3;

type Access = 'public' | 'signed-in' | 'any' | 'coordinator' | 'municipality' | 'own' | 'self' | 'federal';
interface Route {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  access: Access;
}

/**
 * Every route of the app, read from `src/app.ts` and `src/routes/*.ts`. `own`: open to both roles, a municipality
 * sees only its own versions; `self`: a municipality's own settings (`/municipalities/me/…`). The test below fails when a router has a route this list lacks, or the other way round.
 */
const ROUTES: readonly Route[] = [
  { method: 'get', path: '/healthz', access: 'public' },
  { method: 'get', path: '/', access: 'public' },
  { method: 'get', path: '/api/v1/openapi.json', access: 'public' },
  { method: 'post', path: '/api/v1/municipalities', access: 'coordinator' },
  { method: 'get', path: '/api/v1/municipalities', access: 'coordinator' },
  { method: 'post', path: '/api/v1/municipalities/:id/token', access: 'coordinator' },
  { method: 'get', path: '/api/v1/municipalities/me/columns', access: 'self' },
  { method: 'put', path: '/api/v1/municipalities/me/columns', access: 'self' },
  { method: 'get', path: '/api/v1/municipalities/:id/columns', access: 'coordinator' },
  { method: 'put', path: '/api/v1/municipalities/:id/columns', access: 'coordinator' },
  { method: 'post', path: '/api/v1/tokens/coordinator/rotate', access: 'coordinator' },
  { method: 'get', path: '/api/v1/region', access: 'any' },
  { method: 'put', path: '/api/v1/region/template', access: 'coordinator' },
  { method: 'put', path: '/api/v1/region/deadline', access: 'coordinator' },
  { method: 'put', path: '/api/v1/region/time-zone', access: 'coordinator' },
  { method: 'get', path: '/api/v1/region/status', access: 'coordinator' },
  { method: 'get', path: '/api/v1/region/indicator-matches', access: 'coordinator' },
  { method: 'put', path: '/api/v1/region/indicator-mappings', access: 'coordinator' },
  { method: 'delete', path: '/api/v1/region/indicator-mappings', access: 'coordinator' },
  { method: 'get', path: '/api/v1/region/workbook.xlsx', access: 'coordinator' },
  { method: 'get', path: '/api/v1/municipalities/:id/google-sheet', access: 'coordinator' },
  { method: 'put', path: '/api/v1/municipalities/:id/google-sheet', access: 'coordinator' },
  { method: 'delete', path: '/api/v1/municipalities/:id/google-sheet', access: 'coordinator' },
  { method: 'post', path: '/api/v1/municipalities/:id/google-sheet/pull', access: 'coordinator' },
  { method: 'get', path: '/api/v1/region/google-sheet', access: 'coordinator' },
  { method: 'put', path: '/api/v1/region/google-sheet', access: 'coordinator' },
  { method: 'delete', path: '/api/v1/region/google-sheet', access: 'coordinator' },
  { method: 'post', path: '/api/v1/region/google-sheet/publish', access: 'coordinator' },
  { method: 'post', path: '/api/v1/submissions', access: 'municipality' },
  { method: 'get', path: '/api/v1/submissions', access: 'own' },
  { method: 'get', path: '/api/v1/submissions/:id', access: 'own' },
  { method: 'get', path: '/api/v1/submissions/:id/file', access: 'own' },
  { method: 'get', path: '/api/v1/submissions/:id/annotated.xlsx', access: 'own' },
  { method: 'get', path: '/api/v1/submissions/:id/diff', access: 'own' },
  // The portal's (#12).
  { method: 'get', path: '/api/v1/me', access: 'signed-in' },
  { method: 'get', path: '/api/v1/municipalities/states', access: 'coordinator' },
  { method: 'put', path: '/api/v1/municipalities/:id', access: 'coordinator' },
  { method: 'post', path: '/api/v1/submissions/:id/return', access: 'coordinator' },
  { method: 'get', path: '/api/v1/returns', access: 'any' },
  { method: 'post', path: '/api/v1/region/template/preview', access: 'coordinator' },
  { method: 'get', path: '/api/v1/region/template', access: 'any' },
  { method: 'get', path: '/api/v1/region/template/file', access: 'any' },
  { method: 'get', path: '/api/v1/region/indicators', access: 'coordinator' },
  // The federal role's (#13).
  { method: 'get', path: '/api/v1/federal/regions', access: 'federal' },
  { method: 'post', path: '/api/v1/federal/regions', access: 'federal' },
  { method: 'get', path: '/api/v1/federal/regions/:id/status', access: 'federal' },
  { method: 'get', path: '/api/v1/federal/workbook.xlsx', access: 'federal' },
];

const NO_TOKEN = { code: 'unauthorized', message: 'Нужен токен доступа: заголовок Authorization: Bearer <токен>.' };
const BAD_TOKEN = { code: 'unauthorized', message: 'Токен доступа не подходит или отозван. Попросите координатора выдать новый.' };
const COORDINATOR_ONLY = { code: 'forbidden', message: 'Это действие доступно только региональному координатору.' };
const MUNICIPALITY_ONLY = { code: 'forbidden', message: 'Отправлять таблицы может только муниципалитет со своим токеном.' };
const NO_SUCH_SUBMISSION = { code: 'not-found', message: 'Такой отправки нет.' };
const OWN_COLUMNS_ONLY = { code: 'forbidden', message: 'Это сопоставление столбцов своего муниципалитета: нужен токен муниципалитета. Координатор задаёт его через /municipalities/{код}/columns.' };
const FEDERAL_ONLY = { code: 'forbidden', message: 'Это доступно только федеральному координатору.' };
const REGION_ONLY = { code: 'forbidden', message: 'Федеральный токен не относится к одному региону: сведения регионов — в разделе /api/v1/federal/.' };

const sheet = (n: number, version: number) => ({
  sheets: [{ name: 'Лист1', rows: [['№', 'Мероприятие', 'Срок', 'Исполнитель'], ['1.', `Совещание ${n}.${version}`, 'март 2026 г.', 'УО']] }],
});

async function listen(app: Express): Promise<{ url: string; server: Server }> {
  const server = createServer(app);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
const closeServer = (server: Server) => new Promise<void>((ok) => server.close(() => ok()));

interface AuditLine {
  action: string;
  actor: string;
  target?: string;
  details?: { status: number; reason: string; count: number; tokenId?: string };
}
const auditLines = async (s: TestServer): Promise<AuditLine[]> => (await auditLog(s)) as AuditLine[];

/** Audited refusals summed by caller (every coordinator token as one), status and reason. */
function auditedTally(lines: readonly AuditLine[], after: number): Record<string, number> {
  const tally: Record<string, number> = {};
  for (const l of lines.slice(after)) {
    if (l.action !== 'access-refused' || !l.details) continue;
    const who = l.actor.startsWith('coordinator:') ? 'coordinator' : l.actor.startsWith('federal:') ? 'federal' : l.actor;
    const key = `${who} ${l.details.status} ${l.details.reason}`;
    tally[key] = (tally[key] ?? 0) + l.details.count;
  }
  return tally;
}

describe('the access matrix', () => {
  let s: TestServer;
  let url: string;
  let server: Server;
  let coordinator: string;
  let rotatedCoordinator: string;
  let rotatedMunicipality: string;
  const ids = Array.from({ length: MUNICIPALITIES }, (_, i) => `m${String(i + 1).padStart(2, '0')}`);
  const tokens: Record<string, string> = {};
  /** Each municipality's two versions. */
  const versions: Record<string, [string, string]> = {};
  const revokedIds: string[] = [];
  let refusals: RefusalAudit;
  /** The suite's figures, appended to SVOD_SOAK_REPORT when it ends. */
  const figures: { suite: string } & Record<string, unknown> = { suite: 'access' };

  beforeAll(async () => {
    // The store is opened by testServer, so the audit sink looks it up when it writes.
    refusals = new RefusalAudit({ append: (e) => s.store.audit.append(e) }, createLogger('silent'));
    s = await testServer({ deps: { refusalAudit: refusals } });
    ({ url, server } = await listen(s.app));
    const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
    for (const [i, id] of ids.entries()) {
      const res = await request(url).post('/api/v1/municipalities').set(auth(COORDINATOR)).send({ id, name: `Район ${i + 1}` }).expect(201);
      tokens[id] = res.body.token;
      const v1 = await request(url).post('/api/v1/submissions').set(auth(tokens[id]!)).send(sheet(i, 1)).expect(201);
      const v2 = await request(url).post('/api/v1/submissions').set(auth(tokens[id]!)).send(sheet(i, 2)).expect(201);
      versions[id] = [v1.body.id, v2.body.id];
    }
    // The last municipality's token and the coordinator's are rotated: the old ones must be refused like bogus ones.
    const last = ids[ids.length - 1]!;
    rotatedMunicipality = tokens[last]!;
    tokens[last] = (await request(url).post(`/api/v1/municipalities/${last}/token`).set(auth(COORDINATOR)).expect(201)).body.token;
    rotatedCoordinator = COORDINATOR;
    coordinator = (await request(url).post('/api/v1/tokens/coordinator/rotate').set(auth(COORDINATOR)).expect(201)).body.token;
    for (const t of [rotatedMunicipality, rotatedCoordinator]) revokedIds.push((await s.store.tokenByHash(hashToken(t)))!.id);
  });
  afterAll(async () => {
    await closeServer(server);
    await refusals.flush();
    await s.close();
    reportFigures(figures);
  });

  it('lists every route the app has, and only those', () => {
    const listed = ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort();
    expect(servedRoutes(s.app)).toEqual(listed);
    // The walk itself sees mounted routers: without them it would find three routes.
    expect(listed.filter((r) => r.includes('/api/v1/region')).length).toBeGreaterThan(5);
  });

  it('refuses every caller what it may not do, leaks nothing, and audits every refusal', async () => {
    const expected: Record<string, number> = {};
    let requests = 0;
    let refused = 0;
    const refuse = (who: string, status: number, reason: string) => {
      const key = `${who} ${status} ${reason}`;
      expected[key] = (expected[key] ?? 0) + 1;
      refused++;
    };
    const auditStart = (await auditLines(s)).length;
    const call = (route: Route, path: string, authorization: string | null, body?: object) => {
      requests++;
      const r = request(url)[route.method](path).redirects(0);
      if (authorization !== null) r.set('Authorization', authorization);
      return body ? r.send(body) : r;
    };
    const concrete = (route: Route, owner = ids[0]!) => route.path.replace(':id', route.path.startsWith('/api/v1/municipalities') ? owner : versions[owner]![0]);

    // Missing, malformed, rotated and bogus tokens: 401 on every route that is not public, the same for rotated and bogus.
    const address = 'address:127.0.0.1';
    const unauthenticated: Array<[string, string | null, typeof NO_TOKEN, string]> = [
      ['missing', null, NO_TOKEN, 'missing-token'],
      ['basic scheme', `Basic ${coordinator}`, NO_TOKEN, 'malformed-token'],
      ['empty bearer', 'Bearer', NO_TOKEN, 'malformed-token'],
      ['two words', `Bearer ${coordinator} extra`, NO_TOKEN, 'malformed-token'],
      ['rotated coordinator', `Bearer ${rotatedCoordinator}`, BAD_TOKEN, 'revoked-token'],
      ['rotated municipality', `Bearer ${rotatedMunicipality}`, BAD_TOKEN, 'revoked-token'],
    ];
    for (const route of ROUTES) {
      const path = concrete(route);
      const bogus = Array.from({ length: BOGUS_PER_ROUTE }, () => [`bogus`, `Bearer svod_${randomBytes(32).toString('base64url')}`, BAD_TOKEN, 'unknown-token'] as const);
      for (const [label, authorization, error, reason] of [...unauthenticated, ...bogus]) {
        const res = await call(route, path, authorization);
        if (route.access === 'public') {
          expect([route.path, label, res.status < 400]).toEqual([route.path, label, true]);
          continue;
        }
        expect([route.method, route.path, label, res.status, res.body.error]).toEqual([route.method, route.path, label, 401, error]);
        refuse(address, 401, reason);
      }
    }

    for (const route of ROUTES.filter((r) => r.access === 'coordinator')) {
      // A municipality: 403 whichever municipality a path names, its own, another's or none, so nothing is learnt.
      for (const id of ids) {
        const targets = route.path.includes(':id') ? [...ids, 'no-such-municipality'] : [id];
        for (const target of targets) {
          const res = await call(route, route.path.replace(':id', target), `Bearer ${tokens[id]}`);
          expect([route.method, route.path, id, target, res.status, res.body.error]).toEqual([route.method, route.path, id, target, 403, COORDINATOR_ONLY]);
          refuse(`municipality:${id}`, 403, 'coordinator-only');
        }
      }
      // The coordinator gets past the gate (an empty body is refused later, by the route, and a municipality that
      // does not exist keeps every token as it is); its rotation ran above.
      if (route.path.endsWith('/rotate')) continue;
      const res = await call(route, route.path.replace(':id', 'no-such-municipality'), `Bearer ${coordinator}`);
      expect([route.path, [401, 403, 429].includes(res.status) || res.status >= 500]).toEqual([route.path, false]);
    }

    for (const route of ROUTES.filter((r) => r.access === 'municipality')) {
      const res = await call(route, route.path, `Bearer ${coordinator}`);
      expect([route.path, res.status, res.body.error]).toEqual([route.path, 403, MUNICIPALITY_ONLY]);
      refuse('coordinator', 403, 'municipality-only');
      // A municipality gets through: the same content as its last version is acknowledged as that version.
      for (const [i, id] of ids.entries()) {
        const own = await call(route, route.path, `Bearer ${tokens[id]}`, sheet(i, 2));
        expect([id, own.status, own.body.id]).toEqual([id, 200, versions[id]![1]]);
      }
    }

    // A municipality's own settings: its token only; the coordinator is sent to the route that names the municipality.
    for (const route of ROUTES.filter((r) => r.access === 'self')) {
      const res = await call(route, route.path, `Bearer ${coordinator}`, route.method === 'put' ? { columns: {} } : undefined);
      expect([route.method, route.path, res.status, res.body.error?.code]).toEqual([route.method, route.path, 403, 'forbidden']);
      refuse('coordinator', 403, 'municipality-only');
      if (route.method !== 'get') continue;
      for (const id of ids) {
        const own = await call(route, route.path, `Bearer ${tokens[id]}`);
        expect([id, own.status, own.body.id]).toEqual([id, 200, id]);
      }
    }

    // Another municipality's versions: 404 with exactly the answer for an id that does not exist.
    const missing = randomUUID();
    for (const [i, id] of ids.entries()) {
      const auth = `Bearer ${tokens[id]}`;
      const [own, ownOther] = versions[id]!;
      const variants = [
        (x: string) => `/api/v1/submissions/${x}`,
        (x: string) => `/api/v1/submissions/${x}/file`,
        (x: string) => `/api/v1/submissions/${x}/annotated.xlsx`,
        (x: string) => `/api/v1/submissions/${x}/diff?against=${own}`,
        (x: string) => `/api/v1/submissions/${own}/diff?against=${x}`,
      ];
      const get = ROUTES.find((r) => r.path === '/api/v1/submissions/:id')!;
      for (const variant of variants) {
        const absent = await call(get, variant(missing), auth);
        expect([variant(missing), absent.status, absent.body]).toEqual([variant(missing), 404, { error: NO_SUCH_SUBMISSION }]);
        for (const other of ids.filter((o) => o !== id)) {
          for (const foreign of versions[other]!) {
            const res = await call(get, variant(foreign), auth);
            expect([variant(foreign), res.status, res.body, res.headers['content-type'], res.headers['content-length']]).toEqual([
              variant(foreign),
              404,
              absent.body,
              absent.headers['content-type'],
              absent.headers['content-length'],
            ]);
            refuse(`municipality:${id}`, 404, 'other-municipality');
          }
        }
        // Its own versions answer.
        expect((await call(get, variant(ownOther), auth)).status).toBe(200);
      }
      // The list shows its own versions only, whatever it asks for.
      const list = ROUTES.find((r) => r.path === '/api/v1/submissions' && r.method === 'get')!;
      for (const other of ids.filter((o) => o !== id).slice(0, 2)) {
        const res = await call(list, `/api/v1/submissions?municipality=${other}`, auth);
        expect([id, other, res.status, res.body.submissions.map((x: { id: string }) => x.id).sort()]).toEqual([id, other, 200, [...versions[id]!].sort()]);
      }
      // The coordinator reads any version.
      expect((await call(get, `/api/v1/submissions/${versions[ids[(i + 1) % ids.length]!]![0]}`, `Bearer ${coordinator}`)).status).toBe(200);
    }

    // The federal role: its routes refuse every regional token; every regional route refuses it (it reads regions
    // through its own routes only), whatever a path names.
    for (const route of ROUTES.filter((r) => r.access === 'federal')) {
      for (const [who, t] of [['coordinator', coordinator], ...ids.map((id) => [`municipality:${id}`, tokens[id]!])] as const) {
        const res = await call(route, route.path.replace(':id', 'region'), `Bearer ${t}`, route.method === 'post' ? { id: 'x', name: 'Икс' } : undefined);
        expect([route.method, route.path, who, res.status, res.body.error]).toEqual([route.method, route.path, who, 403, FEDERAL_ONLY]);
        refuse(who, 403, 'federal-only');
      }
    }
    for (const route of ROUTES.filter((r) => !['public', 'signed-in', 'federal'].includes(r.access))) {
      const res = await call(route, concrete(route), `Bearer ${FEDERAL}`);
      const [refusal, reason] =
        route.access === 'coordinator' ? [COORDINATOR_ONLY, 'coordinator-only'] : route.access === 'municipality' ? [MUNICIPALITY_ONLY, 'municipality-only'] : route.access === 'self' ? [OWN_COLUMNS_ONLY, 'municipality-only'] : [REGION_ONLY, 'region-only'];
      expect([route.method, route.path, res.status, res.body.error]).toEqual([route.method, route.path, 403, refusal]);
      refuse('federal', 403, reason);
    }

    // Every live token reads the region.
    const region = ROUTES.find((r) => r.access === 'any')!;
    for (const t of [coordinator, ...ids.map((id) => tokens[id]!)]) expect((await call(region, region.path, `Bearer ${t}`)).status).toBe(200);

    await refusals.flush();
    const lines = await auditLines(s);
    const audited = auditedTally(lines, auditStart);
    expect(audited).toEqual(expected);
    // A rotated token still in use is named by its id; no line carries a token itself.
    const revokedSeen = lines.slice(auditStart).filter((l) => l.details?.reason === 'revoked-token').map((l) => l.details!.tokenId);
    expect([...new Set(revokedSeen)].sort()).toEqual([...revokedIds].sort());
    const text = await auditText(s);
    for (const t of [coordinator, rotatedCoordinator, rotatedMunicipality, FEDERAL, ...Object.values(tokens)]) expect(text).not.toContain(t);

    const total = Object.values(audited).reduce((a, b) => a + b, 0);
    Object.assign(figures, {
      routes: ROUTES.length,
      tokens: unauthenticated.length + BOGUS_PER_ROUTE + 1 + ids.length,
      municipalities: ids.length,
      requests,
      refusals: refused,
      audited: total,
      auditLines: lines.length - auditStart,
    });
    expect(total).toBe(refused);
  });

  describe('the rate limit against a new bogus token on every request', () => {
    let limited: { url: string; server: Server };
    let refusalAudit: RefusalAudit;
    const logged: string[] = [];

    beforeAll(async () => {
      const log = createLogger('warn', (l) => logged.push(l));
      refusalAudit = new RefusalAudit(s.store.audit, log);
      // Its own app, so its limiter counts from zero; the same store.
      limited = await listen(createApp({ store: s.store, log, failedAuthPerMinute: FAILED_LIMIT, rateLimitPerMinute: 1000, refusalAudit }));
    });
    afterAll(async () => {
      await closeServer(limited.server);
      await refusalAudit.flush();
    });

    it(`answers 401 to the first ${FAILED_LIMIT} failed attempts of an address and 429 to everything after, and audits each`, async () => {
      const auditStart = (await auditLines(s)).length;
      const guarded = ROUTES.filter((r) => r.access !== 'public');
      const statuses: number[] = [];
      for (let k = 0; k < ATTEMPTS; k++) {
        const route = guarded[k % guarded.length]!;
        const res = await request(limited.url)[route.method](route.path.replace(':id', ids[0]!)).set('Authorization', `Bearer svod_${randomBytes(32).toString('base64url')}`);
        statuses.push(res.status);
        if (res.status === 429) expect(res.body.error).toEqual({ code: 'rate-limited', message: 'Слишком много попыток с неверным токеном доступа с этого адреса. Подождите минуту и повторите.' });
      }
      expect(statuses).toEqual([...Array(FAILED_LIMIT).fill(401), ...Array(ATTEMPTS - FAILED_LIMIT).fill(429)]);
      // Once the address is over its limit its tokens are not even looked at, so a guess that happens to be right
      // gets the same 429; a missing token too.
      const live = await request(limited.url).get('/api/v1/region').set('Authorization', `Bearer ${coordinator}`);
      expect(live.status).toBe(429);
      expect((await request(limited.url).get('/api/v1/region')).status).toBe(429);

      await refusalAudit.flush();
      const audited = auditedTally(await auditLines(s), auditStart);
      expect(audited).toEqual({ 'address:127.0.0.1 401 unknown-token': FAILED_LIMIT, 'address:127.0.0.1 429 rate-limit-address': ATTEMPTS - FAILED_LIMIT + 2 });
      // And the JSON log says which address was limited.
      const limitedLines = logged.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.status === 429);
      expect(limitedLines).toHaveLength(ATTEMPTS - FAILED_LIMIT + 2);
      expect(limitedLines[0]).toMatchObject({ level: 'warn', msg: 'request refused', code: 'rate-limited', detail: 'address 127.0.0.1' });
      figures.rateLimit = { failedLimit: FAILED_LIMIT, attempts: ATTEMPTS + 2, unauthorized: statuses.filter((x) => x === 401).length, limited: statuses.filter((x) => x === 429).length + 2 };
    });
  });
});
