/**
 * What the pane does with a check report before showing it, as pure functions: merging the server's diagnostics in,
 * filtering by severity, grouping by rule (errors first) and folding repeats inside a rule, the table summaries and
 * which fixes a button applies.
 */
import {
  groupCellsText,
  groupCountText,
  groupDiagnostics,
  parseA1,
  plural,
  ruleById,
  rules,
  SEVERITY_ORDER,
  TABLE_KIND_NAMES,
  type CheckReport,
  type Diagnostic,
  type DiagnosticGroup,
  type FixSelection,
  type Severity,
  type TableKind,
} from '@svod/shared';

/** Who found a diagnostic: the pane's own check, the server on submission, or both. */
export type Origin = 'local' | 'server' | 'both';

export interface ShownDiagnostic extends Diagnostic {
  origin: Origin;
  /** Stable identity across re-checks: rule, sheet, cell and message. */
  key: string;
}

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

export type SeverityFilter = Record<Severity, boolean>;

export const ALL_SEVERITIES: SeverityFilter = { error: true, warning: true, info: true };

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** The rules whose suggestion is «renumber the items»: one click for all of them. */
export const NUMBERING_RULES: readonly string[] = ['numbering-duplicate', 'numbering-gap', 'numbering-order', 'numbering-parent'];

export function diagnosticKey(d: Pick<Diagnostic, 'ruleId' | 'sheet' | 'cell' | 'message'>): string {
  return `${d.ruleId}\u0001${d.sheet}\u0001${d.cell}\u0001${d.message}`;
}

export function localDiagnostics(report: CheckReport | null): Diagnostic[] {
  return report ? report.sheets.flatMap((s) => s.diagnostics) : [];
}

/**
 * The pane's diagnostics with the server's merged in: one the server also found is marked `both`, one only the server
 * found (`indicator-not-in-template`, or a sheet the pane did not read) is marked `server`.
 */
export function mergeDiagnostics(local: readonly Diagnostic[], server: readonly Diagnostic[] = []): ShownDiagnostic[] {
  const serverKeys = new Set(server.map(diagnosticKey));
  const out: ShownDiagnostic[] = local.map((d) => {
    const key = diagnosticKey(d);
    return { ...d, key, origin: serverKeys.has(key) ? 'both' : 'local' };
  });
  const localKeys = new Set(out.map((d) => d.key));
  for (const d of server) {
    const key = diagnosticKey(d);
    if (localKeys.has(key)) continue;
    localKeys.add(key);
    out.push({ ...d, key, origin: 'server' });
  }
  return out;
}

export function filterBySeverity<T extends Diagnostic>(list: readonly T[], filter: SeverityFilter): T[] {
  return list.filter((d) => filter[d.severity]);
}

export function countBySeverity(list: readonly Pick<Diagnostic, 'severity'>[]): Counts {
  const counts: Counts = { errors: 0, warnings: 0, infos: 0 };
  for (const d of list) {
    if (d.severity === 'error') counts.errors++;
    else if (d.severity === 'warning') counts.warnings++;
    else counts.infos++;
  }
  return counts;
}

export const SEVERITY_PLURALS: Record<Severity, readonly [string, string, string]> = {
  error: ['ошибка', 'ошибки', 'ошибок'],
  warning: ['предупреждение', 'предупреждения', 'предупреждений'],
  info: ['замечание', 'замечания', 'замечаний'],
};

/** «2 ошибки, 19 предупреждений, 0 замечаний». */
export function countsText(c: Counts): string {
  return [plural(c.errors, SEVERITY_PLURALS.error), plural(c.warnings, SEVERITY_PLURALS.warning), plural(c.infos, SEVERITY_PLURALS.info)].join(', ');
}

export function countOf(c: Counts, severity: Severity): number {
  return severity === 'error' ? c.errors : severity === 'warning' ? c.warnings : c.infos;
}

/**
 * One row of a rule's list: a diagnostic, or a fold of alike ones (one message id in one table, four or more) that
 * shows its count and one sentence and opens to the cells.
 */
export type RuleEntry =
  | { kind: 'single'; key: string; item: ShownDiagnostic }
  | {
      kind: 'fold';
      /** Stable across re-checks: rule, message id, sheet, table and severity. */
      key: string;
      group: DiagnosticGroup;
      /** «25 ячеек: Пробел перед переносом строки (после «…»).» */
      label: string;
      /** «B11, B15, B16, B17, B19 и ещё 20». */
      cellsText: string;
      items: ShownDiagnostic[];
    };

export interface RuleGroup {
  ruleId: string;
  /** The rule's Russian description, or its id for a rule this pane does not know (a newer server). */
  title: string;
  /** What to do about it, from the rule's meta; empty for a rule this pane does not know. */
  howToFix: string;
  /** The worst severity in the group. */
  severity: Severity;
  items: ShownDiagnostic[];
  /** The items as the list shows them, repeats folded (see `ruleEntries`). */
  entries: RuleEntry[];
  /** Diagnostics with a safe fix («Исправить все» for this rule). */
  safeFixes: number;
  /** Diagnostics with a suggestion (applied one at a time, or by «Перенумеровать»). */
  suggestions: number;
}

export function ruleTitle(ruleId: string): string {
  return ruleById(ruleId)?.meta.description ?? ruleId;
}

