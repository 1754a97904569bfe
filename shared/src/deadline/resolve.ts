/**
 * Turns parsed items into calendar intervals: shares written years between items, takes a missing year from
 * the plan period, checks that every day exists and that ranges run forwards.
 */

import { daysInMonth, isoDate, isoParts, previousDay } from './calendar';
import type { Item, Point } from './dates';
import type { Deadline, DeadlineContext, DeadlineProblem, IsoDate } from './types';
import type { Bound } from './vocabulary';

export type Part = Extract<Deadline, { kind: 'date' | 'interval' }>;

interface Span {
  from: IsoDate;
  to: IsoDate;
}

export interface Resolution {
  /** Null when the items cannot be read as dates (invalid, incomplete without a reading, or year unknown). */
  parts: Part[] | null;
  problems: DeadlineProblem[];
  yearInferred: boolean;
}

/**
 * Years an item without written years takes from elsewhere. `end`: from a later item, so a range that crosses
 * the new year starts a year earlier (`декабрь – январь 2022`); `start`: from an earlier item or the plan period,
 * so it ends a year later.
 */
interface Borrowed {
  years: number[];
  mode: 'start' | 'end';
  inferred: boolean;
  /** Taken from an earlier item: «декабрь 2021, январь» goes on into the next year when it would go back. */
  fromEarlier: boolean;
}

function pointSpan(p: Point, year: number): Span | null {
  switch (p.unit) {
    case 'day':
      return p.day <= daysInMonth(year, p.index) ? { from: isoDate(year, p.index, p.day), to: isoDate(year, p.index, p.day) } : null;
    case 'month':
      return { from: isoDate(year, p.index, 1), to: isoDate(year, p.index, daysInMonth(year, p.index)) };
    case 'quarter':
      return { from: isoDate(year, p.index * 3 - 2, 1), to: isoDate(year, p.index * 3, daysInMonth(year, p.index * 3)) };
    case 'half':
      return { from: isoDate(year, p.index * 6 - 5, 1), to: isoDate(year, p.index * 6, daysInMonth(year, p.index * 6)) };
    case 'year':
      return { from: isoDate(year, 1, 1), to: isoDate(year, 12, 31) };
    case 'school-year':
      return { from: isoDate(year, 9, 1), to: isoDate(year + 1, 8, 31) };
  }
}

function monthOf(date: IsoDate): number {
  return isoParts(date)[1];
}

/** A range of two yearless points crosses the new year when its end falls in an earlier month than its start. */
function crossesNewYear(a: Point, b: Point, year: number): boolean {
  const sa = pointSpan(a, year);
  const sb = pointSpan(b, year);
  return sa !== null && sb !== null && sa.from > sb.to && monthOf(sb.to) < monthOf(sa.from);
}

function applyBound(span: Span, bound: Bound | null, unit: Point['unit']): Part {
  switch (bound) {
    case 'before':
      // «до 14.05.2021» includes the day; «до сентября» ends before September.
      return { kind: 'interval', from: null, to: unit === 'day' ? span.from : previousDay(span.from) };
    case 'not-after':
    case 'end-of':
      return { kind: 'interval', from: null, to: span.to };
    case 'from':
      return { kind: 'interval', from: span.from, to: null };
    default:
      return unit === 'day' ? { kind: 'date', date: span.from } : { kind: 'interval', from: span.from, to: span.to };
  }
}

/**
 * Year pairs for the two ends of a range. A range whose one stated year would have to move the other end out of the
 * plan period to cross a new year («май – март 2024 г.» in a plan for 2024) is read as written, in that year, and so
 * comes out reversed; inside the period a school year across two years («сентябрь – май 2024 г.» in 2023–2024) stays.
 */
function rangeYears(a: Point, b: Point, borrowed: Borrowed | null, period: DeadlineContext['period']): Array<[number, number]> {
  const ya = a.years;
  const yb = b.years;
  if (ya && yb) return yb.map((y, k) => [ya[Math.min(k, ya.length - 1)] ?? y, y]);
  if (yb) return yb.map((y) => [crossesNewYear(a, b, y) && !(period && y - 1 < period.from) ? y - 1 : y, y]);
  if (ya) return ya.map((y) => [y, crossesNewYear(a, b, y) && !(period && y + 1 > period.to) ? y + 1 : y]);
  if (!borrowed) return [];
  return borrowed.years.map((y) => {
    if (!crossesNewYear(a, b, y)) return [y, y];
    return borrowed.mode === 'end' ? [y - 1, y] : [y, y + 1];
  });
}

function ownYears(item: Item, first: boolean): number[] | null {
  return first ? (item.a.years ?? item.b?.years ?? null) : (item.b?.years ?? item.a.years ?? null);
}

/** Written years flow back to the yearless items before them («Январь, апрель 2023 г.»), then forward; then the plan year. */
function borrowYears(items: readonly Item[], ctx: DeadlineContext): Array<Borrowed | null | 'missing'> {
  const result: Array<Borrowed | null | 'missing'> = items.map(() => null);
  let carry: number[] | null = null;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i] as Item;
    const own = ownYears(item, true);
    if (own) carry = own;
    else if (carry) result[i] = { years: carry, mode: 'end', inferred: false, fromEarlier: false };
  }
  carry = null;
  const period = ctx.period;
  const planYear = period && period.from === period.to ? period.from : null;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as Item;
    const own = ownYears(item, false);
    if (own) {
      carry = own.slice(-1);
      continue;
    }
    if (result[i] !== null) continue;
    if (carry) result[i] = { years: carry, mode: 'start', inferred: false, fromEarlier: true };
    else if (planYear !== null) result[i] = { years: [planYear], mode: 'start', inferred: true, fromEarlier: false };
    else result[i] = 'missing';
  }
  return result;
}

