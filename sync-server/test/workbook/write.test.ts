import ExcelJS from 'exceljs';
import { buildRegionalWorkbook, indicatorKey, type MergeInput, type RegionalWorkbook } from '@svod/shared';
import { excelValue, isFormulaLike, renderRegionalWorkbook } from '../../src/workbook/write';
import { regionInput } from '../../../tests/support/region-input';
import { assertSafeWorkbook } from '../support/scan-workbook';

const INJECTIONS = ["=cmd|' /C calc'!A0", '+1', '-2+3', '@SUM(A1)', '\t=1+1', '=HYPERLINK("http://evil.example","x")'];

const indicator = (number: string, name: string, unit: string, section: string) => ({ key: indicatorKey(name), name, number, unit, section });

const INPUT: MergeInput = regionInput({
  regionName: 'Министерство образования Камчатского края',
  deadline: '2024-03-01',
  template: {
    indicators: [
      indicator('1.1', 'Доля обучающихся, получивших неудовлетворительный результат на ЕГЭ', '%', 'I. Образовательные результаты'),
      indicator('1.2', 'Количество реализованных мероприятий', 'шт.', 'I. Образовательные результаты'),
      indicator('2.1', 'Наличие муниципальной программы', 'да/нет', 'II. Кадровое обеспечение'),
    ],
    years: [2022, 2023],
    sections: [],
  },
  submissions: [
    {
      municipalityId: 'lazo',
      name: 'Муниципальный район имени Лазо',
      version: 3,
      submittedAt: '2024-02-27T10:15:00+10:00',
      content: {
        indicators: [
          { key: indicatorKey('Доля обучающихся, получивших неудовлетворительный результат на ЕГЭ'), name: 'Доля обучающихся, получивших неудовлетворительный результат на ЕГЭ', number: '1.1', unit: '%', section: null, values: { 2022: 10, 2023: 8.5 } },
          { key: indicatorKey('Количество реализованных мероприятий'), name: 'Количество реализованных мероприятий', number: '1.2', unit: 'шт.', section: null, values: { 2022: '=1+1', 2023: 4 } },
        ],
        roadmap: [
          { section: '1. Организационные мероприятия', number: '1.1', activity: 'Разработка муниципального проекта', deadline: 'До 05 апреля 2023 г.', executor: 'Управление образования', result: 'Проект' },
          { section: '1. Организационные мероприятия', number: '1.2', activity: INJECTIONS[0]!, deadline: INJECTIONS[1]!, executor: INJECTIONS[2]!, result: INJECTIONS[3]! },
          { section: '1. Организационные мероприятия', number: '1.3', activity: INJECTIONS[4]!, deadline: 'март', executor: 'УО', result: INJECTIONS[5]! },
        ],
      },
    },
    {
      municipalityId: 'kirov',
      name: 'Верхнекамский муниципальный округ',
      version: 1,
      submittedAt: '2024-02-20T09:00:00+03:00',
      content: {
        indicators: [
          { key: indicatorKey('Доля обучающихся, получивших неудовлетворительный результат на ЕГЭ'), name: 'x', number: null, unit: '%', section: null, values: { 2022: 20, 2023: '-' } },
          { key: indicatorKey('Наличие муниципальной программы'), name: 'x', number: null, unit: 'да/нет', section: null, values: { 2022: 'да', 2023: 'да' } },
        ],
        roadmap: [{ section: null, number: '1', activity: 'Совещание', deadline: '22.01.2021', executor: 'ФИОКО', result: 'Протокол' }],
      },
    },
    {
      municipalityId: 'ilansky',
      name: 'Иланский район',
      version: 2,
      submittedAt: '2024-02-28T16:40:00+07:00',
      content: { indicators: [], roadmap: [] },
    },
  ],
  rejected: { kirov: { errors: 2, warnings: 7, submittedAt: '2024-02-21T09:00:00+03:00' } },
});

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

function allCells(ws: ExcelJS.Worksheet): ExcelJS.Cell[] {
  const out: ExcelJS.Cell[] = [];
  ws.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (cell) => void out.push(cell)));
  return out;
}

function cellValues(wb: ExcelJS.Workbook): unknown[] {
  return wb.worksheets.map((ws) => allCells(ws).map((c) => [c.address, c.value, c.numFmt, c.font?.bold ?? false]));
}

