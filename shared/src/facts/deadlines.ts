import type { CellRef } from '../grid/address';
import type { CellValue } from '../grid/grid';
import { deadlineFromCell, deadlineSpan } from '../deadline';
import { MONTH_GENITIVE } from '../deadline/months';
import type { ParsedDeadline, PlanPeriod } from '../deadline/types';
import type { TableFacts } from './table-facts';

export interface DeadlineEntry {
  cell: CellRef;
  rowIndex: number;
  /** The deadline as the user wrote it (whitespace collapsed): what messages quote. */
  text: string;
  parsed: ParsedDeadline;
  /** Set for dates in a per-year plan cell (seed 003): the year of its column. */
  columnYear?: number;
  /**
   * A yearless deadline a spreadsheet's type detection made a date of the year it was typed in (`19 апреля` →
   * 19.04.2026): a date cell whose year lies outside the plan's stated period. `text` is what was most likely typed.
   */
  converted?: { text: string; shown: string };
}

/** A date cell that was a yearless «19 апреля»: midnight, and a year the plan's stated period does not hold. */
function convertedDeadline(date: Date, period: TableFacts['period']): DeadlineEntry['converted'] | null {
  if (!period || period.source === 'deadlines' || Number.isNaN(date.getTime())) return null;
  if (date.getUTCHours() + date.getUTCMinutes() + date.getUTCSeconds() !== 0) return null;
  const year = date.getUTCFullYear();
  if (year >= period.from && year <= period.to) return null;
  const day = date.getUTCDate();
  const month = date.getUTCMonth();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { text: `${day} ${MONTH_GENITIVE[month]}`, shown: `${pad(day)}.${pad(month + 1)}.${year}` };
}

const PARENTHESES = /\(([^()]{2,120})\)/g;

/** Every deadline of a roadmap: the deadline column's, and the dates a per-year plan writes in parentheses. */
export function deadlineEntries(facts: TableFacts): DeadlineEntry[] {
  const out: DeadlineEntry[] = [];
  const { table } = facts;
  const deadlineCol = facts.col('deadline');
  const yearCols = table.kind === 'roadmap' ? table.years : [];
  table.rows.forEach((row, rowIndex) => {
    if (row.role !== 'item') return;
    // The tail of a deadline a page break split is read whole at the item above it: not a deadline of its own.
    if (deadlineCol !== undefined && !facts.mergedFromAbove(row.row, deadlineCol) && facts.splitSource(rowIndex, deadlineCol) < 0) {
      const parsed = facts.deadline(rowIndex);
      if (parsed) {
        const written = facts.fullText(rowIndex, deadlineCol);
        const entry: DeadlineEntry = { cell: facts.cellOf(row.row, deadlineCol), rowIndex, text: written || parsed.text, parsed };
        const value = facts.value(row.row, deadlineCol);
        const converted = value instanceof Date ? convertedDeadline(value, facts.period) : null;
        if (converted) entry.converted = converted;
        out.push(entry);
      }
    }
    // A per-year plan states its dates in parentheses inside each year's cell: «… (май 2021)».
    for (const y of yearCols) {
      if (facts.mergedFromAbove(row.row, y.col) || facts.splitSource(rowIndex, y.col) >= 0) continue;
      const text = facts.fullText(rowIndex, y.col).replace(/<[^>]*>/g, ' ');
      for (const m of text.matchAll(PARENTHESES)) {
        const parsed = cachedDeadline(m[1]!, { from: y.year, to: y.year });
        if (!parsed || !parsed.value) {
          // Parentheses also hold remarks («(по индивидуальному плану)»); only real date errors count.
          if (!parsed?.problems.some((p) => p.code === 'invalid-date' || p.code === 'incomplete')) continue;
        }
        out.push({ cell: facts.cellOf(row.row, y.col), rowIndex, text: m[1]!.trim(), parsed: parsed!, columnYear: y.year });
      }
    }
  });
  return out;
}

/**
 * Deadline texts repeat a lot («в течение года», «Январь 2023 г.»); parsing each distinct text once per period keeps
 * a 10,000-row sheet fast. The cache is bounded so a hostile sheet cannot grow it without limit.
 */
const DEADLINE_CACHE_LIMIT = 20000;
/** Period key → deadline text → reading. Two levels, so a lookup builds no key string. */
const deadlineCache = new Map<number, Map<string, ParsedDeadline | null>>();
let deadlineCacheSize = 0;

export function cachedDeadline(value: CellValue, period: PlanPeriod | undefined): ParsedDeadline | null {
  if (value instanceof Date || typeof value !== 'string') return deadlineFromCell(value, period ? { period } : {});
  const periodKey = period ? period.from * 10000 + period.to : 0;
  let byText = deadlineCache.get(periodKey);
  if (!byText) {
    byText = new Map();
    deadlineCache.set(periodKey, byText);
  }
  const hit = byText.get(value);
  if (hit !== undefined) return hit;
  const parsed = deadlineFromCell(value, period ? { period } : {});
  if (deadlineCacheSize >= DEADLINE_CACHE_LIMIT) {
    deadlineCache.clear();
    deadlineCacheSize = 0;
    byText = new Map();
    deadlineCache.set(periodKey, byText);
  }
  byText.set(value, parsed);
  deadlineCacheSize++;
  return parsed;
}

/** The single year all explicit deadlines of a roadmap fall in, if there is one: the period a yearless «март» means. */
export function periodFromDeadlines(facts: TableFacts): PlanPeriod | null {
  const col = facts.col('deadline');
  if (col === undefined) return null;
  let year: number | null = null;
  for (const row of facts.table.rows) {
    if (row.role !== 'item') continue;
    const parsed = cachedDeadline(facts.value(row.row, col), undefined);
    if (!parsed?.value) continue;
    const span = deadlineSpan(parsed.value);
    for (const bound of [span?.from, span?.to]) {
      if (!bound) continue;
      const y = Number(bound.slice(0, 4));
      if (year === null) year = y;
      else if (year !== y) return null;
    }
  }
  return year === null ? null : { from: year, to: year };
}
