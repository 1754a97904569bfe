import { defineRule, type RuleReport } from '../../engine/rule';
import { EPSILON, formatNumberRu, lowerIsBetter } from '../values';
import { indicatorRows } from './indicator-rows';

export default defineRule({
  meta: {
    id: 'indicator-direction',
    kind: 'indicators',
    defaultSeverity: 'warning',
    description: 'План показателя ухудшается от года к году: растёт доля неуспевающих или падает показатель, который должен расти.',
    fixable: false,
    messages: {
      lowerGrows: 'Показатель должен снижаться, а запланирован рост: {{from}} ({{yearFrom}}) → {{to}} ({{yearTo}}).',
      higherFalls: 'Показатель должен расти, а запланировано снижение: {{from}} ({{yearFrom}}) → {{to}} ({{yearTo}}).',
    },
  },
  check(context) {
    const out: RuleReport[] = [];
    for (const r of indicatorRows(context)) {
      if (r.unit === 'boolean') continue;
      const lower = lowerIsBetter(r.name);
      const numbers = r.values.filter((v) => v.value.kind === 'number').sort((a, b) => a.year - b.year);
      for (let i = 1; i < numbers.length; i++) {
        const prev = numbers[i - 1]!;
        const cur = numbers[i]!;
        const a = (prev.value as { value: number }).value;
        const b = (cur.value as { value: number }).value;
        if (lower ? b > a + EPSILON : b < a - EPSILON) {
          out.push({
            messageId: lower ? 'lowerGrows' : 'higherFalls',
            data: { from: formatNumberRu(a), to: formatNumberRu(b), yearFrom: prev.year, yearTo: cur.year },
            cell: cur.cell,
          });
        }
      }
    }
    return out;
  },
});
