/**
 * `readSheets` over the fake Excel: the grids `readXlsx` makes of the same files, in one `context.sync`; big sheets in
 * row chunks under the request limits; dates from number formats; formulas as their values.
 */
import ExcelJS from 'exceljs';
import { allDiagnostics, check } from '@svod/shared';
import { readXlsx } from '@svod/shared/xlsx';
import { roadmapSheet } from '../../../bench/generate';
import { FakeWorkbook } from '../../../tests/fakes/excel';
import { sheetInitsFromXlsx } from '../../../tests/fakes/xlsx';
import { normalized, setupSeed, setupSheets, setupWorkbook, uninstall, xlsxGrids } from './helpers';

afterEach(uninstall);

describe('readSheets: the same grids as readXlsx', () => {
  for (const file of ['seed-001-kirov.xlsx', 'seed-004-zabaikalsky.xlsx']) {
    test(`${file}: every sheet, active scope, merges included, exactly one sync each`, async () => {
      const s = await setupSeed(file);
      const expected = await xlsxGrids(file);
      for (const grid of expected) {
        s.workbook.activeId = s.workbook.sheet(grid.name).id;
        const { result, total } = await s.count(() => s.port.readSheets('active'));
        expect(total).toBe(1);
        expect(result.active).toBe(grid.name);
        expect(result.sheets).toHaveLength(1);
        expect(normalized(result.sheets[0]!)).toEqual(normalized(grid));
        expect(result.sheets[0]!.merges!.length).toBe(grid.merges!.length);
      }
    });

    test(`${file}: all sheets in tab order, one sync once the port knows the sheets`, async () => {
      const s = await setupSeed(file);
      const expected = (await xlsxGrids(file)).map(normalized);
      // The very first «all» read of a session lists the sheets first: one more sync.
      const cold = await s.count(() => s.port.readSheets('all'));
      expect(cold.total).toBe(2);
      expect(cold.result.sheets.map(normalized)).toEqual(expected);
      const warm = await s.count(() => s.port.readSheets('all'));
      expect(warm.total).toBe(1);
      expect(warm.result.sheets.map(normalized)).toEqual(expected);
    });
  }

  test('seed-001: «active» reads stay one sync whatever the port knows; «all» learns the sheet list once', async () => {
    const s = await setupSeed('seed-001-kirov.xlsx');
    expect((await s.count(() => s.port.readSheets('active'))).total).toBe(1);
    expect((await s.count(() => s.port.readSheets('all'))).total).toBe(2);
    expect((await s.count(() => s.port.readSheets('active'))).total).toBe(1);
    const all = await s.count(() => s.port.readSheets('all'));
    expect(all.total).toBe(1);
    expect(all.result.sheets.map((g) => g.name)).toEqual(['Дорожная карта', 'План мероприятий']);
    expect(all.result.active).toBe('Дорожная карта');
  });

  test('sheets added, renamed or removed since the last read are noticed (and cost a re-read)', async () => {
    const s = await setupSeed('seed-001-kirov.xlsx');
    await s.port.readSheets('all');
    s.workbook.addSheet({ name: 'Новый', rows: [['x']] });
    const added = await s.count(() => s.port.readSheets('all'));
    expect(added.result.sheets.map((g) => g.name)).toEqual(['Дорожная карта', 'План мероприятий', 'Новый']);
    expect(added.total).toBe(2);
    s.workbook.sheet('Новый').name = 'Переименован';
    const renamed = await s.port.readSheets('all');
    expect(renamed.sheets.map((g) => g.name)).toEqual(['Дорожная карта', 'План мероприятий', 'Переименован']);
    s.workbook.sheets.splice(2, 1);
    const removed = await s.count(() => s.port.readSheets('all'));
    expect(removed.result.sheets.map((g) => g.name)).toEqual(['Дорожная карта', 'План мероприятий']);
    expect(removed.total).toBeLessThanOrEqual(3);
  });

  test('very hidden sheets are skipped like readXlsx skips them; hidden ones are read', async () => {
    const s = setupSheets([
      { name: 'A', rows: [['a']] },
      { name: 'Скрытый', rows: [['h']], visibility: 'Hidden' },
      { name: 'Служебный', rows: [['v']], visibility: 'VeryHidden' },
    ]);
    const read = await s.port.readSheets('all');
    expect(read.sheets.map((g) => g.name)).toEqual(['A', 'Скрытый']);
  });

  test('an empty sheet is an empty grid; a sheet starting at C5 is still anchored at A1', async () => {
    const s = setupSheets([{ name: 'Пусто' }, { name: 'Сдвиг', rows: [[], [], [], [], [null, null, 'C5', 7]] }]);
    const read = await s.port.readSheets('all');
    expect(read.sheets[0]).toEqual({ name: 'Пусто', rows: [], merges: [] });
    expect(read.sheets[1]!.rows).toEqual([[], [], [], [], [null, null, 'C5', 7]]);
  });
});

