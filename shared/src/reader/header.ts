import { cellAt, columnCount, isEmptyValue, type Grid, type MergeIndex } from '../grid/grid';
import { cellText, matchKey } from '../text/normalize';
import type { ShareColumn, TableKind, YearColumn } from './model';
import { headerRole, yearOfHeader, type ColumnMapping, type ColumnRole } from './vocabulary';

/** A recognised header: which rows it spans and what each column means. */
export interface HeaderMatch {
  kind: TableKind;
  rows: number[];
  left: number;
  right: number;
  columns: Partial<Record<ColumnRole, number>>;
  headers: Record<number, string>;
  years: YearColumn[];
  shares: ShareColumn[];
  /** matchKey of every header cell of the first header row, for spotting repeats at page breaks. */
  signature: string[];
}

/** The text shown at a cell, looking through merges. */
export function shownText(grid: Grid, merges: MergeIndex, row: number, col: number): string {
  const master = merges.masterOf(row, col);
  return cellText(cellAt(grid, master.row, master.col));
}

function rowSpan(grid: Grid, merges: MergeIndex, row: number): { left: number; right: number } | null {
  let left = -1;
  let right = -1;
  const width = columnCount(grid);
  for (let c = 0; c < width; c++) {
    const master = merges.masterOf(row, c);
    if (!isEmptyValue(cellAt(grid, master.row, master.col))) {
      if (left < 0) left = c;
      right = c;
    }
  }
  return left < 0 ? null : { left, right };
}

const PROCEDURE = /(впр|огэ|егэ|гиа|кдр|диагност|олимпиад|\d+\s*класс)/i;
const GRADE_BAND = /^[«"]?[2-5][»"]?(\s*(,|и|-)\s*[«"]?[2-5][»"]?)*$/;
/** «4, 5», «4 и 5», «"4" и "5"»: a combined band that no row of plain numbers (2 3 4 5) contains. */
const COMBINED_BAND = /^[«"]?[2-5][»"]?\s*(,|и|-)\s*[«"]?[2-5][»"]?/;

function resultsHeader(grid: Grid, merges: MergeIndex, row: number): HeaderMatch | null {
  const span = rowSpan(grid, merges, row);
  if (!span) return null;
  let procedures = 0;
  for (let c = span.left; c <= span.right; c++) {
    const m = merges.masterOf(row, c);
    if (m.col === c && PROCEDURE.test(shownText(grid, merges, row, c))) procedures++;
  }
  if (procedures < 1) return null; // the grade-band row below (≥ 4 bands) is the real evidence
  // The grade band row (`4, 5` / `2`) closes the header, one or two rows below.
  for (let g = row + 1; g <= row + 2 && g < grid.rows.length; g++) {
    // Without its merges the top header row is narrow; the band row shows how wide the matrix really is.
    const width = columnCount(grid);
    let bands = 0;
    let combined = 0;
    let lastBand = span.right;
    for (let c = span.left; c < width; c++) {
      const v = cellAt(grid, g, c);
      if (typeof v !== 'string') continue; // a band is a label; a row of numbers 2 3 4 5 is data
      const text = v.trim();
      if (GRADE_BAND.test(text)) {
        bands++;
        if (COMBINED_BAND.test(text)) combined++;
        lastBand = Math.max(lastBand, c);
      }
    }
    if (bands < 4 || combined < 2) continue;
    const rows: number[] = [];
    for (let r = row; r <= g; r++) rows.push(r);
    const shares: ShareColumn[] = [];
    const headers: Record<number, string> = {};
    let right = span.right;
    for (let c = span.left; c <= lastBand; c++) {
      const band = cellText(cellAt(grid, g, c)).trim();
      // A copy that lost its merges leaves the right half of «Русский язык» empty: it belongs to its left neighbour.
      const above = (r: number): string => {
        for (let k = c; k >= span.left; k--) {
          const t = shownText(grid, merges, r, k).trim();
          if (t !== '') return t;
          if (merges.mergeAt(r, k)) break;
        }
        return '';
      };
      const parts = rows.slice(0, -1).map(above).filter((t) => t !== '');
      const unique = parts.filter((p, i) => parts.indexOf(p) === i);
      headers[c] = [...unique, band].filter((t) => t !== '').join(' / ');
      if (GRADE_BAND.test(band)) {
        shares.push({ col: c, group: unique.join(' / '), band: band.replace(/\s+/g, ' ') });
        if (c > right) right = c;
      }
    }
    // The unlabelled score column after the last share stays inside the table.
    if (isEmptyValue(cellAt(grid, g, right + 1)) && !isEmptyValue(cellAt(grid, g + 1, right + 1))) right += 1;
    else {
      for (let r = g + 1; r < Math.min(grid.rows.length, g + 6); r++) {
        if (!isEmptyValue(cellAt(grid, r, right + 1))) {
          right += 1;
          break;
        }
      }
    }
    return {
      kind: 'results',
      rows,
      left: span.left,
      right,
      columns: { school: span.left },
      headers,
      years: [],
      shares,
      signature: [],
    };
  }
  return null;
}

