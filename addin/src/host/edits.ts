/**
 * What a fix writes into a cell, decided once for both hosts: a value, a value under the text format (so that
 * `=cmd`, `+1`, `4.2` or `12.05.2021` stay that text and never become a formula, number or date), a date as its serial
 * under a date format, or a cleared value. The hosts only carry the plan out (`Range.values` / `setValues`).
 */
import type { CellEdit, CellValue } from '@svod/shared';
import { canonicalCell } from './addresses';
import { dateToSerial, needsTextFormat } from './values';

/** The number format a fix gives a date it writes. */
export const DATE_FORMAT = 'dd.mm.yyyy';
/** The text number format: Excel and Sheets keep what is written under it as typed. */
export const TEXT_FORMAT = '@';

export type CellWrite =
  /** Clear the value only: formats, fills and notes stay. */
  | { kind: 'clear' }
  /** The date's serial number (1900 system, as Excel and Sheets count) under `format`. */
  | { kind: 'date'; serial: number; format: string }
  /** The value as it is; `asText`: set the text format first, in the same batch. */
  | { kind: 'value'; value: string | number | boolean; asText: boolean };

/** How one edit value is written (see `needsTextFormat` for which text must be kept as text). */
export function cellWrite(value: CellValue): CellWrite {
  if (value === null) return { kind: 'clear' };
  if (value instanceof Date) return { kind: 'date', serial: dateToSerial(value), format: DATE_FORMAT };
  return { kind: 'value', value, asText: typeof value === 'string' && needsTextFormat(value) };
}

export interface PlannedEdit {
  sheet: string;
  /** Canonical A1 of one cell (`$b$4` → `B4`, a range → its top-left). */
  cell: string;
  write: CellWrite;
}

/** A batch of fixes as writes, in their order; an edit whose cell is not an address is left out. */
export function planEdits(edits: readonly CellEdit[]): PlannedEdit[] {
  const out: PlannedEdit[] = [];
  for (const edit of edits) {
    const cell = canonicalCell(edit.cell);
    if (cell) out.push({ sheet: edit.sheet, cell, write: cellWrite(edit.value) });
  }
  return out;
}
