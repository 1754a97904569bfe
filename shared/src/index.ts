/**
 * Svod validation core. Pure TypeScript: no DOM, no Node APIs, no ExcelJS. Adapters (ExcelJS files, CSV, Office.js,
 * Apps Script, HTTP) turn their world into a `GridWorkbook` and show the returned diagnostics.
 */
import type { GridWorkbook } from './grid/grid';
import { checkWorkbook as runCheck, type CheckReport } from './engine/run';
import { applyEdits, collectFixes, diffWorkbooks, type FixSelection } from './engine/fix';
import type { CellEdit, Diagnostic } from './engine/diagnostic';
import type { SvodConfig } from './engine/config';
import { rules } from './rules';

export * from './grid';
export * from './text';
export * from './deadline';
export * from './reader';
export * from './reader/mapping';
export * from './engine';
export * from './facts';
export * from './merge';
export * from './contracts';
export * from './federal';
export { rules, ruleIds, ruleById } from './rules';

/** Reads every table of the workbook and checks it with the whole rule catalogue. Never throws on user data. */
export function check(workbook: GridWorkbook, config: SvodConfig = {}): CheckReport {
  return runCheck(workbook, config, rules);
}

export function allDiagnostics(report: CheckReport): Diagnostic[] {
  return report.sheets.flatMap((s) => s.diagnostics);
}

export interface FixResult {
  workbook: GridWorkbook;
  /** The net cell changes against the input: what an adapter writes back. */
  edits: CellEdit[];
  passes: number;
  /** The report on the fixed workbook. */
  report: CheckReport;
}

/**
 * Applies fixes and re-checks until nothing more can be fixed (at most 10 passes, as ESLint): a fix skipped for a
 * conflict gets its turn on the next pass.
 */
export function fix(workbook: GridWorkbook, config: SvodConfig = {}, selection: FixSelection = {}): FixResult {
  let current = workbook;
  let report = check(current, config);
  let passes = 0;
  while (passes < 10) {
    const { edits } = collectFixes(allDiagnostics(report), selection);
    const next = applyEdits(current, edits);
    if (next === current || diffWorkbooks(current, next).length === 0) break;
    current = next;
    passes++;
    report = check(current, config);
  }
  return { workbook: current, edits: diffWorkbooks(workbook, current), passes, report };
}
