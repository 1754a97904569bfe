import rule from '../../src/rules/roadmap/deadline-converted';
import outOfPeriod from '../../src/rules/roadmap/deadline-out-of-period';
import { ruleTester } from '../rule-tester';
import { check } from '../../src';

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const TITLE = ['План мероприятий на 2024 год'];

ruleTester(rule, {
  valid: [
    { name: 'a date inside the plan', title: TITLE, rows: [['1.', 'Проведение', day(2024, 4, 19), 'УО', 'Протокол']] },
    { name: 'a yearless deadline kept as text', title: TITLE, rows: [['1.', 'Проведение', '19 апреля', 'УО', 'Протокол']] },
    { name: 'no stated period: nothing to compare with', title: ['План мероприятий'], rows: [['1.', 'Проведение', day(2026, 4, 19), 'УО', 'Протокол']] },
  ],
  invalid: [
    {
      name: '19 апреля became 19.04.2026 in a plan for 2024',
      title: TITLE,
      rows: [['1.', 'Проведение', day(2026, 4, 19), 'УО', 'Протокол']],
      errors: [
        {
          cell: 'C4',
          messageId: 'converted',
          message: 'Срок 19.04.2026 похож на «19 апреля», превращённый программой в дату 2026 года: это вне периода плана (2024 г.).',
          data: { shown: '19.04.2026', text: '19 апреля', year: '2026', period: '2024 г.' },
        },
      ],
      output: [['1.', 'Проведение', '19 апреля', 'УО', 'Протокол']],
    },
  ],
});

describe('a converted deadline', () => {
  it('is not also reported as out of the plan’s period', () => {
    const sheet = [TITLE, [], ['№', 'Мероприятие', 'Срок', 'Ответственный', 'Результат'], ['1.', 'Проведение', day(2026, 4, 19), 'УО', 'Протокол']];
    const ids = check({ sheets: [{ name: 'Лист1', rows: sheet, merges: [] }] }, {}).sheets[0]!.diagnostics.map((d) => d.ruleId);
    expect(ids).toContain('deadline-converted');
    expect(ids).not.toContain(outOfPeriod.meta.id);
  });
});
