/**
 * The OpenDocument spreadsheet reader: .ods bytes (what LibreOffice saves by default) → the `GridWorkbook` the xlsx
 * reader gives for the same workbook (`shared/test/ods-libreoffice.test.ts` converts xlsx fixtures with LibreOffice
 * and compares the two readings cell by cell). It inflates only `mimetype`, `META-INF/manifest.xml` (to name a
 * password-protected file) and `content.xml`, through the xlsx reader's bounded zip (the entry count, sizes and 100:1
 * ratio of `ZIP_LIMITS`) and its strict XML scanner (no DTD).
 *
 * Repeats are read as runs and never expanded while parsing: LibreOffice writes every sheet out to column 16,384 and
 * row 1,048,576 (`number-columns-repeated="16379"`, `number-rows-repeated="1048491"` of empty cells), and a hostile
 * file may repeat a filled cell 10⁹ times. Trailing empty cells and rows cost nothing; the caps (the server's, and the
 * reader's own bounds) are checked on the runs before a single grid row is built.
 *
 * Pure: no Node API and no zip (the purity test and `tsconfig.core.json` hold `shared/src` outside `xlsx/` to that);
 * the parts come through `OdsParts`.
 */
import type { CellRange } from '../grid/address';
import type { CellValue, Grid, GridWorkbook } from '../grid/grid';
import { XmlError, scanXml, type XmlAttributes, type XmlHandler } from '../xlsx/xml';

/** LibreOffice's (and Excel's) sheet bounds: content beyond them is refused as oversize, never built. */
export const ODS_MAX_ROWS = 1_048_576;
export const ODS_MAX_COLUMNS = 16_384;
/** The xlsx reader's bounds (`MAX_MERGED_AREA`, `MAX_GRID_CELLS` in `xlsx/reader.ts`), whatever the caps. */
export const ODS_MAX_MERGED_AREA = 16 * 1024 * 1024;
export const ODS_MAX_GRID_CELLS = 32 * 1024 * 1024;

export const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';
const ODS_TEMPLATE_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet-template';

/** Why an .ods is not read; the callers word it in Russian. */
export type OdsProblem = 'broken' | 'not-a-spreadsheet' | 'encrypted' | 'no-content';

export class OdsReadError extends Error {
  constructor(
    readonly problem: OdsProblem,
    message: string,
  ) {
    super(message);
  }
}

/** Structurally the xlsx reader's `GridCaps` (the server's caps). */
export interface OdsCaps {
  maxSheets: number;
  maxRows: number;
  maxColumns: number;
  maxMergedCells: number;
}

/** Structurally the xlsx reader's `GridOversize` (and so the server's `Oversize`, plus `cells`). */
export type OdsOversize =
  | { kind: 'sheets'; count: number }
  | { kind: 'rows'; sheet: string; count: number }
  | { kind: 'columns'; sheet: string; row: number; count: number }
  | { kind: 'merged-cells'; count: number }
  | { kind: 'cells'; count: number };

/** A workbook bigger than the caps or the reader's bounds: nothing was built. */
export class OdsOversizeError extends Error {
  constructor(readonly oversize: OdsOversize) {
    super(`the workbook is too big: ${JSON.stringify(oversize)}`);
  }
}

export interface OdsReadOptions {
  caps?: OdsCaps;
}

/**
 * The parts of the zip, as text: the Node entry (`shared/src/xlsx/ods.ts`) gives them from the xlsx reader's bounded
 * zip (entry count, sizes, the 100:1 ratio), which the pure core may not import.
 */
export interface OdsParts {
  has(name: string): boolean;
  text(name: string): string | undefined;
}

export interface OdsWorkbook {
  grids: GridWorkbook;
  /** Every sheet of the document (hidden ones are read, as the xlsx reader reads hidden sheets). */
  sheetCount: number;
}

/** A run of equal cells in a row: `count` columns from `col`, one non-null value. */
interface CellRun {
  col: number;
  count: number;
  value: Exclude<CellValue, null>;
  covered: boolean;
}

/** A run of equal rows: `count` rows from `start`, with the cells that hold a value. */
interface RowRun {
  start: number;
  count: number;
  cells: CellRun[];
}

