/** A1 addressing. Rows and columns are 0-based inside Svod; A1 strings are what users see. */

export interface CellRef {
  row: number;
  col: number;
}

/** An inclusive rectangle of cells, 0-based. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function columnLetters(col: number): string {
  let n = col + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) throw new RangeError(`Not a column name: ${letters}`);
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

export function toA1(ref: CellRef): string {
  return `${columnLetters(ref.col)}${ref.row + 1}`;
}

const A1_RE = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/** Parses `B12` (or `$B$12`); returns null for anything else. */
export function parseA1(a1: string): CellRef | null {
  const m = A1_RE.exec(a1.trim());
  if (!m) return null;
  const row = Number(m[2]) - 1;
  if (row < 0) return null;
  return { row, col: columnIndex(m[1]!) };
}

export function rangeToA1(range: CellRange): string {
  const start = toA1({ row: range.top, col: range.left });
  const end = toA1({ row: range.bottom, col: range.right });
  return start === end ? start : `${start}:${end}`;
}

/** Parses `A4:E80` or a single cell. */
export function parseRangeA1(a1: string): CellRange | null {
  const [a, b] = a1.split(':');
  const start = a ? parseA1(a) : null;
  const end = b ? parseA1(b) : start;
  if (!start || !end) return null;
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.col, end.col),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.col, end.col),
  };
}

export function rangeContains(range: CellRange, ref: CellRef): boolean {
  return ref.row >= range.top && ref.row <= range.bottom && ref.col >= range.left && ref.col <= range.right;
}
