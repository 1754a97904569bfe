import { defineRule } from '../../engine/rule';
import { missingFieldReports } from './missing-field';

export default defineRule({
  meta: {
    id: 'deadline-missing',
    kind: 'roadmap',
    defaultSeverity: 'warning',
    description: 'У пункта дорожной карты не указан срок.',
    fixable: false,
    messages: { missing: 'Не указан срок.' },
  },
  check: (context) => missingFieldReports(context, 'deadline'),
});
