/**
 * The grammar of calendar expressions: points (a day, month, quarter, half-year, year, school year),
 * ranges of two points, and lists of them with shared years («Март, август, ноябрь 2023, 2024 гг.»).
 * It only records what is written; years are distributed and checked in resolve.ts.
 */

import { daysInMonth, isPlausibleYear } from './calendar';
import type { Cursor } from './cursor';
import { monthFromKey } from './months';
import {
  BOUND_PREFIXES,
  FILLER_WORDS,
  HALF_YEAR_WORDS,
  ORDINAL_SUFFIXES,
  ORDINAL_WORDS,
  QUARTER_WORDS,
  ROMAN_NUMERALS,
  SCHOOL_WORDS,
  type Bound,
} from './vocabulary';

export type Unit = 'day' | 'month' | 'quarter' | 'half' | 'year' | 'school-year';

/** What is wrong with a point as written: a non-existent date, or a part missing (with or without a best reading). */
export type Flaw = 'invalid' | 'incomplete' | 'unusable';

export interface Point {
  unit: Unit;
  /** Month 1–12 for days and months, 1–4 for quarters, 1–2 for half-years; 0 otherwise. */
  index: number;
  /** Day of month for days; 0 otherwise. */
  day: number;
  /** Years written for this point; several when a year list follows it («март 2023, 2024 гг.»). School year: its first year. */
  years: number[] | null;
  /** Text offsets of the point as written, for problem fragments. */
  start: number;
  end: number;
  flaw: Flaw | null;
}

export interface Item {
  a: Point;
  /** The end of a range; null for a single point. */
  b: Point | null;
  /** How a single point bounds the deadline (`до`, `с`, …); null for ranges and bare points. */
  bound: Bound | null;
  /** `с X до Y`: the range ends before Y rather than with it. */
  endBefore: boolean;
}

export interface ItemList {
  items: Item[];
  /** Cursor position after each item (and its filler): the top level may keep a shorter prefix. */
  ends: number[];
}

function point(unit: Unit, index: number, day: number, years: number[] | null, start: number, end: number, flaw: Flaw | null = null): Point {
  return { unit, index, day, years, start, end, flaw };
}

/** Skips words that add nothing after a date: `г.`, `гг.`, `г.г.`, `года`, `включительно`, `(план)`. */
export function skipFiller(c: Cursor): void {
  for (;;) {
    if (FILLER_WORDS.has(c.word())) c.i++;
    else if (c.isPunct('.') && FILLER_WORDS.has(c.word(-1))) c.i++; // `г.`, `гг.`
    else if (c.isPunct('(') && (c.word(1) === 'план' || c.word(1) === 'включительно') && c.isPunct(')', 2)) c.i += 3;
    else return;
  }
}

/** Two-digit years are this century (`01.10.21`), back to 1990; other lengths cannot be a year. */
function yearFromDigits(digits: string): number {
  if (digits.length === 4) return Number(digits);
  if (digits.length === 2) {
    const yy = Number(digits);
    return yy >= 90 ? 1900 + yy : 2000 + yy;
  }
  return Number.NaN;
}

function isDateSeparator(c: Cursor, k: number): boolean {
  const t = c.tok(k);
  return t !== undefined && t.kind === 'punct' && (t.s === '.' || t.s === '/') && !t.gap;
}

/** A day/month/year date, checked for existence; any broken part makes it an `invalid` point. */
function dayPoint(day: number, month: number, year: number | null, start: number, end: number): Point {
  const ok =
    Number.isInteger(day) && Number.isInteger(month) && month >= 1 && month <= 12 && day >= 1 &&
    (year === null ? day <= daysInMonth(2000, month) : isPlausibleYear(year) && day <= daysInMonth(year, month));
  return point('day', month, day, year === null ? null : [year], start, end, ok ? null : 'invalid');
}

/** `.10.2021`: the day is missing, so the best reading is the month. */
function parseMissingDay(c: Cursor): Point | null {
  const m = c.num(1);
  const y = c.num(3);
  if (!c.isPunct('.') || !m || m.s.length > 2 || !isDateSeparator(c, 2) || !y || y.s.length !== 4) return null;
  const start = c.tok()?.start ?? 0;
  c.i += 4;
  const month = Number(m.s);
  const year = Number(y.s);
  const ok = month >= 1 && month <= 12 && isPlausibleYear(year);
  return point('month', month, 0, [year], start, y.end, ok ? 'incomplete' : 'invalid');
}

