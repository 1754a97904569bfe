import type { CellRef } from '../../grid/address';
import { defineRule, type RuleReport } from '../../engine/rule';

const MARKUP = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>|\[bookmark:[^\]]*\]|&(?:nbsp|amp|lt|gt|quot|laquo|raquo|ndash|mdash|#\d{2,5});/i;
const MAYBE_MARKUP = /[<[&]/;
const MARKUP_ALL = new RegExp(MARKUP.source, 'gi');
const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', laquo: '«', raquo: '»', ndash: '–', mdash: '—' };

/** Word/HTML debris removed; paragraph and line-break tags become line breaks so list items stay apart. */
export function stripMarkup(text: string): string {
  return text
    .replace(/<br\s*\/?>|<\/p>|<\/li>/gi, '\n')
    .replace(/<li[^>]*>/gi, '– ')
    .replace(MARKUP_ALL, (m) => {
      const entity = /^&(#?\w+);$/.exec(m);
      if (!entity) return m.startsWith('[') ? '' : m.startsWith('<') ? ' ' : m;
      const name = entity[1]!.toLowerCase();
      if (name.startsWith('#')) return String.fromCharCode(Number(name.slice(1)));
      return ENTITIES[name] ?? m;
    })
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

export default defineRule({
  meta: {
    id: 'text-markup',
    kind: 'any',
    defaultSeverity: 'warning',
    description: 'В тексте остались следы вставки из Word или HTML: теги <p>, <i>, <ul>, закладки [bookmark: …], коды &nbsp;.',
    howToFix: 'Удалите теги и коды, оставив сам текст, или вставьте текст из Word заново как «только текст».',
    fixable: 'safe',
    messages: { markup: 'В тексте остались следы вставки из Word/HTML: «{{sample}}».' },
  },
  create: ({ report }) => ({
    text({ cell, text }) {
      const found = markupIn(cell, text);
      if (found) report(found);
    },
  }),
  // A passport sheet with no table (seed 002 «Паспорт») and the notes under a table: the cells no table's text covers.
  createForWorkbook: ({ workbook, report }) => ({
    sheet(sheet) {
      for (const { cell, text } of workbook.looseTextCells(sheet)) {
        const found = markupIn(cell, text);
        if (found) report({ ...found, sheet: sheet.grid.name });
      }
    },
  }),
});

function markupIn(cell: CellRef, text: string): RuleReport | undefined {
  // Every piece of markup holds one of these; most cells hold none, and the scan is cheaper than the pattern.
  if (!MAYBE_MARKUP.test(text)) return undefined;
  const m = MARKUP.exec(text);
  if (!m) return undefined;
  return {
    messageId: 'markup',
    data: { sample: m[0].length > 40 ? m[0].slice(0, 37) + '…' : m[0] },
    cell,
    fix: { description: 'Удалить разметку', edits: [{ cell, value: stripMarkup(text) }] },
  };
}
