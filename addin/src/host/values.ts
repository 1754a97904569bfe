/**
 * Cell values between a spreadsheet host and Svod's grids, without touching one: what Excel's `Range.values` returns
 * becomes a `CellValue`, and what a fix writes is checked so that the host keeps it as text. Pure, tested alone.
 */
import type { CellValue } from '@svod/shared';

const MS_PER_DAY = 86_400_000;
/** Serial 25569 is 1970-01-01 in the 1900 date system, as ExcelJS (and so `readXlsx`) counts it. */
const UNIX_EPOCH_SERIAL = 25_569;

const dateFormats = new Map<string, boolean>();

/**
 * True when a number format shows a date or a time: `dd.mm.yyyy`, `m/d/yyyy`, `[$-F800]dddd, mmmm dd, yyyy`,
 * `h:mm`. Quoted text, escaped characters, padding (`_x`, `*x`) and bracketed parts (`[Red]`, `[$-419]`) are not
 * looked at, so `0 "дн."` or `#,##0 _₽` stay numbers. The same test as ExcelJS's, so grids match `readXlsx`.
 */
export function isDateFormat(format: string | null | undefined): boolean {
  if (!format) return false;
  const known = dateFormats.get(format);
  if (known !== undefined) return known;
  let result: boolean;
  if (/\[\$-F[48]00\]/i.test(format)) result = true; // the system long date and time formats
  else {
    const bare = format
      .replace(/"[^"]*"/g, '')
      .replace(/\\./g, '')
      .replace(/[_*]./g, '')
      .replace(/\[[^\]]*\]/g, '');
    const lower = bare.toLowerCase();
    result = lower !== 'general' && /[ymdhsb]/i.test(bare);
  }
  dateFormats.set(format, result);
  return result;
}

/** An Excel serial date (1900 system) as a UTC `Date`, the way ExcelJS converts it. */
export function serialToDate(serial: number): Date {
  return new Date(Math.round((serial - UNIX_EPOCH_SERIAL) * MS_PER_DAY));
}

/** A `Date` (its UTC day and time) as an Excel serial number. */
export function dateToSerial(date: Date): number {
  return date.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL;
}

/** What Excel shows for a formula error; `readXlsx` reads those cells as empty. */
const ERROR_VALUE = /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|EXTERNAL!|PYTHON!|TIMEOUT!)$/;

/**
 * One value of `Range.values` as a grid cell: `''` (an empty cell, or the hidden part of a merge) and formula errors
 * are `null`; a number under a date or time format is a UTC `Date`; formulas arrive as their results already.
 */
export function cellFromExcel(value: unknown, numberFormat: string | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' || ERROR_VALUE.test(value) ? null : value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    return isDateFormat(numberFormat) ? serialToDate(value) : value;
  }
  if (typeof value === 'boolean') return value;
  return null;
}

const MONTH = '(?:янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-zа-яё]*\\.?';
const LOOKS_LIKE_DATE_WITH_MONTH = new RegExp(`^(?:\\d{1,2}[\\s./-]*)?${MONTH}(?:[\\s./-]*\\d{2,4})?$`, 'i');

/**
 * True when Excel, given this text as a cell value, would not keep it as the same text: it would run it as a formula
 * (`=`, `+`, `-`, `@`: the OWASP CSV-injection set, and a leading tab or line break as in `isFormulaLike`), drop a
 * leading apostrophe, or turn it into a number, percentage, date, time, boolean or error (`4.2` becomes 4 February in
 * Russian Excel; `март 2021` a date). Such text is written under the text number format `@`.
 */
export function needsTextFormat(text: string): boolean {
  if (text === '') return false;
  if (/^[=+\-@'\t\r\n]/.test(text)) return true;
  const t = text.trim();
  if (t === '') return false;
  if (/^[-+=@']/.test(t)) return true;
  if (t.startsWith('#')) return true;
  if (/^(?:true|false|истина|ложь)$/i.test(t)) return true;
  // Digits with separators, signs, brackets, percent, currency: numbers, dates, times, fractions.
  if (/\d/.test(t) && /^[\d\s\u00a0.,:/\\()%$€₽+-]*(?:р\.?|руб\.?|г\.?)?$/i.test(t)) return true;
  if (/^\d+(?:[.,]\d+)?e[-+]?\d+$/i.test(t)) return true;
  return LOOKS_LIKE_DATE_WITH_MONTH.test(t);
}
