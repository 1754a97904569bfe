import type { CellRange, CellRef } from '../grid/address';
import type { CellValue, Grid, MergeIndex } from '../grid/grid';
import type { IsoDate, PlanPeriod } from '../deadline/types';
import type { ColumnRole } from './vocabulary';
import type { ItemNumber } from './numbering';

export type TableKind = 'roadmap' | 'indicators' | 'glossary' | 'results';

export const TABLE_KIND_NAMES: Record<TableKind, string> = {
  roadmap: 'дорожная карта',
  indicators: 'целевые показатели',
  glossary: 'сокращения',
  results: 'результаты школ',
};

export type RowRole = 'column-numbers' | 'repeated-header' | 'section' | 'item' | 'continuation' | 'blank';

export interface YearColumn {
  year: number;
  col: number;
}

/** A share column of the school-results matrix: procedure → subject → grade band (`4, 5` or `2`). */
export interface ShareColumn {
  col: number;
  group: string;
  band: string;
}

export interface TableRow {
  /** Sheet row, 0-based. */
  row: number;
  role: RowRole;
  /** Items and numbered sections. */
  number: ItemNumber | null;
  /** Section heading text (sections only). */
  title?: string;
  /** For continuation rows: index (in `rows`) of the row they continue. */
  continues?: number;
  /**
   * Items that open a page with the end of the previous item's cells: Word split a vertically merged cell at the page
   * break (seed 004: E42 after a repeated header ends 16.2's result, D58 ends 20's executor). `of` is that item's
   * index; each cell in `cols`, and every row its merge covers, shows that item's cell.
   */
  tail?: { of: number; cols: number[] };
  /**
   * Unnumbered rows with their own executor and result under an item (seed 003, row 14): a second line of that item
   * (index), whose number and activity cells Word spanned over both rows. Items, not continuations.
   */
  subRowOf?: number;
  /** For items and sections: index of the enclosing section or parent item. */
  parent?: number;
  /** Items that have numbered children (`3.` above `3.1`) or indicators ending in «из них:». */
  hasChildren?: boolean;
  /**
   * An item number a spreadsheet's type detection changed (`3.2.` → the date 03.02.2026, `1.10` → the number 1.1), with
   * the text it most likely was: `number` is read from that text.
   */
  converted?: { from: 'date' | 'number'; text: string };
}

export type PeriodSource = 'config' | 'title' | 'workbook' | 'deadlines' | 'years';

export interface TablePeriod extends PlanPeriod {
  source: PeriodSource;
  cell?: CellRef;
}

export interface ApprovalDate {
  text: string;
  date: IsoDate | null;
  /** Where it is written: possibly another sheet (a passport) than the table's. */
  sheet: string;
  cell: CellRef;
}

export interface Table {
  kind: TableKind;
  sheet: string;
  /** Header top-left to last data row, bottom-right. */
  range: CellRange;
  headerRows: number[];
  /** Non-empty rows above the header that belong to this table's title. */
  titleRows: number[];
  /** Column index of each recognised role (first one wins). */
  columns: Partial<Record<ColumnRole, number>>;
  /** Header text of every column (through merges), for messages. */
  headers: Record<number, string>;
  /** Indicator years or the per-year plan columns of a roadmap. */
  years: YearColumn[];
  shares: ShareColumn[];
  rows: TableRow[];
  period?: TablePeriod;
  approval?: ApprovalDate;
}

/**
 * Something table-like the reader did not read as a table: a header-like row over numbered rows (`header`), or a
 * sheet named like a plan that holds no table (`sheet-name`).
 */
export interface UnreadContent {
  /** Where Svod looked: the header-like row's first label, or the sheet's first value. */
  cell: CellRef;
  reason: 'header' | 'sheet-name';
  /** What it most looks like. */
  kind: 'roadmap' | 'indicators';
  /** The labels of that row, with the role Svod gave each (null: not placed). */
  headers: Array<{ col: number; text: string; role: ColumnRole | null }>;
  /** Numbered rows under the header-like row. */
  rows: number;
  /** Roles a table of that kind needs and the row does not name. */
  missing: ColumnRole[];
}

/** What the rules see: one sheet's grid with its merges and every table found on it. */
export interface SheetModel {
  grid: Grid;
  merges: MergeIndex;
  tables: Table[];
  /** Table-like content that was not read as a table: said out loud by `table-unrecognised`. */
  unread: UnreadContent[];
}

export interface GlossaryEntry {
  abbreviation: string;
  fullName: string;
  sheet: string;
  cell: CellRef;
}

export interface WorkbookModel {
  sheets: SheetModel[];
  glossary: GlossaryEntry[];
}

export type { CellValue };
