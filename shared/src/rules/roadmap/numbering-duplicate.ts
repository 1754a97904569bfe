import { defineRule } from '../../engine/rule';
import { numberingReports } from './numbering';

export default defineRule({
  meta: {
    id: 'numbering-duplicate',
    kind: 'roadmap',
    defaultSeverity: 'error',
    description: 'Номер пункта повторяется.',
    fixable: 'suggestion',
    messages: { duplicate: 'Номер {{number}} уже есть выше.' },
  },
  check: (context) => numberingReports(context, 'duplicate'),
});