/**
 * Tries to read a header starting at `row`. A header is recognised by meaning: a roadmap needs an activity column and
 * at least two of number/deadline/executor/result/per-year plan; an indicator sheet needs an indicator column and
 * year columns; a glossary needs abbreviation and full-name columns.
 */
const ITEM_NUMBER = /^\s*\d{1,4}(\.\d{1,4})*\.?\s*$/;
const LONGEST_HEADER = 200;

/**
 * A header holds only short labels: a row with an item number, a number that is not a year, or a long text is data.
 * This cheap test spares the vocabulary on almost every data row of a big sheet.
 */
export function couldBeHeader(grid: Grid, row: number): boolean {
  const cells = grid.rows[row];
  if (!cells) return false;
  let labels = 0;
  for (const v of cells) {
    if (v === null) continue;
    if (typeof v === 'number') {
      if (!(Number.isInteger(v) && v >= 1990 && v <= 2100)) return false;
    } else if (typeof v === 'string') {
      if (v.length > LONGEST_HEADER || (ITEM_NUMBER.test(v) && yearOfHeader(v) === null)) return false;
      if (v.trim() !== '') labels++;
    } else return false;
  }
  // A single label can still open a header whose other cells are merged from it.
  return labels >= 1;
}

export function detectHeader(grid: Grid, merges: MergeIndex, row: number, mapping?: ColumnMapping): HeaderMatch | null {
  if (!couldBeHeader(grid, row)) return null;
  const span = rowSpan(grid, merges, row);
  if (!span || span.right - span.left < 1) return null;
  const roles: Array<ColumnRole | null> = [];
  const headers: Record<number, string> = {};
  let distinct = 0;
  for (let c = span.left; c <= span.right; c++) {
    const master = merges.masterOf(row, c);
    const text = shownText(grid, merges, row, c);
    headers[c] = text.replace(/\s+/g, ' ').trim();
    const own = master.col === c;
    if (own && text.trim() !== '') distinct++;
    // A cell merged with its left neighbour continues that column's group (e.g. «Ключевые мероприятия» over years).
    roles.push(own ? headerRole(text, mapping) : roles[roles.length - 1] ?? null);
  }
  if (distinct < 2) return null;

  const columns: Partial<Record<ColumnRole, number>> = {};
  roles.forEach((role, i) => {
    if (role && columns[role] === undefined) columns[role] = span.left + i;
  });
  const years: YearColumn[] = [];
  for (let c = span.left; c <= span.right; c++) {
    const y = yearOfHeader(cellAt(grid, row, c));
    if (y !== null) years.push({ year: y, col: c });
  }

  const has = (r: ColumnRole) => columns[r] !== undefined;
  const rows = [row];
  const roadmapScore = ['number', 'deadline', 'executor', 'result', 'yearPlan'].filter((r) => has(r as ColumnRole)).length;

  let kind: TableKind | null = null;
  if (has('activity') && roadmapScore >= 2 && (has('deadline') || has('executor') || has('yearPlan'))) kind = 'roadmap';
  else if (has('indicator') && (years.length >= 1 || has('unit'))) kind = 'indicators';
  else if (has('abbreviation') && has('fullName')) kind = 'glossary';
  if (!kind) return resultsHeader(grid, merges, row);

  // A second header row: years under «Ключевые мероприятия», or years under a merged «Значение показателя».
  const next = row + 1;
  if (next < grid.rows.length) {
    const subYears: YearColumn[] = [];
    let foreign = 0;
    for (let c = span.left; c <= span.right; c++) {
      const master = merges.masterOf(next, c);
      if (master.row < next) continue; // vertically merged from the first header row
      const v = cellAt(grid, next, c);
      if (isEmptyValue(v)) continue;
      const y = yearOfHeader(v);
      if (y !== null) subYears.push({ year: y, col: c });
      else foreign++;
    }
    if (subYears.length >= 2 && foreign === 0) {
      rows.push(next);
      for (const y of subYears) {
        if (!years.some((e) => e.col === y.col)) years.push(y);
        headers[y.col] = `${headers[y.col] ? headers[y.col] + ' / ' : ''}${y.year}`;
      }
      years.sort((a, b) => a.col - b.col);
    }
  }
  if (kind === 'indicators' && years.length === 0) return null;

  const signature: string[] = [];
  for (let c = span.left; c <= span.right; c++) signature.push(matchKey(shownText(grid, merges, row, c)));
  return { kind, rows, left: span.left, right: span.right, columns, headers, years, shares: [], signature };
}

