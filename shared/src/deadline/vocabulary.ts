/**
 * The words and phrases of deadline texts, other than month names (see months.ts).
 * Every word is lower case with ё written as е, as the tokenizer produces them.
 */

import { PhraseTable } from './cursor';
import type { FuzzyCandidate } from './fuzzy';
import { MONTH_FUZZY_CANDIDATES } from './months';
import type { NoFixedDateReason, RecurrenceUnit } from './types';

type Phrase<T> = readonly [readonly string[], T];

const table = <T>(entries: ReadonlyArray<Phrase<T>>): PhraseTable<T> => new PhraseTable(entries);

const words = (phrase: string): readonly string[] => phrase.split(' ');

/**
 * No-fixed-date phrases that may be followed by anything: the tail names the plan, schedule or period
 * («по плану работы методических служб, …», «в соответствии с планом мероприятий проекта»).
 */
export const OPEN_TAIL_PHRASES: PhraseTable<NoFixedDateReason> = table([
  ...[
    'в течение всего периода',
    'в течение всего срока',
    'в течение периода реализации',
    'в течение срока реализации',
    'на протяжении всего периода',
    'весь период',
    'в период реализации',
  ].map((p) => [words(p), 'whole-period'] as const),
  ...[
    'по графику',
    'по отдельному графику',
    'по отдельным графикам',
    'по утвержденному графику',
    'по согласованному графику',
    'согласно графику',
    'в соответствии с графиком',
  ].map((p) => [words(p), 'by-schedule'] as const),
  ...[
    'в соответствии с планом',
    'в соответствии с планами',
    // A real seed row reads «в соответствии и с планом курсовых мероприятий».
    'в соответствии и с планом',
    'по плану',
    'по планам',
    'согласно плану',
  ].map((p) => [words(p), 'by-plan'] as const),
  ...['по запросу', 'по запросам', 'по заявке', 'по заявкам', 'по мере поступления'].map((p) => [words(p), 'on-request'] as const),
  ...['по мере необходимости', 'при необходимости', 'по необходимости'].map((p) => [words(p), 'as-needed'] as const),
]);

/** No-fixed-date phrases that must stand alone (or before a qualifier clause). */
export const STRICT_PHRASES: PhraseTable<NoFixedDateReason> = table([
  ...['постоянно', 'на постоянной основе', 'в постоянном режиме', 'ежедневно', 'круглогодично'].map(
    // «ежедневно»: there is no daily recurrence unit, and every day is, for a deadline, the same as always.
    (p) => [words(p), 'permanent'] as const,
  ),
  ...['в течение года', 'в течение всего года', 'в течение календарного года', 'в течение учебного года'].map(
    (p) => [words(p), 'throughout-year'] as const,
  ),
]);

/** «в течение года» phrases read as the plan year when the plan has one year (not the school year one). */
export const CALENDAR_YEAR_PHRASES: PhraseTable<true> = table(
  ['в течение года', 'в течение всего года', 'в течение календарного года'].map((p) => [words(p), true] as const),
);

export type Bound = 'during' | 'before' | 'not-after' | 'end-of' | 'from';

/** Words before a date that say how it bounds the deadline. `до` means «before», `не позднее` «by the end of». */
export const BOUND_PREFIXES: PhraseTable<Bound> = table([
  ...['в течение', 'в', 'во', 'на', 'в период', 'на протяжении', 'в срок'].map((p) => [words(p), 'during'] as const),
  ...['до', 'в срок до', 'срок до', 'к', 'ко'].map((p) => [words(p), 'before'] as const),
  ...['не позднее', 'не позже', 'в срок не позднее', 'по'].map((p) => [words(p), 'not-after'] as const),
  ...['до конца', 'до окончания', 'к концу', 'к окончанию', 'не позднее конца', 'не позже конца', 'не позднее окончания'].map(
    (p) => [words(p), 'end-of'] as const,
  ),
  ...['с', 'со', 'начиная с', 'начиная со', 'не ранее', 'не раньше'].map((p) => [words(p), 'from'] as const),
]);

