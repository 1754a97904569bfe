/**
 * GET /api/v1/submissions/:id/annotated.xlsx (issue #11): the version's copy with its problem cells filled and noted
 * and the «Замечания Svod» list, for the municipality that sent it and for the coordinator; nobody else learns it
 * exists. The findings it carries are the ones GET /:id answers with.
 */
import ExcelJS from 'exceljs';
import request from 'supertest';
import { addMunicipality, bearer, binary, COORDINATOR, roadmapJson, seed, testServer, type TestServer } from './helpers';
import { scanWorkbook } from './support/scan-workbook';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Written here, not imported from the writer. */
const FILL = { error: 'FFFFC7CE', warning: 'FFFFEB9C', info: 'FFDDEBF7' } as const;
const LABEL = { error: 'Ошибка', warning: 'Предупреждение', info: 'Замечание' } as const;

interface Finding {
  ruleId: string;
  severity: keyof typeof FILL;
  sheet: string;
  cell: string;
  message: string;
}

async function workbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

function noteText(cell: ExcelJS.Cell): string {
  const note = cell.note as string | ExcelJS.Comment | undefined;
  if (!note) return '';
  return typeof note === 'string' ? note : (note.texts ?? []).map((t) => t.text).join('');
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  return fill?.type === 'pattern' ? fill.fgColor?.argb : undefined;
}

/** The list's finding rows: sheet, cell, severity label, message, how to fix, rule. */
function listRows(wb: ExcelJS.Workbook): string[][] {
  const ws = wb.getWorksheet('Замечания Svod');
  if (!ws) throw new Error('no list sheet');
  const rows: string[][] = [];
  ws.eachRow((row, n) => {
    const values = [1, 2, 3, 4, 5, 6].map((c) => String(row.getCell(c).value ?? ''));
    if (n > 1 && values[5]) rows.push(values);
  });
  return rows;
}

/** The file name a browser saves: RFC 5987 `filename*`, decoded. */
function savedName(disposition: string | undefined): string {
  const m = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (!m) throw new Error(`no filename* in ${disposition}`);
  return decodeURIComponent(m[1]!);
}

const annotated = (s: TestServer, id: string, token: string) => request(s.app).get(`/api/v1/submissions/${id}/annotated.xlsx`).set(bearer(token)).buffer(true).parse(binary);