/** Orders diagnostics by sheet (in workbook order), then row, then column. */
export function positionComparator(sheetOrder: readonly string[]): (a: Diagnostic, b: Diagnostic) => number {
  const index = new Map(sheetOrder.map((name, i) => [name, i]));
  const sheetIndex = (name: string) => index.get(name) ?? sheetOrder.length;
  return (a, b) => {
    const sa = sheetIndex(a.sheet);
    const sb = sheetIndex(b.sheet);
    if (sa !== sb) return sa - sb;
    if (a.sheet !== b.sheet) return a.sheet < b.sheet ? -1 : 1;
    const pa = parseA1(a.cell);
    const pb = parseA1(b.cell);
    if (pa && pb) {
      if (pa.row !== pb.row) return pa.row - pb.row;
      if (pa.col !== pb.col) return pa.col - pb.col;
    }
    return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
  };
}

/**
 * Groups by rule: groups with errors first, then warnings, then infos; among equals, the group whose first problem
 * comes first in the workbook. Inside a group, workbook order.
 */
export function groupByRule(list: readonly ShownDiagnostic[], sheetOrder: readonly string[] = []): RuleGroup[] {
  const byPosition = positionComparator(sheetOrder);
  const groups = new Map<string, RuleGroup>();
  for (const d of list) {
    let g = groups.get(d.ruleId);
    if (!g) {
      g = { ruleId: d.ruleId, title: ruleTitle(d.ruleId), howToFix: ruleById(d.ruleId)?.meta.howToFix ?? '', severity: d.severity, items: [], entries: [], safeFixes: 0, suggestions: 0 };
      groups.set(d.ruleId, g);
    }
    g.items.push(d);
    if (SEVERITY_ORDER[d.severity] < SEVERITY_ORDER[g.severity]) g.severity = d.severity;
    if (d.fix?.safe) g.safeFixes++;
    else if (d.fix) g.suggestions++;
  }
  const out = [...groups.values()];
  for (const g of out) {
    g.items.sort(byPosition);
    g.entries = ruleEntries(g.items);
  }
  out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || byPosition(a.items[0]!, b.items[0]!) || (a.ruleId < b.ruleId ? -1 : 1));
  return out;
}

/**
 * A rule's items with repeats folded (`groupDiagnostics`: one message id in one table, four or more), each fold where
 * its first item stood. The items keep their order; every one is in exactly one entry.
 */
export function ruleEntries(items: readonly ShownDiagnostic[]): RuleEntry[] {
  return groupDiagnostics(items, { rules }).map((entry): RuleEntry => {
    if (entry.kind === 'single') return { kind: 'single', key: entry.diagnostic.key, item: entry.diagnostic };
    const g = entry.group;
    return {
      kind: 'fold',
      key: ['fold', g.ruleId, g.messageId ?? '', g.sheet, g.table ?? '', g.severity].join('\u0001'),
      group: g,
      label: foldText(g),
      cellsText: groupCellsText(g),
      items: entry.diagnostics,
    };
  });
}

/** The repeats a server answer names, the most severe and the largest first: the server's `groups`, or the pane's own folding of the answer's list when an older server sends none. */
export function answerFolds(answer: { diagnostics: readonly Diagnostic[]; groups?: readonly DiagnosticGroup[] | undefined }): DiagnosticGroup[] {
  const groups = answer.groups ?? groupDiagnostics(answer.diagnostics, { rules }).flatMap((e) => (e.kind === 'group' ? [e.group] : []));
  return [...groups].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.count - a.count);
}

/** «21 ячейка: Пробел в конце текста (после «…»).» */
export function foldText(group: DiagnosticGroup): string {
  return `${groupCountText(group)}: ${group.message}`;
}

/** How many findings an entry stands for. */
export function entrySize(entry: RuleEntry): number {
  return entry.kind === 'single' ? 1 : entry.items.length;
}

/** What «Исправить все» applies: safe fixes of one rule, or of every rule. */
export function safeFixSelection(ruleId?: string): FixSelection {
  return ruleId ? { ruleIds: [ruleId] } : {};
}

/** What «Перенумеровать» applies: the numbering rules' suggestions. */
export const RENUMBER_SELECTION: FixSelection = { suggestions: true, ruleIds: NUMBERING_RULES };

export function countSafeFixes(list: readonly Diagnostic[], ruleId?: string): number {
  return list.filter((d) => d.fix?.safe && (!ruleId || d.ruleId === ruleId)).length;
}

export function hasRenumbering(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.fix && NUMBERING_RULES.includes(d.ruleId));
}

/** The same problem in a fresher list (after re-reading the sheet), if it is still there. */
export function findSame<T extends Diagnostic>(list: readonly T[], target: Diagnostic): T | undefined {
  const key = diagnosticKey(target);
  return list.find((d) => diagnosticKey(d) === key);
}

export interface TableRow {
  sheet: string;
  kind: TableKind;
  kindName: string;
  range: string;
  /** «2023–2024 гг.», «2023 г.», or null when the period is unknown. */
  period: string | null;
  counts: Counts;
}

export function formatPeriod(period: { from: number; to: number } | undefined): string | null {
  if (!period) return null;
  return period.from === period.to ? `${period.from} г.` : `${period.from}–${period.to} гг.`;
}

/** One row per table found: where it is, what it is, its period and its own counts. */
export function tableRows(report: CheckReport | null): TableRow[] {
  if (!report) return [];
  return report.sheets.flatMap((sheet) =>
    sheet.tables.map((t) => ({
      sheet: sheet.name,
      kind: t.kind,
      kindName: TABLE_KIND_NAMES[t.kind] ?? t.kind,
      range: t.range,
      period: formatPeriod(t.period),
      counts: countBySeverity(sheet.diagnostics.filter((d) => d.table === t.range)),
    })),
  );
}

/** «План-график!B10» when several sheets are in play, «B10» otherwise (unquoted, as the dashboard writes it). */
export function cellLabel(d: Pick<Diagnostic, 'sheet' | 'cell'>, withSheet: boolean): string {
  return withSheet ? `${d.sheet}!${d.cell}` : d.cell;
}
