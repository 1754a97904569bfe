/**
 * Column mappings as the pane's «Столбцы» step and the server handle them (issue #11): which headers of the content
 * the reader could not read a user may place, what Svod placed already, and how remembered mappings combine. Pure.
 */
import { matchKey } from '../text/normalize';
import type { UnreadContent } from './model';
import { headerRole, MAPPABLE_ROLES, type ColumnRole } from './vocabulary';

/** A role a user may choose, with its Russian name, in the order the choice lists it. */
export interface RoleChoice {
  role: ColumnRole;
  name: string;
}

export const ROLE_CHOICES: readonly RoleChoice[] = (Object.entries(MAPPABLE_ROLES) as Array<[ColumnRole, string]>).map(([role, name]) => ({ role, name }));

/** The Russian name of a role (the id for a role no user can choose, such as `year`). */
export function roleName(role: ColumnRole): string {
  return MAPPABLE_ROLES[role] ?? (role === 'year' ? 'годы' : role);
}

/** One header label the user can place: where it is, what it says, what Svod made of it. */
export interface MappableHeader {
  sheet: string;
  /** Column, 0-based. */
  col: number;
  text: string;
  /** The role Svod gave it (the vocabulary's or a remembered mapping's), null when it could not place it. */
  role: ColumnRole | null;
  /** The role comes from Svod's own vocabulary, not from a mapping: a mapping cannot take it away. */
  known: boolean;
}

/** A header-like row Svod could not read as a table, as the step shows it. */
export interface MappingTarget {
  sheet: string;
  /** The header-like row's first label, A1 style: where Svod looked. */
  cell: { row: number; col: number };
  kind: UnreadContent['kind'];
  rows: number;
  headers: MappableHeader[];
  /** Roles the table needs that none of its headers has yet. */
  missing: ColumnRole[];
}

/**
 * The step's targets: every unread header row (a sheet named like a plan with no header row gives nothing to place).
 */
export function mappingTargets(unread: ReadonlyArray<{ sheet: string; content: readonly UnreadContent[] }>): MappingTarget[] {
  const out: MappingTarget[] = [];
  for (const { sheet, content } of unread) {
    for (const u of content) {
      if (u.reason !== 'header' || u.headers.length === 0) continue;
      out.push({
        sheet,
        cell: u.cell,
        kind: u.kind,
        rows: u.rows,
        headers: u.headers.map((h) => ({ sheet, col: h.col, text: h.text, role: h.role, known: h.role !== null && headerRole(h.text) === h.role })),
        missing: [...u.missing],
      });
    }
  }
  return out;
}

/** What the user chose per header text: a role, or null for «не учитывать». */
export type ColumnChoices = Record<string, ColumnRole | null>;

/** The preselection: what Svod placed each header as. */
export function suggestedChoices(targets: readonly MappingTarget[]): ColumnChoices {
  const out: ColumnChoices = {};
  for (const t of targets) for (const h of t.headers) if (!(h.text in out)) out[h.text] = h.role;
  return out;
}

/**
 * The mapping the choices make: only headers the user placed and Svod's vocabulary does not place that way itself
 * (repeating the vocabulary would freeze today's reading into the remembered mapping).
 */
export function columnsFromChoices(choices: ColumnChoices): Record<string, ColumnRole> {
  const out: Record<string, ColumnRole> = {};
  for (const [text, role] of Object.entries(choices)) if (role && headerRole(text) !== role) out[text] = role;
  return out;
}

/**
 * Remembered mappings combined, the later layers winning (the municipality's on the server, then this workbook's):
 * two texts with the same `matchKey` are one header, so the later one replaces the earlier one.
 */
export function mergeColumns(...layers: Array<Readonly<Record<string, ColumnRole>> | null | undefined>): Record<string, ColumnRole> | undefined {
  const byKey = new Map<string, [string, ColumnRole]>();
  for (const layer of layers) {
    if (!layer) continue;
    for (const [text, role] of Object.entries(layer)) {
      const key = matchKey(text);
      if (key === '') continue;
      byKey.delete(key);
      byKey.set(key, [text, role]);
    }
  }
  if (byKey.size === 0) return undefined;
  return Object.fromEntries(byKey.values());
}

/** The same mapping, whatever the order and spelling of its header texts. */
export function sameColumns(a: Readonly<Record<string, ColumnRole>> | null | undefined, b: Readonly<Record<string, ColumnRole>> | null | undefined): boolean {
  const norm = (m: Readonly<Record<string, ColumnRole>> | null | undefined) =>
    Object.entries(m ?? {})
      .map(([t, r]) => `${matchKey(t)}\u0001${r}`)
      .sort()
      .join('\u0002');
  return norm(a) === norm(b);
}

/** «Что делаем» → мероприятие, «Когда» → срок: the mapping as a user reads it. */
export function columnsText(columns: Readonly<Record<string, ColumnRole>>): string {
  return Object.entries(columns)
    .map(([text, role]) => `«${text}» → ${roleName(role)}`)
    .join(', ');
}

/**
 * The remembered mapping after the step: the headers the step showed are decided by the choices (a header set to
 * «не учитывать» is forgotten), every other remembered header stays.
 */
export function updatedColumns(remembered: Readonly<Record<string, ColumnRole>> | null | undefined, choices: ColumnChoices): Record<string, ColumnRole> {
  const decided = new Set(Object.keys(choices).map(matchKey));
  const kept: Record<string, ColumnRole> = {};
  for (const [text, role] of Object.entries(remembered ?? {})) if (!decided.has(matchKey(text))) kept[text] = role;
  return mergeColumns(kept, columnsFromChoices(choices)) ?? {};
}
