/**
 * What a sheet holds that looks like a table but was not read as one (issue #11): a header-like row over numbered
 * rows, or a sheet named like a plan with no table at all. The reader never guesses a table it cannot place; it says
 * where it looked and what it could not place, so the official can map the columns (svod.config.json `columns`, the
 * pane's mapping step, the server's remembered mapping) instead of reading «0 ошибок» as «all good».
 */
import { cellAt, isEmptyValue, type Grid, type MergeIndex } from '../grid/grid';
import type { CellRef } from '../grid/address';
import { cellText, collapseWhitespace } from '../text/normalize';
import { couldBeHeader } from './header';
import type { Table, UnreadContent } from './model';
import { parseItemNumber } from './numbering';
import { headerRole, yearOfHeader, type ColumnMapping, type ColumnRole } from './vocabulary';

/** A header label is short; a longer text is data. */
const LONGEST_LABEL = 80;
/** How many rows below a header-like row the numbered rows may start (a column-numbers row, a blank). */
const FIRST_ITEM_WITHIN = 3;
/** Numbered rows that make a header-like row a table. */
const NUMBERED_ROWS = 2;
/** A sheet named like a plan or an indicator sheet. */
const PLAN_SHEET = /(дорожн|план|график|мероприят|показател|индикатор)/i;

interface Label {
  col: number;
  text: string;
}

function labels(grid: Grid, merges: MergeIndex, row: number): Label[] {
  const out: Label[] = [];
  const cells = grid.rows[row] ?? [];
  for (let c = 0; c < cells.length; c++) {
    const master = merges.masterOf(row, c);
    if (master.row !== row || master.col !== c) continue;
    const v = cellAt(grid, row, c);
    if (isEmptyValue(v)) continue;
    out.push({ col: c, text: collapseWhitespace(cellText(v)) });
  }
  return out;
}

/** Item numbers in the first columns of the rows just below: how many consecutive rows carry one. */
function numberedRowsBelow(grid: Grid, merges: MergeIndex, row: number, left: number, covered: (r: number) => boolean): { count: number; last: number } {
  let count = 0;
  let last = row;
  let misses = 0;
  for (let r = row + 1; r < grid.rows.length && !covered(r); r++) {
    const numbered = [left, left + 1].some((c) => {
      if (merges.masterOf(r, c).row !== r) return false;
      const v = cellAt(grid, r, c);
      return parseItemNumber(v) !== null && (typeof v !== 'number' || v < 1000);
    });
    if (numbered) {
      count++;
      last = r;
      misses = 0;
    } else if (count === 0 && r - row > FIRST_ITEM_WITHIN) break;
    else if (count > 0 && ++misses > 1) break;
  }
  return { count, last };
}

/** The roles a table of that kind still lacks, as the reader's own test in `detectHeader` requires them. */
function missingRoles(roles: ReadonlySet<ColumnRole>, indicators: boolean): ColumnRole[] {
  if (indicators) return roles.has('indicator') ? ['year'] : ['indicator'];
  const out: ColumnRole[] = [];
  if (!roles.has('activity')) out.push('activity');
  for (const r of ['deadline', 'executor', 'result'] as const) if (!roles.has(r)) out.push(r);
  return out;
}

function unreadHeader(grid: Grid, merges: MergeIndex, row: number, mapping: ColumnMapping | undefined, covered: (r: number) => boolean): (UnreadContent & { last: number }) | null {
  if (!couldBeHeader(grid, row)) return null;
  const own = labels(grid, merges, row);
  if (own.length < 3 || own.some((l) => l.text.length > LONGEST_LABEL)) return null;
  const below = numberedRowsBelow(grid, merges, row, own[0]!.col, covered);
  if (below.count < NUMBERED_ROWS) return null;
  const headers = own.map((l) => ({ col: l.col, text: l.text, role: headerRole(l.text, mapping) }));
  const roles = new Set(headers.flatMap((h) => (h.role ? [h.role] : [])));
  const indicators = roles.has('indicator') || roles.has('unit') || headers.filter((h) => yearOfHeader(h.text) !== null).length >= 2;
  return {
    cell: { row, col: own[0]!.col },
    reason: 'header',
    kind: indicators ? 'indicators' : 'roadmap',
    headers,
    rows: below.count,
    missing: missingRoles(roles, indicators),
    last: below.last,
  };
}

function firstContent(grid: Grid): CellRef | null {
  for (let r = 0; r < grid.rows.length; r++) {
    const cells = grid.rows[r] ?? [];
    for (let c = 0; c < cells.length; c++) if (!isEmptyValue(cells[c] ?? null)) return { row: r, col: c };
  }
  return null;
}

/** Rows with two or more values: a sheet of plain paragraphs is a passport or a letter, not a table. */
function tableLikeRows(grid: Grid): number {
  let n = 0;
  for (const cells of grid.rows) {
    let values = 0;
    for (const v of cells ?? []) if (!isEmptyValue(v) && ++values >= 2) break;
    if (values >= 2) n++;
  }
  return n;
}

export function findUnreadContent(grid: Grid, merges: MergeIndex, tables: readonly Table[], mapping: ColumnMapping | undefined): UnreadContent[] {
  const covered = (r: number) => tables.some((t) => r >= Math.min(t.range.top, ...t.titleRows) && r <= t.range.bottom);
  const out: UnreadContent[] = [];
  for (let r = 0; r < grid.rows.length; r++) {
    if (covered(r)) continue;
    const found = unreadHeader(grid, merges, r, mapping, covered);
    if (!found) continue;
    const { last, ...content } = found;
    out.push(content);
    r = last;
  }
  if (!out.length && !tables.length && PLAN_SHEET.test(grid.name) && tableLikeRows(grid) >= 3) {
    const cell = firstContent(grid);
    if (cell) {
      const headers = labels(grid, merges, cell.row).map((l) => ({ col: l.col, text: l.text, role: headerRole(l.text, mapping) }));
      out.push({ cell, reason: 'sheet-name', kind: /показател|индикатор/i.test(grid.name) ? 'indicators' : 'roadmap', headers, rows: 0, missing: [] });
    }
  }
  return out;
}