/** Words after a date that add nothing: `г.`, `гг.`, `года`, `включительно`. */
export const FILLER_WORDS: ReadonlySet<string> = new Set(['г', 'гг', 'год', 'года', 'годы', 'годах', 'году', 'годов', 'включительно']);

/** Recurrence adverbs. */
export const RECURRENCE_ADVERBS: PhraseTable<RecurrenceUnit> = table([
  [['еженедельно'], 'week'],
  [['ежемесячно'], 'month'],
  [['ежеквартально'], 'quarter'],
  [['ежегодно'], 'year'],
  [words('каждую неделю'), 'week'],
  [words('каждый месяц'), 'month'],
  [words('каждый квартал'), 'quarter'],
  [words('каждое полугодие'), 'half-year'],
  [words('каждый год'), 'year'],
]);

/** The unit after «раз в …». */
export const RECURRENCE_UNITS: PhraseTable<RecurrenceUnit> = table([
  [['неделю'], 'week'],
  [['месяц'], 'month'],
  [['квартал'], 'quarter'],
  [['полугодие'], 'half-year'],
  [['полгода'], 'half-year'],
  [['год'], 'year'],
  [words('учебный год'), 'year'],
  [words('календарный год'), 'year'],
]);

/** Counts in «не реже двух раз в год». */
export const COUNT_WORDS: ReadonlyMap<string, number> = new Map([
  ['один', 1], ['одного', 1], ['два', 2], ['двух', 2], ['три', 3], ['трех', 3], ['четыре', 4], ['четырех', 4],
  ['пять', 5], ['пяти', 5], ['шесть', 6], ['шести', 6],
]);

/** «дважды в год»: a count that needs no «раз». */
export const TIMES_WORDS: ReadonlyMap<string, number> = new Map([['однажды', 1], ['дважды', 2], ['трижды', 3]]);

/** Ordinals before «квартал» and «полугодие». */
export const ORDINAL_WORDS: ReadonlyMap<string, number> = new Map([
  ...['первый', 'первое', 'первом', 'первого', 'первая'].map((w) => [w, 1] as const),
  ...['второй', 'второе', 'втором', 'второго', 'вторая'].map((w) => [w, 2] as const),
  ...['третий', 'третье', 'третьем', 'третьего', 'третья'].map((w) => [w, 3] as const),
  ...['четвертый', 'четвертое', 'четвертом', 'четвертого', 'четвертая'].map((w) => [w, 4] as const),
]);

export const ROMAN_NUMERALS: ReadonlyMap<string, number> = new Map([['i', 1], ['ii', 2], ['iii', 3], ['iv', 4]]);

/** Suffixes of written ordinals: `1-й`, `2-го`, `1-е`. */
export const ORDINAL_SUFFIXES: ReadonlySet<string> = new Set(['й', 'го', 'м', 'ом', 'е', 'ое', 'ый', 'ого', 'ий']);

export const QUARTER_WORDS: ReadonlySet<string> = new Set(['квартал', 'квартала', 'квартале', 'кварталы', 'кварталах', 'кварталов', 'кв']);
export const HALF_YEAR_WORDS: ReadonlySet<string> = new Set(['полугодие', 'полугодия', 'полугодии', 'полугодиях', 'полугодий']);
/** «учебный год» in its forms, including the `уч. год` abbreviation. */
export const SCHOOL_WORDS: ReadonlySet<string> = new Set(['учебный', 'учебного', 'учебном', 'учебному', 'уч']);

/** Day units of relative deadlines, as days. */
export const RELATIVE_UNITS: ReadonlyMap<string, number> = new Map([
  ['день', 1], ['дня', 1], ['дней', 1], ['суток', 1],
  ['неделя', 7], ['недели', 7], ['недель', 7], ['неделю', 7],
]);

