import { defineRule } from '../../engine/rule';
import { missingFieldReports } from './missing-field';

export default defineRule({
  meta: {
    id: 'result-missing',
    kind: 'roadmap',
    defaultSeverity: 'warning',
    description: 'У пункта дорожной карты не указан результат (если в таблице есть столбец результата).',
    fixable: false,
    messages: { missing: 'Не указан ожидаемый результат.' },
  },
  check: (context) => missingFieldReports(context, 'result'),
});
