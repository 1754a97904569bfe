import { FUNCTION_WORDS } from './vocabulary';

const FUNCTION = new Set(FUNCTION_WORDS);
const WORD = /[a-zа-я0-9]+/g;

/** The words of a text: lower case, «ё» as «е», letters and digits only (hyphens and quotes separate). */
export function words(text: string): string[] {
  return text.toLowerCase().replace(/ё/g, 'е').match(WORD) ?? [];
}

/** The words that carry meaning: no function words, no one-letter words. */
export function contentWords(text: string): string[] {
  return words(text).filter((w) => w.length > 1 && !FUNCTION.has(w));
}

/**
 * Two forms of one Russian word: equal, or sharing a beginning that leaves at most three letters of ending
 * («показатель» / «показателя», «школ» / «школами», «русскому» / «русский»), never fewer than four letters.
 */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = Math.min(a.length, b.length);
  if (shorter < 4) return false;
  let common = 0;
  while (common < shorter && a.charCodeAt(common) === b.charCodeAt(common)) common++;
  return common >= Math.max(4, Math.max(a.length, b.length) - 4) && common >= shorter - 3;
}

/** The share of `a`'s content words that `b` has in some form: 1 when `b` says everything `a` says. */
export function coverage(a: readonly string[], b: readonly string[]): number {
  if (!a.length) return 0;
  let found = 0;
  for (const w of a) if (b.some((v) => sameWord(w, v))) found++;
  return found / a.length;
}
