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
    try {
      const loaded = await readXlsx(bytes);
      return { ...loaded, kind: 'xlsx' };
    } catch {
      throw new ReadError('файл повреждён или это не книга Excel (.xlsx).');
    }
  }
  if (ext === '.xlsx' || ext === '.xlsm') throw new ReadError('файл повреждён или это не книга Excel (.xlsx).');
  if (ext === '.xls') throw new ReadError('старый формат .xls не поддерживается: сохраните файл как .xlsx.');
  if (ext === '.csv' || ext === '.txt' || ext === '') {
    if (bytes.includes(0)) throw new ReadError('файл не похож на текстовый CSV.');
    return { grids: readCsv(bytes, 'CSV'), kind: 'csv' };
  }
  throw new ReadError(`формат «${ext}» не поддерживается: нужен .xlsx или .csv.`);
}
