import { deadlineSpan } from '../../deadline';
import { defineRule } from '../../engine/rule';

function ruDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

export default defineRule({
  meta: {
    id: 'deadline-before-approval',
    kind: 'roadmap',
    defaultSeverity: 'warning',
    description: 'Срок целиком истекает раньше даты утверждения документа.',
    howToFix: 'Проверьте срок и дату утверждения: мероприятие не может закончиться раньше, чем утверждён план.',
    fixable: false,
    messages: { before: 'Срок «{{text}}» истёк до утверждения документа ({{approval}}).' },
  },
  create({ facts, report }) {
    const approved = facts.approval?.date;
    if (!approved) return {};
    return {
      deadline(e) {
        if (!e.parsed.value || e.columnYear !== undefined) return;
        const span = deadlineSpan(e.parsed.value);
        if (span?.to && span.to < approved) report({ messageId: 'before', data: { text: e.text, approval: ruDate(approved) }, cell: e.cell });
      },
    };
  },
});
