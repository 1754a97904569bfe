import rule from '../../src/rules/roadmap/numbering-parent';
import { ruleTester } from '../rule-tester';

const item = (n: string) => [n, 'Совещание', 'март 2023 г.', 'Управление образования', 'Протокол'];

ruleTester(rule, {
  valid: [
    { name: 'items under their section', rows: [['1. Раздел'], item('1.1'), ['2. Раздел'], item('2.1')] },
    { name: 'Roman sections with Arabic items (seed 000)', rows: [['', 'I. Организационные мероприятия'], item('1.1'), ['', 'II. Кадровые'], item('2.1')] },
    { name: 'an unnumbered heading starts afresh: 5.1 after it is under nobody (#11)', rows: [['1. Раздел'], item('1.1'), ['Прочие мероприятия'], item('5.1'), item('5.2')] },
    { name: 'unnumbered section headings say nothing about numbers', rows: [['Организационные мероприятия'], item('3.1'), item('3.2')] },
  ],
  invalid: [
    {
      name: '2.3 inside section 1',
      rows: [['1. Раздел'], item('1.1'), item('2.3')],
      errors: [{ cell: 'A7', messageId: 'parent', message: 'Пункт 2.3 стоит в разделе 1.' }],
      output: [['1. Раздел'], item('1.1'), item('1.2')],
    },
    {
      name: '3.1.5 placed inside 3.2 is a wrong parent, not a gap (#11)',
      rows: [['3. Раздел'], item('3.1.'), item('3.1.1.'), item('3.2.'), item('3.2.1.'), item('3.1.5.'), item('3.2.2.')],
      errors: [{ cell: 'A10', messageId: 'parent', data: { number: '3.1.5.', parent: '3.2' } }],
      output: [['3. Раздел'], item('3.1.'), item('3.1.1.'), item('3.2.'), item('3.2.1.'), item('3.2.2.'), item('3.2.3.')],
    },
  ],
});