/** A year carried forward moves on by one when the item would otherwise start before the one it follows. */
function followOn(loan: Borrowed | null, a: Point, previousStart: IsoDate | null): Borrowed | null {
  if (!loan || !loan.fromEarlier || previousStart === null) return loan;
  const years = loan.years.map((y) => {
    const span = pointSpan(a, y);
    return span && previousStart !== null && span.from < previousStart ? y + 1 : y;
  });
  return { ...loan, years };
}

function isWholeYear(p: Part): p is Extract<Part, { kind: 'interval' }> & { from: IsoDate; to: IsoDate } {
  return p.kind === 'interval' && p.from !== null && p.to !== null && p.from.endsWith('-01-01') && p.to.endsWith('-12-31');
}

/** `В течение 2023, 2024 гг.` is one span: consecutive whole years merge. */
function mergeConsecutiveYears(parts: Part[]): Part[] {
  if (parts.length < 2 || !parts.every(isWholeYear)) return parts;
  const years = parts.map((p) => (p.kind === 'interval' && p.from ? isoParts(p.from)[0] : 0));
  const lastYears = parts.map((p) => (p.kind === 'interval' && p.to ? isoParts(p.to)[0] : 0));
  for (let k = 1; k < parts.length; k++) if (years[k] !== (lastYears[k - 1] ?? 0) + 1) return parts;
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (!first || first.kind !== 'interval' || !last || last.kind !== 'interval') return parts;
  return [{ kind: 'interval', from: first.from, to: last.to }];
}

function partStart(p: Part): string {
  return p.kind === 'date' ? p.date : (p.from ?? '');
}

function partEnd(p: Part): string {
  return p.kind === 'date' ? p.date : (p.to ?? '\uffff');
}

function compare(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Parts in calendar order, duplicates dropped («Март, август, ноябрь 2023, 2024 гг.» lists March 2023 before March 2024). */
function sortParts(parts: Part[]): Part[] {
  if (parts.length < 2) return parts;
  const sorted = parts
    .map((p, k) => ({ p, k }))
    .sort((x, y) => compare(partStart(x.p), partStart(y.p)) || compare(partEnd(x.p), partEnd(y.p)) || x.k - y.k)
    .map((x) => x.p);
  // A part written twice is one deadline.
  return sorted.filter((p, k) => {
    const prev = sorted[k - 1];
    return !prev || prev.kind !== p.kind || partStart(prev) !== partStart(p) || partEnd(prev) !== partEnd(p);
  });
}

function flawProblem(p: Point, text: string): DeadlineProblem | null {
  if (p.flaw === null) return null;
  const fragment = text.slice(p.start, p.end);
  return p.flaw === 'invalid' ? { code: 'invalid-date', fragment } : { code: 'incomplete', fragment };
}

function flawProblems(items: readonly Item[], text: string): { problems: DeadlineProblem[]; usable: boolean } {
  const problems: DeadlineProblem[] = [];
  let usable = true;
  for (const item of items) {
    for (const p of [item.a, item.b]) {
      const problem = p ? flawProblem(p, text) : null;
      if (!problem) continue;
      problems.push(problem);
      if (p?.flaw !== 'incomplete') usable = false;
    }
  }
  return { problems, usable };
}

export function resolveItems(items: readonly Item[], text: string, ctx: DeadlineContext): Resolution {
  const flaws = flawProblems(items, text);
  if (!flaws.usable) return { parts: null, problems: flaws.problems, yearInferred: false };
  const borrowed = borrowYears(items, ctx);
  if (borrowed.includes('missing')) return { parts: null, problems: [...flaws.problems, { code: 'missing-year' }], yearInferred: false };

  const parts: Part[] = [];
  const problems = flaws.problems;
  let yearInferred = false;
  let previousStart: IsoDate | null = null;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as Item;
    const loan = borrowed[i];
    const from = loan === 'missing' || loan === undefined ? null : followOn(loan, item.a, previousStart);
    if (from?.inferred) yearInferred = true;
    const { a, b } = item;
    const firstPart = parts.length;
    if (b === null) {
      for (const y of a.years ?? from?.years ?? []) {
        const span = pointSpan(a, y);
        if (!span) return { parts: null, problems: [...problems, { code: 'invalid-date', fragment: text.slice(a.start, a.end) }], yearInferred: false };
        parts.push(applyBound(span, item.bound, a.unit));
      }
      const first = parts[firstPart];
      if (first) previousStart = partStart(first);
      continue;
    }
    for (const [ya, yb] of rangeYears(a, b, from, ctx.period)) {
      const sa = pointSpan(a, ya);
      const sb = pointSpan(b, yb);
      if (!sa || !sb) {
        const bad = sa ? b : a;
        return { parts: null, problems: [...problems, { code: 'invalid-date', fragment: text.slice(bad.start, bad.end) }], yearInferred: false };
      }
      const to = item.endBefore && b.unit !== 'day' ? previousDay(sb.from) : sb.to;
      if (sa.from > to) problems.push({ code: 'reversed', fragment: text.slice(a.start, b.end) });
      parts.push({ kind: 'interval', from: sa.from, to });
    }
    const first = parts[firstPart];
    if (first) previousStart = partStart(first);
  }
  return { parts: mergeConsecutiveYears(sortParts(parts)), problems, yearInferred };
}

/** One deadline from the parts: a single part as itself, more as `several`. */
export function partsToDeadline(parts: readonly Part[]): Deadline | null {
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0] ?? null;
  return { kind: 'several', parts: [...parts] };
}
