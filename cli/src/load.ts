import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { GridWorkbook } from '@svod/shared';
import { loadExcelWorkbook, looksLikeZip, readCsv, type ExcelWorkbook } from '@svod/shared/xlsx';
import { excelOfGrids, inspectWorkbookForCli, parseXlsxInWorker, XlsxRefusal, type ParsedXlsx } from './parse-xlsx';

export class ReadError extends Error {}

export interface LoadedFile {
  grids: GridWorkbook;
  /**
   * Present for a workbook when asked (`excel: true`): the workbook to write fixes back into. For an xlsx it is the
   * file itself, with its formatting; for an .ods, an xlsx of its values and merges (the fixed copy is an .xlsx).
   */
  excel?: ExcelWorkbook;
  /** `xlsx` for any workbook (its fixed copy is written as .xlsx), an .ods included: `format` says which it was. */
  kind: 'xlsx' | 'csv';
  format: 'xlsx' | 'ods' | 'csv';
}

/** The first bytes of an OLE2 compound file: an Excel 97–2003 .xls, or an xlsx encrypted with a password. */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const XLS_MESSAGE =
  'старый формат .xls не поддерживается (это книга Excel 97–2003 или книга, защищённая паролем). ' +
  'Сохраните её как .xlsx или .ods: в LibreOffice «Файл → Сохранить как → .xlsx или .ods», в Excel «Файл → Сохранить как → Книга Excel (*.xlsx)» ' +
  '(пароль, если он есть, сначала снимите); или без окон: soffice --headless --convert-to xlsx ФАЙЛ.xls';

/**
 * Reads an xlsx, an .ods or a csv file by its content, whatever its name; every failure becomes a Russian ReadError.
 * A zip is inspected and read in a bounded worker (`parse-xlsx.ts`), an xlsx and an .ods alike (the worker knows
 * which by the parts); `excel: true` (for --fix and --annotate) also gives the ExcelJS workbook to write into, made
 * here only after the worker has shown that it fits the bounds.
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
    // Any name: a workbook saved as .bin, .dat or without an extension is still a workbook. A .docx or a .zip is
    // named as what it is by the inspection.
    let parsed: ParsedXlsx;
    let inspected: Uint8Array;
    try {
      inspected = await inspectWorkbookForCli(bytes);
      parsed = await parseXlsxInWorker(inspected, { excel: options.excel === true });
    } catch (e) {
      throw new ReadError(e instanceof XlsxRefusal ? e.message : 'файл повреждён или это не книга Excel (.xlsx).');
    }
    // A workbook whose parts hold no sheet at all is not a workbook.
    if (parsed.worksheets === 0) {
      throw new ReadError(parsed.format === 'ods' ? 'файл повреждён или это не таблица LibreOffice (.ods): в нём нет ни одного листа.' : 'файл повреждён или это не книга Excel (.xlsx): в нём нет ни одного листа.');
    }
    if (!options.excel) return { grids: parsed.grids, kind: 'xlsx', format: parsed.format };
    let excel: ExcelWorkbook;
    try {
      excel = parsed.format === 'ods' ? excelOfGrids(parsed.grids) : await loadExcelWorkbook(inspected);
    } catch {
      throw new ReadError(parsed.format === 'ods' ? 'не удалось подготовить таблицу .ods к записи исправлений.' : 'файл повреждён или это не книга Excel (.xlsx).');
    }
    return { grids: parsed.grids, excel, kind: 'xlsx', format: parsed.format };
  }
  if (startsWith(bytes, OLE2)) throw new ReadError(XLS_MESSAGE);
  if (ext === '.xlsx' || ext === '.xlsm') throw new ReadError('файл повреждён или это не книга Excel (.xlsx).');
  if (ext === '.ods') throw new ReadError('файл повреждён или это не таблица LibreOffice (.ods).');
  if (ext === '.xls') throw new ReadError(XLS_MESSAGE);
  if (ext === '.csv' || ext === '.txt' || ext === '') {
    if (bytes.includes(0)) throw new ReadError('файл не похож на текстовый CSV.');
    return { grids: readCsv(bytes, 'CSV'), kind: 'csv', format: 'csv' };
  }
  throw new ReadError(`формат «${ext}» не поддерживается: нужен .xlsx или .csv (или таблица LibreOffice .ods).`);
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}
