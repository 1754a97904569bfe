import rule from '../../src/rules/roadmap/deadline-invalid-date';
import { ruleTester } from '../rule-tester';

const row = (deadline: string) => ['1.', 'Совещание', deadline, 'УО', 'Протокол'];

ruleTester(rule, {
  valid: [
    { name: 'real dates, 29 February of a leap year', rows: [row('29.02.2024'), row('30 апреля 2023 г.')] },
  ],
  invalid: [
    { name: '31 September', rows: [row('31.09.2023')], errors: [{ cell: 'C5', messageId: 'invalid', message: 'Даты «31.09.2023» не существует.' }] },
    { name: '30 February', rows: [row('30 февраля 2023 г.')], errors: [{ cell: 'C5', messageId: 'invalid' }] },
    { name: 'year 32021 (seed 001 preamble)', rows: [row('18.01.32021')], errors: [{ cell: 'C5', messageId: 'invalid' }] },
    { name: 'month 13', rows: [row('13.2023')], errors: [{ cell: 'C5', messageId: 'invalid' }] },
  ],
});
