/**
 * What the server derives from a submitted workbook: its findings, their counts and the extracted content, as the
 * JSON that is stored. Pure, so it runs in a pool worker (`check-worker.ts`): a sheet that is slow to check holds up
 * that worker, not every other client.
 */
import { checkFacts, diagnosticGroups, extractFromFacts, readFacts, rules, type CheckReport, type Diagnostic, type DiagnosticGroup, type GridWorkbook, type SvodConfig } from '@svod/shared';

export interface CheckedSubmission {
  /** Every finding counted, including those the stored list leaves out. */
  summary: CheckReport['summary'];
  /** The stored list was cut at `maxDiagnostics` (errors kept first). */
  partial: boolean;
  /** The diagnostics to store (without fixes: the server offers none), JSON. */
  diagnosticsJson: string;
  /** The extracted `SubmissionContent`, JSON. */
  contentJson: string;
}

/** The check and the extraction read the workbook once: both walk the same facts. */
export function checkSubmission(workbook: GridWorkbook, config: SvodConfig): CheckedSubmission {
  const facts = readFacts(workbook, config);
  const report = checkFacts(facts, rules);
  const diagnostics = report.sheets.flatMap((s) => s.diagnostics).map(({ fix: _fix, ...d }) => d);
  return {
    summary: report.summary,
    partial: report.partial,
    diagnosticsJson: JSON.stringify(diagnostics),
    contentJson: JSON.stringify(extractFromFacts(facts)),
  };
}

/**
 * The answer's `groups`: repeated findings folded, `indices` into exactly the list the answer sends. Computed on the
 * list as shown (the template's findings are recomputed when a version is read), never stored.
 */
export function answerGroups(diagnostics: readonly Diagnostic[]): DiagnosticGroup[] {
  return diagnosticGroups(diagnostics, { rules });
}
