import { defineRule } from '../../engine/rule';
import { onDeadlineProblem } from './deadlines';

export default defineRule({
  meta: {
    id: 'deadline-unparsed',
    kind: 'roadmap',
    defaultSeverity: 'warning',
    description: 'Срок записан так, что его нельзя понять как дату, период, периодичность или «без фиксированной даты».',
    howToFix: 'Запишите срок как дату (22.01.2021), период (март – апрель 2023 г.) или периодичность («ежемесячно»).',
    fixable: false,
    messages: {
      unparsed: 'Срок «{{text}}» не распознан: укажите дату (22.01.2021), период (март – апрель 2023 г.) или периодичность («ежемесячно»).',
    },
  },
  create: ({ report }) => onDeadlineProblem('unparsed', (e) => report({ messageId: 'unparsed', data: { text: e.text }, cell: e.cell })),
});
