/**
 * Every way an upload can be refused: an HTTP status, a stable kebab-case code for the client and the logs, and a
 * Russian sentence for the municipality official (what is wrong and what to do). `detail` is technical and English,
 * for the server log only: it is never shown to the official.
 */
import { groupDigits } from '@svod/shared';

export type UploadErrorStatus = 400 | 413 | 415 | 422;

export type UploadErrorCode =
  // the request as a whole
  | 'empty-file'
  | 'file-too-large'
  | 'unsupported-type'
  | 'xls-or-encrypted'
  // the zip container
  | 'broken-file'
  | 'not-a-workbook'
  | 'zip-bomb'
  | 'zip-too-large'
  | 'zip-too-many-entries'
  // what the workbook holds
  | 'xml-dtd'
  | 'macros'
  | 'external-links'
  // the parser's bounds
  | 'parse-timeout'
  | 'parse-memory'
  // the check's bounds
  | 'check-timeout'
  | 'check-memory'
  // CSV
  | 'csv-binary'
  // sizes of the grids
  | 'too-many-sheets'
  | 'too-many-rows'
  | 'too-many-columns'
  | 'too-many-merged-cells'
  // the add-in's JSON form
  | 'bad-json'
  | 'no-sheets'
  | 'bad-sheet-name'
  | 'cell-too-long'
  | 'bad-cell'
  | 'bad-merge';

export class UploadError extends Error {
  override readonly name = 'UploadError';
  readonly status: UploadErrorStatus;
  readonly code: UploadErrorCode;
  /** Technical detail for the server log (which part, which size); never shown to the official. */
  readonly detail: string | undefined;

  constructor(status: UploadErrorStatus, code: UploadErrorCode, message: string, detail?: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.detail = detail;
  }

  /** What the worker thread posts back (an Error does not survive structured cloning with its fields). */
  toPlain(): { status: UploadErrorStatus; code: UploadErrorCode; message: string; detail?: string } {
    return { status: this.status, code: this.code, message: this.message, ...(this.detail ? { detail: this.detail } : {}) };
  }
}

/** A request body that is not JSON (the error handler words body-parser's refusal the same way). */
export const BAD_JSON_BODY = 'Тело запроса — не корректный JSON.';

export const SAVE_AS_XLSX = 'Откройте таблицу в Excel, сохраните её как «Книга Excel (*.xlsx)» и отправьте ещё раз.';

/** The message the issue asks for, used for every kind of damage. */
export const BROKEN_FILE_MESSAGE =
  'Файл повреждён или это не книга Excel (.xlsx). Сохраните таблицу заново в Excel и отправьте ещё раз.';

export function brokenFile(detail?: string): UploadError {
  return new UploadError(422, 'broken-file', BROKEN_FILE_MESSAGE, detail);
}

// The core's digit grouping, so the server's messages and the JSON form's read alike.
export { groupDigits };

/** Russian plural agreement with grouped digits: countRu(2, ['лист', 'листа', 'листов']) → «2 листа». */
export function countRu(n: number, forms: readonly [string, string, string]): string {
  const abs = Math.abs(n) % 100;
  const last = abs % 10;
  const form = abs > 10 && abs < 20 ? forms[2] : last === 1 ? forms[0] : last >= 2 && last <= 4 ? forms[1] : forms[2];
  return `${groupDigits(n)} ${form}`;
}

/** Bytes as megabytes with a decimal comma: 10485760 → «10 МБ», 11010048 → «10,5 МБ». */
export function megabytes(bytes: number): string {
  const mb = Math.round((bytes / (1024 * 1024)) * 10) / 10;
  return `${String(mb).replace('.', ',')} МБ`;
}
