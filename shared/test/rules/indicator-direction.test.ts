import rule from '../../src/rules/indicators/indicator-direction';
import { ruleTester } from '../rule-tester';

/** Seed 003 (Ilansky): no number column, the unit column is headed «ИНДИКАТОР», four years. */
const ILANSKY_TITLE = ['Муниципальная программа по повышению качества образования и поддержки школ Иланского района реализуется с 2021 года по 2024 год.'];
const ILANSKY_HEADER = ['ПОКАЗАТЕЛИ', 'ИНДИКАТОР', '2021', '2022', '2023', '2024'];
const ilansky = (...rows: Array<Array<string | number | null>>) => [ILANSKY_TITLE, [], ILANSKY_HEADER, ...rows];

ruleTester(rule, {
  valid: [
    {
      name: 'higher-is-better indicators rising or steady (seed 003)',
      sheet: ilansky(
        ['Доля школ, от общего числа школ ШНОР и ШНСУ, достигших положительной динамики в результатах ОГЭ по математике', 'процент', 20, 30, 40, 50],
        ['Доля школ, от общего числа школ, в которых издан приказ о школьной проектной команде', 'процент', 100, 100, 100, 100],
        ['Система наставничества', 'числовой', 1, 2, 2, 2],
      ),
    },
    {
      name: 'lower-is-better indicators falling or steady (seed 000 names)',
      rows: [
        ['1.1', 'Доля обучающихся, получивших неудовлетворительный результат на ЕГЭ по математике (базовый уровень) ¹', '%', 5, 3],
        ['1.2', 'Доля обучающихся, не набравших минимальный балл на ЕГЭ по математике (профильный уровень)', '%', 12, 10],
        ['1.6', 'Доля обучающихся, не справившихся с выполнением ВПР по математике (5 класс)', '%', 20, 20],
      ],
    },
    {
      name: 'да/нет indicators have no direction',
      rows: [['1.', 'Наличие муниципальной программы наставничества', 'да/нет', 'да', 'нет']],
    },
    {
      name: 'values typed as text are compared as numbers',
      rows: [
        ['1.', 'Доля выпускников, получивших аттестат', '%', '75 %', 'не менее 80'],
        ['2.', 'Количество участников муниципальных олимпиад', 'чел.', '1 200', '1 500'],
      ],
    },
    {
      name: 'a dash or a blank leaves nothing to compare',
      rows: [
        ['1.', 'Доля ШНОР, перешедших в эффективный режим работы', '%', '-', 20],
        ['2.', 'Доля обучающихся, получивших неудовлетворительный результат на ОГЭ', '%', null, 7],
      ],
    },
    {
      name: 'those who overcame low results or left the list are counted upwards',
      rows: [
        ['1.', 'Доля ШНОР, преодолевших низкие образовательные результаты', '%', 10, 20],
        ['2.', 'Доля школ, вышедших из числа школ с низкими результатами', '%', 5, 15],
        ['3.', 'Доля школ, снизивших долю неудовлетворительных результатов ОГЭ', '%', 30, 40],
      ],
    },
    {
      name: 'formula noise is not a fall',
      rows: [['1.', 'Количество стажировочных площадок', 'шт.', 7.000000000000001, 7]],
    },
  ],
  invalid: [
    {
      name: 'a share of unsatisfactory results planned to rise',
      rows: [['1.1', 'Доля обучающихся, получивших неудовлетворительный результат на ЕГЭ по математике (базовый уровень)', '%', 5, 7]],
      errors: [{ cell: 'E5', messageId: 'lowerGrows', message: 'Показатель должен снижаться, а запланирован рост: 5 (2023) → 7 (2024).' }],
    },
    {
      name: '«не набравших минимальный балл» rising, values typed as text',
      rows: [['1.2', 'Доля обучающихся, не набравших минимальный балл ЕГЭ по русскому языку', '%', '1,5', '2 %']],
      errors: [{ cell: 'E5', messageId: 'lowerGrows', message: 'Показатель должен снижаться, а запланирован рост: 1,5 (2023) → 2 (2024).' }],
    },
    {
      name: '«не справившихся» over four years: only the step up is reported (seed 003 layout)',
      sheet: ilansky(['Доля обучающихся, не справившихся с выполнением диагностики по математике (8 класс)', 'процент', 20, 15, 18, 10]),
      errors: [{ cell: 'E4', messageId: 'lowerGrows', message: 'Показатель должен снижаться, а запланирован рост: 15 (2022) → 18 (2023).' }],
    },
    {
      name: 'a share of schools with low results planned to rise',
      rows: [['1.', 'Доля школ с низкими образовательными результатами', '%', 10, 20]],
      errors: [{ cell: 'E5', messageId: 'lowerGrows' }],
    },
    {
      name: 'a page-break split name is read whole (seed 000, 1.9)',
      rows: [
        ['1.9', 'Доля обучающихся, получивших', '%', 3, 5],
        [null, 'неудовлетворительный результат на ОГЭ по математике', null, null, null],
      ],
      errors: [{ cell: 'E5', messageId: 'lowerGrows' }],
    },
    {
      name: 'a higher-is-better share planned to fall',
      rows: [['1.', 'Доля школ, в которых создана школьная рабочая группа', '%', 100, 90]],
      errors: [{ cell: 'E5', messageId: 'higherFalls', message: 'Показатель должен расти, а запланировано снижение: 100 (2023) → 90 (2024).' }],
    },
    {
      name: 'seed 003 layout: a count falls, a share falls across a dash',
      sheet: ilansky(
        ['Количество договоров по выстраиванию сетевого взаимодействия', 'числовой', 2, 1, 2, 2],
        ['Доля педагогов ШНОР и ШНСУ, прошедших профессиональную диагностику', 'процент', 50, '-', 40, 70],
      ),
      errors: [
        { cell: 'D4', messageId: 'higherFalls', message: 'Показатель должен расти, а запланировано снижение: 2 (2021) → 1 (2022).' },
        { cell: 'E5', messageId: 'higherFalls', message: 'Показатель должен расти, а запланировано снижение: 50 (2021) → 40 (2023).' },
      ],
    },
    {
      name: '«не преодолевших» is still lower-is-better',
      rows: [['1.', 'Доля обучающихся, не преодолевших минимальный порог ОГЭ', '%', 4, 6]],
      errors: [{ cell: 'E5', messageId: 'lowerGrows' }],
    },
  ],
});
