import { defineRule } from '../../engine/rule';
import { periodText } from './deadlines';

/** Yearless deadlines a spreadsheet's type detection made dates of the year they were typed in (`DeadlineEntry.converted`). */
export default defineRule({
  meta: {
    id: 'deadline-converted',
    kind: 'roadmap',
    defaultSeverity: 'warning',
    description: 'Срок без года («19 апреля») программа сама превратила в дату того года, когда его вводили, и он оказался вне периода плана.',
    howToFix: 'Верните срок текстом, как в приказе, или укажите год, и задайте столбцу сроков текстовый формат.',
    fixable: 'suggestion',
    messages: {
      converted: 'Срок {{shown}} похож на «{{text}}», превращённый программой в дату {{year}} года: это вне периода плана ({{period}}).',
    },
  },
  create({ facts, report }) {
    return {
      deadline(e) {
        if (!e.converted) return;
        report({
          messageId: 'converted',
          data: { shown: e.converted.shown, text: e.converted.text, year: e.converted.shown.slice(-4), period: periodText(facts.period) },
          cell: e.cell,
          fix: { description: `Вернуть срок «${e.converted.text}» текстом`, edits: [{ cell: e.cell, value: e.converted.text }] },
        });
      },
    };
  },
});
