/**
 * The oracle for `src/workbook/write.ts` and `xlsx.ts`: the regional workbook rendered with ExcelJS (a cell object and
 * a style object per cell, ExcelJS's XML writer and JSZip). The tests render the same model with both and compare every
 * part of the two files byte for byte.
 *
 * Nothing here comes from the code under test: the looks of the ministry's table (below) and the safety of its values
 * are stated again, on their own, so that a change in the writer shows up as a difference instead of being copied into
 * the expectation.
 */
import ExcelJS from 'exceljs';
import { columnLetters, type CellValue, type RegionalColumn, type RegionalRow, type RegionalSheet, type RegionalWorkbook } from '@svod/shared';

const FIXED_DATE = new Date(Date.UTC(2020, 0, 1, 0, 0, 0));
const FONT = 'Times New Roman';
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
const SECTION_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
/** Wider than this (in width units) a sheet is printed across pages instead of shrunk to the page width. */
const FIT_WIDTH_LIMIT = 400;

/**
 * The ministry's table, row kind by row kind. Titles and notes sit above the table, left and unbordered, only as wide as
 * their own cells; every row of the table has a thin border on each of its cells across the full width. The header is
 * bold, centred and shaded grey; a section row is bold and shaded blue, its title (the merged cell) reading from the
 * left; groups and totals are bold. Every cell wraps; table body cells align to the top, as their column says (left
 * by default).
 */
interface Look {
  font: Partial<ExcelJS.Font>;
  /** `column`: the column's own alignment (left when it has none). */
  horizontal: 'left' | 'center' | 'column';
  vertical: 'top' | 'middle';
  inTable: boolean;
  fill?: ExcelJS.Fill;
}
const REGULAR: Partial<ExcelJS.Font> = { name: FONT, size: 11 };
const BOLD: Partial<ExcelJS.Font> = { name: FONT, size: 11, bold: true };
const LOOKS: Record<RegionalRow['kind'], Look> = {
  title: { font: { name: FONT, size: 12, bold: true }, horizontal: 'left', vertical: 'middle', inTable: false },
  note: { font: { name: FONT, size: 11, italic: true }, horizontal: 'left', vertical: 'middle', inTable: false },
  header: { font: BOLD, horizontal: 'center', vertical: 'middle', inTable: true, fill: HEADER_FILL },
  section: { font: BOLD, horizontal: 'column', vertical: 'middle', inTable: true, fill: SECTION_FILL },
  group: { font: BOLD, horizontal: 'column', vertical: 'top', inTable: true },
  data: { font: REGULAR, horizontal: 'column', vertical: 'top', inTable: true },
  total: { font: BOLD, horizontal: 'column', vertical: 'top', inTable: true },
};

function alignment(kind: RegionalRow['kind'], column: RegionalColumn | undefined, mergeMaster: boolean): Partial<ExcelJS.Alignment> {
  const look = LOOKS[kind];
  const horizontal = look.horizontal !== 'column' ? look.horizontal : kind === 'section' && mergeMaster ? 'left' : (column?.align ?? 'left');
  return { horizontal, vertical: look.vertical, wrapText: true };
}

/** First characters that make a spreadsheet run a text as a formula once it is edited, full-width forms included. */
const FORMULA_STARTS = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);
/** Excel keeps at most this many characters in a cell. */
const CELL_TEXT_LIMIT = 32767;

/**
 * A model cell as the file must hold it: numbers that are numbers (an infinite or NaN one is an empty cell), да/нет for
 * booleans, real dates only, and text cleared of what XML 1.0 cannot carry (C0 controls but tab, LF and CR; U+FFFE,
 * U+FFFF; halves of a surrogate pair), cut to Excel's limit with an ellipsis; `text` when it must keep the text format.
 */
function cellValue(cell: CellValue): { value: string | number | Date | null; text: boolean } {
  if (cell === null || cell === undefined) return { value: null, text: false };
  if (typeof cell === 'boolean') return { value: cell ? 'да' : 'нет', text: false };
  if (typeof cell === 'number') return { value: Number.isFinite(cell) ? cell : null, text: false };
  if (cell instanceof Date) return { value: Number.isFinite(cell.getTime()) ? cell : null, text: false };
  let clean = '';
  const s = String(cell);
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) clean += s[i]! + s[++i]!;
      continue;
    }
    if (code >= 0xdc00 && code <= 0xdfff) continue;
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff) continue;
    clean += s[i]!;
  }
  if (clean.length > CELL_TEXT_LIMIT) clean = `${clean.slice(0, CELL_TEXT_LIMIT - 1)}…`;
  return { value: clean === '' ? null : clean, text: FORMULA_STARTS.has(clean.charAt(0)) };
}

/** The 1-based rows printed on every page: from the first header row to the last. */
function printTitleRows(sheet: RegionalSheet): string | null {
  const headers = sheet.rows.flatMap((r, i) => (r.kind === 'header' ? [i + 1] : []));
  return headers.length ? `${Math.min(...headers)}:${Math.max(...headers)}` : null;
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
    const table = LOOKS[row.kind].inTable;
    const cols = table ? width : row.cells.length;
    for (let c = 0; c < cols; c++) {
      const cell = xlRow.getCell(c + 1);
      const { value, text } = cellValue(row.cells[c] ?? null);
      // A plain value: ExcelJS writes a string as a string, never as a formula or a hyperlink.
      if (value !== null) cell.value = value;
      const column = model.columns[c];
      const style: Partial<ExcelJS.Style> = {
        font: LOOKS[row.kind].font,
        alignment: alignment(row.kind, column, masters.has(`${r}:${c}`)),
      };
      const format = text ? '@' : (row.formats?.[c] ?? (row.kind === 'data' || row.kind === 'total' ? column?.numberFormat : undefined));
      if (format) style.numFmt = format;
      else if (value instanceof Date) style.numFmt = 'dd.mm.yyyy';
      if (table) style.border = BORDER;
      const fill = LOOKS[row.kind].fill;
      if (fill) style.fill = fill;
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
        topLeftCell: `${columnLetters(model.freeze.cols)}${model.freeze.rows + 1}`,
        activeCell: 'A1',
        showGridLines: true,
      },
    ];
  }

  const totalWidth = model.columns.reduce((s, c) => s + c.width, 0);
  const head = printTitleRows(model);
  ws.pageSetup = {
    paperSize: 9,
    orientation: model.orientation ?? 'landscape',
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    ...(totalWidth <= FIT_WIDTH_LIMIT ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : {}),
    ...(head ? { printTitlesRow: head } : {}),
    ...(model.freeze.cols > 0 && totalWidth > FIT_WIDTH_LIMIT ? { printTitlesColumn: `A:${columnLetters(model.freeze.cols - 1)}` } : {}),
  };
  // What the printout is on the left of the footer, «Страница N из M» on the right (`&` doubled: it starts a code).
  if (model.footer) ws.headerFooter = { oddFooter: `&L${model.footer.replace(/&/g, '&&')}&RСтраница &P из &N` };
}


/** The regional workbook as ExcelJS wrote it (JSZip's own timestamps and compression: compare the parts, not the zip). */
export async function renderWithExcelJS(model: RegionalWorkbook): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Svod';
  wb.lastModifiedBy = 'Svod';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  wb.calcProperties.fullCalcOnLoad = false;
  for (const sheet of model.sheets) renderSheet(wb, sheet);
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as unknown as ArrayLike<number>);
}
