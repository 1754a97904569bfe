/**
 * The fast reader (`readXlsx`) against the ExcelJS path (`readXlsxWithExcelJS`, the reader before it): the same
 * GridWorkbook, cell by cell and merge by merge, for every xlsx fixture, the bench's workbooks, workbooks ExcelJS
 * writes and workbooks written part by part to reach what ExcelJS does not write. Where the two legitimately differ
 * (ExcelJS fails or is wrong), the test names the difference and asserts what the fast reader gives.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import type { GridWorkbook } from '../../src/grid/grid';
import { readXlsx, readXlsxWithExcelJS, XlsxOversizeError, XmlDtdError, XmlError, ZipError } from '../../src/xlsx';
import { indicatorSheet, roadmapSheet, writeBenchXlsx } from '../../../bench/generate';
import { measureOversize } from '../../../sync-server/src/uploads/measure';
import { data, editParts, excelBook, handBook, inline, mergesOf, num, row, str, stylesWith, type HandBook } from './books';

const ROOT = join(__dirname, '..', '..', '..');

async function both(bytes: Uint8Array): Promise<{ fast: GridWorkbook; exceljs: GridWorkbook; fastCount: number; exceljsCount: number }> {
  const fast = await readXlsx(bytes);
  const ref = await readXlsxWithExcelJS(bytes);
  return { fast: fast.grids, exceljs: ref.grids, fastCount: fast.sheetCount, exceljsCount: ref.excel.worksheets.length };
}

/** Both readers, the same grids (and the same sheet count); returns the fast reader's. */
async function same(bytes: Uint8Array): Promise<GridWorkbook> {
  const { fast, exceljs, fastCount, exceljsCount } = await both(bytes);
  expect(fast).toStrictEqual(exceljs);
  expect(fastCount).toBe(exceljsCount);
  return fast;
}

const hand = (book: HandBook) => handBook(book);
const oneSheet = (body: string, more: Omit<HandBook, 'sheets'> = {}) => hand({ sheets: [{ name: 'Лист1', body }], ...more });
const utc = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));

function xlsxUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? xlsxUnder(p) : p.endsWith('.xlsx') ? [p] : [];
  });
}

describe('every xlsx fixture reads the same as with ExcelJS', () => {
  const fixtures = [...xlsxUnder(join(ROOT, 'tests', 'fixtures')), ...xlsxUnder(join(ROOT, 'sync-server', 'test', 'fixtures'))];

  it('finds the seed workbooks', () => {
    expect(fixtures.filter((f) => f.includes('seeds')).length).toBeGreaterThanOrEqual(5);
  });

  it.each(fixtures.map((f) => [f.slice(ROOT.length + 1), f]))('%s', async (_name, file) => {
    const grids = await same(readFileSync(file));
    expect(grids.sheets.length).toBeGreaterThan(0);
  });
});

describe('the bench workbooks read the same as with ExcelJS', () => {
  it('a 2,000-row roadmap and a 500-row indicator sheet, in one book', async () => {
    const bytes = await writeBenchXlsx([roadmapSheet(2_000), indicatorSheet(500)]);
    const grids = await same(bytes);
    expect(grids.sheets.map((s) => s.name)).toEqual(['Дорожная карта', 'Целевые показатели']);
    expect(grids.sheets[0]!.merges!.length).toBeGreaterThan(50);
  });
});

