import { cellAt, columnCount, isEmptyValue, MergeIndex, type CellValue, type Grid, type GridWorkbook } from '../grid/grid';
import type { CellRef } from '../grid/address';
import { cellText, collapseWhitespace } from '../text/normalize';
import { detectHeader, isRepeatedHeader, shownText, type HeaderMatch } from './header';
import type { GlossaryEntry, SheetModel, Table, TableRow, WorkbookModel } from './model';
import { compareNumbers, isPrefixOf, leadingNumber, parseItemNumber, type ItemNumber } from './numbering';
import { plainlyContinues, startsLowerCase } from './split';
import { findUnreadContent } from './unread';
import { approvalDateFromText, periodFromText } from './title';
import { columnMapping, GLOSSARY_TITLE, headerRole, type ColumnMapping, type ColumnRole } from './vocabulary';
import { matchKey } from '../text/normalize';

/** How far above a header the title of its table may start. */
const TITLE_LOOKBACK = 12;

const FOOTNOTE = /^\s*[¹²³⁴⁵⁶⁷⁸⁹*]/;
const STARTS_LOWER = /^[«"(]?[а-яёa-z]/;
const CHILDREN_MARK = /(из\s+(них|которых)|в\s+том\s+числе)\s*:?\s*$/i;
/**
 * Words that open a new indicator; a capitalised row starting with one ends the children of «из них:».
 * A lower-case «число проведённых семинаров» is still a child.
 */
const INDICATOR_HEAD = /^(Количество|Доля|Наличие|Число|Процент|Уровень|Удельный вес|Средн|Охват)/;

interface RowCells {
  /** Non-empty cells whose value lives in this row (the master of a merge counts once). */
  own: Array<{ col: number; text: string; merged: boolean }>;
}

function rowCells(grid: Grid, merges: MergeIndex, row: number, left: number, right: number): RowCells {
  const own: RowCells['own'] = [];
  for (let c = left; c <= right; c++) {
    const m = merges.mergeAt(row, c);
    if (m && (m.top !== row || m.left !== c)) continue;
    const v = cellAt(grid, row, c);
    if (isEmptyValue(v)) continue;
    own.push({ col: c, text: cellText(v), merged: !!m && m.right > m.left });
  }
  return { own };
}

/** The text of a row that holds exactly one value of its own (a heading, a footnote), else null; allocates nothing. */
function singleOwnText(grid: Grid, merges: MergeIndex, row: number, left: number, right: number): string | null {
  let found: CellValue = null;
  for (let c = left; c <= right; c++) {
    const m = merges.mergeAt(row, c);
    if (m && (m.top !== row || m.left !== c)) continue;
    const v = cellAt(grid, row, c);
    if (isEmptyValue(v)) continue;
    if (found !== null) return null;
    found = v;
  }
  return found === null ? null : cellText(found);
}

function isBlank(grid: Grid, merges: MergeIndex, row: number, left: number, right: number): boolean {
  for (let c = left; c <= right; c++) {
    const m = merges.mergeAt(row, c);
    if (m && m.top !== row) continue; // a vertical merge from above shows a value but adds none here
    if (!isEmptyValue(cellAt(grid, row, c))) return false;
  }
  return true;
}

function isColumnNumbers(grid: Grid, row: number, left: number, right: number): boolean {
  let expected = 1;
  let seen = 0;
  for (let c = left; c <= right; c++) {
    const v = cellAt(grid, row, c);
    if (isEmptyValue(v)) continue;
    const n = typeof v === 'number' ? v : Number(cellText(v).trim());
    if (n !== expected) return false;
    expected++;
    seen++;
  }
  return seen >= 3;
}

/** A leading column with an empty header whose cells below hold item numbers is the number column (seed 000). */
function adoptUnlabelledNumberColumn(grid: Grid, header: HeaderMatch): void {
  if (header.columns.number !== undefined || header.kind === 'glossary' || header.kind === 'results') return;
  const col = header.left - 1;
  if (col < 0) return;
  const top = header.rows[header.rows.length - 1]! + 1;
  let numbers = 0;
  for (let r = top; r < Math.min(grid.rows.length, top + 8); r++) if (parseItemNumber(cellAt(grid, r, col))) numbers++;
  if (numbers >= 2) {
    header.columns.number = col;
    header.left = col;
    header.headers[col] = '№';
    header.signature.unshift('');
  }
}

function periodAndApproval(grid: Grid, titleRows: number[], table: Table): void {
  // The closest statement to the table wins: scan title rows bottom-up.
  for (let i = titleRows.length - 1; i >= 0; i--) {
    const r = titleRows[i]!;
    for (let c = 0; c < (grid.rows[r]?.length ?? 0); c++) {
      const text = cellText(cellAt(grid, r, c));
      if (text.trim() === '') continue;
      if (!table.period) {
        const p = periodFromText(text);
        if (p) table.period = { ...p, source: 'title', cell: { row: r, col: c } };
      }
      if (!table.approval && /(^|\s)от\s/i.test(collapseWhitespace(text))) {
        const a = approvalDateFromText(text);
        if (a) table.approval = { ...a, sheet: grid.name, cell: { row: r, col: c } };
      }
    }
  }
}

/** The last text an item shows in a column: its own cell (through merges), or that of its last continuation row. */
function headText(grid: Grid, merges: MergeIndex, rows: TableRow[], anchor: number, col: number): string {
  let text = shownText(grid, merges, rows[anchor]!.row, col);
  for (let i = anchor + 1; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.role !== 'continuation' || row.continues !== anchor) continue;
    const m = merges.mergeAt(row.row, col);
    if (m && m.top < row.row) continue;
    const own = cellText(cellAt(grid, row.row, col));
    if (own.trim() !== '') text = own;
  }
  return collapseWhitespace(text);
}

