import { deadlineSpan } from '../../deadline';
import { defineRule, type RuleReport } from '../../engine/rule';
import { deadlineEntries } from './deadlines';

function ruDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

export default defineRule({
  meta: {
    id: 'deadline-before-approval',
    kind: 'roadmap',
    defaultSeverity: 'warning',
    description: 'Срок целиком истекает раньше даты утверждения документа.',
    fixable: false,
    messages: { before: 'Срок «{{text}}» истёк до утверждения документа ({{approval}}).' },
  },
  check(context) {
    const approved = context.table.approval?.date;
    if (!approved) return [];
    const out: RuleReport[] = [];
    for (const e of deadlineEntries(context)) {
      if (!e.parsed.value || e.columnYear !== undefined) continue;
      const span = deadlineSpan(e.parsed.value);
      if (span?.to && span.to < approved) {
        out.push({ messageId: 'before', data: { text: e.text, approval: ruDate(approved) }, cell: e.cell });
      }
    }
    return out;
  },
});
