import ExcelJS from 'exceljs';
import { buildRegionalWorkbook, indicatorKey, type CellValue, type MergeInput, type RegionalSheet, type RegionalWorkbook } from '@svod/shared';
import { renderRegionalWorkbook } from '../../src/workbook/write';
import { writeXlsx, xmlEncode, zipFiles } from '../../src/workbook/xlsx';
import { assertSafeWorkbook } from '../support/scan-workbook';
import { unzip } from '../uploads/helpers';
import { renderWithExcelJS } from './exceljs-reference';
import { regionInput } from '../../../tests/support/region-input';

/** Every part of both files, in order (the zips themselves differ: JSZip's timestamps and deflate); ours is scanned for output safety. */
async function sameParts(model: RegionalWorkbook): Promise<void> {
  const rendered = Buffer.from(await renderRegionalWorkbook(model));
  await assertSafeWorkbook(rendered);
  const ours = await unzip(rendered);
  const theirs = await unzip(Buffer.from(await renderWithExcelJS(model)));
  expect([...ours.keys()]).toEqual([...theirs.keys()]);
  for (const [name, bytes] of theirs) expect([name, ours.get(name)!.toString('utf8')]).toEqual([name, bytes.toString('utf8')]);
}

/** A region of `count` municipalities: sections, page-wide indicator groups, roadmaps with nested sections. */
function region(count: number): MergeInput {
  const indicator = (number: string, name: string, unit: string, section: string) => ({ key: indicatorKey(name), name, number, unit, section });
  const template = {
    indicators: [
      indicator('1.1', 'Доля обучающихся, получивших неудовлетворительный результат на ОГЭ по математике', '%', 'I. Результаты'),
      indicator('1.2', 'Количество школ с низкими результатами', 'шт.', 'I. Результаты'),
      indicator('2.1', 'Наличие муниципальной программы', 'да/нет', 'II. Управление'),
      indicator('2.2', 'Доля педагогов, прошедших курсы', '%', 'II. Управление'),
    ],
    years: [2023, 2024, 2025],
    sections: [],
  };
  const names = ['Алеутский', 'Быстринский', 'Вилючинский', 'Елизовский', 'Карагинский', 'Мильковский', 'Олюторский'];
  const submissions = Array.from({ length: count }, (_, i) => ({
    municipalityId: `m${i}`,
    name: `${names[i % names.length]} муниципальный район ${i}`,
    version: 1 + (i % 3),
    submittedAt: `2024-02-${String(10 + (i % 18)).padStart(2, '0')}T09:${String(i % 60).padStart(2, '0')}:00+03:00`,
    content: {
      indicators: template.indicators.map((t, k) => ({
        ...t,
        values: (t.unit === 'да/нет' ? { 2023: i % 2 ? 'да' : 'нет', 2024: 'да' } : { 2023: 10 + i + k * 0.5, 2024: i % 4 ? 12.25 : '-', 2025: i * 3 }) as Record<string, CellValue>,
      })),
      roadmap: Array.from({ length: 4 }, (_, k) => ({
        section: k < 2 ? '1. Организационные мероприятия' : '2. Работа с кадрами',
        sectionPath: k < 2 ? ['1. Организационные мероприятия'] : ['2. Работа с кадрами', '2.1. Повышение квалификации'],
        number: `${k < 2 ? 1 : 2}.${k + 1}`,
        activity: k === 3 ? `=ВПР(${i}) «курсы» & <семинар>` : `Мероприятие ${k + 1} муниципалитета ${i}, довольно длинное, чтобы строка переносилась на несколько строк`,
        deadline: k % 2 ? 'март – апрель 2024 г.' : ' до 15.05.2024 ',
        executor: 'Управление образования',
        result: k === 0 ? 'Протокол\nсовещания' : 'Справка',
        ...(k === 2 ? { plan: { 2023: 'подготовка', 2024: 'проведение' } } : {}),
      })),
    },
  }));
  const rejected: Record<string, { errors: number; submittedAt: string; warnings: number }> = {};
  submissions.forEach((s, i) => {
    if (i % 5 === 0) rejected[s.municipalityId] = { errors: 2, warnings: i, submittedAt: '2024-02-28T10:00:00+03:00' };
  });
  return regionInput({ regionName: 'Министерство образования Камчатского края', deadline: '2024-03-01', template, submissions, rejected });
}

