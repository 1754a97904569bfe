import { defineRule } from '../../engine/rule';
import { onNumbering } from './numbering';

export default defineRule({
  meta: {
    id: 'numbering-order',
    kind: 'roadmap',
    defaultSeverity: 'warning',
    description: 'Пункт стоит после пункта с бóльшим номером.',
    howToFix: 'Переставьте пункты по порядку или перенумеруйте их.',
    fixable: 'suggestion',
    messages: { order: 'Пункт {{number}} стоит после пункта {{previous}}.' },
  },
  create: (context) => onNumbering(context, 'order'),
});
