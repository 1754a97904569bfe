/**
 * CSV uploads: text only (no NUL bytes), UTF-8 or Windows-1251 (the core's `decodeCsv`) or UTF-16 with a byte order
 * mark (Excel's «Текст Юникод»), parsed by the core's `gridFromCsv`. The shape is measured on the text first, without
 * building anything, so a file of ten million line breaks is refused before ten million rows are allocated.
 * Every field stays text: `=1+1`, `+7…`, `-5`, `@x` are strings here and nothing is ever evaluated.
 */
import type { GridWorkbook } from '@svod/shared';
import { gridFromCsv, sniffDelimiter } from '@svod/shared/csv';
import { decodeCsv } from '@svod/shared/xlsx';
import { oversizeError } from './caps';
import { UploadError } from './errors';
import { resolveLimits, type UploadLimits } from './limits';
import { utf16Bom } from './sniff';

export function readCsvUpload(bytes: Uint8Array, limits?: Partial<UploadLimits>): GridWorkbook {
  const lim = resolveLimits(limits);
  const bom = utf16Bom(bytes);
  let text: string;
  if (bom) text = new TextDecoder(bom === 'le' ? 'utf-16le' : 'utf-16be').decode(bytes);
  else {
    if (bytes.includes(0)) throw csvBinary();
    text = decodeCsv(bytes);
  }
  if (text.includes('\u0000')) throw csvBinary();
  const shape = measureCsv(text, sniffDelimiter(text), lim.maxColumns);
  if (shape.rows > lim.maxRows) throw oversizeError({ kind: 'rows', sheet: 'CSV', count: shape.rows }, lim, 'csv');
  if (shape.wide) throw oversizeError({ kind: 'columns', sheet: 'CSV', ...shape.wide }, lim, 'csv');
  const grid = gridFromCsv(text, 'CSV');
  // Empty fields at the end of a line (`a;b;;;;`, Excel's used range) are empty cells: a ragged row says the same.
  for (const row of grid.rows) while (row.length && row[row.length - 1] === null) row.pop();
  return { sheets: [grid] };
}

function csvBinary(): UploadError {
  return new UploadError(
    415,
    'csv-binary',
    'Файл не похож на текстовую таблицу CSV: в нём есть двоичные данные. ' +
      'Сохраните таблицу в Excel как «Книга Excel (*.xlsx)» или «CSV (разделители — точки с запятой)» и отправьте ещё раз.',
    'NUL byte in CSV',
  );
}

export interface CsvShape {
  /** Rows of the grid `gridFromCsv` would build (trailing blank rows dropped). */
  rows: number;
  /** The first row whose last non-blank field is beyond `maxColumns`. */
  wide: { row: number; count: number } | null;
}

/**
 * The grid's size without building it: the same state machine as the core's `parseCsv` (RFC 4180, a quote opens a
 * quoted field only at the start of a field, `""` inside quotes is a quote), counting instead of collecting.
 * A field is blank when `trim()` leaves nothing, as in `gridFromCsv`.
 */
export function measureCsv(text: string, delimiter: string, maxColumns: number): CsvShape {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const d = delimiter.charCodeAt(0);
  let row = 0;
  let field = 0;
  let fieldEmpty = true;
  let fieldBlank = true;
  let quoted = false;
  let lastFieldInRow = -1;
  let lastRow = -1;
  let rowOpen = false;
  let wide: CsvShape['wide'] = null;
  const endField = () => {
    if (!fieldBlank) lastFieldInRow = field;
    field++;
    fieldEmpty = true;
    fieldBlank = true;
  };
  const endRow = () => {
    endField();
    if (lastFieldInRow >= 0) {
      lastRow = row;
      if (!wide && lastFieldInRow + 1 > maxColumns) wide = { row, count: lastFieldInRow + 1 };
    }
    row++;
    field = 0;
    lastFieldInRow = -1;
    rowOpen = false;
  };
  const take = (ch: number) => {
    fieldEmpty = false;
    if (fieldBlank && !isTrimSpace(ch)) fieldBlank = false;
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (quoted) {
      if (ch === 0x22) {
        if (s.charCodeAt(i + 1) === 0x22) {
          take(ch);
          i++;
        } else quoted = false;
      } else take(ch);
      continue;
    }
    if (ch === 0x22 && fieldEmpty) {
      quoted = true;
      rowOpen = true;
    } else if (ch === d) {
      endField();
      rowOpen = true;
    } else if (ch === 0x0a || ch === 0x0d) {
      endRow();
      if (ch === 0x0d && s.charCodeAt(i + 1) === 0x0a) i++;
    } else {
      take(ch);
      rowOpen = true;
    }
  }
  if (!fieldEmpty || rowOpen) endRow();
  return { rows: lastRow + 1, wide };
}

/** What `String.prototype.trim` removes. */
function isTrimSpace(ch: number): boolean {
  if (ch <= 0x20) return ch === 0x20 || (ch >= 0x09 && ch <= 0x0d);
  if (ch < 0xa0) return false;
  return (
    ch === 0xa0 ||
    ch === 0x1680 ||
    (ch >= 0x2000 && ch <= 0x200a) ||
    ch === 0x2028 ||
    ch === 0x2029 ||
    ch === 0x202f ||
    ch === 0x205f ||
    ch === 0x3000 ||
    ch === 0xfeff
  );
}
