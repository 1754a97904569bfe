import rule from '../../src/rules/indicators/indicator-subtotal';
import { ruleTester } from '../rule-tester';

/** Seed 003 (Ilansky): no number column, the unit column is headed «ИНДИКАТОР», four years. */
const ILANSKY_TITLE = ['Муниципальная программа по повышению качества образования и поддержки школ Иланского района реализуется с 2021 года по 2024 год.'];
const ILANSKY_HEADER = ['ПОКАЗАТЕЛИ', 'ИНДИКАТОР', '2021', '2022', '2023', '2024'];
const ilansky = (...rows: Array<Array<string | number | null>>) => [ILANSKY_TITLE, [], ILANSKY_HEADER, ...rows];
const SUPPORT = 'Количество ШНОР и ШНСУ, которым оказана консультативная, методическая и другие виды поддержки по повышению качества образования из них:';

ruleTester(rule, {
  valid: [
    {
      name: 'seed 003: no child above the total (the children overlap, so their sum is not checked)',
      sheet: ilansky(
        [SUPPORT, 'числовой', 6, 6, 6, 6],
        ['Муниципальный мобильный консультационный методический центр', 'числовой', 2, 2, 2, 2],
        ['Школа молодого педагога', 'числовой', 6, 6, 6, 6],
        ['Районные методические объединения, предметные сообщества', 'числовой', 6, 6, 6, 6],
        ['Система наставничества', 'числовой', 1, 2, 2, 2],
      ),
    },
    {
      name: 'an indicator after the children is not one of them',
      sheet: ilansky(
        [SUPPORT, 'числовой', 2, 2, 2, 2],
        ['Супервизия', 'числовой', 1, 1, 1, 1],
        ['Количество муниципальных событий, мероприятий для поддержки ШНОР и ШНСУ', 'числовой', 4, 4, 4, 4],
      ),
    },
    {
      name: 'children in other units than the parent are not compared',
      rows: [
        ['1.', 'Доля педагогов ШНОР, прошедших курсы повышения квалификации, из них:', '%', 40, 50],
        [null, 'учителей математики', 'чел.', 120, 130],
      ],
    },
    {
      name: 'dashes, blanks and a parent left to its children',
      rows: [
        ['1.', 'Количество педагогов, прошедших курсы повышения квалификации, из них:', 'чел.', 20, null],
        [null, 'учителей математики', 'чел.', '-', 30],
        ['2.', 'Количество школ, получивших поддержку, из них:', 'шт.', null, null],
        [null, 'сельских школ', 'шт.', 3, 4],
      ],
    },
    {
      name: 'numbered sub-items within their item, values as text',
      rows: [
        ['3.', 'Количество участников муниципальных олимпиад', 'чел.', '1 200', '1 500'],
        ['3.1', 'из ШНОР', 'чел.', '300', '1 500'],
      ],
    },
    {
      name: 'indicators of one section are siblings, not parts of each other',
      rows: [
        ['1. Образовательные результаты обучающихся'],
        ['1.1', 'Доля обучающихся, не справившихся с ВПР по математике (5 класс)', '%', 12, 10],
        ['1.2', 'Доля обучающихся, не справившихся с ВПР по русскому языку (5 класс)', '%', 15, 14],
      ],
    },
  ],
  invalid: [
    {
      name: 'seed 003 layout: a child above the total in 2021',
      sheet: ilansky(
        [SUPPORT, 'числовой', 6, 6, 6, 6],
        ['Школа молодого педагога', 'числовой', 7, 6, 6, 6],
        ['Система наставничества', 'числовой', 1, 2, 2, 2],
      ),
      errors: [{ cell: 'C5', messageId: 'larger', message: 'Значение «из них» (7) больше общего значения (6) за 2021 год.' }],
    },
    {
      name: 'children of «из них:» under a numbered indicator, each above the total in a different year',
      rows: [
        ['1.', 'Количество педагогов, прошедших курсы повышения квалификации, из них:', 'чел.', 20, 25],
        [null, 'учителей математики', 'чел.', 8, 30],
        [null, 'учителей русского языка', 'чел.', 22, 10],
      ],
      errors: [
        { cell: 'E6', messageId: 'larger', message: 'Значение «из них» (30) больше общего значения (25) за 2024 год.' },
        { cell: 'D7', messageId: 'larger', message: 'Значение «из них» (22) больше общего значения (20) за 2023 год.' },
      ],
    },
    {
      name: '«из которых:» and a child without a unit of its own',
      rows: [
        ['1.', 'Количество школ, получивших поддержку, из которых:', 'шт.', 5, 6],
        [null, 'сельских школ', null, 6, 4],
      ],
      errors: [{ cell: 'D6', messageId: 'larger' }],
    },
    {
      name: 'a numbered sub-item above its item (3. above 3.1)',
      rows: [
        ['3.', 'Количество реализованных мероприятий', 'шт.', 4, 5],
        ['3.1', 'семинаров', 'шт.', 6, 2],
      ],
      errors: [{ cell: 'D6', messageId: 'larger', message: 'Значение «из них» (6) больше общего значения (4) за 2023 год.' }],
    },
    {
      name: 'shares of the same base: a part above the whole, values as text',
      rows: [
        ['1.', 'Доля педагогов, прошедших диагностику, из них:', '%', '40 %', '50,5'],
        [null, 'педагогов ШНОР', '%', '60 %', '45'],
      ],
      errors: [{ cell: 'D6', messageId: 'larger', message: 'Значение «из них» (60) больше общего значения (40) за 2023 год.' }],
    },
    {
      name: 'a child merged across both years is reported once',
      rows: [
        ['1.', 'Количество школ, получивших поддержку, из них:', 'шт.', 5, 6],
        [null, 'сельских школ', 'шт.', 7, null],
      ],
      merges: ['D6:E6'],
      errors: [{ cell: 'D6', messageId: 'larger' }],
    },
  ],
});