interface RawTable {
  name: string;
  rows: RowRun[];
  merges: CellRange[];
}

/** Are these the parts of an OpenDocument document rather than of an xlsx? */
export function looksLikeOds(names: { has(name: string): boolean }): boolean {
  return !names.has('xl/workbook.xml') && names.has('content.xml') && (names.has('mimetype') || names.has('META-INF/manifest.xml'));
}

export function readOdsParts(parts: OdsParts, options: OdsReadOptions = {}): OdsWorkbook {
  const mimetype = parts.text('mimetype')?.trim();
  if (mimetype !== undefined && mimetype !== ODS_MIMETYPE && mimetype !== ODS_TEMPLATE_MIMETYPE) {
    throw new OdsReadError('not-a-spreadsheet', `mimetype ${mimetype.slice(0, 80)}`);
  }
  const manifest = parts.text('META-INF/manifest.xml');
  if (manifest !== undefined && isEncrypted(manifest)) throw new OdsReadError('encrypted', 'the manifest declares encrypted parts');
  const content = parts.text('content.xml');
  if (content === undefined) throw new OdsReadError('no-content', 'no content.xml');
  const { tables, spreadsheet } = parseContent(content, options.caps);
  if (!spreadsheet) throw new OdsReadError('not-a-spreadsheet', 'content.xml has no office:spreadsheet body');
  return { grids: { sheets: buildGrids(tables, options.caps) }, sheetCount: tables.length };
}

/** `manifest:encryption-data` on any entry: the parts are encrypted with the document's password. */
function isEncrypted(xml: string): boolean {
  let found = false;
  scanXml(xml, {
    capture: false,
    open(name) {
      if (name === 'encryption-data') found = true;
    },
    close() {},
    text() {},
  });
  return found;
}

const NS = {
  office: 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
  table: 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
  text: 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
};

const TEXT_CONTAINERS = new Set(['list', 'list-item', 'list-header', 'section']);

/** Cell value types of ODF 19.385 (`office:value-type`). */
type ValueType = 'float' | 'percentage' | 'currency' | 'date' | 'time' | 'boolean' | 'string' | undefined;

function positiveCount(raw: string | undefined, what: string): number {
  if (raw === undefined) return 1;
  if (!/^\s*\d{1,15}\s*$/.test(raw)) throw new OdsReadError('broken', `a bad ${what} ${JSON.stringify(raw.slice(0, 20))}`);
  const n = parseInt(raw, 10);
  return n < 1 ? 1 : n;
}

/**
 * content.xml → its tables as runs. Element names come from the scanner as local names; attributes are asked for by
 * their usual prefixes (`table:`, `office:`, `text:`), which the root element must bind to the ODF namespaces: every
 * producer writes them so, and a document that binds them otherwise is refused rather than misread.
 */
