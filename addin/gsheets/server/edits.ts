/**
 * Fixes written back: the edits of each sheet as contiguous runs (`contiguousRuns`), one `setValues` each, after one
 * `RangeList.setNumberFormat('@')` over the cells whose text Sheets would not keep as typed (`=cmd` would run as a
 * formula, `+1` and `4.2` become numbers, `12.05.2021` a date: `needsTextFormat`, the same test as Excel's), and one
 * `setNumberFormat('dd.mm.yyyy')` over the dates. Never a call per cell.
 */
import { canonicalCell } from '../../src/host/addresses';
import { needsTextFormat } from '../../src/host/values';
import { type WireCell, type WireEdit } from '../shared/wire';
import { sheetNotFound, spreadsheet, type Sheet } from './book';
import { contiguousRuns } from './rects';

const DATE_FORMAT = 'dd.mm.yyyy';

/** A wire date (UTC wall-clock) as the instant Sheets stores for that wall-clock time in the sheet's time zone. */
export function sheetDate(iso: string, timeZone: string): Date {
  const wall = iso.replace(/Z$/, '').slice(0, 19);
  return Utilities.parseDate(wall, timeZone, "yyyy-MM-dd'T'HH:mm:ss");
}

export function svodApplyEdits(edits: WireEdit[]): void {
  if (edits.length === 0) return;
  const ss = spreadsheet();
  // Every sheet first: a missing one fails the batch before anything is written.
  const bySheet = new Map<string, Map<string, WireCell>>();
  for (const edit of edits) {
    const cell = canonicalCell(edit.cell);
    if (!cell) continue;
    let cells = bySheet.get(edit.sheet);
    if (!cells) bySheet.set(edit.sheet, (cells = new Map()));
    cells.set(cell, edit.value);
  }
  const sheets = new Map<string, Sheet>();
  for (const name of bySheet.keys()) {
    const sheet = ss.getSheetByName(name);
    if (!sheet) throw sheetNotFound(name);
    sheets.set(name, sheet);
  }
  const timeZone = [...bySheet.values()].some((cells) => [...cells.values()].some((v) => v !== null && typeof v === 'object')) ? ss.getSpreadsheetTimeZone() : '';

  for (const [name, cells] of bySheet) {
    const sheet = sheets.get(name)!;
    const text: string[] = [];
    const dates: string[] = [];
    const values = new Map<string, unknown>();
    for (const [a1, value] of cells) {
      if (value === null) values.set(a1, '');
      else if (typeof value === 'object') {
        dates.push(a1);
        values.set(a1, sheetDate(value.$date, timeZone));
      } else {
        if (typeof value === 'string' && needsTextFormat(value)) text.push(a1);
        values.set(a1, value);
      }
    }
    if (text.length > 0) sheet.getRangeList(text).setNumberFormat('@');
    if (dates.length > 0) sheet.getRangeList(dates).setNumberFormat(DATE_FORMAT);
    for (const run of contiguousRuns(values)) {
      sheet.getRange(run.top + 1, run.left + 1, run.values.length, run.values[0]!.length).setValues(run.values as unknown[][]);
    }
  }
}

