import rule from '../../src/rules/indicators/indicator-years';
import { ruleTester } from '../rule-tester';

const row = (...values: Array<string | number | null>) => ['1.', 'Доля школ, в которых создана школьная рабочая группа', '%', ...values];
/** The default title (period 2023–2024) and a header with the given year cells; the header is row 4. */
const header = (...years: Array<string | number | null>) => ['№ п/п', 'Показатель', 'Ед. изм.', ...years];
const TITLE = ['Приложение к приказу управления образования от 10.01.2023 № 5', 'План мероприятий на 2023-2024 годы'];
const withTitle = (title: string, ...rows: Array<Array<string | number | null>>) => [['Приложение к приказу управления образования от 10.01.2023 № 5'], [title], [], ...rows];

ruleTester(rule, {
  valid: [
    { name: 'columns 2023 and 2024 for a 2023–2024 plan', rows: [row(80, 100)] },
    {
      name: 'seed 003: 2021–2024 columns, period «с 2021 года по 2024 год»',
      sheet: [
        ['Муниципальная программа по повышению качества образования и поддержки школ Иланского района реализуется с 2021 года по 2024 год.'],
        [],
        ['ПОКАЗАТЕЛИ', 'ИНДИКАТОР', '2021', '2022', '2023', '2024'],
        ['Доля школ, от общего числа школ, в которых есть пакет документов', 'процент', 80, 100, 100, 100],
      ],
    },
    {
      name: 'years as numbers and as «2024 год»',
      sheet: [...TITLE.map((t) => [t]), [], header(2023, '2024 год'), row(80, 100)],
    },
    {
      name: 'a two-row header: years under a merged «Значение показателя»',
      sheet: [...TITLE.map((t) => [t]), [], ['№ п/п', 'Показатель', 'Ед. изм.', 'Значение показателя', null], [null, null, null, '2023', '2024'], row(80, 100)],
      merges: ['A4:A5', 'B4:B5', 'C4:C5', 'D4:E4'],
    },
    {
      name: 'plan and fact of one year, and the fact of the year before the plan as its baseline',
      sheet: [...TITLE.map((t) => [t]), [], header('2022 (факт)', '2023 (план)', '2023 (факт)', '2024 (план)'), row(70, 80, 78, 100)],
    },
    {
      name: 'no period in the title: consecutive years are not judged against a period (seed 000)',
      sheet: [['Целевые показатели эффективности реализации Проекта'], [], header('2020', '2021', '2022', '2023'), row(null, null, null, null)],
    },
    {
      name: 'the period from the configuration overrides the title',
      rows: [row(80, 100)],
      title: ['План мероприятий на 2021-2022 годы'],
      config: { period: { from: 2023, to: 2024 } },
    },
    {
      name: 'every year of the period present, in any column order',
      sheet: withTitle('Программа повышения качества образования на 2021-2024 годы', header('2021', '2022', '2024', '2023'), row(20, 30, 50, 40)),
    },
  ],
  invalid: [
    {
      name: 'a year column repeated',
      sheet: [...TITLE.map((t) => [t]), [], header('2023', '2024', '2024'), row(80, 90, 100)],
      errors: [{ cell: 'F4', messageId: 'duplicate', message: 'Столбец 2024 года повторяется.' }],
    },
    {
      name: 'a year skipped: the gap is reported at the column after it',
      sheet: withTitle('Программа повышения качества образования на 2021-2024 годы', header('2021', '2022', '2024'), row(20, 30, 50)),
      errors: [{ cell: 'F4', messageId: 'gap', message: 'Нет столбца 2023 года между 2022 и 2024.' }],
    },
    {
      name: 'two years skipped: one diagnostic each',
      sheet: withTitle('Программа повышения качества образования на 2021-2024 годы', header('2021', '2024'), row(20, 50)),
      errors: [
        { cell: 'E4', messageId: 'gap', message: 'Нет столбца 2022 года между 2021 и 2024.' },
        { cell: 'E4', messageId: 'gap', message: 'Нет столбца 2023 года между 2021 и 2024.' },
      ],
    },
    {
      name: 'a column after the period of the title',
      sheet: [...TITLE.map((t) => [t]), [], header('2023', '2024', '2025'), row(80, 90, 100)],
      errors: [{ cell: 'F4', messageId: 'outside', message: 'Столбец 2025 года вне периода плана 2023–2024.' }],
    },
    {
      name: 'a plan column before the period',
      sheet: [...TITLE.map((t) => [t]), [], header('2022 (план)', '2023', '2024'), row(70, 80, 100)],
      errors: [{ cell: 'D4', messageId: 'outside' }],
    },
    {
      name: 'a year of the period without a column, after the last',
      title: ['Приложение к приказу управления образования от 10.01.2023 № 5', 'План мероприятий на 2023-2025 годы'],
      rows: [row(80, 100)],
      errors: [{ cell: 'E4', messageId: 'uncovered', message: 'В таблице нет столбца 2025 года, хотя он входит в период плана 2023–2025.' }],
    },
    {
      name: 'years of the period without a column, before the first',
      title: ['Приложение к приказу управления образования от 10.01.2023 № 5', 'Муниципальная программа реализуется с 2021 года по 2024 год'],
      rows: [row(80, 100)],
      errors: [
        { cell: 'D4', messageId: 'uncovered', message: 'В таблице нет столбца 2021 года, хотя он входит в период плана 2021–2024.' },
        { cell: 'D4', messageId: 'uncovered', message: 'В таблице нет столбца 2022 года, хотя он входит в период плана 2021–2024.' },
      ],
    },
    {
      name: 'seed 003 table pasted under a 2023–2024 title: two years outside',
      sheet: withTitle('План мероприятий на 2023-2024 годы', ['ПОКАЗАТЕЛИ', 'ИНДИКАТОР', '2021', '2022', '2023', '2024'], ['Доля школ, от общего числа школ, в которых есть пакет документов', 'процент', 80, 100, 100, 100]),
      errors: [
        { cell: 'C4', messageId: 'outside', message: 'Столбец 2021 года вне периода плана 2023–2024.' },
        { cell: 'D4', messageId: 'outside', message: 'Столбец 2022 года вне периода плана 2023–2024.' },
      ],
    },
    {
      name: 'the period from the configuration: one column outside, one year uncovered',
      rows: [row(80, 100)],
      config: { period: { from: 2024, to: 2025 } },
      errors: [
        { cell: 'D4', messageId: 'outside', message: 'Столбец 2023 года вне периода плана 2024–2025.' },
        { cell: 'E4', messageId: 'uncovered' },
      ],
    },
    {
      name: 'the period stated once in a passport sheet (seed 002)',
      sheet: [['Целевые показатели проекта'], [], header('2023', '2024', '2025'), row(80, 90, 100)],
      otherSheets: [{ name: 'Паспорт', rows: [['Наименование Проекта', 'Повышение качества образования'], ['Сроки\nреализации Проекта', '2 года (2023 – 2024 гг.)']] }],
      errors: [{ cell: 'F3', messageId: 'outside', message: 'Столбец 2025 года вне периода плана 2023–2024.' }],
    },
    {
      name: 'a duplicate in a two-row header is reported on the year row',
      sheet: [...TITLE.map((t) => [t]), [], ['№ п/п', 'Показатель', 'Ед. изм.', 'Значение показателя', null, null], [null, null, null, '2023', '2024', '2024'], row(80, 90, 100)],
      merges: ['A4:A5', 'B4:B5', 'C4:C5', 'D4:F4'],
      errors: [{ cell: 'F5', messageId: 'duplicate' }],
    },
  ],
});
