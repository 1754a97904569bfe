/**
 * «Вернуть на доработку» and switching a municipality off, as the coordinator signs them: a returned version and a
 * switched-off municipality's versions leave the Свод (nothing older stands in), every value of them is named on
 * «Не вошло в свод» with the reason, the status says so, «в своде N из M» counts them the same way everywhere, and a
 * newer version or switching on again restores everything. The workbook is read back with ExcelJS, and the one the
 * server sends (with its memos) is the one built from scratch, byte for byte, after each change.
 */
import ExcelJS from 'exceljs';
import request from 'supertest';
import { buildRegionalWorkbook, extractSubmission, valuesText, type SubmissionContent } from '@svod/shared';
import { regionView } from '../src/services/status';
import { renderRegionalWorkbook } from '../src/workbook/write';
import { jsonForm, municipalities, submissionWorkbook, templateWorkbook, workbookXlsx } from '../../bench/server/generate';
import { addMunicipality, bearer, binary, COORDINATOR, testServer, type TestServer, REGION } from './helpers';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ROWS = 12;
const [A, B, C] = municipalities(3);

interface Row {
  municipalityId: string;
  status: string;
  version: number | null;
  inSvod: { version: number } | null;
  returned: { version: number; comment: string; at: string } | null;
  note: string;
}

type Sheets = Record<string, string[][]>;

/** Every sheet as rows of cell texts (numbers as they are written, dates as ISO). */
async function readBack(bytes: Buffer): Promise<Sheets> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const out: Sheets = {};
  for (const ws of wb.worksheets) {
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (r) => {
      const cells: string[] = [];
      for (let c = 1; c <= ws.columnCount; c++) {
        const v = r.getCell(c).value;
        cells.push(v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v));
      }
      rows.push(cells);
    });
    out[ws.name] = rows;
  }
  return out;
}

