/** Table-like content the reader could not read is kept as `unread` (issue #11), never silently dropped. */
import type { CellValue, Grid } from '../../src/grid/grid';
import { readSheet } from '../../src/reader/read';

const grid = (rows: CellValue[][], name = 'Лист1'): Grid => ({ name, rows, merges: [] });
const OWN_HEADER: CellValue[] = ['№', 'Что делаем', 'Когда', 'Кто отвечает', 'Что получим'];
const ITEMS: CellValue[][] = [
  ['1.', 'Проведение совещания', 'Январь 2024 г.', 'Управление образования', 'Протокол'],
  ['2.', 'Разработка плана', 'Февраль 2024 г.', 'Управление образования', 'План'],
  ['3.', 'Мониторинг', 'Март 2024 г.', 'Управление образования', 'Справка'],
];

describe('unread content', () => {
  it('names a header-like row over numbered rows, its placed and unplaced columns and what is missing', () => {
    const sheet = readSheet(grid([['Дорожная карта МО «Город»'], [], OWN_HEADER, ...ITEMS]));
    expect(sheet.tables).toEqual([]);
    expect(sheet.unread).toEqual([
      {
        cell: { row: 2, col: 0 },
        reason: 'header',
        kind: 'roadmap',
        headers: [
          { col: 0, text: '№', role: 'number' },
          { col: 1, text: 'Что делаем', role: null },
          { col: 2, text: 'Когда', role: null },
          { col: 3, text: 'Кто отвечает', role: 'executor' },
          { col: 4, text: 'Что получим', role: null },
        ],
        rows: 3,
        missing: ['activity', 'deadline', 'result'],
      },
    ]);
  });

  it('is empty once the mapping makes it a table', () => {
    const sheet = readSheet(grid([OWN_HEADER, ...ITEMS]), { columns: { 'Что делаем': 'activity', Когда: 'deadline', 'Что получим': 'result' } });
    expect(sheet.tables).toHaveLength(1);
    expect(sheet.unread).toEqual([]);
  });

  it('sees an indicator-like header over numbered rows as indicators, missing the years', () => {
    const sheet = readSheet(grid([['№', 'Показатель', 'Было', 'Станет'], ['1', 'Доля школ', 10, 20], ['2', 'Доля учителей', 30, 40]]));
    expect(sheet.unread).toHaveLength(1);
    expect(sheet.unread[0]).toMatchObject({ kind: 'indicators', missing: ['year'], rows: 2 });
  });

  it('ignores a read table, a short list and plain paragraphs', () => {
    const read = readSheet(grid([['№', 'Мероприятие', 'Срок', 'Ответственный', 'Результат'], ...ITEMS]));
    expect(read.tables).toHaveLength(1);
    expect(read.unread).toEqual([]);
    // One numbered row is not a table; two labels are not a header.
    expect(readSheet(grid([OWN_HEADER, ITEMS[0]!, ['Примечание: всё согласовано']])).unread).toEqual([]);
    expect(readSheet(grid([['Кто', 'Что'], ...ITEMS.map((r) => r.slice(0, 2))])).unread).toEqual([]);
    expect(readSheet(grid([['Пояснительная записка'], ['Текст абзаца.'], ['Ещё абзац.']], 'План')).unread).toEqual([]);
  });

  it('reports a sheet named like a plan that holds table-like rows but no table', () => {
    const rows: CellValue[][] = [
      ['Мероприятия', 'Сроки исполнения'],
      ['Совещание', 'январь'],
      ['Семинар', 'март'],
    ];
    const sheet = readSheet(grid(rows, 'План мероприятий'));
    expect(sheet.tables).toEqual([]);
    expect(sheet.unread).toEqual([{ cell: { row: 0, col: 0 }, reason: 'sheet-name', kind: 'roadmap', headers: [{ col: 0, text: 'Мероприятия', role: 'activity' }, { col: 1, text: 'Сроки исполнения', role: 'deadline' }], rows: 0, missing: [] }]);
    expect(readSheet(grid(rows, 'Лист2')).unread).toEqual([]);
  });

  it('finds unread content below a read table on the same sheet', () => {
    const sheet = readSheet(grid([['№', 'Мероприятие', 'Срок', 'Ответственный', 'Результат'], ...ITEMS, [], [], OWN_HEADER, ...ITEMS]));
    expect(sheet.tables).toHaveLength(1);
    expect(sheet.unread.map((u) => u.cell)).toEqual([{ row: 6, col: 0 }]);
  });
});
