import request from 'supertest';
import { addMunicipality, bearer, filledKamchatka, testServer, type TestServer } from './helpers';

describe('POST /api/v1/submissions, sent twice', () => {
  let s: TestServer;
  let token: string;
  beforeAll(async () => {
    s = await testServer({ demo: true });
    token = await addMunicipality(s.app, 'alpha', 'Альфинский район');
  });
  afterAll(() => s.close());

  it('returns the existing version for identical content (200), not a new one', async () => {
    const bytes = await filledKamchatka(2);
    const first = await request(s.app).post('/api/v1/submissions').set(bearer(token)).attach('file', bytes, 'a.xlsx').expect(201);
    const again = await request(s.app).post('/api/v1/submissions').set(bearer(token)).attach('file', bytes, 'a-copy.xlsx').expect(200);
    expect(again.body).toMatchObject({ id: first.body.id, version: 1, duplicate: true });
    const list = await request(s.app).get('/api/v1/submissions').set(bearer(token)).expect(200);
    expect(list.body.submissions).toHaveLength(1);
  });

  it('honours Idempotency-Key: a retried request gets the first answer', async () => {
    const bytes = await filledKamchatka(5);
    const first = await request(s.app).post('/api/v1/submissions').set(bearer(token)).set('Idempotency-Key', 'retry-7').attach('file', bytes, 'b.xlsx').expect(201);
    expect(first.body.version).toBe(2);
    const retry = await request(s.app).post('/api/v1/submissions').set(bearer(token)).set('Idempotency-Key', 'retry-7').attach('file', bytes, 'b.xlsx').expect(200);
    expect(retry.body.id).toBe(first.body.id);
  });

  it('refuses a reused Idempotency-Key for different content', async () => {
    const res = await request(s.app).post('/api/v1/submissions').set(bearer(token)).set('Idempotency-Key', 'retry-7').attach('file', await filledKamchatka(9), 'c.xlsx').expect(422);
    expect(res.body.error).toEqual({ code: 'idempotency-conflict', message: 'Этот ключ Idempotency-Key уже использован для другого файла.' });
  });

  it('gives concurrent uploads of one municipality distinct versions', async () => {
    const files = await Promise.all([11, 12, 13, 14].map((n) => filledKamchatka(n)));
    const answers = await Promise.all(files.map((f, i) => request(s.app).post('/api/v1/submissions').set(bearer(token)).attach('file', f, `p${i}.xlsx`)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect(answers.map((a) => a.body.version).sort()).toEqual([3, 4, 5, 6]);
  });
});
