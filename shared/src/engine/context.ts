import type { CellRef } from '../grid/address';
import { cellAt, isEmptyValue, type CellValue } from '../grid/grid';
import { deadlineFromCell, deadlineSpan } from '../deadline';
import type { ParsedDeadline, PlanPeriod } from '../deadline/types';
import type { ColumnRole } from '../reader/vocabulary';
import type { SheetModel, Table, TablePeriod, TableRow, WorkbookModel } from '../reader/model';
import { cellText, collapseWhitespace, matchKey } from '../text/normalize';
import type { SvodConfig } from './config';

const splitCache = new Map<string, readonly string[]>();

/**
 * Splits an executor cell into names: `;`, line breaks and commas outside quotes separate them. Memoised: a region's
 * executors come from a short list, repeated on every row.
 */
export function splitExecutors(text: string): readonly string[] {
  const hit = splitCache.get(text);
  if (hit) return hit;
  const names = splitExecutorsUncached(text);
  if (splitCache.size >= 20_000) splitCache.clear();
  splitCache.set(text, names);
  return names;
}

function splitExecutorsUncached(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '«' || ch === '(') depth++;
    else if ((ch === '»' || ch === ')') && depth > 0) depth--;
    if (depth === 0 && (ch === ';' || ch === '\n' || ch === ',')) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.map((s) => collapseWhitespace(s).replace(/^[-–•]\s*/, '').replace(/[.;,]+$/, '').trim()).filter((s) => s.length > 0);
}

/**
 * The item whose cell a page break split, when (rowIndex, col) shows that cell's tail: an item's own tail cell (seed
 * 004, E42 ends 16.2's result), a row under that cell's vertical merge (E43:E45), or a row under a merge that starts
 * in a continuation row. -1 when the row shows its own cell. The logical cell spans them all, like any merged result.
 */
export function splitSourceOf(sheet: SheetModel, table: Table, rowIndex: number, col: number): number {
  const { rows } = table;
  const row = rows[rowIndex];
  if (!row || row.role !== 'item') return -1;
  const master = sheet.merges.masterOf(row.row, col);
  if (master.col !== col) return -1;
  if (master.row === row.row) return row.tail?.cols.includes(col) ? row.tail.of : -1;
  // Rows are one per sheet row from the first data row, so the master's row is found by offset.
  const owner = rows[master.row - rows[0]!.row];
  if (!owner || owner.row !== master.row) return -1;
  if (owner.tail?.cols.includes(col)) return owner.tail.of;
  if (owner.role === 'continuation' && owner.continues !== undefined && !isEmptyValue(cellAt(sheet.grid, master.row, col))) return owner.continues;
  return -1;
}

/** «Рефлексивно-» + «аналитическая»: a word broken at its hyphen is joined without a space. */
function appendPart(out: string, part: string): string {
  if (part === '') return out;
  if (out === '') return part;
  return out + (/[а-яёa-z]-$/i.test(out) && /^[а-яёa-z]/.test(part) ? '' : ' ') + part;
}

/** «Управление образования администрации … (далее – Управление образования)»: the alias a document defines. */
const ALIAS = /\(далее\s*[-–—]?\s*([^()]{2,80})\)/gi;

/** What one workbook knows about executors, computed once for all its tables. */
export class WorkbookContext {
  private executorCache: { known: Set<string>; abbreviations: string[]; usage: Map<string, number>; spelled: Map<string, string> } | null = null;

  constructor(
    readonly model: WorkbookModel,
    readonly config: SvodConfig,
  ) {}

  get hasGlossary(): boolean {
    return this.model.glossary.length > 0;
  }

  /** Known executor keys (glossary, config, «далее –» aliases), how often each name is used, and its usual spelling. */
  executors(): NonNullable<WorkbookContext['executorCache']> {
    if (this.executorCache) return this.executorCache;
    const known = new Set<string>();
    const abbreviations: string[] = [];
    const usage = new Map<string, number>();
    const spelled = new Map<string, string>();
    const add = (name: string) => {
      const key = matchKey(name);
      if (key) known.add(key);
    };
    for (const e of this.model.glossary) {
      add(e.abbreviation);
      add(e.fullName);
      const k = matchKey(e.abbreviation);
      if (k) abbreviations.push(k);
    }
    for (const e of this.config.executors ?? []) add(e);
    for (const sheet of this.model.sheets) {
      for (const table of sheet.tables) {
        if (table.kind !== 'roadmap' || table.columns.executor === undefined) continue;
        const col = table.columns.executor;
        let lastMasterRow = -1;
        for (const [index, row] of table.rows.entries()) {
          if (row.role !== 'item') continue;
          const master = sheet.merges.masterOf(row.row, col);
          if (master.row === lastMasterRow) continue; // a merged executor counts once
          lastMasterRow = master.row;
          if (splitSourceOf(sheet, table, index, col) >= 0) continue; // the end of a name a page break split: not a name
          const text = cellText(cellAt(sheet.grid, master.row, master.col));
          const hasAlias = text.includes('далее');
          if (hasAlias) for (const m of text.matchAll(ALIAS)) add(m[1]!.trim());
          for (const name of splitExecutors(hasAlias ? text.replace(ALIAS, '') : text)) {
            const key = matchKey(name);
            usage.set(key, (usage.get(key) ?? 0) + 1);
            if (!spelled.has(key)) spelled.set(key, name);
          }
        }
      }
    }
    this.executorCache = { known, abbreviations, usage, spelled };
    return this.executorCache;
  }
}

