/**
 * The ExcelJS side of `@svod/shared/xlsx`: the workbook model that fixes are written back into (so formatting
 * survives), and the grids ExcelJS makes of it — the reference the fast reader (`reader.ts`) is compared with in
 * `shared/test/xlsx/`. ExcelJS itself is required only when a workbook is loaded: reading grids never loads it.
 */
import type ExcelJS from 'exceljs';
import type { CellRange } from '../grid/address';
import { parseA1 } from '../grid/address';
import type { CellValue, Grid, GridWorkbook } from '../grid/grid';
import type { CellEdit } from '../engine/diagnostic';

export type ExcelWorkbook = ExcelJS.Workbook;

type ExcelValue = ExcelJS.CellValue;

/** What a cell shows: a formula's last result, rich text's plain text, a hyperlink's text; errors are empty. */
export function plainValue(value: ExcelValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      return result === undefined ? null : plainValue(result as ExcelValue);
    }
    if ('hyperlink' in value && 'text' in value) return plainValue((value as { text: ExcelValue }).text);
    if ('error' in value) return null;
  }
  return null;
}

interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Merged ranges without building the whole worksheet model (which is slow on big sheets). */
function mergesOf(ws: ExcelJS.Worksheet): MergeRange[] {
  const internal = (ws as unknown as { _merges?: Record<string, MergeRange> })._merges;
  if (internal) return Object.values(internal).map((m) => ({ top: m.top, left: m.left, bottom: m.bottom, right: m.right }));
  return (ws.model.merges ?? []).map((a) => {
    const [tl, br] = a.split(':');
    const s = parseA1(tl!)!;
    const e = parseA1(br ?? tl!)!;
    return { top: s.row + 1, left: s.col + 1, bottom: e.row + 1, right: e.col + 1 };
  });
}

export function gridFromWorksheet(ws: ExcelJS.Worksheet): Grid {
  const rows: CellValue[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelValue[];
    const out: CellValue[] = [];
    for (let c = 1; c < values.length; c++) out.push(plainValue(values[c]));
    while (out.length && out[out.length - 1] === null) out.pop();
    rows[rowNumber - 1] = out;
  });
  for (let r = 0; r < rows.length; r++) if (!rows[r]) rows[r] = [];
  const merges: CellRange[] = [];
  for (const m of mergesOf(ws)) {
    const range = { top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 };
    merges.push(range);
    // ExcelJS reports the master's value in every merged cell; in a grid only the master holds it.
    for (let r = range.top; r <= range.bottom; r++) {
      const row = rows[r];
      if (!row) continue;
      for (let c = range.left; c <= range.right; c++) if ((r !== range.top || c !== range.left) && c < row.length) row[c] = null;
    }
  }
  return { name: ws.name, rows, merges };
}

/** The ExcelJS module, loaded on first use (about 150 ms and 30 MB that a grid read does not need). */
function excelJs(): typeof ExcelJS {
  return require('exceljs') as typeof ExcelJS;
}

/** The whole ExcelJS workbook of the bytes: what `--fix` and `applyEditsToExcel` write into. */
export async function loadExcelWorkbook(data: ArrayBuffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const excel = new (excelJs().Workbook)();
  // ExcelJS wants a Node Buffer; a Uint8Array view over the same memory avoids a copy.
  const buffer = data instanceof Uint8Array ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);
  await excel.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return excel;
}

/** The grids as ExcelJS gives them (the reader before the fast one): the reference in tests and the bench. */
export function gridsFromExcel(excel: ExcelJS.Workbook): GridWorkbook {
  return { sheets: excel.worksheets.filter((ws) => ws.state !== 'veryHidden').map(gridFromWorksheet) };
}

export async function readXlsxWithExcelJS(data: ArrayBuffer | Uint8Array): Promise<{ grids: GridWorkbook; excel: ExcelJS.Workbook }> {
  const excel = await loadExcelWorkbook(data);
  return { grids: gridsFromExcel(excel), excel };
}

/** Writes edits into the loaded workbook, cell values only: styles, widths and merges stay as they were. */
export function applyEditsToExcel(excel: ExcelJS.Workbook, edits: readonly CellEdit[]): void {
  for (const e of edits) {
    const ws = excel.getWorksheet(e.sheet);
    if (!ws) continue;
    const cell = ws.getCell(e.cell);
    // A plain string value is always stored as a shared/inline string by ExcelJS, never as a formula.
    cell.value = e.value === null ? null : e.value;
  }
}

export async function writeXlsx(excel: ExcelJS.Workbook): Promise<Uint8Array> {
  const buffer = await excel.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
