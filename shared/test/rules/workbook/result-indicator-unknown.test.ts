import rule, { namedIndicators } from '../../../src/rules/workbook/result-indicator-unknown';
import { ruleTester } from '../../rule-tester';

const roadmap = (resultHeader: string, ...results: string[]) => [
  ['План мероприятий на 2023-2024 годы'],
  ['№ п/п', 'Мероприятие', 'Срок', 'Исполнитель', resultHeader],
  ...results.map((r, i) => [`${i + 1}.`, 'Проведение семинара', 'март 2023 г.', 'УО', r]),
];
const indicators = {
  name: 'Показатели',
  rows: [
    ['Целевые показатели'],
    ['№ п/п', 'Показатель', 'Ед. изм.', '2023', '2024'],
    ['1.', 'Доля педагогов, прошедших курсы повышения квалификации', '%', 50, 100],
    ['2.', 'Количество ШНОР, получивших адресную методическую помощь', 'ед.', 3, 5],
  ],
};

ruleTester(rule, {
  valid: [
    {
      name: 'results that name the indicators in other forms',
      sheet: roadmap('Региональный показатель реализации', 'Доля педагогов, прошедших курсы повышения квалификации – 100 %', 'Количество ШНОР, которым оказана адресная методическая помощь: 5'),
      otherSheets: [indicators],
    },
    {
      name: 'a quoted indicator that the sheet has',
      sheet: roadmap('Ожидаемый результат', 'достигнуто значение показателя «Доля педагогов, прошедших курсы повышения квалификации»'),
      otherSheets: [indicators],
    },
    { name: 'results that are not indicator names', sheet: roadmap('Региональный показатель реализации', 'наличие приказа', 'Протокол совещания'), otherSheets: [indicators] },
    { name: 'a share in an ordinary result column', sheet: roadmap('Ожидаемый результат', 'Доля родителей, посетивших собрания школы, – 70 %'), otherSheets: [indicators] },
    { name: 'no indicator table to compare with', sheet: roadmap('Ожидаемый результат', 'достигнуто значение показателя «Доля выпускников, сдавших ЕГЭ»') },
  ],
  invalid: [
    {
      name: 'an indicator column naming what the indicator sheet lacks',
      sheet: roadmap('Региональный показатель реализации', 'Доля педагогов, прошедших курсы повышения квалификации – 100 %', 'Количество проведенных семинаров для родителей – 5'),
      otherSheets: [indicators],
      errors: [
        {
          cell: 'E4',
          messageId: 'unknown',
          data: { name: 'Количество проведенных семинаров для родителей', sheet: 'Показатели' },
          message: 'Показателя «Количество проведенных семинаров для родителей» нет в таблице показателей на листе «Показатели».',
        },
      ],
    },
    {
      name: 'a quoted indicator the sheet does not have',
      sheet: roadmap('Ожидаемый результат', 'достигнуто значение показателя «Доля выпускников, сдавших ЕГЭ по математике»'),
      otherSheets: [indicators],
      errors: [{ cell: 'E3', messageId: 'unknown', data: { name: 'Доля выпускников, сдавших ЕГЭ по математике', sheet: 'Показатели' } }],
    },
  ],
});

describe('namedIndicators', () => {
  it('takes the name before the value, one per line', () => {
    expect(namedIndicators('Доля педагогов, прошедших курсы – 100 %;\nКоличество ШНОР, получивших помощь: 5', true)).toEqual(['Доля педагогов, прошедших курсы', 'Количество ШНОР, получивших помощь:']);
    expect(namedIndicators('Доля педагогов, прошедших курсы – 100 %', false)).toEqual([]);
  });
});
