/**
 * The regional workbook (the same `RegionalSheet`s the xlsx download renders) written into a Google spreadsheet:
 * 1. one structural `batchUpdate`: new sheets added (under temporary titles), Svod's sheets of the last publication
 *    deleted, the new ones renamed and tagged with developer metadata — atomic, so a failure leaves the last
 *    publication as it was; the coordinator's own sheets are never touched (a title they use gets « (Svod)»);
 * 2. the values with `valueInputOption: RAW`: nothing is parsed, so a text starting with = + - @ stays text;
 * 3. the formatting in one `batchUpdate`: bold wrapped headers, shaded sections, borders, merges, widths, heights,
 *    number formats, frozen rows and columns.
 * The planning functions are pure; `publishRegionalWorkbook` runs them against the API.
 */
import { randomInt } from 'node:crypto';
import type { sheets_v4 } from '@googleapis/sheets';
import type { CellRange, CellValue, RegionalRow, RegionalSheet, RegionalWorkbook } from '@svod/shared';
import { alignmentFor, excelValue, TABLE_KINDS } from '../workbook/write';
import type { GoogleGateway } from './client';
import { sheetRange } from './read';

type Request = sheets_v4.Schema$Request;
type CellFormat = sheets_v4.Schema$CellFormat;

/** The developer metadata key that marks a sheet as Svod's (its value: the regional sheet's name). */
export const SVOD_SHEET_KEY = 'svod-regional-sheet';
/** Cells per `values.batchUpdate` call: Google advises request bodies of about 2 MB. */
const CELLS_PER_VALUES_CALL = 100_000;
const FONT = 'Times New Roman';
const HEADER_BACKGROUND = { red: 0xe7 / 255, green: 0xe6 / 255, blue: 0xe6 / 255 };
const SECTION_BACKGROUND = { red: 0xdd / 255, green: 0xeb / 255, blue: 0xf7 / 255 };
const SOLID = { style: 'SOLID', color: { red: 0, green: 0, blue: 0 } };
const MS_PER_DAY = 86_400_000;
const UNIX_EPOCH_SERIAL = 25_569;

export interface ExistingSheet {
  sheetId: number;
  title: string;
  /** Svod wrote it (it carries the metadata key). */
  own: boolean;
}

export function existingSheets(spreadsheet: sheets_v4.Schema$Spreadsheet): ExistingSheet[] {
  return (spreadsheet.sheets ?? []).map((s) => ({
    sheetId: s.properties?.sheetId ?? 0,
    title: s.properties?.title ?? '',
    own: (s.developerMetadata ?? []).some((m) => m.metadataKey === SVOD_SHEET_KEY),
  }));
}

/** The plan of step 1 and the sheet ids and titles the next steps write to. */
export interface StructurePlan {
  requests: Request[];
  sheets: Array<{ sheet: RegionalSheet; sheetId: number; title: string }>;
}

/** Titles the coordinator's sheets use are not taken: « (Svod)», « (Svod 2)» … instead. Sheets compares titles without case. */
function freeTitle(name: string, taken: Set<string>): string {
  const base = name.slice(0, 90);
  for (let n = 1; ; n++) {
    const title = n === 1 ? base : n === 2 ? `${base} (Svod)` : `${base} (Svod ${n - 1})`;
    if (!taken.has(title.toLowerCase())) {
      taken.add(title.toLowerCase());
      return title;
    }
  }
}

