import { defineRule, type RuleReport } from '../../engine/rule';
import { indicatorRows, UNIT_NAMES } from './indicator-rows';

export default defineRule({
  meta: {
    id: 'indicator-value-type',
    kind: 'indicators',
    defaultSeverity: 'error',
    description: 'Значение не подходит к единице измерения: текст в столбце процентов или штук, число в показателе «да/нет».',
    fixable: false,
    messages: {
      notNumber: 'Значение «{{value}}» не число, а единица измерения показателя — {{unit}}.',
      notBoolean: 'В показателе «да/нет» стоит «{{value}}»: укажите «да» или «нет».',
    },
  },
  check(context) {
    const out: RuleReport[] = [];
    for (const r of indicatorRows(context)) {
      if (!r.unit) continue;
      for (const v of r.values) {
        const value = v.value;
        if (v.repeat) continue;
        if (value.kind === 'empty' || value.kind === 'not-applicable') continue;
        if (r.unit === 'boolean') {
          if (value.kind !== 'boolean') out.push({ messageId: 'notBoolean', data: { value: value.text }, cell: v.cell });
        } else if (value.kind !== 'number') {
          out.push({ messageId: 'notNumber', data: { value: value.text, unit: UNIT_NAMES[r.unit] }, cell: v.cell });
        }
      }
    }
    return out;
  },
});