/** The row about to be classified opens a page: the last non-blank row is a repeated header. */
function opensPage(rows: TableRow[]): boolean {
  for (let i = rows.length - 1; i >= 0; i--) if (rows[i]!.role !== 'blank') return rows[i]!.role === 'repeated-header';
  return false;
}

type OwnCell = RowCells['own'][number];

/**
 * Cells of a numbered row opening a page that end the previous item's cells: Word split a vertically merged cell at
 * the page break. The activity names the row's own item and is never a tail; elsewhere only a plain continuation
 * counts, since results and roles often start in lower case on their own.
 */
function tailColumns(grid: Grid, merges: MergeIndex, header: HeaderMatch, rows: TableRow[], anchor: number, others: OwnCell[]): number[] {
  if (rows[anchor]!.role !== 'item') return [];
  return others
    .filter((o) => o.col !== header.columns.activity && plainlyContinues(headText(grid, merges, rows, anchor, o.col), collapseWhitespace(o.text)))
    .map((o) => o.col);
}

/**
 * A split already joined: the row only repeats the item's whole texts, kept in a cell merged over the rows below
 * because they share it (what the continuation-row fix leaves). Nothing to join again: it adds no value of its own.
 */
function repeatsJoinedSplit(grid: Grid, merges: MergeIndex, rows: TableRow[], anchor: number, row: number, others: OwnCell[]): boolean {
  if (rows[anchor]!.role !== 'item' || !others.length) return false;
  if (!others.some((o) => (merges.mergeAt(row, o.col)?.bottom ?? row) > row)) return false;
  return others.every((o) => collapseWhitespace(o.text) === headText(grid, merges, rows, anchor, o.col));
}

/**
 * An unnumbered row with an executor and a result of its own under an item that has both, none of whose texts reads
 * as the end of the text above it, is a complete second line of that item (seed 003, row 14), not a page-break split:
 * joining it would glue two executors together. An item whose executor or result is empty is more likely a row
 * broken before those cells.
 */
function isSubRow(grid: Grid, merges: MergeIndex, header: HeaderMatch, rows: TableRow[], anchor: number, others: OwnCell[]): boolean {
  const { executor, result } = header.columns;
  if (executor === undefined || result === undefined || rows[anchor]!.role !== 'item') return false;
  if (!others.some((o) => o.col === executor) || !others.some((o) => o.col === result)) return false;
  if (headText(grid, merges, rows, anchor, executor) === '' || headText(grid, merges, rows, anchor, result) === '') return false;
  return others.every((o) => {
    const text = collapseWhitespace(o.text);
    // Deadlines are written in lower case on their own («август-сентябрь 2021», «в течение года»).
    const lower = o.col !== header.columns.deadline && startsLowerCase(text);
    return !lower && !plainlyContinues(headText(grid, merges, rows, anchor, o.col), text);
  });
}

