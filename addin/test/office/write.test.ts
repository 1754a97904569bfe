/** `applyEdits`, `select`, `insertTemplate` and `insertWorkbook` over the fake Excel. */
import { readFileSync } from 'node:fs';
import { check, fix } from '@svod/shared';
import { readXlsx } from '@svod/shared/xlsx';
import { base64OfFile } from '../../../tests/fakes/load';
import { normalized, seed, setupSeed, setupSheets, uninstall } from './helpers';

afterEach(uninstall);

describe('applyEdits', () => {
  test('text that Excel would run or retype is written under the text format @, in one sync', async () => {
    const s = setupSheets([{ name: 'Лист', rows: [['old', 'old', 'old', 'old', 'old', 'old', 'old', 'old']] }]);
    const texts = ['=cmd', '+1', '-2', '@x', "'апостроф", '4.2', 'март 2021', 'Обычный текст'];
    const edits = texts.map((value, i) => ({ sheet: 'Лист', cell: `${String.fromCharCode(65 + i)}1`, value }));
    const { total, writes } = await s.count(() => s.port.applyEdits(edits));
    expect({ total, writes }).toEqual({ total: 1, writes: 1 });
    const sheet = s.workbook.sheet('Лист');
    texts.forEach((text, i) => {
      const cell = sheet.at(`${String.fromCharCode(65 + i)}1`);
      expect(cell.value).toBe(text);
      expect(cell.formula).toBeNull();
    });
    expect(['A1', 'B1', 'C1', 'D1', 'E1', 'F1', 'G1'].map((a) => sheet.at(a).numberFormat)).toEqual(Array(7).fill('@'));
    expect(sheet.at('H1').numberFormat).toBe('General'); // ordinary text keeps the cell's format
  });

  test('the fake would have run them: the same texts typed without protection become formulas, numbers, dates', () => {
    const s = setupSheets([{ name: 'Лист' }]);
    const sheet = s.workbook.sheet('Лист');
    ['=cmd', '+1', '-2', '@x', '4.2'].forEach((text, i) => sheet.write(0, i, text));
    expect(sheet.at('A1').formula).toBe('=cmd');
    expect(sheet.at('B1').value).toBe(1);
    expect(sheet.at('C1').value).toBe(-2);
    expect(sheet.at('D1').formula).toBe('=x');
    expect(sheet.at('E1').numberFormat).toBe('dd.mm.yyyy');
  });

  test('null clears the value only; numbers, booleans and dates are written as values', async () => {
    const s = setupSheets([{ name: 'Лист', rows: [['убрать', 1, 2, 3]], fills: { A1: '#FFC7CE' }, notes: { A1: 'примечание' } }]);
    await s.port.applyEdits([
      { sheet: 'Лист', cell: 'A1', value: null },
      { sheet: 'Лист', cell: 'B1', value: 42.5 },
      { sheet: 'Лист', cell: '$C$1', value: true },
      { sheet: 'Лист', cell: 'D1', value: new Date(Date.UTC(2021, 4, 14)) },
    ]);
    const sheet = s.workbook.sheet('Лист');
    expect(sheet.at('A1')).toMatchObject({ value: null, fill: { color: '#FFC7CE' } });
    expect(sheet.notes.get('A1')).toBe('примечание');
    expect(sheet.value('B1')).toBe(42.5);
    expect(sheet.value('C1')).toBe(true);
    expect(sheet.at('D1')).toMatchObject({ value: 44330, numberFormat: 'dd.mm.yyyy' });
    const read = await s.port.readSheets('active');
    expect(read.sheets[0]!.rows[0]).toEqual([null, 42.5, true, new Date(Date.UTC(2021, 4, 14))]);
  });

  test('the core\'s fixes written back give exactly the fixed workbook (seed-002, suggestions too)', async () => {
    const s = await setupSeed('seed-002-lazo.xlsx');
    const fixed = fix(await s.port.readSheets('all'), {}, { suggestions: true });
    expect(fixed.edits.length).toBeGreaterThan(50);
    const { total } = await s.count(() => s.port.applyEdits(fixed.edits));
    expect(total).toBe(1);
    const after = await s.port.readSheets('all');
    expect(after.sheets.map(normalized)).toEqual(fixed.workbook.sheets.map(normalized));
  });
});