function parseContent(xml: string, caps: OdsCaps | undefined): { tables: RawTable[]; spreadsheet: boolean } {
  const tables: RawTable[] = [];
  /** Data styles that are booleans, and the cell styles that use a data style (LibreOffice writes TRUE as 1 in one). */
  const booleanDataStyles = new Set<string>();
  const cellDataStyle = new Map<string, string>();
  let depth = 0;
  let rootChecked = false;
  let spreadsheet = false;
  let inStyles = 0; // depth of office:automatic-styles, 0 outside

  let table: RawTable | null = null;
  let tableDepth = 0;
  let mergedArea = 0;
  let row = 0; // the next row's index
  let rowRepeat = 1;
  let inRow = false;
  let rowCells: CellRun[] = [];
  let col = 0; // the next cell's column
  // The cell being read.
  let cellDepth = 0; // depth of the cell element, 0 outside a cell
  let cellRepeat = 1;
  let cellCovered = false;
  let cellType: ValueType;
  let cellAttrValue: CellValue = null; // a value read from attributes
  let cellStringValue: string | undefined;
  let cellError = false;
  let colSpan = 1;
  let rowSpan = 1;
  let paragraphs: string[] = [];
  let para = ''; // the paragraph being read
  let paraDepth = 0; // depth of the text:p / text:h, 0 outside
  let skipDepth = 0; // depth of a subtree whose text is not the cell's (an annotation, a drawing), 0 outside

  const cellValue = (): CellValue => {
    if (cellError) return null;
    if (cellType === 'string') {
      const s = cellStringValue ?? paragraphs.join('\n');
      return s === '' ? null : s;
    }
    if (cellType !== undefined && cellAttrValue !== null) return cellAttrValue;
    // No type (or a value that does not parse): the text shown, so nothing is lost.
    const s = paragraphs.join('\n');
    return s === '' ? null : s;
  };

  const finishCell = () => {
    const value = cellValue();
    const t = table!;
    if (value !== null) {
      // A filled cell beyond the sheet's bounds: refused before anything is built, however many times it repeats.
      const reach = col + cellRepeat;
      if (reach > ODS_MAX_COLUMNS) throw new OdsOversizeError({ kind: 'columns', sheet: t.name, row, count: reach });
      if (row + rowRepeat > ODS_MAX_ROWS) throw new OdsOversizeError({ kind: 'rows', sheet: t.name, count: row + rowRepeat });
      const last = rowCells[rowCells.length - 1];
      if (last && last.col + last.count === col && last.value === value && last.covered === cellCovered) last.count += cellRepeat;
      else rowCells.push({ col, count: cellRepeat, value, covered: cellCovered });
    }
    if (!cellCovered && (colSpan > 1 || rowSpan > 1)) {
      // Each repeat of a spanning cell (and of its row) is a merge of its own.
      const area = colSpan * rowSpan * cellRepeat * rowRepeat;
      mergedArea += area;
      if (mergedArea > ODS_MAX_MERGED_AREA || (caps && mergedArea > caps.maxMergedCells)) throw new OdsOversizeError({ kind: 'merged-cells', count: mergedArea });
      if (col + cellRepeat * colSpan > ODS_MAX_COLUMNS) throw new OdsOversizeError({ kind: 'columns', sheet: t.name, row, count: col + cellRepeat * colSpan });
      if (row + rowRepeat - 1 + rowSpan > ODS_MAX_ROWS) throw new OdsOversizeError({ kind: 'rows', sheet: t.name, count: row + rowRepeat - 1 + rowSpan });
      for (let r = 0; r < rowRepeat; r++) {
        for (let k = 0; k < cellRepeat; k++) {
          const left = col + k;
          t.merges.push({ top: row + r, left, bottom: row + r + rowSpan - 1, right: left + colSpan - 1 });
        }
      }
    }
    col += cellRepeat;
  };

  const handler: XmlHandler = {
    capture: false,
    open(name, attrs: XmlAttributes, empty) {
      depth++;
      if (!rootChecked) {
        rootChecked = true;
        for (const [prefix, uri] of Object.entries(NS)) {
          const bound = attrs.get(`xmlns:${prefix}`);
          if (bound !== undefined && bound !== uri) throw new OdsReadError('broken', `the prefix ${prefix} is bound to ${bound.slice(0, 80)}`);
        }
      }
      if (skipDepth) return;
      if (cellDepth) {
        if (paraDepth) {
          switch (name) {
            case 's': {
              const n = Math.min(positiveCount(attrs.get('text:c'), 'space count'), 65_536);
              para += ' '.repeat(n);
              return;
            }
            case 'tab':
              para += '\t';
              return;
            case 'line-break':
              para += '\n';
              return;
            case 'annotation':
            case 'note':
            case 'frame':
            case 'ruby-text':
              // A comment, a footnote, a drawing anchored in the text: not the cell's text.
              if (!empty) {
                skipDepth = depth;
                handler.capture = false;
              }
              return;
            default:
              // text:span, text:a and fields: their text is the paragraph's.
              return;
          }
        }
        if (name === 'p' || name === 'h') {
          para = '';
          if (empty) paragraphs.push('');
          else {
            paraDepth = depth;
            handler.capture = true;
          }
          return;
        }
        // Lists and sections hold paragraphs; anything else in a cell (an annotation, a drawing, a nested table) holds
        // no text of the cell's.
        if (!empty && !TEXT_CONTAINERS.has(name)) skipDepth = depth;
        return;
      }
      if (inStyles) {
        if (name === 'boolean-style') {
          const styleName = attrs.get('style:name');
          if (styleName !== undefined) booleanDataStyles.add(styleName);
        } else if (name === 'style' && depth === inStyles + 1) {
          const stylesName = attrs.get('style:name');
          const dataStyle = attrs.get('style:data-style-name');
          if (stylesName !== undefined && dataStyle !== undefined && attrs.get('style:family') === 'table-cell') cellDataStyle.set(stylesName, dataStyle);
        }
        return;
      }
      if (name === 'automatic-styles' && !table) {
        if (!empty) inStyles = depth;
        return;
      }
      if (name === 'spreadsheet') spreadsheet = true;
      if (!table) {
        if (name === 'table' && spreadsheet) {
          table = { name: attrs.get('table:name') ?? `Лист${tables.length + 1}`, rows: [], merges: [] };
          tableDepth = depth;
          row = 0;
          if (empty) endTable();
        }
        return;
      }
      if (name === 'table-row') {
        inRow = true;
        rowRepeat = positiveCount(attrs.get('table:number-rows-repeated'), 'row repeat');
        rowCells = [];
        col = 0;
        if (empty) endRow();
        return;
      }
      if (inRow && (name === 'table-cell' || name === 'covered-table-cell')) {
        cellCovered = name === 'covered-table-cell';
        cellRepeat = positiveCount(attrs.get('table:number-columns-repeated'), 'column repeat');
        colSpan = positiveCount(attrs.get('table:number-columns-spanned'), 'column span');
        rowSpan = positiveCount(attrs.get('table:number-rows-spanned'), 'row span');
        paragraphs = [];
        cellStringValue = undefined;
        cellError = attrs.get('calcext:value-type') === 'error';
        cellType = attrs.get('office:value-type') as ValueType;
        cellAttrValue = attributeValue(cellType, attrs, cellDataStyle, booleanDataStyles);
        if (cellType === 'string') cellStringValue = attrs.get('office:string-value');
        if (empty) finishCell();
        else cellDepth = depth;
        return;
      }
      // table:table-header-rows, table:table-row-group, table:table-rows hold rows; columns and the rest hold no cell.
    },
    close(name) {
      const d = depth--;
      if (skipDepth) {
        if (d === skipDepth) {
          skipDepth = 0;
          if (paraDepth) handler.capture = true;
        }
        return;
      }
      if (cellDepth) {
        if (paraDepth) {
          if (d === paraDepth) {
            paragraphs.push(para);
            paraDepth = 0;
            handler.capture = false;
          }
          return;
        }
        if (d === cellDepth) {
          cellDepth = 0;
          finishCell();
        }
        return;
      }
      if (inStyles) {
        if (d === inStyles) inStyles = 0;
        return;
      }
      if (!table) return;
      if (name === 'table-row' && inRow) endRow();
      else if (d === tableDepth && name === 'table') endTable();
    },
    text(t) {
      // Verbatim, as LibreOffice Calc reads a cell's text: its spaces, tabs and line ends are the cell's (it writes
      // only leading spaces as text:s).
      if (paraDepth && !skipDepth) para += t;
    },
  };

  function endRow() {
    inRow = false;
    if (rowCells.length) table!.rows.push({ start: row, count: rowRepeat, cells: rowCells });
    row += rowRepeat;
    // Trailing empty rows repeated to the sheet's end move only this counter.
    if (row > ODS_MAX_ROWS * 2) row = ODS_MAX_ROWS * 2;
  }

  function endTable() {
    tables.push(table!);
    table = null;
    tableDepth = 0;
  }

  try {
    scanXml(xml, handler);
  } catch (e) {
    if (e instanceof XmlError || e instanceof OdsReadError || e instanceof OdsOversizeError) throw e;
    throw new OdsReadError('broken', e instanceof Error ? e.message : String(e));
  }
  return { tables, spreadsheet };
}

