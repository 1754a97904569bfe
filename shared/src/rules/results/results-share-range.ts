import { defineRule } from '../../engine/rule';
import { formatNumberRu } from '../values';

export default defineRule({
  meta: {
    id: 'results-share-range',
    kind: 'results',
    defaultSeverity: 'error',
    description: 'Доля в матрице результатов школ вне диапазона 0–1.',
    howToFix: 'Запишите долю числом от 0 до 1 (например, 0,25), а не в процентах.',
    fixable: false,
    messages: { range: 'Доля {{value}} вне диапазона от 0 до 1 (73 % записываются как 0,73).' },
  },
  create: ({ report }) => ({
    shareRow(row) {
      for (const s of row) if (s.value < 0 || s.value > 1) report({ messageId: 'range', data: { value: formatNumberRu(s.value) }, cell: s.cell });
    },
  }),
});
