import { defineRule } from '../../engine/rule';
import { problemReports } from './deadlines';

export default defineRule({
  meta: {
    id: 'deadline-invalid-date',
    kind: 'roadmap',
    defaultSeverity: 'error',
    description: 'В сроке указана несуществующая дата: 31.09, 30 февраля, год 32021, месяц 13.',
    fixable: false,
    messages: { invalid: 'Даты «{{fragment}}» не существует.' },
  },
  check: (context) =>
    problemReports(context, 'invalid-date', (e, p) => ({ messageId: 'invalid', data: { fragment: !('fragment' in p) || p.fragment === e.parsed.text ? e.text : p.fragment }, cell: e.cell })),
});