export function planStructure(existing: readonly ExistingSheet[], workbook: RegionalWorkbook, newId: (used: Set<number>) => number = randomSheetId): StructurePlan {
  const used = new Set(existing.map((s) => s.sheetId));
  const taken = new Set(existing.filter((s) => !s.own).map((s) => s.title.toLowerCase()));
  const sheets = workbook.sheets.map((sheet) => {
    const sheetId = newId(used);
    used.add(sheetId);
    return { sheet, sheetId, title: freeTitle(sheet.name, taken) };
  });
  const requests: Request[] = [];
  const first = existing.length - existing.filter((s) => s.own).length; // after the coordinator's sheets
  sheets.forEach(({ sheet, sheetId }, i) => {
    const width = Math.max(1, sheet.columns.length, ...sheet.rows.map((r) => r.cells.length));
    requests.push({
      addSheet: {
        // A temporary title: the last publication's sheet of the same name is deleted only further down this batch.
        properties: { sheetId, title: `svod-${sheetId}`, index: first + i, gridProperties: { rowCount: Math.max(1, sheet.rows.length), columnCount: width } },
      },
    });
    requests.push({ createDeveloperMetadata: { developerMetadata: { metadataKey: SVOD_SHEET_KEY, metadataValue: sheet.name, location: { sheetId }, visibility: 'DOCUMENT' } } });
  });
  for (const old of existing) if (old.own) requests.push({ deleteSheet: { sheetId: old.sheetId } });
  for (const { sheetId, title } of sheets) requests.push({ updateSheetProperties: { properties: { sheetId, title }, fields: 'title' } });
  return { requests, sheets };
}

function randomSheetId(used: Set<number>): number {
  for (;;) {
    const id = randomInt(1, 2 ** 31 - 1);
    if (!used.has(id)) return id;
  }
}

/** A model cell as a RAW value: texts as they are, numbers as numbers, yes/no as in the xlsx, dates as serial days. */
export function sheetsValue(value: CellValue): string | number {
  const { value: v } = excelValue(value);
  if (v === null) return '';
  if (v instanceof Date) return v.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL;
  return v;
}

export function sheetValues(sheet: RegionalSheet): Array<Array<string | number>> {
  return sheet.rows.map((row) => {
    const out = row.cells.map(sheetsValue);
    while (out.length && out[out.length - 1] === '') out.pop();
    return out;
  });
}

/** The `data` of the values calls, cut into bodies of a bounded size. */
export function valueBatches(sheets: StructurePlan['sheets']): sheets_v4.Schema$ValueRange[][] {
  const batches: sheets_v4.Schema$ValueRange[][] = [];
  let current: sheets_v4.Schema$ValueRange[] = [];
  let cells = 0;
  for (const { sheet, title } of sheets) {
    const values = sheetValues(sheet);
    let start = 0;
    while (start < values.length) {
      let end = start;
      let chunk = 0;
      while (end < values.length && (end === start || cells + chunk + values[end]!.length <= CELLS_PER_VALUES_CALL)) chunk += values[end++]!.length;
      current.push({ range: `${sheetRange(title)}!A${start + 1}`, majorDimension: 'ROWS', values: values.slice(start, end) });
      cells += chunk;
      start = end;
      if (cells >= CELLS_PER_VALUES_CALL) {
        batches.push(current);
        current = [];
        cells = 0;
      }
    }
  }
  if (current.length) batches.push(current);
  return batches;
}

const gridRange = (sheetId: number, r: CellRange) => ({ sheetId, startRowIndex: r.top, endRowIndex: r.bottom + 1, startColumnIndex: r.left, endColumnIndex: r.right + 1 });

function numberFormat(format: string): sheets_v4.Schema$NumberFormat {
  if (format === '@') return { type: 'TEXT' };
  const bare = format.replace(/"[^"]*"/g, '');
  if (/[dy]/i.test(bare) && /[hs]/i.test(bare)) return { type: 'DATE_TIME', pattern: format };
  if (/[dmy]/i.test(bare)) return { type: 'DATE', pattern: format };
  return { type: 'NUMBER', pattern: format };
}

