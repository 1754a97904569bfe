import { defineRule } from '../../engine/rule';
import { isKnownExecutor } from '../../facts/executors';

export default defineRule({
  meta: {
    id: 'executor-unknown',
    kind: 'roadmap',
    defaultSeverity: 'warning',
    description: 'Исполнитель не найден в списке сокращений книги (правило работает, только если такой список есть).',
    howToFix: 'Напишите исполнителя так, как в списке сокращений, или добавьте его в этот список.',
    fixable: false,
    messages: { unknown: 'Исполнитель «{{name}}» не найден в списке сокращений.' },
  },
  create({ workbook, report }) {
    if (!workbook.hasGlossary) return {};
    const { known, abbreviations } = workbook.executors;
    return {
      executor(m) {
        if (!isKnownExecutor(m.key, known, abbreviations)) report({ messageId: 'unknown', data: { name: m.name }, cell: m.cell });
      },
    };
  },
});
