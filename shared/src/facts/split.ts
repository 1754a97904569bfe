import { cellAt, isEmptyValue } from '../grid/grid';
import type { SheetModel, Table } from '../reader/model';

/**
 * The item whose cell a page break split, when (rowIndex, col) shows that cell's tail: an item's own tail cell (seed
 * 004, E42 ends 16.2's result), a row under that cell's vertical merge (E43:E45), or a row under a merge that starts
 * in a continuation row. -1 when the row shows its own cell. The logical cell spans them all, like any merged result.
 */
export function splitSourceOf(sheet: SheetModel, table: Table, rowIndex: number, col: number): number {
  const { rows } = table;
  const row = rows[rowIndex];
  if (!row || row.role !== 'item') return -1;
  const merge = sheet.merges.mergeAt(row.row, col);
  // The usual cell: neither merged nor a page-break tail.
  if (!merge) return row.tail?.cols.includes(col) ? row.tail.of : -1;
  if (merge.left !== col) return -1;
  if (merge.top === row.row) return row.tail?.cols.includes(col) ? row.tail.of : -1;
  // Rows are one per sheet row from the first data row, so the master's row is found by offset.
  const owner = rows[merge.top - rows[0]!.row];
  if (!owner || owner.row !== merge.top) return -1;
  if (owner.tail?.cols.includes(col)) return owner.tail.of;
  if (owner.role === 'continuation' && owner.continues !== undefined && !isEmptyValue(cellAt(sheet.grid, merge.top, col))) return owner.continues;
  return -1;
}

/** «Рефлексивно-» + «аналитическая»: a word broken at its hyphen is joined without a space. */
export function appendPart(out: string, part: string): string {
  if (part === '') return out;
  if (out === '') return part;
  return out + (/[а-яёa-z]-$/i.test(out) && /^[а-яёa-z]/.test(part) ? '' : ' ') + part;
}
