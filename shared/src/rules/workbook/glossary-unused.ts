import { defineWorkbookRule } from '../../engine/rule';
import type { CellRange } from '../../grid/address';
import { cellText } from '../../text/normalize';
import { sameWord, words } from '../quality/words';

const inside = (r: CellRange, row: number, col: number) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;

/** True when `text` (as words) holds `term` word after word; an abbreviation («ОО», «ИРО») must match exactly. */
function holds(text: readonly string[], term: readonly string[]): boolean {
  const same = (a: string, b: string) => (b.length <= 5 ? a === b : sameWord(a, b));
  for (let i = 0; i + term.length <= text.length; i++) {
    let j = 0;
    while (j < term.length && same(text[i + j]!, term[j]!)) j++;
    if (j === term.length) return true;
  }
  return false;
}

export default defineWorkbookRule({
  meta: {
    id: 'glossary-unused',
    kind: 'workbook',
    defaultSeverity: 'info',
    description: 'Сокращение из списка сокращений книги нигде в книге не используется.',
    howToFix: 'Удалите лишнее сокращение из списка или используйте его в тексте плана вместо полного названия.',
    fixable: false,
    messages: { unused: 'Сокращение «{{abbreviation}}» нигде не используется.' },
  },
  create: ({ workbook, report }) => ({
    workbook() {
      const { glossary, sheets } = workbook.model;
      if (!glossary.length) return;
      // Where the glossary itself is written: its tables and every line that holds an entry.
      const own = new Map<string, { ranges: CellRange[]; rows: Set<number> }>();
      const ownOf = (sheet: string) => {
        let o = own.get(sheet);
        if (!o) own.set(sheet, (o = { ranges: [], rows: new Set() }));
        return o;
      };
      for (const s of sheets) for (const t of s.tables) if (t.kind === 'glossary') ownOf(s.grid.name).ranges.push(t.range);
      for (const e of glossary) ownOf(e.sheet).rows.add(e.cell.row);
      // Every other text of the workbook, as one list of cells' words.
      const texts: string[][] = [];
      for (const s of sheets) {
        const mine = own.get(s.grid.name);
        s.grid.rows.forEach((cells, r) => {
          if (!cells || mine?.rows.has(r)) return;
          cells.forEach((v, c) => {
            if (typeof v !== 'string' || v === '' || mine?.ranges.some((g) => inside(g, r, c))) return;
            texts.push(words(cellText(v)));
          });
        });
      }
      const said = new Set<string>();
      for (const e of glossary) {
        const term = words(e.abbreviation);
        const key = term.join(' ');
        if (!term.length || said.has(key)) continue;
        said.add(key);
        if (texts.some((t) => holds(t, term))) continue;
        const table = sheets.find((s) => s.grid.name === e.sheet)?.tables.find((t) => t.kind === 'glossary' && inside(t.range, e.cell.row, e.cell.col));
        report({ sheet: e.sheet, cell: e.cell, messageId: 'unused', data: { abbreviation: e.abbreviation }, ...(table ? { table: table.range } : {}) });
      }
    },
  }),
});