describe('workbooks ExcelJS writes', () => {
  it('dates in several formats, in the 1900 and the 1904 system', async () => {
    for (const date1904 of [false, true]) {
      const bytes = await excelBook((wb) => {
        wb.properties.date1904 = date1904;
        const ws = wb.addWorksheet('Даты');
        const formats = ['dd.mm.yyyy', 'mmmm yyyy', '[$-419]D MMMM YYYY;@', 'h:mm', 'dd.mm.yyyy hh:mm:ss', 'yyyy "г."', '0" дн."', '#,##0 "руб."', '[Red]0.00', '@'];
        formats.forEach((numFmt, i) => {
          const cell = ws.getCell(i + 1, 1);
          cell.value = utc(2026, 3, 14 + i, 9, 30);
          cell.numFmt = numFmt;
          const n = ws.getCell(i + 1, 2);
          n.value = 45000 + i;
          n.numFmt = numFmt;
        });
        ws.getCell('C1').value = { formula: 'A1+1', result: utc(2026, 3, 15, 9, 30) };
        ws.getCell('C1').numFmt = 'dd.mm.yyyy';
      });
      const grids = await same(bytes);
      const rows = grids.sheets[0]!.rows;
      expect(rows[0]![0]).toEqual(utc(2026, 3, 14, 9, 30));
      expect(rows[0]![2]).toEqual(utc(2026, 3, 15, 9, 30));
      expect(rows[6]![1]).toBe(45006); // 0" дн.": the d is quoted, a number stays a number
      expect(rows[7]![1]).toBe(45007);
    }
  });

  it('formulas and shared formulas with their cached results, rich text, hyperlinks, merges, booleans and errors', async () => {
    const bytes = await excelBook((wb) => {
      const ws = wb.addWorksheet('Формулы');
      ws.getCell('A1').value = 2;
      ws.getCell('B1').value = { formula: 'A1*2', result: 4, shareType: 'shared', ref: 'B1:B3' } as ExcelJS.CellFormulaValue;
      ws.getCell('B2').value = { sharedFormula: 'B1', result: 6 } as ExcelJS.CellSharedFormulaValue;
      ws.getCell('B3').value = { sharedFormula: 'B1', result: 0 } as ExcelJS.CellSharedFormulaValue;
      ws.getCell('C1').value = { formula: 'A1&"x"', result: 'текст' };
      ws.getCell('C2').value = { formula: '1/0', result: { error: '#DIV/0!' } };
      ws.getCell('C3').value = { formula: 'A1>1', result: true };
      ws.getCell('D1').value = { richText: [{ text: 'Жирный', font: { bold: true } }, { text: ' и обычный' }] };
      ws.getCell('D2').value = { text: 'Сайт', hyperlink: 'https://example.org/' };
      ws.getCell('D3').value = true;
      ws.getCell('E1').value = { error: '#N/A' };
      ws.getCell('A5').value = 'Раздел 1. Общие положения';
      ws.mergeCells('A5:E5');
      ws.getCell('A7').value = 'Две строки';
      ws.mergeCells('A7:B9');
      ws.mergeCells('D12:E13'); // empty master, beyond the data
    });
    const rows = (await same(bytes)).sheets[0]!.rows;
    expect(rows[0]).toEqual([2, 4, 'текст', 'Жирный и обычный']);
    expect(rows[1]![1]).toBe(6);
    expect(rows[1]![2]).toBeNull(); // an error is empty
    expect(rows[2]![1]).toBeNull(); // as ExcelJS reads it: a formula whose result is 0 is empty
    expect(rows[1]![3]).toBe('Сайт');
    expect(rows[4]).toEqual(['Раздел 1. Общие положения', null, null, null, null]);
    expect(rows.length).toBe(13);
  });

  it('hidden and very hidden sheets, Cyrillic names, entities, line breaks and empty rows', async () => {
    const bytes = await excelBook((wb) => {
      const a = wb.addWorksheet('Дорожная карта');
      a.getCell('A1').value = 'A & B < C > D "кавычки" \'апостроф\'';
      a.getCell('A3').value = 'строка 1\r\nстрока 2';
      a.getCell('C6').value = 'после пустых строк';
      const b = wb.addWorksheet('Скрытый');
      b.state = 'hidden';
      b.getCell('B2').value = 'скрыто';
      const c = wb.addWorksheet('Совсем скрытый');
      c.state = 'veryHidden';
      c.getCell('A1').value = 'не читается';
      wb.addWorksheet('Пустой');
    });
    const grids = await same(bytes);
    expect(grids.sheets.map((s) => s.name)).toEqual(['Дорожная карта', 'Скрытый', 'Пустой']);
    expect(grids.sheets[0]!.rows[0]![0]).toBe('A & B < C > D "кавычки" \'апостроф\'');
    expect((await readXlsx(bytes)).sheetCount).toBe(4);
  });

  it('the same book with inline strings (plain, rich, with _x000D_) and cells without `r`', async () => {
    const written = await excelBook((wb) => {
      const ws = wb.addWorksheet('Лист1');
      ws.getRow(1).values = ['№', 'Мероприятие', 'Срок', 'Исполнитель'];
      ws.getRow(2).values = ['1.', 'Семинар', utc(2026, 3, 1), 'Управление'];
      ws.getCell('C2').numFmt = 'dd.mm.yyyy';
      ws.getRow(4).values = [2, 3, 4];
    });
    const bytes = editParts(written, (parts) => {
      const sheet = parts.get('xl/worksheets/sheet1.xml')!;
      const edited = sheet
        // every cell of a row but its first loses its `r`: it follows the previous cell
        .replace(/(<row [^>]*>)(.*?)(<\/row>)/g, (_m, open: string, cells: string, close: string) => open + cells.replace(/(<c) r="[A-Z]+\d+"(?=[^>]*>)/g, (c, tag: string, at: number) => (at === 0 ? c : tag)) + close)
        .replace('</sheetData>', `${row(6, inline('A6', 'строка_x000D_\nдальше &amp; &lt;тег&gt;'), '<c r="B6" t="inlineStr"><is><r><rPr><b/></rPr><t>жир_x000D_</t></r><r><t xml:space="preserve"> не жир</t></r></is></c>')}</sheetData>`);
      parts.set('xl/worksheets/sheet1.xml', edited);
    });
    const rows = (await same(bytes)).sheets[0]!.rows;
    expect(rows[1]).toEqual(['1.', 'Семинар', utc(2026, 3, 1), 'Управление']);
    expect(rows[3]).toEqual([2, 3, 4]);
    // ExcelJS decodes _x000D_ in rich text runs but not in a plain inline string: so does the fast reader.
    expect(rows[5]).toEqual(['строка_x000D_\nдальше & <тег>', 'жир\r не жир']);
  });
});

