import { defineRule } from '../../engine/rule';
import { missingField } from './missing-field';

export default defineRule({
  meta: {
    id: 'result-missing',
    kind: 'roadmap',
    defaultSeverity: 'warning',
    description: 'У пункта дорожной карты не указан результат (если в таблице есть столбец результата).',
    howToFix: 'Впишите ожидаемый результат: документ, число, долю или дату, по которым видно выполнение.',
    fixable: false,
    messages: { missing: 'Не указан ожидаемый результат.' },
  },
  create: (context) => missingField(context, 'result'),
});
