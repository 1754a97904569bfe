/**
 * Real .ods files, written by LibreOffice: the five seed workbooks and a workbook of every kind of cell, converted
 * once (`soffice --headless --convert-to ods`), read by the .ods reader and compared cell by cell and merge by merge
 * with the xlsx reader's reading of the same xlsx. Where the two readings of one workbook legitimately differ, the
 * test names the difference and asserts what the .ods reader gives.
 */
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { CellRange } from '../src/grid/address';
import type { GridWorkbook } from '../src/grid/grid';
import { readOds, readXlsx } from '../src/xlsx';
import { sofficeConvert } from './ods-books';

const SEEDS = join(__dirname, '..', '..', 'tests', 'fixtures', 'seeds');
const utc = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));

/** Every kind of cell an official's workbook holds, and the layouts LibreOffice rewrites (merges, line breaks, spaces). */
async function cellsWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Дорожная карта');
  ws.getCell('A1').value = 'План мероприятий («дорожная карта») на 2024 год';
  ws.mergeCells('A1:E1');
  ws.getRow(2).values = ['№', 'Мероприятие', 'Срок', 'Ответственный', 'Результат'];
  ws.getRow(3).values = ['1.1.', 'Проведение  совещания ', 'До 29 марта \n2024 г.', '  МКУ ИМЦ', 'протокол\n\nсовещания'];
  ws.getRow(4).values = [1.1, { richText: [{ text: 'Организация', font: { bold: true } }, { text: ' мониторинга' }] }, new Date(Date.UTC(2024, 2, 13)), 'таб\tвнутри', 0.25];
  ws.getCell('C4').numFmt = 'dd.mm.yyyy';
  ws.getCell('E4').numFmt = '0%';
  ws.getRow(5).values = [3, 'Итог', new Date(Date.UTC(2024, 11, 31, 10, 30)), 1234.5, true];
  ws.getCell('C5').numFmt = 'dd.mm.yyyy hh:mm';
  ws.getCell('D5').numFmt = '#,##0.00 ₽';
  ws.getCell('A6').value = { formula: 'A5*2', result: 6 };
  ws.getCell('B6').value = { formula: 'A5-A5', result: 0 };
  ws.getCell('C6').value = 0.4375;
  ws.getCell('C6').numFmt = 'hh:mm';
  ws.mergeCells('A8:B9');
  ws.getCell('A8').value = 'объединено на две строки';
  ws.mergeCells('D8:E8');
  ws.getCell('K12').value = 'далеко справа внизу';
  const hidden = wb.addWorksheet('Сокращения', { state: 'hidden' });
  hidden.getRow(1).values = ['МКУ ИМЦ', 'Муниципальное казённое учреждение «Информационно-методический центр»'];
  wb.addWorksheet('Пустой');
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const byCorner = (a: CellRange, b: CellRange) => a.top - b.top || a.left - b.left;

/** Merges in one order (the xlsx lists them as its mergeCells part does, the .ods as its cells come). */
function normalised(book: GridWorkbook): GridWorkbook {
  return { sheets: book.sheets.map((s) => ({ ...s, merges: [...(s.merges ?? [])].sort(byCorner) })) };
}

