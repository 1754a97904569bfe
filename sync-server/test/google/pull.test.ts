import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { readXlsx } from '@svod/shared/xlsx';
import { addMunicipality, bearer, COORDINATOR, SEEDS, REGION, auditText } from '../helpers';
import { spreadsheetFromGrids, type FakeSpreadsheet } from './fake-google';
import { googleHarness, SERVICE_ACCOUNT, spreadsheetId, type GoogleHarness } from './support';

const SEED_FILES = ['seed-000-kamchatka.xlsx', 'seed-001-kirov.xlsx', 'seed-002-lazo.xlsx', 'seed-003-ilansky.xlsx', 'seed-004-zabaikalsky.xlsx'];

async function seedSpreadsheet(h: GoogleHarness, file: string, id: string, title: string): Promise<FakeSpreadsheet> {
  const { grids } = await readXlsx(readFileSync(join(SEEDS, file)));
  const s = h.google.add(spreadsheetFromGrids(id, title, grids));
  s.readers.add(SERVICE_ACCOUNT);
  return s;
}

const register = (h: GoogleHarness, municipality: string, body: object) =>
  request(h.server.app).put(`/api/v1/municipalities/${municipality}/google-sheet`).set(bearer(COORDINATOR)).send(body);
const pull = (h: GoogleHarness, municipality: string) => request(h.server.app).post(`/api/v1/municipalities/${municipality}/google-sheet/pull`).set(bearer(COORDINATOR));

