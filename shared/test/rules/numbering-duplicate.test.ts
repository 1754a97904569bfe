import rule from '../../src/rules/roadmap/numbering-duplicate';
import { ruleTester } from '../rule-tester';

const item = (n: string) => [n, 'Совещание', 'март 2023 г.', 'Управление образования', 'Протокол'];

ruleTester(rule, {
  valid: [
    { name: 'unique numbers', rows: [['1. Раздел'], item('1.1'), item('1.2'), ['2. Раздел'], item('2.1')] },
    { name: 'the same local number under two sections is not a duplicate (seed 003)', rows: [['1. Раздел'], item('1'), ['2. Раздел'], item('1')] },
  ],
  invalid: [
    {
      name: '4.2 twice (seed 001)',
      rows: [['4. Анализ'], item('4.1'), item('4.2'), item('4.2')],
      errors: [{ cell: 'A8', messageId: 'duplicate', message: 'Номер 4.2 уже есть выше.' }],
      output: [['4. Анализ'], item('4.1'), item('4.2'), item('4.3')],
    },
    {
      name: '1.1 and 1.1. are the same number',
      rows: [item('1.1'), item('1.1.')],
      errors: [{ cell: 'A6', messageId: 'duplicate' }],
      output: [item('1.1'), item('1.2.')],
    },
  ],
});