/** Does this row repeat the header (a page break in the Word original)? */
export function isRepeatedHeader(grid: Grid, merges: MergeIndex, row: number, header: HeaderMatch): boolean {
  if (!couldBeHeader(grid, row)) return false;
  let same = 0;
  let nonEmpty = 0;
  for (let i = 0; i < header.signature.length; i++) {
    const expected = header.signature[i]!;
    const shown = shownText(grid, merges, row, header.left + i);
    // A text far longer than the header label cannot be that label; skip normalising it.
    if (shown.length > expected.length * 2 + 20) {
      nonEmpty++;
      continue;
    }
    const got = matchKey(shown);
    if (expected === '' && got === '') continue;
    nonEmpty++;
    if (expected === got) same++;
  }
  if (nonEmpty >= 2 && same / nonEmpty >= 0.75) return true;
  return repeatsByMeaning(grid, merges, row, header);
}

/**
 * A header repeated in other words («Показатель | Единица измерения» over «Наименование показателя | Ед. изм.»): every
 * label names its column's role, or its year; at least two do. Data never reads so: a unit cell holds «%», not a label.
 */
function repeatsByMeaning(grid: Grid, merges: MergeIndex, row: number, header: HeaderMatch): boolean {
  const roleAt = new Map<number, ColumnRole>();
  for (const [role, col] of Object.entries(header.columns) as Array<[ColumnRole, number]>) roleAt.set(col, role);
  let labels = 0;
  for (let c = header.left; c <= header.right; c++) {
    const master = merges.masterOf(row, c);
    if (master.row !== row || master.col !== c) continue;
    const v = cellAt(grid, row, c);
    if (isEmptyValue(v)) continue;
    const year = yearOfHeader(v);
    if (year !== null) {
      if (!header.years.some((y) => y.col === c && y.year === year)) return false;
    } else {
      const role = headerRole(cellText(v));
      if (role === null || role !== roleAt.get(c)) return false;
    }
    labels++;
  }
  return labels >= 2;
}
