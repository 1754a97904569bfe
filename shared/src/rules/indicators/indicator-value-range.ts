import { defineRule, type RuleReport } from '../../engine/rule';
import { formatNumberRu } from '../values';
import { indicatorRows } from './indicator-rows';

export default defineRule({
  meta: {
    id: 'indicator-value-range',
    kind: 'indicators',
    defaultSeverity: 'error',
    description: 'Значение вне допустимого диапазона: процент меньше 0 или больше 100, отрицательное или дробное количество.',
    fixable: false,
    messages: {
      percent: 'Процент {{value}} вне диапазона 0–100.',
      negative: 'Количество не может быть отрицательным: {{value}}.',
      fractional: 'Количество в штуках должно быть целым: {{value}}.',
    },
  },
  check(context) {
    const out: RuleReport[] = [];
    for (const r of indicatorRows(context)) {
      for (const v of r.values) {
        if (v.value.kind !== 'number') continue;
        const n = v.value.value;
        const data = { value: formatNumberRu(n) };
        if (r.unit === 'percent' && (n < 0 || n > 100)) out.push({ messageId: 'percent', data, cell: v.cell });
        else if ((r.unit === 'count' || r.unit === 'number') && n < 0) out.push({ messageId: 'negative', data, cell: v.cell });
        else if (r.unit === 'count' && !Number.isInteger(n)) out.push({ messageId: 'fractional', data, cell: v.cell });
      }
    }
    return out;
  },
});
