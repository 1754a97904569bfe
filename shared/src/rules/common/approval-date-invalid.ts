import { defineRule } from '../../engine/rule';

export default defineRule({
  meta: {
    id: 'approval-date-invalid',
    kind: 'any',
    defaultSeverity: 'warning',
    description: 'Дата утверждения в заголовке таблицы не существует (например, «31 сентября»).',
    howToFix: 'Исправьте дату в строке «от … №» над таблицей на дату из приказа.',
    fixable: false,
    messages: { invalid: 'Дата утверждения «{{text}}» не существует.' },
  },
  create: ({ facts, table, report }) => ({
    table() {
      const { approval } = facts;
      // Only the table whose own title holds the date reports it, so a shared passport date is reported once.
      if (!approval || approval.date !== null || approval.sheet !== table.sheet || !table.titleRows.includes(approval.cell.row)) return;
      report({ messageId: 'invalid', data: { text: approval.text }, cell: approval.cell });
    },
  }),
});
