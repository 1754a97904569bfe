import type { CellRef } from '../grid/address';
import type { CellValue } from '../grid/grid';
import type { TableKind } from '../reader/model';
import type { Severity } from './diagnostic';
import type { TableContext } from './context';

export type Fixable = false | 'safe' | 'suggestion';

export interface RuleMeta {
  /** Kebab-case id: a public contract named by configs, the server and the add-in. */
  id: string;
  /** The table kind the rule checks; `any` runs on every kind. */
  kind: TableKind | 'any';
  defaultSeverity: Severity;
  /** One Russian sentence: what the rule looks for. */
  description: string;
  fixable: Fixable;
  /** Message templates by id, with `{{placeholders}}`; never the location (the UI shows it). */
  messages: Record<string, string>;
}

export interface RuleFix {
  description: string;
  edits: Array<{ cell: CellRef; value: CellValue }>;
}

/** What a rule returns: where, which message, and optionally how to fix. The engine fills in the rest. */
export interface RuleReport {
  messageId: string;
  data?: Record<string, string | number>;
  cell: CellRef;
  fix?: RuleFix;
}

export interface Rule {
  meta: RuleMeta;
  check(context: TableContext): RuleReport[];
}

/** Identity helper that gives rule modules their type. */
export function defineRule(rule: Rule): Rule {
  return rule;
}
