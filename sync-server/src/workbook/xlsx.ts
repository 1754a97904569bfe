/**
 * A small SpreadsheetML (xlsx) writer for the regional workbook: shared strings, cell styles (fonts, solid fills, borders,
 * alignment, number formats), merged cells, column widths, row heights, frozen panes, page set-up and print titles.
 *
 * It writes the very parts ExcelJS 4.4 writes for the same cells and styles (the same XML, byte for byte, part for
 * part: `test/workbook/xlsx.test.ts` renders both and compares), so the file opens and looks exactly as before, but
 * without ExcelJS's objects per cell, its XML stream of small strings and its JavaScript deflate: the regional workbook
 * of 60 municipalities (18,000 rows, 150,000 cells) takes about 0.3 s instead of 2.4 s (`npm run bench:server`).
 * ExcelJS's quirks are kept on purpose (the default column width 9 is not written, merged cells take the style of their
 * first cell and lose their values, a style object gets its id at first use).
 *
 * Only plain values are written: a string is always a shared string, never a formula; numbers and dates are numbers.
 */
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { columnLetters, type CellRange } from '@svod/shared';
import { writeZip } from '../zip/write';

/** ExcelJS's own theme part, so the workbook keeps the theme ExcelJS gave it. */
const THEME1_XML = require('exceljs/lib/xlsx/xml/theme1.js') as string;

export interface XlsxFont {
  name: string;
  size: number;
  bold?: boolean;
  italic?: boolean;
}

export interface XlsxBorderSide {
  style: 'thin';
  color: { argb: string };
}

/** The subset of ExcelJS's `Style` the regional workbook uses, in ExcelJS's shape. */
export interface XlsxStyle {
  font?: XlsxFont;
  alignment?: { horizontal?: 'left' | 'center' | 'right'; vertical?: 'top' | 'middle' | 'bottom'; wrapText?: boolean };
  numFmt?: string;
  border?: { top?: XlsxBorderSide; left?: XlsxBorderSide; bottom?: XlsxBorderSide; right?: XlsxBorderSide };
  fill?: { type: 'pattern'; pattern: 'solid'; fgColor: { argb: string } };
}

export type XlsxValue = string | number | Date | null;

export interface XlsxRow {
  /** Points; written with `customHeight`. */
  height?: number;
  /** Cell c exists when `styles[c]` is set (a styled empty cell is still written); `values[c]` may be null. */
  values: XlsxValue[];
  styles: Array<XlsxStyle | undefined>;
}

export interface XlsxSheet {
  name: string;
  /** Column widths from column A; ExcelJS writes no `<col>` for the default width 9. */
  columnWidths: number[];
  rows: XlsxRow[];
  /** 0-based ranges. The covered cells take the first cell's style and lose their values, as in ExcelJS. */
  merges: CellRange[];
  /** Frozen panes: `topLeftCell` and `activeCell` as A1 addresses. */
  frozen: { xSplit: number; ySplit: number; topLeftCell: string; activeCell: string } | null;
  pageSetup: {
    paperSize: number;
    orientation: 'portrait' | 'landscape';
    margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
    /** Fit to the page width (`fitToWidth` 1, `fitToHeight` 0). */
    fitToWidth: boolean;
    /** `'6:7'`: rows repeated on every printed page. */
    printTitlesRow?: string;
    /** `'A:C'`: columns repeated on every printed page. */
    printTitlesColumn?: string;
  };
  /** The page footer in Excel's header/footer codes (`&L…&RСтраница &P из &N`). */
  footer?: string;
}

export interface XlsxWorkbook {
  creator: string;
  lastModifiedBy: string;
  created: Date;
  modified: Date;
  sheets: XlsxSheet[];
}

// ---------------------------------------------------------------------------------------------------------------
// XML text

const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;

