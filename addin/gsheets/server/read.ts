/**
 * «Проверить»: the sheets as grids anchored at A1 (`getDataRange` always starts at A1, so grid addresses are the
 * sheet's). Per sheet four calls whatever its size: its name, `getDataRange`, its `getValues` and `getMergedRanges`
 * (plus one `getA1Notation` per merged area). No display values are needed: Svod's grids hold no number formats (a
 * percent is its number, as `readXlsx` has it), and dates come from `getValues` as `Date`s.
 */
import { cellFromExcel } from '../../src/host/values';
import { isDate, type WireCell, type WireGrid, type WireRead } from '../shared/wire';
import { fingerprintOf, spreadsheet } from './book';

/** A `Date` of `getValues` is an instant; the grid wants the wall-clock time the sheet shows, as UTC (like ExcelJS). */
export function wallClock(date: Date, timeZone: string): WireCell {
  if (Number.isNaN(date.getTime())) return null;
  return { $date: `${Utilities.formatDate(date, timeZone, "yyyy-MM-dd'T'HH:mm:ss.SSS")}Z` };
}

/** `getValues` rows as a ragged grid: no trailing empty cells or rows (as `readXlsx` and the Excel port make them). */
export function gridRows(values: unknown[][], timeZone: string): WireCell[][] {
  const rows: WireCell[][] = values.map((source) => {
    const row: WireCell[] = source.map((v) => (isDate(v) ? wallClock(v, timeZone) : (cellFromExcel(v, undefined) as WireCell)));
    while (row.length > 0 && row[row.length - 1] === null) row.pop();
    return row;
  });
  while (rows.length > 0 && rows[rows.length - 1]!.length === 0) rows.pop();
  return rows;
}

/** Merged areas are those meeting the data range: one holding no value past the last row or column reads as none. */
function readSheet(range: GoogleAppsScript.Spreadsheet.Range, name: string, timeZone: string, values: unknown[][]): WireGrid {
  const merges = range.getMergedRanges().map((r) => r.getA1Notation());
  return { name, rows: gridRows(values, timeZone), merges };
}

export function svodRead(scope: 'active' | 'all'): WireRead {
  const ss = spreadsheet();
  const timeZone = ss.getSpreadsheetTimeZone();
  const active = ss.getActiveSheet();
  const activeName = active.getName();
  const targets = scope === 'all' ? ss.getSheets() : [active];
  let fingerprint = '';
  const sheets = targets.map((sheet) => {
    const name = scope === 'all' ? sheet.getName() : activeName;
    const range = sheet.getDataRange();
    const values = range.getValues();
    if (name === activeName) fingerprint = fingerprintOf(name, values);
    return readSheet(range, name, timeZone, values);
  });
  return { sheets, active: activeName, fingerprint };
}

/** Автопроверка's poll: one cheap call that says whether the active sheet changed (see the sidebar's port). */
export function svodFingerprint(): string {
  const active = spreadsheet().getActiveSheet();
  return fingerprintOf(active.getName(), active.getDataRange().getValues());
}

export function svodSelect(sheetName: string, cell: string): void {
  const sheet = spreadsheet().getSheetByName(sheetName);
  if (!sheet) throw new Error(`Лист «${sheetName}» не найден: его переименовали или удалили. Проверьте лист ещё раз.`);
  // Activating the range switches to its sheet and scrolls it into view.
  sheet.getRange(cell).activate();
}
