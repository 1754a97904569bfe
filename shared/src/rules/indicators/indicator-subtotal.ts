import { defineRule, type RuleReport } from '../../engine/rule';
import { EPSILON, formatNumberRu } from '../values';
import { indicatorRows } from './indicator-rows';

export default defineRule({
  meta: {
    id: 'indicator-subtotal',
    kind: 'indicators',
    defaultSeverity: 'error',
    description: 'Значение строки «из них» больше значения показателя, к которому она относится.',
    fixable: false,
    messages: { larger: 'Значение «из них» ({{child}}) больше общего значения ({{parent}}) за {{year}} год.' },
  },
  check(context) {
    const rows = indicatorRows(context);
    const byIndex = new Map(rows.map((r) => [r.rowIndex, r]));
    const out: RuleReport[] = [];
    for (const r of rows) {
      if (r.row.parent === undefined) continue;
      const parent = byIndex.get(r.row.parent);
      if (!parent || !parent.row.hasChildren) continue;
      // A share «из них» counted in people (% above, чел. below): different units do not compare.
      if (r.unit && parent.unit && r.unit !== parent.unit) continue;
      r.values.forEach((v, i) => {
        const p = parent.values[i];
        if (v.repeat || v.value.kind !== 'number' || p?.value.kind !== 'number') return;
        if (v.value.value > p.value.value + EPSILON) {
          out.push({ messageId: 'larger', data: { child: formatNumberRu(v.value.value), parent: formatNumberRu(p.value.value), year: v.year }, cell: v.cell });
        }
      });
    }
    return out;
  },
});