/** ExcelJS's `xmlEncode`: the five entities, and C0 controls other than tab, LF and CR (and DEL) dropped. */
export function xmlEncode(text: string): string {
  if (!XML_SPECIAL.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    switch (code) {
      case 34:
        out += '&quot;';
        break;
      case 38:
        out += '&amp;';
        break;
      case 39:
        out += '&apos;';
        break;
      case 60:
        out += '&lt;';
        break;
      case 62:
        out += '&gt;';
        break;
      case 127:
        break;
      default:
        if (code <= 31 && (code <= 8 || (code >= 11 && code !== 13))) break;
        out += text[i];
    }
  }
  return out;
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_TYPE = {
  officeDocument: `${REL_NS}/officeDocument`,
  coreProperties: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
  extendedProperties: `${REL_NS}/extended-properties`,
  styles: `${REL_NS}/styles`,
  theme: `${REL_NS}/theme`,
  sharedStrings: `${REL_NS}/sharedStrings`,
  worksheet: `${REL_NS}/worksheet`,
};

/** Days since 1899-12-30, as ExcelJS's `dateToExcel` (1900 date system). */
function excelDate(date: Date): number {
  return 25569 + date.getTime() / (24 * 3600 * 1000);
}

// ---------------------------------------------------------------------------------------------------------------
// Styles: ExcelJS's StylesXform, for the properties above

/** Number formats Excel knows by id (ExcelJS's `defaultnumformats`, the culture-free ones). */
const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '0.00E+00': 11,
  '# ?/?': 12,
  '# ??/??': 13,
  'mm-dd-yy': 14,
  'd-mmm-yy': 15,
  'd-mmm': 16,
  'mmm-yy': 17,
  'h:mm AM/PM': 18,
  'h:mm:ss AM/PM': 19,
  'h:mm': 20,
  'h:mm:ss': 21,
  'm/d/yy "h":mm': 22,
  '#,##0 ;(#,##0)': 37,
  '#,##0 ;[Red](#,##0)': 38,
  '#,##0.00 ;(#,##0.00)': 39,
  '#,##0.00 ;[Red](#,##0.00)': 40,
  'mm:ss': 45,
  '[h]:mm:ss': 46,
  'mmss.0': 47,
  '##0.0E+0': 48,
  '@': 49,
};

type CellType = 'number' | 'string' | 'date' | 'null' | 'merge';

const DEFAULT_FONT = '<font><color theme="1"/><family val="2"/><scheme val="minor"/><sz val="11"/><name val="Calibri"/></font>';
const EMPTY_BORDER = '<border><left/><right/><top/><bottom/><diagonal/></border>';
const DEFAULT_XF = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';

class Table {
  readonly items: string[];
  private readonly index = new Map<string, number>();
  constructor(initial: string[]) {
    this.items = [];
    for (const item of initial) this.add(item);
  }
  add(xml: string): number {
    let i = this.index.get(xml);
    if (i === undefined) {
      i = this.items.length;
      this.index.set(xml, i);
      this.items.push(xml);
    }
    return i;
  }
}

function fontXml(font: XlsxFont): string {
  return `<font>${font.bold ? '<b/>' : ''}${font.italic ? '<i/>' : ''}<sz val="${font.size}"/><name val="${xmlEncode(font.name)}"/></font>`;
}

function borderXml(border: NonNullable<XlsxStyle['border']>): string {
  const side = (tag: string, s: XlsxBorderSide | undefined) => (s ? `<${tag} style="${s.style}"><color rgb="${xmlEncode(s.color.argb)}"/></${tag}>` : `<${tag}/>`);
  return `<border>${side('left', border.left)}${side('right', border.right)}${side('top', border.top)}${side('bottom', border.bottom)}<diagonal/></border>`;
}

function fillXml(fill: NonNullable<XlsxStyle['fill']>): string {
  return `<fill><patternFill patternType="${fill.pattern}"><fgColor rgb="${xmlEncode(fill.fgColor.argb)}"/></patternFill></fill>`;
}

function alignmentXml(a: NonNullable<XlsxStyle['alignment']>): string {
  let attrs = '';
  if (a.horizontal) attrs += ` horizontal="${a.horizontal}"`;
  if (a.vertical) attrs += ` vertical="${a.vertical === 'middle' ? 'center' : a.vertical}"`;
  if (a.wrapText) attrs += ' wrapText="1"';
  return attrs ? `<alignment${attrs}/>` : '';
}

class Styles {
  private readonly numFmts: string[] = [];
  private readonly numFmtIds = new Map<string, number>();
  private readonly fonts = new Table([DEFAULT_FONT]);
  private readonly fills = new Table(['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']);
  private readonly borders = new Table([EMPTY_BORDER]);
  private readonly xfs = new Table([DEFAULT_XF]);
  /** A style object keeps the id of its first use, as ExcelJS's WeakMap does. */
  private readonly ids = new Map<XlsxStyle, number>();

