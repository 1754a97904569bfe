import request from 'supertest';
import { addMunicipality, bearer, COORDINATOR, filledKamchatka, testServer, type TestServer } from './helpers';

describe('the role matrix', () => {
  let s: TestServer;
  let alpha: string;
  let beta: string;
  let alphaSubmission: string;

  beforeAll(async () => {
    s = await testServer({ demo: true });
    alpha = await addMunicipality(s.app, 'alpha', 'Альфинский район');
    beta = await addMunicipality(s.app, 'beta', 'Бетинский район');
    const res = await request(s.app).post('/api/v1/submissions').set(bearer(alpha)).attach('file', await filledKamchatka(1), 'alpha.xlsx').expect(201);
    alphaSubmission = res.body.id;
  });
  afterAll(() => s.close());

  describe('without a token', () => {
    it.each([
      ['get', '/api/v1/submissions'],
      ['get', '/api/v1/region/status'],
      ['post', '/api/v1/submissions'],
      ['post', '/api/v1/municipalities'],
    ] as const)('%s %s answers 401 in Russian', async (method, path) => {
      const res = await request(s.app)[method](path).expect(401);
      expect(res.body.error.code).toBe('unauthorized');
      expect(res.body.error.message).toMatch(/токен/i);
    });

    it('rejects a wrong or malformed token the same way', async () => {
      await request(s.app).get('/api/v1/submissions').set(bearer('svod_not-a-real-token-at-all-000000')).expect(401);
      await request(s.app).get('/api/v1/submissions').set('Authorization', `Basic ${COORDINATOR}`).expect(401);
    });
  });

  describe('a municipality', () => {
    it('sees only its own versions', async () => {
      const own = await request(s.app).get('/api/v1/submissions').set(bearer(alpha)).expect(200);
      expect(own.body.submissions.map((x: { municipalityId: string }) => x.municipalityId)).toEqual(['alpha']);
      // Asking for another municipality's list gives its own (empty, or what it sent itself), never alpha's.
      const other = await request(s.app).get('/api/v1/submissions?municipality=alpha').set(bearer(beta)).expect(200);
      const betaOwn = await request(s.app).get('/api/v1/submissions').set(bearer(beta)).expect(200);
      expect(other.body.submissions).toEqual(betaOwn.body.submissions);
      expect(other.body.submissions.filter((x: { municipalityId: string }) => x.municipalityId !== 'beta')).toEqual([]);
    });

    it('cannot read another municipality’s version, file or diff: it does not exist for it', async () => {
      for (const path of [`/api/v1/submissions/${alphaSubmission}`, `/api/v1/submissions/${alphaSubmission}/file`, `/api/v1/submissions/${alphaSubmission}/diff?against=${alphaSubmission}`]) {
        const res = await request(s.app).get(path).set(bearer(beta)).expect(404);
        expect(res.body.error.message).toBe('Такой отправки нет.');
      }
    });

    it('submits only as itself: the version belongs to the token’s municipality', async () => {
      const res = await request(s.app)
        .post('/api/v1/submissions')
        .set(bearer(beta))
        .send({ sheets: [{ name: 'Лист1', rows: [['№', 'Мероприятие', 'Срок', 'Исполнитель'], ['1.', 'Совещание', 'март 2026 г.', 'УО']] }] })
        .expect(201);
      expect(res.body.municipalityId).toBe('beta');
      const alphaList = await request(s.app).get('/api/v1/submissions').set(bearer(alpha)).expect(200);
      expect(alphaList.body.submissions).toHaveLength(1);
    });

    it.each([
      ['post', '/api/v1/municipalities', { id: 'gamma', name: 'Гамма' }],
      ['get', '/api/v1/municipalities', undefined],
      ['post', '/api/v1/municipalities/beta/token', undefined],
      ['post', '/api/v1/tokens/coordinator/rotate', undefined],
      ['put', '/api/v1/region/deadline', { deadline: '2027-01-01' }],
      ['put', '/api/v1/region/template', undefined],
      ['get', '/api/v1/region/status', undefined],
      ['get', '/api/v1/region/workbook.xlsx', undefined],
    ] as const)('may not %s %s (403)', async (method, path, body) => {
      const req = request(s.app)[method](path).set(bearer(alpha));
      const res = await (body ? req.send(body) : req).expect(403);
      expect(res.body.error.code).toBe('forbidden');
    });
  });

  describe('the coordinator', () => {
    it('reads everything but cannot submit in a municipality’s name', async () => {
      await request(s.app).get(`/api/v1/submissions/${alphaSubmission}`).set(bearer(COORDINATOR)).expect(200);
      await request(s.app).get(`/api/v1/submissions/${alphaSubmission}/file`).set(bearer(COORDINATOR)).expect(200);
      const res = await request(s.app).post('/api/v1/submissions').set(bearer(COORDINATOR)).send({ sheets: [] }).expect(403);
      expect(res.body.error.message).toMatch(/муниципалитет/);
    });

    it('rotates a municipality’s token: the old one stops working at once', async () => {
      const res = await request(s.app).post('/api/v1/municipalities/beta/token').set(bearer(COORDINATOR)).expect(201);
      await request(s.app).get('/api/v1/submissions').set(bearer(beta)).expect(401);
      await request(s.app).get('/api/v1/submissions').set(bearer(res.body.token)).expect(200);
      beta = res.body.token;
    });
  });
});
