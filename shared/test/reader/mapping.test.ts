/** The «Столбцы» step's pure part (issue #11): targets from unread content, the preselection, what is remembered. */
import type { CellValue } from '../../src/grid/grid';
import { readSheet } from '../../src/reader/read';
import { columnsFromChoices, columnsText, mappingTargets, mergeColumns, sameColumns, suggestedChoices, updatedColumns } from '../../src/reader/mapping';

const ROWS: CellValue[][] = [
  ['№', 'Что делаем', 'Когда', 'Кто отвечает', 'Что получим'],
  ['1.', 'Проведение совещания', 'Январь 2024 г.', 'Управление образования', 'Протокол'],
  ['2.', 'Разработка плана', 'Февраль 2024 г.', 'Управление образования', 'План'],
];
const targetsOf = (columns?: Record<string, 'activity' | 'deadline' | 'result'>) => {
  const sheet = readSheet({ name: 'План', rows: ROWS, merges: [] }, columns ? { columns } : {});
  return mappingTargets([{ sheet: 'План', content: sheet.unread }]);
};

describe('mapping targets', () => {
  it('lists each label of an unread header row with what Svod made of it, preselected that way', () => {
    const [target, ...rest] = targetsOf();
    expect(rest).toEqual([]);
    expect(target!.headers.map((h) => [h.text, h.role, h.known])).toEqual([
      ['№', 'number', true],
      ['Что делаем', null, false],
      ['Когда', null, false],
      ['Кто отвечает', 'executor', true],
      ['Что получим', null, false],
    ]);
    expect(target!.missing).toEqual(['activity', 'deadline', 'result']);
    expect(suggestedChoices([target!])).toEqual({ '№': 'number', 'Что делаем': null, Когда: null, 'Кто отвечает': 'executor', 'Что получим': null });
  });

  it('marks a role a remembered mapping gave as not the vocabulary’s own', () => {
    // Without an activity column it is still no table.
    const [target] = targetsOf({ Когда: 'deadline' });
    expect(target!.headers[2]).toMatchObject({ text: 'Когда', role: 'deadline', known: false });
    expect(target!.missing).toEqual(['activity', 'result']);
  });

  it('gives nothing for a sheet named like a plan whose labels are all placed: a mapping cannot make it a table', () => {
    const sheet = readSheet({ name: 'План мероприятий', rows: [['Мероприятия', 'Сроки исполнения'], ['Совещание', 'январь'], ['Семинар', 'март']], merges: [] });
    expect(sheet.unread).toHaveLength(1);
    expect(mappingTargets([{ sheet: 'План мероприятий', content: sheet.unread }])).toEqual([]);
  });
});

describe('remembered columns', () => {
  it('keeps only what the vocabulary does not already say', () => {
    expect(columnsFromChoices({ '№': 'number', 'Что делаем': 'activity', Когда: 'deadline', 'Кто отвечает': 'executor', 'Что получим': null })).toEqual({ 'Что делаем': 'activity', Когда: 'deadline' });
    // The vocabulary reads «Кто отвечает» as the executor; a user who says it is the result is remembered.
    expect(columnsFromChoices({ 'Кто отвечает': 'result' })).toEqual({ 'Кто отвечает': 'result' });
  });

  it('merges layers, the later winning for the same header whatever its spelling', () => {
    expect(mergeColumns({ 'Что делаем': 'activity', Когда: 'deadline' }, { 'что  ДЕЛАЕМ': 'result' }, undefined)).toEqual({ Когда: 'deadline', 'что  ДЕЛАЕМ': 'result' });
    expect(mergeColumns(undefined, null, {})).toBeUndefined();
    expect(sameColumns({ Когда: 'deadline', 'Что делаем': 'activity' }, { 'что делаем': 'activity', когда: 'deadline' })).toBe(true);
    expect(sameColumns({ Когда: 'deadline' }, { Когда: 'result' })).toBe(false);
    expect(sameColumns(undefined, {})).toBe(true);
  });

  it('decides the headers the step showed and keeps the other remembered ones', () => {
    const remembered = { 'Что делаем': 'activity', 'Ответственный за выполнение': 'executor', Примечание: 'result' } as const;
    expect(updatedColumns(remembered, { 'Что делаем': 'activity', Когда: 'deadline', Примечание: null })).toEqual({
      'Ответственный за выполнение': 'executor',
      'Что делаем': 'activity',
      Когда: 'deadline',
    });
  });

  it('reads in Russian', () => {
    expect(columnsText({ 'Что делаем': 'activity', Когда: 'deadline' })).toBe('«Что делаем» → мероприятие, «Когда» → срок');
  });
});
