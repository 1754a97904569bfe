import type { CellValue } from '../../src/grid/grid';
import rule from '../../src/rules/results/results-share-range';
import { ruleTester } from '../rule-tester';

/**
 * The school results matrix of seed 003 (appendix 1), two procedures wide: `ОУ` over three header rows, procedures over
 * four columns, subjects over two, grade bands `4, 5` / `2` as text; shares B:I, the unlabelled final score in J.
 * Data rows start at row 4.
 */
const HEADER: CellValue[][] = [
  ['ОУ', 'ВПР, 4 класс', null, null, null, 'ОГЭ, 9 класс', null, null, null, null],
  [null, 'Русский язык', null, 'Математика', null, 'Русский язык', null, 'Математика', null, null],
  [null, '4, 5', '2', '4, 5', '2', '4, 5', '2', '4, 5', '2', null],
];
const MERGES = ['A1:A3', 'B1:E1', 'F1:I1', 'B2:C2', 'D2:E2', 'F2:G2', 'H2:I2'];
const matrix = (...rows: CellValue[][]) => ({ sheet: [...HEADER, ...rows], merges: MERGES });

/** The whole appendix of seed 003 with its caption: three procedures, seven subjects, score in P; data from row 11. */
const SEED_003: CellValue[][] = [
  ['Приложение 1'],
  ['к Муниципальной программе'],
  ['повышения качества образования'],
  ['и поддержки школ Иланского района'],
  ['на 2021-2024 годы'],
  [],
  ['ОУ', 'ВПР, 4 класс', null, null, null, 'ОГЭ, 9 класс', null, null, null, 'ЕГЭ, 11 класс', null, null, null, null, null, null],
  [null, 'Русский язык', null, 'Математика', null, 'Русский язык', null, 'Математика', null, 'Русский язык', null, 'Математика, база', null, 'Математика, профиль', null, null],
  [null, '4, 5', '2', '4, 5', '2', '4, 5', '2', '4, 5', '2', '4, 5', '2', '4, 5', '2', '4, 5', '2', null],
  ['1 кластер'],
  ['СОШ 1', 0.73, 0.05, 0.76, 0.07, 0.4, 0.06, 0.64, 0.1, 0.56, 0, 0.72, 0, 0.25, 0, 82.5],
  ['СОШ 2', 0.58, 0.03, 0.71, 0.03, 0.4, 0.04, 0.08, 0.04, 0.65, 0, 0.45, 0, 0.53, 0.2, 78.6],
  ['2 кластер'],
  ['СОШ 4', 0, 0.25, 0.62, 0.12, 0.25, 0, null, null, 0.5, 0, 1, 0, 0, 0, 73.15],
  ['НОШ 21', 0.75, 0, 0.75, 0, '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', 72.5],
  ['3 кластер'],
  ['Кучердаевская СОШ', 0.66, 0, 1, 0, 0.2, 0.1, 0, 0, null, null, null, null, null, null, 73.3],
];
const SEED_003_MERGES = ['A7:A9', 'B7:E7', 'F7:I7', 'J7:O7', 'B8:C8', 'D8:E8', 'F8:G8', 'H8:I8', 'J8:K8', 'L8:M8', 'N8:O8'];

ruleTester(rule, {
  valid: [
    { name: 'the seed 003 appendix: shares 0…1, dashes, blanks, scores above 1', sheet: SEED_003, merges: SEED_003_MERGES },
    {
      name: 'shares typed as text with decimal commas, score as text',
      ...matrix(['1 кластер'], ['СОШ 1', '0,73', '0,05', '0,76', '0,07', '0,4', '0,06', '0,64', '0,1', '82,5']),
    },
    { name: '0 and 1 are shares; no cluster rows', ...matrix(['СОШ 9', 0, 1, 1, 0, 0.5, 0.07, 0.2, 0, 83.05]) },
    {
      name: 'a school with no data yet and a school without the procedure',
      ...matrix(['Степановская НОШ', 0, 0, 0.33, 0, '-', '-', '-', '-', 66.65], ['Прокопьевская ООШ', 0, 0, 0.5, 0, 0, 0, null, null, 67.5]),
    },
  ],
  invalid: [
    {
      name: 'a percentage typed as a whole number (73 for 0,73)',
      ...matrix(['1 кластер'], ['СОШ 1', 73, 0.05, 0.76, 0.07, 0.4, 0.06, 0.64, 0.1, 82.5]),
      errors: [{ cell: 'B5', messageId: 'range', message: 'Доля 73 вне диапазона от 0 до 1 (73 % записываются как 0,73).' }],
    },
    {
      name: 'a percentage typed as text with a percent sign',
      ...matrix(['СОШ 2', '58 %', 0.03, 0.71, 0.03, 0.4, 0.04, 0.08, 0.04, 78.6]),
      errors: [{ cell: 'B4', messageId: 'range', message: 'Доля 58 вне диапазона от 0 до 1 (73 % записываются как 0,73).' }],
    },
    {
      name: 'a negative share and a share above 1 in one row, the score untouched',
      ...matrix(['СОШ 41', 0.54, 0.09, -0.1, 0.19, 0.6, 0, '1,3', 0.07, 75.45]),
      errors: [
        { cell: 'D4', messageId: 'range', message: 'Доля -0,1 вне диапазона от 0 до 1 (73 % записываются как 0,73).' },
        { cell: 'H4', messageId: 'range', message: 'Доля 1,3 вне диапазона от 0 до 1 (73 % записываются как 0,73).' },
      ],
    },
    {
      name: 'one share typed in percent (seed 003 appendix, ЕГЭ «Математика, профиль»)',
      sheet: SEED_003.map((r, i) => (i === 10 ? ['СОШ 1', 0.73, 0.05, 0.76, 0.07, 0.4, 0.06, 0.64, 0.1, 0.56, 0, 0.72, 0, 25, 0, 82.5] : r)),
      merges: SEED_003_MERGES,
      errors: [{ cell: 'N11', messageId: 'range' }],
    },
    {
      name: 'rows of different clusters',
      ...matrix(['1 кластер'], ['СОШ 1', 0.73, 5, 0.76, 0.07, 0.4, 0.06, 0.64, 0.1, 82.5], ['2 кластер'], ['СОШ 3', 0.57, 0, 83, 0, 0.4, 0, 0.2, 0, 84]),
      errors: [
        { cell: 'C5', messageId: 'range' },
        { cell: 'D7', messageId: 'range' },
      ],
    },
  ],
});
