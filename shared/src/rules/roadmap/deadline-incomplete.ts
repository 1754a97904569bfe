import { defineRule } from '../../engine/rule';
import { onDeadlineProblem } from './deadlines';

export default defineRule({
  meta: {
    id: 'deadline-incomplete',
    kind: 'roadmap',
    defaultSeverity: 'error',
    description: 'Дата в сроке записана не полностью, например «.10.2021» без дня.',
    howToFix: 'Допишите день, месяц и год: 15.10.2021.',
    fixable: false,
    messages: { incomplete: 'Дата «{{fragment}}» записана не полностью: не хватает дня, месяца или года.' },
  },
  create: ({ report }) =>
    onDeadlineProblem('incomplete', (e, p) => report({ messageId: 'incomplete', data: { fragment: !('fragment' in p) || p.fragment === e.parsed.text ? e.text : p.fragment }, cell: e.cell })),
});
