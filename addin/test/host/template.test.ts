/** The template's cell plan: where title, header, body, widths, text columns, dropdowns and the glossary go. */
import { templateLayout } from '../../src/host/template';
import type { TemplateOptions } from '../../src/host/port';

const roadmap = (over: Partial<TemplateOptions> = {}): TemplateOptions => ({ kind: 'roadmap', period: { from: 2025, to: 2026 }, executors: [], glossary: false, ...over });

test('a roadmap: titles merged across A:E, header on row 4, ten body rows, text columns A and C', () => {
  const layout = templateLayout(roadmap({ executors: ['Управление образования', 'МБУ ИМЦ'] }), ['Дорожная карта', 'Лист1']);
  expect(layout.sheet).toBe('Дорожная карта (2)');
  expect(layout.lines).toEqual([
    { cell: 'A1', range: 'A1:E1', text: 'Дорожная карта (план мероприятий)', bold: true },
    { cell: 'A2', range: 'A2:E2', text: 'на 2025–2026 годы', bold: false },
  ]);
  expect(layout.header).toEqual({ range: 'A4:E4', values: ['№ п/п', 'Мероприятие', 'Срок реализации', 'Исполнитель', 'Ожидаемый результат'] });
  expect([layout.body, layout.grid, layout.bodyRows, layout.select]).toEqual(['A5:E14', 'A4:E14', 10, 'A5']);
  expect(layout.columns.map((c) => c.range)).toEqual(['A:A', 'B:B', 'C:C', 'D:D', 'E:E']);
  expect(layout.columns[1]!.width).toBeGreaterThan(layout.columns[0]!.width);
  expect(layout.textRanges).toEqual(['A5:A14', 'C5:C14']);
  expect(layout.lists).toEqual([
    {
      range: 'D5:D14',
      items: ['Управление образования', 'МБУ ИМЦ'],
      strict: false,
      message: 'Выберите значение из списка или введите своё.',
      source: { kind: 'inline', text: 'Управление образования,МБУ ИМЦ' },
    },
  ]);
  expect([layout.listsSheet, layout.glossary]).toEqual([null, null]);
});

test('no executors: no dropdown', () => {
  expect(templateLayout(roadmap(), []).lists).toEqual([]);
});

test('lists too long for the rule, or with commas, go to columns of one hidden list sheet with a unique name', () => {
  const long = Array.from({ length: 12 }, (_, i) => `Муниципальное бюджетное общеобразовательное учреждение № ${i + 1}, г. Чита`);
  const layout = templateLayout(roadmap({ executors: long }), ['Свод_списки']);
  expect(layout.listsSheet).toBe('Свод_списки (2)');
  expect(layout.lists[0]!.source).toEqual({ kind: 'sheet', column: 'A', range: 'A1:A12', formula: "='Свод_списки (2)'!$A$1:$A$12" });
  expect(layout.lists[0]!.items).toEqual(long);
});

test('indicators: a column per year, a strict unit list, open да/нет lists, and the glossary when asked for', () => {
  const layout = templateLayout({ kind: 'indicators', period: { from: 2024, to: 2026 }, executors: [], glossary: true }, ['Лист1']);
  expect(layout.sheet).toBe('Целевые показатели');
  expect(layout.header.range).toBe('A4:G4');
  expect(layout.header.values.slice(4)).toEqual(['2024 год', '2025 год', '2026 год']);
  expect(layout.textRanges).toEqual(['A5:A14']);
  expect(layout.lists.map((l) => [l.range, l.source, l.strict])).toEqual([
    ['C5:C14', { kind: 'inline', text: '%,шт.,числовой,да/нет' }, true],
    ['E5:E14', { kind: 'inline', text: 'да,нет' }, false],
    ['F5:F14', { kind: 'inline', text: 'да,нет' }, false],
    ['G5:G14', { kind: 'inline', text: 'да,нет' }, false],
  ]);
  expect(layout.lists[0]!.message).toBe('Выберите единицу измерения из списка: %, шт., числовой, да/нет.');
  expect(layout.glossary).toEqual({
    sheet: 'Сокращения',
    header: { range: 'A1:B1', values: ['Сокращение', 'Полное наименование'] },
    body: 'A2:B11',
    grid: 'A1:B11',
    columns: [
      { range: 'A:A', width: 110 },
      { range: 'B:B', width: 360 },
    ],
  });
});

test('no second glossary when the workbook has one, whatever its case', () => {
  expect(templateLayout(roadmap({ glossary: true }), ['СОКРАЩЕНИЯ']).glossary).toBeNull();
});