/** Sheets that exercise what the model builder never produces but the renderer accepts. */
const EDGES: RegionalWorkbook = {
  sheets: [
    {
      name: 'Край & <тест> — очень длинное название листа',
      columns: [{ width: 9 }, { width: 9, align: 'center', numberFormat: '0' }, { width: 12, numberFormat: '0.00%' }, { width: 12 }, { width: 9 }, { width: 30.5, align: 'right' }],
      rows: [
        { kind: 'title', cells: ['Заголовок'] },
        { kind: 'note', cells: [' с пробелом в начале', null, null] },
        { kind: 'header', cells: ['№', 'Число', 'Доля', 'Дата', 'Текст', 'Прочее'], height: 45 },
        { kind: 'section', cells: ['1. Раздел'] },
        { kind: 'data', cells: [1, -1.5, 0.1 + 0.2, new Date(Date.UTC(2024, 1, 29, 13, 30)), 'x & y < z > "q" \'s\'', 1e21], formats: [null, '0.0', null, 'dd.mm.yyyy hh:mm', null, '#,##0'] },
        { kind: 'data', cells: [2, 0, Number.NaN, 'в конце пробел ', 'две\nстроки', true, 'лишняя ячейка'] },
        { kind: 'data', cells: [3, Number.POSITIVE_INFINITY, '=1+1', '\u0001управляющие\u0008', 'пара \uD83D\uDE00 и одиночный \uD800', false] },
        { kind: 'total', cells: ['Итого', 6, null, null, '', null] },
        { kind: 'note', cells: [] },
        { kind: 'data', cells: [null, null, null, null, null, null] },
        // Every start a spreadsheet would run as a formula, full-width too; and a text past Excel's cell limit.
        { kind: 'data', cells: ['@SUM(A1)', '+7 900 000-00-00', '-5', '\tтабуляция', '\uFF1D1+1', '\nперевод строки'] },
        { kind: 'data', cells: ['\rвозврат', '\uFF0B1', '\uFF0D1', '\uFF20x', 'я'.repeat(40_000), 'обычный текст'] },
      ],
      merges: [
        { top: 0, left: 0, bottom: 0, right: 7 }, // wider than the row and the sheet
        { top: 1, left: 0, bottom: 1, right: 3 },
        { top: 3, left: 0, bottom: 3, right: 2 },
        { top: 4, left: 3, bottom: 6, right: 3 }, // vertical: the values below the first are dropped
        { top: 8, left: 1, bottom: 8, right: 2 }, // over an empty row
      ],
      freeze: { rows: 3, cols: 0 },
    },
    {
      name: 'Широкий',
      columns: Array.from({ length: 30 }, (_, i) => ({ width: i < 2 ? 40 : i % 3 === 0 ? 9 : 15 })),
      rows: [
        { kind: 'header', cells: Array.from({ length: 30 }, (_, i) => `Столбец ${i + 1}`) },
        { kind: 'data', cells: Array.from({ length: 30 }, (_, i) => i * 1.25) },
      ],
      merges: [],
      freeze: { rows: 0, cols: 2 },
    },
    {
      name: 'Без закрепления',
      columns: [{ width: 20 }],
      rows: [{ kind: 'data', cells: [null] }],
      merges: [],
      freeze: { rows: 0, cols: 0 },
    },
  ] satisfies RegionalSheet[],
};

