import { defineRule } from '../../engine/rule';

export default defineRule({
  meta: {
    id: 'approval-date-invalid',
    kind: 'any',
    defaultSeverity: 'warning',
    description: 'Дата утверждения в заголовке таблицы не существует (например, «31 сентября»).',
    fixable: false,
    messages: { invalid: 'Дата утверждения «{{text}}» не существует.' },
  },
  check(context) {
    const approval = context.table.approval;
    // Only the table whose own title holds the date reports it, so a shared passport date is reported once.
    if (!approval || approval.date !== null || approval.sheet !== context.table.sheet) return [];
    if (!context.table.titleRows.includes(approval.cell.row)) return [];
    return [{ messageId: 'invalid', data: { text: approval.text }, cell: approval.cell }];
  },
});
