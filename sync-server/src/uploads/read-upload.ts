import type { GridWorkbook } from '@svod/shared';
import { checkWorkbookCaps } from './caps';
import { readCsvUpload } from './csv';
import { SAVE_AS_XLSX, UploadError, megabytes } from './errors';
import { inspectAndRepackWorkbook } from './inspect-xlsx';
import { resolveLimits, type UploadLimits } from './limits';
import { parseXlsxInWorker } from './parse-xlsx';
import { isOle2, sniffUpload } from './sniff';

export interface ReadUpload {
  kind: 'xlsx' | 'csv';
  workbook: GridWorkbook;
  /**
   * `xlsx` for any workbook zip, an .ods included (the stored kinds are xlsx, csv and json; the bytes say which).
   * The bytes to keep and serve back: for an xlsx the zip rewritten from exactly the entries inspected (the upload
   * itself may hold parts the inspection never saw but Excel would open, see `repack.ts`), for a CSV the upload.
   */
  bytes: Uint8Array;
}

/**
 * An uploaded file → grids, or an UploadError with a Russian message. In order: the size, the content sniffed
 * (never the name), for an xlsx the zip inspection and then the parse of the inspected, repacked zip in a bounded
 * worker, for a CSV the inline reader; then the caps on sheets, rows, columns and merged cells.
 *
 * `filename` decides nothing: it is accepted for the caller's convenience (logging) and ignored here.
 */
export async function readUpload(bytes: Uint8Array, _filename: string | undefined, limits?: Partial<UploadLimits>): Promise<ReadUpload> {
  const lim = resolveLimits(limits);
  const ready = prepareUpload(bytes, lim);
  if (ready.kind === 'csv') return ready;
  // An .ods (LibreOffice's own format) takes the same path: inspected as a zip, read in the pool by its parts.
  const { bytes: inspected } = await inspectAndRepackWorkbook(bytes, lim);
  const workbook = await parseXlsxInWorker(inspected, lim);
  checkWorkbookCaps(workbook, lim, 'xlsx');
  return { kind: 'xlsx', workbook, bytes: inspected };
}

/** An upload up to what is done with a zip: a CSV read (it is read inline), an xlsx only sniffed as one. */
export type PreparedUpload = ReadUpload | { kind: 'xlsx'; workbook?: undefined; bytes: Uint8Array };

/**
 * `readUpload` up to the xlsx inspection, which the caller's worker job does with the parse (a submission is
 * inspected, read and checked in one job, `readAndCheckInWorker`, with the same inspection and caps): the size, the
 * sniff, a CSV's read and caps. Every refusal of these is the same.
 */
export function prepareUpload(bytes: Uint8Array, limits?: Partial<UploadLimits>): PreparedUpload {
  const lim = resolveLimits(limits);
  if (bytes.length === 0) throw new UploadError(400, 'empty-file', 'Файл пустой. Выберите файл с таблицей и отправьте его ещё раз.');
  if (bytes.length > lim.maxBytes) {
    throw new UploadError(
      413,
      'file-too-large',
      `Файл слишком большой: ${megabytes(bytes.length)}, а можно не больше ${megabytes(lim.maxBytes)}. ` +
        'Удалите лишние листы и картинки или отправьте только нужный лист.',
      `${bytes.length} bytes > ${lim.maxBytes}`,
    );
  }
  const kind = sniffUpload(bytes);
  if (kind === null) {
    if (isOle2(bytes)) {
      throw new UploadError(
        415,
        'xls-or-encrypted',
        'Это книга в старом формате Excel 97–2003 (.xls) или книга, защищённая паролем. ' +
          'Откройте её в Excel, снимите пароль, если он есть, сохраните как «Книга Excel (*.xlsx)» и отправьте ещё раз. ' +
          'В LibreOffice: «Файл» → «Сохранить как», тип «Книга Excel 2007–365 (.xlsx)» или «Таблица ODF (.ods)».',
        'OLE2 compound file',
      );
    }
    throw new UploadError(415, 'unsupported-type', `Это не книга Excel (.xlsx) и не таблица CSV. ${SAVE_AS_XLSX}`, 'sniffed neither zip nor text');
  }
  if (kind === 'csv') {
    const workbook = readCsvUpload(bytes, lim);
    checkWorkbookCaps(workbook, lim, 'csv');
    return { kind, workbook, bytes };
  }
  return { kind, bytes };
}