function rowFormat(kind: RegionalRow['kind']): { format: CellFormat; fields: string } {
  const textFormat: sheets_v4.Schema$TextFormat = { fontFamily: FONT, fontSize: kind === 'title' ? 12 : 11, bold: kind !== 'note' && kind !== 'data', italic: kind === 'note' };
  const format: CellFormat = { textFormat, wrapStrategy: 'WRAP', verticalAlignment: kind === 'data' || kind === 'group' || kind === 'total' ? 'TOP' : 'MIDDLE' };
  if (kind === 'header') {
    format.horizontalAlignment = 'CENTER';
    format.backgroundColor = HEADER_BACKGROUND;
  }
  if (kind === 'section') format.backgroundColor = SECTION_BACKGROUND;
  const fields = ['textFormat', 'wrapStrategy', 'verticalAlignment', ...(kind === 'header' ? ['horizontalAlignment'] : []), ...(kind === 'header' || kind === 'section' ? ['backgroundColor'] : [])];
  return { format, fields: `userEnteredFormat(${fields.join(',')})` };
}

/** Runs of consecutive rows that share a key. */
function runs<T>(count: number, key: (i: number) => T | null): Array<{ from: number; to: number; key: T }> {
  const out: Array<{ from: number; to: number; key: T }> = [];
  for (let i = 0; i < count; i++) {
    const k = key(i);
    if (k === null) continue;
    const last = out[out.length - 1];
    if (last && last.to === i - 1 && last.key === k) last.to = i;
    else out.push({ from: i, to: i, key: k });
  }
  return out;
}

/**
 * Frozen columns, unless a merge crosses their edge: Sheets refuses to freeze part of a merged cell (the title rows
 * are merged across the whole table), and the merges are what the sheet reads by.
 */
export function frozenColumns(sheet: RegionalSheet): number {
  const cols = sheet.freeze.cols;
  return cols > 0 && sheet.merges.some((m) => m.left < cols && m.right >= cols) ? 0 : cols;
}

function frozenRows(sheet: RegionalSheet): number {
  const rows = sheet.freeze.rows;
  return rows > 0 && sheet.merges.some((m) => m.top < rows && m.bottom >= rows) ? 0 : rows;
}