function classifyRows(grid: Grid, merges: MergeIndex, header: HeaderMatch, table: Table, dataTop: number, end: number, furniture: ReadonlySet<number>): void {
  const { left, right } = table.range;
  const numberCol = header.columns.number;
  const rows: TableRow[] = [];
  let lastContent = -1; // index in rows of the last item/section/continuation
  let lastAnchor = -1; // index of the last item or section (what a continuation continues)

  for (let r = dataTop; r <= end; r++) {
    if (isBlank(grid, merges, r, left, right)) {
      rows.push({ row: r, role: 'blank', number: null });
      continue;
    }
    if (furniture.has(r)) {
      rows.push({ row: r, role: 'repeated-header', number: null });
      continue;
    }
    if (rows.every((x) => x.role === 'blank') && isColumnNumbers(grid, r, left, right)) {
      rows.push({ row: r, role: 'column-numbers', number: null });
      continue;
    }
    if (header.signature.length && isRepeatedHeader(grid, merges, r, header)) {
      rows.push({ row: r, role: 'repeated-header', number: null });
      // A repeated two-row header repeats its year row too.
      continue;
    }
    if ((header.kind === 'roadmap' || header.rows.length > 1) && header.years.length && rows.length && rows[rows.length - 1]!.role === 'repeated-header') {
      if (repeatsYearRow(grid, header, r)) {
        rows.push({ row: r, role: 'repeated-header', number: null });
        continue;
      }
    }
    const numberCell = numberCol !== undefined ? cellAt(grid, r, numberCol) : null;
    const fromDate = numberCell instanceof Date ? itemNumberFromDate(numberCell) : null;
    const number = fromDate ?? (numberCol !== undefined ? parseItemNumber(numberCell) : null);
    // The usual row, a numbered item: its cells matter only when it opens a page (a split cell's tail).
    if (number && header.kind !== 'results') {
      const entry: TableRow = { row: r, role: 'item', number };
      if (fromDate) entry.converted = { from: 'date', text: fromDate.raw };
      if (header.kind === 'roadmap' && lastAnchor >= 0 && opensPage(rows)) {
        const others = rowCells(grid, merges, r, left, right).own.filter((o) => o.col !== numberCol);
        const cols = tailColumns(grid, merges, header, rows, lastAnchor, others);
        if (cols.length) entry.tail = { of: lastAnchor, cols };
      }
      rows.push(entry);
      lastContent = lastAnchor = rows.length - 1;
      continue;
    }
    const { own } = rowCells(grid, merges, r, left, right);
    const others = own.filter((o) => o.col !== numberCol);
    if (!number && header.kind === 'roadmap' && lastAnchor >= 0 && repeatsJoinedSplit(grid, merges, rows, lastAnchor, r, others)) {
      rows.push({ row: r, role: 'blank', number: null });
      continue;
    }

    let role: TableRow['role'];
    let itemNumber: ItemNumber | null = null;
    let title: string | undefined;
    let subRowOf: number | undefined;
    if (number && (others.length > 0 || header.kind !== 'results')) {
      role = 'item';
      itemNumber = number;
    } else if (own.length === 1) {
      const text = collapseWhitespace(own[0]!.text);
      const numbered = leadingNumber(text);
      if (numbered) {
        role = 'section';
        itemNumber = numbered.number;
        title = text;
      } else if (STARTS_LOWER.test(text) && lastAnchor >= 0) {
        role = 'continuation';
      } else if (header.kind === 'results' || header.kind === 'indicators' || own[0]!.merged || own[0]!.col === numberCol || own[0]!.col === left) {
        role = 'section';
        title = text;
      } else if (lastAnchor >= 0) {
        role = 'continuation';
      } else {
        role = 'section';
        title = text;
      }
    } else if (numberCol !== undefined && isEmptyValue(numberCell) && lastAnchor >= 0 && header.kind === 'roadmap') {
      if (isSubRow(grid, merges, header, rows, lastAnchor, others)) {
        role = 'item';
        subRowOf = lastAnchor;
      } else role = 'continuation';
    } else {
      role = 'item';
    }

    const entry: TableRow = { row: r, role, number: itemNumber };
    if (title !== undefined) entry.title = title;
    if (role === 'continuation') entry.continues = lastAnchor;
    if (subRowOf !== undefined) entry.subRowOf = subRowOf;
    if (role === 'item' && itemNumber && header.kind === 'roadmap' && lastAnchor >= 0 && opensPage(rows)) {
      const cols = tailColumns(grid, merges, header, rows, lastAnchor, others);
      if (cols.length) entry.tail = { of: lastAnchor, cols };
    }
    rows.push(entry);
    lastContent = rows.length - 1;
    if (role === 'item' || role === 'section') lastAnchor = lastContent;
  }
  table.rows = rows;
  restoreConvertedNumbers(grid, table, numberCol);
  linkParents(grid, table);
}

