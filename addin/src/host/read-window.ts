/**
 * How a sheet is read in windows under a host's request limits, and how the answers become one ragged grid: the plain
 * arithmetic of a chunked read, without touching a host. Excel on the web refuses big reads (5 M cells, 5 MB per
 * response), Apps Script caps what `google.script.run` returns; either adapter plans its requests with these.
 */
import type { CellValue } from '@svod/shared';

export interface ReadLimits {
  /** Cells (values and formats) one request may load. Excel on the web refuses a read of more than 5 M cells. */
  cellsPerRequest: number;
  /** Estimated bytes of values and formats per request. Excel on the web answers at most 5 MB. */
  textBytesPerRequest: number;
  /** The first request reads a top-left window of every sheet (together with its size) of at most this many cells… */
  firstWindowCells: number;
  /** …and this many columns. */
  firstWindowColumns: number;
}

/** A rectangle of a sheet, 0-based, as `getRangeByIndexes` (Excel) and `getRange(row, col, rows, cols)` (Sheets) take. */
export interface ReadWindow {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

/**
 * The top-left window the first request reads of each of `sheetCount` sheets: together at most `firstWindowCells`
 * (and `cellsPerRequest`) cells, at most `firstWindowColumns` wide, never empty. An ordinary sheet fits whole.
 */
export function firstWindow(limits: ReadLimits, sheetCount: number): { rows: number; cols: number } {
  const perSheet = Math.max(1, Math.floor(Math.min(limits.firstWindowCells, limits.cellsPerRequest) / Math.max(1, sheetCount)));
  const cols = Math.max(1, Math.min(limits.firstWindowColumns, perSheet));
  const rows = Math.max(1, Math.floor(perSheet / cols));
  return { rows, cols };
}

/**
 * What the first window did not cover of a sheet of `size` (its used range anchored at A1): the columns right of the
 * window beside it, then every row below it, full width.
 */
export function remainingWindows(size: { rows: number; cols: number }, head: { rows: number; cols: number }): ReadWindow[] {
  const out: ReadWindow[] = [];
  if (size.cols > head.cols) out.push({ top: 0, left: head.cols, rows: head.rows, cols: size.cols - head.cols });
  if (size.rows > head.rows) out.push({ top: head.rows, left: 0, rows: size.rows - head.rows, cols: size.cols });
  return out;
}

/**
 * A region cut into row chunks, each within `cellsPerRequest` cells and about `textBytesPerRequest` bytes at
 * `bytesPerCell` (measured on the first window); at least one row per chunk.
 */
export function rowChunks(region: ReadWindow, limits: ReadLimits, bytesPerCell: number): ReadWindow[] {
  const byCells = limits.cellsPerRequest / region.cols;
  const byBytes = limits.textBytesPerRequest / (bytesPerCell * region.cols);
  const step = Math.max(1, Math.floor(Math.min(byCells, byBytes)));
  const out: ReadWindow[] = [];
  for (let r = 0; r < region.rows; r += step) {
    out.push({ top: region.top + r, left: region.left, rows: Math.min(step, region.rows - r), cols: region.cols });
  }
  return out;
}

/** Every request after the first, in the order they are sent. */
export function chunkPlan(size: { rows: number; cols: number }, head: { rows: number; cols: number }, limits: ReadLimits, bytesPerCell: number): ReadWindow[] {
  return remainingWindows(size, head).flatMap((region) => rowChunks(region, limits, bytesPerCell));
}

/** A rough size of what a read returns: strings (UTF-8, Cyrillic is 2 bytes) and the format strings beside them. */
export function payloadBytes(values: readonly (readonly unknown[])[], formats: readonly (readonly unknown[])[] | undefined): number {
  let bytes = 0;
  for (let r = 0; r < values.length; r++) {
    const row = values[r]!;
    const frow = formats?.[r];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      bytes += typeof v === 'string' ? v.length * 2 + 3 : 12;
      const f = frow?.[c];
      bytes += typeof f === 'string' ? f.length + 3 : 4;
    }
  }
  return bytes;
}

/** Bytes per cell of a window of `rows` × `cols` that answered `values` and `formats`; at least 8. */
export function bytesPerCell(values: readonly (readonly unknown[])[], formats: readonly (readonly unknown[])[] | undefined, rows: number, cols: number): number {
  return Math.max(8, payloadBytes(values, formats) / Math.max(1, rows * cols));
}

/** The limits of the next attempt after a host refused a response as too large: a quarter of each size. */
export function smallerLimits(limits: ReadLimits): ReadLimits {
  return {
    cellsPerRequest: Math.max(1, Math.floor(limits.cellsPerRequest / 4)),
    textBytesPerRequest: Math.max(1, Math.floor(limits.textBytesPerRequest / 4)),
    firstWindowCells: Math.max(1, Math.floor(limits.firstWindowCells / 4)),
    firstWindowColumns: limits.firstWindowColumns,
  };
}

/**
 * Collects a sheet's windows into one grid. `place` converts each value with the host's `convert` (a value and the
 * number format beside it); `rows()` is ragged like `readXlsx`'s: holes are empty cells, no trailing empty cells, no
 * trailing empty rows.
 */
export class GridAssembler {
  private readonly cells: CellValue[][] = [];

  constructor(private readonly convert: (value: unknown, numberFormat: string | undefined) => CellValue) {}

  place(values: readonly (readonly unknown[])[], formats: readonly (readonly unknown[])[] | undefined, top: number, left: number): void {
    for (let r = 0; r < values.length; r++) {
      const source = values[r]!;
      const fsource = formats?.[r];
      const row = (this.cells[top + r] ??= []);
      for (let c = 0; c < source.length; c++) {
        const f = fsource?.[c];
        row[left + c] = this.convert(source[c], typeof f === 'string' ? f : undefined);
      }
    }
  }

  rows(): CellValue[][] {
    return raggedRows(this.cells);
  }
}

/** Trims a grid in place the way `readXlsx` leaves it: holes become `null`, trailing empty cells and rows go. */
export function raggedRows(rows: CellValue[][]): CellValue[][] {
  for (let r = 0; r < rows.length; r++) {
    const row = (rows[r] ??= []);
    for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = null;
    while (row.length > 0 && row[row.length - 1] === null) row.pop();
  }
  while (rows.length > 0 && rows[rows.length - 1]!.length === 0) rows.pop();
  return rows;
}
