import type { CellRef } from '../../grid/address';
import type { TableContext } from '../../engine/context';
import { indicatorValue } from '../values';

export interface ShareCell {
  col: number;
  group: string;
  band: string;
  cell: CellRef;
  value: number;
}

/** Numeric share cells of each school row of the results matrix (cluster rows and `-` are skipped). */
export function shareRows(context: TableContext): ShareCell[][] {
  return context.table.rows
    .filter((r) => r.role === 'item')
    .map((row) =>
      context.table.shares.flatMap((s) => {
        const v = indicatorValue(context.value(row.row, s.col));
        return v.kind === 'number' ? [{ col: s.col, group: s.group, band: s.band, cell: context.cellOf(row.row, s.col), value: v.value }] : [];
      }),
    );
}
