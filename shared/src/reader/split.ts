/**
 * Does one text continue another? A page break in Word cuts a cell's text anywhere; the tail lands in the first row of
 * the next page. These predicates read the two halves only; where the tail may be is the table reader's business.
 */

/** A head that ends a sentence or a list item needs nothing after it. */
const ENDS_COMPLETE = /[.;!?…]\s*$/;
/** A head ending in a comma, a dash or a preposition or conjunction goes on. */
const ENDS_OPEN = /(?:[,–—]|(?:^|\s)(?:в|во|на|с|со|по|для|и|или|к|ко|от|до|из|за|о|об|при|через|между|а|но))\s*$/i;
/** «Рефлексивно-» + «аналитическая»: a word broken at its hyphen. */
const ENDS_HYPHEN = /[а-яёa-z]-\s*$/i;
/**
 * A genitive modifier cannot open a name or a sentence: «Забайкальского края» is the end of «Минобразования
 * Забайкальского края». At least three letters before -ого keep «Много», «Строго» out.
 */
const GENITIVE_START = /^[А-ЯЁ][а-яё]{3,}(?:ого|его)\s+[а-яё]|^[А-ЯЁ][а-яё]+(?:ской|цкой)\s+(?:области|республики|Федерации)/;
/** A lower-case start (after an opening quote or bracket, or HTML debris such as `<p>`): a sentence cut mid-way. */
const STARTS_LOWER = /^(?:<[^>]*>)*[«"(]?[а-яёa-z]/;

/** Quotes or brackets the head leaves open and the tail closes before opening any: one phrase, cut in two. */
function closesWhatHeadOpened(head: string, tail: string): boolean {
  for (const [open, close] of [['«', '»'], ['(', ')']] as const) {
    let depth = 0;
    for (const ch of head) {
      if (ch === open) depth++;
      else if (ch === close && depth > 0) depth--;
    }
    if (depth === 0) continue;
    for (const ch of tail) {
      if (ch === open) break;
      if (ch === close) return true;
    }
  }
  return false;
}

export function startsLowerCase(text: string): boolean {
  return STARTS_LOWER.test(text.trim());
}

/**
 * The tail cannot stand on its own after this head: the head is unfinished and the tail plainly continues it (a
 * closing quote, a broken word, a dependent genitive). A lower-case start alone is not enough here: results and
 * roles are often written in lower case («проведены: …», «куратор»).
 */
export function plainlyContinues(head: string, tail: string): boolean {
  const h = head.trim();
  const t = tail.trim();
  // A head that already ends with the tail was joined before (the fix writes the whole text into both parts).
  if (h === '' || t === '' || ENDS_COMPLETE.test(h) || h.endsWith(t)) return false;
  if (ENDS_HYPHEN.test(h)) return startsLowerCase(t);
  return ENDS_OPEN.test(h) || closesWhatHeadOpened(h, t) || GENITIVE_START.test(t);
}