/** Numeric dates: `22.01.2021`, `01.10.21`, `22/01/2021`, `2021-01-22`, `11.2021`, `22.01`, and the broken `10..2021`. */
function parseNumeric(c: Cursor): Point | null {
  if (c.isPunct('.')) return parseMissingDay(c);
  const a = c.num();
  const sep = c.tok(1);
  if (!a || !sep || sep.kind !== 'punct' || sep.gap) return null;
  const start = a.start;
  if (sep.s === '.' && c.isPunct('.', 2) && c.num(3)) {
    // `10..2021`: a part is missing and nothing says which.
    const end = c.tok(3)?.end ?? a.end;
    c.i += 4;
    return point('day', 0, 0, null, start, end, 'unusable');
  }
  const b = c.num(2);
  if (!b || (sep.s !== '.' && sep.s !== '/' && sep.s !== '-')) return null;
  const sep2 = c.tok(3);
  const third = c.num(4);
  if (sep2 && sep2.kind === 'punct' && sep2.s === sep.s && !sep2.gap && third) {
    c.i += 5;
    if (a.s.length === 4 && b.s.length <= 2 && third.s.length <= 2) {
      return dayPoint(Number(third.s), Number(b.s), Number(a.s), start, third.end); // ISO order: 2021-01-22
    }
    if (a.s.length > 2 || b.s.length > 2) return point('day', 0, 0, null, start, third.end, 'invalid');
    return dayPoint(Number(a.s), Number(b.s), yearFromDigits(third.s), start, third.end);
  }
  // Two parts joined by a dash are a range (`15-31`, `2020-2023`), not a date.
  if (sep.s === '-' || a.s.length > 2) return null;
  c.i += 3;
  if (b.s.length >= 3) {
    // `11.2021`: month and year.
    const month = Number(a.s);
    const year = yearFromDigits(b.s);
    const ok = month >= 1 && month <= 12 && isPlausibleYear(year);
    return point('month', month, 0, [year], start, b.end, ok ? null : 'invalid');
  }
  return dayPoint(Number(a.s), Number(b.s), null, start, b.end); // `22.01`: no year
}

/** A month word, with the dot of an abbreviation: `сентябрь`, `сентября`, `в сентябре`, `сент.`. */
function takeMonth(c: Cursor): number {
  const m = monthFromKey(c.word());
  if (!m) return 0;
  c.i++;
  if (m.case === 'abbreviation' && isDateSeparator(c, 0) && c.isPunct('.')) c.i++;
  return m.month;
}

/** `19 апреля`, `05 апреля` (year, if any, comes as a year group). */
function parseDayMonth(c: Cursor): Point | null {
  const d = c.num();
  if (!d || d.s.length > 2) return null;
  const save = c.i;
  c.i++;
  const month = takeMonth(c);
  if (!month) {
    c.i = save;
    return null;
  }
  return dayPoint(Number(d.s), month, null, d.start, c.prevEnd());
}

/** A quarter or half-year number: `I`, `IV`, `1`, `1-й`, `первый`, `втором`. Returns 0 when there is none. */
function takeOrdinal(c: Cursor): number {
  const roman = ROMAN_NUMERALS.get(c.word());
  const word = ORDINAL_WORDS.get(c.word());
  if (roman !== undefined || word !== undefined) {
    c.i++;
    return roman ?? word ?? 0;
  }
  const n = c.num();
  if (!n || n.s.length > 1) return 0;
  c.i++;
  if (c.isPunct('-') && ORDINAL_SUFFIXES.has(c.word(1))) c.i += 2;
  return Number(n.s);
}

/** `квартал`/`кв.` → quarter, `полугодие` → half, else null. */
function takePeriodWord(c: Cursor): 'quarter' | 'half' | null {
  const w = c.word();
  if (QUARTER_WORDS.has(w)) {
    c.i++;
    if (w === 'кв' && c.isPunct('.')) c.i++;
    return 'quarter';
  }
  if (HALF_YEAR_WORDS.has(w)) {
    c.i++;
    return 'half';
  }
  return null;
}

function periodPoint(unit: 'quarter' | 'half', n: number, start: number, end: number): Point {
  const ok = n >= 1 && n <= (unit === 'quarter' ? 4 : 2);
  return point(unit, n, 0, null, start, end, ok ? null : 'invalid');
}

