import type { CellRef } from '../../grid/address';
import type { TableFacts } from '../../facts/table-facts';
import { defineRule, type RuleReport } from '../../engine/rule';
import { cellText } from '../../text/normalize';

/**
 * A numbered row opening a page whose cells end the previous item's (a vertically merged cell split by the page
 * break): both parts of each split cell get the whole text, since the rows under the tail share it.
 */
function mergedCellSplit(facts: TableFacts, anchorIndex: number, row: number, cols: number[]): RuleReport {
  const anchor = facts.table.rows[anchorIndex]!;
  const edits: Array<{ cell: CellRef; value: string }> = [];
  for (const col of cols) {
    const head = facts.cellOf(anchor.row, col);
    // Raw texts, not collapsed ones: line breaks separate executors.
    const whole = `${cellText(facts.rawValue(head.row, head.col)).trimEnd()} ${cellText(facts.rawValue(row, col)).trim()}`;
    edits.push({ cell: head, value: whole }, { cell: { row, col }, value: whole });
  }
  return {
    messageId: 'cell',
    data: { number: anchor.number?.raw ?? '' },
    cell: { row, col: cols[0]! },
    fix: { description: 'Записать разорванный текст целиком', edits },
  };
}

function firstFilled(facts: TableFacts, row: number, left: number, right: number): CellRef {
  for (let c = left; c <= right; c++) if (facts.text(row, c) !== '') return facts.cellOf(row, c);
  return { row, col: left };
}

export default defineRule({
  meta: {
    id: 'continuation-row',
    kind: 'roadmap',
    defaultSeverity: 'warning',
    description: 'Строка без номера или ячейка в начале страницы продолжает предыдущий пункт: строка таблицы разорвана переносом страницы в Word.',
    howToFix: 'Перенесите текст в пункт, который он продолжает, и удалите освободившуюся строку.',
    fixable: 'suggestion',
    messages: {
      item: 'Строка без номера продолжает пункт {{number}} (разрыв страницы в Word): перенесите текст в этот пункт.',
      unnumbered: 'Строка без номера продолжает предыдущую строку (разрыв страницы в Word): перенесите текст в неё.',
      section: 'Строка продолжает заголовок раздела (разрыв страницы в Word): перенесите текст в заголовок.',
      cell: 'Текст в начале страницы продолжает ячейку пункта {{number}} (объединённая ячейка разорвана переносом страницы в Word): запишите текст целиком.',
    },
  },
  create({ facts, report }) {
    const { rows, range } = facts.table;
    return {
      row(row) {
        if (row.role === 'item' && row.tail) {
          report(mergedCellSplit(facts, row.tail.of, row.row, row.tail.cols));
          return;
        }
        if (row.role !== 'continuation' || row.continues === undefined) return;
        const anchor = rows[row.continues]!;
        // Texts to append, per target cell of the row being continued.
        const appended = new Map<string, { cell: CellRef; parts: string[] }>();
        const cleared: CellRef[] = [];
        for (let c = range.left; c <= range.right; c++) {
          if (facts.mergedFromAbove(row.row, c)) continue;
          const own = cellText(facts.rawValue(row.row, c)).trim();
          if (own === '') continue;
          // A section heading spans the row: its text lives in its first cell, whatever column the tail is in.
          const target = anchor.role === 'section' ? firstFilled(facts, anchor.row, range.left, range.right) : facts.cellOf(anchor.row, c);
          const key = `${target.row}:${target.col}`;
          const entry = appended.get(key) ?? { cell: target, parts: [] };
          entry.parts.push(own);
          appended.set(key, entry);
          cleared.push({ row: row.row, col: c });
        }
        if (!cleared.length) return;
        const edits: Array<{ cell: CellRef; value: string | null }> = [];
        const joined = new Map<string, string>();
        for (const [key, { cell, parts }] of appended) {
          const before = cellText(facts.rawValue(cell.row, cell.col)).trimEnd();
          const value = [before, ...parts].filter((p) => p !== '').join(' ');
          joined.set(key, value);
          edits.push({ cell, value });
        }
        for (const cell of cleared) {
          // A tail merged over the rows below is their value too: it gets the whole text instead of being emptied.
          const merge = facts.sheet.merges.mergeAt(cell.row, cell.col);
          const target = anchor.role === 'section' ? null : facts.cellOf(anchor.row, cell.col);
          const whole = merge && merge.bottom > cell.row && target ? joined.get(`${target.row}:${target.col}`) : undefined;
          edits.push({ cell, value: whole ?? null });
        }
        const messageId = anchor.role === 'section' ? 'section' : anchor.number ? 'item' : 'unnumbered';
        report({ messageId, data: { number: anchor.number?.raw ?? '' }, cell: cleared[0]!, fix: { description: 'Объединить с предыдущей строкой', edits } });
      },
    };
  },
});
