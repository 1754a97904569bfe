import { deadlineSpan } from '../../deadline';
import { defineRule } from '../../engine/rule';
import { periodText } from './deadlines';

export default defineRule({
  meta: {
    id: 'deadline-out-of-period',
    kind: 'roadmap',
    defaultSeverity: 'warning',
    description: 'Срок выходит за период плана, указанный в заголовке, целиком или частично (или дата в годовом столбце относится к другому году).',
    howToFix: 'Проверьте год в сроке или период плана в заголовке таблицы.',
    fixable: false,
    messages: {
      outside: 'Срок «{{text}}» выходит за период плана ({{period}}).',
      wrongYear: 'Срок «{{text}}» стоит в столбце {{year}} года, но относится к другому году.',
    },
  },
  create({ facts, report }) {
    const { period } = facts;
    // A period derived from the deadlines themselves cannot be used to judge them.
    const trusted = period && period.source !== 'deadlines';
    return {
      deadline(e) {
        if (!e.parsed.value) return;
        const span = deadlineSpan(e.parsed.value);
        if (!span) return;
        if (e.columnYear !== undefined) {
          const from = `${e.columnYear}-01-01`;
          const to = `${e.columnYear}-12-31`;
          if ((span.from && span.from > to) || (span.to && span.to < from)) {
            report({ messageId: 'wrongYear', data: { text: e.text, year: e.columnYear }, cell: e.cell });
          }
          return;
        }
        // A yearless deadline turned into a date of the wrong year is `deadline-converted`'s, not a deadline outside.
        if (!trusted || e.converted) return;
        const from = `${period.from}-01-01`;
        const to = `${period.to}-12-31`;
        // Partly outside counts too: «сентябрь – май» in a plan for 2024 runs into 2025. A year taken from the plan
        // keeps a single month or date inside it, so only a range that crosses a new year can leave it.
        if ((span.from && span.from < from) || (span.to && span.to > to)) {
          report({ messageId: 'outside', data: { text: e.text, period: periodText(period) }, cell: e.cell });
        }
      },
    };
  },
});
