import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { GridWorkbook } from '@svod/shared';
import { looksLikeZip, readCsv, readXlsx, type LoadedWorkbook } from '@svod/shared/xlsx';

export class ReadError extends Error {}

export interface LoadedFile {
  grids: GridWorkbook;
  /** Present for xlsx: the workbook to write fixes back into with its formatting. */
  excel?: LoadedWorkbook['excel'];
  kind: 'xlsx' | 'csv';
}

/** Reads an xlsx or csv file by its content; every failure becomes a Russian ReadError. */
export async function loadFile(path: string): Promise<LoadedFile> {
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
    let loaded: LoadedWorkbook;
    try {
      loaded = await readXlsx(bytes);
    } catch {
      throw new ReadError('файл повреждён или это не книга Excel (.xlsx).');
    }
    // A zip without xl/workbook.xml loads as a workbook with no sheets: it is not an Excel book.
    if (loaded.excel.worksheets.length === 0) throw new ReadError('файл повреждён или это не книга Excel (.xlsx): в нём нет ни одного листа.');
    return { ...loaded, kind: 'xlsx' };
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
