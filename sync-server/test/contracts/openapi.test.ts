/**
 * The generated OpenAPI document against the app itself: every route Express serves under /api/v1 is documented and
 * every documented one is served; 429 is documented where the rate limit applies and really comes with the documented
 * error body; the answers of a real flow parse with the contracts' schemas; the browser may send DELETE.
 */
import type { Express } from 'express';
import request from 'supertest';
import { apiError, mappingList, regionInfo, regionStatus, submissionDetails, submissionList, submissionReceipt } from '@svod/shared';
import { addMunicipality, bearer, COORDINATOR, roadmapJson, servedRoutes, testServer, type TestServer, REGION } from '../helpers';

/** `GET /submissions/:id` for every route the app has under /api/v1. */
function servedApiRoutes(app: Express): string[] {
  return servedRoutes(app)
    .filter((r) => r.split(' ')[1]!.startsWith('/api/v1/'))
    .map((r) => r.replace(' /api/v1', ' '))
    .sort();
}

type Doc = { paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>; components: Record<string, Record<string, unknown>> };

function documentedRoutes(doc: Doc): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`))
    .sort();
}

describe('GET /api/v1/openapi.json', () => {
  let s: TestServer;
  let doc: Doc;
  beforeAll(async () => {
    s = await testServer();
    doc = (await request(s.app).get('/api/v1/openapi.json').expect(200)).body as Doc;
  });
  afterAll(() => s.close());

  it('documents every route the app serves under /api/v1, and only those', () => {
    const served = servedApiRoutes(s.app);
    expect(served).toContain('POST /submissions');
    expect(served).toContain('DELETE /region/indicator-mappings');
    expect(documentedRoutes(doc)).toEqual(served);
  });

  it('documents 429 with the error body on every route behind the rate limit, and 401 where a token is needed', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method} ${path}`;
        if (path === '/openapi.json') {
          // Served before the limiter and without a token.
          expect([where, op.responses['429'], op.security]).toEqual([where, undefined, []]);
          continue;
        }
        expect([where, op.responses['429']]).toEqual([where, { $ref: '#/components/responses/E429' }]);
        expect([where, op.responses['401']]).toEqual([where, { $ref: '#/components/responses/E401' }]);
      }
    }
    expect(doc.components['responses']!['E429']).toMatchObject({
      headers: { 'Retry-After': expect.any(Object) },
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    });
  });

  it('every $ref of the document resolves', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of new Set(refs)) {
      const [, section, name] = /^#\/components\/(schemas|responses)\/([^/]+)$/.exec(ref) ?? [];
      expect([ref, name !== undefined && doc.components[section!]![name] !== undefined]).toEqual([ref, true]);
    }
  });

  it('states the error body as the server sends it: {error: {code, message}}, both required strings', () => {
    expect(doc.components['schemas']!['Error']).toMatchObject({
      type: 'object',
      required: ['error'],
      properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
    });
  });

  it('shows the JSON form with the server bounds: 50 sheets, 31-character names, 100 000 rows of 200 cells', () => {
    const form = doc.components['schemas']!['SubmissionForm'] as Record<string, any>;
    expect(form['additionalProperties']).toBe(false);
    const sheets = form['properties'].sheets;
    expect([sheets.minItems, sheets.maxItems]).toEqual([1, 50]);
    expect(sheets.items.required).toEqual(['name', 'rows']);
    expect(sheets.items.properties.name.maxLength).toBe(31);
    expect(sheets.items.properties.rows.maxItems).toBe(100_000);
    expect(sheets.items.properties.rows.items.maxItems).toBe(200);
    expect(doc.paths['/submissions']!['post']!.responses['201']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/SubmissionReceipt' } } } });
  });
});

