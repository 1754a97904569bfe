import type { CellRef } from '../../grid/address';
import { splitExecutors, type TableContext } from '../../engine/context';
import { cellText, matchKey } from '../../text/normalize';

export interface ExecutorMention {
  name: string;
  key: string;
  cell: CellRef;
  /** The whole cell text the name was found in. */
  cellText: string;
}

const ALIAS = /\(далее\s*[-–—]?\s*[^()]{2,80}\)/gi;

/** Every executor name of a roadmap, once per cell (a merged executor is one cell). */
export function executorMentions(context: TableContext): ExecutorMention[] {
  const col = context.col('executor');
  if (col === undefined) return [];
  const out: ExecutorMention[] = [];
  let lastRow = -1;
  context.table.rows.forEach((row, index) => {
    if (row.role !== 'item') return;
    const cell = context.cellOf(row.row, col);
    // Rows come in order, so a merged executor repeats the previous master row: counted once.
    if (cell.row === lastRow) return;
    lastRow = cell.row;
    // The end of a name a page break split («Забайкальского края»): read with its beginning, at the item above.
    if (context.splitSource(index, col) >= 0) return;
    const whole = cellText(context.rawValue(cell.row, cell.col));
    const full = context.fullText(index, col);
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
