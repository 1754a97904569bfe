/**
 * The deadline parser: free Russian text from a roadmap's deadline column → a structured `Deadline`.
 *
 * Readings are tried in order: recurrences («ежемесячно», with their period clauses), phrases that may be
 * followed by anything («по плану …»), then a leading reading (a fixed phrase, a relative deadline, or calendar
 * dates) that must cover the whole text apart from filler and a trailing qualifier clause. If nothing fits,
 * misspelt months and keywords are corrected and the text is read again; the corrections are reported as
 * `typo` problems.
 */

import { collapseWhitespace, unifyCharacters } from '../text/normalize';
import { isPlausibleYear, isoDate } from './calendar';
import { Cursor, PhraseTable } from './cursor';
import { parseItems, skipFiller, type Item } from './dates';
import { fuzzyFind } from './fuzzy';
import { monthFromKey } from './months';
import { partsToDeadline, resolveItems, type Part } from './resolve';
import { matchingKey, tokenize, type Token } from './tokens';
import type { DateInterval, Deadline, DeadlineContext, DeadlineProblem, NoFixedDateReason, ParsedDeadline, RecurrenceUnit } from './types';
import {
  CALENDAR_YEAR_PHRASES,
  COUNT_WORDS,
  EVENT_CONNECTORS,
  FUZZY_CANDIDATES,
  KNOWN_WORDS,
  OPEN_TAIL_PHRASES,
  QUALIFIER_STARTS,
  RECURRENCE_ADVERBS,
  RECURRENCE_QUALIFIER_STARTS,
  RECURRENCE_UNITS,
  RELATIVE_UNITS,
  STRICT_PHRASES,
  TIMES_WORDS,
} from './vocabulary';

export { deadlineSpan, formatDeadline } from './format';

/** Longer texts are not matched as dates (a cell that long is prose), only checked for a leading phrase. */
export const MAX_MATCH_LENGTH = 500;

interface Reading {
  value: Deadline | null;
  yearInferred: boolean;
  problems: DeadlineProblem[];
  /** Tokens before this index were used by the reading; a typo after it is not reported. */
  end: number;
}

interface Input {
  text: string;
  tokens: readonly Token[];
  ctx: DeadlineContext;
}

/** The single plan year, when the plan period is one year. */
function planYear(ctx: DeadlineContext): number | null {
  const p = ctx.period;
  return p && p.from === p.to ? p.from : null;
}

function yearInterval(year: number): DateInterval {
  return { from: isoDate(year, 1, 1), to: isoDate(year, 12, 31) };
}

function noFixedDate(reason: NoFixedDateReason, end: number): Reading {
  return { value: { kind: 'no-fixed-date', reason }, yearInferred: false, problems: [], end };
}

// ——— what may follow a leading reading ———

const TRAILING_PUNCTUATION = new Set(['.', ',', ';', ':', '!', '?', '…']);

function startsWithAny(c: Cursor, table: ReadonlyArray<readonly string[]>): boolean {
  return table.some((words) => c.startsWith(words));
}

/** A clause that may follow a deadline without changing it: after a comma, in brackets, «в том числе …», «по плану …». */
function isQualifierStart(c: Cursor, afterRecurrence: boolean): boolean {
  if (c.isPunct(',') || c.isPunct(';') || c.isPunct(':') || c.isPunct('(')) return true;
  if (startsWithAny(c, QUALIFIER_STARTS)) return true;
  const save = c.i;
  const phrase = c.takeLongest(OPEN_TAIL_PHRASES);
  c.i = save;
  if (phrase !== null) return true;
  return afterRecurrence && startsWithAny(c, RECURRENCE_QUALIFIER_STARTS);
}

function isTrailingPunctuation(t: Token | undefined): boolean {
  return t !== undefined && t.kind === 'punct' && TRAILING_PUNCTUATION.has(t.s);
}

/** The rest is empty apart from filler and trailing punctuation, or is a qualifier clause. */
function restIsAcceptable(c: Cursor, afterRecurrence = false): boolean {
  skipFiller(c);
  const save = c.i;
  while (isTrailingPunctuation(c.tok())) c.i++;
  if (c.done) return true;
  c.i = save;
  return isQualifierStart(c, afterRecurrence);
}

// ——— calendar dates ———

/** Reads items as dates; `end` is where the reading stops. */
function datesReading(items: readonly Item[], input: Input, end: number): Reading {
  const r = resolveItems(items, input.text, input.ctx);
  return { value: r.parts ? partsToDeadline(r.parts) : null, yearInferred: r.yearInferred, problems: r.problems, end };
}

