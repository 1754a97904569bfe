/**
 * ExcelJS adapter (Node-only entry `@svod/shared/xlsx`): xlsx bytes ⇄ grids, and writing fixes back into the original
 * workbook so its formatting survives. The add-in bundle never imports this file.
 */
import ExcelJS from 'exceljs';
import type { CellRange } from '../grid/address';
import { parseA1 } from '../grid/address';
import type { CellValue, Grid, GridWorkbook } from '../grid/grid';
import type { CellEdit } from '../engine/diagnostic';
import { gridFromCsv } from '../csv';

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

export interface LoadedWorkbook {
  grids: GridWorkbook;
  excel: ExcelJS.Workbook;
}

export async function readXlsx(data: ArrayBuffer | Uint8Array): Promise<LoadedWorkbook> {
  const excel = new ExcelJS.Workbook();
  // ExcelJS wants a Node Buffer; a Uint8Array view over the same memory avoids a copy.
  const buffer = data instanceof Uint8Array ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);
  await excel.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const sheets = excel.worksheets.filter((ws) => ws.state !== 'veryHidden').map(gridFromWorksheet);
  return { grids: { sheets }, excel };
}

/** Text that a spreadsheet would run as a formula (OWASP CSV injection): never written as a formula. */
export function isFormulaLike(text: string): boolean {
  return /^[=+\-@\t\r\n]/.test(text);
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

/** Decodes CSV bytes: UTF-8 when valid (with or without BOM), else Windows-1251 as Russian Excel saves it. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

export function readCsv(bytes: Uint8Array, name = 'CSV'): GridWorkbook {
  return { sheets: [gridFromCsv(decodeCsv(bytes), name)] };
}

/** Sniffs the content, not the name: an xlsx is a zip (PK\x03\x04). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}
