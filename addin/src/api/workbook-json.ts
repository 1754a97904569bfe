/**
 * The sheets as the server's JSON form `{ "sheets": [ { "name", "rows", "merges": ["A5:E5"] } ] }`: plain values only
 * (a date becomes the text the official sees, «14.05.2021»), trailing empty cells and rows dropped.
 */
import { cellText, rangeToA1, type CellValue, type GridWorkbook, type JsonCell, type SubmissionForm } from '@svod/shared';

export type { JsonCell };

/** A sheet as this client sends it: the contract's, with `merges` always given. */
export type SubmissionSheet = SubmissionForm['sheets'][number] & { merges: string[] };

/** The contract's JSON form (`submissionForm` in the core), as the server validates it. */
export interface SubmissionBody extends SubmissionForm {
  sheets: SubmissionSheet[];
}

function jsonCell(value: CellValue | undefined): JsonCell {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return cellText(value) || null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return value;
}

const isBlank = (v: JsonCell) => v === null || v === '';

export function submissionBody(workbook: GridWorkbook): SubmissionBody {
  return {
    sheets: workbook.sheets.map((grid) => {
      const rows: JsonCell[][] = grid.rows.map((row) => {
        const out: JsonCell[] = [];
        // A ragged or sparse row: holes are empty cells.
        for (let c = 0; c < row.length; c++) out.push(jsonCell(row[c]));
        while (out.length && isBlank(out[out.length - 1]!)) out.pop();
        return out;
      });
      while (rows.length && rows[rows.length - 1]!.length === 0) rows.pop();
      return { name: grid.name, rows, merges: (grid.merges ?? []).map(rangeToA1) };
    }),
  };
}
