import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Request } from 'express';
import request from 'supertest';
import { createApp, type AppDeps } from '../src/app';
import { clientAddress } from '../src/auth/middleware';
import { RefusalAudit } from '../src/auth/refusals';
import { hashToken } from '../src/auth/tokens';
import { createLogger } from '../src/http/log';
import { addMunicipality, bearer, COORDINATOR, testServer, type TestServer, auditLog } from './helpers';

const bogus = () => `svod_${randomBytes(32).toString('base64url')}`;

describe('the rate limit (issue #8, defect 4)', () => {
  let s: TestServer;
  let alpha: string;
  const open: Server[] = [];

  beforeAll(async () => {
    s = await testServer();
    alpha = await addMunicipality(s.app, 'alpha', 'Альфинский район');
  });
  afterAll(async () => {
    await Promise.all(open.map((server) => new Promise<void>((ok) => server.close(() => ok()))));
    await s.close();
  });

  /**
   * A fresh app (its limiter counts from zero) on the suite's store, on 127.0.0.1. On PostgreSQL the counts are the
   * database's, shared by every app on it (as by every process): they are cleared first.
   */
  async function limitedApp(deps: Partial<AppDeps>) {
    if (s.store.kind === 'postgres') await (s.store as unknown as { pool: import('pg').Pool }).pool.query('delete from rate_limits');
    const logged: Array<Record<string, unknown>> = [];
    const log = createLogger('warn', (l) => logged.push(JSON.parse(l)));
    const refusals = new RefusalAudit(s.store.audit, log);
    const server = createServer(createApp({ store: s.store, log, refusalAudit: refusals, ...deps }));
    open.push(server);
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, logged, refusals };
  }

  const audited = async () => (await auditLog(s)).filter((l) => l.action === 'access-refused');

  it('answers 429 to an address that sends a new bogus token each time, once it has failed 5 times', async () => {
    const { url } = await limitedApp({ failedAuthPerMinute: 5, rateLimitPerMinute: 1000 });
    const statuses: number[] = [];
    for (let k = 0; k < 12; k++) statuses.push((await request(url).get('/api/v1/submissions').set(bearer(bogus()))).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
    const res = await request(url).get('/api/v1/region').set(bearer(bogus())).expect(429);
    expect(res.body.error).toEqual({ code: 'rate-limited', message: 'Слишком много попыток с неверным токеном доступа с этого адреса. Подождите минуту и повторите.' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // Missing and malformed headers are failed attempts too, not a way round.
    await request(url).get('/api/v1/region').expect(429);
    await request(url).get('/api/v1/region').set('Authorization', `Basic ${bogus()}`).expect(429);
  });

  it('does not let failed attempts spend a live token’s budget, nor a token’s calls lock its address out', async () => {
    const { url } = await limitedApp({ failedAuthPerMinute: 5, rateLimitPerMinute: 3 });
    for (let k = 0; k < 4; k++) await request(url).get('/api/v1/region').set(bearer(bogus())).expect(401);
    for (let k = 0; k < 3; k++) await request(url).get('/api/v1/region').set(bearer(COORDINATOR)).expect(200);
    await request(url).get('/api/v1/region').set(bearer(COORDINATOR)).expect(429);
    await request(url).get('/api/v1/region').set(bearer(bogus())).expect(401); // the fifth failure: still 401
  });

  it('limits a live token by its id: another spelling of the header is the same bucket, another token is not', async () => {
    const { url, logged, refusals } = await limitedApp({ rateLimitPerMinute: 3 });
    const before = (await audited()).length;
    await request(url).get('/api/v1/region').set('Authorization', `Bearer ${COORDINATOR}`).expect(200);
    await request(url).get('/api/v1/region').set('Authorization', `bearer ${COORDINATOR}`).expect(200);
    await request(url).get('/api/v1/region').set('Authorization', `Bearer    ${COORDINATOR}`).expect(200);
    const res = await request(url).get('/api/v1/region').set('Authorization', `BEARER ${COORDINATOR}`).expect(429);
    expect(res.body.error).toEqual({ code: 'rate-limited', message: 'Слишком много запросов. Подождите минуту и повторите.' });
    // Another token from the same address has a budget of its own.
    for (let k = 0; k < 3; k++) await request(url).get('/api/v1/submissions').set(bearer(alpha)).expect(200);
    await request(url).get('/api/v1/submissions').set(bearer(alpha)).expect(429);

    // Each refusal is in the JSON log, naming the token's id (never the token), and in the audit log.
    const coordinatorId = (await s.store.tokenByHash(hashToken(COORDINATOR)))!.id;
    const alphaId = (await s.store.tokenByHash(hashToken(alpha)))!.id;
    expect(logged.filter((l) => l.status === 429).map((l) => [l.msg, l.code, l.detail])).toEqual([
      ['request refused', 'rate-limited', `token ${coordinatorId}`],
      ['request refused', 'rate-limited', `token ${alphaId}`],
    ]);
    await refusals.flush();
    expect((await audited()).slice(before).map((l) => [l.actor, l.details?.status, l.details?.reason, l.details?.count])).toEqual([
      [`coordinator:${coordinatorId}`, 429, 'rate-limit-token', 1],
      ['municipality:alpha', 429, 'rate-limit-token', 1],
    ]);
    expect(JSON.stringify(logged)).not.toContain(COORDINATOR);
  });

  describe('the client address a failed attempt counts against', () => {
    const key = (ip: string) => clientAddress({ ip, socket: {} } as unknown as Request);

    it('is the IPv4 address, also when it comes IPv4-mapped over IPv6', () => {
      expect(key('127.0.0.1')).toBe('127.0.0.1');
      expect(key('::ffff:127.0.0.1')).toBe('127.0.0.1');
      expect(key('203.0.113.7')).not.toBe(key('203.0.113.8'));
    });

    it('is the /56 network of an IPv6 address: a client that owns a prefix gets one bucket, not billions', () => {
      expect(key('2001:db8:1:2::1')).toBe(key('2001:db8:1:2:ffff:ffff:ffff:ffff'));
      expect(key('2001:db8:1:2::1')).toBe(key('2001:db8:1:ff::1'));
      expect(key('2001:db8:1:2::1')).not.toBe(key('2001:db8:1:100::1'));
    });
  });
});
