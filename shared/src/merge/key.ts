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