describe('select', () => {
  test('activates the sheet and selects the cell, in one sync', async () => {
    const s = await setupSeed('seed-001-kirov.xlsx');
    const { total } = await s.count(() => s.port.select('План мероприятий', 'A21'));
    expect(total).toBe(1);
    expect(s.workbook.active.name).toBe('План мероприятий');
    expect(s.workbook.selection).toEqual({ sheetId: s.workbook.sheet('План мероприятий').id, address: 'A21' });
  });
});

describe('insertTemplate', () => {
  test('a roadmap sheet in the ministry format: title with the period, header, borders, widths, dropdowns', async () => {
    const s = await setupSeed('seed-001-kirov.xlsx');
    const executors = ['Управление образования', 'МБУ ИМЦ', 'КОГОАУ ДПО «ИРО Кировской области»'];
    const { result: name, reads, writes } = await s.count(() =>
      s.port.insertTemplate({ kind: 'roadmap', period: { from: 2025, to: 2026 }, executors, glossary: false }),
    );
    expect({ reads, writes }).toEqual({ reads: 1, writes: 1 });
    expect(name).toBe('Дорожная карта (2)'); // «Дорожная карта» exists
    const sheet = s.workbook.sheet(name);
    expect(s.workbook.active.name).toBe(name);
    expect(sheet.value('A1')).toBe('Дорожная карта (план мероприятий)');
    expect(sheet.value('A2')).toBe('на 2025–2026 годы');
    expect(sheet.merges).toEqual([
      { top: 0, left: 0, bottom: 0, right: 4 },
      { top: 1, left: 0, bottom: 1, right: 4 },
    ]);
    expect(['A4', 'B4', 'C4', 'D4', 'E4'].map((a) => sheet.value(a))).toEqual(['№ п/п', 'Мероприятие', 'Срок реализации', 'Исполнитель', 'Ожидаемый результат']);
    expect(sheet.at('B4')).toMatchObject({ bold: true, wrapText: true });
    expect(sheet.at('C9').borders).toMatchObject({ top: { style: 'Continuous' }, bottom: { style: 'Continuous' }, left: { style: 'Continuous' }, right: { style: 'Continuous' } });
    expect(sheet.at('E14').borders.bottom?.style).toBe('Continuous');
    expect(sheet.peek(14, 0)?.borders.top).toBeUndefined(); // row 15 is outside the table
    expect(sheet.columnWidths.get(1)).toBeGreaterThan(sheet.columnWidths.get(0)!);
    expect(sheet.at('A5').numberFormat).toBe('@'); // item numbers stay text
    expect(sheet.validations).toEqual([
      { range: { top: 4, left: 3, bottom: 13, right: 3 }, rule: { list: { inCellDropDown: true, source: executors.join(',') } }, errorAlert: expect.objectContaining({ showAlert: false }) },
    ]);
    // The reader recognises what it inserted: a roadmap with its period.
    const report = check(await s.port.readSheets('active'));
    expect(report.sheets[0]!.tables).toEqual([expect.objectContaining({ kind: 'roadmap', period: { from: 2025, to: 2026 } })]);
  });

  test('an indicator sheet: one column per year, unit and да/нет dropdowns, a «Сокращения» sheet', async () => {
    const s = setupSheets([{ name: 'Лист1' }]);
    const name = await s.port.insertTemplate({ kind: 'indicators', period: { from: 2024, to: 2026 }, executors: [], glossary: true });
    expect(name).toBe('Целевые показатели');
    expect(s.workbook.sheets.map((x) => x.name)).toEqual(['Лист1', 'Целевые показатели', 'Сокращения']);
    const sheet = s.workbook.sheet(name);
    const header = ['A4', 'B4', 'C4', 'D4', 'E4', 'F4', 'G4'].map((a) => sheet.value(a));
    expect(header).toEqual(['№ п/п', 'Показатель (индикатор) наименование', 'Ед. изм.', 'Методика расчета', '2024 год', '2025 год', '2026 год']);
    expect(sheet.value('A2')).toBe('на 2024–2026 годы');
    const rules = sheet.validations.map((v) => [v.range.left, (v.rule as { list: { source: string } }).list.source, (v.errorAlert as { showAlert: boolean }).showAlert]);
    expect(rules).toEqual([
      [2, '%,шт.,числовой,да/нет', true],
      [4, 'да,нет', false],
      [5, 'да,нет', false],
      [6, 'да,нет', false],
    ]);
    const glossary = s.workbook.sheet('Сокращения');
    expect([glossary.value('A1'), glossary.value('B1')]).toEqual(['Сокращение', 'Полное наименование']);
    expect(glossary.at('A1').bold).toBe(true);
    const report = check(await s.port.readSheets('all'));
    expect(report.sheets.find((x) => x.name === name)!.tables).toEqual([expect.objectContaining({ kind: 'indicators', period: { from: 2024, to: 2026 } })]);

    // A second one: a unique name, and no second glossary.
    const again = await s.port.insertTemplate({ kind: 'indicators', period: { from: 2025, to: 2025 }, executors: [], glossary: true });
    expect(again).toBe('Целевые показатели (2)');
    expect(s.workbook.sheet(again).value('A2')).toBe('на 2025 год');
    expect(s.workbook.sheets.map((x) => x.name)).toEqual(['Лист1', 'Целевые показатели', 'Сокращения', 'Целевые показатели (2)']);
  });

  test('a long executor list (or one with commas) goes to a very hidden list sheet', async () => {
    const s = setupSheets([{ name: 'Лист1' }]);
    const executors = Array.from({ length: 12 }, (_, i) => `Муниципальное бюджетное общеобразовательное учреждение № ${i + 1}, г. Чита`);
    const name = await s.port.insertTemplate({ kind: 'roadmap', period: { from: 2025, to: 2025 }, executors, glossary: false });
    const lists = s.workbook.sheet('Свод_списки');
    expect(lists.visibility).toBe('VeryHidden');
    expect(executors.map((_, i) => lists.value(`A${i + 1}`))).toEqual(executors);
    const rule = s.workbook.sheet(name).validations[0]!.rule as { list: { source: string } };
    expect(rule.list.source).toBe("='Свод_списки'!$A$1:$A$12");
    expect((await s.port.readSheets('all')).sheets.map((g) => g.name)).toEqual(['Лист1', name]);
  });
});

describe('insertWorkbook', () => {
  test('the sheets of a base64 xlsx are added at the end, in one sync; their names are returned', async () => {
    const s = await setupSeed('seed-001-kirov.xlsx');
    const file = seed('seed-000-kamchatka.xlsx');
    const { result: names, total } = await s.count(() => s.port.insertWorkbook(base64OfFile(file)));
    expect(total).toBe(1);
    expect(names).toEqual(['Целевые показатели', 'Дорожная карта (2)']);
    expect(s.workbook.sheets.map((x) => x.name)).toEqual(['Дорожная карта', 'План мероприятий', 'Целевые показатели', 'Дорожная карта (2)']);
    const expected = (await readXlsx(readFileSync(file))).grids.sheets;
    const read = await s.port.readSheets('all');
    expect(normalized(read.sheets[2]!)).toEqual(normalized(expected[0]!));
    expect(normalized(read.sheets[3]!)).toEqual(normalized({ ...expected[1]!, name: 'Дорожная карта (2)' }));
  });
});
