import { defineRule } from '../../engine/rule';
import type { ShareColumn } from '../../reader/model';
import { EPSILON, formatNumberRu } from '../values';

const HIGH = /[45]/;
const LOW = /^[«"]?2[»"]?$/;

export default defineRule({
  meta: {
    id: 'results-share-sum',
    kind: 'results',
    defaultSeverity: 'error',
    description: 'Сумма долей «4, 5» и «2» по одному предмету больше 1.',
    howToFix: 'Проверьте доли: «4, 5» и «2» по одному предмету вместе не могут превышать 1.',
    fixable: false,
    messages: { sum: 'Доли «4, 5» ({{high}}) и «2» ({{low}}) в сумме больше 1.' },
  },
  create({ table, report }) {
    const { shares } = table;
    const isLow = (s: ShareColumn) => LOW.test(s.band.trim());
    // The «2» column of each «4, 5» column: the one of the same subject, or, when the subject name was not merged over
    // both columns (a Word copy losing merges), the next column whose header names only the procedure.
    const pairs: Array<{ high: number; low: number }> = [];
    for (const high of shares) {
      if (!HIGH.test(high.band)) continue;
      const low =
        shares.find((s) => s.group === high.group && isLow(s)) ??
        shares.find((s) => s.col === high.col + 1 && isLow(s) && (s.group === '' || high.group.startsWith(`${s.group} / `)));
      if (low) pairs.push({ high: high.col, low: low.col });
    }
    return {
      shareRow(row) {
        const byCol = new Map(row.map((s) => [s.col, s]));
        for (const pair of pairs) {
          const high = byCol.get(pair.high);
          const low = byCol.get(pair.low);
          // Shares out of 0–1 are the other rule's business; their sum says nothing more.
          if (!high || !low || high.value > 1 || low.value > 1 || high.value < 0 || low.value < 0) continue;
          if (high.value + low.value > 1 + EPSILON) {
            report({ messageId: 'sum', data: { high: formatNumberRu(high.value), low: formatNumberRu(low.value) }, cell: low.cell });
          }
        }
      },
    };
  },
});