/** The value an ODF cell carries in its attributes, as the xlsx reader gives the same cell; null when none parses. */
function attributeValue(type: ValueType, attrs: XmlAttributes, cellDataStyle: Map<string, string>, booleanDataStyles: Set<string>): CellValue {
  switch (type) {
    case 'float':
    case 'percentage':
    case 'currency': {
      const raw = attrs.get('office:value');
      const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
      if (!Number.isFinite(n)) return null;
      // LibreOffice keeps a TRUE imported from xlsx as the formula TRUE() of value 1, or as 1 in a boolean format.
      if ((n === 0 || n === 1) && /^(of:)?=(TRUE|FALSE)\(\)$/i.test(attrs.get('table:formula') ?? '')) return n === 1;
      const style = attrs.get('table:style-name');
      const dataStyle = style === undefined ? undefined : cellDataStyle.get(style);
      if (dataStyle !== undefined && booleanDataStyles.has(dataStyle) && (n === 0 || n === 1)) return n === 1;
      return n;
    }
    case 'boolean': {
      const raw = attrs.get('office:boolean-value')?.trim().toLowerCase();
      return raw === 'true' ? true : raw === 'false' ? false : null;
    }
    case 'date':
      return odfDate(attrs.get('office:date-value'));
    case 'time':
      return odfTime(attrs.get('office:time-value'));
    default:
      return null;
  }
}

