import { defineRule } from '../../engine/rule';
import { EPSILON, formatNumberRu } from '../values';

/** A name that counts things: «Количество школ …», «Число педагогов …» (not «Средний балл», not «Доля»). */
const COUNTED_BY_NAME = /^(количество|число)\s/i;

export default defineRule({
  meta: {
    id: 'indicator-value-range',
    kind: 'indicators',
    defaultSeverity: 'error',
    description: 'Значение вне допустимого диапазона: процент меньше 0 или больше 100, отрицательное или дробное количество.',
    howToFix: 'Проверьте значение: процент от 0 до 100, количество — целое и не отрицательное.',
    fixable: false,
    messages: {
      percent: 'Процент {{value}} вне диапазона 0–100.',
      negative: 'Количество не может быть отрицательным: {{value}}.',
      fractional: 'Количество в штуках должно быть целым: {{value}}.',
      fractionalByName: 'Показатель считает количество («{{name}}»), значение должно быть целым: {{value}}.',
    },
  },
  create: ({ report }) => ({
    indicator(r) {
      // «Количество …» counts things by its name, whatever a «числовой» unit column says (#11).
      const counted = r.unit === 'count' || ((r.unit === 'number' || r.unit === null) && COUNTED_BY_NAME.test(r.name));
      for (const v of r.values) {
        if (v.value.kind !== 'number' || v.repeat) continue;
        const n = v.value.value;
        const data = { value: formatNumberRu(n) };
        // Formulas leave 100,00000000000001 and 6,999999999999999: within EPSILON they are 100 and 7.
        if (r.unit === 'percent' && (n < -EPSILON || n > 100 + EPSILON)) report({ messageId: 'percent', data, cell: v.cell });
        else if ((r.unit === 'count' || r.unit === 'number') && n < -EPSILON) report({ messageId: 'negative', data, cell: v.cell });
        else if (counted && n < -EPSILON) report({ messageId: 'negative', data, cell: v.cell });
        else if (counted && Math.abs(n - Math.round(n)) > EPSILON) {
          if (r.unit === 'count') report({ messageId: 'fractional', data, cell: v.cell });
          else report({ messageId: 'fractionalByName', data: { ...data, name: r.name.split(' ').slice(0, 3).join(' ') + '…' }, cell: v.cell });
        }
      }
    },
  }),
});
