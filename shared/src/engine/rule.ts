import type { CellRange, CellRef } from '../grid/address';
import type { CellValue } from '../grid/grid';
import type { SheetModel, Table, TableKind, TableRow } from '../reader/model';
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

/** Where a rule looks: one table kind, every table (`any`), or the whole workbook at once (`workbook`). */
export type RuleKind = TableKind | 'any' | 'workbook';

export interface RuleMeta {
  /** Kebab-case id: a public contract named by configs, the server and the add-in. */
  id: string;
  /** The table kind the rule checks; `any` runs on every kind; `workbook` runs once over the whole workbook. */
  kind: RuleKind;
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
 * once and calls every rule that listens to it. `table` is called once, before the facts; `tableEnd` once, after them.
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
  /** Once, after every fact of the table: for rules that judge the table as a whole (as ESLint's `Program:exit`). */
  tableEnd?(): void;
}

export type TableRuleMeta = RuleMeta & { kind: TableKind | 'any' };
export type WorkbookRuleMeta = RuleMeta & { kind: 'workbook' };

/** What a workbook-scope rule reports: a cell of a named sheet, and the table it belongs to when there is one. */
export interface WorkbookRuleReport extends RuleReport {
  /** The sheet's name, as `SheetModel.grid.name` spells it; the fix's edits are cells of this sheet. */
  sheet: string;
  /** The table the finding belongs to (its `range`, or that range in A1); none for cells no table covers. */
  table?: CellRange | string;
}

/** What a workbook-scope rule sees: every sheet (with or without tables), every table's facts, the configuration. */
export interface WorkbookRuleContext {
  readonly workbook: WorkbookFacts;
  readonly config: SvodConfig;
  report(report: WorkbookRuleReport): void;
}

/** Listeners of a workbook-scope rule: `workbook` once, then `sheet` for every sheet in order (tables or not), then `workbookEnd`. */
export interface WorkbookRuleListeners {
  workbook?(): void;
  sheet?(sheet: SheetModel, sheetIndex: number): void;
  /** Once, after every sheet: for rules that gather across sheets first and judge at the end. */
  workbookEnd?(): void;
}

/** A rule that checks one table at a time: its kind is a table kind or `any`. */
export interface TableRule {
  meta: TableRuleMeta;
  /** Called once per table of the rule's kind; whatever it sets up is the rule's state for that table. */
  create(context: RuleContext): RuleListeners;
  /**
   * Optional: the same rule once over the whole workbook, after the tables, for what no table holds (the text of a
   * passport sheet). Its diagnostics carry the rule's id and severity.
   */
  createForWorkbook?(context: WorkbookRuleContext): WorkbookRuleListeners;
}

/** A rule that looks across the workbook (sheets against each other): created once per check. */
export interface WorkbookRule {
  meta: WorkbookRuleMeta;
  create(context: WorkbookRuleContext): WorkbookRuleListeners;
}

export type Rule = TableRule | WorkbookRule;

export function isWorkbookRule(rule: Rule): rule is WorkbookRule {
  return rule.meta.kind === 'workbook';
}

/** Identity helper that gives table rule modules their type. */
export function defineRule(rule: TableRule): TableRule {
  return rule;
}

/** Identity helper that gives workbook-scope rule modules their type. */
export function defineWorkbookRule(rule: WorkbookRule): WorkbookRule {
  return rule;
}
