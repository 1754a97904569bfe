import { defineWorkbookRule } from '../../engine/rule';
import type { CellRef } from '../../grid/address';
import type { TableFacts } from '../../facts/table-facts';
import { contentWords, coverage } from '../quality/words';

/** Fewer shared numbers than this say nothing about whether two tables are one plan. */
const MIN_SHARED = 3;
/** Texts this alike are the same activity (a copy, an edited version). */
const SAME = 0.8;
/** Texts less alike than this are clearly different activities. */
const DIFFERENT = 0.4;

interface Item {
  number: string;
  text: string;
  words: string[];
  cell: CellRef;
}

function itemsOf(t: TableFacts): Map<string, Item> {
  const out = new Map<string, Item>();
  const col = t.col('activity');
  const numberCol = t.col('number');
  if (col === undefined) return out;
  t.table.rows.forEach((row, index) => {
    if (row.role !== 'item' || !row.number || row.subRowOf !== undefined) return;
    const key = row.number.components.join('.');
    const text = t.fullText(index, col);
    // A number used twice inside one table is numbering-duplicate's: the first one stands for the table here.
    if (!text || out.has(key)) return;
    out.set(key, { number: row.number.raw, text, words: contentWords(text), cell: t.cellOf(row.row, numberCol ?? col) });
  });
  return out;
}

/** How alike two activities are; a copy (the usual case between versions) is recognised without comparing words. */
const similarity = (a: Item, b: Item) => (a.text === b.text ? 1 : Math.max(coverage(a.words, b.words), coverage(b.words, a.words)));

export default defineWorkbookRule({
  meta: {
    id: 'numbering-conflict',
    kind: 'workbook',
    defaultSeverity: 'warning',
    description: 'Один и тот же номер пункта на двух листах с дорожными картами одного плана обозначает разные мероприятия.',
    howToFix: 'Сверьте листы: перенумеруйте пункт или исправьте текст, чтобы номер означал одно мероприятие во всей книге.',
    fixable: false,
    messages: { conflict: 'На листе «{{sheet}}» пункт {{number}} — другое мероприятие: «{{other}}».' },
  },
  create: ({ workbook, report }) => ({
    workbook() {
      const tables = workbook.tables.filter((t) => t.table.kind === 'roadmap');
      // One sheet of roadmaps has nothing to compare with: no texts read, no words split.
      if (new Set(tables.map((t) => t.table.sheet)).size < 2) return;
      const roadmaps = tables.map((t) => ({ t, items: itemsOf(t) }));
      for (let i = 0; i < roadmaps.length; i++) {
        for (let j = i + 1; j < roadmaps.length; j++) {
          const a = roadmaps[i]!;
          const b = roadmaps[j]!;
          if (a.t.table.sheet === b.t.table.sheet) continue;
          const shared = [...a.items.keys()].filter((k) => b.items.has(k));
          if (shared.length < MIN_SHARED) continue;
          // A plan and its support plan restart numbering with other activities: that is no conflict. Only tables
          // that are mostly the same plan (a copy, a version, a continuation) have numbers that must agree.
          const same = shared.filter((k) => similarity(a.items.get(k)!, b.items.get(k)!) >= SAME).length;
          if (same * 2 < shared.length) continue;
          for (const k of shared) {
            const x = a.items.get(k)!;
            const y = b.items.get(k)!;
            if (similarity(x, y) >= DIFFERENT) continue;
            // Said once, at the sheet that comes first, naming the other: either of the two may be the one to correct.
            report({
              sheet: a.t.table.sheet,
              table: a.t.table.range,
              cell: x.cell,
              messageId: 'conflict',
              data: { number: x.number, sheet: b.t.table.sheet, other: y.text.length > 80 ? y.text.slice(0, 77) + '…' : y.text },
            });
          }
        }
      }
    },
  }),
});