describe('the answers parse with the contracts', () => {
  let s: TestServer;
  afterEach(() => s.close());

  it('a flow: register, submit, list, open, status, region, a refusal', async () => {
    s = await testServer();
    const token = await addMunicipality(s.app, 'lazo', 'Лазовский район');
    const items = [['1.', 'Совещание с руководителями школ', 'март 2026 г.', 'Управление образования', 'Протокол']];
    const sent = await request(s.app).post('/api/v1/submissions').set(bearer(token)).set('Content-Type', 'application/json').set('Idempotency-Key', 'k1').send(roadmapJson(items)).expect(201);
    const receipt = submissionReceipt.parse(sent.body);
    expect([receipt.version, receipt.kind, receipt.duplicate]).toEqual([1, 'json', false]);
    const again = await request(s.app).post('/api/v1/submissions').set(bearer(token)).set('Content-Type', 'application/json').set('Idempotency-Key', 'k1').send(roadmapJson(items)).expect(200);
    expect(submissionReceipt.parse(again.body).duplicate).toBe(true);

    const list = submissionList.parse((await request(s.app).get('/api/v1/submissions').set(bearer(COORDINATOR)).expect(200)).body);
    expect(list.submissions.map((x) => x.id)).toEqual([receipt.id]);
    expect(submissionDetails.parse((await request(s.app).get(`/api/v1/submissions/${receipt.id}`).set(bearer(token)).expect(200)).body).id).toBe(receipt.id);
    const status = regionStatus.parse((await request(s.app).get('/api/v1/region/status').set(bearer(COORDINATOR)).expect(200)).body);
    expect(status.municipalities.map((m) => m.municipalityId)).toEqual(['lazo']);
    expect(regionInfo.parse((await request(s.app).get('/api/v1/region').set(bearer(token)).expect(200)).body).name).toBe('Камчатский край');

    const refused = await request(s.app).post('/api/v1/submissions').set(bearer(token)).set('Content-Type', 'application/json').send('{"sheets": 1}').expect(400);
    expect(apiError.parse(refused.body).error.code).toBe('bad-json');
  });

  it('a 429 carries the documented error body and Retry-After', async () => {
    s = await testServer({ deps: { rateLimitPerMinute: 2 } });
    for (let i = 0; i < 2; i++) await request(s.app).get('/api/v1/region').set(bearer(COORDINATOR)).expect(200);
    const res = await request(s.app).get('/api/v1/region').set(bearer(COORDINATOR)).expect(429);
    expect(apiError.parse(res.body)).toEqual({ error: { code: 'rate-limited', message: 'Слишком много запросов. Подождите минуту и повторите.' } });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('DELETE /region/indicator-mappings: a refusal in the documented body, then the mapping list', async () => {
    s = await testServer();
    const missing = await request(s.app).delete('/api/v1/region/indicator-mappings?name=x').set(bearer(COORDINATOR)).expect(404);
    expect(apiError.parse(missing.body)).toEqual({ error: { code: 'not-found', message: 'Сопоставления для «x» нет.' } });
    await s.store.updateRegion(REGION, (r) => {
      r.mappings = [{ from: 'x', name: 'x', to: null }];
    });
    const removed = await request(s.app).delete('/api/v1/region/indicator-mappings?name=x').set(bearer(COORDINATOR)).expect(200);
    expect(mappingList.parse(removed.body)).toEqual({ mappings: [] });
  });
});

describe('CORS preflight from the add-in origin', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer({ deps: { addinOrigin: 'https://svod.example.ru' } });
  });
  afterAll(() => s.close());

  it('allows DELETE on /region/indicator-mappings with the headers the clients send', async () => {
    const res = await request(s.app)
      .options('/api/v1/region/indicator-mappings?name=x')
      .set('Origin', 'https://svod.example.ru')
      .set('Access-Control-Request-Method', 'DELETE')
      .set('Access-Control-Request-Headers', 'authorization,content-type,idempotency-key')
      .expect(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://svod.example.ru');
    expect(res.headers['access-control-allow-methods']!.split(',')).toEqual(['GET', 'POST', 'PUT', 'DELETE']);
    expect(res.headers['access-control-allow-headers']!.toLowerCase().split(',')).toEqual(['authorization', 'content-type', 'idempotency-key']);
  });

  it('gives another origin no CORS permission', async () => {
    const res = await request(s.app).options('/api/v1/region/indicator-mappings').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'DELETE');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
