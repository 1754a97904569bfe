import { defineRule } from '../../engine/rule';
import { missingField } from './missing-field';

export default defineRule({
  meta: {
    id: 'deadline-missing',
    kind: 'roadmap',
    defaultSeverity: 'warning',
    description: 'У пункта дорожной карты не указан срок.',
    howToFix: 'Укажите срок: дату, месяц и год, период или периодичность («ежеквартально»).',
    fixable: false,
    messages: { missing: 'Не указан срок.' },
  },
  create: (context) => missingField(context, 'deadline'),
});
