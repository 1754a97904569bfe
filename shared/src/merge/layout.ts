/**
 * Row heights for the regional workbook. Spreadsheets do not grow a row for wrapped text in merged cells, and Excel
 * does not re-measure rows on open, so the model states heights estimated from the text and the column widths.
 */
import type { CellRange } from '../grid/address';
import { cellText } from '../text/normalize';
import type { RegionalSheet } from './types';

/** Points per line of 11 pt text. */
export const LINE_HEIGHT = 15;
/** Excel's limit for a row height. */
const MAX_HEIGHT = 409;

/**
 * Characters of 11 pt Times New Roman per line of a column `width` wide (Excel width units are digits of the default
 * 11 pt Calibri; Russian text in Times New Roman fits about 1.3 characters per unit, measured in LibreOffice). Bold
 * text is wider. A little pessimistic: a row a line too high reads better than clipped text.
 */
function charsPerLine(width: number, bold: boolean): number {
  return Math.max(1, Math.floor((width - 1) * (bold ? 1.18 : 1.3)));
}

/** JavaScript's `\s` without the line feed (which ends a paragraph): what separates words. */
function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * How many lines a text takes when wrapped by words at `perLine` characters: paragraphs at line feeds, words between
 * runs of white space. One pass over the characters without splitting (the roadmaps have 100,000 cells of text).
 */
export function wrappedLines(text: string, perLine: number): number {
  const n = text.length;
  if (n <= perLine && text.indexOf('\n') < 0) return 1;
  let lines = 0;
  let used = 0;
  let count = 1;
  let w = 0;
  for (let i = 0; i <= n; i++) {
    const code = i < n ? text.charCodeAt(i) : 10;
    if (code !== 10 && !isSpace(code)) {
      w++;
      continue;
    }
    if (w > 0) {
      if (used !== 0 && used + 1 + w <= perLine) used += 1 + w;
      else {
        if (used !== 0) count++;
        while (w > perLine) {
          count++;
          w -= perLine;
        }
        used = w;
      }
      w = 0;
    }
    if (code === 10) {
      lines += count;
      used = 0;
      count = 1;
    }
  }
  return Math.max(1, lines);
}

/**
 * Sets `height` on every row whose wrapped text needs more than one line. Mutates and returns the sheet. Rows for which
 * `fitted` says true already have their height (a block built and fitted before) and are left as they are.
 */
export function fitRowHeights(sheet: RegionalSheet, fitted?: (row: number) => boolean): RegionalSheet {
  const widths = sheet.columns.map((c) => c.width);
  // Row → column → the merge covering that cell (a later merge wins a cell, as a map set cell by cell would have it).
  const mergeAt = new Map<number, Map<number, CellRange>>();
  for (const m of sheet.merges) {
    for (let r = m.top; r <= m.bottom; r++) {
      let row = mergeAt.get(r);
      if (!row) mergeAt.set(r, (row = new Map()));
      for (let c = m.left; c <= m.right; c++) row.set(c, m);
    }
  }
  const rows = sheet.rows;
  // Characters per line of an unmerged cell, by column, for plain and bold text (titles are worked out as they come).
  const plain = widths.map((w) => Math.max(1, charsPerLine(w, false)));
  const strong = widths.map((w) => Math.max(1, charsPerLine(w, true)));
  for (let r = 0; r < rows.length; r++) {
    if (fitted?.(r)) continue;
    const row = rows[r]!;
    const bold = row.kind !== 'data' && row.kind !== 'note';
    const size0 = row.kind === 'title' ? 11 / 12 : 1;
    const perColumn = row.kind === 'title' ? null : bold ? strong : plain;
    const merged = mergeAt.get(r);
    let lines = 1;
    const cells = row.cells;
    for (let c = 0; c < cells.length; c++) {
      const value = cells[c];
      if (value === null || typeof value === 'number' || value instanceof Date) continue;
      const m = merged?.get(c);
      let perLine: number;
      if (m) {
        if (m.top !== r || m.left !== c) continue; // only the master cell holds the text
        if (m.bottom > m.top) continue; // a vertical merge has the height of its rows
        let width = widths[c] ?? 10;
        for (let k = m.left + 1; k <= m.right; k++) width += widths[k] ?? 10;
        perLine = Math.max(1, Math.floor(charsPerLine(width, bold) * size0));
      } else {
        perLine = perColumn?.[c] ?? Math.max(1, Math.floor(charsPerLine(widths[c] ?? 10, bold) * size0));
      }
      const text = cellText(value);
      if (text === '') continue;
      // Most cells fit one line: no need to count.
      if (text.length <= perLine && text.indexOf('\n') < 0) continue;
      lines = Math.max(lines, wrappedLines(text, perLine));
    }
    // Titles are 12 pt (see the renderer); one line of them fits the default height.
    const size = row.kind === 'title' ? 12 / 11 : 1;
    if (lines > 1) row.height = Math.min(MAX_HEIGHT, Math.ceil(lines * LINE_HEIGHT * size + 2));
  }
  return sheet;
}
