import rule from '../../src/rules/roadmap/executor-variant';
import { ruleTester } from '../rule-tester';

const row = (n: string, executor: string) => [n, 'Совещание', 'март 2023 г.', executor, 'x'];

ruleTester(rule, {
  valid: [
    { name: 'consistent names', rows: [row('1.', 'МБУ ИМЦ'), row('2.', 'Управление образования, МБУ ИМЦ')] },
    { name: 'schools that differ by number are different schools', rows: [row('1.', 'МБОУ СОШ № 1'), row('2.', 'МБОУ СОШ № 2'), row('3.', 'МБОУ СОШ № 2')] },
    { name: 'short abbreviations are left alone', rows: [row('1.', 'ОО'), row('2.', 'УО'), row('3.', 'УО')] },
    { name: 'inflection is not a misprint (seed 003)', rows: [row('1', 'Руководитель ОО'), row('2', 'Руководители ОО'), row('3', 'Руководители ОО')] },
  ],
  invalid: [
    {
      name: 'МКУ ИМЦ once, МБУ ИМЦ everywhere else (seed 002)',
      rows: [row('1.', 'Управление образования, МКУ ИМЦ'), row('2.', 'МБУ ИМЦ, ОО'), row('3.', 'МБУ ИМЦ')],
      errors: [{ cell: 'D5', messageId: 'variant', message: '«МКУ ИМЦ» похоже на «МБУ ИМЦ» (встречается в документе 2 раза).' }],
      output: [row('1.', 'Управление образования, МБУ ИМЦ'), row('2.', 'МБУ ИМЦ, ОО'), row('3.', 'МБУ ИМЦ')],
    },
    {
      name: 'a misspelling of a glossary entry',
      rows: [row('1.', 'КГАУ КЦИКО')],
      otherSheets: [{ name: 'Сокращения', rows: [['Сокращение', 'Полное наименование'], ['КГАУ КЦИОКО', 'Камчатский центр информатизации и оценки качества образования']] }],
      errors: [{ cell: 'D5', message: '«КГАУ КЦИКО» похоже на «КГАУ КЦИОКО» (так в списке сокращений).' }],
      output: [row('1.', 'КГАУ КЦИОКО')],
    },
    {
      name: 'the glossary spelling wins over a more used misspelling of it',
      rows: [row('1.', 'КГАУ КЦИКО'), row('2.', 'КГАУ КЦИОК'), row('3.', 'КГАУ КЦИОК'), row('4.', 'КГАУ КЦИОК')],
      otherSheets: [{ name: 'Сокращения', rows: [['Сокращение', 'Полное наименование'], ['КГАУ КЦИОКО', 'Камчатский центр информатизации и оценки качества образования']] }],
      errors: [
        { cell: 'D5', message: '«КГАУ КЦИКО» похоже на «КГАУ КЦИОКО» (так в списке сокращений).' },
        { cell: 'D6', message: '«КГАУ КЦИОК» похоже на «КГАУ КЦИОКО» (так в списке сокращений).' },
        { cell: 'D7', message: '«КГАУ КЦИОК» похоже на «КГАУ КЦИОКО» (так в списке сокращений).' },
        { cell: 'D8', message: '«КГАУ КЦИОК» похоже на «КГАУ КЦИОКО» (так в списке сокращений).' },
      ],
      output: [row('1.', 'КГАУ КЦИОКО'), row('2.', 'КГАУ КЦИОКО'), row('3.', 'КГАУ КЦИОКО'), row('4.', 'КГАУ КЦИОКО')],
    },
  ],
});
