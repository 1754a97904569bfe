/**
 * Renders the federal summary (`buildFederalSummary` in @svod/shared) to xlsx with ExcelJS, looking like the regional
 * workbook (`write.ts`: Times New Roman, bold shaded header, thin borders, wrapped text), with a frozen header, an
 * autofilter on it and A4 landscape print set-up fitted to the page width with the header repeated on every page.
 *
 * Safety as in the regional workbook: values are plain (no formula, no hyperlink); text a spreadsheet would take for a
 * formula gets the text format `@`, whatever the model says.
 *
 * Deterministic bytes: the document dates are the summary's `generatedAt`, and the zip is written anew by the server's
 * one zip writer with its fixed timestamps (JSZip inside ExcelJS stamps every part with the time of writing). ExcelJS
 * stores the parts and Node's zlib deflates them: JSZip's JavaScript deflate took a third of the render.
 */
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { fromBuffer, type Entry, type ZipFile } from 'yauzl';
import ExcelJS from 'exceljs';
import { columnLetters } from '@svod/shared';
import type { FederalSheet, FederalSummary } from '@svod/shared';
import { writeZip, type ZipEntryOut } from '../zip/write';
import { alignmentFor, excelValue, headerRows, TABLE_KINDS } from './write';

const FONT = 'Times New Roman';
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
type Kind = FederalSheet['rows'][number]['kind'];

function fontFor(kind: Kind): Partial<ExcelJS.Font> {
  if (kind === 'title') return { name: FONT, size: 12, bold: true };
  if (kind === 'note') return { name: FONT, size: 11, italic: true };
  if (kind === 'data') return { name: FONT, size: 11 };
  return { name: FONT, size: 11, bold: true };
}

/** One style object per row kind, column, merge-master flag and number format (ExcelJS registers each once). */
function styleCache(sheet: FederalSheet): (kind: Kind, c: number, master: boolean, numFmt: string | undefined) => Partial<ExcelJS.Style> {
  const cache = new Map<string, Partial<ExcelJS.Style>>();
  return (kind, c, master, numFmt) => {
    const key = `${kind}\u0001${c}\u0001${master ? 1 : 0}\u0001${numFmt ?? ''}`;
    let style = cache.get(key);
    if (!style) {
      style = { font: fontFor(kind), alignment: alignmentFor(kind, sheet.columns[c], master) };
      if (numFmt) style.numFmt = numFmt;
      if (TABLE_KINDS.has(kind)) style.border = BORDER;
      if (kind === 'header') style.fill = HEADER_FILL;
      cache.set(key, style);
    }
    return style;
  };
}

function addSheet(wb: ExcelJS.Workbook, model: FederalSheet): void {
  const frozen = model.freeze.rows > 0 || model.freeze.cols > 0;
  const ws = wb.addWorksheet(model.name.slice(0, 31), {
    views: frozen ? [{ state: 'frozen', xSplit: model.freeze.cols, ySplit: model.freeze.rows, topLeftCell: `${columnLetters(model.freeze.cols)}${model.freeze.rows + 1}`, activeCell: 'A1' }] : [],
  });
  ws.columns = model.columns.map((c) => ({ width: c.width }));
  const masters = new Set(model.merges.map((m) => `${m.top}:${m.left}`));
  const style = styleCache(model);
  const width = model.columns.length;
  model.rows.forEach((row, r) => {
    const xlRow = ws.getRow(r + 1);
    if (row.height) xlRow.height = row.height;
    const table = TABLE_KINDS.has(row.kind);
    // Table rows are styled across the full width (borders on empty cells too); titles and notes only where they have text.
    const cols = table ? width : row.cells.reduce<number>((n, cell, c) => (cell === null ? n : c + 1), 0);
    for (let c = 0; c < cols; c++) {
      const { value, text } = excelValue(row.cells[c] ?? null);
      const cell = xlRow.getCell(c + 1);
      if (value !== null) cell.value = value;
      const format = text ? '@' : (row.formats?.[c] ?? (row.kind === 'data' ? model.columns[c]?.numberFormat : undefined)) || (value instanceof Date ? 'dd.mm.yyyy' : undefined);
      cell.style = style(row.kind, c, masters.has(`${r}:${c}`), format);
    }
  });
  for (const m of model.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  if (model.autoFilter) {
    const f = model.autoFilter;
    ws.autoFilter = { from: { row: f.top + 1, column: f.left + 1 }, to: { row: f.bottom + 1, column: f.right + 1 } };
  }
  const head = headerRows(model);
  ws.pageSetup = {
    paperSize: 9,
    orientation: model.orientation ?? 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    ...(head ? { printTitlesRow: `${head.first + 1}:${head.last + 1}` } : {}),
  };
  // What the printout is on the left, the page number on the right (`&` doubled in header/footer codes).
  if (model.footer) ws.headerFooter = { oddFooter: `&L${model.footer.replace(/&/g, '&&')}&RСтраница &P из &N` };
}

/** The federal summary workbook as xlsx bytes: the same summary gives the same bytes. */
export async function renderFederalSummary(summary: FederalSummary): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const at = new Date(Date.parse(summary.generatedAt) || 0);
  wb.creator = 'Svod';
  wb.lastModifiedBy = 'Svod';
  wb.created = at;
  wb.modified = at;
  for (const sheet of summary.sheets) addSheet(wb, sheet);
  // ExcelJS passes `zip` on to JSZip's generateAsync (its typings do not say so).
  const stored = (await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as Partial<ExcelJS.XlsxWriteOptions>)) as ArrayBuffer;
  return deflateParts(Buffer.from(stored));
}

const deflateRaw = promisify(zlib.deflateRaw);
const openZip = promisify(fromBuffer) as (buffer: Buffer, options: { lazyEntries: boolean; autoClose: boolean }) => Promise<ZipFile>;

/** The stored parts of ExcelJS's zip, deflated and written with fixed timestamps, in ExcelJS's order. */
async function deflateParts(stored: Buffer): Promise<Uint8Array> {
  const zip = await openZip(stored, { lazyEntries: true, autoClose: false });
  const entries: Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: Entry) => {
      entries.push(e);
      zip.readEntry();
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  const out: ZipEntryOut[] = [];
  for (const e of entries) {
    const data = await partBytes(zip, e);
    out.push({ name: e.fileName, method: 8, crc32: e.crc32, uncompressedSize: data.length, compressed: await deflateRaw(data) });
  }
  zip.close();
  return writeZip(out);
}

function partBytes(zip: ZipFile, entry: Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error(`cannot read ${entry.fileName}`));
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}