/** The longest run of leading items after which the rest is acceptable («июль 2021 г., qwerty» keeps July). */
function readDates(c: Cursor, input: Input): Reading | null {
  const start = c.i;
  const { items, ends } = parseItems(c);
  for (let k = items.length; k > 0; k--) {
    c.i = ends[k - 1] ?? start;
    const end = c.i;
    if (restIsAcceptable(c)) return datesReading(items.slice(0, k), input, end);
  }
  c.i = start;
  return null;
}

// ——— recurrence ———

const RECURRENCE_MARKERS = new Set(['ежемесячно', 'ежеквартально', 'ежегодно', 'еженедельно', 'раз', 'раза', 'однажды', 'дважды', 'трижды', 'каждый', 'каждое', 'каждую']);

const WHOLE_PERIOD = ['в', 'течение', 'всего', 'периода'];
const SCHOOL_YEAR = ['в', 'течение', 'учебного', 'года'];

/** `не реже одного раза в квартал`, `2 раза в год`, `дважды в год`, `раз в полгода`. */
function takeFrequency(c: Cursor): { unit: RecurrenceUnit; times: number } | null {
  const save = c.i;
  if (c.word() === 'не' && (c.word(1) === 'реже' || c.word(1) === 'менее')) c.i += 2;
  let times = TIMES_WORDS.get(c.word());
  if (times !== undefined) c.i++;
  else {
    const n = c.num();
    times = n && n.s.length <= 2 ? Number(n.s) : COUNT_WORDS.get(c.word());
    if (times !== undefined) c.i++;
    if (!c.takeWord('раз') && !c.takeWord('раза')) {
      c.i = save;
      return null;
    }
  }
  const unit = c.takeWord('в') || c.takeWord('за') ? c.takeLongest(RECURRENCE_UNITS) : null;
  if (!unit || times === 0) {
    c.i = save;
    return null;
  }
  return { unit, times: times ?? 1 };
}

/** The overall span of parts: earliest start to latest end, open if any part is open. */
function spanOfParts(parts: readonly Part[]): DateInterval {
  let from: string | null = null;
  let to: string | null = null;
  let openFrom = false;
  let openTo = false;
  for (const p of parts) {
    const f = p.kind === 'date' ? p.date : p.from;
    const t = p.kind === 'date' ? p.date : p.to;
    if (f === null) openFrom = true;
    else if (from === null || f < from) from = f;
    if (t === null) openTo = true;
    else if (to === null || t > to) to = t;
  }
  return { from: openFrom ? null : from, to: openTo ? null : to };
}

/**
 * Whether a date clause of a recurrence bounds its period. A yearless «до 5 мая» in «ежегодно, до 5 мая» is
 * the deadline within each repetition, not a period, so it is read and left out.
 */
function isRecurrencePeriod(item: Item): boolean {
  const bounded = item.bound === 'before' || item.bound === 'not-after' || item.bound === 'end-of';
  return !bounded || item.a.years !== null;
}

/**
 * A recurrence with optional period clauses in any order: `ежегодно 2021-2023 гг. не реже 1 раза в полгода`,
 * `в течение года, ежемесячно, …`. An explicit `N раз в …` beats an adverb: it is the more precise statement.
 */
function readRecurrence(c: Cursor, input: Input): Reading | null {
  if (!input.tokens.some((t) => RECURRENCE_MARKERS.has(t.s))) return null;
  const start = c.i;
  let adverb: RecurrenceUnit | null = null;
  let frequency: { unit: RecurrenceUnit; times: number } | null = null;
  const items: Item[] = [];
  let within: 'year' | 'period' | null = null;
  let afterComma = false;
  let end = c.i;
  while (!c.done) {
    const unit = c.takeLongest(RECURRENCE_ADVERBS);
    const freq = unit ? null : takeFrequency(c);
    if (unit || freq) {
      adverb = adverb ?? unit;
      frequency = frequency ?? freq;
    } else if (c.takeLongest(CALENDAR_YEAR_PHRASES)) {
      within = 'year';
    } else if (c.takeWords(WHOLE_PERIOD)) {
      within = 'period';
    } else if (!c.takeWords(SCHOOL_YEAR)) {
      // («в течение учебного года» says nothing about calendar years, so it is only skipped.)
      const list = parseItems(c);
      if (list.items.length === 0) {
        if (!afterComma && (c.takePunct(',') || c.takePunct(';'))) {
          afterComma = true;
          continue;
        }
        if (c.takeWord('и')) continue;
        break;
      }
      items.push(...list.items.filter(isRecurrencePeriod));
    }
    skipFiller(c);
    afterComma = false;
    end = c.i;
  }
  const chosen = frequency ?? (adverb ? { unit: adverb, times: 1 } : null);
  if (!chosen || !(c.done || afterComma || restIsAcceptable(c, true))) {
    c.i = start;
    return null;
  }
  return recurrenceReading(chosen, items, within, input, end);
}

