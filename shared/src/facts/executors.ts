import type { CellRef } from '../grid/address';
import { cellText, collapseWhitespace, matchKey } from '../text/normalize';
import type { TableFacts } from './table-facts';

export interface ExecutorMention {
  name: string;
  key: string;
  cell: CellRef;
  /** The whole cell text the name was found in. */
  cellText: string;
}

/** «Управление образования администрации … (далее – Управление образования)»: the alias a document defines. */
export const ALIAS = /\(далее\s*[-–—]?\s*([^()]{2,80})\)/gi;

const splitCache = new Map<string, readonly string[]>();

/**
 * Splits an executor cell into names: `;`, line breaks and commas outside quotes separate them. Memoised: a region's
 * executors come from a short list, repeated on every row.
 */
export function splitExecutors(text: string): readonly string[] {
  const hit = splitCache.get(text);
  if (hit) return hit;
  const names = splitExecutorsUncached(text);
  if (splitCache.size >= 20_000) splitCache.clear();
  splitCache.set(text, names);
  return names;
}

function splitExecutorsUncached(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '«' || ch === '(') depth++;
    else if ((ch === '»' || ch === ')') && depth > 0) depth--;
    if (depth === 0 && (ch === ';' || ch === '\n' || ch === ',')) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.map((s) => collapseWhitespace(s).replace(/^[-–•]\s*/, '').replace(/[.;,]+$/, '').trim()).filter((s) => s.length > 0);
}

/** Every executor name of a roadmap, once per cell (a merged executor is one cell). */
export function executorMentions(facts: TableFacts): ExecutorMention[] {
  const col = facts.col('executor');
  if (col === undefined) return [];
  const out: ExecutorMention[] = [];
  let lastRow = -1;
  facts.table.rows.forEach((row, index) => {
    if (row.role !== 'item') return;
    const cell = facts.cellOf(row.row, col);
    // Rows come in order, so a merged executor repeats the previous master row: counted once.
    if (cell.row === lastRow) return;
    lastRow = cell.row;
    // The end of a name a page break split («Забайкальского края»): read with its beginning, at the item above.
    if (facts.splitSource(index, col) >= 0) return;
    const whole = cellText(facts.rawValue(cell.row, cell.col));
    const full = facts.fullText(index, col);
    const text = full.includes('далее') ? full.replace(ALIAS, '') : full;
    for (const name of splitExecutors(text)) out.push({ name, key: matchKey(name), cell, cellText: whole });
  });
  return out;
}

/**
 * Roles rather than organisations: legitimate executors that no glossary lists (FORMAT: «муниципальный координатор»,
 * «куратор», «Руководители Участников Проекта», «ОО»).
 */
const ROLE = /(координатор|куратор|руководител|педагог|учител|директор|заместител|администраци|участник|методист|специалист|тьютор|наставник|эксперт|родител|обучающ|рабоч\S* групп|команд|сообществ|объединени|школ|^оо$|^оу$|^омсу$|^омс$|образовательн\S* организаци|организаци\S* участни|муниципалитет|управлени\S* образовани|отдел\S* образовани|центр|служб)/;

/** Is the name in the glossary (or config), or does it contain a known abbreviation, or is it a role? */
export function isKnownExecutor(key: string, known: Set<string>, abbreviations: readonly string[]): boolean {
  if (known.has(key)) return true;
  if (ROLE.test(key)) return true;
  const padded = ` ${key} `;
  return abbreviations.some((a) => a.length >= 2 && padded.includes(` ${a} `));
}
