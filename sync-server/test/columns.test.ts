/**
 * A municipality's remembered column mapping (issue #11): `GET|PUT /api/v1/municipalities/me/columns` for its own
 * token, `/municipalities/:id/columns` for the coordinator, applied to every later check of its submissions.
 */
import request from 'supertest';
import { addMunicipality, bearer, COORDINATOR, listenLocal, testServer, type TestServer, REGION, auditLog } from './helpers';

const HEADER = ['№', 'Что делаем', 'Когда', 'Кто отвечает', 'Что получим'];
/** Item 2. twice: an error only a read table can show. */
const plan = (third: string) =>
  JSON.stringify({
    sheets: [
      {
        name: 'План',
        rows: [
          HEADER,
          ['1.', 'Проведение совещания с директорами', 'Январь 2026 г.', 'Управление образования', 'Протокол совещания'],
          ['2.', 'Разработка плана', 'Февраль 2026 г.', 'Управление образования', 'План'],
          ['2.', third, 'Март 2026 г.', 'Управление образования', 'Справка'],
        ],
      },
    ],
  });

interface Line {
  action: string;
  actor: string;
  target?: string;
  details?: Record<string, unknown>;
}

describe('/api/v1/municipalities/…/columns', () => {
  let s: TestServer;
  let http: Awaited<ReturnType<typeof listenLocal>>;
  let lazo: string;
  let ilansky: string;
  const api = () => request(http.url);
  const audit = async (): Promise<Line[]> => (await auditLog(s)) as Line[];
  const submit = (token: string, body: string) => api().post('/api/v1/submissions').set(bearer(token)).set('Content-Type', 'application/json').send(body);

  beforeAll(async () => {
    s = await testServer();
    http = await listenLocal(s.app);
    lazo = await addMunicipality(http.server, 'lazo', 'Лазовский муниципальный округ');
    ilansky = await addMunicipality(http.server, 'ilansky', 'Иланский район');
  });
  afterAll(async () => {
    await http?.close();
    await s?.close();
  });

  describe('with the municipality’s own token', () => {
    it('has no mapping at first', async () => {
      const res = await api().get('/api/v1/municipalities/me/columns').set(bearer(lazo)).expect(200);
      expect(res.body).toEqual({ id: 'lazo', columns: {} });
    });

    it('a table with its own header names is not read without it: no table, the check says so', async () => {
      const res = await submit(lazo, plan('Проведение мониторинга')).expect(201);
      const rules = (res.body.diagnostics as Array<{ ruleId: string }>).map((d) => d.ruleId);
      expect(rules).toContain('table-unrecognised');
      expect(rules).not.toContain('numbering-duplicate');
      expect(res.body.status).toBe('accepted');
    });

    it('sets it with Russian role names, answers it as role ids, and keeps it', async () => {
      const res = await api()
        .put('/api/v1/municipalities/me/columns')
        .set(bearer(lazo))
        .send({ columns: { 'Что делаем': 'мероприятие', Когда: 'срок', 'Что получим': 'результат' } })
        .expect(200);
      const expected = { id: 'lazo', columns: { 'Что делаем': 'activity', Когда: 'deadline', 'Что получим': 'result' } };
      expect(res.body).toEqual(expected);
      expect((await api().get('/api/v1/municipalities/me/columns').set(bearer(lazo)).expect(200)).body).toEqual(expected);
      expect((await s.store.municipality(REGION, 'lazo'))!.columns).toEqual(expected.columns);
      const line = (await audit()).filter((l) => l.action === 'columns-set').pop()!;
      expect(line).toMatchObject({ actor: 'municipality:lazo', target: 'lazo', details: { before: 0, after: 3, columns: expected.columns } });
    });

    it('is applied to the next submission: the table is read and its rules run', async () => {
      const res = await submit(lazo, plan('Проведение мониторинга школ')).expect(201);
      const diagnostics = res.body.diagnostics as Array<{ ruleId: string; cell: string; severity: string }>;
      expect(diagnostics.map((d) => d.ruleId)).not.toContain('table-unrecognised');
      expect(diagnostics).toContainEqual(expect.objectContaining({ ruleId: 'numbering-duplicate', cell: 'A4', severity: 'error' }));
      expect(res.body.status).toBe('rejected');
      // The stored content holds the items now: against version 1, they are added.
      const versions = (await api().get('/api/v1/submissions').set(bearer(lazo)).expect(200)).body.submissions as Array<{ id: string; version: number }>;
      const v1 = versions.find((v) => v.version === 1)!;
      const diff = await api().get(`/api/v1/submissions/${res.body.id}/diff?against=${v1.id}`).set(bearer(lazo)).expect(200);
      expect((diff.body.diff.added as Array<{ kind: string; key: string }>).filter((a) => a.kind === 'roadmap').length).toBeGreaterThanOrEqual(2);
    });

    it('another municipality neither sees nor changes it, and its own submissions are not read with it', async () => {
      expect((await api().get('/api/v1/municipalities/me/columns').set(bearer(ilansky)).expect(200)).body).toEqual({ id: 'ilansky', columns: {} });
      // Its own `me` is itself: whatever it sends changes only its own mapping.
      await api().put('/api/v1/municipalities/me/columns').set(bearer(ilansky)).send({ columns: { 'Что делаем': 'результат' } }).expect(200);
      expect((await s.store.municipality(REGION, 'lazo'))!.columns).toEqual({ 'Что делаем': 'activity', Когда: 'deadline', 'Что получим': 'result' });
      // Another municipality's id in the path is the coordinator's route: refused, the same answer for any id.
      for (const target of ['lazo', 'ilansky', 'no-such-municipality']) {
        const get = await api().get(`/api/v1/municipalities/${target}/columns`).set(bearer(ilansky)).expect(403);
        const put = await api().put(`/api/v1/municipalities/${target}/columns`).set(bearer(ilansky)).send({ columns: {} }).expect(403);
        expect([get.body, put.body]).toEqual([get.body, get.body]);
        expect(get.body.error.code).toBe('forbidden');
      }
      const res = await submit(ilansky, plan('Проведение мониторинга')).expect(201);
      expect((res.body.diagnostics as Array<{ ruleId: string }>).map((d) => d.ruleId)).toContain('table-unrecognised');
      await api().put('/api/v1/municipalities/me/columns').set(bearer(ilansky)).send({ columns: null }).expect(200);
      expect((await s.store.municipality(REGION, 'ilansky'))!.columns).toBeUndefined();
    });

    it.each<[string, unknown, RegExp]>([
      ['an unknown role', { columns: { Когда: 'время' } }, /^Столбец «Когда»: «время» — неизвестное значение; допустимы «номер», «мероприятие», «срок»/],
      ['an empty header', { columns: { '': 'срок' } }, /^В «columns» указан пустой заголовок столбца\.$/],
      ['a list', { columns: ['мероприятие'] }, /^Параметр «columns» должен быть объектом/],
      ['no columns key', { 'Что делаем': 'мероприятие' }, /^Тело запроса должно быть вида \{"columns"/],
      ['a role that is not text', { columns: { Когда: 5 } }, /^Столбец «Когда»: «5»/],
      ['too many headers', { columns: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`Столбец ${i}`, 'срок'])) }, /^В сопоставлении больше 200 столбцов\.$/],
    ])('refuses %s with a Russian 400 and keeps the mapping', async (_name, body, message) => {
      const before = (await s.store.municipality(REGION, 'lazo'))!.columns;
      const res = await api().put('/api/v1/municipalities/me/columns').set(bearer(lazo)).send(body as object).expect(400);
      expect(res.body.error.code).toBe('bad-columns');
      expect(res.body.error.message).toMatch(message);
      expect((await s.store.municipality(REGION, 'lazo'))!.columns).toEqual(before);
    });

    it('names every bad entry of a body and stores none of it', async () => {
      const res = await api().put('/api/v1/municipalities/me/columns').set(bearer(lazo)).send({ columns: { 'Что делаем': 'мероприятие', Когда: 'время', Кто: 'кто-то' } }).expect(400);
      expect(res.body.error.message).toMatch(/Столбец «Когда»: «время».*Столбец «Кто»: «кто-то»/s);
      expect((await s.store.municipality(REGION, 'lazo'))!.columns).toEqual({ 'Что делаем': 'activity', Когда: 'deadline', 'Что получим': 'result' });
    });
  });

  describe('with the coordinator’s token', () => {
    it('reads and changes any municipality’s mapping, and the change is audited with the coordinator', async () => {
      expect((await api().get('/api/v1/municipalities/lazo/columns').set(bearer(COORDINATOR)).expect(200)).body.columns).toEqual({ 'Что делаем': 'activity', Когда: 'deadline', 'Что получим': 'result' });
      const res = await api().put('/api/v1/municipalities/ilansky/columns').set(bearer(COORDINATOR)).send({ columns: { 'Что делаем': 'activity', Когда: 'срок', 'Что получим': 'result' } }).expect(200);
      expect(res.body).toEqual({ id: 'ilansky', columns: { 'Что делаем': 'activity', Когда: 'deadline', 'Что получим': 'result' } });
      expect((await audit()).filter((l) => l.action === 'columns-set').pop()).toMatchObject({ actor: expect.stringMatching(/^coordinator:/), target: 'ilansky' });
      // Ilansky's next submission is read with it.
      const sent = await submit(ilansky, plan('Проведение мониторинга школ')).expect(201);
      expect(sent.body.diagnostics).toContainEqual(expect.objectContaining({ ruleId: 'numbering-duplicate', cell: 'A4' }));
    });

    it('forgets a mapping with {}, audited as cleared', async () => {
      const res = await api().put('/api/v1/municipalities/ilansky/columns').set(bearer(COORDINATOR)).send({ columns: {} }).expect(200);
      expect(res.body).toEqual({ id: 'ilansky', columns: {} });
      expect((await audit()).filter((l) => l.action === 'columns-cleared').pop()).toMatchObject({ target: 'ilansky', details: { before: 3, after: 0 } });
    });

    it('gets 404 for a municipality that does not exist, 403 on the municipality’s own route', async () => {
      const res = await api().get('/api/v1/municipalities/no-such-municipality/columns').set(bearer(COORDINATOR)).expect(404);
      expect(res.body.error).toEqual({ code: 'not-found', message: 'Такого муниципалитета нет.' });
      await api().put('/api/v1/municipalities/no-such-municipality/columns').set(bearer(COORDINATOR)).send({ columns: {} }).expect(404);
      const own = await api().get('/api/v1/municipalities/me/columns').set(bearer(COORDINATOR)).expect(403);
      expect(own.body.error.message).toMatch(/нужен токен муниципалитета/);
    });

    it('cannot register a municipality called «me», which the own route takes', async () => {
      const res = await api().post('/api/v1/municipalities').set(bearer(COORDINATOR)).send({ id: 'me', name: 'Мой район' }).expect(400);
      expect(res.body.error.code).toBe('bad-id');
    });
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await api().get('/api/v1/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/municipalities/me/columns']!).sort()).toEqual(['get', 'put']);
    expect(Object.keys(doc.paths['/municipalities/{id}/columns']!).sort()).toEqual(['get', 'put']);
  });
});

