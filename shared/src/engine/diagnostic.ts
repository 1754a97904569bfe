import type { CellValue } from '../grid/grid';

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export const SEVERITY_NAMES: Record<Severity, string> = { error: 'ошибка', warning: 'предупреждение', info: 'замечание' };

/** One cell to write: the unit of every fix. */
export interface CellEdit {
  sheet: string;
  /** A1 address. */
  cell: string;
  value: CellValue;
}

export interface Fix {
  /** What the fix does, in Russian, for a button or a tooltip. */
  description: string;
  edits: CellEdit[];
  /** Safe fixes provably keep the meaning and run in «Исправить все» and `--fix`; the others are suggestions. */
  safe: boolean;
}

/** A problem found in a cell, as plain data: what adapters show, send and store. */
export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  sheet: string;
  /** The cell to look at, A1. */
  cell: string;
  message: string;
  /** The rule's message id and the data its template was filled with: what a translation or a test keys on. */
  messageId?: string;
  data?: Record<string, string | number>;
  /** The table the problem belongs to, A1 range. */
  table?: string;
  fix?: Fix;
}
