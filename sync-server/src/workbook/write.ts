/**
 * Renders the regional workbook model (`buildRegionalWorkbook` in @svod/shared) with ExcelJS so that it looks like a
 * ministry table: bold centred wrapped headers, thin borders on every table cell, bold shaded section rows, the
 * model's widths, number formats, merges and frozen panes.
 *
 * Safety (OWASP «CSV/spreadsheet injection»): every value comes from a municipality's file, so none may become a live
 * formula, hyperlink or external link. Strings are written only as plain string values (never `{ formula }`, never
 * `{ hyperlink }`), and text that a spreadsheet would take for a formula once edited (`=`, `+`, `-`, `@`, tab, CR, LF
 * first) gets the text number format `@`, so Excel and LibreOffice show it literally. Numbers stay numbers.
 */
import ExcelJS from 'exceljs';
import type { CellValue, RegionalColumn, RegionalRow, RegionalSheet, RegionalWorkbook } from '@svod/shared';

/** Fixed document dates: the same model renders to the same bytes. */
const FIXED_DATE = new Date(Date.UTC(2020, 0, 1, 0, 0, 0));
const FONT = 'Times New Roman';
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
const SECTION_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
/** Excel's cell text limit. */
const MAX_TEXT = 32767;
/** Wider than this (in width units) the indicator sheet is printed across pages instead of shrunk to one. */
const FIT_WIDTH_LIMIT = 400;

/** Text a spreadsheet would run as a formula once a user touches the cell (also the full-width forms). */
export function isFormulaLike(text: string): boolean {
  return /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/.test(text);
}

/** Characters that are not allowed in XML 1.0 (ExcelJS drops C0 controls itself; lone surrogates and U+FFFE/F it does not). */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function safeText(text: string): string {
  const clean = text.replace(INVALID_XML, '');
  return clean.length > MAX_TEXT ? clean.slice(0, MAX_TEXT - 1) + '…' : clean;
}

/** The plain ExcelJS value of a model cell and, for text that looks like a formula, the text format. */
export function excelValue(value: CellValue): { value: string | number | Date | null; text: boolean } {
  if (value === null || value === undefined) return { value: null, text: false };
  if (typeof value === 'number') return { value: Number.isFinite(value) ? value : null, text: false };
  if (typeof value === 'boolean') return { value: value ? 'да' : 'нет', text: false };
  if (value instanceof Date) return { value: Number.isNaN(value.getTime()) ? null : value, text: false };
  const text = safeText(String(value));
  return { value: text === '' ? null : text, text: isFormulaLike(text) };
}

function fontFor(kind: RegionalRow['kind']): Partial<ExcelJS.Font> {
  switch (kind) {
    case 'title':
      return { name: FONT, size: 12, bold: true };
    case 'note':
      return { name: FONT, size: 11, italic: true };
    case 'header':
    case 'section':
    case 'total':
      return { name: FONT, size: 11, bold: true };
    default:
      return { name: FONT, size: 11 };
  }
}

function alignmentFor(kind: RegionalRow['kind'], column: RegionalColumn | undefined, mergeMaster: boolean): Partial<ExcelJS.Alignment> {
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

const TABLE_KINDS = new Set<RegionalRow['kind']>(['header', 'section', 'data', 'total']);

/** Rows of the table head, for printing them on every page. */
function headerRows(sheet: RegionalSheet): { first: number; last: number } | null {
  let first = -1;
  let last = -1;
  sheet.rows.forEach((r, i) => {
    if (r.kind !== 'header') return;
    if (first < 0) first = i;
    last = i;
  });
  return first < 0 ? null : { first, last };
}

function renderSheet(wb: ExcelJS.Workbook, model: RegionalSheet): void {
  const ws = wb.addWorksheet(model.name.slice(0, 31));
  const width = Math.max(model.columns.length, ...model.rows.map((r) => r.cells.length));
  model.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
  });

  const masters = new Set(model.merges.map((m) => `${m.top}:${m.left}`));
  model.rows.forEach((row, r) => {
    const xlRow = ws.getRow(r + 1);
    if (row.height) xlRow.height = row.height;
    const table = TABLE_KINDS.has(row.kind);
    const cols = table ? width : row.cells.length;
    for (let c = 0; c < cols; c++) {
      const cell = xlRow.getCell(c + 1);
      const { value, text } = excelValue(row.cells[c] ?? null);
      // A plain value: ExcelJS writes a string as a string, never as a formula or a hyperlink.
      if (value !== null) cell.value = value;
      const column = model.columns[c];
      const style: Partial<ExcelJS.Style> = {
        font: fontFor(row.kind),
        alignment: alignmentFor(row.kind, column, masters.has(`${r}:${c}`)),
      };
      const format = text ? '@' : (row.formats?.[c] ?? (row.kind === 'data' || row.kind === 'total' ? column?.numberFormat : undefined));
      if (format) style.numFmt = format;
      else if (value instanceof Date) style.numFmt = 'dd.mm.yyyy';
      if (table) style.border = BORDER;
      if (row.kind === 'header') style.fill = HEADER_FILL;
      if (row.kind === 'section') style.fill = SECTION_FILL;
      cell.style = style;
    }
  });

  for (const m of model.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);

  if (model.freeze.rows > 0 || model.freeze.cols > 0) {
    ws.views = [
      {
        state: 'frozen',
        xSplit: model.freeze.cols,
        ySplit: model.freeze.rows,
        topLeftCell: `${columnName(model.freeze.cols)}${model.freeze.rows + 1}`,
        activeCell: 'A1',
        showGridLines: true,
      },
    ];
  }

  const totalWidth = model.columns.reduce((s, c) => s + c.width, 0);
  const head = headerRows(model);
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    ...(totalWidth <= FIT_WIDTH_LIMIT ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : {}),
    ...(head ? { printTitlesRow: `${head.first + 1}:${head.last + 1}` } : {}),
    ...(model.freeze.cols > 0 && totalWidth > FIT_WIDTH_LIMIT ? { printTitlesColumn: `A:${columnName(model.freeze.cols - 1)}` } : {}),
  };
}

function columnName(col: number): string {
  let n = col + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * Sets every ZIP entry's DOS modification time to 1980-01-01 00:00 (JSZip stamps the current time), so that one model
 * always gives the same bytes. Walks the central directory; returns the input unchanged when it cannot.
 */
export function normalizeZipTimestamps(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return bytes;
  const entries = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const DOS_TIME = 0;
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  for (let k = 0; k < entries; k++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) return bytes;
    view.setUint16(p + 12, DOS_TIME, true);
    view.setUint16(p + 14, DOS_DATE, true);
    const local = view.getUint32(p + 42, true);
    if (local + 30 <= bytes.length && view.getUint32(local, true) === 0x04034b50) {
      view.setUint16(local + 10, DOS_TIME, true);
      view.setUint16(local + 12, DOS_DATE, true);
    }
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return bytes;
}

/** The regional workbook as xlsx bytes. The same model gives the same bytes. */
export async function renderRegionalWorkbook(model: RegionalWorkbook): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Svod';
  wb.lastModifiedBy = 'Svod';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  wb.calcProperties.fullCalcOnLoad = false;
  for (const sheet of model.sheets) renderSheet(wb, sheet);
  const buffer = await wb.xlsx.writeBuffer();
  // A copy of our own: the bytes are patched in place.
  return normalizeZipTimestamps(new Uint8Array(buffer as unknown as ArrayLike<number>));
}