const DATE = /^\s*(-?\d{4,6})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(?:Z|[+-]\d{2}:\d{2})?\s*$/;

/**
 * `2023-03-13` or `2023-03-13T10:30:00.5` → the Date the xlsx reader makes of the same cell: the wall-clock time as
 * UTC (a spreadsheet date has no zone), to the millisecond. A zone suffix is dropped for the same reason.
 */
export function odfDate(raw: string | undefined): Date | null {
  if (raw === undefined) return null;
  const m = DATE.exec(raw);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const ms = frac ? Math.round(Number(`0${frac}`) * 1000) : 0;
  const date = new Date(Date.UTC(2000, month - 1, day, Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), ms));
  date.setUTCFullYear(Number(y));
  if (date.getUTCDate() !== day || Number.isNaN(date.getTime())) return null;
  return date;
}

const DURATION = /^\s*(-)?P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?\s*$/;
/** Excel's day 0, where the xlsx reader puts a time of day (a number under 1 in a time format). */
const DAY_ZERO = Date.UTC(1899, 11, 30);

/** `PT10H30M00S` → 1899-12-30T10:30:00Z, as the xlsx reader reads a time-formatted 0.4375. */
export function odfTime(raw: string | undefined): Date | null {
  if (raw === undefined) return null;
  const m = DURATION.exec(raw);
  if (!m || !/\d/.test(raw)) return null;
  const [, minus, d, h, mi, s] = m;
  const ms = Math.round(((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(mi ?? 0)) * 60_000 + Number(s ?? 0) * 1000);
  const date = new Date(DAY_ZERO + (minus ? -ms : ms));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The length a row of the run would have in the grid, before merges blank their covered cells. */
function runLength(run: RowRun): number {
  const last = run.cells[run.cells.length - 1];
  return last ? last.col + last.count : 0;
}

/**
 * The caps on the runs, in the order of the server's `measureOversize` (sheets, rows, columns, merged cells), then
 * the reader's bound on the cells of all rows together: nothing is built before these pass.
 */
function checkBounds(tables: readonly RawTable[], caps: OdsCaps | undefined): void {
  const rowCounts = tables.map(rowCountOf);
  if (caps) {
    if (tables.length > caps.maxSheets) throw new OdsOversizeError({ kind: 'sheets', count: tables.length });
    let merged = 0;
    tables.forEach((t, i) => {
      if (rowCounts[i]! > caps.maxRows) throw new OdsOversizeError({ kind: 'rows', sheet: t.name, count: rowCounts[i]! });
      // The first row wider than the cap, as long as the grid will make it: covered cells do not count (a merge blanks
      // them), a merge counts to its right edge when its value is not empty.
      let wide: { row: number; count: number } | undefined;
      for (const run of t.rows) {
        let len = 0;
        for (const c of run.cells) if (!c.covered) len = c.col + c.count;
        if (len > caps.maxColumns && (!wide || run.start < wide.row)) wide = { row: run.start, count: len };
      }
      for (const m of t.merges) {
        const len = m.right + 1;
        if (len > caps.maxColumns && (!wide || m.top < wide.row) && valueAt(t, m.top, m.left) !== null) wide = { row: m.top, count: len };
      }
      if (wide) throw new OdsOversizeError({ kind: 'columns', sheet: t.name, ...wide });
      for (const m of t.merges) merged += (m.bottom - m.top + 1) * (m.right - m.left + 1);
    });
    if (merged > caps.maxMergedCells) throw new OdsOversizeError({ kind: 'merged-cells', count: merged });
  }
  let cells = 0;
  tables.forEach((t, i) => {
    cells += rowCounts[i]!;
    for (const run of t.rows) cells += run.count * runLength(run);
    for (const m of t.merges) cells += (m.bottom - m.top + 1) * (m.right + 1);
    if (cells > ODS_MAX_GRID_CELLS) throw new OdsOversizeError({ kind: 'cells', count: cells });
  });
}

/** The value of one cell from the runs (rows are in order: a binary search). */
function valueAt(t: RawTable, r: number, c: number): CellValue {
  let lo = 0;
  let hi = t.rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const run = t.rows[mid]!;
    if (r < run.start) hi = mid - 1;
    else if (r >= run.start + run.count) lo = mid + 1;
    else {
      for (const cell of run.cells) if (c >= cell.col && c < cell.col + cell.count) return cell.value;
      return null;
    }
  }
  return null;
}

/** Rows up to the last that holds a value or a merge: the empty rows after it are not the sheet's. */
function rowCountOf(t: RawTable): number {
  let count = 0;
  const last = t.rows[t.rows.length - 1];
  if (last) count = last.start + last.count;
  for (const m of t.merges) if (m.bottom + 1 > count) count = m.bottom + 1;
  return count;
}

function buildGrids(tables: readonly RawTable[], caps: OdsCaps | undefined): Grid[] {
  checkBounds(tables, caps);
  checkOverlaps(tables);
  return tables.map(gridOf);
}

/** Two merges over one cell: a broken file (the xlsx reader refuses it too). */
function checkOverlaps(tables: readonly RawTable[]): void {
  for (const t of tables) {
    if (t.merges.length < 2) continue;
    const byTop = [...t.merges].sort((a, b) => a.top - b.top);
    let active: CellRange[] = [];
    for (const m of byTop) {
      active = active.filter((a) => a.bottom >= m.top);
      for (const a of active) if (a.left <= m.right && m.left <= a.right) throw new OdsReadError('broken', 'overlapping merged ranges');
      active.push(m);
    }
  }
}

/**
 * The grid as the xlsx reader shapes it: a row is as long as its last value (the cells a merge covers blanked, and a
 * merge whose value is not empty holding its rows open to its right edge); a row under a merge counts even when empty.
 */
function gridOf(t: RawTable): Grid {
  const count = rowCountOf(t);
  const rows: CellValue[][] = new Array(count);
  for (let r = 0; r < count; r++) rows[r] = [];
  for (const run of t.rows) {
    const len = runLength(run);
    for (let r = run.start; r < run.start + run.count; r++) {
      const out: CellValue[] = new Array(len).fill(null);
      for (const c of run.cells) for (let k = c.col; k < c.col + c.count; k++) out[k] = c.value;
      rows[r] = out;
    }
  }
  const extent = new Map<number, number>();
  for (const m of t.merges) {
    const master = rows[m.top]![m.left] ?? null;
    for (let r = m.top; r <= m.bottom; r++) {
      const row = rows[r]!;
      const from = r === m.top ? m.left + 1 : m.left;
      for (let c = from; c <= m.right && c < row.length; c++) row[c] = null;
      if (master !== null) extent.set(r, Math.max(m.right + 1, extent.get(r) ?? 0));
    }
  }
  for (let r = 0; r < count; r++) {
    const row = rows[r]!;
    let len = row.length;
    while (len > 0 && row[len - 1] === null) len--;
    const reach = extent.get(r) ?? 0;
    if (reach > len) {
      const from = row.length;
      row.length = reach;
      for (let c = from; c < reach; c++) row[c] = null;
    } else row.length = len;
  }
  const merges = t.merges.map((m) => ({ top: m.top, left: m.left, bottom: m.bottom, right: m.right }));
  return { name: t.name, rows, merges };
}
