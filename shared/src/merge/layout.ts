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

/** How many lines a text takes when wrapped by words at `perLine` characters. */
export function wrappedLines(text: string, perLine: number): number {
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    const words = paragraph.split(/\s+/).filter((w) => w !== '');
    let used = 0;
    let count = 1;
    for (const word of words) {
      let w = word.length;
      if (used === 0) {
        while (w > perLine) {
          count++;
          w -= perLine;
        }
        used = w;
      } else if (used + 1 + w <= perLine) {
        used += 1 + w;
      } else {
        count++;
        while (w > perLine) {
          count++;
          w -= perLine;
        }
        used = w;
      }
    }
    lines += count;
  }
  return Math.max(1, lines);
}

/** Sets `height` on every row whose wrapped text needs more than one line. Mutates and returns the sheet. */
export function fitRowHeights(sheet: RegionalSheet): RegionalSheet {
  const widths = sheet.columns.map((c) => c.width);
  const mergeAt = new Map<string, CellRange>();
  for (const m of sheet.merges) {
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) mergeAt.set(`${r}:${c}`, m);
  }
  sheet.rows.forEach((row, r) => {
    const bold = row.kind !== 'data' && row.kind !== 'note';
    const size0 = row.kind === 'title' ? 11 / 12 : 1;
    let lines = 1;
    row.cells.forEach((value, c) => {
      if (value === null || typeof value === 'number' || value instanceof Date) return;
      const m = mergeAt.get(`${r}:${c}`);
      if (m && (m.top !== r || m.left !== c)) return; // only the master cell holds the text
      if (m && m.bottom > m.top) return; // a vertical merge has the height of its rows
      let width = widths[c] ?? 10;
      if (m) for (let k = m.left + 1; k <= m.right; k++) width += widths[k] ?? 10;
      const text = cellText(value);
      if (text === '') return;
      lines = Math.max(lines, wrappedLines(text, Math.max(1, Math.floor(charsPerLine(width, bold) * size0))));
    });
    // Titles are 12 pt (see the renderer); one line of them fits the default height.
    const size = row.kind === 'title' ? 12 / 11 : 1;
    if (lines > 1) row.height = Math.min(MAX_HEIGHT, Math.ceil(lines * LINE_HEIGHT * size + 2));
  });
  return sheet;
}
