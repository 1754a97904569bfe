/**
 * Fixes written back: the edits of each sheet as contiguous runs (`contiguousRuns`), one `setValues` each, after one
 * `RangeList.setNumberFormat('@')` over the cells whose text Sheets would not keep as typed (`=cmd` would run as a
 * formula, `+1` and `4.2` become numbers, `12.05.2021` a date: `planEdits`, the same plan as Excel's), and one
 * `setNumberFormat('dd.mm.yyyy')` over the dates, written as their serial numbers (a serial is the wall-clock day,
 * whatever the sheet's time zone). Never a call per cell.
 */
import { TEXT_FORMAT, planEdits } from '../../src/host/edits';
import type { WireEdit } from '../shared/wire';
import { fromWire } from '../shared/wire';
import { sheetNotFound, spreadsheet, type Sheet } from './book';
import { contiguousRuns } from './rects';

export function svodApplyEdits(edits: WireEdit[]): void {
  // The same plan as Excel's: what is written as text, what as a date serial under a date format, what is cleared.
  const planned = planEdits(edits.map((e) => ({ sheet: e.sheet, cell: e.cell, value: fromWire(e.value) })));
  if (planned.length === 0) return;
  const ss = spreadsheet();
  const bySheet = new Map<string, Map<string, (typeof planned)[number]['write']>>();
  for (const { sheet, cell, write } of planned) {
    let cells = bySheet.get(sheet);
    if (!cells) bySheet.set(sheet, (cells = new Map()));
    cells.set(cell, write);
  }
  // Every sheet first: a missing one fails the batch before anything is written.
  const sheets = new Map<string, Sheet>();
  for (const name of bySheet.keys()) {
    const sheet = ss.getSheetByName(name);
    if (!sheet) throw sheetNotFound(name);
    sheets.set(name, sheet);
  }

  for (const [name, cells] of bySheet) {
    const sheet = sheets.get(name)!;
    const formats = new Map<string, string[]>();
    const values = new Map<string, unknown>();
    for (const [a1, write] of cells) {
      let format: string | null = null;
      if (write.kind === 'clear') values.set(a1, '');
      else if (write.kind === 'date') {
        format = write.format;
        values.set(a1, write.serial);
      } else {
        if (write.asText) format = TEXT_FORMAT;
        values.set(a1, write.value);
      }
      if (format) formats.set(format, [...(formats.get(format) ?? []), a1]);
    }
    // Formats before values, in the same execution: Sheets then keeps the text as typed.
    for (const [format, list] of formats) sheet.getRangeList(list).setNumberFormat(format);
    for (const run of contiguousRuns(values)) {
      sheet.getRange(run.top + 1, run.left + 1, run.values.length, run.values[0]!.length).setValues(run.values as unknown[][]);
    }
  }
}