/**
 * `3.2.` typed into a spreadsheet becomes the date 3 February (day.month, the Russian order), with the current year:
 * read it as the item number it was. The time of day is zero for a converted text; a real timestamp is no number.
 */
function itemNumberFromDate(date: Date): ItemNumber | null {
  if (Number.isNaN(date.getTime()) || date.getUTCHours() + date.getUTCMinutes() + date.getUTCSeconds() !== 0) return null;
  const day = date.getUTCDate();
  const month = date.getUTCMonth() + 1;
  return { raw: `${day}.${month}.`, components: [day, month], trailingDot: true, roman: false };
}

/**
 * Item numbers type detection changed: a date read back as `D.M` takes the table's own style of trailing dot; a number
 * whose trailing zero was dropped (`1.10` → 1.1) is known by its place, right after `1.9` (or before `1.11`).
 */
function restoreConvertedNumbers(grid: Grid, table: Table, numberCol: number | undefined): void {
  if (numberCol === undefined) return;
  const numbered = table.rows.filter((r) => r.number && (r.role === 'item' || r.role === 'section'));
  const multi = numbered.filter((r) => !r.converted && r.number!.components.length > 1);
  const dotted = multi.filter((r) => r.number!.trailingDot).length;
  const trailingDot = multi.length === 0 || dotted * 2 >= multi.length;
  numbered.forEach((row, i) => {
    if (row.converted?.from === 'date' && !trailingDot) {
      const text = row.number!.components.join('.');
      row.number = { ...row.number!, raw: text, trailingDot: false };
      row.converted.text = text;
    }
    const value = cellAt(grid, row.row, numberCol);
    if (typeof value !== 'number' || !row.number || row.number.components.length !== 2) return;
    const [major, minor] = row.number.components as [number, number];
    const restored = minor * 10;
    const sibling = (n: TableRow | undefined, minorThere: number) => !!n?.number && n.number.components.length === 2 && n.number.components[0] === major && n.number.components[1] === minorThere;
    if (!sibling(numbered[i - 1], restored - 1) && !sibling(numbered[i + 1], restored + 1)) return;
    const text = `${major}.${restored}`;
    row.number = { raw: text, components: [major, restored], trailingDot: false, roman: false };
    row.converted = { from: 'number', text };
  });
}

/** Parents: an item's enclosing section or numbered parent item; marks items that have children. */
function linkParents(grid: Grid, table: Table): void {
  let section = -1;
  const stack: number[] = []; // indices of numbered items/sections, outermost first
  let childrenOf = -1; // an indicator ending in «из них:»
  table.rows.forEach((row, i) => {
    if (row.role === 'section') {
      section = i;
      childrenOf = -1;
      if (row.number) {
        while (stack.length && !isPrefixOf(table.rows[stack[stack.length - 1]!]!.number!, row.number)) stack.pop();
        if (stack.length) row.parent = stack[stack.length - 1]!;
        stack.push(i);
      } else {
        stack.length = 0;
      }
      return;
    }
    if (row.role !== 'item') return;
    if (row.number) {
      while (stack.length && !isPrefixOf(table.rows[stack[stack.length - 1]!]!.number!, row.number)) stack.pop();
      const parent = stack.length ? stack[stack.length - 1]! : section;
      if (parent >= 0) {
        row.parent = parent;
        if (table.rows[parent]!.role === 'item') table.rows[parent]!.hasChildren = true;
      }
      stack.push(i);
    } else if (section >= 0) {
      row.parent = section;
    }
    if (table.kind === 'indicators') {
      const text = indicatorText(grid, table, row);
      if (childrenOf >= 0 && !row.number) {
        if (INDICATOR_HEAD.test(text)) childrenOf = -1;
        else {
          row.parent = childrenOf;
          table.rows[childrenOf]!.hasChildren = true;
        }
      }
      if (CHILDREN_MARK.test(text)) childrenOf = i;
    }
  });
}

function indicatorText(grid: Grid, table: Table, row: TableRow): string {
  const col = table.columns.indicator;
  if (col === undefined) return '';
  return collapseWhitespace(cellText(cellAt(grid, row.row, col)));
}

