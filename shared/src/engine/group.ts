/**
 * Folding repeated findings: 74 «лишние пробелы» or 51 «нет в шаблоне» lines hide the one error that matters. Pure:
 * every face (CLI, pane, server answer, dashboard) folds the same way, and the exact messages stay reachable.
 */
import type { Diagnostic, Severity } from './diagnostic';
import { formatMessage, plural } from './messages';
import type { RuleMeta } from './rule';

/** Findings of one rule, one message id and one severity in one table (or on one sheet, outside any table). */
export interface DiagnosticGroup {
  ruleId: string;
  messageId?: string;
  severity: Severity;
  sheet: string;
  /** The table's range; absent for findings outside any table. */
  table?: string;
  /** How many findings the group folds. */
  count: number;
  /** How many different cells they are in (a rule may speak twice about one cell). */
  cellCount: number;
  /** The first cells, in list order (at most `show`, no repeats). */
  cells: string[];
  /** One sentence for all of them: the rule's message with the data they share, «…» where they differ. */
  message: string;
  /** Where the members are in the list that was grouped, in order: their exact messages. */
  indices: number[];
}

export type GroupedItem<T extends Diagnostic = Diagnostic> =
  | { kind: 'single'; diagnostic: T; index: number }
  | { kind: 'group'; group: DiagnosticGroup; diagnostics: T[] };

/** The part of a rule grouping reads: its message templates, for the summary sentence. */
export type GroupingRule = { meta: Pick<RuleMeta, 'id' | 'messages'> };

export interface GroupOptions {
  /** Fold only this many findings or more (at least 2). */
  min?: number;
  /** How many cells a group names. */
  show?: number;
  /** The rule catalogue, for the summary sentences; without it a group's message is its first member's. */
  rules?: readonly GroupingRule[];
}

export const GROUP_MIN = 4;
export const GROUP_SHOW = 5;

function groupKey(d: Diagnostic): string {
  return [d.ruleId, d.messageId ?? '', d.severity, d.sheet, d.table ?? ''].join('\u0001');
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/**
 * The one sentence of a group: the members' common message when they all say the same; else the template of their
 * message id with each placeholder filled when every member has the same value («… до утверждения документа
 * (13.03.2023)»); where they differ, «…», or a few short names all when the sentence ends listing it («…: «<p>», «<i>».»),
 * or nothing in brackets or after a colon; else the first member's message.
 */
export function groupMessage(members: readonly Diagnostic[], template?: string): string {
  const first = members[0];
  if (!first) return '';
  if (members.every((d) => d.message === first.message)) return first.message;
  if (template === undefined) return first.message;
  const data: Record<string, string | number> = {};
  for (const match of template.matchAll(PLACEHOLDER)) {
    const key = match[1]!;
    const value = first.data?.[key];
    if (value !== undefined && members.every((d) => d.data?.[key] === value)) {
      data[key] = value;
      continue;
    }
    // A few short names listed after a colon at the end («…: «<p>», «<i>».») are worth naming all; elsewhere the
    // sentence speaks of one («Срок «…» истёк»).
    const end = match.index + match[0].length;
    const listed = template.slice(match.index - 3, match.index) === ': «' && /^»\.?$/.test(template.slice(end));
    const values = [...new Set(members.map((d) => d.data?.[key]))];
    const few = values.length <= FEW && values.every((v) => v !== undefined && String(v).length <= SHORT);
    data[key] = listed && few ? values.join('», «') : DIFFERS;
  }
  // A differing value in quotes stays as «…» (some name); in brackets or after a colon it only details, so it goes.
  return formatMessage(template, data)
    .replace(/ \(\u0000\)/g, '')
    .replace(/: \u0000(?=[.;]|$)/g, '')
    .replace(/\u0000/g, '…')
    // «… имелся в виду ….»: a sentence that ends in an ellipsis takes no second point.
    .replace(/…\./g, '…');
}

/** Stands for a value the members do not share, until the sentence is tidied. */
const DIFFERS = '\u0000';
/** Distinct quoted values a group sentence names, at most, and how long each may be. */
const FEW = 3;
const SHORT = 24;

/**
 * The list with repeated findings folded: a group stands where its first member stood, a finding that is not repeated
 * often enough stays as it was. Nothing is dropped: the groups' members plus the singles are the list.
 */
export function groupDiagnostics<T extends Diagnostic>(list: readonly T[], options: GroupOptions = {}): GroupedItem<T>[] {
  const min = Math.max(2, options.min ?? GROUP_MIN);
  const show = Math.max(1, options.show ?? GROUP_SHOW);
  const byKey = new Map<string, number[]>();
  list.forEach((d, i) => {
    const key = groupKey(d);
    const at = byKey.get(key);
    if (at) at.push(i);
    else byKey.set(key, [i]);
  });
  const templates = new Map(options.rules?.map((r) => [r.meta.id, r.meta.messages]));
  const out: GroupedItem<T>[] = [];
  list.forEach((d, index) => {
    const indices = byKey.get(groupKey(d))!;
    if (indices.length < min) {
      out.push({ kind: 'single', diagnostic: d, index });
      return;
    }
    if (indices[0] !== index) return;
    const members = indices.map((i) => list[i]!);
    const distinct = [...new Set(members.map((m) => m.cell))];
    const template = d.messageId === undefined ? undefined : templates.get(d.ruleId)?.[d.messageId];
    const group: DiagnosticGroup = {
      ruleId: d.ruleId,
      ...(d.messageId !== undefined ? { messageId: d.messageId } : {}),
      severity: d.severity,
      sheet: d.sheet,
      ...(d.table !== undefined ? { table: d.table } : {}),
      count: members.length,
      cellCount: distinct.length,
      cells: distinct.slice(0, show),
      message: groupMessage(members, template),
      indices,
    };
    out.push({ kind: 'group', group, diagnostics: members });
  });
  return out;
}

/** Only the groups: what the server's answer and the CLI's JSON add next to the full list. */
export function diagnosticGroups(list: readonly Diagnostic[], options: GroupOptions = {}): DiagnosticGroup[] {
  return groupDiagnostics(list, options).flatMap((item) => (item.kind === 'group' ? [item.group] : []));
}

/** «21 ячейка», or «5 раз» when a cell is counted twice. */
export function groupCountText(group: Pick<DiagnosticGroup, 'count' | 'cellCount'>): string {
  return group.cellCount === group.count ? plural(group.count, ['ячейка', 'ячейки', 'ячеек']) : plural(group.count, ['раз', 'раза', 'раз']);
}

/** «B9, C12, E12, B14, B15 и ещё 69»: the cells a group names, and how many more it holds. */
export function groupCellsText(group: Pick<DiagnosticGroup, 'cells' | 'cellCount'>): string {
  const rest = group.cellCount - group.cells.length;
  return rest > 0 ? `${group.cells.join(', ')} и ещё ${rest}` : group.cells.join(', ');
}
