import type { CellRef } from '../../grid/address';
import type { TableContext } from '../../engine/context';
import { defineRule, type RuleReport } from '../../engine/rule';
import { cellText } from '../../text/normalize';

/**
 * A numbered row opening a page whose cells end the previous item's (a vertically merged cell split by the page
 * break): both parts of each split cell get the whole text, since the rows under the tail share it.
 */
function mergedCellSplit(context: TableContext, anchorIndex: number, row: number, cols: number[]): RuleReport {
  const anchor = context.table.rows[anchorIndex]!;
  const edits: Array<{ cell: CellRef; value: string }> = [];
  for (const col of cols) {
    const head = context.cellOf(anchor.row, col);
    // Raw texts, not collapsed ones: line breaks separate executors.
    const whole = `${cellText(context.rawValue(head.row, head.col)).trimEnd()} ${cellText(context.rawValue(row, col)).trim()}`;
    edits.push({ cell: head, value: whole }, { cell: { row, col }, value: whole });
  }
  return {
    messageId: 'cell',
    data: { number: anchor.number?.raw ?? '' },
    cell: { row, col: cols[0]! },
    fix: { description: 'Записать разорванный текст целиком', edits },
  };
}

function firstFilled(context: TableContext, row: number, left: number, right: number): CellRef {
  for (let c = left; c <= right; c++) if (context.text(row, c) !== '') return context.cellOf(row, c);
  return { row, col: left };
}

export default defineRule({
  meta: {
    id: 'continuation-row',
    kind: 'roadmap',
    defaultSeverity: 'warning',
    description: 'Строка без номера или ячейка в начале страницы продолжает предыдущий пункт: строка таблицы разорвана переносом страницы в Word.',
    fixable: 'suggestion',
    messages: {
      item: 'Строка без номера продолжает пункт {{number}} (разрыв страницы в Word): перенесите текст в этот пункт.',
      unnumbered: 'Строка без номера продолжает предыдущую строку (разрыв страницы в Word): перенесите текст в неё.',
      section: 'Строка продолжает заголовок раздела (разрыв страницы в Word): перенесите текст в заголовок.',
      cell: 'Текст в начале страницы продолжает ячейку пункта {{number}} (объединённая ячейка разорвана переносом страницы в Word): запишите текст целиком.',
    },
  },
  check(context) {
    const { rows, range } = context.table;
    const out: RuleReport[] = [];
    for (const row of rows) {
      if (row.role === 'item' && row.tail) {
        out.push(mergedCellSplit(context, row.tail.of, row.row, row.tail.cols));
        continue;
      }
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
      const joined = new Map<string, string>();
      for (const [key, { cell, parts }] of appended) {
        const before = cellText(context.rawValue(cell.row, cell.col)).trimEnd();
        const value = [before, ...parts].filter((p) => p !== '').join(' ');
        joined.set(key, value);
        edits.push({ cell, value });
      }
      for (const cell of cleared) {
        // A tail merged over the rows below is their value too: it gets the whole text instead of being emptied.
        const merge = context.sheet.merges.mergeAt(cell.row, cell.col);
        const target = anchor.role === 'section' ? null : context.cellOf(anchor.row, cell.col);
        const whole = merge && merge.bottom > cell.row && target ? joined.get(`${target.row}:${target.col}`) : undefined;
        edits.push({ cell, value: whole ?? null });
      }
      const messageId = anchor.role === 'section' ? 'section' : anchor.number ? 'item' : 'unnumbered';
      out.push({ messageId, data: { number: anchor.number?.raw ?? '' }, cell: cleared[0]!, fix: { description: 'Объединить с предыдущей строкой', edits } });
    }
    return out;
  },
});