describe('workbooks written part by part', () => {
  it('every kind of cell value', async () => {
    const sst =
      '<si><t>простой</t></si>' +
      '<si><r><rPr><b/></rPr><t>Жир</t></r><r><t xml:space="preserve"> и текст</t></r></si>' +
      '<si><t/></si>' +
      '<si/>' +
      '<si><t>перенос_x000D_\nстроки _x000d_ не код</t></si>' +
      '<si><t>&amp; &lt; &gt; &quot; &apos; &#1046; &#x416;</t></si>' +
      '<si><t>ふりがな</t><rPh sb="0" eb="1"><t>ふ</t></rPh><phoneticPr fontId="1"/></si>' +
      '<si><r><t>один</t></r><r><rPr><i/></rPr></r></si>';
    const bytes = oneSheet(
      data(
        row(1, str('A1', 0), str('B1', 1), str('C1', 2), str('D1', 3), str('E1', 4), str('F1', 5), str('G1', 6), str('H1', 7)),
        row(2, num('A2', 42), num('B2', '-1.5'), num('C2', '1e3'), num('D2', ' 7 '), num('E2', '1.5abc'), '<c r="F2" t="n"><v>3</v></c>'),
        row(3, '<c r="A3" t="b"><v>1</v></c>', '<c r="B3" t="b"><v>0</v></c>', '<c r="C3" t="e"><v>#REF!</v></c>', '<c r="D3" t="str"><v>a &amp;lt; b</v></c>', '<c r="E3" t="d"><v>2026-03-01T00:00:00</v></c>'),
        row(4, inline('A4', 'в строке'), '<c r="B4" t="inlineStr"><is><r><t>ри</t></r><r><t>чтекст</t></r></is></c>', '<c r="C4" t="inlineStr"><is><t></t></is></c>', '<c r="D4" t="e"><v>#N/A</v></c>'),
      ),
      { sharedStrings: sst },
    );
    const rows = (await same(bytes)).sheets[0]!.rows;
    expect(rows[0]).toEqual(['простой', 'Жир и текст', '', null, 'перенос\r\nстроки _x000d_ не код', '& < > " \' Ж Ж', 'ふりがな', 'один']);
    expect(rows[1]).toEqual([42, -1.5, 1000, 7, 1.5, 3]);
    expect(rows[2]).toEqual([true, false, null, 'a < b', 2026]); // `str` is decoded twice and `d` read as a number, as ExcelJS does
    expect(rows[3]).toEqual(['в строке', 'ричтекст']);
  });

  it('number formats that make dates: built-in 14–22 and 45–47, custom ones, style 0 and a custom format over a built-in id', async () => {
    const styles = stylesWith({ 14: '0.00', 164: 'dd.mm.yyyy', 165: '[$-419]D MMMM YYYY', 166: '0" дн."', 167: '[h]:mm', 168: '0\\d', 169: '#,##0;[Red]-#,##0', 170: 'DD.MM.YYYY' }, [
      15, 14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47, 2, 164, 165, 166, 167, 168, 169, 170, 49, 23,
    ]);
    const cells = Array.from({ length: 23 }, (_, s) => num(`A${s + 1}`, 46000.25, s));
    const bytes = oneSheet(data(...cells.map((c, i) => row(i + 1, c, `<c r="B${i + 1}" s="${i}"><f>A${i + 1}</f><v>46000.5</v></c>`))), { styles });
    for (const workbookPr of ['', '<workbookPr date1904="1"/>']) {
      const book = workbookPr ? oneSheet(data(...cells.map((c, i) => row(i + 1, c))), { styles, workbookPr }) : bytes;
      const rows = (await same(book)).sheets[0]!.rows;
      const dates = rows.map((r) => r[0] instanceof Date);
      // style 0 (General by ExcelJS's rule, even with a date format), 14 replaced by 0.00, 2, 0" дн.", #,##0, @, 23: numbers
      expect(dates).toEqual([false, false, true, true, true, true, true, true, true, true, true, true, true, false, true, true, false, true, true, false, true, false, false]);
    }
    const rows = (await same(bytes)).sheets[0]!.rows;
    expect(rows[2]).toEqual([utc(2025, 12, 9, 6, 0), utc(2025, 12, 9, 12, 0)]);
  });

  it('shared formulas, a group member before its master, results that ExcelJS reads as empty, array formulas, `<f/>`', async () => {
    const bytes = oneSheet(
      data(
        row(1, '<c r="A1"><f t="shared" si="1"/><v>9</v></c>', num('B1', 1), '<c r="C1"><f t="shared" ref="C1:C4" si="0">B1*2</f><v>2</v></c>'),
        row(2, num('B2', 2), '<c r="C2"><f t="shared" si="0"/><v>4</v></c>', '<c r="D2"><f>B2-2</f><v>0</v></c>', '<c r="E2" t="b"><f>B2&lt;0</f><v>0</v></c>'),
        row(3, num('B3', 3), '<c r="C3"><f t="shared" si="0"/><v>6</v></c>', '<c r="D3" t="str"><f>""</f><v></v></c>', '<c r="E3"><f>B3</f></c>', '<c r="F3" t="e"><f>1/0</f><v>#DIV/0!</v></c>'),
        row(4, '<c r="A4"><f t="shared" ref="A4:A5" si="1">B4</f><v>4</v></c>', num('B4', 4), '<c r="C4"><f t="array" ref="C4">SUM(B1:B4)</f><v>10</v></c>', '<c r="D4"><f/><v>5</v></c>', '<c r="E4" t="str"><f>"x"</f><v>икс</v></c>'),
        row(5, '<c r="A5"><f t="shared" si="1"/><v>5</v></c>'),
      ),
    );
    const rows = (await same(bytes)).sheets[0]!.rows;
    expect(rows[0]).toEqual([null, 1, 2]); // a member of a group whose master comes later is no formula to ExcelJS
    expect(rows[1]).toEqual([null, 2, 4]); // 0 and FALSE results are lost in ExcelJS's formula value
    expect(rows[3]).toEqual([4, 4, 10, 5, 'икс']);
    expect(rows[4]).toEqual([5]);
  });

  it('rows and cells: gaps, styled and unstyled empty cells, repeated cells and rows, row 0, cells outside their row', async () => {
    const styles = stylesWith({}, [0, 0]);
    const bytes = oneSheet(
      data(
        row(2, num('A2', 1), '<c r="B2" s="1"/>', '<c r="C2"/>', num('D2', 4)),
        row(3, '<c r="A3" s="1"/>', '<c r="B3"/>'),
        row(4, num('A4', 1), '<c r="A4" s="1"/>', num('B4', 2), num('B4', 3)),
        row(5, num('A5', 'old')),
        row(5, num('B5', 7)),
        row(0, num('A0', 1)),
        row(7, num('C9', 9), '<c r="D7" t="e"><v>#N/A</v></c>'),
        '<row r="9" ht="30" customHeight="1"/>',
        row(10, '<c r="A10" t="e"><v>#N/A</v></c>'),
      ),
      { styles },
    );
    const rows = (await same(bytes)).sheets[0]!.rows;
    expect(rows).toEqual([[], [1, null, null, 4], [], [null, 3], [null, 7], [], [null, null, 9], [], [], []]);
  });

  it('merges: masters with and without values, beyond the data, one cell, reversed corners, values under the merge', async () => {
    const bytes = oneSheet(
      data(row(1, inline('A1', 'Заголовок'), inline('B1', 'под объединением'), num('F1', 6)), row(3, inline('B3', 'x')), row(4, num('C4', 1))) +
        mergesOf('A1:D2', 'C4:A6', 'F8:G9', 'H1', 'B10:C12', 'F1:F3'),
    );
    const grid = (await same(bytes)).sheets[0]!;
    expect(grid.merges).toEqual([
      { top: 0, left: 0, bottom: 1, right: 3 },
      { top: 3, left: 0, bottom: 5, right: 2 },
      { top: 7, left: 5, bottom: 8, right: 6 },
      { top: 0, left: 7, bottom: 0, right: 7 },
      { top: 9, left: 1, bottom: 11, right: 2 },
      { top: 0, left: 5, bottom: 2, right: 5 },
    ]);
    expect(grid.rows[0]).toEqual(['Заголовок', null, null, null, null, 6]);
    expect(grid.rows.length).toBe(12);
  });

  it('hyperlinks with a target change what some cells show, as in ExcelJS', async () => {
    const styles = stylesWith({}, [0, 0]);
    const bytes = hand({
      sheets: [
        {
          name: 'Ссылки',
          body:
            data(row(1, '<c r="A1"><f>0</f><v>0</v></c>', '<c r="B1" s="1"/>', '<c r="C1"/>', str('D1', 0), '<c r="E1"><f>0</f><v>0</v></c>'), row(3, '<c r="B3" s="1"/>')) +
            '<hyperlinks><hyperlink ref="A1" r:id="rId1"/><hyperlink ref="B1" r:id="rId1"/><hyperlink ref="C1" r:id="rId1"/><hyperlink ref="D1" r:id="rId1"/>' +
            '<hyperlink ref="E1" location="\'Ссылки\'!A1"/><hyperlink ref="B3:C3" r:id="rId1"/></hyperlinks>',
          rels: '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/" TargetMode="External"/>',
        },
      ],
      sharedStrings: '<si><t>текст ссылки</t></si>',
      styles,
    });
    const rows = (await same(bytes)).sheets[0]!.rows;
    expect(rows).toEqual([[0, null, null, 'текст ссылки']]);
  });

  it('sheets: order of workbook.xml, sheetId 0, names decoded twice, orphan parts', async () => {
    const body = (t: string) => data(row(1, inline('A1', t)));
    const bytes = hand({
      sheets: [
        { name: 'Третий файл', body: body('3'), file: 3, sheetId: 7 },
        { name: 'Нулевой', body: body('0'), sheetId: 0, file: 1 },
        { name: 'Второй', body: body('2'), file: 2, sheetId: 2 },
        { name: 'R&amp;D &amp;lt;план&amp;gt;', body: body('amp'), file: 4, sheetId: 4, state: 'hidden' },
        { name: 'Скрытый', body: body('vh'), file: 5, sheetId: 5, state: 'veryHidden' },
      ],
      extra: {
        'xl/worksheets/sheet9.xml': `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${body('orphan')}</worksheet>`,
      },
    });
    const { fast } = await both(bytes);
    await same(bytes);
    expect(fast.sheets.map((s) => s.name)).toEqual(['Третий файл', 'Второй', 'R&D <план>']);
  });
});

