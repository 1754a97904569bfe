import { defineRule } from '../../engine/rule';
import { EPSILON, formatNumberRu } from '../values';

export default defineRule({
  meta: {
    id: 'indicator-subtotal',
    kind: 'indicators',
    defaultSeverity: 'error',
    description: 'Значение строки «из них» больше значения показателя, к которому она относится.',
    howToFix: 'Проверьте значения: часть («из них») не может быть больше целого.',
    fixable: false,
    messages: { larger: 'Значение «из них» ({{child}}) больше общего значения ({{parent}}) за {{year}} год.' },
  },
  create({ facts, report }) {
    const byIndex = new Map(facts.indicators.map((r) => [r.rowIndex, r]));
    return {
      indicator(r) {
        if (r.row.parent === undefined) return;
        const parent = byIndex.get(r.row.parent);
        if (!parent || !parent.row.hasChildren) return;
        // A share «из них» counted in people (% above, чел. below): different units do not compare.
        if (r.unit && parent.unit && r.unit !== parent.unit) return;
        r.values.forEach((v, i) => {
          const p = parent.values[i];
          if (v.repeat || v.value.kind !== 'number' || p?.value.kind !== 'number') return;
          if (v.value.value > p.value.value + EPSILON) {
            report({ messageId: 'larger', data: { child: formatNumberRu(v.value.value), parent: formatNumberRu(p.value.value), year: v.year }, cell: v.cell });
          }
        });
      },
    };
  },
});
