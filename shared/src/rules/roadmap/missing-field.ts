import type { TableContext } from '../../engine/context';
import type { RuleReport } from '../../engine/rule';
import type { ColumnRole } from '../../reader/vocabulary';

/**
 * Items whose cell in `role` is empty, counting text carried by page-break continuations and merged cells.
 * Group items (`3.` above `3.1`) only head their children and are not expected to have every field.
 */
export function missingFieldReports(context: TableContext, role: ColumnRole, options: { groupsToo?: boolean } = {}): RuleReport[] {
  const col = context.col(role);
  if (col === undefined) return [];
  const out: RuleReport[] = [];
  context.table.rows.forEach((row, index) => {
    if (row.role !== 'item') return;
    if (row.hasChildren && !options.groupsToo) return;
    // A second line of an item (seed 003, row 14) has the item's activity: Word spans that cell over both rows.
    const owner = role === 'activity' && row.subRowOf !== undefined ? row.subRowOf : index;
    if (context.fullText(owner, col) !== '') return;
    out.push({ messageId: 'missing', data: { number: row.number?.raw ?? '' }, cell: context.cellOf(row.row, col) });
  });
  return out;
}
