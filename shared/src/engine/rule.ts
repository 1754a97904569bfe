import type { CellRef } from '../grid/address';
import type { CellValue } from '../grid/grid';
import type { Table, TableKind, TableRow } from '../reader/model';
import type { DeadlineEntry } from '../facts/deadlines';
import type { ExecutorMention } from '../facts/executors';
import type { IndicatorRow } from '../facts/indicators';
import type { NumberingIssue } from '../facts/numbering';
import type { ShareCell } from '../facts/shares';
import type { TableFacts } from '../facts/table-facts';
import type { TextCell } from '../facts/text-cells';
import type { WorkbookFacts } from '../facts/workbook-facts';
import type { SvodConfig } from './config';
import type { Severity } from './diagnostic';

export type Fixable = false | 'safe' | 'suggestion';

export interface RuleMeta {
  /** Kebab-case id: a public contract named by configs, the server and the add-in. */
  id: string;
  /** The table kind the rule checks; `any` runs on every kind. */
  kind: TableKind | 'any';
  defaultSeverity: Severity;
  /** One Russian sentence: what the rule looks for. */
  description: string;
  /** One short Russian sentence: what the official does about it. Shown by `svod rules`, in the pane and in notes. */
  howToFix: string;
  fixable: Fixable;
  /** Message templates by id, with `{{placeholders}}`; never the location (the UI shows it). */
  messages: Record<string, string>;
}

export interface RuleFix {
  description: string;
  edits: Array<{ cell: CellRef; value: CellValue }>;
}

/** What a rule reports: where, which message with which data, and optionally how to fix. The engine fills in the rest. */
export interface RuleReport {
  messageId: string;
  data?: Record<string, string | number>;
  cell: CellRef;
  fix?: RuleFix;
}

/** What a rule sees of one table: its facts, and where to report. */
export interface RuleContext {
  readonly table: Table;
  readonly facts: TableFacts;
  readonly workbook: WorkbookFacts;
  readonly config: SvodConfig;
  report(report: RuleReport): void;
}

/**
 * What a rule listens to, as ESLint's `create(context)` returns node listeners: the engine walks each fact of a table
 * once and calls every rule that listens to it. `table` is called once, before the facts.
 */
export interface RuleListeners {
  table?(): void;
  /** Every row of the table, in order, with its index in `table.rows`. */
  row?(row: TableRow, rowIndex: number): void;
  deadline?(entry: DeadlineEntry): void;
  executor?(mention: ExecutorMention): void;
  numbering?(issue: NumberingIssue): void;
  indicator?(row: IndicatorRow): void;
  /** Text cells of the body and of the title rows (`inTitle`). */
  text?(cell: TextCell): void;
  /** The numeric share cells of one school row of a results matrix. */
  shareRow?(cells: ShareCell[]): void;
}

export interface Rule {
  meta: RuleMeta;
  /** Called once per table of the rule's kind; whatever it sets up is the rule's state for that table. */
  create(context: RuleContext): RuleListeners;
}

/** Identity helper that gives rule modules their type. */
export function defineRule(rule: Rule): Rule {
  return rule;
}
