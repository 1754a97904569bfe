/** Column mappings (issue #11): a header the vocabulary does not know is read once the user says which column is which. */
import type { CellValue, Grid } from '../../src/grid/grid';
import { readSheet } from '../../src/reader/read';
import { parseConfig, readOptions } from '../../src/engine/config';
import { check, ruleIds } from '../../src';

const ROWS: CellValue[][] = [
  ['№', 'Что делаем', 'Когда', 'Кто отвечает', 'Что получим'],
  ['1.', 'Проведение совещания с директорами', 'Январь 2024 г.', 'Управление образования', 'Протокол совещания'],
  ['2.', 'Разработка плана', 'Февраль 2024 г.', 'Управление образования', 'План'],
  ['3.', 'Проведение мониторинга', 'Март 2024 г.', 'Управление образования', 'Справка'],
];
const grid = (rows: CellValue[][] = ROWS): Grid => ({ name: 'План', rows, merges: [] });

describe('a roadmap with its own column names', () => {
  it('is not read without a mapping (no activity column)', () => {
    expect(readSheet(grid()).tables).toEqual([]);
  });

  it('is read as a roadmap with the mapping, every column in its role', () => {
    const sheet = readSheet(grid(), { columns: { 'Что делаем': 'activity', Когда: 'deadline', 'Что получим': 'result' } });
    expect(sheet.tables).toHaveLength(1);
    const table = sheet.tables[0]!;
    expect(table.kind).toBe('roadmap');
    expect(table.columns).toEqual({ number: 0, activity: 1, deadline: 2, executor: 3, result: 4 });
    expect(table.rows.map((r) => r.role)).toEqual(['item', 'item', 'item']);
  });

  it('matches header texts regardless of case, line breaks and punctuation', () => {
    const rows = ROWS.map((r) => [...r]);
    rows[0] = ['№', 'ЧТО\nделаем', 'Когда?', 'Кто отвечает', 'что получим'];
    const sheet = readSheet(grid(rows), { columns: { 'что делаем': 'activity', когда: 'deadline', 'Что получим': 'result' } });
    expect(sheet.tables[0]?.columns).toMatchObject({ activity: 1, deadline: 2, result: 4 });
  });

  it('wins over the vocabulary for a header the vocabulary reads otherwise', () => {
    const rows = ROWS.map((r) => [...r]);
    rows[0] = ['№', 'Мероприятие', 'Срок', 'Кто отвечает', 'Примечание'];
    // «Примечание» is unknown to the vocabulary; the user says it holds the result.
    const sheet = readSheet(grid(rows), { columns: { Примечание: 'result' } });
    expect(sheet.tables[0]?.columns.result).toBe(4);
  });
});

describe('columns in svod.config.json', () => {
  it('takes Russian role names and role ids', () => {
    const { config, errors } = parseConfig({ columns: { 'Что делаем': 'мероприятие', Когда: 'срок', 'Кто отвечает': 'executor', 'Что получим': 'Результат' } }, ruleIds);
    expect(errors).toEqual([]);
    expect(config.columns).toEqual({ 'Что делаем': 'activity', Когда: 'deadline', 'Кто отвечает': 'executor', 'Что получим': 'result' });
    expect(readOptions(config)).toEqual({ columns: config.columns });
  });

  it('names each bad entry in Russian and keeps the good ones', () => {
    const { config, errors } = parseConfig({ columns: { 'Что делаем': 'мероприятие', Когда: 'время', '': 'срок', X: 5 } }, ruleIds);
    expect(config.columns).toEqual({ 'Что делаем': 'activity' });
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^Столбец «Когда»: «время» — неизвестное значение; допустимы «номер», «мероприятие», «срок»/);
    expect(errors[1]).toBe('В «columns» указан пустой заголовок столбца.');
    expect(errors[2]).toMatch(/^Столбец «X»: «5»/);
    expect(parseConfig({ columns: ['мероприятие'] }, ruleIds).errors).toEqual(['Параметр «columns» должен быть объектом: {"заголовок столбца": "мероприятие"}.']);
  });

  it('makes check() read and check the table', () => {
    const workbook = { sheets: [grid()] };
    expect(check(workbook, {}).sheets[0]!.tables).toEqual([]);
    const report = check(workbook, { columns: { 'Что делаем': 'activity', Когда: 'deadline', 'Что получим': 'result' } });
    expect(report.sheets[0]!.tables).toEqual([{ kind: 'roadmap', range: 'A1:E4', period: { from: 2024, to: 2024 } }]);
  });
});