describe('readSheets: values', () => {
  test('date-formatted numbers become UTC dates, as readXlsx makes them; other numbers stay numbers', async () => {
    const excel = new ExcelJS.Workbook();
    const ws = excel.addWorksheet('Даты');
    const rows: Array<[unknown, string | undefined]> = [
      [new Date(Date.UTC(2021, 4, 14)), 'dd.mm.yyyy'],
      [new Date(Date.UTC(2023, 2, 13)), 'm/d/yyyy'],
      [new Date(Date.UTC(2024, 0, 1, 12, 30)), 'dd.mm.yyyy h:mm'],
      [new Date(Date.UTC(2025, 8, 1)), '[$-F800]dddd, mmmm dd, yyyy'],
      [new Date(Date.UTC(2020, 9, 22)), 'mmmm yyyy'],
      [45123.5, '0.00'],
      [0.75, '0%'],
      [12, '0 "дн."'],
      [1200, '#,##0 _₽'],
      ['12.05.2021', '@'],
    ];
    rows.forEach(([value, format], i) => {
      const cell = ws.getCell(i + 1, 1);
      cell.value = value as ExcelJS.CellValue;
      if (format) cell.numFmt = format;
    });
    const bytes = new Uint8Array(await excel.xlsx.writeBuffer());
    const expected = (await readXlsx(bytes)).grids.sheets[0]!;
    const s = setupWorkbook(new FakeWorkbook(await sheetInitsFromXlsx(bytes)));
    const read = await s.port.readSheets('active');
    expect(read.sheets[0]!.rows).toEqual(expected.rows);
    expect(read.sheets[0]!.rows.map((r) => r[0] instanceof Date)).toEqual([true, true, true, true, true, false, false, false, false, false]);
    expect((read.sheets[0]!.rows[0]![0] as Date).toISOString()).toBe('2021-05-14T00:00:00.000Z');
  });

  test('formulas arrive as their values; error results are empty cells', async () => {
    const s = setupSheets([{ name: 'Ф', rows: [[1, 2]] }]);
    const sheet = s.workbook.sheet('Ф');
    Object.assign(sheet.at('C1'), { formula: '=A1+B1', value: 3 });
    Object.assign(sheet.at('D1'), { formula: '=A1&"-й"', value: '1-й' });
    Object.assign(sheet.at('E1'), { formula: '=1/0', value: '#DIV/0!' });
    Object.assign(sheet.at('F1'), { formula: '=НД()', value: '#N/A' });
    sheet.at('G1').value = true;
    const read = await s.port.readSheets('active');
    expect(read.sheets[0]!.rows).toEqual([[1, 2, 3, '1-й', null, null, true]]);
  });
});

describe('readSheets: round trips on big sheets', () => {
  test('a generated 2,000-row roadmap: one read sync; check + highlight: one read and one write sync', async () => {
    const { grid } = roadmapSheet(2000);
    const s = setupSheets([{ name: grid.name, rows: grid.rows, merges: grid.merges ?? [] }]);
    const read = await s.count(() => s.port.readSheets('active'));
    expect(read.total).toBe(1);
    expect(read.cells).toEqual([2004 * 5 * 2]); // values and number formats of A1:E2004
    expect(normalized(read.result.sheets[0]!)).toEqual(normalized(grid));

    const diagnostics = allDiagnostics(check(read.result));
    expect(diagnostics.length).toBeGreaterThan(0);
    const marked = await s.count(() => s.port.highlight(diagnostics));
    expect({ reads: marked.reads, writes: marked.writes }).toEqual({ reads: 1, writes: 1 });
    const first = diagnostics[0]!;
    expect(s.workbook.sheet(first.sheet).at(first.cell).fill?.color).toBe('#FFEB9C');
  });

  test('above the per-request limit the sheet is read in row chunks, one sync each, every one under the limit', async () => {
    const { grid } = roadmapSheet(300);
    const limit = 1000;
    const s = setupSheets([{ name: grid.name, rows: grid.rows, merges: grid.merges ?? [] }], {
      // The fake host refuses a bigger response; the port is told the same limit.
      maxCellsPerSync: limit,
      limits: { cellsPerRequest: limit / 2 },
    });
    const read = await s.count(() => s.port.readSheets('active'));
    expect(normalized(read.result.sheets[0]!)).toEqual(normalized(grid));
    const rows = grid.rows.length;
    // The first sync reads the top-left window (500 cells: 32 columns × 15 rows, i.e. A1:E15 of this sheet); the
    // rest goes in chunks of 100 rows × 5 columns.
    expect(read.total).toBe(1 + Math.ceil((rows - 15) / 100));
    expect(Math.max(...read.cells)).toBeLessThanOrEqual(limit);
    expect(read.cells[0]).toBe(15 * 5 * 2);
  });

  test('a sheet wider than the first window gets its right part in chunks too', async () => {
    const rows = Array.from({ length: 40 }, (_, r) => Array.from({ length: 50 }, (_, c) => (c % 7 === 0 ? `r${r}c${c}` : r * 100 + c)));
    const s = setupSheets([{ name: 'Широкий', rows, merges: [{ top: 0, left: 40, bottom: 1, right: 45 }] }], { limits: { cellsPerRequest: 640, firstWindowColumns: 32 } });
    const read = await s.count(() => s.port.readSheets('active'));
    expect(read.result.sheets[0]!.rows).toEqual(rows);
    expect(read.result.sheets[0]!.merges).toEqual([{ top: 0, left: 40, bottom: 1, right: 45 }]);
    expect(read.total).toBeGreaterThan(2);
  });

  test('when the host still refuses a response as too large, the port retries with smaller requests', async () => {
    const rows = Array.from({ length: 4000 }, (_, r) => [`${r + 1}.`, `Мероприятие ${r + 1}`, 'март 2024', 'МБУ ИМЦ', 'Отчёт']);
    // Default limits would read all 20,000 cells in the first request; this host answers at most 12,000 cells.
    const s = setupSheets([{ name: 'Большой', rows }], { maxCellsPerSync: 12_000 });
    const read = await s.port.readSheets('active');
    expect(read.sheets[0]!.rows).toEqual(rows);
    const refused = s.workbook.syncs.filter((r) => r.cells > 12_000);
    expect(refused.length).toBeGreaterThan(0);
  });
});
