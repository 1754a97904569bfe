import type { CellRef } from '../../grid/address';
import type { TableContext } from '../../engine/context';

/** Every text cell of a table (and, when asked, of its title rows): what the text-style rules look at. */
export function* textCells(context: TableContext, options: { withTitle: boolean }): Generator<{ cell: CellRef; text: string }> {
  const { table, sheet } = context;
  const rows = options.withTitle ? [...table.titleRows] : [];
  for (let r = table.range.top; r <= table.range.bottom; r++) rows.push(r);
  for (const r of rows) {
    const cells = sheet.grid.rows[r];
    if (!cells) continue;
    const inTitle = r < table.range.top;
    const left = inTitle ? 0 : table.range.left;
    const right = inTitle ? cells.length - 1 : table.range.right;
    for (let c = left; c <= right; c++) {
      const v = cells[c];
      if (typeof v === 'string' && v !== '') yield { cell: { row: r, col: c }, text: v };
    }
  }
}