describe('the xlsx writer writes what ExcelJS wrote, part for part', () => {
  it('for a small region (the sheet fits the page width)', async () => {
    await sameParts(buildRegionalWorkbook(region(3)));
  });

  it('for a region too wide for one page (print titles on columns, no fit to page)', async () => {
    await sameParts(buildRegionalWorkbook(region(25)));
  });

  it('for cells and sheets the model builder never makes: odd text, numbers, dates, merges, panes, default widths', async () => {
    await sameParts(EDGES);
  });

  it('refuses overlapping merges, as ExcelJS does', async () => {
    const overlapping: RegionalWorkbook = { sheets: [{ ...EDGES.sheets[2]!, merges: [{ top: 0, left: 0, bottom: 1, right: 1 }, { top: 1, left: 1, bottom: 2, right: 2 }] }] };
    await expect(renderWithExcelJS(overlapping)).rejects.toThrow('Cannot merge already merged cells');
    await expect(renderRegionalWorkbook(overlapping)).rejects.toThrow('Cannot merge already merged cells');
  });

  it('opens in ExcelJS with the same cells and styles', async () => {
    const bytes = await renderRegionalWorkbook(EDGES);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet(EDGES.sheets[0]!.name.slice(0, 31))!;
    expect(ws.getCell('E5').value).toBe('x & y < z > "q" \'s\'');
    expect([ws.getCell('B5').value, ws.getCell('B5').numFmt]).toEqual([-1.5, '0.0']);
    expect(ws.getCell('D5').value).toEqual(new Date(Date.UTC(2024, 1, 29, 13, 30)));
    expect([ws.getCell('D6').isMerged, ws.getCell('D6').master.address]).toEqual([true, 'D5']); // its own text is gone
    expect(ws.getCell('C7').numFmt).toBe('@');
    expect(ws.getRow(3).height).toBe(45);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });
});

describe('xlsx writer pieces', () => {
  it('encodes XML text as ExcelJS does: entities, and C0 controls other than tab, LF and CR dropped', () => {
    expect(xmlEncode('a<b>&"\'')).toBe('a&lt;b&gt;&amp;&quot;&apos;');
    expect(xmlEncode('\u0000\u0001x\t\n\r\u000B\u007F')).toBe('x\t\n\r');
    expect(xmlEncode('Свод')).toBe('Свод');
  });

  it('zips with folder entries first, fixed timestamps, and the same bytes for the same files', async () => {
    const files = [
      ['a/b/c.xml', '<c/>'],
      ['a/d.xml', 'Ж'.repeat(1000)],
    ] as const;
    const bytes = await zipFiles(files);
    expect(Buffer.from(await zipFiles(files)).equals(Buffer.from(bytes))).toBe(true);
    const parts = await unzip(Buffer.from(bytes));
    expect([...parts.keys()]).toEqual(['a/', 'a/b/', 'a/b/c.xml', 'a/d.xml']);
    expect(parts.get('a/d.xml')!.toString('utf8')).toBe('Ж'.repeat(1000));
    // Every local header dated 1980-01-01 00:00.
    const view = Buffer.from(bytes);
    for (let p = view.indexOf('PK\u0003\u0004', 0, 'latin1'); p >= 0; p = view.indexOf('PK\u0003\u0004', p + 4, 'latin1')) {
      expect([view.readUInt16LE(p + 10), view.readUInt16LE(p + 12)]).toEqual([0, 33]);
    }
  });

  it('writes a workbook without text and without a shared-strings part', async () => {
    const bytes = await writeXlsx({
      creator: 'Svod',
      lastModifiedBy: 'Svod',
      created: new Date(0),
      modified: new Date(0),
      sheets: [
        {
          name: 'Числа',
          columnWidths: [10],
          rows: [{ values: [1], styles: [{}] }],
          merges: [],
          frozen: null,
          pageSetup: { paperSize: 9, orientation: 'portrait', margins: { left: 1, right: 1, top: 1, bottom: 1, header: 0, footer: 0 }, fitToWidth: false },
        },
      ],
    });
    const parts = await unzip(Buffer.from(bytes));
    expect(parts.has('xl/sharedStrings.xml')).toBe(false);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    expect(wb.getWorksheet('Числа')!.getCell('A1').value).toBe(1);
  });
});