/** Everything a rule may ask about one table. Caches are per table and shared by all rules. */
export class TableContext {
  private readonly deadlineCache = new Map<number, ParsedDeadline | null>();

  constructor(
    readonly table: Table,
    readonly sheet: SheetModel,
    readonly workbook: WorkbookContext,
  ) {}

  get config(): SvodConfig {
    return this.workbook.config;
  }

  get period(): TablePeriod | undefined {
    return this.table.period;
  }

  col(role: ColumnRole): number | undefined {
    return this.table.columns[role];
  }

  /** The value shown at (row, col), looking through merges. */
  value(row: number, col: number): CellValue {
    const m = this.sheet.merges.masterOf(row, col);
    return cellAt(this.sheet.grid, m.row, m.col);
  }

  /** The raw value stored in the cell itself (empty inside a merge). */
  rawValue(row: number, col: number): CellValue {
    return cellAt(this.sheet.grid, row, col);
  }

  /** Collapsed texts of the table's cells, filled on first use: every rule reads the same cells. */
  private readonly textCache: Array<string | undefined> = [];

  text(row: number, col: number | undefined): string {
    if (col === undefined) return '';
    const { top, left, bottom, right } = this.table.range;
    if (row < top || row > bottom || col < left || col > right) return collapseWhitespace(cellText(this.value(row, col)));
    const index = (row - top) * (right - left + 1) + (col - left);
    let text = this.textCache[index];
    if (text === undefined) {
      text = collapseWhitespace(cellText(this.value(row, col)));
      this.textCache[index] = text;
    }
    return text;
  }

  /** The cell that holds the value shown at (row, col): where to point and where to write. */
  cellOf(row: number, col: number): CellRef {
    return this.sheet.merges.masterOf(row, col);
  }

  /** True when (row, col) is covered by a merge whose value lives in an earlier row. */
  mergedFromAbove(row: number, col: number): boolean {
    const m = this.sheet.merges.mergeAt(row, col);
    return !!m && m.top < row;
  }

  items(): TableRow[] {
    return this.table.rows.filter((r) => r.role === 'item');
  }

  /** The row's deadline, read with the plan period; null when the cell is empty. */
  deadline(rowIndex: number): ParsedDeadline | null {
    if (this.deadlineCache.has(rowIndex)) return this.deadlineCache.get(rowIndex)!;
    const col = this.col('deadline');
    const row = this.table.rows[rowIndex];
    let parsed: ParsedDeadline | null = null;
    if (col !== undefined && row) {
      const value = this.value(row.row, col);
      // A deadline split by a page break («в течение» + «2020-2023 гг.») is read whole.
      parsed = cachedDeadline(typeof value === 'string' ? this.fullText(rowIndex, col) : value, this.period);
    }
    this.deadlineCache.set(rowIndex, parsed);
    return parsed;
  }

  /** See `splitSourceOf`: the item whose page-split cell (rowIndex, col) shows, or -1. */
  splitSource(rowIndex: number, col: number): number {
    return splitSourceOf(this.sheet, this.table, rowIndex, col);
  }

  /**
   * True when the item's cell in `col` is one a page break split inside a vertical merge: its tail is shown here, or
   * it opens the next page in a numbered row. Continuation rows are not this: they are rows of their own.
   */
  splitInMergedCell(rowIndex: number, col: number | undefined): boolean {
    if (col === undefined) return false;
    if (this.splitSource(rowIndex, col) >= 0) return true;
    const { rows } = this.table;
    for (let i = rowIndex + 1; i < rows.length; i++) {
      const next = rows[i]!;
      if (next.role === 'repeated-header' || next.role === 'blank' || (next.role === 'continuation' && next.continues === rowIndex)) continue;
      return next.role === 'item' && next.tail?.of === rowIndex && next.tail.cols.includes(col);
    }
    return false;
  }

  /**
   * The full text of an item including what page breaks split off it: continuation rows, and the cell that ends it at
   * the top of the next page. A row showing such a tail reads the whole cell it belongs to.
   */
  fullText(rowIndex: number, col: number | undefined): string {
    if (col === undefined) return '';
    const { rows } = this.table;
    const row = rows[rowIndex];
    if (!row) return '';
    const source = this.splitSource(rowIndex, col);
    if (source >= 0) return source < rowIndex ? this.fullText(source, col) : '';
    const own = this.text(row.row, col);
    // The usual case, nothing below the row: no loop.
    const next = rows[rowIndex + 1];
    if (!next || (next.role !== 'continuation' && next.role !== 'repeated-header' && next.role !== 'blank')) return own;
    let out = own;
    for (let i = rowIndex + 1; i < rows.length; i++) {
      const next = rows[i]!;
      if (next.role === 'repeated-header' || next.role === 'blank') continue;
      if (next.role === 'item' && next.tail?.of === rowIndex) {
        if (next.tail.cols.includes(col)) out = appendPart(out, this.text(next.row, col));
        break;
      }
      if (next.role !== 'continuation' || next.continues !== rowIndex) break;
      if (!this.mergedFromAbove(next.row, col)) out = appendPart(out, this.text(next.row, col));
    }
    return out;
  }
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
export function periodFromDeadlines(context: TableContext): PlanPeriod | null {
  const col = context.col('deadline');
  if (col === undefined) return null;
  let year: number | null = null;
  for (const row of context.table.rows) {
    if (row.role !== 'item') continue;
    const parsed = cachedDeadline(context.value(row.row, col), undefined);
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
