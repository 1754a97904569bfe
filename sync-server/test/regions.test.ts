/**
 * Many regions in one deployment (issue #13): regions are tenants. The federal coordinator creates them and reads
 * them all; a region's coordinator and municipalities never see another region's data, even where both regions have
 * a municipality with the same id. Runs on both stores (jest project `server-postgres`).
 */
import request from 'supertest';
import { bearer, binary, COORDINATOR, FEDERAL, readBack, REGION, roadmapJson, testServer, type TestServer } from './helpers';

const NOT_FOUND = { error: { code: 'not-found', message: 'Такой отправки нет.' } };

describe('regions as tenants', () => {
  let s: TestServer;
  /** The second region's coordinator, and each region's `alpha` (the same id in both) and `beta`. */
  let north: string;
  const tokens: Record<'home' | 'north', Record<'alpha' | 'beta', string>> = { home: { alpha: '', beta: '' }, north: { alpha: '', beta: '' } };
  const versions: Record<'home' | 'north', Record<'alpha' | 'beta', string>> = { home: { alpha: '', beta: '' }, north: { alpha: '', beta: '' } };
  const api = () => request(s.app);
  const coordinatorOf = (r: 'home' | 'north') => (r === 'home' ? COORDINATOR : north);

  beforeAll(async () => {
    s = await testServer();
    const created = await api().post('/api/v1/federal/regions').set(bearer(FEDERAL)).send({ id: 'north', name: 'Северный край', timeZone: 'Asia/Magadan' }).expect(201);
    expect(created.body).toEqual({ id: 'north', name: 'Северный край', coordinatorToken: expect.stringMatching(/^svod_/) });
    north = created.body.coordinatorToken as string;
    for (const r of ['home', 'north'] as const) {
      for (const m of ['alpha', 'beta'] as const) {
        const name = `${m === 'alpha' ? 'Альфинский' : 'Бетинский'} район (${r === 'home' ? 'Камчатка' : 'Север'})`;
        tokens[r][m] = (await api().post('/api/v1/municipalities').set(bearer(coordinatorOf(r))).send({ id: m, name }).expect(201)).body.token;
        const body = roadmapJson([['1', `Совещание ${r} ${m}`, 'до 01.03.2026', 'Управление образования', 'Протокол совещания']]);
        versions[r][m] = (await api().post('/api/v1/submissions').set(bearer(tokens[r][m])).set('Content-Type', 'application/json').send(body).expect(201)).body.id;
      }
    }
  });
  afterAll(() => s.close());

  it('gives every region its own version numbers, municipalities and status', async () => {
    for (const r of ['home', 'north'] as const) {
      const list = await api().get('/api/v1/submissions').set(bearer(coordinatorOf(r))).expect(200);
      expect(list.body.submissions.map((x: { id: string; version: number }) => [x.id, x.version]).sort()).toEqual(
        [
          [versions[r].alpha, 1],
          [versions[r].beta, 1],
        ].sort(),
      );
      const municipalities = await api().get('/api/v1/municipalities').set(bearer(coordinatorOf(r))).expect(200);
      expect(municipalities.body.municipalities.map((m: { name: string }) => m.name)).toEqual(
        r === 'home' ? ['Альфинский район (Камчатка)', 'Бетинский район (Камчатка)'] : ['Альфинский район (Север)', 'Бетинский район (Север)'],
      );
      const status = await api().get('/api/v1/region/status').set(bearer(coordinatorOf(r))).expect(200);
      expect([status.body.region, status.body.inSvod, status.body.total, status.body.timeZone]).toEqual(
        r === 'home' ? ['Камчатский край', 2, 2, 'Europe/Moscow'] : ['Северный край', 2, 2, 'Asia/Magadan'],
      );
    }
  });

  it('answers another region’s version as not there, to its coordinator and to its municipality of the same id', async () => {
    const foreign = versions.north.alpha;
    const paths = [`/api/v1/submissions/${foreign}`, `/api/v1/submissions/${foreign}/file`, `/api/v1/submissions/${foreign}/annotated.xlsx`, `/api/v1/submissions/${versions.home.alpha}/diff?against=${foreign}`];
    for (const token of [COORDINATOR, tokens.home.alpha]) {
      for (const path of paths) {
        const res = await api().get(path).set(bearer(token));
        expect([path, res.status, res.body]).toEqual([path, 404, NOT_FOUND]);
      }
    }
    const returned = await api().post(`/api/v1/submissions/${foreign}/return`).set(bearer(COORDINATOR)).send({ comment: 'чужая версия' });
    expect([returned.status, returned.body]).toEqual([404, NOT_FOUND]);
    // The other region's own coordinator reads it, untouched.
    const own = await api().get(`/api/v1/submissions/${foreign}`).set(bearer(north)).expect(200);
    expect(own.body.municipalityId).toBe('alpha');
    expect((await api().get('/api/v1/returns').set(bearer(north)).expect(200)).body.returns).toEqual([]);
  });

  it('changes only its own region’s municipality of a shared id: columns, name, token', async () => {
    await api().put('/api/v1/municipalities/alpha/columns').set(bearer(COORDINATOR)).send({ columns: { 'Что делаем': 'мероприятие' } }).expect(200);
    expect((await api().get('/api/v1/municipalities/alpha/columns').set(bearer(north)).expect(200)).body).toEqual({ id: 'alpha', columns: {} });
    await api().put('/api/v1/municipalities/alpha').set(bearer(COORDINATOR)).send({ name: 'Альфинский округ (Камчатка)' }).expect(200);
    expect((await api().get('/api/v1/municipalities').set(bearer(north)).expect(200)).body.municipalities[0].name).toBe('Альфинский район (Север)');
    const rotated = await api().post('/api/v1/municipalities/alpha/token').set(bearer(COORDINATOR)).expect(201);
    await api().get('/api/v1/submissions').set(bearer(tokens.home.alpha)).expect(401);
    tokens.home.alpha = rotated.body.token;
    // North's alpha keeps its token.
    await api().get('/api/v1/submissions').set(bearer(tokens.north.alpha)).expect(200);
    // A coordinator's rotation leaves the other region's coordinator signed in.
    const next = (await api().post('/api/v1/tokens/coordinator/rotate').set(bearer(north)).expect(201)).body.token as string;
    await api().get('/api/v1/region').set(bearer(north)).expect(401);
    north = next;
    await api().get('/api/v1/region').set(bearer(COORDINATOR)).expect(200);
  });

  it('keeps each region’s template, deadline and mappings to itself', async () => {
    await api().put('/api/v1/region/deadline').set(bearer(north)).send({ deadline: '2026-12-20' }).expect(200);
    const home = await api().get('/api/v1/region').set(bearer(tokens.home.beta)).expect(200);
    const away = await api().get('/api/v1/region').set(bearer(tokens.north.beta)).expect(200);
    expect([home.body.name, home.body.deadline]).toEqual(['Камчатский край', null]);
    expect([away.body.name, away.body.deadline, away.body.timeZone]).toEqual(['Северный край', '2026-12-20', 'Asia/Magadan']);
  });

  it('builds each region’s workbook from its own versions only', async () => {
    for (const r of ['home', 'north'] as const) {
      const res = await api().get('/api/v1/region/workbook.xlsx').set(bearer(coordinatorOf(r))).buffer(true).parse(binary).expect(200);
      const book = await readBack(res.body as Buffer);
      const text = JSON.stringify(book.wb.worksheets.map((ws) => book.values(ws.name)));
      const other = r === 'home' ? 'north' : 'home';
      expect(text).toContain(`Совещание ${r} alpha`);
      expect(text).not.toContain(`Совещание ${other}`);
      expect(text).not.toContain(r === 'home' ? 'Север' : 'Камчатка)');
    }
  });

  it('lets the federal coordinator read every region as its own coordinator does, and change none', async () => {
    const list = await api().get('/api/v1/federal/regions').set(bearer(FEDERAL)).expect(200);
    expect(list.body.regions.map((r: { id: string; name: string; inSvod: number; total: number }) => [r.id, r.name, r.inSvod, r.total])).toEqual([
      [REGION, 'Камчатский край', 2, 2],
      ['north', 'Северный край', 2, 2],
    ]);
    for (const [id, token] of [
      [REGION, COORDINATOR],
      ['north', north],
    ] as const) {
      const federal = await api().get(`/api/v1/federal/regions/${id}/status`).set(bearer(FEDERAL)).expect(200);
      const own = await api().get('/api/v1/region/status').set(bearer(token)).expect(200);
      expect(federal.body).toEqual(own.body);
    }
    expect((await api().get('/api/v1/federal/regions/nowhere/status').set(bearer(FEDERAL))).status).toBe(404);
    // The federal figures follow every change of a region (kept per region only while its state is the same).
    await api().put('/api/v1/municipalities/beta').set(bearer(north)).send({ active: false }).expect(200);
    const after = await api().get('/api/v1/federal/regions').set(bearer(FEDERAL)).expect(200);
    expect(after.body.regions.map((r: { id: string; inSvod: number; total: number }) => [r.id, r.inSvod, r.total])).toEqual([
      [REGION, 2, 2],
      ['north', 1, 1],
    ]);
    await api().put('/api/v1/municipalities/beta').set(bearer(north)).send({ active: true }).expect(200);
    const back = await api().get('/api/v1/federal/regions').set(bearer(FEDERAL)).expect(200);
    expect(back.body.regions[1]).toMatchObject({ id: 'north', inSvod: 2, total: 2 });
    // A region id that is taken, and bodies that are not a region, are refused with their Russian sentence.
    const taken = await api().post('/api/v1/federal/regions').set(bearer(FEDERAL)).send({ id: 'north', name: 'Другой край' });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'exists']);
    const bad = await api().post('/api/v1/federal/regions').set(bearer(FEDERAL)).send({ id: 'Север', name: 'Северный край' });
    expect([bad.status, bad.body.error.code, bad.body.error.message]).toEqual([400, 'bad-id', expect.stringMatching(/^Код региона/)]);
    const zone = await api().post('/api/v1/federal/regions').set(bearer(FEDERAL)).send({ id: 'south', name: 'Южный край', timeZone: 'Mars/Olympus' });
    expect([zone.status, zone.body.error.code]).toEqual([400, 'bad-timeZone']);
    // No region's data through a federal token.
    for (const path of ['/api/v1/region', '/api/v1/submissions', `/api/v1/submissions/${versions.north.alpha}`, '/api/v1/returns']) {
      expect([path, (await api().get(path).set(bearer(FEDERAL))).status]).toEqual([path, 403]);
    }
    expect((await api().get('/api/v1/me').set(bearer(FEDERAL)).expect(200)).body).toEqual({ role: 'federal', municipality: null, region: '', status: null });
  });

  it('gives the federal coordinator the federal summary workbook', async () => {
    const res = await api().get('/api/v1/federal/workbook.xlsx').set(bearer(FEDERAL)).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = await readBack(res.body as Buffer);
    const regions = book.values('Регионы');
    const names = regions.flat().filter((v) => typeof v === 'string');
    expect(names).toEqual(expect.arrayContaining(['Камчатский край', 'Северный край']));
    // Neither region has an indicator template: both are said to be out of the summary, with the reason.
    const notMerged = JSON.stringify(book.values('Не вошло в свод'));
    expect(notMerged).toContain('Камчатский край');
    expect(notMerged).toContain('Северный край');
  });
});