describe('POST /api/v1/municipalities/:id/google-sheet/pull', () => {
  let h: GoogleHarness;
  beforeEach(async () => {
    h = await googleHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  describe.each(SEED_FILES)('of the seed %s', (file) => {
    it('gives the same status and diagnostics as uploading the same workbook as xlsx', async () => {
      await addMunicipality(h.server.app, 'from-google', 'Из Google');
      const uploader = await addMunicipality(h.server.app, 'from-xlsx', 'Из файла');
      await seedSpreadsheet(h, file, spreadsheetId(1), `Дорожная карта (${file})`);
      await register(h, 'from-google', { spreadsheet: `https://docs.google.com/spreadsheets/d/${spreadsheetId(1)}/edit#gid=0` }).expect(200);

      const pulled = await pull(h, 'from-google').expect(201);
      const uploaded = await request(h.server.app).post('/api/v1/submissions').set(bearer(uploader)).attach('file', join(SEEDS, file)).expect(201);

      expect(pulled.body.status).toBe(uploaded.body.status);
      expect(pulled.body.summary).toEqual(uploaded.body.summary);
      expect(pulled.body.diagnostics).toEqual(uploaded.body.diagnostics);
      expect(pulled.body.diagnostics.length).toBeGreaterThan(0);
      expect(pulled.body.source).toEqual({ kind: 'google-sheets', spreadsheetId: spreadsheetId(1), title: `Дорожная карта (${file})`, url: `https://docs.google.com/spreadsheets/d/${spreadsheetId(1)}/edit` });
      expect(pulled.body.message).toContain(`Дорожная карта (${file})`);
      // The request was the documented one: grid data, values and merges only.
      const get = h.google.apiRequests().find((r) => r.query.get('includeGridData') === 'true')!;
      expect(get.method).toBe('GET');
      expect(get.query.get('fields')).toContain('merges');
      expect(get.authorization).toMatch(/^Bearer ya29\.fake-/);
    });
  });

  it('reads dates as the xlsx reader does: a roadmap whose deadlines are real dates gives the same diagnostics both ways', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('План');
    ws.addRow(['План мероприятий на 2025-2026 годы']);
    ws.addRow([]);
    ws.addRow(['№ п/п', 'Мероприятие', 'Срок реализации', 'Исполнитель', 'Результат']);
    ws.addRow(['1', 'Совещание с руководителями школ', new Date(Date.UTC(2025, 2, 15)), 'Управление образования', 'Протокол']);
    ws.addRow(['2', 'Семинар для учителей', new Date(Date.UTC(2019, 0, 10)), 'Методический центр', 'Программа семинара']);
    ws.addRow(['3', 'Мониторинг результатов', 'ежеквартально', 'Управление образования', 'Справка']);
    ws.getColumn(3).numFmt = 'dd.mm.yyyy';
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const { grids } = await readXlsx(bytes);
    const s = h.google.add(spreadsheetFromGrids(spreadsheetId(6), 'Даты', grids));
    s.readers.add(SERVICE_ACCOUNT);
    // The stand-in holds them as Sheets does: serial numbers under a date format.
    expect(s.sheets[0]!.cells.get('3,2')).toEqual({ value: { numberValue: 45731 }, numberFormatType: 'DATE' });

    await addMunicipality(h.server.app, 'from-google', 'Из Google');
    const uploader = await addMunicipality(h.server.app, 'from-xlsx', 'Из файла');
    await register(h, 'from-google', { spreadsheet: spreadsheetId(6) }).expect(200);
    const pulled = await pull(h, 'from-google').expect(201);
    const uploaded = await request(h.server.app).post('/api/v1/submissions').set(bearer(uploader)).attach('file', bytes, 'plan.xlsx').expect(201);
    expect(pulled.body.diagnostics).toEqual(uploaded.body.diagnostics);
    expect(pulled.body.summary).toEqual(uploaded.body.summary);
    // The 2019 deadline is outside the plan's period: found both ways.
    expect(JSON.stringify(pulled.body.diagnostics)).toContain('C5');
  });

  it('answers an unchanged spreadsheet with the existing version, and a changed one with the next version and its diff', async () => {
    await addMunicipality(h.server.app, 'lazo', 'Лазовский');
    const s = await seedSpreadsheet(h, 'seed-002-lazo.xlsx', spreadsheetId(2), 'Лазо');
    await register(h, 'lazo', { spreadsheet: spreadsheetId(2) }).expect(200);
    const first = await pull(h, 'lazo').expect(201);
    const again = await pull(h, 'lazo').expect(200);
    expect(again.body).toMatchObject({ id: first.body.id, version: 1, duplicate: true });
    expect(again.body.message).toMatch(/не изменилась/);

    // Someone edits the result of item 1.1.1 (row 9, column E of «План-график») in Google Sheets: the next pull is version 2.
    const sheet = s.sheets.find((x) => x.properties.title === 'План-график')!;
    expect(sheet.cells.get('8,0')!.value.stringValue).toBe('1.1.1.');
    sheet.cells.set('8,4', { value: { stringValue: 'разработан и утверждён муниципальный проект' } });
    const second = await pull(h, 'lazo').expect(201);
    expect(second.body.version).toBe(2);
    const listed = await request(h.server.app).get('/api/v1/submissions?municipality=lazo').set(bearer(COORDINATOR)).expect(200);
    expect(listed.body.submissions).toHaveLength(2);
    const diff = await request(h.server.app).get(`/api/v1/submissions/${second.body.id}/diff?against=${first.body.id}`).set(bearer(COORDINATOR)).expect(200);
    expect(diff.body.diff.changed.map((c: { key: string }) => c.key)).toEqual(['1.1.1']);
    expect(diff.body.diff.added).toEqual([]);
    // The stored original is the grids as read, served back as JSON.
    const original = await request(h.server.app).get(`/api/v1/submissions/${second.body.id}/file`).set(bearer(COORDINATOR)).expect(200);
    expect(original.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(original.text).sheets.map((x: { name: string }) => x.name)).toEqual(s.sheets.map((x) => x.properties.title));
  });

  it('honours an Idempotency-Key as an upload does', async () => {
    await addMunicipality(h.server.app, 'kirov', 'Кировский');
    await seedSpreadsheet(h, 'seed-001-kirov.xlsx', spreadsheetId(3), 'Киров');
    await register(h, 'kirov', { spreadsheet: spreadsheetId(3) }).expect(200);
    const a = await pull(h, 'kirov').set('Idempotency-Key', 'pull-1').expect(201);
    const b = await pull(h, 'kirov').set('Idempotency-Key', 'pull-1').expect(200);
    expect(b.body.id).toBe(a.body.id);
  });

  it('reads only the registered sheets, and names the missing ones in Russian', async () => {
    await addMunicipality(h.server.app, 'kirov', 'Кировский');
    const s = await seedSpreadsheet(h, 'seed-001-kirov.xlsx', spreadsheetId(4), 'Киров');
    const first = s.sheets[0]!.properties.title;
    await register(h, 'kirov', { spreadsheet: spreadsheetId(4), sheets: [first] }).expect(200);
    await pull(h, 'kirov').expect(201);
    const get = h.google.apiRequests().find((r) => r.query.get('includeGridData') === 'true')!;
    expect(get.query.getAll('ranges')).toEqual([`'${first.replace(/'/g, "''")}'`]);

    await register(h, 'kirov', { spreadsheet: spreadsheetId(4), sheets: ['Нет такого листа'] }).expect(200);
    const missing = await pull(h, 'kirov').expect(422);
    expect(missing.body.error.code).toBe('google-sheet-missing');
    expect(missing.body.error.message).toContain('«Нет такого листа»');
    expect(missing.body.error.message).toContain(`«${first}»`);
  });

  it('refuses a pull for a municipality without a registered spreadsheet', async () => {
    await addMunicipality(h.server.app, 'kirov', 'Кировский');
    const res = await pull(h, 'kirov').expect(409);
    expect(res.body.error.message).toMatch(/не зарегистрирована Google Таблица/);
    await pull(h, 'nobody').expect(404);
  });
});

describe('PUT/GET/DELETE /api/v1/municipalities/:id/google-sheet', () => {
  let h: GoogleHarness;
  beforeEach(async () => {
    h = await googleHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('keeps a spreadsheet pasted as a link, says whom to share it with, and forgets it on DELETE', async () => {
    await addMunicipality(h.server.app, 'lazo', 'Лазовский');
    const put = await register(h, 'lazo', { spreadsheet: `  https://docs.google.com/spreadsheets/u/0/d/${spreadsheetId(5)}/edit?usp=sharing  `, sheets: ['План'] }).expect(200);
    expect(put.body).toMatchObject({ municipalityId: 'lazo', spreadsheetId: spreadsheetId(5), sheets: ['План'], serviceAccount: SERVICE_ACCOUNT });
    expect(put.body.message).toContain(SERVICE_ACCOUNT);
    const got = await request(h.server.app).get('/api/v1/municipalities/lazo/google-sheet').set(bearer(COORDINATOR)).expect(200);
    expect(got.body.spreadsheetId).toBe(spreadsheetId(5));
    // Kept in the store, so a restart keeps it.
    expect((await h.server.store.municipality(REGION, 'lazo'))!.googleSheet).toMatchObject({ spreadsheetId: spreadsheetId(5), sheets: ['План'] });
    await request(h.server.app).delete('/api/v1/municipalities/lazo/google-sheet').set(bearer(COORDINATOR)).expect(200);
    await request(h.server.app).get('/api/v1/municipalities/lazo/google-sheet').set(bearer(COORDINATOR)).expect(404);
    const audit = await auditText(h.server);
    expect(audit).toContain('"action":"google-sheet-registered"');
    expect(audit).toContain('"action":"google-sheet-removed"');
  });

  it.each([
    ['', /Укажите Google Таблицу/],
    ['https://example.com/spreadsheets/d/abc', /не на Google Таблицу/],
    ['https://docs.google.com/spreadsheets/d/e/2PACX-1vQabcdefghijklmnopqrstuvwxyz/pubhtml', /опубликованную в интернете копию/],
    ['https://docs.google.com/document/d/1abc/edit', /не найден идентификатор/],
    ['моя таблица', /не ссылка на Google Таблицу/],
  ])('refuses %j with a Russian message', async (spreadsheet, message) => {
    await addMunicipality(h.server.app, 'lazo', 'Лазовский');
    const res = await register(h, 'lazo', { spreadsheet }).expect(400);
    expect(res.body.error.message).toMatch(message);
    expect((await h.server.store.municipality(REGION, 'lazo'))!.googleSheet).toBeUndefined();
  });

  it('refuses a bad list of sheets', async () => {
    await addMunicipality(h.server.app, 'lazo', 'Лазовский');
    expect((await register(h, 'lazo', { spreadsheet: spreadsheetId(5), sheets: 'План' }).expect(400)).body.error.message).toMatch(/список названий листов/);
    expect((await register(h, 'lazo', { spreadsheet: spreadsheetId(5), sheets: ['План', 'план'] }).expect(400)).body.error.message).toMatch(/указан дважды/);
  });

  it('is for the coordinator only', async () => {
    const token = await addMunicipality(h.server.app, 'lazo', 'Лазовский');
    await request(h.server.app).put('/api/v1/municipalities/lazo/google-sheet').set(bearer(token)).send({ spreadsheet: spreadsheetId(5) }).expect(403);
    await request(h.server.app).post('/api/v1/municipalities/lazo/google-sheet/pull').set(bearer(token)).expect(403);
    await request(h.server.app).post('/api/v1/region/google-sheet/publish').set(bearer(token)).send({ spreadsheet: spreadsheetId(5) }).expect(403);
    await request(h.server.app).get('/api/v1/municipalities/lazo/google-sheet').expect(401);
  });
});
