import type { CellRef } from '../grid/address';
import { cellAt, type CellValue } from '../grid/grid';
import type { ParsedDeadline } from '../deadline/types';
import type { ColumnRole } from '../reader/vocabulary';
import type { ApprovalDate, SheetModel, Table, TablePeriod, TableRow } from '../reader/model';
import { cellText, collapseWhitespace } from '../text/normalize';
import { cachedDeadline, deadlineEntries, periodFromDeadlines, type DeadlineEntry } from './deadlines';
import { executorMentions, type ExecutorMention } from './executors';
import { indicatorRows, type IndicatorRow } from './indicators';
import { numberingAnalysis, type NumberingAnalysis } from './numbering';
import { sectionTitles } from './sections';
import { shareRows, type ShareCell } from './shares';
import { appendPart, splitSourceOf } from './split';
import { textCells, type TextCell } from './text-cells';
import type { WorkbookFacts } from './workbook-facts';

/**
 * What one table states, computed once and shared by every rule and by the extraction for the regional workbook:
 * the reading helpers (values through merges, collapsed texts, texts a page break split) and the facts built on them
 * (deadlines, numbering, executors, indicator rows, text cells, section titles). Each fact is built on first use and
 * kept; nothing here changes the reader's `Table`.
 */
export class TableFacts {
  /** The plan period: the reader's, else the one the deadlines or the year columns imply. */
  readonly period: TablePeriod | undefined;
  /** The approval date: the configured one wins over what the titles say. */
  readonly approval: ApprovalDate | undefined;

  private texts_?: string[];
  private readonly deadlineCache = new Map<number, ParsedDeadline | null>();
  private itemRows?: TableRow[];
  private deadlineList?: DeadlineEntry[];
  private numbering?: NumberingAnalysis;
  private mentions?: ExecutorMention[];
  private indicatorList?: IndicatorRow[];
  private texts?: TextCell[];
  private shares?: ShareCell[][];
  private titles?: Map<number, string>;

  constructor(
    readonly table: Table,
    readonly sheet: SheetModel,
    readonly workbook: WorkbookFacts,
  ) {
    this.period = table.period ?? this.impliedPeriod();
    const approvalDate = workbook.config.approvalDate;
    this.approval = approvalDate
      ? { text: approvalDate, date: approvalDate, sheet: table.sheet, cell: { row: table.range.top, col: table.range.left } }
      : table.approval;
  }

  private impliedPeriod(): TablePeriod | undefined {
    const { table } = this;
    if (table.kind === 'roadmap') {
      const p = periodFromDeadlines(this);
      return p ? { ...p, source: 'deadlines' } : undefined;
    }
    if (table.kind === 'indicators' && table.years.length) {
      const years = table.years.map((y) => y.year);
      return { from: Math.min(...years), to: Math.max(...years), source: 'years' };
    }
    return undefined;
  }

  col(role: ColumnRole): number | undefined {
    return this.table.columns[role];
  }

  /** The value shown at (row, col), looking through merges. */
  value(row: number, col: number): CellValue {
    const m = this.sheet.merges.mergeAt(row, col);
    return m ? cellAt(this.sheet.grid, m.top, m.left) : cellAt(this.sheet.grid, row, col);
  }

  /** The raw value stored in the cell itself (empty inside a merge). */
  rawValue(row: number, col: number): CellValue {
    return cellAt(this.sheet.grid, row, col);
  }

  /** The collapsed text shown at (row, col); the table's cells are read once, in one pass, on first use. */
  text(row: number, col: number | undefined): string {
    if (col === undefined) return '';
    const { top, left, bottom, right } = this.table.range;
    if (row < top || row > bottom || col < left || col > right) return collapseWhitespace(cellText(this.value(row, col)));
    const texts = (this.texts_ ??= this.readTexts());
    return texts[(row - top) * (right - left + 1) + (col - left)]!;
  }

  /** Every cell of the table's range as shown (through merges), collapsed: a dense array, row by row. */
  private readTexts(): string[] {
    const { top, left, bottom, right } = this.table.range;
    const out: string[] = [];
    for (let r = top; r <= bottom; r++) {
      for (let c = left; c <= right; c++) {
        const value = this.value(r, c);
        out.push(value === null ? '' : collapseWhitespace(cellText(value)));
      }
    }
    return out;
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

  get items(): TableRow[] {
    return (this.itemRows ??= this.table.rows.filter((r) => r.role === 'item'));
  }

  /** The row's deadline, read with the plan period; null when the cell is empty. */
  deadline(rowIndex: number): ParsedDeadline | null {
    const hit = this.deadlineCache.get(rowIndex);
    if (hit !== undefined) return hit;
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

  /** Every deadline of a roadmap, parsed once. */
  get deadlines(): DeadlineEntry[] {
    return (this.deadlineList ??= deadlineEntries(this));
  }

  /** The numbering problems of the table and the one renumbering that fixes them all. */
  get numberingAnalysis(): NumberingAnalysis {
    return (this.numbering ??= numberingAnalysis(this));
  }

  /** Every executor name of a roadmap, once per cell. */
  get executors(): ExecutorMention[] {
    return (this.mentions ??= executorMentions(this));
  }

  /** The indicator rows with their unit and per-year values. */
  get indicators(): IndicatorRow[] {
    return (this.indicatorList ??= indicatorRows(this));
  }

  /** Every text cell of the table body and of its title rows. */
  get textCells(): TextCell[] {
    return (this.texts ??= textCells(this));
  }

  /** Numeric share cells of each school row of a results matrix. */
  get shareRows(): ShareCell[][] {
    return (this.shares ??= shareRows(this));
  }

  /** Section titles by row index, with what page breaks split off them. */
  get sectionTitles(): Map<number, string> {
    return (this.titles ??= sectionTitles(this));
  }
}