describe('renderRegionalWorkbook', () => {
  const model: RegionalWorkbook = buildRegionalWorkbook(INPUT);
  let wb: ExcelJS.Workbook;
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await renderRegionalWorkbook(model);
    wb = await load(bytes);
  });

  it('passes the output-safety scan, the injection texts neutralised', async () => {
    const scan = await assertSafeWorkbook(bytes);
    const neutralised = scan.formulaLike.filter((t) => t.textFormat).map((t) => t.text);
    expect(INJECTIONS.filter((t) => !neutralised.includes(t.trim()) && !neutralised.includes(t))).toEqual([]);
  });

  it('writes the sheets with their values: one block per indicator, municipalities as rows', () => {
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Свод показателей', 'Дорожные карты', 'Статус', 'Не вошло в свод']);
    const ws = wb.getWorksheet('Свод показателей')!;
    expect(ws.getCell('A1').value).toBe('Министерство образования Камчатского края');
    expect(ws.getCell('A2').value).toBe('Свод целевых показателей');
    expect(ws.getCell('A3').value).toBe('Срок сдачи: 01.03.2024, до 23:59 (МСК).');
    expect(ws.getCell('A4').value).toBe('В своде данные 3 из 3 муниципалитетов (какая версия и почему — на листе «Статус»).');
    const row = (r: number) => [1, 2, 3, 4, 5].map((c) => ws.getRow(r).getCell(c).value);
    expect(row(7)).toEqual(['№', 'Показатель, муниципалитет', 'Ед. изм.', 2022, 2023]);
    expect(ws.getCell('A8').value).toBe('I. Образовательные результаты');
    expect(row(9)).toEqual(['1.1', 'Доля обучающихся, получивших неудовлетворительный результат на ЕГЭ', '%', null, null]);
    // Верхнекамский 20 and «-», Иланский nothing, Лазо 10 and 8.5; the region's mean of the numbers.
    expect(row(10)).toEqual(['1.1', 'Верхнекамский муниципальный округ', null, 20, '-']);
    expect(row(11)).toEqual(['1.1', 'Иланский район', null, null, null]);
    expect(row(12)).toEqual(['1.1', 'Муниципальный район имени Лазо', null, 10, 8.5]);
    expect(row(13)).toEqual(['1.1', 'Регион: среднее', null, 15, 8.5]);
    expect(ws.getRow(13).getCell(4).type).toBe(ExcelJS.ValueType.Number);
    expect(ws.getCell('A19').value).toBe('II. Кадровое обеспечение');
    expect(row(21)).toEqual(['2.1', 'Верхнекамский муниципальный округ', null, 'да', 'да']);
    expect(row(24)).toEqual(['2.1', 'Регион: число «да»', null, 1, 1]);

    const roadmaps = wb.getWorksheet('Дорожные карты')!;
    const header = roadmaps.getRow(7);
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => header.getCell(c).value)).toEqual(['Муниципалитет', 'Версия', '№', 'Мероприятие', 'Срок', 'Исполнитель', 'Результат']);
    expect([1, 2, 3, 4].map((c) => roadmaps.getRow(8).getCell(c).value)).toEqual(['Верхнекамский муниципальный округ', 1, '1', 'Совещание']);

    const status = wb.getWorksheet('Статус')!;
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => status.getRow(8).getCell(c).value)).toEqual(['Муниципалитет', 'Статус', 'Последняя версия', 'Прислана (МСК)', 'Ошибок', 'Предупреждений', 'В своде версия']);
    // The rejected version 2 of 21.02 09:00 (+03:00) is the last; version 1 is the one in the Свод.
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((c) => status.getRow(9).getCell(c).value)).toEqual([
      'Верхнекамский муниципальный округ',
      'сдано с ошибками',
      2,
      new Date(Date.UTC(2024, 1, 21, 9, 0)),
      2,
      7,
      1,
      '2 из 2',
    ]);
  });

  it('merges the section rows and the titles over the table', () => {
    const merges = wb.getWorksheet('Свод показателей')!.model.merges;
    expect(merges).toEqual(expect.arrayContaining(['A1:E1', 'A8:E8', 'A19:E19']));
    expect(wb.getWorksheet('Дорожные карты')!.model.merges).toEqual(expect.arrayContaining(['A1:G1', 'C9:G9']));
  });

  it('styles it as a ministry table: bold centred wrapped headers, borders on every table cell, bold shaded sections', () => {
    const ws = wb.getWorksheet('Свод показателей')!;
    const head = ws.getCell('B7');
    expect(head.font.bold).toBe(true);
    expect(head.alignment).toMatchObject({ horizontal: 'center', vertical: 'middle', wrapText: true });
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 12 });
    for (let r = 7; r <= ws.rowCount; r++) {
      for (let c = 1; c <= 5; c++) {
        const border = ws.getRow(r).getCell(c).border;
        expect([r, c, border?.top?.style, border?.left?.style, border?.bottom?.style, border?.right?.style]).toEqual([r, c, 'thin', 'thin', 'thin', 'thin']);
      }
    }
    const section = ws.getCell('A8');
    expect(section.font.bold).toBe(true);
    expect(section.fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    // The indicator heads its block in bold; the municipalities' rows are plain.
    expect(ws.getCell('B9').font.bold).toBe(true);
    expect(ws.getCell('B9').alignment.wrapText).toBe(true);
    expect(ws.getCell('B10').font.bold).toBeFalsy();
    expect(ws.getCell('B13').font.bold).toBe(true);
    // Titles are not part of the table: no borders.
    expect(ws.getCell('A1').border?.top).toBeUndefined();
  });

  it('freezes the header rows and the first columns', () => {
    expect(wb.getWorksheet('Свод показателей')!.views[0]).toMatchObject({ state: 'frozen', ySplit: 7 });
    expect(wb.getWorksheet('Дорожные карты')!.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 7 });
    expect(wb.getWorksheet('Статус')!.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 8 });
  });

  it('prints: the Свод in portrait, the wide sheets in landscape, fitted to the width, the header on every page', () => {
    expect(wb.getWorksheet('Свод показателей')!.pageSetup).toMatchObject({ orientation: 'portrait', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '7:7' });
    expect(wb.getWorksheet('Дорожные карты')!.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, printTitlesRow: '7:7' });
    expect(wb.getWorksheet('Статус')!.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, printTitlesRow: '8:8' });
    // Every page says what it is and its number.
    expect(wb.getWorksheet('Свод показателей')!.headerFooter.oddFooter).toBe('&LМинистерство образования Камчатского края · Свод показателей&RСтраница &P из &N');
  });

  it('applies the column widths and number formats of the model', () => {
    const ws = wb.getWorksheet('Свод показателей')!;
    model.sheets[0]!.columns.forEach((c, i) => expect(ws.getColumn(i + 1).width).toBe(c.width));
    expect(ws.getRow(13).getCell(4).numFmt).toBe('0.0'); // a regional mean
    expect([ws.getRow(18).getCell(5).value, ws.getRow(18).getCell(5).numFmt]).toEqual([4, '0']); // a regional sum
    expect(ws.getRow(24).getCell(4).numFmt).toBe('0'); // a number of «да»
    const status = wb.getWorksheet('Статус')!;
    expect(status.getRow(9).getCell(4).numFmt).toBe('dd.mm.yyyy hh:mm');
    expect(status.getRow(9).getCell(3).numFmt).toBe('0');
  });

  it('writes formula-like text as plain strings in text format, never a formula or a hyperlink', () => {
    const ws = wb.getWorksheet('Дорожные карты')!;
    const found = new Map<string, ExcelJS.Cell>();
    for (const cell of allCells(ws)) if (typeof cell.value === 'string' && INJECTIONS.includes(cell.value)) found.set(cell.value, cell);
    expect([...found.keys()].sort()).toEqual([...INJECTIONS].sort());
    for (const cell of found.values()) {
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(cell.numFmt).toBe('@');
    }
    const value = wb.getWorksheet('Свод показателей')!.getRow(17).getCell(4);
    expect([value.value, value.type, value.numFmt]).toEqual(['=1+1', ExcelJS.ValueType.String, '@']);
    for (const sheet of wb.worksheets) {
      for (const cell of allCells(sheet)) {
        expect([cell.address, cell.type]).not.toEqual([cell.address, ExcelJS.ValueType.Formula]);
        expect([cell.address, cell.type]).not.toEqual([cell.address, ExcelJS.ValueType.Hyperlink]);
        expect(cell.hyperlink).toBeUndefined();
      }
    }
  });

  it('sets fixed document properties', () => {
    expect(wb.creator).toBe('Svod');
    expect(wb.created).toEqual(wb.modified);
  });

  it('renders the same model to the same cells and the same bytes, whatever the clock says', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask', 'clearTimeout', 'clearInterval', 'clearImmediate'] });
    try {
      jest.setSystemTime(new Date('2031-07-15T13:37:11Z'));
      const again = await renderRegionalWorkbook(buildRegionalWorkbook(INPUT));
      expect(cellValues(await load(again))).toEqual(cellValues(wb));
      expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('cell safety helpers', () => {
  it('recognises formula-like text', () => {
    for (const t of INJECTIONS) expect(isFormulaLike(t)).toBe(true);
    for (const t of ['\r1', '\n=1', '＝1+1']) expect(isFormulaLike(t)).toBe(true);
    for (const t of ['Совещание', '1.2', ' =1', '«=1»']) expect(isFormulaLike(t)).toBe(false);
    // Excel shows a leading OOXML escape as its character: «_x003D_1+1» is «=1+1» on screen; «_x005F_» is «_».
    for (const t of ['_x003D_1+1', '_x002b_1', '_x0009_x']) expect(isFormulaLike(t)).toBe(true);
    for (const t of ['_x005F_x003D_1', '_x0041_', '_x003D', 'x_x003D_']) expect(isFormulaLike(t)).toBe(false);
  });

  it('keeps numbers numbers and drops what a spreadsheet cannot hold', () => {
    expect(excelValue(12.5)).toEqual({ value: 12.5, text: false });
    expect(excelValue(Number.NaN)).toEqual({ value: null, text: false });
    expect(excelValue(true)).toEqual({ value: 'да', text: false });
    expect(excelValue('=1+1')).toEqual({ value: '=1+1', text: true });
    expect(excelValue('a\uFFFEb\uD800c')).toEqual({ value: 'abc', text: false });
    expect(excelValue(new Date(Number.NaN))).toEqual({ value: null, text: false });
  });
});
