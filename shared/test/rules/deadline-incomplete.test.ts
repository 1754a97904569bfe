import rule from '../../src/rules/roadmap/deadline-incomplete';
import { ruleTester } from '../rule-tester';

const row = (deadline: string) => ['1.', 'Совещание', deadline, 'УО', 'Протокол'];

ruleTester(rule, {
  valid: [{ name: 'month.year is complete (seed 001, 11.2021)', rows: [row('11.2023'), row('01.10.2023')] }],
  invalid: [
    { name: '.10.2021 (seed 001)', rows: [row('.10.2023')], errors: [{ cell: 'C5', messageId: 'incomplete', message: 'Дата «.10.2023» записана не полностью: не хватает дня, месяца или года.' }] },
    { name: 'a missing month', rows: [row('10..2023')], errors: [{ cell: 'C5', messageId: 'incomplete' }] },
  ],
});
