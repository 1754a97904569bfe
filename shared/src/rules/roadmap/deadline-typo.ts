import { defineRule } from '../../engine/rule';
import { onDeadlineProblem } from './deadlines';

export default defineRule({
  meta: {
    id: 'deadline-typo',
    kind: 'roadmap',
    defaultSeverity: 'warning',
    description: 'Опечатка в названии месяца или в слове срока, которую можно исправить однозначно.',
    howToFix: 'Исправьте опечатку: напишите месяц или слово срока так, как предложено в замечании.',
    fixable: 'safe',
    messages: { typo: 'Опечатка в сроке: «{{fragment}}» вместо «{{expected}}».' },
  },
  create: ({ facts, report }) =>
    onDeadlineProblem('typo', (e, p) => {
      if (p.code !== 'typo') return;
      // Only a deadline that is the whole cell can be rewritten; one inside a per-year plan text or spread over
      // page-break continuation rows is left to the user.
      const row = facts.table.rows[e.rowIndex]!;
      const whole = e.columnYear === undefined && facts.text(row.row, e.cell.col) === e.text;
      const fix = whole ? { description: `Исправить на «${p.suggestion}»`, edits: [{ cell: e.cell, value: p.suggestion }] } : undefined;
      report({ messageId: 'typo', data: { fragment: p.fragment, expected: p.expected }, cell: e.cell, ...(fix ? { fix } : {}) });
    }),
});
