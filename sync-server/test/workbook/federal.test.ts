import ExcelJS from 'exceljs';
import { buildFederalSummary, FEDERAL_SHEET_NOT_MERGED, FEDERAL_SHEET_REGIONS, FEDERAL_SHEET_VALUES, NO_VALUES_NOTE } from '../../../shared/src/federal';
import { federationInput, indicator, realisticInput } from '../../../shared/test/federal/inputs';
import { renderFederalSummary } from '../../src/workbook/federal';
import { assertSafeWorkbook } from '../support/scan-workbook';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** The 1-based row of the header (the row whose first cell is «Регион»). */
function headerRow(ws: ExcelJS.Worksheet): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === 'Регион') return r;
  throw new Error(`no header on ${ws.name}`);
}

describe('the federal summary workbook', () => {
  let bytes: Uint8Array;
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    bytes = await renderFederalSummary(buildFederalSummary(realisticInput()));
    wb = await load(bytes);
  });

  it('is safe to open: no formula, link or macro, formula-like text only with the text format', async () => {
    await assertSafeWorkbook(bytes, 'the federal summary');
  });

  it('has the three sheets in order, dated with the summary instant', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([FEDERAL_SHEET_VALUES, FEDERAL_SHEET_REGIONS, FEDERAL_SHEET_NOT_MERGED]);
    expect(wb.created.toISOString()).toBe('2026-12-01T11:05:00.000Z');
    expect(wb.modified.toISOString()).toBe('2026-12-01T11:05:00.000Z');
    expect(wb.creator).toBe('Svod');
  });

  it('writes the values as numbers with their formats, empty cells as empty, text as text', () => {
    const ws = sheet(wb, FEDERAL_SHEET_VALUES);
    const h = headerRow(ws);
    expect((ws.getRow(h).values as unknown[]).slice(1)).toEqual(['Регион', '№', 'Показатель', 'Ед. изм.', 2021, 2022, 2023, 2024, 'Как сведено', 'Муниципалитетов в своде', 'Примечание']);
    const first = ws.getRow(h + 1);
    expect(first.getCell(1).value).toBe('Камчатский край');
    expect(first.getCell(2).value).toBe('1.1');
    expect(first.getCell(5).value).toBe(3.33);
    expect(first.getCell(5).type).toBe(ExcelJS.ValueType.Number);
    expect(first.getCell(5).numFmt).toBe('#,##0.00');
    // Kamchatka has no 2024: an empty cell (bordered), not 0 and not ''.
    expect(first.getCell(8).value).toBeNull();
    expect(first.getCell(8).type).toBe(ExcelJS.ValueType.Null);
    expect(first.getCell(8).border?.top?.style).toBe('thin');
    expect(first.getCell(9).value).toBe('среднее');
    expect(first.getCell(10).value).toBe('12 из 27');
    const count = ws.getRow(h + 8);
    expect(count.getCell(2).value).toBe('3.2');
    expect(count.getCell(5).value).toBe(31);
    expect(count.getCell(5).numFmt).toBe('#,##0');
    const gap = ws.getRow(h + 9);
    expect([gap.getCell(2).value, gap.getCell(5).value, gap.getCell(11).value]).toEqual(['3.3', null, NO_VALUES_NOTE]);
    // Kirov, in the order given, from 2022.
    expect([ws.getCell(h + 10, 1).value, ws.getCell(h + 10, 5).value, ws.getCell(h + 10, 6).value]).toEqual(['Кировская область', null, 8.33]);
    expect(ws.getCell(h + 10, 3).alignment?.wrapText).toBe(true);
    // 18 data rows, nothing of the regions left out.
    expect(ws.rowCount).toBe(h + 18);
  });

  it('freezes the header, filters on it and prints landscape on the page width with the header repeated', () => {
    for (const ws of wb.worksheets) {
      const h = headerRow(ws);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 0, ySplit: h });
      const last = ws.columns.length;
      expect(ws.autoFilter).toBe(`A${h}:${String.fromCharCode(64 + last)}${h}`);
      expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${h}:${h}` });
      expect(ws.headerFooter.oddFooter).toMatch(/^&LСводные значения целевых показателей по регионам, по состоянию на 01\.12\.2026 14:05 МСК · .+&RСтраница &P из &N$/);
    }
    // Widths for Russian text; the long indicator names wrap, their rows grown.
    const ws = sheet(wb, FEDERAL_SHEET_VALUES);
    expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(40);
    const h = headerRow(ws);
    expect(ws.getRow(h + 6).height).toBeGreaterThanOrEqual(60);
  });

  it('lists the regions with deadlines as dates, and the regions left out with their reasons', () => {
    const regions = sheet(wb, FEDERAL_SHEET_REGIONS);
    const h = headerRow(regions);
    expect((regions.getRow(h + 1).values as unknown[]).slice(1)).toEqual(['Камчатский край', 'kamchatka', new Date(Date.UTC(2026, 11, 15)), 27, 12, 'показатели и дорожные карты', '2021–2023']);
    expect(regions.getCell(h + 1, 3).numFmt).toBe('dd.mm.yyyy');
    expect([regions.getCell(h + 3, 3).value, regions.getCell(h + 3, 6).value]).toEqual(['не задан', 'шаблон не загружен']);
    const left = sheet(wb, FEDERAL_SHEET_NOT_MERGED);
    const l = headerRow(left);
    expect([left.getCell(l + 1, 1).value, left.getCell(l + 2, 1).value]).toEqual(['Республика Тыва', 'Приморский край']);
    expect(left.getCell(l + 2, 2).value).toBe('Регион собирает только дорожные карты: в его шаблоне нет таблицы показателей.');
  });

  it('gives byte-identical files for the same input, whatever the clock says, and other bytes for another instant', async () => {
    // Another wall clock while rendering (JSZip stamps each part with it): only Date is faked, timers run as they do.
    jest.useFakeTimers({ now: new Date('2031-05-05T05:05:05Z'), doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
    let again: Uint8Array;
    try {
      expect(new Date().getUTCFullYear()).toBe(2031);
      again = await renderFederalSummary(buildFederalSummary(realisticInput()));
    } finally {
      jest.useRealTimers();
    }
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    const later = await renderFederalSummary(buildFederalSummary({ ...realisticInput(), now: '2026-12-02T11:05:00.000Z' }));
    expect(Buffer.from(later).equals(Buffer.from(bytes))).toBe(false);
  });

  it('keeps formula-like names as text: never a formula, always the text format', async () => {
    const input = realisticInput();
    input.regions[0]!.name = '=HYPERLINK("http://evil.example","Камчатка")';
    input.regions[1]!.name = '@SUM(A1)';
    input.regions[0]!.values.indicators[0] = indicator('+1', "=cmd|' /C calc'!A0", '-%', { '2021': 1, '2022': 2, '2023': 3 });
    input.regions[0]!.values.indicators[1] = indicator('1.2', '\uFF1D1+1', '%', { '2021': 1, '2022': 2, '2023': 3 });
    const out = await renderFederalSummary(buildFederalSummary(input));
    const scan = await assertSafeWorkbook(out, 'the federal summary');
    expect(scan.formulaLike.map((t) => t.text)).toEqual(
      expect.arrayContaining(['=HYPERLINK("http://evil.example","Камчатка")', '@SUM(A1)', '+1', "=cmd|' /C calc'!A0", '-%', '\uFF1D1+1']),
    );
    const ws = sheet(await load(out), FEDERAL_SHEET_VALUES);
    const h = headerRow(ws);
    const cell = ws.getCell(h + 1, 3);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe("=cmd|' /C calc'!A0");
    expect(cell.numFmt).toBe('@');
    expect(ws.getCell(h + 1, 5).numFmt).toBe('#,##0');
  });

  it('renders the whole federation (89 regions × 30 indicators) as a valid, safe file', async () => {
    const input = federationInput(89, 30);
    const started = performance.now();
    const out = await renderFederalSummary(buildFederalSummary(input));
    const ms = performance.now() - started;
    // Information only: timing targets belong in bench/.
    console.info(`federal summary, 89 regions × 30 indicators: ${Math.round(ms)} ms, ${Math.round(out.length / 1024)} KB`);
    await assertSafeWorkbook(out, 'the federal summary');
    const ws = sheet(await load(out), FEDERAL_SHEET_VALUES);
    expect(ws.rowCount).toBe(headerRow(ws) + 89 * 30);
  });
});