describe('the same file sent again after the mapping changed', () => {
  let s: TestServer;
  let http: Awaited<ReturnType<typeof listenLocal>>;
  let token: string;
  const api = () => request(http.url);
  const submit = (body: string) => api().post('/api/v1/submissions').set(bearer(token)).set('Content-Type', 'application/json').send(body);
  const mapping = { columns: { 'Что делаем': 'мероприятие', Когда: 'срок', 'Что получим': 'результат' } };

  beforeAll(async () => {
    s = await testServer();
    http = await listenLocal(s.app);
    token = await addMunicipality(http.server, 'kirov', 'Кировский район');
  });
  afterAll(async () => {
    await http?.close();
    await s?.close();
  });

  it('is a new version read with the mapping, not a repeat of the unread one; sent once more it is a repeat', async () => {
    const body = plan('Проведение мониторинга');
    const first = await submit(body).expect(201);
    expect(first.body.diagnostics.map((d: { ruleId: string }) => d.ruleId)).toContain('table-unrecognised');

    await api().put('/api/v1/municipalities/me/columns').set(bearer(token)).send(mapping).expect(200);
    const second = await submit(body).expect(201);
    expect(second.body).toMatchObject({ version: 2, duplicate: false, status: 'rejected' });
    expect(second.body.diagnostics.map((d: { ruleId: string }) => d.ruleId)).not.toContain('table-unrecognised');

    const third = await submit(body).expect(200);
    expect(third.body).toMatchObject({ id: second.body.id, version: 2, duplicate: true });
    expect((await s.store.submission(REGION, second.body.id))!.columns).toEqual({ 'Что делаем': 'activity', Когда: 'deadline', 'Что получим': 'result' });
  });
});
