/** The sheets as the server's JSON form: plain values only, and exactly what the server's own validator accepts. */
import { check, type GridWorkbook } from '@svod/shared';
import { submissionBody } from '../../src/api/workbook-json';
import { workbookFromJson } from '../../../sync-server/src/uploads/json';

const workbook: GridWorkbook = {
  sheets: [
    {
      name: 'План-график',
      rows: [
        ['План мероприятий на 2023-2024 годы', null, null],
        [],
        ['№ п/п', 'Мероприятие', 'Срок реализации', 'Исполнитель', 'Результат'],
        ['1.', '=СУММ(A1:A2)', new Date(Date.UTC(2023, 4, 14)), 'МКУ ИМЦ', 'Протокол', '', null],
        ['2.', 'Семинар', NaN, true, 0],
        [null, '', null],
        [],
      ],
      merges: [
        { top: 0, left: 0, bottom: 0, right: 4 },
        { top: 5, left: 0, bottom: 5, right: 0 },
      ],
    },
    { name: 'Пустой', rows: [] },
  ],
};

describe('the submission body', () => {
  const body = submissionBody(workbook);

  it('keeps plain values, writes dates as the official sees them, and drops trailing empties', () => {
    expect(body).toEqual({
      sheets: [
        {
          name: 'План-график',
          rows: [
            ['План мероприятий на 2023-2024 годы'],
            [],
            ['№ п/п', 'Мероприятие', 'Срок реализации', 'Исполнитель', 'Результат'],
            ['1.', '=СУММ(A1:A2)', '14.05.2023', 'МКУ ИМЦ', 'Протокол'],
            ['2.', 'Семинар', null, true, 0],
          ],
          merges: ['A1:E1', 'A6'],
        },
        { name: 'Пустой', rows: [], merges: [] },
      ],
    });
  });

  it('is accepted by the server\'s validator, and checks the same as the original', () => {
    const received = workbookFromJson(JSON.parse(JSON.stringify(body)));
    expect(received.sheets.map((s) => s.name)).toEqual(['План-график', 'Пустой']);
    // A date sent as its text reads as the same deadline (the non-finite number, which Excel never gives, aside).
    const finite: GridWorkbook = { sheets: workbook.sheets.map((g) => ({ ...g, rows: g.rows.map((r) => r.map((v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))) })) };
    expect(check(received)).toEqual(check(finite));
  });

  it('leaves text that looks like a formula as text: the pane never builds formulas', () => {
    expect(body.sheets[0]!.rows[3]![1]).toBe('=СУММ(A1:A2)');
  });
});