describe('GET /api/v1/submissions/:id/annotated.xlsx', () => {
  let s: TestServer;
  let alpha: string;
  let beta: string;
  let lazoId: string;
  let lazo: Finding[];
  const original = seed('seed-002-lazo.xlsx');

  beforeAll(async () => {
    s = await testServer();
    alpha = await addMunicipality(s.app, 'alpha', 'Альфинский район');
    beta = await addMunicipality(s.app, 'beta', 'Бетинский район');
    const sent = await request(s.app).post('/api/v1/submissions').set(bearer(alpha)).attach('file', original, 'Лазо (план).xlsx').expect(201);
    lazoId = sent.body.id;
    lazo = (await request(s.app).get(`/api/v1/submissions/${lazoId}`).set(bearer(alpha)).expect(200)).body.diagnostics;
  });
  afterAll(() => s.close());

  describe('for the municipality that sent the version', () => {
    let res: request.Response;
    let wb: ExcelJS.Workbook;
    beforeAll(async () => {
      res = await annotated(s, lazoId, alpha).expect(200);
      wb = await workbook(res.body as Buffer);
    });

    it('is an xlsx download named after the original, in Russian', () => {
      expect(res.headers['content-type']).toBe(XLSX);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[^"]*"; filename\*=UTF-8''/);
      expect(savedName(res.headers['content-disposition'])).toBe('Лазо (план) — замечания.xlsx');
      // RFC 5987 attr-chars only: the parentheses and spaces are percent-encoded.
      expect(/filename\*=UTF-8''(\S+)/.exec(res.headers['content-disposition']!)![1]).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });

    it('fills and notes every cell the version’s findings name, and lists them all', () => {
      expect(lazo.length).toBeGreaterThan(20);
      const problems: string[] = [];
      for (const d of lazo) {
        const cell = wb.getWorksheet(d.sheet)?.getCell(d.cell);
        if (!cell) {
          problems.push(`${d.sheet}!${d.cell}: no such cell`);
          continue;
        }
        if (!noteText(cell).includes(`${LABEL[d.severity]}: ${d.message}`)) problems.push(`${d.sheet}!${d.cell}: the note lacks ${d.message}`);
        if (!noteText(cell).includes('Как исправить: ')) problems.push(`${d.sheet}!${d.cell}: no how-to-fix`);
        const here = lazo.filter((x) => x.sheet === d.sheet && x.cell === d.cell).map((x) => x.severity);
        const worst = (['error', 'warning', 'info'] as const).find((v) => here.includes(v))!;
        if (fillOf(cell) !== FILL[worst]) problems.push(`${d.sheet}!${d.cell}: fill ${fillOf(cell)}`);
      }
      expect(problems).toEqual([]);
      const rows = listRows(wb);
      expect(rows.map((r) => `${r[0]}!${r[1]} ${r[2]} ${r[5]}: ${r[3]}`).sort()).toEqual(lazo.map((d) => `${d.sheet}!${d.cell} ${LABEL[d.severity]} ${d.ruleId}: ${d.message}`).sort());
    });

    it('keeps the original’s sheets and values, and the stored original is unchanged', async () => {
      const before = await workbook(original);
      expect(wb.worksheets.map((w) => w.name)).toEqual([...before.worksheets.map((w) => w.name), 'Замечания Svod']);
      expect(wb.getWorksheet('План-график')!.getCell('C9').value).toEqual(before.getWorksheet('План-график')!.getCell('C9').value);
      const file = await request(s.app).get(`/api/v1/submissions/${lazoId}/file`).set(bearer(alpha)).buffer(true).parse(binary).expect(200);
      expect(Buffer.compare(file.body as Buffer, original)).toBe(0);
    });

    it('adds no formula, hyperlink or external link of its own (output safety, issue #8)', async () => {
      const scan = await scanWorkbook(res.body as Buffer);
      expect(scan.problems).toEqual([]);
    });
  });

  it('the coordinator gets the same copy', async () => {
    const res = await annotated(s, lazoId, COORDINATOR).expect(200);
    expect(listRows(await workbook(res.body as Buffer))).toEqual(listRows(await workbook((await annotated(s, lazoId, alpha).expect(200)).body as Buffer)));
  });

  it('another municipality gets the same 404 as for an id that does not exist, in Russian', async () => {
    const foreign = await request(s.app).get(`/api/v1/submissions/${lazoId}/annotated.xlsx`).set(bearer(beta)).expect(404);
    const unknown = await request(s.app).get('/api/v1/submissions/00000000-0000-4000-8000-000000000000/annotated.xlsx').set(bearer(alpha)).expect(404);
    expect(unknown.body).toEqual({ error: { code: 'not-found', message: 'Такой отправки нет.' } });
    expect(foreign.body).toEqual(unknown.body);
  });

  it('without a token: 401', async () => {
    await request(s.app).get(`/api/v1/submissions/${lazoId}/annotated.xlsx`).expect(401);
  });

  it('a version sent as the JSON form is annotated from its grids', async () => {
    const body = roadmapJson([
      ['1.', 'Проведение совещания', 'март 2025 г.', 'УО', 'Протокол'],
      ['1.', 'Проведение  семинара', 'апрель 2025 г.', 'УО', 'Программа'],
    ], 'План мероприятий на 2025 год');
    const sent = await request(s.app).post('/api/v1/submissions').set(bearer(beta)).set('Content-Type', 'application/json').send(body).expect(201);
    const found: Finding[] = sent.body.diagnostics;
    expect(found.some((d) => d.severity === 'error')).toBe(true);
    const res = await annotated(s, sent.body.id, beta).expect(200);
    expect(savedName(res.headers['content-disposition'])).toBe('beta-v1 — замечания.xlsx');
    expect((await scanWorkbook(res.body as Buffer)).problems).toEqual([]);
    const wb = await workbook(res.body as Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['План', 'Замечания Svod']);
    expect(wb.getWorksheet('План')!.getCell('B5').value).toBe('Проведение  семинара');
    for (const d of found) {
      const cell = wb.getWorksheet(d.sheet)!.getCell(d.cell);
      expect(noteText(cell)).toContain(`${LABEL[d.severity]}: ${d.message}`);
    }
    const duplicate = found.find((d) => d.severity === 'error')!;
    expect(fillOf(wb.getWorksheet(duplicate.sheet)!.getCell(duplicate.cell))).toBe(FILL.error);
    expect(listRows(wb)).toHaveLength(found.length);
  });

  it('a CSV version is annotated into an xlsx of its one sheet', async () => {
    const csv = Buffer.from('\ufeff№ п/п;Мероприятие;Срок реализации;Исполнитель\r\n1.;Проведение совещания;март 2025 г.;УО\r\n1.;Проведение семинара;апрель 2025 г.;УО\r\n', 'utf8');
    const gamma = await addMunicipality(s.app, 'gamma', 'Гаммский район');
    const sent = await request(s.app).post('/api/v1/submissions').set(bearer(gamma)).attach('file', csv, 'план.csv').expect(201);
    const found: Finding[] = sent.body.diagnostics;
    expect(found.length).toBeGreaterThan(0);
    const res = await annotated(s, sent.body.id, gamma).expect(200);
    expect(savedName(res.headers['content-disposition'])).toBe('план — замечания.xlsx');
    const wb = await workbook(res.body as Buffer);
    expect(wb.worksheets).toHaveLength(2);
    expect(wb.worksheets[0]!.name).toBe(found[0]!.sheet);
    for (const d of found) expect(noteText(wb.worksheets[0]!.getCell(d.cell))).toContain(d.message);
    expect(listRows(wb)).toHaveLength(found.length);
  });
});
