import { defineRule } from '../../engine/rule';
import { onNumbering } from './numbering';

export default defineRule({
  meta: {
    id: 'numbering-parent',
    kind: 'roadmap',
    defaultSeverity: 'warning',
    description: 'Номер пункта не соответствует разделу, в котором он стоит (пункт 2.3 в разделе 1).',
    howToFix: 'Перенесите пункт в свой раздел или исправьте его номер.',
    fixable: 'suggestion',
    messages: { parent: 'Пункт {{number}} стоит в разделе {{parent}}.' },
  },
  create: (context) => onNumbering(context, 'parent'),
});
