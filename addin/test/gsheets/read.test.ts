/**
 * `svodRead` through the sidebar's port: the grids `readXlsx` makes of the same seed files, in ONE `google.script.run`
 * call and a number of Sheets calls that depends on the sheets and merged areas, never on the cells.
 */
import { readFileSync } from 'node:fs';
import type { Grid } from '@svod/shared';
import { readXlsx } from '@svod/shared/xlsx';
import { FakeBook } from './fake';
import { seed, setupBook, setupSeed, setupSheets, tally, uninstall } from './helpers';

afterEach(uninstall);

async function xlsxGrids(file: string): Promise<Grid[]> {
  return (await readXlsx(readFileSync(seed(file)))).grids.sheets;
}

/** Grids as data: merges in a stable order, no trailing empty cells (ExcelJS pads a row to the end of a merge). */
function normalized(grid: Grid): Grid {
  const merges = [...(grid.merges ?? [])].sort((a, b) => a.top - b.top || a.left - b.left);
  const rows = grid.rows.map((row) => {
    const out = [...row];
    while (out.length > 0 && (out[out.length - 1] === null || out[out.length - 1] === undefined)) out.pop();
    return out;
  });
  while (rows.length > 0 && rows[rows.length - 1]!.length === 0) rows.pop();
  return { name: grid.name, rows, merges };
}

describe('svodRead: the same grids as readXlsx', () => {
  for (const file of ['seed-000-kamchatka.xlsx', 'seed-001-kirov.xlsx', 'seed-002-lazo.xlsx', 'seed-003-ilansky.xlsx', 'seed-004-zabaikalsky.xlsx']) {
    test(`${file}: each sheet as the active one, and all sheets, one round trip each`, async () => {
      const expected = (await xlsxGrids(file)).map(normalized);
      for (const grid of expected) {
        const s = await setupSeed(file, grid.name);
        const active = await s.measure(() => s.port.readSheets('active'));
        expect(active.runs).toEqual(['svodRead']);
        expect(active.result.active).toBe(grid.name);
        expect(active.result.sheets.map(normalized)).toEqual([grid]);
      }
      const s = await setupSeed(file);
      const all = await s.measure(() => s.port.readSheets('all'));
      expect(all.runs).toEqual(['svodRead']);
      expect(all.result.sheets.map(normalized)).toEqual(expected);
    });
  }

  test('the Sheets calls of a read: four per sheet, one per merged area, three for the book', async () => {
    const s = await setupSeed('seed-001-kirov.xlsx');
    const expected = await xlsxGrids('seed-001-kirov.xlsx');
    const merges = expected.reduce((n, g) => n + (g.merges?.length ?? 0), 0);
    const { calls } = await s.measure(() => s.port.readSheets('all'));
    expect(tally(calls)).toEqual({
      'SpreadsheetApp.getActiveSpreadsheet': 1,
      'Spreadsheet.getSpreadsheetTimeZone': 1,
      'Spreadsheet.getActiveSheet': 1,
      'Spreadsheet.getSheets': 1,
      'Sheet.getName': 1 + expected.length,
      'Sheet.getDataRange': expected.length,
      'Range.getValues': expected.length,
      'Range.getMergedRanges': expected.length,
      'Range.getA1Notation': merges,
      'Utilities.computeDigest': 1,
      'Utilities.base64Encode': 1,
    });
  });

  test('a sheet with 100 times the cells costs the same Sheets calls', async () => {
    const rows = (n: number) => Array.from({ length: n }, (_, r) => [`${r + 1}`, `Мероприятие ${r + 1}`, 'до 01.09.2025', 'Отдел образования', 'Отчёт']);
    const small = setupSheets([{ name: 'Лист', rows: rows(20), merges: [{ top: 0, left: 0, bottom: 0, right: 4 }] }]);
    const a = await small.measure(() => small.port.readSheets('active'));
    const big = setupSheets([{ name: 'Лист', rows: rows(2000), merges: [{ top: 0, left: 0, bottom: 0, right: 4 }] }]);
    const b = await big.measure(() => big.port.readSheets('active'));
    expect(b.result.sheets[0]!.rows).toHaveLength(2000);
    expect(b.calls).toEqual(a.calls);
    expect(b.runs).toEqual(['svodRead']);
  });

  test('dates are the wall-clock dates the sheet shows, whatever its time zone; empty and error cells are empty', async () => {
    const when = new Date(Date.UTC(2025, 4, 14));
    for (const tz of ['Europe/Moscow', 'Asia/Kamchatka', 'America/New_York']) {
      const book = new FakeBook([{ name: 'Лист', rows: [['Срок', when], [null, '#N/A', 0.5, true]] }]);
      book.timeZone = tz;
      const s = setupBook(book);
      const read = await s.port.readSheets('active');
      expect(read.sheets[0]!.rows).toEqual([['Срок', when], [null, null, 0.5, true]]);
    }
  });

  test('an empty sheet is an empty grid', async () => {
    const s = setupSheets([{ name: 'Пусто' }]);
    expect((await s.port.readSheets('active')).sheets).toEqual([{ name: 'Пусто', rows: [], merges: [] }]);
  });
});
