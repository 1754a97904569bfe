/**
 * How far a workbook exceeds the grid caps, as plain data. Kept free of runtime imports so the parse worker can use
 * it without loading the core; the Russian message is made on the main thread (`caps.ts`).
 */
import type { GridWorkbook } from '@svod/shared';
import type { UploadLimits } from './limits';

export type Oversize =
  | { kind: 'sheets'; count: number }
  | { kind: 'rows'; sheet: string; count: number }
  /** `row` is 0-based: the first row wider than the cap. */
  | { kind: 'columns'; sheet: string; row: number; count: number }
  | { kind: 'merged-cells'; count: number };

type Caps = Pick<UploadLimits, 'maxSheets' | 'maxRows' | 'maxColumns' | 'maxMergedCells'>;

export function measureOversize(workbook: GridWorkbook, limits: Caps): Oversize | null {
  if (workbook.sheets.length > limits.maxSheets) return { kind: 'sheets', count: workbook.sheets.length };
  let merged = 0;
  for (const sheet of workbook.sheets) {
    if (sheet.rows.length > limits.maxRows) return { kind: 'rows', sheet: sheet.name, count: sheet.rows.length };
    for (let r = 0; r < sheet.rows.length; r++) {
      const width = sheet.rows[r]?.length ?? 0;
      if (width > limits.maxColumns) return { kind: 'columns', sheet: sheet.name, row: r, count: width };
    }
    for (const m of sheet.merges ?? []) merged += (m.bottom - m.top + 1) * (m.right - m.left + 1);
  }
  if (merged > limits.maxMergedCells) return { kind: 'merged-cells', count: merged };
  return null;
}
