import { defineWorkbookRule } from '../../engine/rule';
import type { CellRange } from '../../grid/address';
import { cellText } from '../../text/normalize';
import { sameWord, words } from '../quality/words';

const inside = (r: CellRange, row: number, col: number) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;

/** An abbreviation («ОО», «ИРО») matches a word exactly; a longer word matches its other forms («Участников»). */
const same = (a: string, b: string) => (b.length <= 5 ? a === b : sameWord(a, b));
/** The index key a term's word is looked up by: the word itself when short, else the four letters any form shares. */
const keyOf = (w: string) => (w.length <= 5 ? `=${w}` : w.slice(0, 4));

/** True when `text` (as words) holds `term` word after word. */
function holds(text: readonly string[], term: readonly string[]): boolean {
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
      // The distinct terms, each waiting under the key of its first word until some cell uses it.
      const terms: Array<{ entry: (typeof glossary)[number]; words: string[]; used: boolean }> = [];
      const waiting = new Map<string, Array<(typeof terms)[number]>>();
      const seen = new Set<string>();
      for (const entry of glossary) {
        const w = words(entry.abbreviation);
        if (!w.length || seen.has(w.join(' '))) continue;
        seen.add(w.join(' '));
        const term = { entry, words: w, used: false };
        terms.push(term);
        const key = keyOf(w[0]!);
        waiting.set(key, [...(waiting.get(key) ?? []), term]);
      }
      let left = terms.length;
      /** One pass over every other text of the workbook: at each word, only the terms that start with it are tried. */
      const look = (text: string[]) => {
        for (let i = 0; i < text.length && left > 0; i++) {
          const w = text[i]!;
          for (const key of [w.length <= 5 ? `=${w}` : '', w.length >= 4 ? w.slice(0, 4) : '']) {
            const list = key ? waiting.get(key) : undefined;
            if (!list) continue;
            for (const term of list) {
              if (term.used || !holds(text.slice(i, i + term.words.length), term.words)) continue;
              term.used = true;
              left--;
            }
          }
        }
      };
      for (const s of sheets) {
        if (!left) break;
        const mine = own.get(s.grid.name);
        s.grid.rows.forEach((cells, r) => {
          if (!cells || !left || mine?.rows.has(r)) return;
          cells.forEach((v, c) => {
            if (typeof v !== 'string' || v === '' || mine?.ranges.some((g) => inside(g, r, c))) return;
            look(words(cellText(v)));
          });
        });
      }
      for (const { entry: e, used } of terms) {
        if (used) continue;
        const table = sheets.find((s) => s.grid.name === e.sheet)?.tables.find((t) => t.kind === 'glossary' && inside(t.range, e.cell.row, e.cell.col));
        report({ sheet: e.sheet, cell: e.cell, messageId: 'unused', data: { abbreviation: e.abbreviation }, ...(table ? { table: table.range } : {}) });
      }
    },
  }),
});
