import rule from '../../src/rules/indicators/indicator-value-missing';
import { ruleTester } from '../rule-tester';

/** Seed 003 (Ilansky): no number column, the unit column is headed «ИНДИКАТОР», four years. */
const ILANSKY_TITLE = ['Муниципальная программа по повышению качества образования и поддержки школ Иланского района реализуется с 2021 года по 2024 год.'];
const ILANSKY_HEADER = ['ПОКАЗАТЕЛИ', 'ИНДИКАТОР', '2021', '2022', '2023', '2024'];
const ilansky = (...rows: Array<Array<string | number | null>>) => [ILANSKY_TITLE, [], ILANSKY_HEADER, ...rows];

/** Seed 000 (Kamchatka): the target indicators of the project, sent out as an empty template. */
const kamchatka = (v: string | number | null) => [
  ['I. Образовательные результаты обучающихся образовательных организаций – Участников Проекта'],
  ['1.1', 'Доля обучающихся, получивших неудовлетворительный результат на ЕГЭ по математике (базовый уровень) ¹', '%', null, null],
  ['1.2', 'Доля обучающихся, не набравших минимальный балл на ЕГЭ по математике (профильный уровень)', '%', v, null],
  ['1.3', 'Доля обучающихся, не набравших минимальный балл ЕГЭ по русскому языку', '%', null, null],
  ['II. Кадровое обеспечение'],
  ['2.1', 'Доля административных работников, прошедших повышение квалификации', '%', null, null],
  ['3.2', 'Количество разработанных дополнительных профессиональных программ повышения квалификации', 'шт.', null, null],
];

ruleTester(rule, {
  valid: [
    {
      name: 'every value filled',
      rows: [
        ['1.', 'Доля школ, в которых создана школьная рабочая группа', '%', 80, 100],
        ['2.', 'Наличие муниципальной программы наставничества', 'да/нет', 'да', 'да'],
      ],
    },
    {
      name: 'a dash means not applicable (a share of a year before the project)',
      rows: [['1.', 'Доля ШНОР, перешедших в эффективный режим работы', '%', '-', 20], ['2.', 'Доля выпускников ШНОР, получивших аттестат', '%', '—', 'н/д']],
    },
    {
      name: 'seed 003: section rows in the first column and filled values',
      sheet: ilansky(
        ['Создание структуры управления качеством образования в части образовательных результатов обучающихся'],
        ['Наличие пакета документов, регламентирующих деятельность муниципальных органов управления', 'да/нет', 'да', 'да', 'да', 'да'],
        ['Доля школ, от общего числа школ, в которых есть пакет документов', 'процент', 80, 100, 100, 100],
      ),
    },
    {
      name: 'a numbered heading without unit and values is a heading',
      rows: [['2.', 'Кадровое обеспечение', null, null, null], ['2.1', 'Доля педагогов ШНОР, прошедших диагностику', '%', 35, 45]],
    },
    {
      name: 'a parent ending in «из них:» may be left to its children',
      rows: [
        ['1.', 'Количество школ, получивших методическую поддержку, из них:', 'шт.', null, null],
        [null, 'сельских школ', 'шт.', 3, 4],
        [null, 'городских школ', 'шт.', 2, 2],
        ['2.', 'Доля школ, в которых создана школьная рабочая группа', '%', 80, 100],
      ],
    },
    {
      name: 'one value merged across both years fills both',
      rows: [['1.', 'Наличие муниципальной программы наставничества', 'да/нет', 'да', null]],
      merges: ['D5:E5'],
    },
  ],
  invalid: [
    {
      name: 'one year left empty',
      rows: [
        ['1.', 'Доля школ, в которых создана школьная рабочая группа', '%', 80, null],
        ['2.', 'Наличие муниципальной программы наставничества', 'да/нет', 'да', 'да'],
      ],
      errors: [{ cell: 'E5', messageId: 'missing', message: 'Не заполнено значение за 2024 год.' }],
    },
    {
      name: 'a wholly empty template (seed 000) is one diagnostic at its first value',
      rows: kamchatka(null),
      errors: [{ cell: 'D6', messageId: 'template', message: 'Значения показателей не заполнены ни за один год: таблица — пустой шаблон.' }],
    },
    {
      name: 'a template with one value filled is a half-filled table: every gap counts',
      rows: kamchatka(12),
      errors: [
        { cell: 'D6', messageId: 'missing' },
        { cell: 'E6', messageId: 'missing' },
        { cell: 'E7', messageId: 'missing' },
        { cell: 'D8', messageId: 'missing' },
        { cell: 'E8', messageId: 'missing' },
        { cell: 'D10', messageId: 'missing' },
        { cell: 'E10', messageId: 'missing' },
        { cell: 'D11', messageId: 'missing' },
        { cell: 'E11', messageId: 'missing' },
      ],
    },
    {
      name: 'seed 003 layout: a row left blank in 2023 and 2024',
      sheet: ilansky(
        ['Доля педагогов ШНОР и ШНСУ муниципалитета, прошедших профессиональную диагностику', 'процент', 35, 45, null, ''],
        ['Наличие аналитических отчетов о результатах мониторингов динамики профессиональных компетенций', 'да/нет', 'да', 'да', 'да', 'да'],
      ),
      errors: [
        { cell: 'E4', messageId: 'missing', message: 'Не заполнено значение за 2023 год.' },
        { cell: 'F4', messageId: 'missing', message: 'Не заполнено значение за 2024 год.' },
      ],
    },
    {
      name: 'an indicator with a unit but no values in a filled table',
      rows: [
        ['1.', 'Доля школ, в которых создана школьная рабочая группа', '%', 80, 100],
        ['2.', 'Количество стажировочных площадок', 'шт.', null, '   '],
      ],
      errors: [
        { cell: 'D6', messageId: 'missing' },
        { cell: 'E6', messageId: 'missing' },
      ],
    },
    {
      name: 'a child of «из них:» left empty while its siblings are filled',
      rows: [
        ['1.', 'Количество школ, получивших методическую поддержку, из них:', 'шт.', 5, 6],
        [null, 'сельских школ', 'шт.', 3, null],
        [null, 'городских школ', 'шт.', 2, 2],
      ],
      errors: [{ cell: 'E6', messageId: 'missing' }],
    },
  ],
});
