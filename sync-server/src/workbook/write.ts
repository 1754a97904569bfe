/**
 * Renders the regional workbook model (`buildRegionalWorkbook` in @svod/shared) so that it looks like a ministry table:
 * bold centred wrapped headers, thin borders on every table cell, bold shaded section rows, the model's widths, number
 * formats, merges and frozen panes. The file is written by `xlsx.ts`, which writes the parts ExcelJS wrote for these
 * cells and styles, byte for byte, several times faster (the regional workbook of 60 municipalities has 150,000 cells).
 *
 * Safety (OWASP «CSV/spreadsheet injection»): every value comes from a municipality's file, so none may become a live
 * formula, hyperlink or external link. Strings are written only as plain shared strings (the writer has no formulas and
 * no hyperlinks at all), and text that a spreadsheet would take for a formula once edited (`=`, `+`, `-`, `@`, tab, CR, LF
 * first) gets the text number format `@`, so Excel and LibreOffice show it literally. Numbers stay numbers.
 */
import type { CellValue, RegionalColumn, RegionalRow, RegionalSheet, RegionalWorkbook } from '@svod/shared';
import { columnLetters, writeXlsx, XlsxMemo, type XlsxBorderSide, type XlsxRow, type XlsxSheet, type XlsxStyle, type XlsxValue } from './xlsx';

/** Fixed document dates: the same model renders to the same bytes. */
const FIXED_DATE = new Date(Date.UTC(2020, 0, 1, 0, 0, 0));
const FONT = 'Times New Roman';
const THIN: XlsxBorderSide = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: XlsxStyle['border'] = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: XlsxStyle['fill'] = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
const SECTION_FILL: XlsxStyle['fill'] = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
/** Excel's cell text limit. */
const MAX_TEXT = 32767;
/** Wider than this (in width units) the indicator sheet is printed across pages instead of shrunk to one. */
const FIT_WIDTH_LIMIT = 400;
/**
 * zlib's fastest level: on the regional workbook of 60 municipalities about a third of the time of level 6 for a file
 * a quarter bigger (0.9 MB instead of 0.7 MB).
 */
const DEFLATE_LEVEL = 1;

/**
 * Text a spreadsheet would run as a formula once a user touches the cell (also the full-width forms), judged on what
 * Excel shows: a shared string is written as it is, and Excel (and ExcelJS) read an OOXML escape `_xHHHH_` in it as
 * the character it stands for, so `_x003D_1+1` shows as `=1+1` and is formula-like too (issue #8).
 */
export function isFormulaLike(text: string): boolean {
  const escape = /^_x([0-9A-Fa-f]{4})_/.exec(text);
  const first = escape ? String.fromCharCode(parseInt(escape[1]!, 16)) : text;
  return /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/.test(first);
}

/** Characters that are not allowed in XML 1.0 (the writer drops C0 controls itself, as ExcelJS did; lone surrogates and U+FFFE/F it does not). */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function safeText(text: string): string {
  const clean = text.replace(INVALID_XML, '');
  return clean.length > MAX_TEXT ? clean.slice(0, MAX_TEXT - 1) + '…' : clean;
}

/** The plain value of a model cell and, for text that looks like a formula, the text format. */
export function excelValue(value: CellValue): { value: string | number | Date | null; text: boolean } {
  if (value === null || value === undefined) return { value: null, text: false };
  if (typeof value === 'number') return { value: Number.isFinite(value) ? value : null, text: false };
  if (typeof value === 'boolean') return { value: value ? 'да' : 'нет', text: false };
  if (value instanceof Date) return { value: Number.isNaN(value.getTime()) ? null : value, text: false };
  const text = safeText(String(value));
  return { value: text === '' ? null : text, text: isFormulaLike(text) };
}

function fontFor(kind: RegionalRow['kind']): NonNullable<XlsxStyle['font']> {
  switch (kind) {
    case 'title':
      return { name: FONT, size: 12, bold: true };
    case 'note':
      return { name: FONT, size: 11, italic: true };
    case 'header':
    case 'section':
    case 'group':
    case 'total':
      return { name: FONT, size: 11, bold: true };
    default:
      return { name: FONT, size: 11 };
  }
}

