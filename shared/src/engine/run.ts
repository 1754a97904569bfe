import { parseA1, rangeToA1, toA1, type CellRef } from '../grid/address';
import type { GridWorkbook } from '../grid/grid';
import type { TableKind, WorkbookModel } from '../reader/model';
import { readFacts, WorkbookFacts } from '../facts/workbook-facts';
import type { TableFacts } from '../facts/table-facts';
import type { SvodConfig } from './config';
import { SEVERITY_ORDER, type Diagnostic, type Fix, type Severity } from './diagnostic';
import { formatMessage } from './messages';
import {
  isWorkbookRule,
  type Rule,
  type RuleContext,
  type RuleFix,
  type RuleListeners,
  type RuleReport,
  type TableRule,
  type WorkbookRuleContext,
  type WorkbookRuleListeners,
  type WorkbookRuleReport,
} from './rule';

export interface TableSummary {
  kind: TableKind;
  range: string;
  period?: { from: number; to: number };
}

export interface SheetReport {
  name: string;
  tables: TableSummary[];
  diagnostics: Diagnostic[];
}

export interface CheckReport {
  sheets: SheetReport[];
  /** Counts every diagnostic found, including those `maxDiagnostics` left out of the lists. */
  summary: { errors: number; warnings: number; infos: number };
  /** True when `maxDiagnostics` cut the lists short; the summary still counts everything found. */
  partial: boolean;
  /**
   * True when the rules stopped early: the list held `maxDiagnostics` errors, so nothing found later could enter it
   * or change the verdict. The summary then counts what was found up to that point.
   */
  stopped: boolean;
}

export interface CheckOptions {
  /**
   * Tests run strict, as ESLint's rule tester: a report with a message id the rule does not declare, a template
   * placeholder without data, a fix from a rule whose meta is not fixable, or a rule that throws fails the run. Without
   * it the engine stays lenient with users' data: the message id stands for the message, the fix is dropped, and a
   * failing rule becomes one warning while the others go on.
   */
  strict?: boolean;
}

/** A rule broke its own contract (its meta): a programming error, thrown in strict mode. */
export class RuleContractError extends Error {
  constructor(ruleId: string, problem: string) {
    super(`Rule ${ruleId}: ${problem}`);
    this.name = 'RuleContractError';
  }
}

export function severityOf(rule: Rule, config: SvodConfig): Severity | 'off' {
  return config.rules?.[rule.meta.id] ?? rule.meta.defaultSeverity;
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const pa = parseA1(a.cell);
  const pb = parseA1(b.cell);
  if (pa && pb && pa.row !== pb.row) return pa.row - pb.row;
  if (pa && pb && pa.col !== pb.col) return pa.col - pb.col;
  if (a.severity !== b.severity) return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}

/**
 * The diagnostics a report lists: at most `limit`, the most severe first, so a cut list still names every error it
 * can (a rejected submission shows what rejected it) and memory stays bounded whatever a hostile sheet produces.
 */
class Kept {
  private readonly bySeverity: Record<Severity, Array<{ sheet: number; diagnostic: Diagnostic }>> = { error: [], warning: [], info: [] };
  private size = 0;
  dropped = 0;
  readonly summary = { errors: 0, warnings: 0, infos: 0 };

  constructor(private readonly limit: number) {}

  /** Counts a finding; true when it would enter the list (so it is worth building). */
  admits(severity: Severity): boolean {
    // Counted before the cap: a cut list must never hide an error from the verdict.
    if (severity === 'error') this.summary.errors++;
    else if (severity === 'warning') this.summary.warnings++;
    else this.summary.infos++;
    if (this.size < this.limit) return true;
    this.dropped++;
    for (const weaker of ['info', 'warning'] as const) {
      if (SEVERITY_ORDER[weaker] <= SEVERITY_ORDER[severity]) break;
      if (this.bySeverity[weaker].length) return true;
    }
    return false;
  }

  /** Adds a finding `admits` let in: a less severe one (the latest of the least severe kind) makes room when full. */
  add(sheet: number, diagnostic: Diagnostic): void {
    if (this.size >= this.limit) {
      for (const weaker of ['info', 'warning'] as const) if (this.bySeverity[weaker].pop()) break;
    } else this.size++;
    this.bySeverity[diagnostic.severity].push({ sheet, diagnostic });
  }