  idOf(style: XlsxStyle, type: CellType): number {
    const known = this.ids.get(style);
    if (known !== undefined) return known;
    let numFmtId: number | undefined;
    if (style.numFmt) numFmtId = this.numFmtId(style.numFmt);
    else if (type === 'number') numFmtId = 0;
    else if (type === 'date') numFmtId = 14;
    const fontId = style.font ? this.fonts.add(fontXml(style.font)) : undefined;
    const borderId = style.border ? this.borders.add(borderXml(style.border)) : undefined;
    const fillId = style.fill ? this.fills.add(fillXml(style.fill)) : undefined;
    let xml = `<xf numFmtId="${numFmtId || 0}" fontId="${fontId || 0}" fillId="${fillId || 0}" borderId="${borderId || 0}" xfId="0"`;
    if (numFmtId) xml += ' applyNumberFormat="1"';
    if (fontId) xml += ' applyFont="1"';
    if (fillId) xml += ' applyFill="1"';
    if (borderId) xml += ' applyBorder="1"';
    if (style.alignment) xml += ' applyAlignment="1"';
    const alignment = style.alignment ? alignmentXml(style.alignment) : '';
    xml += alignment ? `>${alignment}</xf>` : '/>';
    const id = this.xfs.add(xml);
    this.ids.set(style, id);
    return id;
  }

  private numFmtId(format: string): number {
    const builtin = BUILTIN_FORMATS[format];
    if (builtin !== undefined) return builtin;
    let id = this.numFmtIds.get(format);
    if (id === undefined) {
      id = 164 + this.numFmts.length;
      this.numFmtIds.set(format, id);
      this.numFmts.push(`<numFmt numFmtId="${id}" formatCode="${xmlEncode(format)}"/>`);
    }
    return id;
  }

