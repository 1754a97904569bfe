/**
 * Issue #8, «Output safety»: injection texts sent in every form a municipality can send them (CSV, the add-in's
 * JSON, an xlsx with formula and hyperlink cells) reach the regional workbook — the roadmaps, the indicators not in
 * the template, the glossary — and the workbook is scanned (`support/scan-workbook.ts`): no formula, hyperlink,
 * external link or macro, and every text that starts like a formula has the text format. The scan runs on what the
 * server sends; the payloads are checked to be in it, so a workbook that simply dropped them could not pass.
 */
import request from 'supertest';
import { addMunicipality, bearer, binary, COORDINATOR, filledKamchatka, seed, testServer, type TestServer } from '../helpers';
import { reportFigures } from '../soak-report';
import { scanWorkbook } from '../support/scan-workbook';
import { CSV_PAYLOADS, csvOf, injectionRoadmap, roadmapRows, seedWith } from './corpus';

/** Payloads beyond the corpus's CSV ones: OOXML escapes that Excel shows as «=» and «+», a lone surrogate. */
const ESCAPED = ['_x003D_1+1', "_x002B_cmd|' /C calc'!A0"];

describe('injection texts through a submission into the regional workbook', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer();
    await request(s.app).put('/api/v1/region/template').set(bearer(COORDINATOR)).attach('file', seed('seed-000-kamchatka.xlsx'), 't.xlsx').expect(200);
  });
  afterAll(() => s.close());

  const accepted = async (token: string, send: (r: request.Test) => request.Test) => {
    const res = await send(request(s.app).post('/api/v1/submissions').set(bearer(token)));
    expect([res.status, res.body.status]).toEqual([201, 'accepted']);
  };

  it('neutralises every payload from CSV, JSON and xlsx, with no formula, hyperlink, external link or macro', async () => {
    const csv = await addMunicipality(s.app, 'csv', 'Район CSV');
    await accepted(csv, (r) => r.attach('file', csvOf(injectionRoadmap()), 'plan.csv'));

    const json = await addMunicipality(s.app, 'json', 'Район JSON');
    const rows = injectionRoadmap([...ESCAPED, 'Семинар \ud800 для учителей', '-', '=']);
    // A glossary whose abbreviation and meaning are payloads too.
    const glossary = [['Список сокращений'], ['Сокращение', 'Расшифровка'], ['=ABBR()', '+расшифровка'], ['УО', 'Управление образования']];
    await accepted(json, (r) => r.send({ sheets: [{ name: 'План', rows }, { name: 'Сокращения', rows: glossary }] }));

    const xlsx = await addMunicipality(s.app, 'xlsx', 'Район xlsx');
    // The template's indicator sheet, filled, one indicator renamed to a payload: not in the template, it goes to
    // «Не вошло в свод» with its name.
    const filled = await filledKamchatka(3, (ws) => {
      let done = false;
      ws.eachRow((row) => {
        if (done || String(row.getCell(3).value ?? '').trim() !== '%') return;
        row.getCell(2).value = '=HYPERLINK("http://evil.example/","показатель")';
        done = true;
      });
    });
    await accepted(xlsx, (r) => r.attach('file', filled, 'filled.xlsx'));

    const formulas = await addMunicipality(s.app, 'formulas', 'Район формул');
    const sheet = roadmapRows([['1.', 'Семинар', 'март 2026 г.', 'Управление образования', 'Протокол']]);
    const cells = sheet.map((r, i) => `<row r="${i + 1}">${r.map((v, c) => `<c r="${'ABCDE'[c]}${i + 1}" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`).join('');
    const formulaCell = `<row r="4"><c r="A4" t="inlineStr"><is><t>2.</t></is></c><c r="B4" t="str"><f>cmd|' /C calc'!A0</f><v>=cmd|' /C calc'!B4</v></c><c r="C4" t="inlineStr"><is><t>апрель 2026 г.</t></is></c><c r="D4" t="str"><f>HYPERLINK("http://evil.example/","x")</f><v>@SUM(1)</v></c><c r="E4" t="inlineStr"><is><t>Отчёт</t></is></c></row>`;
    const worksheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${cells}${formulaCell}</sheetData></worksheet>`;
    const book = await seedWith({ 'xl/worksheets/sheet1.xml': worksheet, 'xl/worksheets/sheet2.xml': worksheet }, [], 'seed-001-kirov.xlsx');
    await accepted(formulas, (r) => r.attach('file', book, 'formulas.xlsx'));

    const res = await request(s.app).get('/api/v1/region/workbook.xlsx').set(bearer(COORDINATOR)).buffer(true).parse(binary).expect(200);
    const scan = await scanWorkbook(res.body as Buffer);
    expect(scan.problems).toEqual([]);
    const shown = new Set(scan.texts.map((t) => t.text));
    // Every payload that starts like a formula is in the workbook, as the text it was, with the text format.
    // The reader trims cells: a leading tab or CR is gone and «=1+1» is what arrives.
    const expected = [...CSV_PAYLOADS.map((p) => p.trim()), "=cmd|' /C calc'!B4", '@SUM(1)', '=HYPERLINK("http://evil.example/","показатель")', '=ABBR()', '+расшифровка'];
    expect(expected.filter((p) => !shown.has(p))).toEqual([]);
    const neutralised = new Set(scan.formulaLike.filter((t) => t.textFormat).map((t) => t.text));
    expect(expected.filter((p) => /^[=+\-@\t\r\n\uFF1D]/.test(p) && !neutralised.has(p))).toEqual([]);
    // The escapes reach the workbook as Excel shows them (=…, +…) and are neutralised as such.
    const escapes = scan.formulaLike.filter((t) => t.text === '=1+1' || t.text.startsWith('+cmd|'));
    expect([...new Set(escapes.map((t) => t.text))].sort()).toEqual(["+cmd|' /C calc'!A0", '=1+1']);
    expect(escapes.every((t) => t.textFormat)).toBe(true);
    // A lone surrogate is dropped, the rest of the text kept.
    expect([...shown].some((t) => t.startsWith('Семинар ') && t.endsWith(' для учителей'))).toBe(true);
    reportFigures({ suite: 'output-safety', workbooks: 1, texts: scan.texts.length, formulaLike: scan.formulaLike.length, problems: scan.problems.length });
  });
});
