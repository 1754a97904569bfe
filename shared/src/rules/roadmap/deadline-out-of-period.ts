import { deadlineSpan } from '../../deadline';
import { defineRule, type RuleReport } from '../../engine/rule';
import { deadlineEntries, periodText } from './deadlines';

export default defineRule({
  meta: {
    id: 'deadline-out-of-period',
    kind: 'roadmap',
    defaultSeverity: 'warning',
    description: 'Срок выходит за период плана, указанный в заголовке (или дата в годовом столбце относится к другому году).',
    fixable: false,
    messages: {
      outside: 'Срок «{{text}}» выходит за период плана ({{period}}).',
      wrongYear: 'Срок «{{text}}» стоит в столбце {{year}} года, но относится к другому году.',
    },
  },
  check(context) {
    const out: RuleReport[] = [];
    const period = context.period;
    // A period derived from the deadlines themselves cannot be used to judge them.
    const trusted = period && period.source !== 'deadlines';
    for (const e of deadlineEntries(context)) {
      if (!e.parsed.value) continue;
      const span = deadlineSpan(e.parsed.value);
      if (!span) continue;
      if (e.columnYear !== undefined) {
        const from = `${e.columnYear}-01-01`;
        const to = `${e.columnYear}-12-31`;
        if ((span.from && span.from > to) || (span.to && span.to < from)) {
          out.push({ messageId: 'wrongYear', data: { text: e.text, year: e.columnYear }, cell: e.cell });
        }
        continue;
      }
      if (!trusted || e.parsed.yearInferred) continue;
      const from = `${period.from}-01-01`;
      const to = `${period.to}-12-31`;
      if ((span.from && span.from > to) || (span.to && span.to < from)) {
        out.push({ messageId: 'outside', data: { text: e.text, period: periodText(context) }, cell: e.cell });
      }
    }
    return out;
  },
});
