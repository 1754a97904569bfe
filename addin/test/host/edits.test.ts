/** What a fix writes: text a spreadsheet would retype goes under the text format; dates as serials; null clears. */
import { cellWrite, planEdits } from '../../src/host/edits';

describe('cellWrite', () => {
  test('text that would become a formula, number, date or boolean is written as text', () => {
    for (const text of ['=cmd', '+1', '-2', '@x', "'апостроф", '4.2', '12.05.2021', '50%', 'март 2021', 'ИСТИНА']) {
      expect([text, cellWrite(text)]).toEqual([text, { kind: 'value', value: text, asText: true }]);
    }
  });

  test('ordinary text, numbers and booleans are written as they are', () => {
    for (const value of ['Обычный текст', 'до 14.05.2021', 'Управление образования', 42.5, 0, true, false]) {
      expect([value, cellWrite(value)]).toEqual([value, { kind: 'value', value, asText: false }]);
    }
  });

  test('a date becomes its serial under dd.mm.yyyy; null clears the value only', () => {
    expect(cellWrite(new Date(Date.UTC(2021, 4, 14)))).toEqual({ kind: 'date', serial: 44330, format: 'dd.mm.yyyy' });
    expect(cellWrite(new Date(Date.UTC(2023, 2, 15, 12)))).toEqual({ kind: 'date', serial: 45000.5, format: 'dd.mm.yyyy' });
    expect(cellWrite(null)).toEqual({ kind: 'clear' });
  });
});

test('planEdits: canonical cells, order kept, edits without a cell address left out', () => {
  expect(
    planEdits([
      { sheet: 'Лист', cell: '$b$4', value: '=1+1' },
      { sheet: 'Лист', cell: 'таблица', value: 'x' },
      { sheet: 'Другой', cell: 'A4:E80', value: null },
      { sheet: 'Лист', cell: "'Лист'!C7", value: 7 },
    ]),
  ).toEqual([
    { sheet: 'Лист', cell: 'B4', write: { kind: 'value', value: '=1+1', asText: true } },
    { sheet: 'Другой', cell: 'A4', write: { kind: 'clear' } },
    { sheet: 'Лист', cell: 'C7', write: { kind: 'value', value: 7, asText: false } },
  ]);
});
