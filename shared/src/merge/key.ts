import { editDistance } from '../text/distance';
import { matchKey, unifyCharacters } from '../text/normalize';

/** Footnote marks glued to a name: superscript digits, `*`, `⁾`. */
const FOOTNOTES = /[¹²³⁴⁵⁶⁷⁸⁹⁰*⁾]+/g;
/** `1.`, `1.1`, `1.1.1.`, `I.`, `2)`, or a bare `3` before a capital letter: the row's number, not its name. */
const LEADING_NUMBER = /^\s*(?:(?:\d{1,3}\.)+\d{0,3}|[IVXLC]{1,6}\.|\d{1,3}\))\s+|^\s*\d{1,3}\s+(?=[А-ЯЁA-Z])/;
/** «… из них:», «… в том числе:», «… из которых:» at the end: the mark of a parent row, not part of the name. */
const CHILDREN_MARK = /\s*[,:;-]?\s*(из\s+(них|которых)|в\s+том\s+числе|в\s+т\s*\.?\s*ч\.?)\s*:?\s*$/i;

/**
 * How an indicator of a submission meets the template's: `matchKey` of the name without footnote marks, a leading
 * number and a trailing «из них:». «1.2. Доля школ¹, из них:» and «доля школ» have the same key.
 */
export function indicatorKey(name: string): string {
  let text = unifyCharacters(name).replace(FOOTNOTES, ' ');
  text = text.replace(LEADING_NUMBER, '');
  text = text.replace(CHILDREN_MARK, '');
  return matchKey(text).replace(CHILDREN_MARK, '');
}

/** Keys shorter than this are matched exactly only: two letters make a different short name. */
export const FUZZY_MIN_LENGTH = 20;
export const FUZZY_MAX_DISTANCE = 2;

/** The digits of a key, in order: «5 класс» and «6 класс» are different indicators however close the letters. */
function digits(key: string): string {
  return key.replace(/\D+/g, ' ').trim();
}

/** True when two keys name the same indicator: equal, or a small misspelling of a long name with the same numbers. */
export function keysMatch(a: string, b: string): boolean {
  if (a === b) return true;
  return fuzzyDistance(a, b) <= FUZZY_MAX_DISTANCE;
}

function fuzzyDistance(a: string, b: string): number {
  if (a.length < FUZZY_MIN_LENGTH || b.length < FUZZY_MIN_LENGTH) return Infinity;
  if (digits(a) !== digits(b)) return Infinity;
  return editDistance(a, b, FUZZY_MAX_DISTANCE);
}

/**
 * Pairs each entry with a template indicator: by exact key first (the n-th entry with a key takes the n-th template
 * row with it), then the rest by edit distance ≤ 2 for long names, closest first. Each template row is taken at most
 * once. Returns, for every entry, the index of its template indicator or null.
 */
export function matchToTemplate(entries: ReadonlyArray<{ key: string }>, template: ReadonlyArray<{ key: string }>): Array<number | null> {
  const out: Array<number | null> = entries.map(() => null);
  const taken = new Set<number>();
  const byKey = new Map<string, number[]>();
  template.forEach((t, i) => {
    const list = byKey.get(t.key);
    if (list) list.push(i);
    else byKey.set(t.key, [i]);
  });
  entries.forEach((e, i) => {
    const free = byKey.get(e.key)?.find((t) => !taken.has(t));
    if (free === undefined) return;
    out[i] = free;
    taken.add(free);
  });
  // Fuzzy pairs, best first, so that a misspelling never steals the row of a closer one.
  const candidates: Array<{ entry: number; template: number; distance: number }> = [];
  entries.forEach((e, i) => {
    if (out[i] !== null) return;
    template.forEach((t, j) => {
      if (taken.has(j)) return;
      const distance = fuzzyDistance(e.key, t.key);
      if (distance <= FUZZY_MAX_DISTANCE) candidates.push({ entry: i, template: j, distance });
    });
  });
  candidates.sort((a, b) => a.distance - b.distance || a.entry - b.entry || a.template - b.template);
  for (const c of candidates) {
    if (out[c.entry] !== null || taken.has(c.template)) continue;
    out[c.entry] = c.template;
    taken.add(c.template);
  }
  return out;
}
