import { defineRule } from '../../engine/rule';
import { onNumbering } from './numbering';

export default defineRule({
  meta: {
    id: 'numbering-duplicate',
    kind: 'roadmap',
    defaultSeverity: 'error',
    description: 'Номер пункта повторяется.',
    howToFix: 'Перенумеруйте пункты (кнопка «Исправить» предложит новую нумерацию).',
    fixable: 'suggestion',
    messages: { duplicate: 'Номер {{number}} уже есть выше.' },
  },
  create: (context) => onNumbering(context, 'duplicate'),
});
