import { defineRule } from '../../engine/rule';
import { VAGUE_RESULT_WORDS } from './vocabulary';
import { words } from './words';

const VAGUE = new Set(VAGUE_RESULT_WORDS);

/** A result made only of words that name nothing to check (or of no word at all: «+», «-»). */
export function isUncheckable(text: string): boolean {
  if (/\d/.test(text)) return false;
  return words(text).every((w) => VAGUE.has(w));
}

export default defineRule({
  meta: {
    id: 'result-uncheckable',
    kind: 'roadmap',
    defaultSeverity: 'info',
    description: 'Ожидаемый результат нельзя проверить: в нём нет ни документа, ни числа, ни доли, ни даты («выполнено», «да», «+», «в течение года»).',
    howToFix: 'Назовите, по чему видно выполнение: документ («приказ», «аналитическая справка»), число участников, долю или дату.',
    fixable: false,
    messages: { vague: 'Результат «{{text}}» нельзя проверить: укажите документ, число, долю или дату.' },
  },
  create({ facts, report }) {
    const col = facts.col('result');
    if (col === undefined) return {};
    return {
      row(row, index) {
        if (row.role !== 'item') return;
        if (facts.splitSource(index, col) >= 0 || facts.mergedFromAbove(row.row, col)) return;
        const text = facts.fullText(index, col);
        // An empty result is result-missing's.
        if (!text || !isUncheckable(text)) return;
        report({ messageId: 'vague', data: { text: text.length > 60 ? text.slice(0, 57) + '…' : text }, cell: facts.cellOf(row.row, col) });
      },
    };
  },
});
