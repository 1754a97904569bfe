import type { CellRef } from '../../grid/address';
import type { TableContext } from '../../engine/context';
import { defineRule, type RuleReport } from '../../engine/rule';
import { cellText } from '../../text/normalize';

function firstFilled(context: TableContext, row: number, left: number, right: number): CellRef {
  for (let c = left; c <= right; c++) if (context.text(row, c) !== '') return context.cellOf(row, c);
  return { row, col: left };
}

export default defineRule({
  meta: {
    id: 'continuation-row',
    kind: 'roadmap',
    defaultSeverity: 'warning',
    description: 'Строка без номера продолжает предыдущий пункт: строка таблицы разорвана переносом страницы в Word.',
    fixable: 'suggestion',
    messages: {
      item: 'Строка без номера продолжает пункт {{number}} (разрыв страницы в Word): перенесите текст в этот пункт.',
      unnumbered: 'Строка без номера продолжает предыдущую строку (разрыв страницы в Word): перенесите текст в неё.',
      section: 'Строка продолжает заголовок раздела (разрыв страницы в Word): перенесите текст в заголовок.',
    },
  },
  check(context) {
    const { rows, range } = context.table;
    const out: RuleReport[] = [];
    for (const row of rows) {
      if (row.role !== 'continuation' || row.continues === undefined) continue;
      const anchor = rows[row.continues]!;
      // Texts to append, per target cell of the row being continued.
      const appended = new Map<string, { cell: CellRef; parts: string[] }>();
      const cleared: CellRef[] = [];
      for (let c = range.left; c <= range.right; c++) {
        if (context.mergedFromAbove(row.row, c)) continue;
        const own = cellText(context.rawValue(row.row, c)).trim();
        if (own === '') continue;
        // A section heading spans the row: its text lives in its first cell, whatever column the tail is in.
        const target = anchor.role === 'section' ? firstFilled(context, anchor.row, range.left, range.right) : context.cellOf(anchor.row, c);
        const key = `${target.row}:${target.col}`;
        const entry = appended.get(key) ?? { cell: target, parts: [] };
        entry.parts.push(own);
        appended.set(key, entry);
        cleared.push({ row: row.row, col: c });
      }
      if (!cleared.length) continue;
      const edits: Array<{ cell: CellRef; value: string | null }> = [];
      for (const { cell, parts } of appended.values()) {
        const before = cellText(context.rawValue(cell.row, cell.col)).trimEnd();
        edits.push({ cell, value: [before, ...parts].filter((p) => p !== '').join(' ') });
      }
      for (const cell of cleared) edits.push({ cell, value: null });
      const messageId = anchor.role === 'section' ? 'section' : anchor.number ? 'item' : 'unnumbered';
      out.push({ messageId, data: { number: anchor.number?.raw ?? '' }, cell: cleared[0]!, fix: { description: 'Объединить с предыдущей строкой', edits } });
    }
    return out;
  },
});
