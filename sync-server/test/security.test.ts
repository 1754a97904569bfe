import request from 'supertest';
import { createApp } from '../src/app';
import { createLogger } from '../src/http/log';
import type { SubmissionRecord } from '../src/store/schema';
import { bearer, COORDINATOR, REGION, TEST_STORE, testServer, type TestServer } from './helpers';

describe('the HTTP surface', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer();
  });
  afterAll(() => s.close());

  it('GET /healthz answers without a token', async () => {
    const res = await request(s.app).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok', store: TEST_STORE, region: 'Камчатский край', regions: 1 });
  });

  it('serves the OpenAPI document', async () => {
    const res = await request(s.app).get('/api/v1/openapi.json').expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/submissions', '/submissions/{id}/diff', '/region/workbook.xlsx', '/municipalities']));
  });

  it('lets Office frame the pages (CSP frame-ancestors) instead of denying all framing', async () => {
    const res = await request(s.app).get('/healthz');
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'self' https:\/\/\*\.office\.com/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('allows cross-origin calls from the add-in origin only', async () => {
    const ok = await request(s.app).options('/api/v1/submissions').set('Origin', 'https://localhost:3000').set('Access-Control-Request-Method', 'POST');
    expect(ok.headers['access-control-allow-origin']).toBe('https://localhost:3000');
    const evil = await request(s.app).options('/api/v1/submissions').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers unknown addresses with a Russian 404', async () => {
    const res = await request(s.app).get('/api/v1/nothing-here').set(bearer(COORDINATOR)).expect(404);
    expect(res.body.error.message).toBe('Такого адреса нет.');
  });

  it('limits requests per token with a Russian 429, and other tokens go on', async () => {
    const app = createApp({ store: s.store, log: createLogger('silent'), rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) await request(app).get('/api/v1/region').set(bearer(COORDINATOR)).expect(200);
    const res = await request(app).get('/api/v1/region').set(bearer(COORDINATOR)).expect(429);
    expect(res.body.error).toEqual({ code: 'rate-limited', message: 'Слишком много запросов. Подождите минуту и повторите.' });
    await request(app).get('/api/v1/region').set(bearer('svod_another-token-that-is-long-enough')).expect(401);
  });

  it('never shows a stack trace or an internal message on a 500', async () => {
    const lines: string[] = [];
    const fake: SubmissionRecord = {
      id: 'x-1', regionId: REGION, municipalityId: 'none', version: 1, submittedAt: new Date().toISOString(), kind: 'csv', fileName: null,
      fileHash: '0'.repeat(64), contentHash: '0'.repeat(64), status: 'accepted', summary: { errors: 0, warnings: 0, infos: 0 }, diagnosticsHash: '0'.repeat(64), idempotencyKey: null,
    };
    // The real store, but for a version that is there and a disk that fails to give its file back.
    const failing = { put: s.store.blobs.put.bind(s.store.blobs), get: () => Promise.reject(new Error('disk on fire at /secret/path')), getJson: () => Promise.reject(new Error('disk on fire')) };
    const broken = new Proxy(s.store, {
      get(target, key) {
        if (key === 'blobs') return failing;
        if (key === 'submission') return async () => fake;
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const app = createApp({ store: broken, log: createLogger('error', (l) => lines.push(l)), rateLimitPerMinute: false });
    const res = await request(app).get('/api/v1/submissions/x-1/file').set(bearer(COORDINATOR)).expect(500);
    expect(res.body).toEqual({ error: { code: 'internal', message: 'Внутренняя ошибка сервера. Попробуйте ещё раз позже.' } });
    expect(JSON.stringify(res.body)).not.toMatch(/secret|at .*\.ts/);
    expect(lines.join('')).toContain('disk on fire'); // it goes to the log instead
  });
});
