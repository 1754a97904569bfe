/**
 * What changed between two versions of a submission, as a person reads it: roadmap items matched by their number
 * (by their activity when unnumbered), indicators by their key; cell-level noise (spaces, `80` typed as text) is not
 * a change.
 */
import type { CellValue } from '../grid/grid';
import { parseItemNumber } from '../reader/numbering';
import { indicatorValue } from '../rules/values';
import { collapseWhitespace, matchKey } from '../text/normalize';
import { matchIndicators } from './match';
import type { DiffItem, IndicatorEntry, RoadmapEntry, SubmissionContent, SubmissionDiff } from './types';

type Change = { field: string; before: CellValue; after: CellValue };

const LABEL_LENGTH = 80;

function shorten(text: string): string {
  const t = collapseWhitespace(text);
  return t.length > LABEL_LENGTH ? t.slice(0, LABEL_LENGTH - 1).trimEnd() + '…' : t;
}

function roadmapBase(entry: RoadmapEntry): string {
  const n = parseItemNumber(entry.number);
  if (n) return n.components.join('.');
  if (entry.number && entry.number.trim()) return entry.number.trim();
  return 'мероприятие: ' + matchKey(entry.activity);
}

/**
 * Keys that are unique on each side: a base key repeated on either side (item numbers restarting in every section,
 * two tables numbered alike) is qualified by the section, and a key still repeated gets its occurrence `#2`, `#3`.
 */
function keysOf<T>(before: readonly T[], after: readonly T[], base: (e: T) => string, section: (e: T) => string | null): [string[], string[]] {
  const repeated = new Set<string>();
  for (const side of [before, after]) {
    const seen = new Set<string>();
    for (const e of side) {
      const k = base(e);
      if (seen.has(k)) repeated.add(k);
      seen.add(k);
    }
  }
  const keys = (side: readonly T[]) => {
    const count = new Map<string, number>();
    return side.map((e) => {
      const b = base(e);
      const k = repeated.has(b) && section(e) ? `${collapseWhitespace(section(e)!)} › ${b}` : b;
      const n = (count.get(k) ?? 0) + 1;
      count.set(k, n);
      return n === 1 ? k : `${k} #${n}`;
    });
  };
  return [keys(before), keys(after)];
}

function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  return collapseWhitespace(a ?? '') === collapseWhitespace(b ?? '');
}

/** Equal as a reader of the sheet sees them: `80` and «80», «да» and «Да», empty and missing. */
export function sameValue(a: CellValue, b: CellValue): boolean {
  const x = indicatorValue(a ?? null);
  const y = indicatorValue(b ?? null);
  if (x.kind !== y.kind) return false;
  if (x.kind === 'number' && y.kind === 'number') return x.value === y.value;
  if (x.kind === 'boolean' && y.kind === 'boolean') return x.value === y.value;
  if (x.kind === 'text' && y.kind === 'text') return x.text === y.text;
  return true;
}

function roadmapLabel(e: RoadmapEntry): string {
  return shorten([e.number ?? '', e.activity].filter((s) => s.trim() !== '').join(' '));
}

function roadmapChanges(a: RoadmapEntry, b: RoadmapEntry): Change[] {
  const out: Change[] = [];
  for (const field of ['activity', 'deadline', 'executor', 'result', 'section'] as const) {
    if (!sameText(a[field], b[field])) out.push({ field, before: a[field] ?? null, after: b[field] ?? null });
  }
  const years = [...new Set([...Object.keys(a.plan ?? {}), ...Object.keys(b.plan ?? {})])].sort();
  for (const y of years) {
    const x = a.plan?.[y] ?? null;
    const z = b.plan?.[y] ?? null;
    if (!sameText(x, z)) out.push({ field: `план ${y}`, before: x, after: z });
  }
  return out;
}

function indicatorChanges(a: IndicatorEntry, b: IndicatorEntry): Change[] {
  const out: Change[] = [];
  if (!sameText(a.name, b.name)) out.push({ field: 'name', before: a.name, after: b.name });
  if (!sameText(a.section, b.section)) out.push({ field: 'section', before: a.section, after: b.section });
  if (!sameText(a.unit, b.unit)) out.push({ field: 'unit', before: a.unit, after: b.unit });
  const years = [...new Set([...Object.keys(a.values), ...Object.keys(b.values)])].sort();
  for (const y of years) {
    const x = a.values[y] ?? null;
    const z = b.values[y] ?? null;
    if (!sameValue(x, z)) out.push({ field: y, before: x, after: z });
  }
  return out;
}

function diffLists<T>(
  kind: DiffItem['kind'],
  before: readonly T[],
  after: readonly T[],
  keys: [string[], string[]],
  label: (e: T) => string,
  changes: (a: T, b: T) => Change[],
  fuzzy: ((unmatchedAfter: number[], unmatchedBefore: number[]) => Array<number | null>) | null,
  out: SubmissionDiff,
): void {
  const [beforeKeys, afterKeys] = keys;
  const beforeIndex = new Map<string, number>();
  beforeKeys.forEach((k, i) => beforeIndex.set(k, i));
  const pairOf = new Map<number, number>(); // after index → before index
  afterKeys.forEach((k, i) => {
    const j = beforeIndex.get(k);
    if (j !== undefined) pairOf.set(i, j);
  });
  if (fuzzy) {
    const pairedBefore = new Set(pairOf.values());
    const freeAfter = afterKeys.map((_, i) => i).filter((i) => !pairOf.has(i));
    const freeBefore = beforeKeys.map((_, j) => j).filter((j) => !pairedBefore.has(j));
    fuzzy(freeAfter, freeBefore).forEach((k, n) => {
      if (k !== null) pairOf.set(freeAfter[n]!, freeBefore[k]!);
    });
  }
  const paired = new Set(pairOf.values());
  before.forEach((e, j) => {
    if (!paired.has(j)) out.removed.push({ kind, key: beforeKeys[j]!, label: label(e) });
  });
  after.forEach((e, i) => {
    const j = pairOf.get(i);
    if (j === undefined) {
      out.added.push({ kind, key: afterKeys[i]!, label: label(e) });
      return;
    }
    const fields = changes(before[j]!, e);
    if (fields.length) out.changed.push({ kind, key: afterKeys[i]!, label: label(e), fields });
  });
}

/** Added, removed and changed roadmap items and indicators between two versions of a municipality's submission. */
export function diffSubmissions(before: SubmissionContent, after: SubmissionContent): SubmissionDiff {
  const out: SubmissionDiff = { added: [], removed: [], changed: [] };
  diffLists(
    'roadmap',
    before.roadmap,
    after.roadmap,
    keysOf(before.roadmap, after.roadmap, roadmapBase, (e) => e.section),
    roadmapLabel,
    roadmapChanges,
    null,
    out,
  );
  diffLists(
    'indicator',
    before.indicators,
    after.indicators,
    keysOf(before.indicators, after.indicators, (e) => e.key, (e) => e.section),
    (e) => shorten(e.name),
    indicatorChanges,
    // A misspelling corrected between versions is a change of the name, not a removal and an addition.
    (freeAfter, freeBefore) =>
      matchIndicators(
        freeAfter.map((i) => after.indicators[i]!),
        freeBefore.map((j) => before.indicators[j]!),
      ).map((m) => (m.outcome === 'merged' ? m.template : null)),
    out,
  );
  return out;
}
