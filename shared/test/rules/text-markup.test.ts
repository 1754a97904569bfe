import rule, { stripMarkup } from '../../src/rules/common/text-markup';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'plain text, quotes and angle quotes', rows: [['1.', 'Семинар «Как учить?» (по плану)', 'март', 'УО', 'не менее 90 % < 100 %']] },
    { name: 'a passport with plain text', sheet: [['ПАСПОРТ'], ['Наименование', 'Программа «Точка роста» <2023>']] },
  ],
  invalid: [
    {
      name: 'HTML paragraphs and italics (seed 003)',
      rows: [['1', '<p>Работа площадок</p>', 'март', 'УО', 'Протоколы <i>(по графику)</i>']],
      errors: [
        { cell: 'B5', messageId: 'markup', message: 'В тексте остались следы вставки из Word/HTML: «<p>».' },
        { cell: 'E5', messageId: 'markup' },
      ],
      output: [['1', 'Работа площадок', 'март', 'УО', 'Протоколы (по графику)']],
    },
    {
      name: 'a Word bookmark in the title rows (seed 002)',
      title: ['УТВЕРЖДЕН', '[bookmark: _GoBack]приказом Управления образования от 13.03.2023 № 119'],
      rows: [['1.', 'Семинар', 'март 2023 г.', 'УО', 'x']],
      errors: [{ cell: 'A2', messageId: 'markup' }],
      output: [['1.', 'Семинар', 'март 2023 г.', 'УО', 'x']],
    },
    {
      name: 'a sheet with no table: a passport (seed 002 «Паспорт»)',
      sheet: [['ПАСПОРТ'], ['Наименование', '[bookmark: _GoBack]Программа развития'], ['Срок', '2023 год']],
      errors: [{ cell: 'B2', messageId: 'markup', message: 'В тексте остались следы вставки из Word/HTML: «[bookmark: _GoBack]».' }],
      output: [['ПАСПОРТ'], ['Наименование', 'Программа развития'], ['Срок', '2023 год']],
    },
    {
      name: 'a note under a table is checked once, outside it',
      sheet: [
        ['План мероприятий на 2023 год'],
        ['№ п/п', 'Мероприятие', 'Срок реализации', 'Исполнитель', 'Ожидаемый результат'],
        ['1.', '<p>Семинар</p>', 'март 2023 г.', 'УО', 'x'],
        [],
        [],
        ['Примечание:&nbsp;сроки уточняются'],
      ],
      errors: [{ cell: 'B3', messageId: 'markup' }, { cell: 'A6', messageId: 'markup', data: { sample: '&nbsp;' } }],
      output: [
        ['План мероприятий на 2023 год'],
        ['№ п/п', 'Мероприятие', 'Срок реализации', 'Исполнитель', 'Ожидаемый результат'],
        ['1.', 'Семинар', 'март 2023 г.', 'УО', 'x'],
        [],
        [],
        ['Примечание: сроки уточняются'],
      ],
    },
  ],
});

describe('stripMarkup', () => {
  it('turns list markup into lines and decodes entities', () => {
    expect(stripMarkup('<ul style="list-style-type: none"><li>один</li><li>два&nbsp;три</li></ul>')).toBe('– один\n– два три');
  });
});
