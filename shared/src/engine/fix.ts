import { parseA1, toA1 } from '../grid/address';
import type { CellValue, Grid, GridWorkbook } from '../grid/grid';
import type { CellEdit, Diagnostic } from './diagnostic';

export interface FixSelection {
  /** Apply suggestions too, not only safe fixes. */
  suggestions?: boolean;
  /** Only fixes of these rules. */
  ruleIds?: readonly string[];
}

export interface CollectedFixes {
  edits: CellEdit[];
  applied: Diagnostic[];
  /** Fixes left out because another fix already writes a different value to one of their cells. */
  skipped: Diagnostic[];
}

const editKey = (e: CellEdit) => `${e.sheet}!${e.cell}`;

function sameValue(a: CellValue, b: CellValue): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

/**
 * Gathers the edits of the chosen fixes. A fix is taken whole or not at all; one that writes a different value to a cell
 * another taken fix writes is skipped (the next pass will see it again). Identical edits are shared, so a renumbering
 * offered by several diagnostics is applied once.
 */
export function collectFixes(diagnostics: readonly Diagnostic[], selection: FixSelection = {}): CollectedFixes {
  const chosen = new Map<string, CellEdit>();
  const applied: Diagnostic[] = [];
  const skipped: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (!d.fix) continue;
    if (!d.fix.safe && !selection.suggestions) continue;
    if (selection.ruleIds && !selection.ruleIds.includes(d.ruleId)) continue;
    const conflict = d.fix.edits.some((e) => {
      const prior = chosen.get(editKey(e));
      return prior !== undefined && !sameValue(prior.value, e.value);
    });
    if (conflict) {
      skipped.push(d);
      continue;
    }
    for (const e of d.fix.edits) chosen.set(editKey(e), e);
    applied.push(d);
  }
  return { edits: [...chosen.values()], applied, skipped };
}

/** Returns a workbook with the edits written; sheets without edits are shared, never mutated. */
export function applyEdits(workbook: GridWorkbook, edits: readonly CellEdit[]): GridWorkbook {
  if (edits.length === 0) return workbook;
  const bySheet = new Map<string, CellEdit[]>();
  for (const e of edits) bySheet.set(e.sheet, [...(bySheet.get(e.sheet) ?? []), e]);
  return {
    sheets: workbook.sheets.map((grid): Grid => {
      const sheetEdits = bySheet.get(grid.name);
      if (!sheetEdits) return grid;
      const rows = grid.rows.map((r) => r.slice());
      for (const e of sheetEdits) {
        const ref = parseA1(e.cell);
        if (!ref) continue;
        while (rows.length <= ref.row) rows.push([]);
        const row = rows[ref.row]!;
        while (row.length <= ref.col) row.push(null);
        row[ref.col] = e.value;
      }
      return { ...grid, rows };
    }),
  };
}

/** The cells where `after` differs from `before`: the net effect of several fix passes, to write back once. */
export function diffWorkbooks(before: GridWorkbook, after: GridWorkbook): CellEdit[] {
  const out: CellEdit[] = [];
  after.sheets.forEach((grid, i) => {
    const old = before.sheets[i];
    if (!old || old === grid) return;
    const height = Math.max(grid.rows.length, old.rows.length);
    for (let r = 0; r < height; r++) {
      const a = old.rows[r] ?? [];
      const b = grid.rows[r] ?? [];
      if (a === b) continue;
      const width = Math.max(a.length, b.length);
      for (let c = 0; c < width; c++) {
        const va = a[c] ?? null;
        const vb = b[c] ?? null;
        if (!sameValue(va, vb)) {
          out.push({ sheet: grid.name, cell: toA1({ row: r, col: c }), value: vb });
        }
      }
    }
  });
  return out;
}
