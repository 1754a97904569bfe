/**
 * The Node-only entry `@svod/shared/xlsx`: xlsx bytes → grids with the fast reader (`reader.ts`: fflate and a small
 * XML scanner, the same grids as ExcelJS gives), and the ExcelJS workbook, loaded only when it is asked for, to write
 * fixes back into the original so its formatting survives (`exceljs.ts`). The add-in bundle never imports this file.
 */
import type { GridWorkbook } from '../grid/grid';
import { gridFromCsv } from '../csv';
import { loadExcelWorkbook, type ExcelWorkbook } from './exceljs';
import { readXlsxFast, type FastReadOptions } from './reader';

export {
  applyEditsToExcel,
  gridFromWorksheet,
  gridsFromExcel,
  loadExcelWorkbook,
  plainValue,
  readXlsxWithExcelJS,
  writeXlsx,
  type ExcelWorkbook,
} from './exceljs';
export {
  annotateExcel,
  annotateGrids,
  findingsOfReport,
  LIST_SHEET,
  SEVERITY_FILLS,
  type AnnotationFindings,
  type AnnotationOptions,
  type AnnotationResult,
  type AnnotationRules,
} from './annotate';
export { XlsxOversizeError, XlsxReadError, MAX_GRID_CELLS, MAX_MERGED_AREA, type FastReadOptions, type GridCaps, type GridOversize } from './reader';
export { ZipError, ZIP_LIMITS, type ZipLimits } from './zip';
export { XmlDtdError, XmlError } from './xml';
export { isOdsZip, readOds, type OdsBytesOptions } from './ods';
export { OdsOversizeError, OdsReadError, ODS_MIMETYPE, type OdsOversize, type OdsProblem, type OdsWorkbook } from '../ods';

export interface LoadedWorkbook {
  grids: GridWorkbook;
  /** Every worksheet of the book, the very hidden ones (left out of `grids`) included. */
  sheetCount: number;
  /** The ExcelJS workbook of the same bytes, loaded on the first call (for `--fix`): the bytes must stay unchanged. */
  excel(): Promise<ExcelWorkbook>;
}

/**
 * Reads the grids. Throws on a file it cannot read: XlsxReadError, ZipError, XmlError (XmlDtdError for a DTD),
 * XlsxOversizeError (over `options.caps` or the reader's own bounds, before any grid is built).
 */
export async function readXlsx(data: ArrayBuffer | Uint8Array, options?: FastReadOptions): Promise<LoadedWorkbook> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const { grids, sheetCount } = readXlsxFast(bytes, options);
  let excel: Promise<ExcelWorkbook> | undefined;
  return { grids, sheetCount, excel: () => (excel ??= loadExcelWorkbook(bytes)) };
}

/** Text that a spreadsheet would run as a formula (OWASP CSV injection): never written as a formula. */
export function isFormulaLike(text: string): boolean {
  return /^[=+\-@\t\r\n]/.test(text);
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
