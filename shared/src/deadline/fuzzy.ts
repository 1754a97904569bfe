/**
 * Fuzzy word lookup for misspelt months and keywords («сентяря», «постояно», «в течении»).
 */

/**
 * Damerau-Levenshtein distance (optimal string alignment: insert, delete, substitute, swap two neighbours).
 * Stops early and returns `max + 1` once the distance must exceed `max`, so a miss costs little.
 */
export function damerauLevenshtein(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  // Three rolling rows: the swap rule looks two rows back.
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n] ?? max + 1;
}

/** How far a word may be from a vocabulary form: one edit, two for long forms (≥ 7 letters). */
export function allowedDistance(formLength: number): number {
  return formLength >= 7 ? 2 : 1;
}

/** Words shorter than this are never corrected: «мой» must not become «май». */
export const MIN_FUZZY_LENGTH = 4;

export interface FuzzyCandidate<T> {
  /** The correct form, lower case, ё as е. */
  form: string;
  /** Forms with the same lemma are one meaning: a tie between them is not ambiguous. */
  lemma: string;
  value: T;
}

/**
 * A rough grammatical case from a Russian word's last letter: «июна» looks genitive like «июня», «сентябр»
 * nominative like «сентябрь». Used only to choose between equally close forms of one word.
 */
function endingClass(word: string): number {
  switch (word.charAt(word.length - 1)) {
    case 'я':
    case 'а':
      return 1;
    case 'е':
    case 'и':
    case 'э':
      return 2;
    case 'ю':
    case 'у':
      return 3;
    default:
      return 0;
  }
}

/**
 * The single closest candidate within its allowed distance; null when none is close enough or when two
 * different lemmas are equally close («июнм»: June or July?), because a guess would be a silent error.
 * Among equally close forms of one lemma, the one whose ending matches the word's wins, then the first listed.
 */
export function fuzzyFind<T>(word: string, candidates: readonly FuzzyCandidate<T>[]): FuzzyCandidate<T> | null {
  if (word.length < MIN_FUZZY_LENGTH) return null;
  let best: FuzzyCandidate<T> | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  let ambiguous = false;
  const ending = endingClass(word);
  for (const candidate of candidates) {
    const limit = Math.min(allowedDistance(candidate.form.length), bestDistance);
    const d = damerauLevenshtein(word, candidate.form, limit);
    if (d > limit) continue;
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      ambiguous = false;
    } else if (best && candidate.lemma !== best.lemma) {
      ambiguous = true;
    } else if (best && endingClass(best.form) !== ending && endingClass(candidate.form) === ending) {
      best = candidate;
    }
  }
  return ambiguous ? null : best;
}
