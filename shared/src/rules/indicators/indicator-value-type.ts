import { defineRule } from '../../engine/rule';
import { UNIT_NAMES } from '../values';

export default defineRule({
  meta: {
    id: 'indicator-value-type',
    kind: 'indicators',
    defaultSeverity: 'error',
    description: 'Значение не подходит к единице измерения: текст в столбце процентов или штук, число в показателе «да/нет».',
    howToFix: 'Запишите значение числом (75 или 75 %) либо «да»/«нет» для показателя «да/нет».',
    fixable: false,
    messages: {
      notNumber: 'Значение «{{value}}» не число, а единица измерения показателя — {{unit}}.',
      notBoolean: 'В показателе «да/нет» стоит «{{value}}»: укажите «да» или «нет».',
    },
  },
  create: ({ report }) => ({
    indicator(r) {
      if (!r.unit) return;
      for (const v of r.values) {
        const value = v.value;
        if (v.repeat) continue;
        if (value.kind === 'empty' || value.kind === 'not-applicable') continue;
        if (r.unit === 'boolean') {
          if (value.kind !== 'boolean') report({ messageId: 'notBoolean', data: { value: value.text }, cell: v.cell });
        } else if (value.kind !== 'number') {
          report({ messageId: 'notNumber', data: { value: value.text, unit: UNIT_NAMES[r.unit] }, cell: v.cell });
        }
      }
    },
  }),
});
