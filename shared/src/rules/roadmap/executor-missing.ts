import { defineRule } from '../../engine/rule';
import { missingField } from './missing-field';

export default defineRule({
  meta: {
    id: 'executor-missing',
    kind: 'roadmap',
    defaultSeverity: 'warning',
    description: 'У пункта дорожной карты не указан исполнитель.',
    howToFix: 'Укажите, кто отвечает за мероприятие.',
    fixable: false,
    messages: { missing: 'Не указан исполнитель.' },
  },
  create: (context) => missingField(context, 'executor'),
});
