/**
 * A spreadsheet as `spreadsheets.get` with grid data returns it → the core's grids, the same grids the xlsx reader
 * gives for the same table: a cell's effective value (a formula's result), dates as UTC dates, merges with the value in
 * the top-left cell only, trailing empty cells and rows dropped. Pure.
 */
import type { sheets_v4 } from '@googleapis/sheets';
import type { CellRange, CellValue, Grid, GridWorkbook } from '@svod/shared';
import { HttpError } from '../http/errors';

/** What the pull asks for: only what the grids need (values, number format types, merges), never styles. */
export const GRID_FIELDS =
  'spreadsheetId,properties.title,sheets(properties(sheetId,title,index,sheetType),merges,data(startRow,startColumn,rowData(values(effectiveValue,effectiveFormat.numberFormat.type))))';
/** The sheet list alone, to check the registered sheet names before asking for their data. */
export const SHEET_LIST_FIELDS = 'spreadsheetId,properties.title,sheets(properties(sheetId,title,index,sheetType))';

const MS_PER_DAY = 86_400_000;
/** Sheets counts days from 1899-12-30, as Excel's 1900 system does after February 1900: serial 25569 is 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569;

/** One cell as the grids hold it. A number under a date or time format is that moment at UTC, as ExcelJS reads it. */
export function cellFromSheets(cell: sheets_v4.Schema$CellData | undefined): CellValue {
  const v = cell?.effectiveValue;
  if (!v) return null;
  if (typeof v.numberValue === 'number') {
    if (!Number.isFinite(v.numberValue)) return null;
    const type = cell?.effectiveFormat?.numberFormat?.type;
    if (type === 'DATE' || type === 'DATE_TIME' || type === 'TIME') return new Date(Math.round((v.numberValue - UNIX_EPOCH_SERIAL) * MS_PER_DAY));
    return v.numberValue;
  }
  if (typeof v.stringValue === 'string') return v.stringValue === '' ? null : v.stringValue;
  if (typeof v.boolValue === 'boolean') return v.boolValue;
  return null; // errorValue: the xlsx reader reads error cells as empty too
}

function mergeOf(range: sheets_v4.Schema$GridRange): CellRange | null {
  const top = range.startRowIndex ?? 0;
  const left = range.startColumnIndex ?? 0;
  if (typeof range.endRowIndex !== 'number' || typeof range.endColumnIndex !== 'number') return null;
  const bottom = range.endRowIndex - 1;
  const right = range.endColumnIndex - 1;
  return bottom >= top && right >= left ? { top, left, bottom, right } : null;
}

export function gridFromSheet(sheet: sheets_v4.Schema$Sheet): Grid {
  const rows: CellValue[][] = [];
  for (const block of sheet.data ?? []) {
    const top = block.startRow ?? 0;
    const left = block.startColumn ?? 0;
    (block.rowData ?? []).forEach((rowData, i) => {
      const row = (rows[top + i] ??= []);
      (rowData.values ?? []).forEach((cell, j) => {
        const value = cellFromSheets(cell);
        if (value !== null) row[left + j] = value;
      });
    });
  }
  const merges = (sheet.merges ?? []).flatMap((m) => mergeOf(m) ?? []);
  // Only the top-left cell of a merge holds its value, as in the grids of every other reader.
  for (const m of merges) {
    for (let r = m.top; r <= m.bottom; r++) {
      const row = rows[r];
      if (!row) continue;
      for (let c = m.left; c <= m.right; c++) if ((r !== m.top || c !== m.left) && c < row.length) row[c] = null;
    }
  }
  const dense = Array.from({ length: rows.length }, (_, r) => {
    const row = rows[r] ?? [];
    const out: CellValue[] = Array.from({ length: row.length }, (_, c) => row[c] ?? null);
    while (out.length && out[out.length - 1] === null) out.pop();
    return out;
  });
  while (dense.length && dense[dense.length - 1]!.length === 0) dense.pop();
  return { name: sheet.properties?.title ?? '', rows: dense, merges };
}

/** Grid sheets only: a chart on its own sheet has no cells. */
export function gridSheets(spreadsheet: sheets_v4.Schema$Spreadsheet): sheets_v4.Schema$Sheet[] {
  return (spreadsheet.sheets ?? []).filter((s) => (s.properties?.sheetType ?? 'GRID') === 'GRID');
}

/** The registered sheet names as the spreadsheet spells them, or a Russian refusal naming the missing ones. */
export function resolveSheetNames(spreadsheet: sheets_v4.Schema$Spreadsheet, wanted: readonly string[]): string[] {
  const titles = gridSheets(spreadsheet).map((s) => s.properties?.title ?? '');
  const byKey = new Map(titles.map((t) => [t.toLowerCase(), t]));
  const missing = wanted.filter((w) => !byKey.has(w.toLowerCase()));
  if (missing.length) {
    const list = missing.map((m) => `«${m}»`).join(', ');
    throw new HttpError(
      422,
      'google-sheet-missing',
      `В Google Таблице «${spreadsheet.properties?.title ?? ''}» нет ${missing.length === 1 ? 'листа' : 'листов'} ${list}. ` +
        `Листы в ней: ${titles.map((t) => `«${t}»`).join(', ') || 'нет'}. Исправьте список листов (PUT …/google-sheet) или переименуйте лист в таблице.`,
    );
  }
  return wanted.map((w) => byKey.get(w.toLowerCase())!);
}

/** The sheets as grids, in tab order; an empty result is refused with the reason. */
export function workbookFromSpreadsheet(spreadsheet: sheets_v4.Schema$Spreadsheet): GridWorkbook {
  const sheets = gridSheets(spreadsheet)
    .slice()
    .sort((a, b) => (a.properties?.index ?? 0) - (b.properties?.index ?? 0))
    .map(gridFromSheet);
  if (!sheets.length) throw new HttpError(422, 'google-no-sheets', `В Google Таблице «${spreadsheet.properties?.title ?? ''}» нет листов с ячейками.`);
  return { sheets };
}

/** A range that names a whole sheet: `'Лист 1'` (quotes doubled inside). */
export function sheetRange(title: string): string {
  return `'${title.replace(/'/g, "''")}'`;
}
