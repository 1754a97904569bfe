import rule from '../../src/rules/roadmap/numbering-order';
import { ruleTester } from '../rule-tester';

const item = (n: string) => [n, 'Совещание', 'март 2023 г.', 'Управление образования', 'Протокол'];

ruleTester(rule, {
  valid: [
    { name: 'ascending', rows: [item('1.'), item('2.'), item('3.')] },
    { name: '1.10 comes after 1.9', rows: [['1. Раздел'], ...Array.from({ length: 10 }, (_, i) => item(`1.${i + 1}`))] },
  ],
  invalid: [
    {
      name: 'an item after a bigger one',
      rows: [['1. Раздел'], item('1.1'), item('1.3'), item('1.2')],
      errors: [{ cell: 'A8', messageId: 'order', message: 'Пункт 1.2 стоит после пункта 1.3.' }],
      output: [['1. Раздел'], item('1.1'), item('1.2'), item('1.3')],
    },
  ],
});
