import { defineRule } from '../../engine/rule';
import { problemReports } from './deadlines';

export default defineRule({
  meta: {
    id: 'deadline-range-reversed',
    kind: 'roadmap',
    defaultSeverity: 'error',
    description: 'Конец срока раньше его начала.',
    fixable: false,
    messages: { reversed: 'Конец срока раньше начала: «{{fragment}}».' },
  },
  check: (context) =>
    problemReports(context, 'reversed', (e, p) => ({ messageId: 'reversed', data: { fragment: !('fragment' in p) || p.fragment === e.parsed.text ? e.text : p.fragment }, cell: e.cell })),
});
