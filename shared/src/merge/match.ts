/**
 * How a submission's indicators meet the regional template. A value in the wrong row is the worst defect the regional
 * workbook can have, so a row is merged by itself only when the match is unambiguous: the same name up to punctuation,
 * case, spaces and ё/е; one trailing word more or less; or a two-letter misspelling of a long name — and no other
 * template indicator nearly as close («… (базовый уровень)» and «… (профильный уровень)» are different indicators).
 * Everything else waits for a mapping the coordinator confirms once (`IndicatorMapping`), and says «did you mean …».
 */
import { editDistance } from '../text/distance';
import { FUZZY_MAX_DISTANCE, FUZZY_MIN_LENGTH } from './key';

/** A coordinator's decision about a submitted indicator name: which template indicator it is, or none. */
export interface IndicatorMapping {
  /** `indicatorKey` of the submitted name. */
  from: string;
  /** The submitted name as the coordinator saw it (for the record). */
  name: string;
  /** `indicatorKey` of the template indicator, or null: «not a template indicator, leave it out». */
  to: string | null;
}

export type MatchHow = 'exact' | 'trailing-word' | 'spelling' | 'mapped';

export type IndicatorMatch =
  /** Goes into the Свод at template row `template`. */
  | { outcome: 'merged'; template: number; how: MatchHow }
  /** Two or more template indicators are about as close: the coordinator chooses. */
  | { outcome: 'ambiguous'; candidates: number[] }
  /** No template indicator close enough to merge by itself; `candidates` are the «did you mean» names, maybe none. */
  | { outcome: 'unmatched'; candidates: number[] }
  /** The coordinator decided this name is not a template indicator. */
  | { outcome: 'ignored' }
  /** An earlier row of the same submission already gave template row `template`. */
  | { outcome: 'duplicate'; template: number }
  /** A row with values but no name. */
  | { outcome: 'unnamed' };

/** True when the coordinator has to look at this row before the Свод is complete. */
export function awaitsMapping(match: IndicatorMatch): boolean {
  return match.outcome === 'ambiguous' || (match.outcome === 'unmatched' && match.candidates.length > 0);
}

/** A second template indicator this many letters further away than the best one still makes the match ambiguous. */
const RIVAL_MARGIN = 3;
/** «Did you mean»: template names sharing at least this share of words (Dice), at most this many. */
const SUGGEST_SIMILARITY = 0.5;
const SUGGEST_COUNT = 3;

interface Closeness {
  auto: 'trailing-word' | 'spelling' | null;
  /** Letters to change; for a trailing word, the word and its space. */
  distance: number;
}

/** The digits of a key, in order: «5 класс» and «6 класс» are different indicators however close the letters. */
function digits(key: string): string {
  return key.replace(/\D+/g, ' ').trim();
}

function closeness(a: string, b: string): Closeness | null {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if (shorter !== '' && longer.startsWith(shorter + ' ') && !longer.slice(shorter.length + 1).includes(' ')) {
    // One word more or less at the end («… компетентности» / «… компетентности педагогов»), not a number.
    const word = longer.slice(shorter.length + 1);
    if (!/\d/.test(word)) return { auto: 'trailing-word', distance: word.length + 1 };
  }
  if (a.length >= FUZZY_MIN_LENGTH && b.length >= FUZZY_MIN_LENGTH && digits(a) === digits(b)) {
    const d = editDistance(a, b, FUZZY_MAX_DISTANCE);
    if (d <= FUZZY_MAX_DISTANCE) return { auto: 'spelling', distance: d };
  }
  return null;
}

function words(key: string): Set<string> {
  return new Set(key.split(' ').filter((w) => w.length > 1));
}

/** Dice coefficient of two keys' word sets. */
function similarity(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return (2 * common) / (a.size + b.size);
}

export interface MatchOptions {
  mappings?: readonly IndicatorMapping[];
}

/**
 * Pairs each entry with a template row. Mapped and exact names first (the n-th entry with a key takes the n-th template
 * row with it), then the rest one by one, in order. Each template row is taken at most once; an entry that would take
 * a row already taken is a duplicate. Deterministic: the same entries and template give the same result.
 */
export function matchIndicators(entries: ReadonlyArray<{ key: string }>, template: ReadonlyArray<{ key: string }>, options: MatchOptions = {}): IndicatorMatch[] {
  const out: Array<IndicatorMatch | null> = entries.map(() => null);
  const taken = new Set<number>();
  const rowsByKey = new Map<string, number[]>();
  template.forEach((t, i) => {
    const list = rowsByKey.get(t.key);
    if (list) list.push(i);
    else rowsByKey.set(t.key, [i]);
  });
  const mapping = new Map((options.mappings ?? []).map((m) => [m.from, m]));
  /** The first free row with this key, or the duplicate outcome when every such row is taken. */
  const take = (key: string, how: MatchHow): IndicatorMatch | null => {
    const rows = rowsByKey.get(key);
    if (!rows) return null;
    const free = rows.find((r) => !taken.has(r));
    if (free === undefined) return { outcome: 'duplicate', template: rows[0]! };
    taken.add(free);
    return { outcome: 'merged', template: free, how };
  };

  entries.forEach((e, i) => {
    if (e.key === '') {
      out[i] = { outcome: 'unnamed' };
      return;
    }
    const m = mapping.get(e.key);
    if (m) out[i] = m.to === null ? { outcome: 'ignored' } : take(m.to, 'mapped');
    else if (rowsByKey.has(e.key)) out[i] = take(e.key, 'exact');
  });

  const templateWords = template.map((t) => words(t.key));
  entries.forEach((e, i) => {
    if (out[i] !== null) return;
    const autos: Array<{ row: number; how: 'trailing-word' | 'spelling'; distance: number }> = [];
    template.forEach((t, j) => {
      if (taken.has(j)) return;
      const c = closeness(e.key, t.key);
      if (c?.auto) autos.push({ row: j, how: c.auto, distance: c.distance });
    });
    const distinct = new Set(autos.map((a) => template[a.row]!.key));
    if (distinct.size === 1) {
      const best = autos[0]!;
      const limit = best.distance + RIVAL_MARGIN;
      const own = digits(e.key);
      const rivals: number[] = [];
      template.forEach((t, j) => {
        if (t.key === template[best.row]!.key || digits(t.key) !== own) return;
        if (editDistance(e.key, t.key, limit) <= limit) rivals.push(j);
      });
      if (!rivals.length) {
        taken.add(best.row);
        out[i] = { outcome: 'merged', template: best.row, how: best.how };
        return;
      }
      out[i] = { outcome: 'ambiguous', candidates: [best.row, ...rivals].slice(0, SUGGEST_COUNT + 1) };
      return;
    }
    if (distinct.size > 1) {
      out[i] = { outcome: 'ambiguous', candidates: autos.map((a) => a.row).slice(0, SUGGEST_COUNT + 1) };
      return;
    }
    const own = words(e.key);
    const scored = templateWords
      .map((w, j) => ({ row: j, score: similarity(own, w) }))
      .filter((s) => s.score >= SUGGEST_SIMILARITY)
      .sort((a, b) => b.score - a.score || a.row - b.row)
      .slice(0, SUGGEST_COUNT);
    out[i] = { outcome: 'unmatched', candidates: scored.map((s) => s.row) };
  });
  return out as IndicatorMatch[];
}