/** Words after which a relative deadline names its event: «со дня проведения мероприятия». */
export const EVENT_CONNECTORS: PhraseTable<string> = table(
  ['со дня', 'с дня', 'с даты', 'от даты', 'с момента', 'после', 'после даты', 'после дня', 'по окончании', 'по завершении', 'по итогам'].map(
    (p) => [words(p), p] as const,
  ),
);

/** Words that let the text go on after a leading deadline without changing it («…, в том числе …»). */
export const QUALIFIER_STARTS: ReadonlyArray<readonly string[]> = ['в том числе', 'в т ч', 'а также', 'далее'].map(words);

/** Extra qualifier starts after a recurrence: «ежемесячно до 5 числа». */
export const RECURRENCE_QUALIFIER_STARTS: ReadonlyArray<readonly string[]> = ['до', 'не позднее', 'не позже', 'в срок', 'к', 'в', 'по'].map(words);

/** Keywords worth correcting when misspelt; `lemma` groups forms of one word. */
const KEYWORD_FORMS: ReadonlyArray<readonly [string, string]> = [
  ['постоянно', 'постоянно'],
  ['ежемесячно', 'ежемесячно'],
  ['ежеквартально', 'ежеквартально'],
  ['ежегодно', 'ежегодно'],
  ['еженедельно', 'еженедельно'],
  ['ежедневно', 'ежедневно'],
  ['течение', 'течение'],
  ['квартал', 'квартал'],
  ['квартала', 'квартал'],
  ['квартале', 'квартал'],
  ['полугодие', 'полугодие'],
  ['полугодия', 'полугодие'],
  ['полугодии', 'полугодие'],
  ['включительно', 'включительно'],
  ['позднее', 'позднее'],
  ['соответствии', 'соответствии'],
  ['графику', 'график'],
  ['необходимости', 'необходимости'],
  ['запросу', 'запрос'],
  ['запросам', 'запрос'],
  ['периода', 'период'],
  ['учебный', 'учебный'],
  ['учебного', 'учебный'],
];

export const FUZZY_CANDIDATES: readonly FuzzyCandidate<unknown>[] = [
  ...MONTH_FUZZY_CANDIDATES,
  ...KEYWORD_FORMS.map(([form, lemma]) => ({ form, lemma, value: null })),
];

/** Every word the grammar knows: such a word is never «corrected» into another. */
export const KNOWN_WORDS: ReadonlySet<string> = (() => {
  const known = new Set<string>();
  const addPhrases = (phrases: PhraseTable<unknown>): void => {
    for (const [ws] of phrases.entries) for (const w of ws) known.add(w);
  };
  addPhrases(OPEN_TAIL_PHRASES);
  addPhrases(STRICT_PHRASES);
  addPhrases(BOUND_PREFIXES);
  addPhrases(RECURRENCE_ADVERBS);
  addPhrases(RECURRENCE_UNITS);
  for (const set of [FILLER_WORDS, QUARTER_WORDS, HALF_YEAR_WORDS, SCHOOL_WORDS, ORDINAL_SUFFIXES]) for (const w of set) known.add(w);
  for (const map of [COUNT_WORDS, TIMES_WORDS, ORDINAL_WORDS, ROMAN_NUMERALS, RELATIVE_UNITS]) for (const w of map.keys()) known.add(w);
  addPhrases(EVENT_CONNECTORS);
  addPhrases(CALENDAR_YEAR_PHRASES);
  for (const ws of QUALIFIER_STARTS) for (const w of ws) known.add(w);
  for (const c of FUZZY_CANDIDATES) known.add(c.form);
  for (const w of ['не', 'реже', 'менее', 'раз', 'раза', 'рабочих', 'календарных', 'конца', 'текущего', 'календарного', 'план', 'через', 'и']) {
    known.add(w);
  }
  return known;
})();
