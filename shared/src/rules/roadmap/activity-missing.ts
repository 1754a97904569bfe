import { defineRule } from '../../engine/rule';
import { missingField } from './missing-field';

export default defineRule({
  meta: {
    id: 'activity-missing',
    kind: 'roadmap',
    defaultSeverity: 'error',
    description: 'У пункта дорожной карты не указано мероприятие.',
    howToFix: 'Впишите мероприятие или удалите пустую строку.',
    fixable: false,
    messages: { missing: 'Не указано мероприятие.' },
  },
  create: (context) => missingField(context, 'activity', { groupsToo: true }),
});