/** Layout decisions shared with the ExcelJS reference rendering the tests compare against. */
export function alignmentFor(kind: RegionalRow['kind'], column: RegionalColumn | undefined, mergeMaster: boolean): NonNullable<XlsxStyle['alignment']> {
  switch (kind) {
    case 'title':
    case 'note':
      return { horizontal: 'left', vertical: 'middle', wrapText: true };
    case 'header':
      return { horizontal: 'center', vertical: 'middle', wrapText: true };
    case 'section':
      // The section title (the master of its merge) reads from the left; the other cells keep their column's alignment.
      return { horizontal: mergeMaster ? 'left' : (column?.align ?? 'left'), vertical: 'middle', wrapText: true };
    default:
      return { horizontal: column?.align ?? 'left', vertical: 'top', wrapText: true };
  }
}

export const TABLE_KINDS = new Set<RegionalRow['kind']>(['header', 'section', 'group', 'data', 'total']);

/** Rows of the table head, for printing them on every page. */
export function headerRows(sheet: RegionalSheet): { first: number; last: number } | null {
  let first = -1;
  let last = -1;
  sheet.rows.forEach((r, i) => {
    if (r.kind !== 'header') return;
    if (first < 0) first = i;
    last = i;
  });
  return first < 0 ? null : { first, last };
}

/** The plain value of every distinct text of a render, worked out once. */
class TextCache {
  private readonly texts = new Map<string, { value: XlsxValue; text: boolean }>();

  value(cell: CellValue): { value: XlsxValue; text: boolean } {
    if (typeof cell !== 'string') return excelValue(cell);
    let known = this.texts.get(cell);
    if (!known) this.texts.set(cell, (known = excelValue(cell)));
    return known;
  }
}

/**
 * The looks of a sheet: one style object per row kind, column, merge-master flag and number format, shared by every
 * cell that has it (the writer registers a style object once, as ExcelJS does).
 */
class SheetStyles {
  private readonly byKind = new Map<RegionalRow['kind'], Array<Map<string, XlsxStyle>>>();

  constructor(private readonly columns: readonly RegionalColumn[]) {}

  get(kind: RegionalRow['kind'], c: number, master: boolean, numFmt: string | undefined): XlsxStyle {
    let columns = this.byKind.get(kind);
    if (!columns) this.byKind.set(kind, (columns = []));
    const looks = columns[c] ?? (columns[c] = new Map());
    const key = master ? `\u0001${numFmt ?? ''}` : (numFmt ?? '');
    let style = looks.get(key);
    if (!style) {
      style = { font: fontFor(kind), alignment: alignmentFor(kind, this.columns[c], master) };
      if (numFmt) style.numFmt = numFmt;
      if (TABLE_KINDS.has(kind)) style.border = BORDER;
      if (kind === 'header') style.fill = HEADER_FILL;
      if (kind === 'section') style.fill = SECTION_FILL;
      looks.set(key, style);
    }
    return style;
  }
}

/**
 * What the server keeps between renders of the regional workbook: per sheet its style objects (while its columns stay
 * the same), the cells of every model row object rendered before (the model builder shares the rows of an unchanged
 * municipality between workbooks), and the writer's own memo of the rows' XML. The bytes are the same as without it.
 */
export class RenderMemo {
  readonly sheets = new Map<string, { key: string; looks: SheetStyles }>();
  readonly rows = new WeakMap<RegionalRow, { looks: SheetStyles; masters: string; height: number | undefined; row: XlsxRow }>();
  readonly xlsx = new XlsxMemo();
}