/** One glossary line: «ШНОР – школы с низкими …» or «ШНОР: школы …». */
const GLOSSARY_LINE = /^\s*([A-Za-zА-ЯЁ0-9«»"][^\s–—:-]{0,20}(?:\s[^\s–—:-]{1,20}){0,4}?)(?:\s+[-–—]\s+|\s*:\s+)(\S.*)$/;
const NEXT_ENTRY = /\s(?=[А-ЯЁA-Z]{2,}[А-ЯЁA-Z0-9]*\s+[-–—]\s)/;
/** An abbreviation in a cell of its own: short, a few words at most, not a sentence. */
const ABBREVIATION_CELL = /^[A-Za-zА-ЯЁ0-9«»"(][^.;!?]{0,29}$/;
const ROW_NUMBER = /^\d{1,3}\.?$/;

type GlossaryLayout = { form: 'line'; col: number } | { form: 'cells'; abbreviation: number; fullName: number };

/** How one row under a glossary title writes its entry; null when it is no entry. */
function glossaryRow(grid: Grid, merges: MergeIndex, row: number): GlossaryLayout | null {
  const own = rowCells(grid, merges, row, 0, Math.max(columnCount(grid) - 1, 0)).own.filter((o, i) => !(i === 0 && ROW_NUMBER.test(o.text.trim())));
  if (own.length === 1) return GLOSSARY_LINE.test(own[0]!.text) ? { form: 'line', col: own[0]!.col } : null;
  if (own.length !== 2) return null;
  const [abbr, full] = own as [OwnCell, OwnCell];
  const a = collapseWhitespace(abbr.text);
  const f = collapseWhitespace(full.text);
  // «ШНОР | школы с низкими результатами обучения»: the name is the longer of the two.
  if (!ABBREVIATION_CELL.test(a) || f.length <= a.length || f.length < 4) return null;
  // A header row «Сокращение | Полное наименование» opens a glossary the header reader takes.
  if (headerRole(a) === 'abbreviation' || headerRole(f) === 'fullName') return null;
  return { form: 'cells', abbreviation: abbr.col, fullName: full.col };
}

/**
 * A glossary without a header row, under a title «Используемые сокращения» / «Термины и сокращения»: lines
 * «ШНОР – школы …» or «ШНОР: …» in one cell, or the abbreviation and its full name in cells of their own (with or
 * without a row number). Whatever layout the first entry has, the rest follow it.
 */
function glossaryByTitle(grid: Grid, merges: MergeIndex, row: number): Table | null {
  const first = (grid.rows[row] ?? []).findIndex((v) => !isEmptyValue(v ?? null));
  if (first < 0 || first > 3) return null;
  const text = cellText(cellAt(grid, row, first)).trim();
  if (!text || text.length > 80 || !GLOSSARY_TITLE.test(matchKey(text))) return null;
  const rows: TableRow[] = [];
  let layout: GlossaryLayout | null = null;
  let r = row + 1;
  while (r < grid.rows.length) {
    if (isBlank(grid, merges, r, 0, Math.max(columnCount(grid) - 1, 0))) {
      if (rows.length) break;
      r++;
      continue;
    }
    const found = glossaryRow(grid, merges, r);
    if (!found || (layout && found.form !== layout.form)) break;
    layout ??= found;
    rows.push({ row: r, role: 'item', number: null });
    r++;
  }
  if (rows.length < 2 || !layout) return null;
  const columns: Table['columns'] = layout.form === 'line' ? { abbreviation: layout.col } : { abbreviation: layout.abbreviation, fullName: layout.fullName };
  const left = layout.form === 'line' ? layout.col : layout.abbreviation;
  const right = layout.form === 'line' ? layout.col : layout.fullName;
  return {
    kind: 'glossary',
    sheet: grid.name,
    range: { top: row, left: Math.min(left, first), bottom: rows[rows.length - 1]!.row, right },
    headerRows: [row],
    titleRows: [],
    columns,
    headers: { [first]: text },
    years: [],
    shares: [],
    rows,
  };
}

/** Splits «МППКО – муниципальная программа … ВПР – Всероссийские проверочные работы» into its entries. */
export function glossaryLineEntries(line: string): Array<{ abbreviation: string; fullName: string }> {
  const out: Array<{ abbreviation: string; fullName: string }> = [];
  for (const part of collapseWhitespace(line).split(NEXT_ENTRY)) {
    const m = GLOSSARY_LINE.exec(part);
    if (m) out.push({ abbreviation: m[1]!.trim(), fullName: m[2]!.trim().replace(/[;.]$/, '') });
  }
  return out;
}

/** Where a table ends, which rows between its pages are page furniture, and whether a second table follows headerless. */
interface TableExtent {
  end: number;
  /** Title rows and headers repeated at a page break (or left between pages by a paste): not data, not sections. */
  furniture: Set<number>;
  /** A table that restarts its numbering after a gap without a header of its own: its title rows and first data row. */
  next?: { titles: number[]; dataTop: number };
}

/** How far past a gap the reader looks for the next page's first numbered row. */
const PAGE_LOOKAHEAD = 12;
/** A title that announces the same table going on. */
const CONTINUED = /продолжени/i;

/** The item number a row starts with: in the number column, or a numbered heading written in one cell. */
function rowNumber(grid: Grid, merges: MergeIndex, header: HeaderMatch, row: number): ItemNumber | null {
  const col = header.columns.number;
  if (col !== undefined) {
    if (merges.masterOf(row, col).row !== row) return null;
    const n = parseItemNumber(cellAt(grid, row, col));
    if (n) return n;
  }
  const single = singleOwnText(grid, merges, row, header.left, header.right);
  return single === null ? null : leadingNumber(collapseWhitespace(single))?.number ?? null;
}

type Gap = { kind: 'none' } | { kind: 'continue'; furniture: number[]; resume: number } | { kind: 'split'; next?: { titles: number[]; dataTop: number } };

/**
 * What follows a blank row inside a table (a page break of the Word original, or two tables pasted one under the
 * other): the same table going on — its numbering continues, with its title or header repeated — or a new table whose
 * numbering starts again (a roadmap, then a support plan from «1.»). Anything else is left to the usual rules.
 */
function pastGap(grid: Grid, merges: MergeIndex, header: HeaderMatch, gap: number, limit: number, lastNumber: ItemNumber | null, titleKeys: ReadonlySet<string>, mapping: ColumnMapping | undefined): Gap {
  const titles: number[] = [];
  const headers: number[] = [];
  const blanks: number[] = [];
  for (let k = gap; k < Math.min(limit, gap + PAGE_LOOKAHEAD); k++) {
    if (isBlank(grid, merges, k, header.left, header.right)) {
      blanks.push(k);
      continue;
    }
    if (isRepeatedHeader(grid, merges, k, header) || (headers.length > 0 && repeatsYearRow(grid, header, k))) {
      headers.push(k);
      continue;
    }
    const other = detectHeader(grid, merges, k, mapping);
    // A header of its own: a new table the sheet reader finds there (its kind decides nothing here).
    if (other) return lastNumber ? { kind: 'split' } : { kind: 'none' };
    const number = rowNumber(grid, merges, header, k);
    if (number) {
      if (!lastNumber) return { kind: 'none' };
      if (compareNumbers(number, lastNumber) <= 0) {
        // Numbering starts again: a second table. Its own title rows, and no header: it takes this one's columns.
        return headers.length ? { kind: 'split' } : { kind: 'split', next: { titles, dataTop: k } };
      }
      const repeatsTitle = titles.length > 0 && titles.every((t) => {
        const text = singleOwnText(grid, merges, t, 0, Math.max(columnCount(grid) - 1, 0));
        return text !== null && (titleKeys.has(matchKey(text)) || CONTINUED.test(text));
      });
      if (headers.length || repeatsTitle) return { kind: 'continue', furniture: [...titles, ...headers], resume: k };
      return { kind: 'none' };
    }
    const single = singleOwnText(grid, merges, k, 0, Math.max(columnCount(grid) - 1, 0));
    if (single === null || FOOTNOTE.test(single.trim()) || GLOSSARY_TITLE.test(matchKey(single))) return { kind: 'none' };
    titles.push(k);
  }
  return { kind: 'none' };
}

/** The year row of a two-row header, repeated under the repeated header at a page break. */
function repeatsYearRow(grid: Grid, header: HeaderMatch, row: number): boolean {
  if (!header.years.length) return false;
  return header.years.every((y) => cellText(cellAt(grid, row, y.col)).trim() === String(y.year));
}

function tableEnd(grid: Grid, merges: MergeIndex, header: HeaderMatch, dataTop: number, limit: number, mapping: ColumnMapping | undefined, titleKeys: ReadonlySet<string>): TableExtent {
  let last = header.rows.length ? header.rows[header.rows.length - 1]! : dataTop - 1;
  let blanks = 0;
  let lastNumber: ItemNumber | null = null;
  const furniture = new Set<number>();
  for (let r = dataTop; r < limit; r++) {
    if (isBlank(grid, merges, r, header.left, header.right)) {
      blanks++;
      if (blanks === 1 && header.kind !== 'glossary') {
        const gap = pastGap(grid, merges, header, r, limit, lastNumber, titleKeys, mapping);
        if (gap.kind === 'split') return gap.next ? { end: last, furniture, next: gap.next } : { end: last, furniture };
        if (gap.kind === 'continue') {
          for (const f of gap.furniture) furniture.add(f);
          r = gap.resume - 1;
          blanks = 0;
          continue;
        }
      }
      if (blanks >= 2) break;
      continue;
    }
    blanks = 0;
    const single = singleOwnText(grid, merges, r, header.left, header.right);
    if (single !== null) {
      const t = single.trim();
      if (FOOTNOTE.test(t) || (t.length < 60 && GLOSSARY_TITLE.test(matchKey(t)))) break;
    }
    if (!isRepeatedHeader(grid, merges, r, header)) {
      const other = detectHeader(grid, merges, r, mapping);
      if (other && other.kind !== header.kind) break;
    }
    const number = header.kind === 'roadmap' || header.kind === 'indicators' ? rowNumber(grid, merges, header, r) : null;
    if (number && !number.roman) lastNumber = number;
    last = r;
  }
  return { end: last, furniture };
}

export interface ReadOptions {
  /** Period from configuration: overrides whatever the titles say. */
  period?: { from: number; to: number };
  /** The user's column mapping: header text → role, for headers the vocabulary does not know (`Что делаем` → activity). */
  columns?: Readonly<Record<string, ColumnRole>>;
}

/** Finds every table on one sheet. Never throws on user data. */
export function readSheet(grid: Grid, options: ReadOptions = {}): SheetModel {
  const merges = new MergeIndex(grid);
  const mapping = columnMapping(options.columns);
  const tables: Table[] = [];
  let r = 0;
  let previousEnd = -1;
  const titlesAbove = (top: number): number[] => {
    const rows: number[] = [];
    for (let t = Math.max(previousEnd + 1, top - TITLE_LOOKBACK); t < top; t++) {
      if (!isBlank(grid, merges, t, 0, Math.max(columnCount(grid) - 1, 0))) rows.push(t);
    }
    return rows;
  };
  /** One table under `header` (its own, or the one above for a table that restarts its numbering without one). */
  const readTable = (header: HeaderMatch, top: number, dataTop: number, titleRows: number[], own: boolean): TableExtent => {
    const titleKeys = new Set(titleRows.map((t) => matchKey(cellText(cellAt(grid, t, (grid.rows[t] ?? []).findIndex((v) => !isEmptyValue(v ?? null)))))));
    const extent = tableEnd(grid, merges, header, dataTop, grid.rows.length, mapping, titleKeys);
    const { end } = extent;
    const table: Table = {
      kind: header.kind,
      sheet: grid.name,
      range: { top, left: header.left, bottom: end, right: header.right },
      headerRows: own ? header.rows : [],
      titleRows,
      columns: header.columns,
      headers: header.headers,
      years: header.years,
      shares: header.shares,
      rows: [],
    };
    if (header.kind === 'glossary') {
      for (let d = dataTop; d <= end; d++) {
        if (!isBlank(grid, merges, d, header.left, header.right) && !isRepeatedHeader(grid, merges, d, header)) {
          table.rows.push({ row: d, role: 'item', number: null });
        }
      }
    } else {
      classifyRows(grid, merges, header, table, dataTop, end, extent.furniture);
      periodAndApproval(grid, titleRows, table);
      if (options.period) table.period = { ...options.period, source: 'config' };
      // A page of the same table read apart (a gap too long to bridge) still belongs to the plan above it.
      const above = tables[tables.length - 1];
      if (!table.period && above?.period && above.kind === table.kind && sameSignature(above, table)) table.period = { ...above.period };
    }
    tables.push(table);
    previousEnd = end;
    return extent;
  };
  while (r < grid.rows.length) {
    const header = detectHeader(grid, merges, r, mapping);
    if (header) {
      adoptUnlabelledNumberColumn(grid, header);
      let extent = readTable(header, r, header.rows[header.rows.length - 1]! + 1, titlesAbove(r), true);
      while (extent.next) extent = readTable(header, extent.next.dataTop, extent.next.dataTop, extent.next.titles, false);
      r = extent.end + 1;
      continue;
    }
    const glossary = glossaryByTitle(grid, merges, r);
    if (glossary) {
      tables.push(glossary);
      previousEnd = glossary.range.bottom;
      r = glossary.range.bottom + 1;
      continue;
    }
    r++;
  }
  return { grid, merges, tables, unread: findUnreadContent(grid, merges, tables, mapping) };
}

/** Two tables with the same columns under the same header texts. */
function sameSignature(a: Table, b: Table): boolean {
  const keys = (t: Table) => JSON.stringify(Object.entries(t.headers).map(([c, h]) => [Number(c) - t.range.left, matchKey(h)]));
  return keys(a) === keys(b);
}

function glossaryEntries(sheet: SheetModel): GlossaryEntry[] {
  const out: GlossaryEntry[] = [];
  for (const table of sheet.tables) {
    if (table.kind !== 'glossary') continue;
    const abbrCol = table.columns.abbreviation;
    const fullCol = table.columns.fullName;
    for (const row of table.rows) {
      if (abbrCol !== undefined && fullCol !== undefined) {
        const abbreviation = collapseWhitespace(shownText(sheet.grid, sheet.merges, row.row, abbrCol));
        const fullName = collapseWhitespace(shownText(sheet.grid, sheet.merges, row.row, fullCol));
        if (abbreviation) out.push({ abbreviation, fullName, sheet: sheet.grid.name, cell: { row: row.row, col: abbrCol } });
      } else {
        const col = abbrCol ?? table.range.left;
        const cell: CellRef = { row: row.row, col };
        for (const e of glossaryLineEntries(cellText(cellAt(sheet.grid, row.row, col)))) {
          out.push({ ...e, sheet: sheet.grid.name, cell });
        }
      }
    }
  }
  return out;
}

/**
 * Rows outside every table that state the plan period (a project passport: «Сроки реализации Проекта | 2 года (2023 – 2024 гг.)»).
 * Used for tables whose own title says nothing.
 */
function workbookPeriod(sheets: SheetModel[]): { from: number; to: number; sheet: string; cell: CellRef } | null {
  for (const sheet of sheets) {
    const { grid } = sheet;
    const covered = (row: number) => sheet.tables.some((t) => t.kind !== 'glossary' && row >= t.range.top && row <= t.range.bottom);
    for (let r = 0; r < grid.rows.length; r++) {
      if (covered(r)) continue;
      const cells = grid.rows[r] ?? [];
      const line = cells.map((v: CellValue) => cellText(v)).join(' ');
      if (!/(срок|период|реализ|программ|проект|план)/i.test(line)) continue;
      const p = periodFromText(line);
      if (p) {
        const col = Math.max(0, cells.findIndex((v: CellValue) => periodFromText(cellText(v)) !== null));
        return { ...p, sheet: grid.name, cell: { row: r, col } };
      }
    }
  }
  return null;
}

function workbookApproval(sheets: SheetModel[]): Table['approval'] | undefined {
  for (const sheet of sheets) for (const t of sheet.tables) if (t.approval) return t.approval;
  // A passport sheet: «УТВЕРЖДЕН / приказом / … / от 13.03.2023 № 119» above everything else.
  for (const sheet of sheets) {
    const limit = Math.min(sheet.grid.rows.length, 15);
    for (let r = 0; r < limit; r++) {
      const text = cellText(cellAt(sheet.grid, r, 0));
      if (/(^|\s)от\s/i.test(text)) {
        const a = approvalDateFromText(text);
        if (a) return { ...a, sheet: sheet.grid.name, cell: { row: r, col: 0 } };
      }
    }
  }
  return undefined;
}

/** Reads every sheet and shares what one sheet states (glossary, period, approval) with the others. */
export function readWorkbook(workbook: GridWorkbook, options: ReadOptions = {}): WorkbookModel {
  const sheets = workbook.sheets.map((g) => readSheet(g, options));
  const glossary = sheets.flatMap(glossaryEntries);
  const period = options.period ? null : workbookPeriod(sheets);
  const approval = workbookApproval(sheets);
  for (const sheet of sheets) {
    for (const table of sheet.tables) {
      if (table.kind === 'glossary') continue; // a list of abbreviations has no plan period
      if (!table.period && period) table.period = { from: period.from, to: period.to, source: 'workbook' };
      if (!table.approval && approval && table.kind === 'roadmap') table.approval = approval;
    }
  }
  return { sheets, glossary };
}
