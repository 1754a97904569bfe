import { defineRule } from '../../engine/rule';
import { problemReports } from './deadlines';

export default defineRule({
  meta: {
    id: 'deadline-typo',
    kind: 'roadmap',
    defaultSeverity: 'warning',
    description: 'Опечатка в названии месяца или в слове срока, которую можно исправить однозначно.',
    fixable: 'safe',
    messages: { typo: 'Опечатка в сроке: «{{fragment}}» вместо «{{expected}}».' },
  },
  check: (context) =>
    problemReports(context, 'typo', (e, p) => {
      if (p.code !== 'typo') return null;
      // Only a deadline that is the whole cell can be rewritten; one inside a per-year plan text or spread over
      // page-break continuation rows is left to the user.
      const row = context.table.rows[e.rowIndex]!;
      const whole = e.columnYear === undefined && context.text(row.row, e.cell.col) === e.text;
      const fix = whole ? { description: `Исправить на «${p.suggestion}»`, edits: [{ cell: e.cell, value: p.suggestion }] } : undefined;
      return { messageId: 'typo', data: { fragment: p.fragment, expected: p.expected }, cell: e.cell, ...(fix ? { fix } : {}) };
    }),
});
