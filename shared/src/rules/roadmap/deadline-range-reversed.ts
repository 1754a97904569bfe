import { defineRule } from '../../engine/rule';
import { onDeadlineProblem } from './deadlines';

export default defineRule({
  meta: {
    id: 'deadline-range-reversed',
    kind: 'roadmap',
    defaultSeverity: 'error',
    description: 'Конец срока раньше его начала.',
    howToFix: 'Поменяйте начало и конец срока местами или исправьте год.',
    fixable: false,
    messages: { reversed: 'Конец срока раньше начала: «{{fragment}}».' },
  },
  create: ({ report }) =>
    onDeadlineProblem('reversed', (e, p) => report({ messageId: 'reversed', data: { fragment: !('fragment' in p) || p.fragment === e.parsed.text ? e.text : p.fragment }, cell: e.cell })),
});
