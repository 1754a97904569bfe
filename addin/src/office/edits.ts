/**
 * Writing cells and moving the selection over Office.js. `applyEdits`: one sync for the whole batch; what each cell
 * gets is planned in `host/edits.ts`, so text Excel would not keep as typed (`=cmd`, `+1`, `4.2`, `12.05.2021`) gets
 * the text number format `@` first, in the same batch, and never runs as a formula. `selectCell`: one sync.
 */
import type { CellEdit } from '@svod/shared';
import { canonicalCell } from '../host/addresses';
import { TEXT_FORMAT, planEdits, type CellWrite } from '../host/edits';
import type { OwnWrites } from './writes';

export async function applyEdits(writes: OwnWrites, edits: readonly CellEdit[]): Promise<void> {
  if (edits.length === 0) return;
  await Excel.run(async (context) => {
    const sheets = new Map<string, Excel.Worksheet>();
    for (const { sheet, cell, write } of planEdits(edits)) {
      let ws = sheets.get(sheet);
      if (!ws) sheets.set(sheet, (ws = context.workbook.worksheets.getItem(sheet)));
      writeCell(ws.getRange(cell), write);
    }
    await writes.sync(context);
  });
}

/** Activates the sheet, selects the cell and so scrolls it into view. */
export async function selectCell(writes: OwnWrites, sheet: string, cell: string): Promise<void> {
  await Excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(canonicalCell(cell) ?? cell).select();
    await writes.sync(context);
  });
}

/** `clear` clears the value only (formats, notes stay); a date is its serial under its format. */
function writeCell(range: Excel.Range, write: CellWrite): void {
  switch (write.kind) {
    case 'clear':
      range.clear('Contents');
      return;
    case 'date':
      range.numberFormat = [[write.format]];
      range.values = [[write.serial]];
      return;
    case 'value':
      if (write.asText) range.numberFormat = [[TEXT_FORMAT]];
      range.values = [[write.value]];
  }
}