function sheetOf(model: RegionalSheet, texts: TextCache, memo?: RenderMemo): XlsxSheet {
  let width = model.columns.length;
  for (const row of model.rows) if (row.cells.length > width) width = row.cells.length;
  // Merge masters by row: «1,3» for a row whose cells 1 and 3 head a merge, '' for most rows.
  const masters = new Map<number, number[]>();
  for (const m of model.merges) {
    const list = masters.get(m.top);
    if (list) list.push(m.left);
    else masters.set(m.top, [m.left]);
  }
  let looks: SheetStyles;
  if (memo) {
    const key = JSON.stringify([model.columns, width]);
    let known = memo.sheets.get(model.name);
    if (!known || known.key !== key) memo.sheets.set(model.name, (known = { key, looks: new SheetStyles(model.columns) }));
    looks = known.looks;
  } else looks = new SheetStyles(model.columns);
  const rows: XlsxRow[] = model.rows.map((row, r) => {
    const heads = masters.get(r);
    const masterKey = heads ? [...new Set(heads)].sort((a, b) => a - b).join(',') : '';
    const known = memo?.rows.get(row);
    // A kept row is used as it is only with the same looks, merge heads and height (the builder fits heights in place).
    if (known && known.looks === looks && known.masters === masterKey && known.height === row.height) return known.row;
    const table = TABLE_KINDS.has(row.kind);
    const cols = table ? width : row.cells.length;
    const values = new Array<XlsxValue>(cols);
    const styles = new Array<XlsxStyle>(cols);
    for (let c = 0; c < cols; c++) {
      // Numbers and empty cells (most of the Свод) without a call and an object per cell.
      const cell = row.cells[c] ?? null;
      let value: XlsxValue;
      let text = false;
      if (cell === null) value = null;
      else if (typeof cell === 'number') value = Number.isFinite(cell) ? cell : null;
      else ({ value, text } = texts.value(cell));
      // A plain value: the writer writes a string as a shared string, never as a formula or a hyperlink.
      values[c] = value;
      const column = model.columns[c];
      const format = text ? '@' : (row.formats?.[c] ?? (row.kind === 'data' || row.kind === 'total' ? column?.numberFormat : undefined));
      const numFmt = format || (value instanceof Date ? 'dd.mm.yyyy' : undefined);
      styles[c] = looks.get(row.kind, c, heads !== undefined && heads.includes(c), numFmt);
    }
    const out: XlsxRow = row.height ? { height: row.height, values, styles } : { values, styles };
    memo?.rows.set(row, { looks, masters: masterKey, height: row.height, row: out });
    return out;
  });

  const totalWidth = model.columns.reduce((s, c) => s + c.width, 0);
  const head = headerRows(model);
  return {
    name: model.name.slice(0, 31),
    columnWidths: model.columns.map((c) => c.width),
    rows,
    merges: model.merges,
    frozen:
      model.freeze.rows > 0 || model.freeze.cols > 0
        ? { xSplit: model.freeze.cols, ySplit: model.freeze.rows, topLeftCell: `${columnLetters(model.freeze.cols)}${model.freeze.rows + 1}`, activeCell: 'A1' }
        : null,
    pageSetup: {
      paperSize: 9,
      orientation: model.orientation ?? 'landscape',
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      fitToWidth: totalWidth <= FIT_WIDTH_LIMIT,
      ...(head ? { printTitlesRow: `${head.first + 1}:${head.last + 1}` } : {}),
      ...(model.freeze.cols > 0 && totalWidth > FIT_WIDTH_LIMIT ? { printTitlesColumn: `A:${columnLetters(model.freeze.cols - 1)}` } : {}),
    },
    // A long printout keeps its order: what it is on the left, the page number on the right (`&` doubled in codes).
    ...(model.footer ? { footer: `&L${model.footer.replace(/&/g, '&&')}&RСтраница &P из &N` } : {}),
  };
}

/** The regional workbook as xlsx bytes. The same model gives the same bytes, with or without `memo`. */
export async function renderRegionalWorkbook(model: RegionalWorkbook, memo?: RenderMemo): Promise<Uint8Array> {
  const texts = new TextCache();
  const sheets = model.sheets.map((sheet) => sheetOf(sheet, texts, memo));
  return writeXlsx({ creator: 'Svod', lastModifiedBy: 'Svod', created: FIXED_DATE, modified: FIXED_DATE, sheets }, { level: DEFLATE_LEVEL, memo: memo?.xlsx });
}
