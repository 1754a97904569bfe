import { defineRule } from '../../engine/rule';
import { onDeadlineProblem } from './deadlines';

export default defineRule({
  meta: {
    id: 'deadline-invalid-date',
    kind: 'roadmap',
    defaultSeverity: 'error',
    description: 'В сроке указана несуществующая дата: 31.09, 30 февраля, год 32021, месяц 13.',
    howToFix: 'Исправьте дату на существующую: в сентябре 30 дней, в феврале 28 или 29.',
    fixable: false,
    messages: { invalid: 'Даты «{{fragment}}» не существует.' },
  },
  create: ({ report }) =>
    onDeadlineProblem('invalid-date', (e, p) => report({ messageId: 'invalid', data: { fragment: !('fragment' in p) || p.fragment === e.parsed.text ? e.text : p.fragment }, cell: e.cell })),
});
