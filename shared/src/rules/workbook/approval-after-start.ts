import { defineWorkbookRule } from '../../engine/rule';
import type { TableFacts } from '../../facts/table-facts';
import { statedPeriod } from './period-mismatch';

const AMENDED = /редакци|изменени/i;

/** Whether the table's title says it is an amended version of the plan. */
function amended(t: TableFacts): boolean {
  return t.table.titleRows.some((r) => (t.sheet.grid.rows[r] ?? []).some((v) => typeof v === 'string' && AMENDED.test(v)));
}

const shown = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

export default defineWorkbookRule({
  meta: {
    id: 'approval-after-start',
    kind: 'workbook',
    defaultSeverity: 'warning',
    description: 'Дата утверждения не согласуется с периодом плана: план утверждён после окончания своего первого года (если это не новая редакция) или всего периода либо больше чем за год до начала.',
    howToFix: 'Проверьте год в дате приказа и период в заголовке плана: одна из дат, скорее всего, скопирована из старого документа.',
    fixable: false,
    messages: {
      afterFirstYear: 'План на {{period}} утверждён {{date}}, уже после окончания {{year}} года: проверьте дату утверждения или период.',
      afterEnd: 'План на {{period}} утверждён {{date}}, после окончания всего периода: проверьте дату утверждения или период.',
      longBefore: 'План на {{period}} утверждён {{date}}, больше чем за год до начала: проверьте дату утверждения или период.',
    },
  },
  create: ({ workbook, report }) => ({
    workbook() {
      // Two tables approved by one order (a roadmap and its support plan) point at one cell: said once.
      const said = new Set<string>();
      for (const t of workbook.tables) {
        if (t.table.kind !== 'roadmap') continue;
        const period = statedPeriod(t);
        const approval = t.approval;
        if (!period || !approval?.date) continue;
        const key = `${approval.sheet}!${approval.cell.row}:${approval.cell.col}`;
        if (said.has(key)) continue;
        const year = Number(approval.date.slice(0, 4));
        const span = period.from === period.to ? `${period.from} год` : `${period.from}–${period.to} годы`;
        const data = { period: span, date: shown(approval.date), year: period.from };
        let messageId: string | undefined;
        if (year > period.to) messageId = 'afterEnd';
        // A plan amended later («в редакции приказа от …», «о внесении изменений») is approved again mid-period.
        else if (year > period.from && !amended(t)) messageId = 'afterFirstYear';
        else if (year < period.from - 1) messageId = 'longBefore';
        if (!messageId) continue;
        said.add(key);
        report({ sheet: approval.sheet, cell: approval.cell, messageId, data, ...(approval.sheet === t.table.sheet ? { table: t.table.range } : {}) });
      }
    },
  }),
});
