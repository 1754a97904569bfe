import request from 'supertest';
import { addMunicipality, bearer, binary, COORDINATOR, filledKamchatka, readBack, roadmapJson, seed, REGION } from '../helpers';
import { emptySheet, sheetRows, type FakeSheet, type FakeSpreadsheet } from './fake-google';
import { googleHarness, SERVICE_ACCOUNT, spreadsheetId, type GoogleHarness } from './support';

const TARGET = spreadsheetId(20);
/** Municipality texts a spreadsheet would take for formulas if they were typed in. */
const FORMULA_LIKE = ['=HYPERLINK("http://evil.example","Отчёт")', '+7 913 000-00-00', '-проведение совещаний', '@all'];

/** The coordinator's own spreadsheet: a notes sheet and a sheet they named «Статус» themselves. */
function target(): FakeSpreadsheet {
  const notes = emptySheet(0, 'Мои заметки', 0);
  notes.cells.set('0,0', { value: { stringValue: 'Позвонить в Лазо' } });
  const status = emptySheet(1, 'Статус', 1);
  status.cells.set('0,0', { value: { stringValue: 'Статус совещаний' } });
  return { spreadsheetId: TARGET, title: 'Свод для министерства', sheets: [notes, status], readers: new Set(), editors: new Set([SERVICE_ACCOUNT]) };
}

/** Rows without trailing empty cells and rows, '' and undefined as null, dates as spreadsheet serial days: what a person sees. */
function visible(rows: unknown[][]): unknown[][] {
  const out = rows.map((row) => {
    const r = Array.from(row, (v) => (v === '' || v === undefined ? null : v instanceof Date ? v.getTime() / 86_400_000 + 25_569 : v));
    while (r.length && r[r.length - 1] === null) r.pop();
    return r;
  });
  while (out.length && out[out.length - 1]!.length === 0) out.pop();
  return out;
}

const publish = (h: GoogleHarness, body: object = { spreadsheet: `https://docs.google.com/spreadsheets/d/${TARGET}/edit` }) =>
  request(h.server.app).post('/api/v1/region/google-sheet/publish').set(bearer(COORDINATOR)).send(body);

async function regionWithSubmissions(h: GoogleHarness): Promise<void> {
  const app = h.server.app;
  await request(app).put('/api/v1/region/template').set(bearer(COORDINATOR)).attach('file', seed('seed-000-kamchatka.xlsx'), 'Шаблон.xlsx').expect(200);
  const alpha = await addMunicipality(app, 'alpha', 'Альфа');
  const beta = await addMunicipality(app, 'beta', 'Бета');
  const gamma = await addMunicipality(app, 'gamma', 'Гамма');
  await request(app).post('/api/v1/submissions').set(bearer(alpha)).attach('file', await filledKamchatka(1), 'a.xlsx').expect(201);
  await request(app).post('/api/v1/submissions').set(bearer(beta)).attach('file', await filledKamchatka(3), 'b.xlsx').expect(201);
  const items = FORMULA_LIKE.map((text, i) => [String(i + 1), `Мероприятие ${text}`, 'до 15.03.2025', text, 'Протокол']);
  await request(app).post('/api/v1/submissions').set(bearer(gamma)).set('Content-Type', 'application/json').send(roadmapJson(items)).expect(201);
}

const sheetNamed = (s: FakeSpreadsheet, title: string): FakeSheet => {
  const sheet = s.sheets.find((x) => x.properties.title === title);
  if (!sheet) throw new Error(`no sheet ${title} in ${s.sheets.map((x) => x.properties.title).join(', ')}`);
  return sheet;
};

