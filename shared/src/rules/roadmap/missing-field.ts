import type { RuleContext, RuleListeners } from '../../engine/rule';
import type { ColumnRole } from '../../reader/vocabulary';

/**
 * Reports items whose cell in `role` is empty, counting text carried by page-break continuations and merged cells.
 * Group items (`3.` above `3.1`) only head their children and are not expected to have every field.
 */
export function missingField({ facts, report }: RuleContext, role: ColumnRole, options: { groupsToo?: boolean } = {}): RuleListeners {
  const col = facts.col(role);
  if (col === undefined) return {};
  return {
    row(row, index) {
      if (row.role !== 'item' || (row.hasChildren && !options.groupsToo)) return;
      // A second line of an item (seed 003, row 14) has the item's activity: Word spans that cell over both rows.
      const owner = role === 'activity' && row.subRowOf !== undefined ? row.subRowOf : index;
      if (facts.fullText(owner, col) !== '') return;
      report({ messageId: 'missing', data: { number: row.number?.raw ?? '' }, cell: facts.cellOf(row.row, col) });
    },
  };
}