/** Step 3 for one sheet. */
export function formatRequests(sheet: RegionalSheet, sheetId: number): Request[] {
  const requests: Request[] = [];
  const width = Math.max(1, sheet.columns.length, ...sheet.rows.map((r) => r.cells.length));
  const rowsRange = (from: number, to: number, left = 0, right = width - 1) => gridRange(sheetId, { top: from, bottom: to, left, right });

  requests.push({
    updateSheetProperties: {
      properties: { sheetId, gridProperties: { frozenRowCount: frozenRows(sheet), frozenColumnCount: frozenColumns(sheet) } },
      fields: 'gridProperties.frozenRowCount,gridProperties.frozenColumnCount',
    },
  });
  sheet.columns.forEach((column, c) => {
    // Excel's width unit is a character of the default font, about 7 px, plus the cell's padding.
    requests.push({ updateDimensionProperties: { range: { sheetId, dimension: 'COLUMNS', startIndex: c, endIndex: c + 1 }, properties: { pixelSize: Math.round(column.width * 7 + 5) }, fields: 'pixelSize' } });
  });
  for (const run of runs(sheet.rows.length, (i) => sheet.rows[i]!.height ?? null)) {
    // Points to pixels.
    requests.push({ updateDimensionProperties: { range: { sheetId, dimension: 'ROWS', startIndex: run.from, endIndex: run.to + 1 }, properties: { pixelSize: Math.round((run.key * 4) / 3) }, fields: 'pixelSize' } });
  }
  // Looks by row kind: fonts, wrapping, header and section fills.
  for (const run of runs(sheet.rows.length, (i) => sheet.rows[i]!.kind)) {
    const { format, fields } = rowFormat(run.key);
    requests.push({ repeatCell: { range: rowsRange(run.from, run.to), cell: { userEnteredFormat: format }, fields } });
  }
  // Horizontal alignment of the table's body by column, as in the xlsx (the header is centred above).
  sheet.columns.forEach((column, c) => {
    for (const run of runs(sheet.rows.length, (i) => (TABLE_KINDS.has(sheet.rows[i]!.kind) && sheet.rows[i]!.kind !== 'header' ? true : null))) {
      const horizontal = alignmentFor(sheet.rows[run.from]!.kind, column, false).horizontal ?? 'left';
      if (horizontal === 'left') continue;
      requests.push({ repeatCell: { range: rowsRange(run.from, run.to, c, c), cell: { userEnteredFormat: { horizontalAlignment: horizontal.toUpperCase() } }, fields: 'userEnteredFormat.horizontalAlignment' } });
    }
  });
  // Number formats: the column's for data and total rows, a row's own per cell, text for what looks like a formula.
  sheet.columns.forEach((column, c) => {
    if (!column.numberFormat) return;
    for (const run of runs(sheet.rows.length, (i) => (sheet.rows[i]!.kind === 'data' || sheet.rows[i]!.kind === 'total' ? true : null))) {
      requests.push({ repeatCell: { range: rowsRange(run.from, run.to, c, c), cell: { userEnteredFormat: { numberFormat: numberFormat(column.numberFormat) } }, fields: 'userEnteredFormat.numberFormat' } });
    }
  });
  sheet.rows.forEach((row, r) => {
    row.cells.forEach((value, c) => {
      const { text, value: v } = excelValue(value);
      const format = text ? '@' : (row.formats?.[c] ?? (v instanceof Date ? 'dd.mm.yyyy' : null));
      if (format) requests.push({ repeatCell: { range: rowsRange(r, r, c, c), cell: { userEnteredFormat: { numberFormat: numberFormat(format) } }, fields: 'userEnteredFormat.numberFormat' } });
    });
  });
  // Borders around every cell of the table, header to the last table row.
  const table = sheet.rows.flatMap((row, i) => (TABLE_KINDS.has(row.kind) ? [i] : []));
  if (table.length) {
    const range = rowsRange(table[0]!, table[table.length - 1]!);
    requests.push({ updateBorders: { range, top: SOLID, bottom: SOLID, left: SOLID, right: SOLID, innerHorizontal: SOLID, innerVertical: SOLID } });
  }
  for (const m of sheet.merges) requests.push({ mergeCells: { range: gridRange(sheetId, m), mergeType: 'MERGE_ALL' } });
  return requests;
}

/** What the sheet list read before publishing asks for. */
export const PUBLISH_FIELDS = 'spreadsheetId,properties.title,sheets(properties(sheetId,title,index),developerMetadata(metadataKey,metadataValue))';

export interface PublishResult {
  spreadsheetId: string;
  title: string;
  sheets: Array<{ name: string; title: string; sheetId: number; rows: number }>;
  /** Svod's sheets of the previous publication that were replaced. */
  replaced: number;
}

export async function publishRegionalWorkbook(gateway: GoogleGateway, spreadsheetId: string, workbook: RegionalWorkbook): Promise<PublishResult> {
  const google = await gateway.connect();
  const spreadsheets = google.api.spreadsheets;
  const before = await google.call(spreadsheetId, 'write', () => spreadsheets.get({ spreadsheetId, fields: PUBLISH_FIELDS }));
  const existing = existingSheets(before);
  const plan = planStructure(existing, workbook);
  await google.call(spreadsheetId, 'write', () => spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: plan.requests } }));
  for (const data of valueBatches(plan.sheets)) {
    await google.call(spreadsheetId, 'write', () => spreadsheets.values.batchUpdate({ spreadsheetId, requestBody: { valueInputOption: 'RAW', data } }));
  }
  const formatting = plan.sheets.flatMap(({ sheet, sheetId }) => formatRequests(sheet, sheetId));
  await google.call(spreadsheetId, 'write', () => spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: formatting } }));
  return {
    spreadsheetId,
    title: before.properties?.title ?? spreadsheetId,
    sheets: plan.sheets.map(({ sheet, sheetId, title }) => ({ name: sheet.name, title, sheetId, rows: sheet.rows.length })),
    replaced: existing.filter((s) => s.own).length,
  };
}