  /** The list is full of errors: nothing found from now on can enter it or change the verdict. */
  get settled(): boolean {
    return this.limit !== Infinity && this.bySeverity.error.length >= this.limit;
  }

  of(sheet: number): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const list of Object.values(this.bySeverity)) for (const k of list) if (k.sheet === sheet) out.push(k.diagnostic);
    return out.sort(compareDiagnostics);
  }
}

/** Thrown through a rule's listener when the list is settled: every rule stops, not only the one reporting. */
class Stop extends Error {}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** Where a report lands: the sheet (index and name) and the table range, if any. */
interface Target {
  sheetIndex: number;
  sheet: string;
  table: string | undefined;
}

/** What every running rule shares: its contract checks and how a report becomes a kept diagnostic. */
abstract class Reporter {
  failed = false;

  constructor(
    readonly rule: Rule,
    readonly severity: Severity,
    protected readonly kept: Kept,
    protected readonly strict: boolean,
  ) {}

  /** One fix object many reports share (a whole-table renumbering) becomes one `Fix`: never a copy per report. */
  private readonly fixes = new WeakMap<RuleFix, { sheet: string; fix: Fix }>();

  private fixOf(fix: RuleFix, sheet: string, safe: boolean): Fix {
    const hit = this.fixes.get(fix);
    if (hit && hit.sheet === sheet) return hit.fix;
    const out: Fix = { description: fix.description, safe, edits: fix.edits.map((e) => ({ sheet, cell: toA1(e.cell), value: e.value })) };
    this.fixes.set(fix, { sheet, fix: out });
    return out;
  }

  protected emit(report: RuleReport, target: Target): void {
    const { meta } = this.rule;
    const template = meta.messages[report.messageId];
    if (this.strict) {
      if (template === undefined) throw new RuleContractError(meta.id, `reports messageId "${report.messageId}", which meta.messages does not declare`);
      for (const [, key] of template.matchAll(PLACEHOLDER)) {
        if (!report.data || !(key! in report.data)) throw new RuleContractError(meta.id, `message "${report.messageId}" needs data.${key}`);
      }
      if (report.fix && !meta.fixable) throw new RuleContractError(meta.id, 'reports a fix, but meta.fixable is false');
    }
    const { kept } = this;
    if (kept.admits(this.severity)) {
      const diagnostic: Diagnostic = {
        ruleId: meta.id,
        severity: this.severity,
        sheet: target.sheet,
        cell: toA1(report.cell),
        message: formatMessage(template ?? report.messageId, report.data),
        messageId: report.messageId,
        table: target.table,
      };
      if (report.data) diagnostic.data = report.data;
      // The engine refuses fixes from rules that do not declare them.
      if (report.fix && meta.fixable) diagnostic.fix = this.fixOf(report.fix, target.sheet, meta.fixable === 'safe');
      kept.add(target.sheetIndex, diagnostic);
    }
    if (kept.settled) throw new Stop();
  }

  /** Runs one listener call; a rule that fails is reported once (the warning `failure` describes) and hears nothing more. */
  guard(call: () => void, failure: () => { target: Target; cell: CellRef; message: string } | undefined): void {
    try {
      call();
    } catch (e) {
      if (e instanceof Stop || this.strict) throw e;
      this.failed = true;
      const where = failure();
      if (where && this.kept.admits('warning')) {
        this.kept.add(where.target.sheetIndex, {
          ruleId: this.rule.meta.id,
          severity: 'warning',
          sheet: where.target.sheet,
          cell: toA1(where.cell),
          message: where.message,
          messageId: 'rule-failed',
          table: where.target.table,
        });
      }
    }
  }
}

/** One rule on one table: its context, its listeners, and whether it has failed. */
class ActiveRule extends Reporter implements RuleContext {
  listeners: RuleListeners = {};

  constructor(
    override readonly rule: TableRule,
    severity: Severity,
    readonly facts: TableFacts,
    private readonly run: TableRun,
  ) {
    super(rule, severity, run.kept, run.strict);
  }

