import type { CellRef } from '../grid/address';
import type { TableFacts } from './table-facts';

export interface TextCell {
  cell: CellRef;
  /** The cell's own text, as stored (not collapsed): what the text-style rules judge and fix. */
  text: string;
  /** A cell of the table's title rows, above its header. */
  inTitle: boolean;
}

/** Every non-empty text cell of the table's title rows (whole rows) and of its body (its columns), in sheet order. */
export function textCells(facts: TableFacts): TextCell[] {
  const { table, sheet } = facts;
  const out: TextCell[] = [];
  const collect = (r: number, inTitle: boolean) => {
    const cells = sheet.grid.rows[r];
    if (!cells) return;
    const left = inTitle ? 0 : table.range.left;
    const right = inTitle ? cells.length - 1 : Math.min(table.range.right, cells.length - 1);
    for (let c = left; c <= right; c++) {
      const v = cells[c];
      if (typeof v === 'string' && v !== '') out.push({ cell: { row: r, col: c }, text: v, inTitle });
    }
  };
  for (const r of table.titleRows) collect(r, true);
  for (let r = table.range.top; r <= table.range.bottom; r++) collect(r, false);
  return out;
}
