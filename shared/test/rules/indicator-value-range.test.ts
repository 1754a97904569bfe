import rule from '../../src/rules/indicators/indicator-value-range';
import { ruleTester } from '../rule-tester';

/** Seed 003 (Ilansky): no number column, the unit column is headed «ИНДИКАТОР», four years. */
const ILANSKY_TITLE = ['Муниципальная программа по повышению качества образования и поддержки школ Иланского района реализуется с 2021 года по 2024 год.'];
const ILANSKY_HEADER = ['ПОКАЗАТЕЛИ', 'ИНДИКАТОР', '2021', '2022', '2023', '2024'];
const ilansky = (...rows: Array<Array<string | number | null>>) => [ILANSKY_TITLE, [], ILANSKY_HEADER, ...rows];

ruleTester(rule, {
  valid: [
    { name: 'a fractional value of a «числовой» unit that does not count (#11)', rows: [['1.', 'Средний балл ЕГЭ по русскому языку', 'числовой', 61.5, 62.5]] },
    {
      name: 'percentages from 0 to 100 inclusive, whole counts',
      rows: [
        ['1.', 'Доля обучающихся, получивших неудовлетворительный результат на ОГЭ по математике', '%', 0, 0],
        ['2.', 'Доля школ, в которых создана школьная рабочая группа', '%', 80, 100],
        ['3.', 'Количество проведённых муниципальных семинаров', 'шт.', 0, 6],
      ],
    },
    {
      name: 'percentages typed as text and as a fraction',
      rows: [
        ['1.', 'Доля выпускников, получивших аттестат', '%', '0,73', '75 %'],
        ['2.', 'Доля педагогов, прошедших диагностику', 'процент', 'не менее 75', '100%'],
      ],
    },
    {
      name: 'fractional values of a number unit (балл, руб.)',
      rows: [
        ['1.', 'Средний балл ОГЭ по математике', 'балл', 3.8, '4,1'],
        ['2.', 'Объём финансирования программы', 'тыс. руб.', 150.5, 200.25],
      ],
    },
    {
      name: 'seed 003 shares and counts',
      sheet: ilansky(
        ['Доля ШНОР и ШНСУ, на сайтах которых размещены договоры', 'процент', 1, 2, 4, 6],
        ['Количество ШНОР и ШНСУ, которым оказана поддержка', 'числовой', 6, 6, 6, 6],
        ['Наличие аналитической справки о результатах мониторинга ШНОР и ШНСУ', 'да/нет', 'да', 'да', 'да', 'да'],
      ),
    },
    {
      name: 'formula noise around 100 and around whole numbers',
      rows: [
        ['1.', 'Доля школ, охваченных мониторингом', '%', 100.00000000000001, 100],
        ['2.', 'Количество проведённых муниципальных семинаров', 'шт.', 7.000000000000001, 6.999999999999999],
      ],
    },
    {
      name: 'values of an unknown unit, dashes and blanks are not judged',
      rows: [
        ['1.', 'Изменение массы учебников', 'кг', -5, 2.5],
        ['2.', 'Доля ШНОР, перешедших в эффективный режим работы', '%', '-', null],
      ],
    },
  ],
  invalid: [
    {
      name: 'a count by its name is a count whatever a «числовой» unit says (#11)',
      rows: [['1.', 'Количество школ, вошедших в проект', 'числовой', 1.5, 3]],
      errors: [{ cell: 'D5', messageId: 'fractionalByName', data: { value: '1,5', name: 'Количество школ, вошедших…' } }],
    },
    {
      name: 'a percentage above 100',
      rows: [['1.', 'Доля школ, в которых создана школьная рабочая группа', '%', 80, 120]],
      errors: [{ cell: 'E5', messageId: 'percent', message: 'Процент 120 вне диапазона 0–100.' }],
    },
    {
      name: 'a negative percentage and a fractional one above 100, typed as text',
      rows: [['1.', 'Доля выпускников, получивших аттестат', '%', '-5 %', '100,5']],
      errors: [
        { cell: 'D5', messageId: 'percent', message: 'Процент -5 вне диапазона 0–100.' },
        { cell: 'E5', messageId: 'percent', message: 'Процент 100,5 вне диапазона 0–100.' },
      ],
    },
    {
      name: 'a negative count and a negative балл',
      rows: [
        ['1.', 'Количество ШНОР, получивших поддержку', 'шт.', -1, 2],
        ['2.', 'Средний балл ОГЭ по математике', 'балл', 3.8, -4],
      ],
      errors: [
        { cell: 'D5', messageId: 'negative', message: 'Количество не может быть отрицательным: -1.' },
        { cell: 'E6', messageId: 'negative', message: 'Количество не может быть отрицательным: -4.' },
      ],
    },
    {
      name: 'fractional counts of pieces and people',
      rows: [
        ['1.', 'Количество проведённых муниципальных семинаров', 'шт.', '2,5', 3],
        ['2.', 'Количество педагогов, прошедших курсы', 'чел.', 25, 12.5],
      ],
      errors: [
        { cell: 'D5', messageId: 'fractional', message: 'Количество в штуках должно быть целым: 2,5.' },
        { cell: 'E6', messageId: 'fractional', message: 'Количество в штуках должно быть целым: 12,5.' },
      ],
    },
    {
      name: 'seed 003 layout: a share written as 150 percent',
      sheet: ilansky(['Доля школ, управленческая команда которых проводит углубленный анализ качества образования', 'процент', 40, 60, 80, 150]),
      errors: [{ cell: 'F4', messageId: 'percent', message: 'Процент 150 вне диапазона 0–100.' }],
    },
    {
      name: 'a value merged across both years is reported once',
      rows: [['1.', 'Доля педагогов ШНОР, прошедших диагностику', '%', 110, null]],
      merges: ['D5:E5'],
      errors: [{ cell: 'D5', messageId: 'percent' }],
    },
  ],
});