describe('a returned version and a switched-off municipality', () => {
  let s: TestServer;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string[]> = {};

  beforeAll(async () => {
    s = await testServer();
    await request(s.app).put('/api/v1/region/template').set(bearer(COORDINATOR)).set('Content-Type', XLSX).send(await workbookXlsx(templateWorkbook())).expect(200);
    for (const [i, m] of [A!, B!, C!].entries()) {
      tokens[m.id] = await addMunicipality(s.app, m.id, m.name);
      ids[m.id] = [];
      await submit(m.id, i, 0);
    }
  });
  afterAll(() => s.close());

  /** The content a municipality's version holds: what the bench generator wrote, read as the server reads it. */
  const contentOf = (i: number, attempt: number): SubmissionContent => extractSubmission(submissionWorkbook(i, attempt, ROWS + attempt));

  async function submit(id: string, i: number, attempt: number): Promise<void> {
    const res = await request(s.app).post('/api/v1/submissions').set(bearer(tokens[id]!)).send(jsonForm(submissionWorkbook(i, attempt, ROWS + attempt))).expect(201);
    expect(res.body.status).toBe('accepted');
    ids[id]!.push(res.body.id as string);
  }

  async function status(): Promise<{ inSvod: number; total: number; rows: Record<string, Row> }> {
    const body = (await request(s.app).get('/api/v1/region/status').set(bearer(COORDINATOR)).expect(200)).body as { inSvod: number; total: number; municipalities: Row[] };
    return { inSvod: body.inSvod, total: body.total, rows: Object.fromEntries(body.municipalities.map((r) => [r.municipalityId, r])) };
  }

  /** The served workbook, checked against the one built from scratch from the same region. */
  async function workbook(): Promise<Sheets> {
    const res = await request(s.app).get('/api/v1/region/workbook.xlsx').set(bearer(COORDINATOR)).buffer(true).parse(binary).expect(200);
    const served = res.body as Buffer;
    const fresh = Buffer.from(await renderRegionalWorkbook(buildRegionalWorkbook(await regionView(s.store).mergeInput(REGION, s.now.value))));
    expect(served.equals(fresh)).toBe(true);
    return readBack(served);
  }

  const svodNames = (wb: Sheets) => new Set(wb['Свод показателей']!.map((r) => r[1]));
  const roadmapNames = (wb: Sheets) => new Set(wb['Дорожные карты']!.map((r) => r[0]));
  const notMerged = (wb: Sheets, name: string) => wb['Не вошло в свод']!.filter((r) => r[0] === name);
  const statusRow = (wb: Sheets, name: string) => wb['Статус']!.find((r) => r[0] === name)!;
  const totalLine = (wb: Sheets) => wb['Статус']!.find((r) => r[0] === 'Итого')![1];

  /** Every indicator of the version named on «Не вошло в свод» with its values and the reason, and the whole version. */
  function expectAllNamed(wb: Sheets, name: string, version: number, content: SubmissionContent, reason: string): void {
    const lines = notMerged(wb, name);
    expect(lines.find((r) => r[3] === '(вся версия)')).toMatchObject({ 1: String(version), 5: reason });
    expect(lines.find((r) => r[3] === '(вся версия)')![4]).toMatch(new RegExp(`^${content.indicators.length} показател.*; дорожная карта: ${content.roadmap.length} мероприят`));
    expect(content.indicators.length).toBeGreaterThan(10);
    for (const entry of content.indicators) {
      const line = lines.find((r) => r[3] === entry.name);
      expect(line).toBeDefined();
      expect(line![1]).toBe(String(version));
      expect(line![4]).toBe(valuesText(entry.values));
      expect(line![4]).not.toBe('');
      expect(line![5]).toBe(reason);
    }
  }

  it('every version is in the Свод to begin with', async () => {
    const st = await status();
    expect([st.inSvod, st.total]).toEqual([3, 3]);
    const wb = await workbook();
    for (const m of [A!, B!, C!]) {
      expect(svodNames(wb).has(m.name)).toBe(true);
      expect(roadmapNames(wb).has(m.name)).toBe(true);
    }
    expect(totalLine(wb)).toBe('в своде 3 из 3');
  });

  it('a returned version leaves the Свод: the status says so with the comment, its values are on «Не вошло в свод»', async () => {
    const comment = 'Проверьте значения 2024 года: не сходятся с отчётом.';
    await request(s.app).post(`/api/v1/submissions/${ids[B!.id]![0]}/return`).set(bearer(COORDINATOR)).send({ comment }).expect(201);
    const st = await status();
    expect([st.inSvod, st.total]).toEqual([2, 3]);
    expect(st.rows[B!.id]).toMatchObject({ status: 'возвращено на доработку', version: 1, inSvod: null, returned: { version: 1, comment, at: s.now.value.toISOString() } });
    expect(st.rows[B!.id]!.note).toBe('Версия 1 возвращена на доработку 20.11.2026. В своде данных нет, пока муниципалитет не пришлёт новую версию.');
    expect(st.rows[A!.id]).toMatchObject({ status: 'принято', returned: null });
    // The municipality sees the same row, and its version no longer says what «reaches» the Свод.
    const me = (await request(s.app).get('/api/v1/me').set(bearer(tokens[B!.id]!)).expect(200)).body;
    expect(me.status).toEqual(st.rows[B!.id]);
    expect((await request(s.app).get(`/api/v1/submissions/${ids[B!.id]![0]}`).set(bearer(tokens[B!.id]!)).expect(200)).body.indicators).toBeNull();

    const wb = await workbook();
    expect(svodNames(wb).has(B!.name)).toBe(false);
    expect(roadmapNames(wb).has(B!.name)).toBe(false);
    expect(svodNames(wb).has(A!.name)).toBe(true);
    expectAllNamed(wb, B!.name, 1, contentOf(1, 0), `версия 1 возвращена на доработку 20.11.2026: ${comment}`);
    expect(statusRow(wb, B!.name).slice(1, 3)).toEqual(['возвращено на доработку', '1']);
    expect(totalLine(wb)).toBe('в своде 2 из 3');
    expect(wb['Свод показателей']!.some((r) => r.join(' ').includes('В своде данные 2 из 3 муниципалитетов'))).toBe(true);
  });

  it('a second return of the same version: its comment is the reason now (the cached workbook is not reused)', async () => {
    await workbook();
    await request(s.app).post(`/api/v1/submissions/${ids[B!.id]![0]}/return`).set(bearer(COORDINATOR)).send({ comment: 'И приложите пояснительную записку.' }).expect(201);
    expect((await status()).rows[B!.id]!.returned).toMatchObject({ version: 1, comment: 'И приложите пояснительную записку.' });
    const wb = await workbook();
    const reasons = new Set(notMerged(wb, B!.name).map((r) => r[5]));
    expect([...reasons]).toEqual(['версия 1 возвращена на доработку 20.11.2026: И приложите пояснительную записку.']);
  });

  it('an older accepted version does not stand in for a returned one', async () => {
    s.now.value = new Date('2026-11-21T09:00:00Z');
    await submit(A!.id, 0, 1);
    expect((await status()).rows[A!.id]!.inSvod).toEqual(expect.objectContaining({ version: 2 }));
    await request(s.app).post(`/api/v1/submissions/${ids[A!.id]![1]}/return`).set(bearer(COORDINATOR)).send({ comment: 'Дорожная карта не того года.' }).expect(201);
    const st = await status();
    expect(st.rows[A!.id]).toMatchObject({ status: 'возвращено на доработку', version: 2, inSvod: null });
    expect([st.inSvod, st.total]).toEqual([1, 3]);
    const wb = await workbook();
    expect(svodNames(wb).has(A!.name)).toBe(false);
    expect(roadmapNames(wb).has(A!.name)).toBe(false);
    // Version 1 is named nowhere as being in the Свод; version 2's values are on «Не вошло в свод».
    expect(statusRow(wb, A!.name)[6]).toBe('');
    expectAllNamed(wb, A!.name, 2, contentOf(0, 1), 'версия 2 возвращена на доработку 21.11.2026: Дорожная карта не того года.');
    expect(notMerged(wb, A!.name).every((r) => r[1] === '2')).toBe(true);
  });

  it('a newer version after the return goes into the Свод again, and the return is history', async () => {
    await submit(B!.id, 1, 1);
    const st = await status();
    expect(st.rows[B!.id]).toMatchObject({ status: 'принято', version: 2, inSvod: { version: 2 }, returned: null });
    expect([st.inSvod, st.total]).toEqual([2, 3]);
    // The comment stays readable where returns are listed.
    const returns = (await request(s.app).get('/api/v1/returns').set(bearer(tokens[B!.id]!)).expect(200)).body.returns as Array<{ comment: string }>;
    // Newest first, even at the same instant.
    expect(returns.map((r) => r.comment)).toEqual(['И приложите пояснительную записку.', 'Проверьте значения 2024 года: не сходятся с отчётом.']);
    const wb = await workbook();
    expect(svodNames(wb).has(B!.name)).toBe(true);
    expect(roadmapNames(wb).has(B!.name)).toBe(true);
    expect(notMerged(wb, B!.name).some((r) => /возвращена на доработку/.test(r[5]!))).toBe(false);
    // The new version's values are the ones in «Свод показателей».
    const sheet = wb['Свод показателей']!;
    const year = sheet.find((r) => r[1] === 'Показатель, муниципалитет')!.indexOf('2024');
    const numeric = contentOf(1, 1).indicators.filter((e) => typeof e.values['2024'] === 'number');
    expect(numeric.length).toBeGreaterThan(5);
    for (const entry of numeric) {
      const group = sheet.findIndex((r) => r[1] === entry.name);
      expect(group).toBeGreaterThan(-1);
      const end = sheet.findIndex((r, k) => k > group && r[1]!.startsWith('Регион'));
      const row = sheet.slice(group + 1, end).find((r) => r[1] === B!.name);
      expect(row?.[year]).toBe(String(entry.values['2024']));
    }
  });

  it('a switched-off municipality is «отключён», out of the Свод and of «из M»; its values are on «Не вошло в свод»', async () => {
    s.now.value = new Date('2026-11-22T09:00:00Z');
    await request(s.app).put(`/api/v1/municipalities/${C!.id}`).set(bearer(COORDINATOR)).send({ active: false }).expect(200);
    const st = await status();
    expect(st.rows[C!.id]).toMatchObject({ status: 'отключён', version: 1, inSvod: null });
    expect(st.rows[C!.id]!.note).toMatch(/^Муниципалитет отключён 22\.11\.2026/);
    // The answer counts as the workbook does: a switched-off municipality is not in «из M».
    expect([st.inSvod, st.total]).toEqual([1, 2]);
    const wb = await workbook();
    expect(svodNames(wb).has(C!.name)).toBe(false);
    expect(roadmapNames(wb).has(C!.name)).toBe(false);
    expectAllNamed(wb, C!.name, 1, contentOf(2, 0), 'муниципалитет отключён 22.11.2026');
    expect(statusRow(wb, C!.name)[1]).toBe('отключён');
    expect(totalLine(wb)).toBe('в своде 1 из 2');
    expect(wb['Статус']!.some((r) => r[0] === 'В своде данные 1 из 2 муниципалитетов; отключены и не считаются: 1.')).toBe(true);
  });

  it('switching on again restores everything', async () => {
    await request(s.app).put(`/api/v1/municipalities/${C!.id}`).set(bearer(COORDINATOR)).send({ active: true }).expect(200);
    const st = await status();
    expect(st.rows[C!.id]).toMatchObject({ status: 'принято', inSvod: { version: 1 } });
    expect([st.inSvod, st.total]).toEqual([2, 3]);
    const wb = await workbook();
    expect(svodNames(wb).has(C!.name)).toBe(true);
    expect(roadmapNames(wb).has(C!.name)).toBe(true);
    expect(notMerged(wb, C!.name).some((r) => /отключён/.test(r[5]!))).toBe(false);
    expect(totalLine(wb)).toBe('в своде 2 из 3');
  });

  it('the portal\'s indicator values leave a returned version out', async () => {
    const values = (await request(s.app).get('/api/v1/region/indicators').set(bearer(COORDINATOR)).expect(200)).body as { indicators: Array<{ municipalities: Array<{ municipalityId: string }> }> };
    const who = new Set(values.indicators.flatMap((i) => i.municipalities.map((m) => m.municipalityId)));
    expect(who.has(A!.id)).toBe(false);
    expect(who.has(B!.id)).toBe(true);
    expect(who.has(C!.id)).toBe(true);
  });
});
