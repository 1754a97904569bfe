import { defineWorkbookRule } from '../../engine/rule';
import type { TableFacts } from '../../facts/table-facts';
import type { PlanPeriod } from '../../deadline/types';

const span = (p: PlanPeriod) => (p.from === p.to ? `${p.from}` : `${p.from}–${p.to}`);

/**
 * A roadmap's period as the document states it (its title, the configuration): not one inferred from its deadlines or
 * borrowed from another sheet, which would compare the workbook with itself.
 */
export function statedPeriod(facts: TableFacts): PlanPeriod | undefined {
  const p = facts.table.period;
  return p && (p.source === 'title' || p.source === 'config') ? { from: p.from, to: p.to } : undefined;
}

export default defineWorkbookRule({
  meta: {
    id: 'period-mismatch',
    kind: 'workbook',
    defaultSeverity: 'warning',
    description: 'Годы таблицы показателей не совпадают с периодом дорожной карты той же книги (например, показатели на 2023–2025 годы при плане на 2023–2024).',
    howToFix: 'Приведите к одному периоду годы показателей и период в заголовке плана; базовый год перед периодом допустим.',
    fixable: false,
    messages: {
      mismatch: 'Годы показателей ({{years}}) не совпадают с периодом плана на листе «{{sheet}}» ({{period}}).',
    },
  },
  create: ({ workbook, report }) => ({
    workbook() {
      const plans = new Map<string, { period: PlanPeriod; sheet: string }>();
      for (const t of workbook.tables) {
        const period = t.table.kind === 'roadmap' ? statedPeriod(t) : undefined;
        if (period && !plans.has(span(period))) plans.set(span(period), { period, sheet: t.table.sheet });
      }
      for (const t of workbook.tables) {
        const { table } = t;
        if (table.kind !== 'indicators' || !table.years.length) continue;
        const years = table.years.map((y) => y.year);
        const first = Math.min(...years);
        const last = Math.max(...years);
        for (const { period, sheet } of plans.values()) {
          // One year before the period is the base value the targets start from («2022 (базовое)» for 2023–2024).
          if (last === period.to && first <= period.from && first >= period.from - 1) continue;
          const odd = table.years.find((y) => y.year > period.to || y.year < period.from - 1) ?? table.years.find((y) => y.year === last)!;
          const header = table.headerRows.find((r) => t.text(r, odd.col).includes(String(odd.year))) ?? table.headerRows[0] ?? table.range.top;
          report({
            sheet: table.sheet,
            table: table.range,
            cell: t.cellOf(header, odd.col),
            messageId: 'mismatch',
            data: { years: span({ from: first, to: last }), sheet, period: span(period) },
          });
        }
      }
    },
  }),
});