/** `I квартал`, `1 кв.`, `II полугодие`, `в первом полугодии`. */
function parseQuarterOrHalf(c: Cursor): Point | null {
  const save = c.i;
  const start = c.tok()?.start ?? 0;
  const n = takeOrdinal(c);
  const unit = n ? takePeriodWord(c) : null;
  if (!unit) {
    c.i = save;
    return null;
  }
  return periodPoint(unit, n, start, c.prevEnd());
}

/** `учебный год`, `учебного года`, `уч. год` after a year pair. */
function takeSchoolWords(c: Cursor): boolean {
  const w = c.word();
  if (!SCHOOL_WORDS.has(w)) return false;
  c.i++;
  if (w === 'уч' && c.isPunct('.')) c.i++;
  if (c.word() === 'год' || c.word() === 'года' || c.word() === 'году') c.i++;
  return true;
}

/** `2020/2021 учебный год`, `2020-2021 уч. год`, `2020/21`: September to August. */
function parseSchoolYear(c: Cursor): Point | null {
  const a = c.num();
  const sep = c.tok(1);
  const b = c.num(2);
  if (!a || a.s.length !== 4 || !sep || sep.kind !== 'punct' || (sep.s !== '/' && sep.s !== '-') || !b) return null;
  if (b.s.length !== 2 && b.s.length !== 4) return null;
  const save = c.i;
  c.i += 3;
  const named = takeSchoolWords(c);
  // A dash between two years is a year range unless «учебный год» follows; a slash is the school-year spelling.
  if (sep.s === '-' && !named) {
    c.i = save;
    return null;
  }
  const first = Number(a.s);
  const second = b.s.length === 2 ? Math.floor(first / 100) * 100 + Number(b.s) : Number(b.s);
  const ok = isPlausibleYear(first) && second === first + 1;
  return point('school-year', 0, 0, [first], a.start, c.prevEnd(), ok ? null : 'invalid');
}

/** A bare plausible year: `2023`. */
function parseYear(c: Cursor): Point | null {
  const t = c.num();
  if (!t || t.s.length !== 4 || !isPlausibleYear(Number(t.s))) return null;
  c.i++;
  return point('year', 0, 0, [Number(t.s)], t.start, t.end);
}

function parseMonthPoint(c: Cursor): Point | null {
  const start = c.tok()?.start ?? 0;
  const month = takeMonth(c);
  return month ? point('month', month, 0, null, start, c.prevEnd()) : null;
}

export function parsePoint(c: Cursor): Point | null {
  return parseSchoolYear(c) ?? parseNumeric(c) ?? parseDayMonth(c) ?? parseQuarterOrHalf(c) ?? parseMonthPoint(c) ?? parseYear(c);
}

/** `года`, `текущего года` after `до конца`: the year itself is left to the plan period. */
function parseYearlessYear(c: Cursor): Point | null {
  const start = c.tok()?.start ?? 0;
  const save = c.i;
  if (c.word() === 'текущего' || c.word() === 'календарного') c.i++;
  if (c.word() !== 'года' && c.word() !== 'год') {
    c.i = save;
    return null;
  }
  c.i++;
  return point('year', 0, 0, null, start, c.prevEnd());
}

/** A number of 4–5 digits after a month: a year, plausible or not (`сентябрь 32021` is an invalid date, not noise). */
function takeYearNumber(c: Cursor): { year: number; end: number } | null {
  const t = c.num();
  if (!t || t.s.length < 4 || t.s.length > 5) return null;
  c.i++;
  return { year: Number(t.s), end: t.end };
}

/** The longest year span a range of years after a month may cover (`март 2021-2023`). */
const MAX_YEAR_SPAN = 30;

/**
 * Years written after a yearless point: `2023 г.`, `2023, 2024 гг.`, `2023 и 2024 годах`, `2021-2023 гг.`.
 * They become the point's own years; resolve.ts shares them with the yearless points before it.
 */
function attachYearGroup(c: Cursor, p: Point): void {
  if (p.years) return;
  const first = takeYearNumber(c);
  if (!first) return;
  const years = [first.year];
  let end = first.end;
  // `2021-2023` is a year range; `декабрь 2020 г. - 2021 г.` is a range of a month and a year, handled by parseItem.
  const tight = !c.done && c.word() === '';
  skipFiller(c);
  const t = c.num(1);
  if (tight && c.isPunct('-') && t && t.s.length === 4 && Number(t.s) > first.year && Number(t.s) - first.year <= MAX_YEAR_SPAN) {
    c.i += 2;
    for (let y = first.year + 1; y <= Number(t.s); y++) years.push(y);
    end = t.end;
    skipFiller(c);
  } else {
    for (;;) {
      const save = c.i;
      if (!c.takePunct(',') && !c.takeWord('и')) break;
      const next = takeYearNumber(c);
      if (!next) {
        c.i = save;
        break;
      }
      years.push(next.year);
      end = next.end;
      skipFiller(c);
    }
  }
  p.years = years;
  p.end = end;
  if (!years.every(isPlausibleYear)) p.flaw = 'invalid';
}