describe('where the fast reader differs from ExcelJS', () => {
  it('a row without `r` is the next row (ExcelJS fails: «Invalid row number in model»)', async () => {
    const bytes = oneSheet(data(row(2, num('A2', 1)), row(null, num('A3', 2)), row(null, num('B4', 3))));
    await expect(readXlsxWithExcelJS(bytes)).rejects.toThrow();
    expect((await readXlsx(bytes)).grids.sheets[0]!.rows).toEqual([[], [1], [2], [null, 3]]);
  });

  it('a first cell without `r` is in column A (ExcelJS fails on it)', async () => {
    const bytes = oneSheet(data(row(1, '<c><v>1</v></c>', '<c><v>2</v></c>')));
    await expect(readXlsxWithExcelJS(bytes)).rejects.toThrow();
    expect((await readXlsx(bytes)).grids.sheets[0]!.rows).toEqual([[1, 2]]);
  });

  it('date1904="true" is the 1904 system (ExcelJS takes only "1")', async () => {
    const bytes = oneSheet(data(row(1, num('A1', 0, 1))), { styles: stylesWith({}, [0, 14]), workbookPr: '<workbookPr date1904="true"/>' });
    expect((await readXlsx(bytes)).grids.sheets[0]!.rows[0]).toEqual([utc(1904, 1, 1)]);
    expect((await readXlsxWithExcelJS(bytes)).grids.sheets[0]!.rows[0]).toEqual([utc(1899, 12, 30)]);
  });

  it('elements with a namespace prefix (`<x:c>`) are read (ExcelJS sees no cells in them)', async () => {
    const bytes = oneSheet('<x:sheetData xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:row r="1"><x:c r="A1"><x:v>5</x:v></x:c></x:row></x:sheetData>');
    expect((await readXlsx(bytes)).grids.sheets[0]!.rows).toEqual([[5]]);
    expect((await readXlsxWithExcelJS(bytes)).grids.sheets[0]!.rows).toEqual([]);
  });

  it('a row beyond Excel\'s 1,048,576 is a broken file (ExcelJS would build every row up to it)', async () => {
    const bytes = oneSheet(data(row(2_000_000, num('A2000000', 1))));
    await expect(readXlsx(bytes)).rejects.toThrow(/row beyond/);
  });
});

