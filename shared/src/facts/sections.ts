import type { Table } from '../reader/model';
import { collapseWhitespace } from '../text/normalize';
import type { TableFacts } from './table-facts';

/** The title of a section row with the rows a page break split off it («5. Создание системы …» + «повышение …»). */
function sectionTitle(facts: TableFacts, index: number): string {
  const { table } = facts;
  const row = table.rows[index]!;
  const parts = [row.title ?? ''];
  for (let i = index + 1; i < table.rows.length; i++) {
    const next = table.rows[i]!;
    if (next.role === 'repeated-header' || next.role === 'blank') continue;
    if (next.role !== 'continuation' || next.continues !== index) break;
    for (let c = table.range.left; c <= table.range.right; c++) {
      const master = facts.cellOf(next.row, c);
      if (master.row !== next.row || master.col !== c) continue; // merged from above or from the left
      const text = facts.text(next.row, c);
      if (text) parts.push(text);
    }
  }
  return collapseWhitespace(parts.join(' '));
}

/** Section titles of every section row, continuations joined; index → title. */
export function sectionTitles(facts: TableFacts): Map<number, string> {
  const out = new Map<number, string>();
  facts.table.rows.forEach((row, i) => {
    if (row.role === 'section') out.set(i, sectionTitle(facts, i));
  });
  return out;
}

/** The enclosing sections of a row, outermost first (an item's parent item is skipped, its sections are not). */
export function sectionPath(table: Table, index: number, titles: Map<number, string>): string[] {
  const path: string[] = [];
  const seen = new Set<number>();
  let current = table.rows[index]?.parent;
  while (current !== undefined && current >= 0 && !seen.has(current)) {
    seen.add(current);
    const row = table.rows[current]!;
    if (row.role === 'section') path.unshift(titles.get(current) ?? row.title ?? '');
    current = row.parent;
  }
  return path.filter((t) => t !== '');
}