function recurrenceReading(
  chosen: { unit: RecurrenceUnit; times: number },
  items: readonly Item[],
  within: 'year' | 'period' | null,
  input: Input,
  end: number,
): Reading {
  const period = input.ctx.period;
  const year = planYear(input.ctx);
  let span: DateInterval | null = null;
  let yearInferred = false;
  const problems: DeadlineProblem[] = [];
  if (items.length > 0) {
    const r = resolveItems(items, input.text, input.ctx);
    // A recurrence is a deadline even when its period's year is unknown: the period is then left open.
    const fatal = r.problems.some((p) => p.code === 'invalid-date' || (p.code === 'incomplete' && !r.parts));
    if (fatal) return { value: null, yearInferred: false, problems: r.problems, end };
    problems.push(...r.problems.filter((p) => p.code !== 'missing-year'));
    if (r.parts) {
      span = spanOfParts(r.parts);
      yearInferred = r.yearInferred;
    }
  } else if (within === 'year' && year !== null) {
    span = yearInterval(year);
    yearInferred = true;
  } else if (within === 'period' && period) {
    span = { from: isoDate(period.from, 1, 1), to: isoDate(period.to, 12, 31) };
    yearInferred = true;
  }
  return { value: { kind: 'recurrence', every: chosen.unit, times: chosen.times, within: span }, yearInferred, problems, end };
}

// ——— relative deadlines ———

/** Words before the number of days: «не позднее 10 дней …», «в течение 5 рабочих дней …», «через 2 недели …». */
const RELATIVE_LIMITS = new PhraseTable(['в срок не позднее', 'не позднее', 'не позже', 'в течение', 'через'].map((p) => [p.split(' '), true] as const));
const OPEN_CONNECTORS = new Set(['после', 'по окончании', 'по завершении', 'по итогам']);
const EVENT_TRAILING = new Set([' ', '.', ',', ';', ':', '!', '?', '…']);
const HAS_LETTER_OR_DIGIT = /[\p{L}\d]/u;

