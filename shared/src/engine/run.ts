import { parseA1, rangeToA1, toA1 } from '../grid/address';
import type { GridWorkbook } from '../grid/grid';
import { readWorkbook } from '../reader/read';
import type { Table, TableKind, WorkbookModel } from '../reader/model';
import type { SvodConfig } from './config';
import { periodFromDeadlines, TableContext, WorkbookContext } from './context';
import { SEVERITY_ORDER, type Diagnostic, type Severity } from './diagnostic';
import { formatMessage } from './messages';
import type { Rule } from './rule';

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
  /** True when `maxDiagnostics` cut the lists short; the summary still counts everything. */
  partial: boolean;
}

export function severityOf(rule: Rule, config: SvodConfig): Severity | 'off' {
  return config.rules?.[rule.meta.id] ?? rule.meta.defaultSeverity;
}

/** Settles what the titles did not say: the period from the deadlines or the year columns, the approval from config. */
function completeTableFacts(table: Table, context: TableContext, config: SvodConfig): void {
  if (!table.period && table.kind === 'roadmap') {
    const p = periodFromDeadlines(context);
    if (p) table.period = { ...p, source: 'deadlines' };
  }
  if (!table.period && table.kind === 'indicators' && table.years.length) {
    const years = table.years.map((y) => y.year);
    table.period = { from: Math.min(...years), to: Math.max(...years), source: 'years' };
  }
  if (config.approvalDate) {
    table.approval = { text: config.approvalDate, date: config.approvalDate, sheet: table.sheet, cell: { row: table.range.top, col: table.range.left } };
  }
}

function runRule(rule: Rule, context: TableContext, severity: Severity): Diagnostic[] {
  const { table } = context;
  const tableRange = rangeToA1(table.range);
  let reports;
  try {
    reports = rule.check(context);
  } catch {
    // A rule that cannot cope with this table becomes one diagnostic; the other rules still run.
    return [
      {
        ruleId: rule.meta.id,
        severity: 'warning',
        sheet: table.sheet,
        cell: toA1({ row: table.range.top, col: table.range.left }),
        message: `Правило «${rule.meta.id}» не смогло проверить эту таблицу.`,
        table: tableRange,
      },
    ];
  }
  return reports.map((report) => {
    const template = rule.meta.messages[report.messageId] ?? report.messageId;
    const diagnostic: Diagnostic = {
      ruleId: rule.meta.id,
      severity,
      sheet: table.sheet,
      cell: toA1(report.cell),
      message: formatMessage(template, report.data),
      table: tableRange,
    };
    // The engine refuses fixes from rules that do not declare them.
    if (report.fix && rule.meta.fixable) {
      diagnostic.fix = {
        description: report.fix.description,
        safe: rule.meta.fixable === 'safe',
        edits: report.fix.edits.map((e) => ({ sheet: table.sheet, cell: toA1(e.cell), value: e.value })),
      };
    }
    return diagnostic;
  });
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

  constructor(private readonly limit: number) {}

  add(sheet: number, diagnostic: Diagnostic): void {
    if (this.size < this.limit) {
      this.bySeverity[diagnostic.severity].push({ sheet, diagnostic });
      this.size++;
      return;
    }
    this.dropped++;
    // Full: a less severe one (the latest of the least severe kind) makes room, or this one is left out.
    for (const weaker of ['info', 'warning'] as const) {
      if (SEVERITY_ORDER[weaker] <= SEVERITY_ORDER[diagnostic.severity]) break;
      if (this.bySeverity[weaker].pop()) {
        this.bySeverity[diagnostic.severity].push({ sheet, diagnostic });
        return;
      }
    }
  }

  of(sheet: number): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const list of Object.values(this.bySeverity)) for (const k of list) if (k.sheet === sheet) out.push(k.diagnostic);
    return out.sort(compareDiagnostics);
  }
}

/** Runs the rules over an already read workbook. */
export function checkModel(model: WorkbookModel, config: SvodConfig, rules: readonly Rule[]): CheckReport {
  const workbook = new WorkbookContext(model, config);
  const kept = new Kept(config.maxDiagnostics ?? Infinity);
  const summary = { errors: 0, warnings: 0, infos: 0 };
  const sheets = model.sheets.map((sheet, index) => {
    const tables: TableSummary[] = [];
    for (const table of sheet.tables) {
      const context = new TableContext(table, sheet, workbook);
      completeTableFacts(table, context, config);
      const summaryEntry: TableSummary = { kind: table.kind, range: rangeToA1(table.range) };
      if (table.period) summaryEntry.period = { from: table.period.from, to: table.period.to };
      tables.push(summaryEntry);
      for (const rule of rules) {
        if (rule.meta.kind !== 'any' && rule.meta.kind !== table.kind) continue;
        const severity = severityOf(rule, config);
        if (severity === 'off') continue;
        for (const d of runRule(rule, context, severity)) {
          // Counted before the cap: a cut list must never hide an error from the verdict.
          if (d.severity === 'error') summary.errors++;
          else if (d.severity === 'warning') summary.warnings++;
          else summary.infos++;
          kept.add(index, d);
        }
      }
    }
    return { name: sheet.grid.name, tables };
  });
  return {
    sheets: sheets.map((s, index): SheetReport => ({ ...s, diagnostics: kept.of(index) })),
    summary,
    partial: kept.dropped > 0,
  };
}

/** Reads and checks a workbook. Never throws on user data. */
export function checkWorkbook(workbook: GridWorkbook, config: SvodConfig, rules: readonly Rule[]): CheckReport {
  const model = readWorkbook(workbook, config.period ? { period: config.period } : {});
  return checkModel(model, config, rules);
}