  get table() {
    return this.facts.table;
  }

  get workbook() {
    return this.facts.workbook;
  }

  get config() {
    return this.facts.workbook.config;
  }

  /** An own, bound function: rules destructure it from their context. */
  readonly report = (report: RuleReport): void => {
    this.emit(report, this.run.target);
  };
}

type Listener = keyof RuleListeners;

/** The rules of one table, walked over its facts once. */
class TableRun {
  readonly target: Target;
  private readonly active: ActiveRule[] = [];

  constructor(
    readonly facts: TableFacts,
    rules: ReadonlyArray<{ rule: TableRule; severity: Severity }>,
    readonly kept: Kept,
    sheetIndex: number,
    readonly strict: boolean,
  ) {
    this.target = { sheetIndex, sheet: facts.table.sheet, table: rangeToA1(facts.table.range) };
    for (const { rule, severity } of rules) {
      const active = new ActiveRule(rule, severity, facts, this);
      this.active.push(active);
      this.guard(active, () => {
        active.listeners = rule.create(active);
      });
    }
  }

  /** Runs one listener call; a rule that fails is reported once and hears nothing more of this table. */
  private guard(active: ActiveRule, call: () => void): void {
    const { table } = this.facts;
    active.guard(call, () => ({
      target: this.target,
      cell: { row: table.range.top, col: table.range.left },
      message: `Правило «${active.rule.meta.id}» не смогло проверить эту таблицу.`,
    }));
  }

  /** Calls `listener` of every rule that has it, for each item of a fact list built only if someone listens. */
  private walk(listener: Exclude<Listener, 'table' | 'tableEnd'>, items: () => readonly unknown[]): void {
    const listening = this.active.filter((a) => a.listeners[listener] && !a.failed);
    if (!listening.length) return;
    const list = items();
    for (const active of listening) {
      if (active.failed) continue;
      const fn = active.listeners[listener] as (this: RuleListeners, item: unknown, index: number) => void;
      const { listeners } = active;
      this.guard(active, () => {
        for (let i = 0; i < list.length; i++) fn.call(listeners, list[i], i);
      });
    }
  }

  run(): void {
    const { facts } = this;
    for (const active of this.active) if (active.listeners.table && !active.failed) this.guard(active, () => active.listeners.table!());
    this.walk('row', () => facts.table.rows);
    this.walk('deadline', () => facts.deadlines);
    this.walk('executor', () => facts.executors);
    this.walk('numbering', () => facts.numberingAnalysis.issues);
    this.walk('indicator', () => facts.indicators);
    this.walk('text', () => facts.textCells);
    this.walk('shareRow', () => facts.shareRows);
    for (const active of this.active) if (active.listeners.tableEnd && !active.failed) this.guard(active, () => active.listeners.tableEnd!());
  }
}

/** One workbook-scope rule (or a table rule's workbook part) over the whole workbook. */
class ActiveWorkbookRule extends Reporter implements WorkbookRuleContext {
  listeners: WorkbookRuleListeners = {};

  constructor(
    rule: Rule,
    severity: Severity,
    readonly workbook: WorkbookFacts,
    private readonly sheetIndex: ReadonlyMap<string, number>,
    kept: Kept,
    strict: boolean,
  ) {
    super(rule, severity, kept, strict);
  }

  get config() {
    return this.workbook.config;
  }

  readonly report = (report: WorkbookRuleReport): void => {
    const index = this.sheetIndex.get(report.sheet);
    // A sheet the workbook does not have is a programming error, whatever the mode: the rule fails, visibly.
    if (index === undefined) throw new RuleContractError(this.rule.meta.id, `reports on sheet "${report.sheet}", which the workbook does not have`);
    const table = report.table === undefined ? undefined : typeof report.table === 'string' ? report.table : rangeToA1(report.table);
    this.emit(report, { sheetIndex: index, sheet: report.sheet, table });
  };
}