describe('POST /api/v1/region/google-sheet/publish', () => {
  let h: GoogleHarness;
  beforeEach(async () => {
    h = await googleHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('writes the regional workbook as the xlsx download has it: values RAW, then the formatting in one batchUpdate', async () => {
    await regionWithSubmissions(h);
    const s = h.google.add(target());
    const res = await publish(h).expect(200);
    const xlsx = await readBack((await request(h.server.app).get('/api/v1/region/workbook.xlsx').set(bearer(COORDINATOR)).buffer(true).parse(binary).expect(200)).body as Buffer);

    // The coordinator's «Статус» stays theirs; Svod's goes beside it.
    const names = xlsx.wb.worksheets.map((w) => w.name);
    const titles = names.map((n) => (n === 'Статус' ? 'Статус (Svod)' : n));
    expect(res.body.sheets.map((x: { title: string }) => x.title)).toEqual(titles);
    expect(s.sheets.map((x) => x.properties.title)).toEqual(['Мои заметки', 'Статус', ...titles]);
    expect(res.body.message).toContain('«Свод для министерства»');

    // Read, structure, values, formatting: two batchUpdates, the values in between, RAW.
    const calls = h.google.apiRequests().map((r) => `${r.method} ${r.path.replace(`/v4/spreadsheets/${TARGET}`, '')}`);
    expect(calls[0]).toBe('GET ');
    expect(calls[1]).toBe('POST :batchUpdate');
    expect(calls.at(-1)).toBe('POST :batchUpdate');
    expect(calls.slice(2, -1).every((c) => c === 'POST /values:batchUpdate')).toBe(true);
    expect(calls.filter((c) => c === 'POST :batchUpdate')).toHaveLength(2);
    for (const r of h.google.apiRequests().filter((x) => x.path.endsWith('/values:batchUpdate'))) expect((r.body as { valueInputOption: string }).valueInputOption).toBe('RAW');

    // Every value as in the xlsx (where ExcelJS repeats a merge's value in each of its cells, a spreadsheet shows it once).
    names.forEach((name, i) => {
      const ws = xlsx.wb.getWorksheet(name)!;
      const rows = xlsx.values(name);
      for (const ref of ws.model.merges ?? []) {
        const [tl, br] = ref.split(':');
        const a = ws.getCell(tl!);
        const b = ws.getCell(br ?? tl!);
        for (let r = Number(a.row) - 1; r < Number(b.row); r++) for (let c = Number(a.col) - 1; c < Number(b.col); c++) if ((r !== Number(a.row) - 1 || c !== Number(a.col) - 1) && rows[r]) rows[r]![c] = null;
      }
      expect(visible(sheetRows(sheetNamed(s, titles[i]!)))).toEqual(visible(rows));
    });

    // A date (the time of a version on the status sheet) is a number under a date format, as in the xlsx.
    const dated = [...sheetNamed(s, 'Статус (Svod)').cells.values()].filter((c) => c.value.numberValue === 46_346.5);
    expect(dated.length).toBeGreaterThan(0);
    for (const c of dated) expect(c.format?.numberFormat?.type).toMatch(/^DATE/);

    // Formula-like texts are plain strings under the text format, never formulas.
    const roadmaps = sheetNamed(s, 'Дорожные карты');
    for (const text of FORMULA_LIKE) {
      const cell = [...roadmaps.cells.values()].find((c) => c.value.stringValue === text);
      expect(cell).toBeDefined();
      expect(cell!.format?.numberFormat?.type).toBe('TEXT');
    }
    for (const sheet of s.sheets) for (const c of sheet.cells.values()) expect(c.value.formulaValue).toBeUndefined();

    // The formatting as read back: bold wrapped header, merges and frozen rows as in the xlsx, widths for every column.
    const formatting = h.google.apiRequests().at(-1)!.body as { requests: Array<Record<string, unknown>> };
    const kinds = new Set(formatting.requests.flatMap((r) => Object.keys(r)));
    expect([...kinds].sort()).toEqual(['mergeCells', 'repeatCell', 'updateBorders', 'updateDimensionProperties', 'updateSheetProperties']);
    names.forEach((name, i) => {
      const ws = xlsx.wb.getWorksheet(name)!;
      const sheet = sheetNamed(s, titles[i]!);
      const ySplit = (ws.views[0] as { ySplit?: number } | undefined)?.ySplit ?? 0;
      expect(sheet.properties.gridProperties.frozenRowCount).toBe(ySplit);
      const header = sheet.cells.get(`${ySplit - 1},0`)!;
      expect(header.format?.textFormat?.bold).toBe(true);
      expect(header.format?.wrapStrategy).toBe('WRAP');
      const a1 = (m: { startRowIndex?: number | null; endRowIndex?: number | null; startColumnIndex?: number | null; endColumnIndex?: number | null }) =>
        `${m.startRowIndex},${m.startColumnIndex}:${m.endRowIndex! - 1},${m.endColumnIndex! - 1}`;
      const xlsxMerges = (ws.model.merges ?? []).map((ref) => {
        const cell = (x: string) => ws.getCell(x);
        const [tl, br] = ref.split(':');
        const a = cell(tl!);
        const b = cell(br ?? tl!);
        return `${Number(a.row) - 1},${Number(a.col) - 1}:${Number(b.row) - 1},${Number(b.col) - 1}`;
      });
      expect(sheet.merges.map(a1).sort()).toEqual(xlsxMerges.sort());
      expect(sheet.columnWidths.size).toBe(ws.columns.length);
    });

    // Nothing of the coordinator's changed.
    expect(sheetRows(sheetNamed(s, 'Мои заметки'))).toEqual([['Позвонить в Лазо']]);
    expect(sheetRows(sheetNamed(s, 'Статус'))).toEqual([['Статус совещаний']]);
    expect(sheetNamed(s, 'Статус').properties.sheetId).toBe(1);
  });

  it('publishing again replaces its own sheets of the last time, and only those', async () => {
    await regionWithSubmissions(h);
    const s = h.google.add(target());
    const first = await publish(h).expect(200);
    const firstIds = first.body.sheets.map((x: { sheetId: number }) => x.sheetId);
    expect(first.body.replaced).toBe(0);

    // Something changes: a fourth municipality registers.
    await addMunicipality(h.server.app, 'delta', 'Дельта');
    const second = await publish(h).expect(200);
    expect(second.body.replaced).toBe(firstIds.length);
    expect(second.body.message).toMatch(/заменены/);
    expect(s.sheets.map((x) => x.properties.title)).toEqual(['Мои заметки', 'Статус', ...first.body.sheets.map((x: { title: string }) => x.title)]);
    const ids = s.sheets.map((x) => x.properties.sheetId);
    for (const id of firstIds) expect(ids).not.toContain(id);
    expect(ids.slice(0, 2)).toEqual([0, 1]);
    const status = sheetRows(sheetNamed(s, 'Статус (Svod)')).flat();
    expect(status).toContain('Дельта');
    // Each publication tags its sheets, so the next one finds them.
    for (const sheet of s.sheets.slice(2)) expect(sheet.developerMetadata.map((m) => m.metadataKey)).toEqual(['svod-regional-sheet']);
  });

  it('publishes to the registered spreadsheet when the body names none', async () => {
    await regionWithSubmissions(h);
    h.google.add(target());
    await publish(h, {}).expect(400);
    const put = await request(h.server.app).put('/api/v1/region/google-sheet').set(bearer(COORDINATOR)).send({ spreadsheet: TARGET }).expect(200);
    expect(put.body.message).toContain('«редактор»');
    const res = await publish(h, {}).expect(200);
    expect(res.body.spreadsheetId).toBe(TARGET);
    expect((await h.server.store.region(REGION))!.googleSheet!.spreadsheetId).toBe(TARGET);
  });

  it('asks for the editor role when the service account may only read', async () => {
    const s = h.google.add(target());
    s.editors.clear();
    s.readers.add(SERVICE_ACCOUNT);
    const res = await publish(h).expect(403);
    expect(res.body.error.message).toContain(`Откройте доступ для ${SERVICE_ACCOUNT}`);
    expect(res.body.error.message).toContain('«редактор»');
  });
});
