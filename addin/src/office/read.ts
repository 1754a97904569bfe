/**
 * `readSheets` over Office.js: the active sheet, or every sheet, as grids anchored at A1 (values, formulas as their
 * results, merged areas).
 *
 * Syncs: ONE reads, for every sheet at once, the size of the used range (anchored at A1 by `getBoundingRect`, so grid
 * addresses are the sheet's), its values and number formats (a top-left window of at most `firstWindowCells` cells,
 * which is the whole of any ordinary sheet) and its merged areas. Bigger sheets continue in row chunks, one sync per
 * chunk, each under Excel on the web's limits (5 M cells per read, 5 MB per response): at most `cellsPerRequest`
 * cells and about `textBytesPerRequest` bytes (the windows are planned in `host/read-window.ts`). «All sheets» needs
 * the list of sheets first: the reader remembers it from its last «all» read and checks it in the same sync, so only
 * the first such read of a session (or one after sheets were added, removed or renamed) costs one more sync. A host
 * that still refuses a response as too large gets the same read again in smaller requests (a quarter, up to 3 times).
 */
import { columnLetters, type Grid } from '@svod/shared';
import { areasFromAddress } from '../host/addresses';
import type { SheetsRead } from '../host/port';
import { GridAssembler, bytesPerCell, chunkPlan, firstWindow, smallerLimits, type ReadLimits } from '../host/read-window';
import { cellFromExcel } from '../host/values';
import { isNotFound, isTooLarge, supports } from './environment';

export type { ReadLimits } from '../host/read-window';

/** Well under Excel on the web's limits (5 M cells per read, 5 MB per response). */
export const DEFAULT_LIMITS: ReadLimits = {
  cellsPerRequest: 1_000_000,
  textBytesPerRequest: 2_000_000,
  firstWindowCells: 250_000,
  firstWindowColumns: 32,
};

interface SheetInfo {
  id: string;
  name: string;
  visibility: string;
}

interface HeadRead {
  ws: Excel.Worksheet;
  bounds: Excel.Range;
  head: Excel.Range;
  merged: Excel.RangeAreas | null;
}

export class SheetReader {
  /** The workbook's sheets as of the last «all» read, in tab order: lets «all sheets» read in one sync. */
  private sheetList: SheetInfo[] | null = null;

  constructor(private readonly limits: ReadLimits) {}

  async read(scope: 'active' | 'all'): Promise<SheetsRead> {
    let limits = this.limits;
    for (let attempt = 0; ; attempt++) {
      try {
        const read = await this.readOnce(scope, limits);
        if (read) return read;
        // The list of sheets changed since the last read: read again with the fresh list.
        if (attempt >= 3) throw new Error('Листы книги менялись во время чтения. Повторите проверку.');
      } catch (e) {
        if (!isTooLarge(e) || attempt >= 3) throw e;
        limits = smallerLimits(limits);
      }
    }
  }

  /** One attempt; null when the remembered list of sheets turned out stale. */
  private readOnce(scope: 'active' | 'all', limits: ReadLimits): Promise<SheetsRead | null> {
    return Excel.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      const active = worksheets.getActiveWorksheet();
      active.load('id,name');
      const known = scope === 'all' ? this.sheetList : null;
      let targets: Excel.Worksheet[];
      if (scope === 'active') targets = [active];
      else {
        // The list of sheets comes with the read; the sheets are the ones the reader knew, checked against it after.
        worksheets.load('items/id,items/name,items/visibility');
        if (known) targets = known.filter((s) => s.visibility !== 'VeryHidden').map((s) => worksheets.getItem(s.id));
        else {
          await context.sync();
          this.sheetList = sheetInfos(worksheets);
          targets = worksheets.items.filter((ws) => ws.visibility !== 'VeryHidden');
        }
      }
      const merges = supports('1.13');
      const heads = targets.map((ws) => queueHead(ws, limits, targets.length, merges));
      try {
        await context.sync();
      } catch (e) {
        if (known && isNotFound(e)) {
          this.sheetList = null;
          return null;
        }
        throw e;
      }
      if (scope === 'all') {
        const fresh = sheetInfos(worksheets);
        this.sheetList = fresh;
        if (known && !sameSheets(known, fresh)) return null;
      }

      const sheets: Grid[] = [];
      for (const h of heads) sheets.push(await readRest(context, h, limits));
      return { sheets, active: active.name };
    });
  }
}

function sheetInfos(worksheets: Excel.WorksheetCollection): SheetInfo[] {
  return worksheets.items.map((ws) => ({ id: ws.id, name: ws.name, visibility: ws.visibility }));
}

function sameSheets(a: readonly SheetInfo[], b: readonly SheetInfo[]): boolean {
  return a.length === b.length && a.every((s, i) => s.id === b[i]!.id && s.name === b[i]!.name && s.visibility === b[i]!.visibility);
}

/** Queues the first read of a sheet: its size, the top-left window of values and formats, its merged areas. */
function queueHead(ws: Excel.Worksheet, limits: ReadLimits, sheetCount: number, merges: boolean): HeadRead {
  const { rows, cols } = firstWindow(limits, sheetCount);
  ws.load('id,name');
  // Anchored at A1, so row r and column c of the grid are the sheet's; an empty sheet's used range is A1.
  const bounds = ws.getUsedRange(true).getBoundingRect('A1');
  bounds.load('rowCount,columnCount');
  const head = bounds.getIntersection(`A1:${columnLetters(cols - 1)}${rows}`);
  head.load('values,numberFormat,rowCount,columnCount');
  let merged: Excel.RangeAreas | null = null;
  if (merges) {
    // The used range with formats holds every merged area whole (values alone may stop short of a merge's end).
    merged = ws.getUsedRange(false).getMergedAreasOrNullObject();
    merged.load('address');
  }
  return { ws, bounds, head, merged };
}

/** Reads what the first window did not cover, in row chunks (one sync each), and builds the grid. */
async function readRest(context: Excel.RequestContext, h: HeadRead, limits: ReadLimits): Promise<Grid> {
  const grid = new GridAssembler(cellFromExcel);
  const headValues = h.head.values;
  const headFormats = h.head.numberFormat;
  grid.place(headValues, headFormats, 0, 0);
  const head = { rows: h.head.rowCount, cols: h.head.columnCount };
  const size = { rows: h.bounds.rowCount, cols: h.bounds.columnCount };
  const chunks = chunkPlan(size, head, limits, bytesPerCell(headValues, headFormats, head.rows, head.cols));
  if (chunks.length > 0) {
    const ws = context.workbook.worksheets.getItem(h.ws.id);
    for (const w of chunks) {
      const chunk = ws.getRangeByIndexes(w.top, w.left, w.rows, w.cols);
      chunk.load('values,numberFormat');
      await context.sync();
      grid.place(chunk.values, chunk.numberFormat, w.top, w.left);
    }
  }
  const merges = h.merged && !h.merged.isNullObject ? areasFromAddress(h.merged.address) : [];
  return { name: h.ws.name, rows: grid.rows(), merges };
}
