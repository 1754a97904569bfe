import { defineRule, type RuleReport } from '../../engine/rule';
import { formatNumberRu } from '../values';
import { shareRows } from './shares';

const HIGH = /[45]/;
const LOW = /^[«"]?2[»"]?$/;

export default defineRule({
  meta: {
    id: 'results-share-sum',
    kind: 'results',
    defaultSeverity: 'error',
    description: 'Сумма долей «4, 5» и «2» по одному предмету больше 1.',
    fixable: false,
    messages: { sum: 'Доли «4, 5» ({{high}}) и «2» ({{low}}) в сумме больше 1.' },
  },
  check(context) {
    const out: RuleReport[] = [];
    for (const row of shareRows(context)) {
      for (const high of row) {
        if (!HIGH.test(high.band)) continue;
        const low = row.find((s) => s.group === high.group && LOW.test(s.band.trim()));
        // Shares out of 0–1 are the other rule's business; their sum says nothing more.
        if (!low || high.value > 1 || low.value > 1 || high.value < 0 || low.value < 0) continue;
        if (high.value + low.value > 1 + 1e-9) {
          out.push({ messageId: 'sum', data: { high: formatNumberRu(high.value), low: formatNumberRu(low.value) }, cell: low.cell });
        }
      }
    }
    return out;
  },
});
