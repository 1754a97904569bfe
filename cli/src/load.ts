import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { GridWorkbook } from '@svod/shared';
import { loadExcelWorkbook, looksLikeZip, readCsv, type ExcelWorkbook } from '@svod/shared/xlsx';
import { inspectXlsxForCli, parseXlsxInWorker, XlsxRefusal, type ParsedXlsx } from './parse-xlsx';

export class ReadError extends Error {}

export interface LoadedFile {
  grids: GridWorkbook;
  /** Present for xlsx: the workbook to write fixes back into with its formatting. */
  excel?: ExcelWorkbook;
  kind: 'xlsx' | 'csv';
}

/**
 * Reads an xlsx or csv file by its content; every failure becomes a Russian ReadError. An xlsx is inspected and read
 * in a bounded worker (`parse-xlsx.ts`); `excel: true` (for --fix) also loads it here with ExcelJS, as the workbook to
 * write the fixes into, only after the worker has shown that it reads within the bounds.
 */
export async function loadFile(path: string, options: { excel?: boolean } = {}): Promise<LoadedFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ReadError('файл не найден.');
    if (code === 'EISDIR') throw new ReadError('это папка, а не файл.');
    if (code === 'EACCES') throw new ReadError('нет прав на чтение файла.');
    throw new ReadError('файл не открывается.');
  }
  const ext = extname(path).toLowerCase();
  if (looksLikeZip(bytes)) {
    // .docx, .ods, .zip are zips too: only a name that may hide a workbook is opened as one.
    if (!ZIP_NAMES.has(ext)) throw new ReadError(unsupported(ext));
    let parsed: ParsedXlsx;
    let inspected: Uint8Array;
    try {
      inspected = await inspectXlsxForCli(bytes);
      parsed = await parseXlsxInWorker(inspected, { excel: options.excel === true });
    } catch (e) {
      throw new ReadError(e instanceof XlsxRefusal ? e.message : 'файл повреждён или это не книга Excel (.xlsx).');
    }
    // A workbook whose parts hold no sheet at all is not an Excel book.
    if (parsed.worksheets === 0) throw new ReadError('файл повреждён или это не книга Excel (.xlsx): в нём нет ни одного листа.');
    if (!options.excel) return { grids: parsed.grids, kind: 'xlsx' };
    let excel: ExcelWorkbook;
    try {
      excel = await loadExcelWorkbook(inspected);
    } catch {
      throw new ReadError('файл повреждён или это не книга Excel (.xlsx).');
    }
    return { grids: parsed.grids, excel, kind: 'xlsx' };
  }
  if (ext === '.xlsx' || ext === '.xlsm') throw new ReadError('файл повреждён или это не книга Excel (.xlsx).');
  if (ext === '.xls') throw new ReadError('старый формат .xls не поддерживается: сохраните файл как .xlsx.');
  if (ext === '.csv' || ext === '.txt' || ext === '') {
    if (bytes.includes(0)) throw new ReadError('файл не похож на текстовый CSV.');
    return { grids: readCsv(bytes, 'CSV'), kind: 'csv' };
  }
  throw new ReadError(unsupported(ext));
}

/** Names under which an xlsx is read by its content (a workbook saved as .csv or .xls by mistake included). */
const ZIP_NAMES = new Set(['.xlsx', '.xlsm', '.csv', '.txt', '.xls', '']);

function unsupported(ext: string): string {
  return `формат «${ext}» не поддерживается: нужен .xlsx или .csv.`;
}