describe('files neither reader reads', () => {
  it('overlapping merges, a shared string beyond the table, a column beyond XFD, a sheet name of 32 characters', async () => {
    const books = [
      hand({ sheets: [{ name: 'Очень длинное название листа, 32', body: data() }] }),
      oneSheet(data(row(1, num('A1', 1))) + mergesOf('A1:B2', 'B2:C3')),
      oneSheet(data(row(1, str('A1', 5))), { sharedStrings: '<si><t>один</t></si>' }),
      oneSheet(data(row(1, num('XFE1', 1)))),
    ];
    for (const bytes of books) {
      await expect(readXlsxWithExcelJS(bytes)).rejects.toThrow();
      await expect(readXlsx(bytes)).rejects.toThrow();
    }
  });

  it('XML that is not well-formed', async () => {
    const broken = [data(row(1, num('A1', 1))).replace('</row>', ''), data(row(1, '<c r="A1"><v>1 &nbsp;</v></c>')), data(row(1, '<c r="A1" r="B1"><v>1</v></c>')), `${data()}</worksheet><worksheet>`, data(row(1, '<c r="A1"><v>\u0001</v></c>'))];
    for (const body of broken) await expect(readXlsx(oneSheet(body))).rejects.toThrow(XmlError);
  });
});

describe('safety bounds', () => {
  const LOL = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>';

  it('refuses a DTD in any part it reads, without expanding anything', async () => {
    const sheet = oneSheet(data(row(1, inline('A1', '&lol2;'))));
    const withDtd = (part: string) =>
      editParts(sheet, (parts) => {
        parts.set(part, parts.get(part)!.replace(/^(<\?xml[^>]*\?>\n?)/, `$1${LOL}`));
      });
    for (const part of ['xl/worksheets/sheet1.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels']) {
      await expect(readXlsx(withDtd(part))).rejects.toThrow(XmlDtdError);
    }
    await expect(readXlsx(sheet)).rejects.toThrow(/undefined entity/);
  });

  it('refuses a part whose declared size is more than 100 times its compressed size, before inflating it', async () => {
    const zeros = `<sheetData>${' '.repeat(30 * 1024 * 1024)}</sheetData>`;
    const bytes = oneSheet(zeros);
    await expect(readXlsx(bytes)).rejects.toMatchObject({ constructor: ZipError, kind: 'zip-bomb' });
  });

  it('stops at the declared size when the directory lies', async () => {
    const big = `${data(...Array.from({ length: 2000 }, (_, i) => row(i + 1, num(`A${i + 1}`, i))))}`;
    const bytes = lieAboutSize(oneSheet(big), 'xl/worksheets/sheet1.xml', 1000);
    await expect(readXlsx(bytes)).rejects.toMatchObject({ kind: 'zip-bomb' });
  });

  it('refuses more than 1,000 entries, and more than the total uncompressed size it is given', async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 1001; i++) files[`x/${i}.txt`] = strToU8('x');
    await expect(readXlsx(zipSync(files))).rejects.toMatchObject({ kind: 'too-many-entries' });
    const book = oneSheet(data(row(1, num('A1', 1))));
    await expect(readXlsx(book, { zip: { maxUncompressedBytes: 300 } })).rejects.toMatchObject({ kind: 'too-large' });
  });

  it('refuses a merge over the whole sheet without building it (ExcelJS would build 17·10⁹ cells)', async () => {
    const bytes = oneSheet(data(row(1, inline('A1', 'всё'))) + mergesOf('A1:XFD1048576'));
    await expect(readXlsx(bytes)).rejects.toMatchObject({ oversize: { kind: 'merged-cells', count: 16_384 * 1_048_576 } });
  });

  it('refuses grids of more than 32 M cells without building them', async () => {
    const bytes = oneSheet(data(...Array.from({ length: 2100 }, (_, i) => row(i + 1, num(`XFD${i + 1}`, 1)))));
    const error = await readXlsx(bytes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XlsxOversizeError);
    expect((error as XlsxOversizeError).oversize.kind).toBe('cells');
  });

  it('with the server\'s caps, refuses what measureOversize refuses, with the same finding', async () => {
    const caps = { maxSheets: 3, maxRows: 100, maxColumns: 20, maxMergedCells: 50 };
    const books = [
      await excelBook((wb) => {
        const ws = wb.addWorksheet('Длинный');
        for (let r = 1; r <= 150; r++) ws.getCell(r, 1).value = r;
      }),
      await excelBook((wb) => {
        wb.addWorksheet('Первый').getCell('A1').value = 1;
        const ws = wb.addWorksheet('Широкий');
        ws.getCell(5, 2).value = 'x';
        ws.getCell(7, 25).value = 'y';
        ws.getCell(9, 30).value = 'z';
      }),
      await excelBook((wb) => {
        const ws = wb.addWorksheet('Объединения');
        ws.getCell('A1').value = 'шапка';
        ws.mergeCells('A1:J10');
      }),
      await excelBook((wb) => {
        for (let i = 1; i <= 4; i++) wb.addWorksheet(`Лист${i}`).getCell('A1').value = i;
      }),
    ];
    for (const bytes of books) {
      const expected = measureOversize((await readXlsxWithExcelJS(bytes)).grids, caps);
      expect(expected).not.toBeNull();
      await expect(readXlsx(bytes, { caps })).rejects.toMatchObject({ oversize: expected });
      await expect(readXlsx(bytes)).resolves.toBeDefined();
    }
  });
});

/** The zip with one entry's uncompressed size (local header and central directory) set to `size`. */
function lieAboutSize(bytes: Uint8Array, name: string, size: number): Uint8Array {
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  const nameBytes = strToU8(name);
  for (let i = 0; i < out.length - 46; i++) {
    const sig = view.getUint32(i, true);
    const local = sig === 0x04034b50;
    const central = sig === 0x02014b50;
    if (!local && !central) continue;
    const nameAt = i + (local ? 30 : 46);
    const nameLength = view.getUint16(i + (local ? 26 : 28), true);
    if (nameLength !== nameBytes.length || !nameBytes.every((b, k) => out[nameAt + k] === b)) continue;
    view.setUint32(i + (local ? 22 : 24), size, true);
  }
  return out;
}
