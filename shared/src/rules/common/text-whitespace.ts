import type { CellRef } from '../../grid/address';
import { defineRule, type RuleReport } from '../../engine/rule';

/** Trims each line, folds runs of spaces, drops empty lines: what a careful typist would have left. */
export function tidyWhitespace(text: string): string {
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
    fixable: 'safe',
    messages: { whitespace: 'Лишние пробелы или пустые строки в тексте.' },
  },
  check(context) {
    const { table, sheet } = context;
    const out: RuleReport[] = [];
    for (let r = table.range.top; r <= table.range.bottom; r++) {
      const cells = sheet.grid.rows[r];
      if (!cells) continue;
      for (let c = table.range.left; c <= table.range.right; c++) {
        const v = cells[c];
        if (typeof v !== 'string' || v === '') continue;
        const tidy = tidyWhitespace(v);
        if (tidy === v) continue;
        const cell: CellRef = { row: r, col: c };
        out.push({ messageId: 'whitespace', cell, fix: { description: 'Убрать лишние пробелы', edits: [{ cell, value: tidy === '' ? null : tidy }] } });
      }
    }
    return out;
  },
});
