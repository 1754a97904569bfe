import rule from '../../src/rules/roadmap/deadline-range-reversed';
import { ruleTester } from '../rule-tester';

const row = (deadline: string) => ['1.', 'Совещание', deadline, 'УО', 'Протокол'];

ruleTester(rule, {
  valid: [
    { name: 'forward ranges, and December–January crossing the new year', rows: [row('28.01.2023 – 20.02.2023'), row('декабрь 2023 – январь 2024 гг.'), row('декабрь – январь')] },
  ],
  invalid: [
    { name: 'dates the wrong way round', rows: [row('20.02.2023 – 28.01.2023')], errors: [{ cell: 'C5', messageId: 'reversed', message: 'Конец срока раньше начала: «20.02.2023 – 28.01.2023».' }] },
    { name: 'months of two years the wrong way round', rows: [row('март 2024 – январь 2023')], errors: [{ cell: 'C5', messageId: 'reversed' }] },
  ],
});
