/**
 * Calendar arithmetic on ISO dates (`YYYY-MM-DD`). Plain integer maths: never the local time zone.
 */

import type { IsoDate } from './types';

/** Years a roadmap deadline may plausibly name; anything else is a typo such as `32021`. */
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

export function isPlausibleYear(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  return MONTH_DAYS[month - 1] ?? 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** '00'…'31': dates are built in the parser's hot path. */
const TWO_DIGITS = Array.from({ length: 32 }, (_, n) => pad(n, 2));

export function isoDate(year: number, month: number, day: number): IsoDate {
  const y = year >= 1000 && year <= 9999 ? String(year) : pad(year, 4);
  return `${y}-${TWO_DIGITS[month] ?? pad(month, 2)}-${TWO_DIGITS[day] ?? pad(day, 2)}`;
}

/** Splits an ISO date into numbers; callers only pass dates made by `isoDate`. */
export function isoParts(date: IsoDate): [year: number, month: number, day: number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/** The day before `date`: `до сентября` ends on the last day of August. */
export function previousDay(date: IsoDate): IsoDate {
  const [y, m, d] = isoParts(date);
  if (d > 1) return isoDate(y, m, d - 1);
  if (m > 1) return isoDate(y, m - 1, daysInMonth(y, m - 1));
  return isoDate(y - 1, 12, 31);
}

/** `dd.mm.yyyy`, the way Russian documents write dates. */
export function russianDate(date: IsoDate): string {
  const [y, m, d] = isoParts(date);
  return `${pad(d, 2)}.${pad(m, 2)}.${pad(y, 4)}`;
}
