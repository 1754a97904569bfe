import { defineRule } from '../../engine/rule';
import { isCollapsed } from '../../text/normalize';

/** Trims each line, folds runs of spaces, drops empty lines: what a careful typist would have left. */
const UNTIDY = /[\u00A0\t\r]| {2}|^\s|\s$|\s\n|\n\s/;

export function tidyWhitespace(text: string): string {
  // Single spaces only and none at the ends (the usual cell): nothing to tidy, and the scan beats the regex.
  if (isCollapsed(text) || !UNTIDY.test(text)) return text;
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00A0\t ]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

export default defineRule({
  meta: {
    id: 'text-whitespace',
    kind: 'any',
    defaultSeverity: 'info',
    description: 'Лишние пробелы: в начале или конце ячейки, двойные пробелы, пустые строки внутри ячейки.',
    howToFix: 'Уберите пробелы в начале и конце, двойные пробелы и пустые строки (кнопка «Исправить» сделает это сама).',
    fixable: 'safe',
    messages: { whitespace: 'Лишние пробелы или пустые строки в тексте.' },
  },
  create: ({ facts, report }) => ({
    text({ cell, text, inTitle }) {
      // The facts hold every cell's collapsed text: the same string means it is collapsed already, so tidy.
      if (inTitle || facts.text(cell.row, cell.col) === text) return;
      const tidy = tidyWhitespace(text);
      if (tidy !== text) report({ messageId: 'whitespace', cell, fix: { description: 'Убрать лишние пробелы', edits: [{ cell, value: tidy === '' ? null : tidy }] } });
    },
  }),
});