/** The workbook-scope rules, created once, then `workbook()` and `sheet()` for every sheet. */
function runWorkbookRules(
  workbook: WorkbookFacts,
  rules: ReadonlyArray<{ rule: Rule; severity: Severity }>,
  kept: Kept,
  strict: boolean,
): void {
  const { sheets } = workbook.model;
  // Nowhere to put a diagnostic (a workbook without sheets): nothing to look across either.
  if (!sheets.length) return;
  const sheetIndex = new Map<string, number>();
  sheets.forEach((s, i) => {
    if (!sheetIndex.has(s.grid.name)) sheetIndex.set(s.grid.name, i);
  });
  const failure = (active: ActiveWorkbookRule) => () => ({
    target: { sheetIndex: 0, sheet: sheets[0]!.grid.name, table: undefined },
    cell: { row: 0, col: 0 },
    message: `Правило «${active.rule.meta.id}» не смогло проверить книгу.`,
  });
  const active: ActiveWorkbookRule[] = [];
  for (const { rule, severity } of rules) {
    const create = isWorkbookRule(rule) ? rule.create : rule.createForWorkbook;
    if (!create) continue;
    const a = new ActiveWorkbookRule(rule, severity, workbook, sheetIndex, kept, strict);
    active.push(a);
    a.guard(() => {
      a.listeners = create.call(rule, a);
    }, failure(a));
  }
  for (const a of active) {
    const { listeners } = a;
    if (listeners.workbook && !a.failed) a.guard(() => listeners.workbook!(), failure(a));
  }
  for (const a of active) {
    const { listeners } = a;
    if (!listeners.sheet || a.failed) continue;
    a.guard(() => {
      sheets.forEach((sheet, i) => listeners.sheet!(sheet, i));
    }, failure(a));
  }
  for (const a of active) {
    const { listeners } = a;
    if (listeners.workbookEnd && !a.failed) a.guard(() => listeners.workbookEnd!(), failure(a));
  }
}

/** Runs the rules over a workbook's facts (read once, shared with the extraction). */
export function checkFacts(workbook: WorkbookFacts, rules: readonly Rule[], options: CheckOptions = {}): CheckReport {
  const { config, model } = workbook;
  const kept = new Kept(config.maxDiagnostics ?? Infinity);
  const enabled = rules.flatMap((rule) => {
    const severity = severityOf(rule, config);
    return severity === 'off' ? [] : [{ rule, severity }];
  });
  const sheetOf = new Map(model.sheets.map((s, i) => [s, i]));
  const tables: TableSummary[][] = model.sheets.map(() => []);
  let stopped = false;
  for (const facts of workbook.tables) {
    const { table } = facts;
    const sheetIndex = sheetOf.get(facts.sheet)!;
    const summary: TableSummary = { kind: table.kind, range: rangeToA1(table.range) };
    if (facts.period) summary.period = { from: facts.period.from, to: facts.period.to };
    tables[sheetIndex]!.push(summary);
    if (stopped) continue;
    const mine = enabled.filter((e): e is { rule: TableRule; severity: Severity } => e.rule.meta.kind === 'any' || e.rule.meta.kind === table.kind);
    try {
      new TableRun(facts, mine, kept, sheetIndex, options.strict ?? false).run();
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      stopped = true;
    }
  }
  // Across the workbook, after its tables: the same list, the same limit, the same stop.
  if (!stopped) {
    try {
      runWorkbookRules(workbook, enabled, kept, options.strict ?? false);
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      stopped = true;
    }
  }
  return {
    sheets: model.sheets.map((s, index): SheetReport => ({ name: s.grid.name, tables: tables[index]!, diagnostics: kept.of(index) })),
    summary: kept.summary,
    // Stopped at a list full of errors: whatever came after was not even looked at.
    partial: kept.dropped > 0 || stopped,
    stopped,
  };
}

/** Runs the rules over an already read workbook. */
export function checkModel(model: WorkbookModel, config: SvodConfig, rules: readonly Rule[], options: CheckOptions = {}): CheckReport {
  return checkFacts(new WorkbookFacts(model, config), rules, options);
}

/** Reads and checks a workbook. Never throws on user data. */
export function checkWorkbook(workbook: GridWorkbook, config: SvodConfig, rules: readonly Rule[], options: CheckOptions = {}): CheckReport {
  return checkFacts(readFacts(workbook, config), rules, options);
}