/**
 * Ranges that write the unit once: `15-31 декабря`, `с 15 по 31 декабря`, `I-II квартал`, `1 – 2 полугодие`.
 */
function parseSharedRange(c: Cursor, bound: Bound | null): Item | null {
  const save = c.i;
  const first = c.tok();
  if (!first) return null;
  const joiner = (): boolean => c.takePunct('-') || (bound === 'from' && c.takeWord('по'));

  const d1 = c.num();
  if (d1 && d1.s.length <= 2) {
    c.i++;
    const d2 = joiner() ? c.num() : undefined;
    if (d2 && d2.s.length <= 2) {
      c.i++;
      const month = takeMonth(c);
      if (month) {
        const a = dayPoint(Number(d1.s), month, null, d1.start, d1.end);
        const b = dayPoint(Number(d2.s), month, null, d2.start, c.prevEnd());
        attachYearGroup(c, b);
        return { a, b, bound: null, endBefore: false };
      }
    }
    c.i = save;
  }

  const n1 = takeOrdinal(c);
  if (n1 && joiner()) {
    const secondStart = c.tok()?.start ?? 0;
    const n2 = takeOrdinal(c);
    const unit = n2 ? takePeriodWord(c) : null;
    if (unit) {
      const a = periodPoint(unit, n1, first.start, first.end);
      const b = periodPoint(unit, n2, secondStart, c.prevEnd());
      attachYearGroup(c, b);
      return { a, b, bound: null, endBefore: false };
    }
  }
  c.i = save;
  return null;
}

/** `в течение`, `до`, `не позднее`, `с`…; `в период с` reads as `с`. */
function takeBound(c: Cursor): Bound | null {
  const bound = c.takeLongest(BOUND_PREFIXES);
  if (bound !== 'during') return bound;
  const save = c.i;
  const next = c.takeLongest(BOUND_PREFIXES);
  if (next !== null && next !== 'during') return next;
  c.i = save;
  return bound;
}

/** How the end of a range is joined: a dash, or `по`/`до` after `с`. */
function takeRangeJoiner(c: Cursor, bound: Bound | null): 'dash' | 'to' | 'before' | null {
  if (c.takePunct('-')) return 'dash';
  if (bound === 'from' && c.takeWord('по')) return 'to';
  if (bound === 'from' && c.takeWord('до')) return 'before';
  return null;
}

/** One item: a point or a range, with its bound word and its years. */
export function parseItem(c: Cursor): Item | null {
  const save = c.i;
  const bound = takeBound(c);
  const shared = parseSharedRange(c, bound);
  if (shared) return shared;
  const a = (bound === 'end-of' ? parseYearlessYear(c) : null) ?? parsePoint(c);
  if (!a) {
    c.i = save;
    return null;
  }
  attachYearGroup(c, a);
  skipFiller(c);
  // Only a bare, `в течение` or `с` point may open a range: «до 1 марта – …» is not one.
  if (bound === null || bound === 'during' || bound === 'from') {
    const beforeJoiner = c.i;
    const joiner = takeRangeJoiner(c, bound);
    const b = joiner ? parsePoint(c) : null;
    if (b) {
      attachYearGroup(c, b);
      return { a, b, bound: null, endBefore: joiner === 'before' };
    }
    c.i = beforeJoiner;
  }
  return { a, b: null, bound, endBefore: false };
}

/** Items separated by commas, semicolons, `и`, a dot or nothing: `Сентябрь 2023 г. Март 2024 г.`. */
export function parseItems(c: Cursor): ItemList {
  const items: Item[] = [];
  const ends: number[] = [];
  for (;;) {
    const save = c.i;
    if (items.length > 0 && !c.takePunct(',') && !c.takePunct(';') && !c.takeWord('и')) c.takePunct('.');
    const item = parseItem(c);
    if (!item) {
      c.i = save;
      break;
    }
    skipFiller(c);
    items.push(item);
    ends.push(c.i);
  }
  return { items, ends };
}
