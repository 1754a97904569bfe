/**
 * The routes the web portal added (issue #12), as a client sees them: who is signed in, renaming and switching off a
 * municipality, returning a version with a comment, the template read without storing it, the current template and
 * its file, the indicator values of the Свод with the far values.
 */
import request from 'supertest';
import { addMunicipality, bearer, binary, COORDINATOR, filledKamchatka, seed, testServer, type TestServer } from './helpers';
import { outlierIndices } from '../src/services/portal';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('the portal routes', () => {
  let s: TestServer;
  let token: string;
  beforeAll(async () => {
    s = await testServer({ demo: true });
    token = await addMunicipality(s.app, 'ilansky', 'Иланский район');
  });
  afterAll(() => s.close());

  describe('GET /me', () => {
    it('names the role and, for a municipality, the municipality', async () => {
      expect((await request(s.app).get('/api/v1/me').set(bearer(COORDINATOR)).expect(200)).body).toEqual({ role: 'coordinator', municipality: null, region: 'Камчатский край', status: null });
      const me = (await request(s.app).get('/api/v1/me').set(bearer(token)).expect(200)).body;
      expect(me).toMatchObject({ role: 'municipality', municipality: { id: 'ilansky', name: 'Иланский район' }, region: 'Камчатский край' });
      // Its own row of the status, as the coordinator's table has it.
      const row = (await request(s.app).get('/api/v1/region/status').set(bearer(COORDINATOR)).expect(200)).body.municipalities.find((m: { municipalityId: string }) => m.municipalityId === 'ilansky');
      expect(me.status).toEqual(row);
    });
    it('refuses without a token, in Russian', async () => {
      const res = await request(s.app).get('/api/v1/me').expect(401);
      expect(res.body.error.message).toMatch(/^Нужен токен доступа/);
    });
  });

  describe('PUT /municipalities/:id', () => {
    it('renames; the status and the list show the new name', async () => {
      const other = await addMunicipality(s.app, 'rename-me', 'Старое имя');
      const res = await request(s.app).put('/api/v1/municipalities/rename-me').set(bearer(COORDINATOR)).send({ name: '  Новое имя ' }).expect(200);
      expect(res.body).toEqual({ id: 'rename-me', name: 'Новое имя', active: true, deactivatedAt: null, hasToken: true });
      const status = await request(s.app).get('/api/v1/region/status').set(bearer(COORDINATOR)).expect(200);
      expect(status.body.municipalities.find((m: { municipalityId: string }) => m.municipalityId === 'rename-me').name).toBe('Новое имя');
      expect((await request(s.app).get('/api/v1/me').set(bearer(other)).expect(200)).body.municipality.name).toBe('Новое имя');
    });

    it('switches off: its tokens stop at once, its versions stay; a new token switches it on', async () => {
      const t = await addMunicipality(s.app, 'switch-off', 'Отключаемый район');
      await request(s.app).post('/api/v1/submissions').set(bearer(t)).attach('file', seed('seed-000-kamchatka.xlsx'), 'a.xlsx').expect(201);
      const off = await request(s.app).put('/api/v1/municipalities/switch-off').set(bearer(COORDINATOR)).send({ active: false }).expect(200);
      expect(off.body).toMatchObject({ active: false, hasToken: false, deactivatedAt: s.now.value.toISOString() });
      expect((await request(s.app).get('/api/v1/me').set(bearer(t)).expect(401)).body.error.message).toMatch(/отозван/);
      expect((await request(s.app).get('/api/v1/submissions?municipality=switch-off').set(bearer(COORDINATOR)).expect(200)).body.submissions).toHaveLength(1);
      const states = await request(s.app).get('/api/v1/municipalities/states').set(bearer(COORDINATOR)).expect(200);
      expect(states.body.municipalities.find((m: { id: string }) => m.id === 'switch-off')).toMatchObject({ active: false, hasToken: false });
      await request(s.app).put('/api/v1/municipalities/switch-off').set(bearer(COORDINATOR)).send({ active: true }).expect(200);
      const fresh = (await request(s.app).post('/api/v1/municipalities/switch-off/token').set(bearer(COORDINATOR)).expect(201)).body.token as string;
      expect((await request(s.app).get('/api/v1/me').set(bearer(fresh)).expect(200)).body.municipality.id).toBe('switch-off');
    });

    it('refuses a bad body, an unknown municipality, and a municipality token', async () => {
      expect((await request(s.app).put('/api/v1/municipalities/ilansky').set(bearer(COORDINATOR)).send({ name: 'Я' }).expect(400)).body.error).toEqual({ code: 'bad-name', message: 'Название муниципалитета: от 2 до 200 символов.' });
      expect((await request(s.app).put('/api/v1/municipalities/ilansky').set(bearer(COORDINATOR)).send({}).expect(400)).body.error.code).toBe('bad-body');
      expect((await request(s.app).put('/api/v1/municipalities/ilansky').set(bearer(COORDINATOR)).send({ nme: 'x' }).expect(400)).body.error.message).toMatch(/Передайте/);
      await request(s.app).put('/api/v1/municipalities/nobody').set(bearer(COORDINATOR)).send({ name: 'Никто' }).expect(404);
      await request(s.app).put('/api/v1/municipalities/ilansky').set(bearer(token)).send({ name: 'Сам себя' }).expect(403);
      await request(s.app).get('/api/v1/municipalities/states').set(bearer(token)).expect(403);
    });
  });

  describe('POST /submissions/:id/return and GET /returns', () => {
    it('keeps the comment for the municipality, and shows it to no other', async () => {
      const own = await request(s.app).post('/api/v1/submissions').set(bearer(token)).attach('file', seed('seed-001-kirov.xlsx'), 'kirov.xlsx').expect(201);
      const note = await request(s.app).post(`/api/v1/submissions/${own.body.id}/return`).set(bearer(COORDINATOR)).send({ comment: ' Исправьте даты. ' }).expect(201);
      expect(note.body).toMatchObject({ submissionId: own.body.id, municipalityId: 'ilansky', version: own.body.version, comment: 'Исправьте даты.', at: s.now.value.toISOString() });
      expect((await request(s.app).get('/api/v1/returns').set(bearer(token)).expect(200)).body.returns.map((r: { comment: string }) => r.comment)).toEqual(['Исправьте даты.']);
      const other = await addMunicipality(s.app, 'bystrinsky', 'Быстринский район');
      expect((await request(s.app).get('/api/v1/returns').set(bearer(other)).expect(200)).body.returns).toEqual([]);
      // A municipality cannot ask for another's by the query.
      expect((await request(s.app).get('/api/v1/returns?municipality=ilansky').set(bearer(other)).expect(200)).body.returns).toEqual([]);
      expect((await request(s.app).get('/api/v1/returns?municipality=ilansky').set(bearer(COORDINATOR)).expect(200)).body.returns).toHaveLength(1);
    });
    it('refuses an empty comment, an unknown version and a municipality token', async () => {
      const any = (await request(s.app).get('/api/v1/submissions').set(bearer(COORDINATOR)).expect(200)).body.submissions[0].id as string;
      expect((await request(s.app).post(`/api/v1/submissions/${any}/return`).set(bearer(COORDINATOR)).send({ comment: ' ' }).expect(400)).body.error.message).toMatch(/^Комментарий для муниципалитета/);
      await request(s.app).post('/api/v1/submissions/00000000-0000-0000-0000-000000000000/return').set(bearer(COORDINATOR)).send({ comment: 'Исправьте.' }).expect(404);
      await request(s.app).post(`/api/v1/submissions/${any}/return`).set(bearer(token)).send({ comment: 'Исправьте.' }).expect(403);
    });
  });

  describe('the template', () => {
    it('POST /region/template/preview reads a workbook and stores nothing', async () => {
      const before = (await request(s.app).get('/api/v1/region').set(bearer(COORDINATOR)).expect(200)).body.template;
      const res = await request(s.app).post('/api/v1/region/template/preview').set(bearer(COORDINATOR)).attach('file', seed('seed-000-kamchatka.xlsx'), 'Шаблон.xlsx').expect(200);
      expect(res.body.fileName).toBe('Шаблон.xlsx');
      expect(res.body.indicators.length).toBeGreaterThan(10);
      expect(res.body.years).toEqual([2020, 2021, 2022, 2023]);
      expect(res.body.message).toMatch(/^Прочитано: \d+ показателей, годы 2020, 2021, 2022, 2023/);
      // The region keeps its template.
      expect((await request(s.app).get('/api/v1/region').set(bearer(COORDINATOR)).expect(200)).body.template).toEqual(before);
      // Lower-is-better marked by the name.
      const failing = res.body.indicators.find((i: { name: string }) => /не справившихся/.test(i.name));
      expect(failing?.lowerIsBetter).toBe(true);
      // The raw xlsx body works too.
      await request(s.app).post('/api/v1/region/template/preview').set(bearer(COORDINATOR)).set('Content-Type', XLSX).send(seed('seed-000-kamchatka.xlsx')).expect(200);
    });
    it('refuses a file with nothing to collect, and a municipality token', async () => {
      const csv = Buffer.from('просто;текст\nбез;таблиц\n', 'utf8');
      expect((await request(s.app).post('/api/v1/region/template/preview').set(bearer(COORDINATOR)).attach('file', csv, 'x.csv').expect(422)).body.error.code).toBe('template-empty');
      await request(s.app).post('/api/v1/region/template/preview').set(bearer(token)).attach('file', seed('seed-000-kamchatka.xlsx'), 'a.xlsx').expect(403);
    });
    it('GET /region/template and /region/template/file: the current one for either role, the file as uploaded', async () => {
      const current = (await request(s.app).get('/api/v1/region/template').set(bearer(token)).expect(200)).body;
      const region = (await request(s.app).get('/api/v1/region').set(bearer(token)).expect(200)).body.template;
      expect([current.indicators.length, current.years]).toEqual([region.indicators, region.years]);
      const file = await request(s.app).get('/api/v1/region/template/file').set(bearer(token)).buffer(true).parse(binary).expect(200);
      expect(file.headers['content-type']).toBe(XLSX);
      expect((file.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    });
    it('a template sent as the JSON form comes back as an xlsx', async () => {
      const t = await testServer();
      try {
        const rows = [['Целевые показатели'], ['№', 'Наименование показателя', 'Единица измерения', '2024', '2025'], ['1', 'Доля обучающихся, не справившихся с ВПР', '%', null, null]];
        await request(t.app).put('/api/v1/region/template').set(bearer(COORDINATOR)).send({ sheets: [{ name: 'Показатели', rows }] }).expect(200);
        const file = await request(t.app).get('/api/v1/region/template/file').set(bearer(COORDINATOR)).buffer(true).parse(binary).expect(200);
        expect((file.body as Buffer).subarray(0, 2).toString()).toBe('PK');
        const back = (await request(t.app).post('/api/v1/region/template/preview').set(bearer(COORDINATOR)).set('Content-Type', XLSX).send(file.body).expect(200)).body;
        expect(back.indicators.map((i: { name: string }) => i.name)).toEqual(['Доля обучающихся, не справившихся с ВПР']);
        expect(back.years).toEqual([2024, 2025]);
      } finally {
        await t.close();
      }
    });
  });

  describe('GET /region/indicators', () => {
    it('gives each municipality in the Свод its values by year, the region value and the far ones', async () => {
      const t = await testServer({ demo: true });
      try {
        const bases = { a: 0, b: 2, c: 4, d: 30 } as const;
        for (const [id, base] of Object.entries(bases)) {
          const tk = await addMunicipality(t.app, `mun-${id}`, `Район ${id.toUpperCase()}`);
          await request(t.app).post('/api/v1/submissions').set(bearer(tk)).attach('file', await filledKamchatka(base), `${id}.xlsx`).expect(201);
        }
        const res = (await request(t.app).get('/api/v1/region/indicators').set(bearer(COORDINATOR)).expect(200)).body;
        expect(res.years).toEqual([2020, 2021, 2022, 2023]);
        // A percentage indicator where more is better: filledKamchatka writes 50 + base + 5·year.
        const quality = res.indicators.find((i: { unit: string; lowerIsBetter: boolean; municipalities: unknown[] }) => i.unit === '%' && !i.lowerIsBetter && i.municipalities.length === 4);
        expect(quality.aggregate).toBe('среднее');
        const byId = Object.fromEntries(quality.municipalities.map((m: { municipalityId: string }) => [m.municipalityId, m]));
        expect(byId['mun-a'].numbers).toEqual({ 2020: 50, 2021: 55, 2022: 60, 2023: 65 });
        expect(byId['mun-d'].numbers['2020']).toBe(80);
        expect(quality.region['2020']).toBe((50 + 52 + 54 + 80) / 4);
        expect(byId['mun-d'].outliers).toEqual(['2020', '2021', '2022', '2023']);
        expect(byId['mun-a'].outliers).toEqual([]);
        await request(t.app).get('/api/v1/region/indicators').set(bearer(await addMunicipality(t.app, 'mun-e', 'Район E'))).expect(403);
      } finally {
        await t.close();
      }
    });
  });
});

describe('outlierIndices', () => {
  it('marks a value far from the others by the median and its absolute deviation', () => {
    expect([...outlierIndices([50, 52, 54, 80])]).toEqual([3]);
    expect([...outlierIndices([10, 11, 12, 13, 14])]).toEqual([]);
  });
  it('says nothing with three values or fewer, and skips the missing', () => {
    expect([...outlierIndices([1, 2, 100])]).toEqual([]);
    expect([...outlierIndices([5, null, 5, 5, 9])]).toEqual([4]);
  });
  it('with no spread, a value off by more than a quarter is far, a close one is not', () => {
    expect([...outlierIndices([10, 10, 10, 10, 11])]).toEqual([]);
    expect([...outlierIndices([10, 10, 10, 10, 14])]).toEqual([4]);
  });
});
