/**
 * Russian month vocabulary: every form a deadline cell uses, plus a forgiving lookup for misspellings.
 */

import { fuzzyFind, type FuzzyCandidate } from './fuzzy';

export type MonthCase = 'nominative' | 'genitive' | 'prepositional' | 'dative';

export interface MonthWord {
  /** 1–12. */
  month: number;
  /** Grammatical case of the form; abbreviations («сент.») have none. */
  case: MonthCase | 'abbreviation';
  /** The form in lower case. */
  form: string;
}

const CASES: readonly MonthCase[] = ['nominative', 'genitive', 'prepositional', 'dative'];

/** Per month: nominative (январь), genitive (января), prepositional (в январе), dative (к январю); then abbreviations. */
const TABLE: ReadonlyArray<readonly [forms: readonly string[], abbreviations: readonly string[]]> = [
  [['январь', 'января', 'январе', 'январю'], ['янв']],
  [['февраль', 'февраля', 'феврале', 'февралю'], ['фев', 'февр']],
  [['март', 'марта', 'марте', 'марту'], ['мар']],
  [['апрель', 'апреля', 'апреле', 'апрелю'], ['апр']],
  [['май', 'мая', 'мае', 'маю'], []],
  [['июнь', 'июня', 'июне', 'июню'], ['июн']],
  [['июль', 'июля', 'июле', 'июлю'], ['июл']],
  [['август', 'августа', 'августе', 'августу'], ['авг']],
  [['сентябрь', 'сентября', 'сентябре', 'сентябрю'], ['сен', 'сент', 'сентяб']],
  [['октябрь', 'октября', 'октябре', 'октябрю'], ['окт']],
  [['ноябрь', 'ноября', 'ноябре', 'ноябрю'], ['ноя', 'нояб']],
  [['декабрь', 'декабря', 'декабре', 'декабрю'], ['дек']],
];

/** Nominative month names, index 0 = January: «январь». */
export const MONTH_NOMINATIVE: readonly string[] = TABLE.map(([forms]) => forms[0] ?? '');
/** Genitive month names, index 0 = January: «января». */
export const MONTH_GENITIVE: readonly string[] = TABLE.map(([forms]) => forms[1] ?? '');

const EXACT = new Map<string, MonthWord>();
const FUZZY: FuzzyCandidate<MonthWord>[] = [];

TABLE.forEach(([forms, abbreviations], index) => {
  const month = index + 1;
  forms.forEach((form, i) => {
    const word: MonthWord = { month, case: CASES[i] ?? 'nominative', form };
    EXACT.set(form, word);
    // Only full forms are correction targets: «сен» is too short to tell a typo from another word.
    FUZZY.push({ form, lemma: `month-${month}`, value: word });
  });
  for (const form of abbreviations) EXACT.set(form, { month, case: 'abbreviation', form });
});

/** Lower case, ё → е, no trailing dot: how every lookup compares words. */
export function monthKey(word: string): string {
  return word.trim().toLowerCase().replace(/ё/g, 'е').replace(/\.$/, '');
}

/** `lookupMonth` for a word already in key form (lower case, е for ё, no dot): the parser's hot path. */
export function monthFromKey(key: string): MonthWord | null {
  return EXACT.get(key) ?? null;
}

/** The month a word names exactly (any capitalisation, ё/е, abbreviations with or without the dot), or null. */
export function lookupMonth(word: string): MonthWord | null {
  return EXACT.get(monthKey(word)) ?? null;
}

/**
 * The month a misspelt word most likely names: within one edit of a full form, two for forms of 7+ letters.
 * Exact forms are found by `lookupMonth`; this returns null for them, for short words and for ties between months.
 */
export function fuzzyMonth(word: string): MonthWord | null {
  const key = monthKey(word);
  if (EXACT.has(key)) return null;
  return fuzzyFind(key, FUZZY)?.value ?? null;
}

/** Full month forms as fuzzy-lookup candidates (the parser merges them with its keywords). */
export const MONTH_FUZZY_CANDIDATES: readonly FuzzyCandidate<MonthWord>[] = FUZZY;
