import type { CellRef } from '../grid/address';
import { indicatorValue } from '../rules/values';
import type { TableFacts } from './table-facts';

export interface ShareCell {
  col: number;
  group: string;
  band: string;
  cell: CellRef;
  value: number;
}

/** Numeric share cells of each school row of the results matrix (cluster rows and `-` are skipped). */
export function shareRows(facts: TableFacts): ShareCell[][] {
  return facts.items.map((row) =>
    facts.table.shares.flatMap((s) => {
      const v = indicatorValue(facts.value(row.row, s.col));
      return v.kind === 'number' ? [{ col: s.col, group: s.group, band: s.band, cell: facts.cellOf(row.row, s.col), value: v.value }] : [];
    }),
  );
}
