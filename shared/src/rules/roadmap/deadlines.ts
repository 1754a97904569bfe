import type { CellRef } from '../../grid/address';
import { cachedDeadline, type TableContext } from '../../engine/context';
import type { DeadlineProblem, ParsedDeadline } from '../../deadline/types';
import type { RuleReport } from '../../engine/rule';

export interface DeadlineEntry {
  cell: CellRef;
  rowIndex: number;
  /** The deadline as the user wrote it (whitespace collapsed): what messages quote. */
  text: string;
  parsed: ParsedDeadline;
  /** Set for dates in a per-year plan cell (seed 003): the year of its column. */
  columnYear?: number;
}

const PARENTHESES = /\(([^()]{2,120})\)/g;
const cache = new WeakMap<TableContext, DeadlineEntry[]>();

/** Every deadline of a roadmap, parsed once and shared by the deadline rules. */
export function deadlineEntries(context: TableContext): DeadlineEntry[] {
  const hit = cache.get(context);
  if (hit) return hit;
  const out: DeadlineEntry[] = [];
  const deadlineCol = context.col('deadline');
  context.table.rows.forEach((row, rowIndex) => {
    if (row.role !== 'item') return;
    // The tail of a deadline a page break split is read whole at the item above it: not a deadline of its own.
    if (deadlineCol !== undefined && !context.mergedFromAbove(row.row, deadlineCol) && context.splitSource(rowIndex, deadlineCol) < 0) {
      const parsed = context.deadline(rowIndex);
      if (parsed) {
        const written = context.fullText(rowIndex, deadlineCol);
        out.push({ cell: context.cellOf(row.row, deadlineCol), rowIndex, text: written || parsed.text, parsed });
      }
    }
    // A per-year plan states its dates in parentheses inside each year's cell: «… (май 2021)».
    for (const y of context.table.years) {
      if (context.table.kind !== 'roadmap' || context.mergedFromAbove(row.row, y.col) || context.splitSource(rowIndex, y.col) >= 0) continue;
      const text = context.fullText(rowIndex, y.col).replace(/<[^>]*>/g, ' ');
      for (const m of text.matchAll(PARENTHESES)) {
        const parsed = cachedDeadline(m[1]!, { from: y.year, to: y.year });
        if (!parsed || !parsed.value) {
          // Parentheses also hold remarks («(по индивидуальному плану)»); only real date errors count.
          if (!parsed?.problems.some((p) => p.code === 'invalid-date' || p.code === 'incomplete')) continue;
        }
        out.push({ cell: context.cellOf(row.row, y.col), rowIndex, text: m[1]!.trim(), parsed: parsed!, columnYear: y.year });
      }
    }
  });
  cache.set(context, out);
  return out;
}

/** Reports one deadline problem code, with the problem's own data for the message. */
export function problemReports(
  context: TableContext,
  code: DeadlineProblem['code'],
  build: (entry: DeadlineEntry, problem: DeadlineProblem) => RuleReport | null,
): RuleReport[] {
  const out: RuleReport[] = [];
  for (const entry of deadlineEntries(context)) {
    for (const problem of entry.parsed.problems) {
      if (problem.code !== code) continue;
      if (code === 'unparsed' && entry.columnYear !== undefined) continue;
      const report = build(entry, problem);
      if (report) out.push(report);
    }
  }
  return out;
}

export function periodText(context: TableContext): string {
  const p = context.period;
  if (!p) return '';
  return p.from === p.to ? `${p.from} г.` : `${p.from}–${p.to} гг.`;
}
