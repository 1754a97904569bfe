import { defineRule, type RuleReport } from '../../engine/rule';
import { executorMentions, isKnownExecutor } from './executors';

export default defineRule({
  meta: {
    id: 'executor-unknown',
    kind: 'roadmap',
    defaultSeverity: 'warning',
    description: 'Исполнитель не найден в списке сокращений книги (правило работает, только если такой список есть).',
    fixable: false,
    messages: { unknown: 'Исполнитель «{{name}}» не найден в списке сокращений.' },
  },
  check(context) {
    if (!context.workbook.hasGlossary) return [];
    const { known, abbreviations } = context.workbook.executors();
    const out: RuleReport[] = [];
    for (const m of executorMentions(context)) {
      if (!isKnownExecutor(m.key, known, abbreviations)) out.push({ messageId: 'unknown', data: { name: m.name }, cell: m.cell });
    }
    return out;
  },
});
