/**
 * xlsx workbooks into the fake Excel (`excel.ts`) through ExcelJS: values and merges as `readXlsx` reads them, plus
 * number formats, solid fills, notes and visibility. No Node APIs: base64 is decoded with `atob`, so this can serve
 * `insertWorksheetsFromBase64` in a browser too.
 */
import ExcelJS from 'exceljs';
import { gridFromWorksheet } from '@svod/shared/xlsx';
import { a1, type FakeFill, type FakeSheetInit, type FakeVisibility } from './excel';

function argbToHex(argb: string | undefined): string | null {
  if (!argb || !/^[0-9a-f]{8}$/i.test(argb)) return null;
  return `#${argb.slice(2).toUpperCase()}`;
}

function noteText(note: ExcelJS.Comment | string | undefined): string | null {
  if (note === undefined) return null;
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text).join('');
}

/** One ExcelJS worksheet as the fake's sheet init. */
export function sheetInitFromWorksheet(ws: ExcelJS.Worksheet): FakeSheetInit {
  const grid = gridFromWorksheet(ws);
  const numberFormats: Record<string, string> = {};
  const fills: Record<string, FakeFill> = {};
  const notes: Record<string, string> = {};
  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
      const address = a1(rowNumber - 1, colNumber - 1);
      if (cell.numFmt && cell.numFmt !== 'General') numberFormats[address] = cell.numFmt;
      const fill = cell.fill;
      if (fill && fill.type === 'pattern' && fill.pattern !== 'none') {
        const color = argbToHex(fill.fgColor?.argb) ?? '#FFFFFF';
        fills[address] = { color, pattern: fill.pattern === 'solid' ? 'Solid' : fill.pattern, patternColor: argbToHex(fill.bgColor?.argb) ?? '#000000' };
      }
      const note = noteText(cell.note as ExcelJS.Comment | string | undefined);
      if (note !== null) notes[address] = note;
    });
  });
  const state = ws.state as string;
  const visibility: FakeVisibility = state === 'veryHidden' ? 'VeryHidden' : state === 'hidden' ? 'Hidden' : 'Visible';
  return { name: ws.name, rows: grid.rows, merges: grid.merges ?? [], numberFormats, fills, notes, visibility };
}

export async function sheetInitsFromXlsx(bytes: Uint8Array | ArrayBuffer): Promise<FakeSheetInit[]> {
  const excel = new ExcelJS.Workbook();
  await excel.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return excel.worksheets.map(sheetInitFromWorksheet);
}

export function bytesFromBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function base64FromBytes(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The decoder `FakeWorkbookOptions.decodeXlsx` wants: what `insertWorksheetsFromBase64` would insert. */
export function decodeXlsxBase64(base64: string): Promise<FakeSheetInit[]> {
  return sheetInitsFromXlsx(bytesFromBase64(base64));
}
