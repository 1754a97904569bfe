import { defineRule } from '../../engine/rule';
import { onDeadlineProblem, periodText } from './deadlines';

export default defineRule({
  meta: {
    id: 'deadline-missing-year',
    kind: 'roadmap',
    defaultSeverity: 'warning',
    description: 'В сроке нет года, а период плана охватывает несколько лет или неизвестен, поэтому год неоднозначен.',
    howToFix: 'Добавьте год к сроку: «март 2024 г.».',
    fixable: false,
    messages: {
      multiYear: 'В сроке «{{text}}» не указан год, а план рассчитан на {{period}}: укажите год.',
      noPeriod: 'В сроке «{{text}}» не указан год, а период плана в заголовке не найден: укажите год.',
    },
  },
  create({ facts, report }) {
    const period = periodText(facts.period);
    return onDeadlineProblem('missing-year', (e) =>
      report(period ? { messageId: 'multiYear', data: { text: e.text, period }, cell: e.cell } : { messageId: 'noPeriod', data: { text: e.text }, cell: e.cell }),
    );
  },
});
