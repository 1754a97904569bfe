import { defineRule, type RuleReport } from '../../engine/rule';
import { indicatorRows } from './indicator-rows';

export default defineRule({
  meta: {
    id: 'indicator-unit-unknown',
    kind: 'indicators',
    defaultSeverity: 'warning',
    description: 'Единица измерения показателя не указана или не из принятых: %, процент, шт., числовой, да/нет, чел., руб., баллы.',
    fixable: false,
    messages: {
      missing: 'Не указана единица измерения показателя.',
      unknown: 'Единица измерения «{{unit}}» не распознана: используйте %, шт., числовой или да/нет.',
    },
  },
  check(context) {
    if (context.col('unit') === undefined) return [];
    const out: RuleReport[] = [];
    for (const r of indicatorRows(context)) {
      // A unit merged over several rows is reported once.
      if (!r.unitCell || r.unitRepeat) continue;
      if (r.unitText === '') out.push({ messageId: 'missing', cell: r.unitCell });
      else if (r.unit === null) out.push({ messageId: 'unknown', data: { unit: r.unitText }, cell: r.unitCell });
    }
    return out;
  },
});
