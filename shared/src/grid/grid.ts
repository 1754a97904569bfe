import type { CellRange, CellRef } from './address';

/** What a spreadsheet cell can hold once an adapter has read it. Formulas arrive as their last value. */
export type CellValue = string | number | boolean | Date | null;

/**
 * One sheet as plain data: the shape every adapter (ExcelJS, CSV, Office.js, Apps Script, JSON) produces.
 * `rows` may be ragged; a missing cell is empty.
 */
export interface Grid {
  name: string;
  rows: CellValue[][];
  /** Merged areas; the value lives in the top-left cell. */
  merges?: CellRange[];
}

/** A workbook is its sheets in tab order. */
export interface GridWorkbook {
  sheets: Grid[];
}

export function cellAt(grid: Grid, row: number, col: number): CellValue {
  return grid.rows[row]?.[col] ?? null;
}

export function rowCount(grid: Grid): number {
  return grid.rows.length;
}

const widths = new WeakMap<CellValue[][], number>();

/** The widest row (merges included), computed once per grid: the reader asks for it on every row. */
export function columnCount(grid: Grid): number {
  const known = widths.get(grid.rows);
  if (known !== undefined) return known;
  let max = 0;
  for (const row of grid.rows) if (row.length > max) max = row.length;
  for (const m of grid.merges ?? []) if (m.right + 1 > max) max = m.right + 1;
  widths.set(grid.rows, max);
  return max;
}

export function isEmptyValue(value: CellValue): boolean {
  if (typeof value !== 'string') return value === null;
  if (value.length === 0) return true;
  // Most cells start with a letter or a digit: no whitespace below U+1680 is above a space but U+00A0.
  const first = value.charCodeAt(0);
  if (first > 32 && first !== 0xa0 && first < 0x1680) return false;
  return value.trim() === '';
}

/**
 * Where the value shown in a cell really lives: the top-left cell of its merge, or the cell itself.
 * Built once per grid because rules ask for every cell.
 */
export class MergeIndex {
  private readonly owner = new Map<number, CellRange>();
  private readonly width: number;
  /** 1 for the rows some merge covers: most rows have none, and their cells skip the map. */
  private readonly mergedRows: Uint8Array;

  constructor(grid: Grid) {
    this.width = Math.max(columnCount(grid), 1) + 1;
    let bottom = 0;
    for (const m of grid.merges ?? []) bottom = Math.max(bottom, m.bottom + 1);
    this.mergedRows = new Uint8Array(bottom);
    for (const m of grid.merges ?? []) {
      for (let r = m.top; r <= m.bottom; r++) {
        this.mergedRows[r] = 1;
        for (let c = m.left; c <= m.right; c++) this.owner.set(r * this.width + c, m);
      }
    }
  }

  /** The merge that covers this cell, if any. */
  mergeAt(row: number, col: number): CellRange | undefined {
    if (col >= this.width || this.mergedRows[row] !== 1) return undefined;
    return this.owner.get(row * this.width + col);
  }

  /** The cell that holds the value displayed at (row, col). */
  masterOf(row: number, col: number): CellRef {
    const m = this.mergeAt(row, col);
    return m ? { row: m.top, col: m.left } : { row, col };
  }

  get size(): number {
    return this.owner.size;
  }
}

/** The value displayed at (row, col), looking through merges. */
export function displayedValue(grid: Grid, merges: MergeIndex, row: number, col: number): CellValue {
  const master = merges.masterOf(row, col);
  return cellAt(grid, master.row, master.col);
}
