import { defineRule } from '../../engine/rule';
import { numberingReports } from './numbering';

export default defineRule({
  meta: {
    id: 'numbering-order',
    kind: 'roadmap',
    defaultSeverity: 'warning',
    description: 'Пункт стоит после пункта с бóльшим номером.',
    fixable: 'suggestion',
    messages: { order: 'Пункт {{number}} стоит после пункта {{previous}}.' },
  },
  check: (context) => numberingReports(context, 'order'),
});