/** Drops trailing spaces and punctuation with a loop: a `[…]+$` regex would rescan long punctuation runs. */
function trimTrailing(text: string): string {
  let end = text.length;
  while (end > 0 && EVENT_TRAILING.has(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

/** `Не позднее 10 дней со дня проведения мероприятия`, `в течение 5 рабочих дней после …`, `после …`. */
function readRelative(c: Cursor, input: Input): Reading | null {
  const start = c.i;
  let maxDays: number | null = null;
  let workingDays = false;
  const limited = c.takeLongest(RELATIVE_LIMITS) !== null;
  if (limited) {
    const n = c.num();
    const count = n && n.s.length <= 3 ? Number(n.s) : COUNT_WORDS.get(c.word());
    if (count !== undefined) c.i++;
    workingDays = c.takeWord('рабочих');
    if (!workingDays) c.takeWord('календарных');
    const unit = RELATIVE_UNITS.get(c.word());
    if (unit === undefined) {
      c.i = start;
      return null;
    }
    c.i++;
    maxDays = (count ?? 1) * unit;
  }
  const connectorStart = c.i;
  const connector = c.takeLongest(EVENT_CONNECTORS);
  const eventToken = c.tok();
  if (!connector || !eventToken || (!limited && (connectorStart !== start || !OPEN_CONNECTORS.has(connector)))) {
    c.i = start;
    return null;
  }
  const event = trimTrailing(input.text.slice(eventToken.start));
  if (!HAS_LETTER_OR_DIGIT.test(event)) {
    c.i = start;
    return null;
  }
  const value: Extract<Deadline, { kind: 'relative' }> = { kind: 'relative', event, maxDays };
  if (workingDays) value.workingDays = true;
  return { value, yearInferred: false, problems: [], end: input.tokens.length };
}

// ——— fixed phrases ———

/** `по плану …`, `по отдельному графику`, also after a leading «в течение года», which they make precise. */
function readOpenTail(c: Cursor): Reading | null {
  const start = c.i;
  let reason = c.takeLongest(OPEN_TAIL_PHRASES);
  if (!reason && c.takeLongest(CALENDAR_YEAR_PHRASES)) {
    c.takePunct(',');
    reason = c.takeLongest(OPEN_TAIL_PHRASES);
    // «в течение года по плану …»: the plan, not the year, says when; whole-period phrases would not.
    if (reason === 'whole-period') reason = null;
  }
  if (!reason) {
    c.i = start;
    return null;
  }
  return noFixedDate(reason, c.i);
}

/** `Постоянно`, `в течение года`: must stand alone or before a qualifier. */
function readStrictPhrase(c: Cursor, input: Input): Reading | null {
  const start = c.i;
  const calendarYear = c.takeLongest(CALENDAR_YEAR_PHRASES) !== null;
  const calendarEnd = c.i;
  c.i = start;
  const reason = c.takeLongest(STRICT_PHRASES);
  const end = c.i;
  if (!reason || !restIsAcceptable(c)) {
    c.i = start;
    return null;
  }
  const year = planYear(input.ctx);
  // «в течение года» in a one-year plan is that year; in a longer plan it means every year.
  if (reason === 'throughout-year' && calendarYear && calendarEnd === end && year !== null) {
    return { value: { kind: 'interval', ...yearInterval(year) }, yearInferred: true, problems: [], end };
  }
  return noFixedDate(reason, end);
}

/** Bullet marks some sheets put before the text. */
function skipLeadingMarks(c: Cursor): void {
  while (c.isPunct('-') || c.isPunct('*') || c.isPunct('•') || c.isPunct('·')) c.i++;
}

/** Recurrence first: «в течение всего периода, ежеквартально» is quarterly, not merely «the whole period». */
const READERS: ReadonlyArray<(c: Cursor, input: Input) => Reading | null> = [readRecurrence, readOpenTail, readStrictPhrase, readRelative, readDates];

function read(input: Input, longText: boolean): Reading | null {
  const c = new Cursor(input.tokens);
  skipLeadingMarks(c);
  const start = c.i;
  // A text too long to match as dates may still open with a no-fixed-date phrase («Постоянно, …»).
  if (longText) return readOpenTail(c) ?? readStrictPhrase(c, input);
  for (const reader of READERS) {
    c.i = start;
    const r = reader(c, input);
    if (r) return r;
  }
  return null;
}

// ——— typos ———

interface Correction {
  index: number;
  expected: string;
}

const correctionCache = new Map<string, string | null>();
const CACHE_LIMIT = 5000;

function correctWord(word: string): string | null {
  const cached = correctionCache.get(word);
  if (cached !== undefined) return cached;
  const found = fuzzyFind(word, FUZZY_CANDIDATES)?.form ?? null;
  if (correctionCache.size >= CACHE_LIMIT) correctionCache.clear();
  correctionCache.set(word, found);
  return found;
}

function findCorrections(tokens: readonly Token[]): Correction[] {
  const corrections: Correction[] = [];
  tokens.forEach((t, index) => {
    if (t.kind !== 'word' || KNOWN_WORDS.has(t.s) || monthFromKey(t.s)) return;
    const expected = correctWord(t.s);
    if (expected) corrections.push({ index, expected });
  });
  return corrections;
}

/** The replacement written the way the original was: «Сентяря» → «Сентября», «ПОСТОЯНО» → «ПОСТОЯННО». */
function matchCapitalisation(original: string, replacement: string): string {
  if (original.length > 1 && original === original.toUpperCase() && original !== original.toLowerCase()) return replacement.toUpperCase();
  const first = original.charAt(0);
  if (first !== first.toLowerCase()) return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  return replacement;
}

function readWithCorrections(input: Input): Reading | null {
  const corrections = findCorrections(input.tokens);
  if (corrections.length === 0) return null;
  const tokens = input.tokens.slice();
  for (const k of corrections) {
    const t = tokens[k.index];
    if (t) tokens[k.index] = { ...t, s: k.expected };
  }
  const reading = read({ ...input, tokens }, false);
  if (!reading) return null;
  const used = corrections.filter((k) => k.index < reading.end);
  let suggestion = input.text;
  for (const k of [...used].reverse()) {
    const t = input.tokens[k.index];
    if (!t) continue;
    suggestion = suggestion.slice(0, t.start) + matchCapitalisation(suggestion.slice(t.start, t.end), k.expected) + suggestion.slice(t.end);
  }
  for (const k of used) {
    const t = input.tokens[k.index];
    if (t) reading.problems.push({ code: 'typo', fragment: input.text.slice(t.start, t.end), expected: k.expected, suggestion });
  }
  return reading;
}

// ——— entry points ———

/** Characters `unifyCharacters`/`collapseWhitespace` would change inside a trimmed text. */
const NEEDS_NORMALISATION = /[^\S ]| {2}|[\u00AD\u200B-\u200D\u2060\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/;

/** `collapseWhitespace(unifyCharacters(text))`, skipped when trimming alone gives the same (most cells). */
function normalise(text: string): string {
  const trimmed = text.trim();
  return NEEDS_NORMALISATION.test(trimmed) ? collapseWhitespace(unifyCharacters(trimmed)) : trimmed;
}

function unparsed(text: string): ParsedDeadline {
  return { text, value: null, yearInferred: false, problems: [{ code: 'unparsed' }] };
}

/**
 * Sheets repeat the same few deadline texts («Постоянно», «2021 г.») thousands of times: results are memoised
 * per text and plan period, and handed out as copies so a caller may change its result freely.
 */
const resultCache = new Map<string, ParsedDeadline>();
const RESULT_CACHE_LIMIT = 4096;
const MAX_CACHED_LENGTH = 200;

function copyDeadline(d: Deadline): Deadline {
  switch (d.kind) {
    case 'several':
      return { kind: 'several', parts: d.parts.map((p) => ({ ...p })) };
    case 'recurrence':
      return { ...d, within: d.within ? { ...d.within } : null };
    default:
      return { ...d };
  }
}

function copyResult(r: ParsedDeadline): ParsedDeadline {
  return { text: r.text, value: r.value ? copyDeadline(r.value) : null, yearInferred: r.yearInferred, problems: r.problems.map((p) => ({ ...p })) };
}

/** Reads a deadline text. Never throws; what it cannot read comes back with `value: null` and a problem. */
export function parseDeadline(text: string, ctx: DeadlineContext = {}): ParsedDeadline {
  const raw = typeof text === 'string' ? text : String(text ?? '');
  if (raw.length > MAX_CACHED_LENGTH) return parseUncached(raw, ctx);
  const key = `${ctx.period?.from ?? ''}:${ctx.period?.to ?? ''}:${raw}`;
  let result = resultCache.get(key);
  if (result === undefined) {
    result = parseUncached(raw, ctx);
    if (resultCache.size >= RESULT_CACHE_LIMIT) resultCache.clear();
    resultCache.set(key, result);
  }
  return copyResult(result);
}

function parseUncached(raw: string, ctx: DeadlineContext): ParsedDeadline {
  const clean = normalise(raw);
  if (clean === '') return unparsed(clean);
  const longText = clean.length > MAX_MATCH_LENGTH;
  const tokens = tokenize(matchingKey(longText ? clean.slice(0, MAX_MATCH_LENGTH) : clean));
  const input: Input = { text: clean, tokens, ctx };
  const reading = read(input, longText) ?? (longText ? null : readWithCorrections(input));
  if (!reading) return unparsed(clean);
  return { text: clean, value: reading.value, yearInferred: reading.yearInferred, problems: reading.problems };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Reads a spreadsheet cell. Null for an empty cell. A date cell is that day (UTC parts, as adapters store
 * calendar dates at UTC midnight); a whole number 1990–2100 is that year; any other number cannot be a deadline.
 */
export function deadlineFromCell(value: string | number | boolean | Date | null, ctx: DeadlineContext = {}): ParsedDeadline | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return normalise(value) === '' ? null : parseDeadline(value, ctx);
  if (typeof value === 'number') {
    const text = Number.isFinite(value) ? String(value) : '';
    if (!isPlausibleYear(value)) return unparsed(text);
    return { text, value: { kind: 'interval', ...yearInterval(value) }, yearInferred: false, problems: [] };
  }
  if (value instanceof Date) {
    const time = value.getTime();
    if (Number.isNaN(time)) return unparsed('');
    const y = value.getUTCFullYear();
    const m = value.getUTCMonth() + 1;
    const d = value.getUTCDate();
    const text = `${pad2(d)}.${pad2(m)}.${y}`;
    if (!isPlausibleYear(y)) return { text, value: null, yearInferred: false, problems: [{ code: 'invalid-date', fragment: text }] };
    return { text, value: { kind: 'date', date: isoDate(y, m, d) }, yearInferred: false, problems: [] };
  }
  return unparsed(value ? 'да' : 'нет');
}
