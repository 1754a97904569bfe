import type { CellValue } from '../../src/grid/grid';
import rule from '../../src/rules/results/results-share-sum';
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
/** The same matrix as a Word copy leaves it: procedures merged, subject names only over the `4, 5` column. */
const unmerged = (...rows: CellValue[][]) => ({ sheet: [...HEADER, ...rows], merges: ['A1:A3', 'B1:E1', 'F1:I1'] });

ruleTester(rule, {
  valid: [
    {
      name: 'seed 003 rows: every pair within 1, the score column not a share',
      ...matrix(
        ['1 кластер'],
        ['СОШ 1', 0.73, 0.05, 0.76, 0.07, 0.4, 0.06, 0.64, 0.1, 82.5],
        ['СОШ 41', 0.54, 0.09, 0.8, 0.19, 0.6, 0, 0.13, 0.07, 75.45],
        ['2 кластер'],
        ['СОШ 9', 0.15, 0.31, 0.77, 0, 0.5, 0.07, 0.2, 0, 83.05],
      ),
    },
    { name: 'pairs summing to exactly 1', ...matrix(['Ельниковская СОШ', 0.75, 0.25, 0.6, 0.4, 0.5, 0.5, 1, 0, 85]) },
    { name: 'decimal commas as text', ...matrix(['СОШ 7', '0,6', '0,2', '0,6', '0,2', '0,25', '0', '0,6', '0', '73,25']) },
    {
      name: 'a dash or a blank leaves nothing to add',
      ...matrix(['НОШ 21', 0.75, 0, 0.75, 0, '-', '-', '-', '-', 72.5], ['СОШ 4', 0, 0.25, 0.62, 0.12, 0.9, null, null, 0.5, 73.15]),
    },
    {
      name: 'shares out of 0…1 are the range rule’s business',
      ...matrix(['СОШ 2', 73, 0.5, 0.71, -0.1, '58 %', 0.6, 0.08, 0.04, 78.6]),
    },
    { name: 'unmerged subject names: pairs within 1', ...unmerged(['СОШ 1', 0.73, 0.05, 0.76, 0.07, 0.4, 0.06, 0.64, 0.1, 82.5]) },
  ],
  invalid: [
    {
      name: 'ВПР mathematics: 0,76 + 0,3',
      ...matrix(['1 кластер'], ['СОШ 1', 0.73, 0.05, 0.76, 0.3, 0.4, 0.06, 0.64, 0.1, 82.5]),
      errors: [{ cell: 'E5', messageId: 'sum', message: 'Доли «4, 5» (0,76) и «2» (0,3) в сумме больше 1.' }],
    },
    {
      name: 'columns swapped by mistake in two subjects, typed as text',
      ...matrix(['СОШ 11', '0,85', '0,67', '1', '0', '0,25', '0', '0,2', '0,9', '73,15']),
      errors: [
        { cell: 'C4', messageId: 'sum', message: 'Доли «4, 5» (0,85) и «2» (0,67) в сумме больше 1.' },
        { cell: 'I4', messageId: 'sum', message: 'Доли «4, 5» (0,2) и «2» (0,9) в сумме больше 1.' },
      ],
    },
    {
      name: 'rows of different clusters',
      ...matrix(['1 кластер'], ['СОШ 2', 0.58, 0.03, 0.71, 0.03, 0.4, 0.04, 0.08, 0.04, 78.6], ['3 кластер'], ['Степановская НОШ', 0.9, 0.2, 0.33, 0, '-', '-', '-', '-', 66.65]),
      errors: [{ cell: 'C7', messageId: 'sum' }],
    },
    {
      name: 'a sum just above 1 from rounding',
      ...matrix(['СОШ 13', 0.55, 0.46, 0.82, 0, 0.5, 0, 0, 0, 71.75]),
      errors: [{ cell: 'C4', messageId: 'sum', message: 'Доли «4, 5» (0,55) и «2» (0,46) в сумме больше 1.' }],
    },
    {
      name: 'unmerged subject names (a Word copy): the «2» column after «4, 5» is its pair',
      ...unmerged(['СОШ 1', 0.8, 0.3, 0.76, 0.07, 0.4, 0.06, 0.64, 0.5, 82.5]),
      errors: [
        { cell: 'C4', messageId: 'sum' },
        { cell: 'I4', messageId: 'sum' },
      ],
    },
  ],
});
