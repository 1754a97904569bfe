import { defineRule } from '../../engine/rule';
import { onNumbering } from './numbering';

export default defineRule({
  meta: {
    id: 'numbering-gap',
    kind: 'roadmap',
    defaultSeverity: 'warning',
    description: 'В нумерации пунктов пропущен номер.',
    howToFix: 'Перенумеруйте пункты или добавьте пропущенный пункт.',
    fixable: 'suggestion',
    messages: { gap: 'Перед пунктом {{number}} пропущен номер {{missing}}.' },
  },
  create: (context) => onNumbering(context, 'gap'),
});
