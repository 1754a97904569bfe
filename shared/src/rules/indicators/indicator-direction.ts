import { defineRule } from '../../engine/rule';
import { EPSILON, formatNumberRu, lowerIsBetter } from '../values';

export default defineRule({
  meta: {
    id: 'indicator-direction',
    kind: 'indicators',
    defaultSeverity: 'warning',
    description: 'План показателя ухудшается от года к году: растёт доля неуспевающих или падает показатель, который должен расти.',
    howToFix: 'Проверьте значения по годам: показатель, который должен расти, не должен снижаться, и наоборот.',
    fixable: false,
    messages: {
      lowerGrows: 'Показатель должен снижаться, а запланирован рост: {{from}} ({{yearFrom}}) → {{to}} ({{yearTo}}).',
      higherFalls: 'Показатель должен расти, а запланировано снижение: {{from}} ({{yearFrom}}) → {{to}} ({{yearTo}}).',
    },
  },
  create: ({ report }) => ({
    indicator(r) {
      if (r.unit === 'boolean') return;
      const lower = lowerIsBetter(r.name);
      const numbers = r.values.filter((v) => v.value.kind === 'number').sort((a, b) => a.year - b.year);
      for (let i = 1; i < numbers.length; i++) {
        const prev = numbers[i - 1]!;
        const cur = numbers[i]!;
        const a = (prev.value as { value: number }).value;
        const b = (cur.value as { value: number }).value;
        if (lower ? b > a + EPSILON : b < a - EPSILON) {
          report({
            messageId: lower ? 'lowerGrows' : 'higherFalls',
            data: { from: formatNumberRu(a), to: formatNumberRu(b), yearFrom: prev.year, yearTo: cur.year },
            cell: cur.cell,
          });
        }
      }
    },
  }),
});