  xml(): string {
    return (
      DECLARATION +
      `<styleSheet xmlns="${MAIN_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac x16r2" ` +
      'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main">' +
      (this.numFmts.length ? `<numFmts count="${this.numFmts.length}">${this.numFmts.join('')}</numFmts>` : '') +
      `<fonts count="${this.fonts.items.length}" x14ac:knownFonts="1">${this.fonts.items.join('')}</fonts>` +
      `<fills count="${this.fills.items.length}">${this.fills.items.join('')}</fills>` +
      `<borders count="${this.borders.items.length}">${this.borders.items.join('')}</borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.items.length}">${this.xfs.items.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/>' +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '<extLst><ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">' +
      '<x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext><ext uri="{9260A510-F301-46a8-8635-F512D64BE5F5}" ' +
      'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:timelineStyles defaultTimelineStyle="TimeSlicerStyleLight1"/></ext></extLst>' +
      '</styleSheet>'
    );
  }
}

class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly values: string[] = [];
  count = 0;

  add(text: string): number {
    this.count++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.values.length;
      this.index.set(text, i);
      this.values.push(text);
    }
    return i;
  }

  xml(): string {
    const items = this.values.map((t) => `<si><t${/^\s|\n|\s$/.test(t) ? ' xml:space="preserve"' : ''}>${xmlEncode(t)}</t></si>`);
    return `${DECLARATION}<sst xmlns="${MAIN_NS}" count="${this.count}" uniqueCount="${this.values.length}">${items.join('')}</sst>`;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Worksheets

const DEFAULT_COLUMN_WIDTH = 9;
/** A row and a column as one number (Excel has 16,384 columns). */
const CELL_KEY = 16384;

function rowXml(n: number, height: number | undefined, min: number, max: number, cells: string): string {
  let open = `<row r="${n}"`;
  if (height) open += ` ht="${height}" customHeight="1"`;
  if (min > 0 && max > 0 && min <= max) open += ` spans="${min}:${max}"`;
  open += ' x14ac:dyDescent="0.25"';
  return cells ? `${open}>${cells}</row>` : `${open}/>`;
}

/**
 * What a writer may keep between workbooks (the server renders the regional workbook again on every new version):
 * the XML of a row object written before, with the row number, style ids and string indices it was written with.
 * A row is written from it only when all of those are the same again, so the bytes are those written afresh.
 */
export class XlsxMemo {
  readonly rows = new WeakMap<XlsxRow, WrittenRow>();
}

interface WrittenRow {
  n: number;
  /** Per written cell its style id, and for a string cell its shared-string index after it. */
  ids: number[];
  min: number;
  max: number;
  count: number;
  xml: string;
}

function cellType(value: XlsxValue): CellType {
  return value === null ? 'null' : typeof value === 'number' ? 'number' : typeof value === 'string' ? 'string' : 'date';
}

/**
 * The string as one flat sequence of characters: a string built by `+=` is a tree of pieces, and encoding 18,000 kept
 * rows would walk every tree again on every render. Reading a character makes V8 flatten it in place.
 */
function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * UTF-8 bytes appended string by string into one growing buffer: each row's XML is encoded as soon as it is written
 * and then dropped, instead of 18,000 strings living until a join (they outlived the young generation and made most
 * of the render's garbage-collection time).
 */
class ByteSink {
  private buf: Buffer;
  /** Bytes kept free at the start for the part's head, which is known only after the rows (its dimension). */
  private readonly reserve: number;
  length = 0;
  /** Rows not encoded yet: a few dozen are joined into one string first, so the buffer is written a few hundred times. */
  private pending = '';

  constructor(capacity: number, reserve: number) {
    this.reserve = reserve;
    this.buf = Buffer.allocUnsafe(reserve + capacity);
  }

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= 16384) this.flush();
  }

  private flush(): void {
    const text = this.pending;
    this.pending = '';
    // UTF-8 takes at most three bytes per UTF-16 unit.
    const need = this.reserve + this.length + text.length * 3;
    if (need > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2));
      this.buf.copy(next, 0, 0, this.reserve + this.length);
      this.buf = next;
    }
    this.length += this.buf.write(text, this.reserve + this.length, 'utf8');
  }

  /** The head, the rows written and the tail as one buffer; the rows are not copied when the head fits the reserve. */
  bytes(head: string, tail: string): Buffer {
    this.write(tail);
    this.flush();
    const before = Buffer.byteLength(head, 'utf8');
    if (before > this.reserve) return Buffer.concat([Buffer.from(head, 'utf8'), this.buf.subarray(this.reserve, this.reserve + this.length)]);
    this.buf.write(head, this.reserve - before, 'utf8');
    return this.buf.subarray(this.reserve - before, this.reserve + this.length);
  }
}

const LETTERS: string[] = [];
const letterOf = (c: number) => LETTERS[c] ?? (LETTERS[c] = columnLetters(c));
const STYLE_ATTRS: string[] = [];
const styleAttr = (id: number) => (id ? (STYLE_ATTRS[id] ??= ` s="${id}"`) : '');

/** One cell of row `num` (its number as text), with its style id and, for a string, its shared-string index. */
function cellXml(c: number, num: string, s: number, type: CellType, value: XlsxValue, index: number): string {
  switch (type) {
    case 'null': // an empty cell without a style is not written (but counts in the row's span)
      return s ? `<c r="${letterOf(c)}${num}"${styleAttr(s)}/>` : '';
    case 'merge': // a covered cell always is
      return `<c r="${letterOf(c)}${num}"${styleAttr(s)}/>`;
    case 'number':
      return `<c r="${letterOf(c)}${num}"${styleAttr(s)}><v>${String(value)}</v></c>`;
    case 'string':
      return `<c r="${letterOf(c)}${num}"${styleAttr(s)} t="s"><v>${index}</v></c>`;
    case 'date':
      return `<c r="${letterOf(c)}${num}"${styleAttr(s)}><v>${String(excelDate(value as Date))}</v></c>`;
  }
}

/**
 * A worksheet part as UTF-8 bytes: the rows (most of it) written into a ByteSink, the text around them (the footer is
 * Russian) encoded apart.
 */
function sheetXml(sheet: XlsxSheet, styles: Styles, strings: SharedStrings, memo?: XlsxMemo): Uint8Array {
  // Merges first: the covered cells exist, take their first cell's style and lose their values (ExcelJS's mergeCells).
  const covered = new Map<number, XlsxStyle | undefined>();
  const slaveOf = new Map<number, number>();
  for (const m of sheet.merges) {
    const masterStyle = sheet.rows[m.top]?.styles[m.left] ?? EMPTY_STYLE;
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) {
        const key = r * CELL_KEY + c;
        if (covered.has(key)) throw new Error(`Cannot merge already merged cells (${columnLetters(c)}${r + 1})`);
        if (r === m.top && c === m.left) covered.set(key, undefined);
        else {
          covered.set(key, masterStyle);
          slaveOf.set(key, m.top * CELL_KEY + m.left);
        }
      }
    }
  }
  const mergeRows = new Map<number, number[]>();
  for (const key of covered.keys()) {
    const r = Math.floor(key / CELL_KEY);
    const list = mergeRows.get(r);
    if (list) list.push(key % CELL_KEY);
    else mergeRows.set(r, [key % CELL_KEY]);
  }

  const lastRow = Math.max(sheet.rows.length - 1, ...mergeRows.keys());
  /** Merge masters in the order ExcelJS lists them: by the first covered cell met, row by row. */
  const mergeOrder = new Map<number, true>();
  let top = 0;
  let left = 0;
  let bottom = 0;
  let right = 0;
  const rowsXml = new ByteSink(sheet.rows.length * 384 + 1024, 4096);
  let written = 0;

  // The row being written: its cells' XML (`cellXml`) and its span.
  let n = 0;
  let cells = '';
  let min = 0;
  let max = 0;
  let count = 0;
  const span = (c: number) => {
    count++;
    const col = c + 1;
    if (!min || min > col) min = col;
    if (max < col) max = col;
  };
  for (let r = 0; r <= lastRow; r++) {
    const row = sheet.rows[r];
    n = r + 1;
    const num = String(n);
    cells = '';
    min = 0;
    max = 0;
    count = 0;
    const extra = mergeRows.get(r);
    let xml: string | null = null;
    if (!extra) {
      if (row) {
        // Style ids and string indices are handed out at first use, so they are taken in cell order in every case.
        const known = memo?.rows.get(row);
        let ids: number[] | null = null;
        if (known && known.n === n) {
          ids = [];
          for (let c = 0; c < row.styles.length; c++) {
            const style = row.styles[c];
            if (style === undefined) continue;
            const value = row.values[c] ?? null;
            const type = cellType(value);
            ids.push(styles.idOf(style, type));
            if (type === 'string') ids.push(strings.add(value as string));
          }
        }
        if (known && ids && sameIds(known.ids, ids)) {
          ({ min, max, count, xml } = known);
        } else {
          // Written afresh: with the ids just taken, or taking them cell by cell.
          const taken = ids;
          const record: number[] = [];
          let k = 0;
          for (let c = 0; c < row.styles.length; c++) {
            const style = row.styles[c];
            if (style === undefined) continue;
            const value = row.values[c] ?? null;
            const type = cellType(value);
            const s = taken ? taken[k++]! : styles.idOf(style, type);
            const index = type !== 'string' ? 0 : taken ? taken[k++]! : strings.add(value as string);
            if (memo && !taken) {
              record.push(s);
              if (type === 'string') record.push(index);
            }
            span(c);
            cells += cellXml(c, num, s, type, value, index);
          }
          ids = taken ?? record;
          if (memo && (row.height || count > 0)) {
            xml = flat(rowXml(n, row.height, min, max, cells));
            memo.rows.set(row, { n, ids, min, max, count, xml });
          }
        }
      }
    } else {
      // A row with merged cells: they exist even where the row has none, styled as their first cell, without values.
      const set = new Set<number>(extra);
      if (row) for (let c = 0; c < row.styles.length; c++) if (row.styles[c] !== undefined) set.add(c);
      for (const c of [...set].sort((x, y) => x - y)) {
        const key = r * CELL_KEY + c;
        const master = slaveOf.get(key);
        span(c);
        if (master !== undefined) {
          if (!mergeOrder.has(master)) mergeOrder.set(master, true);
          cells += cellXml(c, num, styles.idOf(covered.get(key) ?? EMPTY_STYLE, 'merge'), 'merge', null, 0);
        } else {
          const value = row?.values[c] ?? null;
          const type = cellType(value);
          const s = styles.idOf(row?.styles[c] ?? EMPTY_STYLE, type);
          cells += cellXml(c, num, s, type, value, type === 'string' ? strings.add(value as string) : 0);
        }
      }
    }
    const height = row?.height;
    if (!height && count === 0) continue;
    rowsXml.write(xml ?? rowXml(n, height, min, max, cells));
    written++;
    // The sheet's dimension, as ExcelJS's Range.expand (0 means unset).
    if (!top || n < top) top = n;
    if (!left || min < left) left = min;
    if (!bottom || n > bottom) bottom = n;
    if (!right || max > right) right = max;
  }

  const ps = sheet.pageSetup;
  let xml =
    DECLARATION +
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" ` +
    'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">';
  if (ps.fitToWidth) xml += '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>';
  xml += `<dimension ref="${dimension(top, left, bottom, right)}"/>`;
  if (sheet.frozen) {
    const f = sheet.frozen;
    const pane = f.xSplit && f.ySplit ? 'bottomRight' : f.xSplit ? 'topRight' : 'bottomLeft';
    xml +=
      '<sheetViews><sheetView workbookViewId="0">' +
      `<pane${f.xSplit ? ` xSplit="${f.xSplit}"` : ''}${f.ySplit ? ` ySplit="${f.ySplit}"` : ''} topLeftCell="${f.topLeftCell}" activePane="${pane}" state="frozen"/>` +
      `<selection pane="${pane}" activeCell="${f.activeCell}" sqref="${f.activeCell}"/></sheetView></sheetViews>`;
  }
  xml += '<sheetFormatPr defaultRowHeight="15" outlineLevelRow="0" outlineLevelCol="0" x14ac:dyDescent="55"/>';
  xml += colsXml(sheet.columnWidths);
  const head = xml + (written ? '<sheetData>' : '<sheetData/>');
  xml = written ? '</sheetData>' : '';
  if (mergeOrder.size) {
    const byMaster = new Map(sheet.merges.map((m) => [m.top * CELL_KEY + m.left, m]));
    const refs = [...mergeOrder.keys()].map((k) => {
      const m = byMaster.get(k)!;
      return `<mergeCell ref="${letterOf(m.left)}${m.top + 1}:${letterOf(m.right)}${m.bottom + 1}"/>`;
    });
    xml += `<mergeCells count="${refs.length}">${refs.join('')}</mergeCells>`;
  }
  const mg = ps.margins;
  xml += `<pageMargins left="${mg.left}" right="${mg.right}" top="${mg.top}" bottom="${mg.bottom}" header="${mg.header}" footer="${mg.footer}"/>`;
  xml += `<pageSetup paperSize="${ps.paperSize}" orientation="${ps.orientation}"${ps.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : ''}/>`;
  if (sheet.footer) xml += `<headerFooter><oddFooter>${xmlEncode(sheet.footer)}</oddFooter></headerFooter>`;
  return rowsXml.bytes(head, xml + '</worksheet>');
}

const EMPTY_STYLE: XlsxStyle = Object.freeze({}) as XlsxStyle;

function dimension(top: number, left: number, bottom: number, right: number): string {
  const a = (row: number, col: number) => `${col > 0 ? columnLetters(col - 1) : ''}${row}`;
  return `${a(top, left)}:${a(bottom, right)}`;
}

/** `<cols>`: runs of equal widths; the default width 9 is left out (ExcelJS's `Column.toModel`). */
function colsXml(widths: readonly number[]): string {
  const runs: Array<{ min: number; max: number; width: number }> = [];
  let run: { min: number; max: number; width: number } | null = null;
  widths.forEach((width, i) => {
    if (width === DEFAULT_COLUMN_WIDTH || width === undefined) run = null;
    else if (run && run.width === width) run.max = i + 1;
    else runs.push((run = { min: i + 1, max: i + 1, width }));
  });
  if (!runs.length) return '';
  return `<cols>${runs.map((c) => `<col min="${c.min}" max="${c.max}"${c.width ? ` width="${c.width}"` : ''} customWidth="1"/>`).join('')}</cols>`;
}

// ---------------------------------------------------------------------------------------------------------------
// Package parts

function relationships(rels: Array<[string, string]>): string {
  const items = rels.map(([type, target], i) => `<Relationship Id="rId${i + 1}" Type="${type}" Target="${target}"/>`);
  return `${DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join('')}</Relationships>`;
}

function contentTypes(sheets: number, sharedStrings: boolean): string {
  const ct = 'application/vnd.openxmlformats-officedocument';
  let xml =
    `${DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${ct}.spreadsheetml.sheet.main+xml"/>`;
  for (let i = 1; i <= sheets; i++) xml += `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="${ct}.spreadsheetml.worksheet+xml"/>`;
  xml += `<Override PartName="/xl/theme/theme1.xml" ContentType="${ct}.theme+xml"/><Override PartName="/xl/styles.xml" ContentType="${ct}.spreadsheetml.styles+xml"/>`;
  if (sharedStrings) xml += `<Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.spreadsheetml.sharedStrings+xml"/>`;
  xml +=
    `<Default Extension="vml" ContentType="${ct}.vmlDrawing"/>` +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    `<Override PartName="/docProps/app.xml" ContentType="${ct}.extended-properties+xml"/></Types>`;
  return xml;
}

function appXml(names: readonly string[]): string {
  return (
    `${DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
    '<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>' +
    `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${names.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${names.length}" baseType="lpstr">${names.map((n) => `<vt:lpstr>${xmlEncode(n)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>` +
    '<Company></Company><Manager></Manager><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>'
  );
}

function coreXml(book: XlsxWorkbook): string {
  const date = (d: Date) => d.toISOString().replace(/[.]\d{3}/, '');
  return (
    `${DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:creator>${xmlEncode(book.creator)}</dc:creator><dc:title></dc:title><dc:subject></dc:subject><dc:description></dc:description><cp:keywords></cp:keywords><cp:category></cp:category>` +
    `<cp:lastModifiedBy>${xmlEncode(book.lastModifiedBy)}</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${date(book.created)}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${date(book.modified)}</dcterms:modified></cp:coreProperties>`
  );
}

function workbookXml(sheets: readonly XlsxSheet[], firstSheetRel: number): string {
  let xml =
    `${DECLARATION}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15" ` +
    'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><fileVersion appName="xl" lastEdited="5" lowestEdited="5" rupBuild="9303"/>' +
    '<workbookPr defaultThemeVersion="164011" filterPrivacy="1"/><sheets>';
  sheets.forEach((s, i) => {
    xml += `<sheet sheetId="${i + 1}" name="${xmlEncode(s.name)}" state="visible" r:id="rId${firstSheetRel + i}"/>`;
  });
  xml += '</sheets>';
  const names: string[] = [];
  sheets.forEach((s, i) => {
    const ranges: string[] = [];
    const { printTitlesColumn: cols, printTitlesRow: rows } = s.pageSetup;
    if (cols) {
      const [a, b] = cols.split(':');
      ranges.push(`'${s.name}'!$${a}:$${b}`);
    }
    if (rows) {
      const [a, b] = rows.split(':');
      ranges.push(`'${s.name}'!$${a}:$${b}`);
    }
    if (ranges.length) names.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlEncode(ranges.join(','))}</definedName>`);
  });
  if (names.length) xml += `<definedNames>${names.join('')}</definedNames>`;
  return `${xml}<calcPr calcId="171027"/></workbook>`;
}

// ---------------------------------------------------------------------------------------------------------------
// Zip

const deflateRaw = promisify(zlib.deflateRaw);

/** zlib's own CRC-32 (Node 20.15+, the project's minimum). */
function crc32(data: Uint8Array): number {
  return zlib.crc32(data) >>> 0;
}

/** A part of the package, its deflating started (in the thread pool) as soon as its bytes are there. */
interface StartedFile {
  name: string;
  data: Uint8Array;
  compressed: Promise<Uint8Array>;
}

function startFile(name: string, content: string | Uint8Array, level: number): StartedFile {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, data, compressed: deflateRaw(data, { level }) };
}

/**
 * Files → a zip with the entries JSZip (inside ExcelJS) writes: a folder entry before the first file in each folder,
 * then the files in order, deflated by zlib (in the thread pool, in parallel), every timestamp 1980-01-01 00:00.
 */
export function zipFiles(files: ReadonlyArray<readonly [string, string | Uint8Array]>, level = 6): Promise<Uint8Array> {
  return zipStarted(files.map(([name, content]) => startFile(name, content, level)));
}

async function zipStarted(files: readonly StartedFile[]): Promise<Uint8Array> {
  const entries: Array<{ name: string; folder: boolean; data: Uint8Array; compressed: Promise<Uint8Array> | null }> = [];
  const folders = new Set<string>();
  for (const file of files) {
    const parts = file.name.split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = `${parts.slice(0, i).join('/')}/`;
      if (folders.has(folder)) continue;
      folders.add(folder);
      entries.push({ name: folder, folder: true, data: new Uint8Array(0), compressed: null });
    }
    entries.push({ name: file.name, folder: false, data: file.data, compressed: file.compressed });
  }
  const compressed = await Promise.all(entries.map((e) => e.compressed ?? Promise.resolve(e.data)));
  return writeZip(
    entries.map((e, i) => ({
      name: e.name,
      method: e.folder ? 0 : 8,
      crc32: e.folder ? 0 : crc32(e.data),
      uncompressedSize: e.data.length,
      compressed: compressed[i]!,
      directory: e.folder,
    })),
  );
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * The parts of the workbook, named and ordered as ExcelJS writes them; `start` sees each part as soon as it is made
 * (the worksheets first), so the caller can set its deflating going while the next is written.
 */
function packageParts<T>(book: XlsxWorkbook, memo: XlsxMemo | undefined, start: (name: string, content: string | Uint8Array) => T): Array<[string, T]> {
  const styles = new Styles();
  const strings = new SharedStrings();
  const sheets = book.sheets.map((s, i): [string, T] => {
    const name = `xl/worksheets/sheet${i + 1}.xml`;
    return [name, start(name, sheetXml(s, styles, strings, memo))];
  });
  const hasStrings = strings.count > 0;
  const workbookRels: Array<[string, string]> = [
    [REL_TYPE.styles, 'styles.xml'],
    [REL_TYPE.theme, 'theme/theme1.xml'],
  ];
  if (hasStrings) workbookRels.push([REL_TYPE.sharedStrings, 'sharedStrings.xml']);
  const firstSheetRel = workbookRels.length + 1;
  book.sheets.forEach((_s, i) => workbookRels.push([REL_TYPE.worksheet, `worksheets/sheet${i + 1}.xml`]));
  const part = (name: string, content: string): [string, T] => [name, start(name, content)];
  const parts: Array<[string, T]> = [
    part('[Content_Types].xml', contentTypes(book.sheets.length, hasStrings)),
    part(
      '_rels/.rels',
      relationships([
        [REL_TYPE.officeDocument, 'xl/workbook.xml'],
        [REL_TYPE.coreProperties, 'docProps/core.xml'],
        [REL_TYPE.extendedProperties, 'docProps/app.xml'],
      ]),
    ),
    part('xl/_rels/workbook.xml.rels', relationships(workbookRels)),
    ...sheets,
  ];
  if (hasStrings) parts.push(part('xl/sharedStrings.xml', strings.xml()));
  parts.push(
    part('xl/theme/theme1.xml', THEME1_XML),
    part('xl/styles.xml', styles.xml()),
    part('docProps/app.xml', appXml(book.sheets.map((s) => s.name))),
    part('docProps/core.xml', coreXml(book)),
    part('xl/workbook.xml', workbookXml(book.sheets, firstSheetRel)),
  );
  return parts;
}

/** The parts of the workbook, named and ordered as ExcelJS writes them (worksheets as UTF-8 bytes, the rest as text). */
export function xlsxParts(book: XlsxWorkbook): Array<[string, string | Uint8Array]> {
  return packageParts(book, undefined, (_name, content) => content);
}

/**
 * The workbook as xlsx bytes; the same workbook gives the same bytes. With `memo` (kept between calls) rows written
 * before at the same place with the same ids are not written again; the bytes are the same.
 */
export function writeXlsx(book: XlsxWorkbook, options: { level?: number; memo?: XlsxMemo } = {}): Promise<Uint8Array> {
  const level = options.level ?? 6;
  return zipStarted(packageParts(book, options.memo, (name, content) => startFile(name, content, level)).map(([, file]) => file));
}

export { columnLetters };
