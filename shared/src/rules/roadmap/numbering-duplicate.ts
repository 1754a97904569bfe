import { defineRule } from '../../engine/rule';
import { onNumbering } from './numbering';

export default defineRule({
  meta: {
    id: 'numbering-duplicate',
    kind: 'roadmap',
    defaultSeverity: 'error',
    description: 'Номер пункта повторяется.',
    howToFix: 'Перенумеруйте пункты по порядку, чтобы каждый номер встречался один раз.',
    fixable: 'suggestion',
    messages: { duplicate: 'Номер {{number}} уже есть выше.' },
  },
  create: (context) => onNumbering(context, 'duplicate'),
});