let dir: string;
const pairs: Array<{ name: string; xlsx: Uint8Array; ods: Uint8Array }> = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'svod-ods-'));
  const inputs: string[] = [];
  for (const f of readdirSync(SEEDS).filter((f) => f.endsWith('.xlsx')).sort()) {
    copyFileSync(join(SEEDS, f), join(dir, f));
    inputs.push(join(dir, f));
  }
  const cells = join(dir, 'cells.xlsx');
  writeFileSync(cells, await cellsWorkbook());
  inputs.push(cells);
  const outputs = sofficeConvert(inputs, 'ods', dir);
  inputs.forEach((input, i) => pairs.push({ name: input.slice(dir.length + 1), xlsx: readFileSync(input), ods: readFileSync(outputs[i]!) }));
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an .ods LibreOffice wrote reads as the xlsx it was converted from', () => {
  test('five seed workbooks and the workbook of every kind of cell were converted', () => {
    expect(pairs.map((p) => p.name)).toEqual(['seed-000-kamchatka.xlsx', 'seed-001-kirov.xlsx', 'seed-002-lazo.xlsx', 'seed-003-ilansky.xlsx', 'seed-004-zabaikalsky.xlsx', 'cells.xlsx']);
    for (const p of pairs) expect([...p.ods.subarray(0, 2)]).toEqual([0x50, 0x4b]);
  });

  test.each([0, 1, 2, 3, 4])('seed %i: the same grids, cell by cell, and the same merges', async (i) => {
    const { xlsx, ods } = pairs[i]!;
    const fromXlsx = normalised((await readXlsx(xlsx)).grids);
    const fromOds = normalised(readOds(ods).grids);
    expect(fromOds.sheets.map((s) => s.name)).toEqual(fromXlsx.sheets.map((s) => s.name));
    fromXlsx.sheets.forEach((sheet, s) => {
      const other = fromOds.sheets[s]!;
      expect(other.rows.length).toBe(sheet.rows.length);
      sheet.rows.forEach((row, r) => expect([sheet.name, r, other.rows[r]]).toEqual([sheet.name, r, row]));
      expect(other.merges).toEqual(sheet.merges);
    });
    expect(fromXlsx.sheets.reduce((n, s) => n + s.rows.length, 0)).toBeGreaterThan(20);
  });

  test('every kind of cell: the same values as the xlsx reader gives, but where ExcelJS loses a formula’s 0', async () => {
    const { xlsx, ods } = pairs[5]!;
    const fromXlsx = normalised((await readXlsx(xlsx)).grids);
    const fromOds = normalised(readOds(ods).grids);
    const [roadmap, glossary, empty] = fromOds.sheets;
    expect(roadmap!.rows).toEqual([
      ['План мероприятий («дорожная карта») на 2024 год', null, null, null, null],
      ['№', 'Мероприятие', 'Срок', 'Ответственный', 'Результат'],
      ['1.1.', 'Проведение  совещания ', 'До 29 марта \n2024 г.', '  МКУ ИМЦ', 'протокол\n\nсовещания'],
      [1.1, 'Организация мониторинга', utc(2024, 3, 13), 'таб\tвнутри', 0.25],
      [3, 'Итог', utc(2024, 12, 31, 10, 30), 1234.5, true],
      // The xlsx reader gives null for B6: ExcelJS drops a formula result of 0; LibreOffice's .ods keeps it.
      [6, 0, utc(1899, 12, 30, 10, 30)],
      [],
      ['объединено на две строки', null],
      [null, null],
      [],
      [],
      [null, null, null, null, null, null, null, null, null, null, 'далеко справа внизу'],
    ]);
    expect(roadmap!.merges).toEqual([
      { top: 0, left: 0, bottom: 0, right: 4 },
      { top: 7, left: 0, bottom: 8, right: 1 },
      { top: 7, left: 3, bottom: 7, right: 4 },
    ]);
    expect(fromXlsx.sheets[0]!.rows[5]).toEqual([6, null, utc(1899, 12, 30, 10, 30)]);
    expect({ ...fromXlsx.sheets[0]!, rows: fromXlsx.sheets[0]!.rows.filter((_, r) => r !== 5) }).toEqual({ ...roadmap!, rows: roadmap!.rows.filter((_, r) => r !== 5) });
    expect(glossary).toEqual(fromXlsx.sheets[1]);
    expect(glossary!.rows[0]![0]).toBe('МКУ ИМЦ');
    expect(empty).toEqual({ name: 'Пустой', rows: [], merges: [] });
    expect(readOds(ods).sheetCount).toBe(3);
  });
});
