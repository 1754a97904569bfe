import { defineRule } from '../../engine/rule';
import type { Deadline, PlanPeriod } from '../../deadline/types';

/** Below this many dated-or-not items a plan is too short to judge by shares. */
const MIN_ITEMS = 4;

/** «Постоянно», «в течение всего периода», «по плану работы …», or a span that is the whole plan period. */
export function isUndated(value: Deadline | null, period: PlanPeriod | undefined): boolean {
  if (!value) return false;
  if (value.kind === 'no-fixed-date') return true;
  if (value.kind === 'interval' && period) return value.from === `${period.from}-01-01` && value.to === `${period.to}-12-31`;
  return false;
}

export default defineRule({
  meta: {
    id: 'deadline-undated-plan',
    kind: 'roadmap',
    defaultSeverity: 'info',
    description: 'У большей части пунктов плана срок только «постоянно», «в течение всего периода» или «по плану»: в плане нет контрольных дат.',
    howToFix: 'Поставьте пунктам контрольные сроки: месяц или дату, к которой появится результат, хотя бы для ключевых этапов.',
    fixable: false,
    messages: {
      undated: 'У {{count}} из {{total}} пунктов плана срок без даты («{{example}}» и подобные): поставьте контрольные даты хотя бы ключевым этапам.',
    },
  },
  create({ facts, report }) {
    const col = facts.col('deadline');
    if (col === undefined) return {};
    let total = 0;
    let count = 0;
    let example = '';
    return {
      deadline(entry) {
        // Dates inside a per-year plan's cells are extras of an item already counted by its deadline column.
        if (entry.columnYear !== undefined) return;
        total++;
        if (!isUndated(entry.parsed.value, facts.period)) return;
        count++;
        example ||= entry.text;
      },
      tableEnd() {
        const done = total;
        if (done < MIN_ITEMS || count * 2 <= done) return;
        const header = facts.table.headerRows[0] ?? facts.table.range.top;
        report({
          messageId: 'undated',
          data: { count, total: done, example: example.length > 40 ? example.slice(0, 37) + '…' : example },
          cell: facts.cellOf(header, col),
        });
      },
    };
  },
});
