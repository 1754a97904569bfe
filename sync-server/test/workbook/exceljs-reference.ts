/**
 * The oracle for `src/workbook/xlsx.ts`: the regional workbook renderer as it was written with ExcelJS (a cell object
 * and a style object per cell, ExcelJS's XML writer and JSZip), kept unchanged but for its name. The tests render the
 * same model with both and compare every part of the two files byte for byte.
 */
import ExcelJS from 'exceljs';
import { columnLetters, type RegionalRow, type RegionalSheet, type RegionalWorkbook } from '@svod/shared';
import { alignmentFor, excelValue, headerRows, TABLE_KINDS } from '../../src/workbook/write';

const FIXED_DATE = new Date(Date.UTC(2020, 0, 1, 0, 0, 0));
const FONT = 'Times New Roman';
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
const SECTION_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const FIT_WIDTH_LIMIT = 400;

function fontFor(kind: RegionalRow['kind']): Partial<ExcelJS.Font> {
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
        topLeftCell: `${columnLetters(model.freeze.cols)}${model.freeze.rows + 1}`,
        activeCell: 'A1',
        showGridLines: true,
      },
    ];
  }

  const totalWidth = model.columns.reduce((s, c) => s + c.width, 0);
  const head = headerRows(model);
  ws.pageSetup = {
    paperSize: 9,
    orientation: model.orientation ?? 'landscape',
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    ...(totalWidth <= FIT_WIDTH_LIMIT ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : {}),
    ...(head ? { printTitlesRow: `${head.first + 1}:${head.last + 1}` } : {}),
    ...(model.freeze.cols > 0 && totalWidth > FIT_WIDTH_LIMIT ? { printTitlesColumn: `A:${columnLetters(model.freeze.cols - 1)}` } : {}),
  };  if (model.footer) ws.headerFooter = { oddFooter: `&L${model.footer.replace(/&/g, '&&')}&RСтраница &P из &N` };

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
