import request from 'supertest';
import { addMunicipality, bearer, filledKamchatka, listenLocal, roadmapJson, testServer, type TestServer, REGION } from './helpers';

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

describe('POST /api/v1/submissions, raced (issue #8, defect 3)', () => {
  let s: TestServer;
  let local: Awaited<ReturnType<typeof listenLocal>>;
  let token: string;
  beforeAll(async () => {
    s = await testServer();
    local = await listenLocal(s.app);
    token = await addMunicipality(local.server, 'alpha', 'Альфинский район');
  });
  afterAll(async () => {
    await local.close();
    await s.close();
  });

  const post = (key: string, body: string) =>
    request(local.server).post('/api/v1/submissions').set(bearer(token)).set('Idempotency-Key', key).set('Content-Type', 'application/json').send(body);
  const body = (tag: string) => roadmapJson([['1.', `Совещание ${tag}`, 'март 2025 г.', 'Управление образования', 'Проведено']]);
  const stored = async (key: string) => (await s.store.submissions(REGION)).filter((x) => x.idempotencyKey === key);

  it('one key, different contents at once: exactly one 201, the others 422 idempotency-conflict, the key stored once', async () => {
    for (let round = 0; round < 5; round++) {
      const key = `conflict-${round}`;
      const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => post(key, body(`${round}-${i}`))));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([201, 422, 422, 422, 422, 422]);
      for (const a of answers.filter((x) => x.status === 422)) expect(a.body.error.code).toBe('idempotency-conflict');
      expect(await stored(key)).toHaveLength(1);
      expect((await stored(key))[0]!.id).toBe(answers.find((a) => a.status === 201)!.body.id);
    }
  });

  it('one key, the same content at once: one version, every answer names it', async () => {
    for (let round = 0; round < 5; round++) {
      const key = `retry-${round}`;
      const answers = await Promise.all(Array.from({ length: 6 }, () => post(key, body(`retry-${round}`))));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      expect(await stored(key)).toHaveLength(1);
    }
  });

  it('keeps versions contiguous and in commit order through the races', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => post(`order-${i}`, body(`order-${i}`)).expect(201)));
    const versions = (await s.store.submissions(REGION, 'alpha')).map((x) => x.version);
    expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
  });
});
