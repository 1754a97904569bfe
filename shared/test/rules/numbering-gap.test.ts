import rule from '../../src/rules/roadmap/numbering-gap';
import { ruleTester } from '../rule-tester';

const item = (n: string) => [n, 'Совещание', 'март 2023 г.', 'Управление образования', 'Протокол'];

ruleTester(rule, {
  valid: [
    { name: 'consecutive items under numbered sections', rows: [['1. Организационные мероприятия'], item('1.1'), item('1.2'), ['2. Методическое сопровождение'], item('2.1')] },
    { name: 'three levels and trailing dots', rows: [['1. Трек 1'], ['1.1. Организационные'], item('1.1.1.'), item('1.1.2.'), ['1.2. Научно-методические'], item('1.2.1.')] },
    { name: 'local numbering restarting under each section (seed 003)', rows: [['1. Создание структуры'], item('1'), item('2'), ['2. Создание условий'], item('1'), item('2')] },
    { name: 'flat numbering with sub-items (seed 004)', rows: [item('1.'), item('2.'), item('3.'), item('3.1'), item('3.2.'), item('4.')] },
  ],
  invalid: [
    {
      name: '1.1.11 missing (seed 002): renumbering closes the gap',
      rows: [['1.1. Организационные'], item('1.1.1.'), item('1.1.2.'), item('1.1.4.'), item('1.1.5.')],
      errors: [{ cell: 'A8', messageId: 'gap', message: 'Перед пунктом 1.1.4. пропущен номер 1.1.3.' }],
      output: [['1.1. Организационные'], item('1.1.1.'), item('1.1.2.'), item('1.1.3.'), item('1.1.4.')],
    },
    {
      name: 'a section that starts at 2 and a wider gap',
      rows: [['1. Раздел'], item('1.2'), item('1.5')],
      errors: [
        { cell: 'A6', message: 'Перед пунктом 1.2 пропущен номер 1.1.' },
        { cell: 'A7', message: 'Перед пунктом 1.5 пропущен номер 1.3–1.4.' },
      ],
      output: [['1. Раздел'], item('1.1'), item('1.2')],
    },
  ],
});
