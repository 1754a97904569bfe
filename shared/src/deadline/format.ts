/**
 * Short Russian renderings of deadlines and their overall calendar span.
 */

import { russianDate } from './calendar';
import type { DateInterval, Deadline, NoFixedDateReason, RecurrenceUnit } from './types';

/** The earliest start and latest end of a deadline; null when it has no calendar dates (no-fixed-date, relative). */
export function deadlineSpan(d: Deadline): DateInterval | null {
  switch (d.kind) {
    case 'date':
      return { from: d.date, to: d.date };
    case 'interval':
      return { from: d.from, to: d.to };
    case 'several': {
      if (d.parts.length === 0) return null;
      let from: string | null = null;
      let to: string | null = null;
      let openFrom = false;
      let openTo = false;
      for (const p of d.parts) {
        const span = deadlineSpan(p);
        if (!span) continue;
        if (span.from === null) openFrom = true;
        else if (from === null || span.from < from) from = span.from;
        if (span.to === null) openTo = true;
        else if (to === null || span.to > to) to = span.to;
      }
      return { from: openFrom ? null : from, to: openTo ? null : to };
    }
    case 'recurrence':
      return d.within ? { from: d.within.from, to: d.within.to } : null;
    case 'no-fixed-date':
    case 'relative':
      return null;
  }
}

const REASONS: Readonly<Record<NoFixedDateReason, string>> = {
  permanent: 'постоянно',
  'whole-period': 'весь период',
  'throughout-year': 'в течение каждого года',
  'by-schedule': 'по графику',
  'by-plan': 'по плану',
  'on-request': 'по запросу',
  'as-needed': 'по мере необходимости',
};

const ADVERBS: Readonly<Record<RecurrenceUnit, string>> = {
  week: 'еженедельно',
  month: 'ежемесячно',
  quarter: 'ежеквартально',
  'half-year': 'раз в полгода',
  year: 'ежегодно',
};

const UNIT_ACCUSATIVE: Readonly<Record<RecurrenceUnit, string>> = {
  week: 'неделю',
  month: 'месяц',
  quarter: 'квартал',
  'half-year': 'полгода',
  year: 'год',
};

/** «раз» after a number: 2 раза, 5 раз, 22 раза. */
function timesWord(n: number): string {
  const last = n % 10;
  const lastTwo = n % 100;
  return last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14) ? 'раза' : 'раз';
}

function formatInterval(from: string | null, to: string | null): string {
  if (from !== null && to !== null) return from === to ? russianDate(from) : `${russianDate(from)}–${russianDate(to)}`;
  if (from !== null) return `с ${russianDate(from)}`;
  if (to !== null) return `до ${russianDate(to)}`;
  return 'без ограничения';
}

/** A short Russian rendering: `с 01.11.2020`, `до 14.05.2021`, `01.02.2021–28.02.2021`, `ежемесячно`. */
export function formatDeadline(d: Deadline): string {
  switch (d.kind) {
    case 'date':
      return russianDate(d.date);
    case 'interval':
      return formatInterval(d.from, d.to);
    case 'several':
      return d.parts.map(formatDeadline).join(', ');
    case 'recurrence': {
      const rate = d.times === 1 ? ADVERBS[d.every] : `${d.times} ${timesWord(d.times)} в ${UNIT_ACCUSATIVE[d.every]}`;
      return d.within ? `${rate} (${formatInterval(d.within.from, d.within.to)})` : rate;
    }
    case 'no-fixed-date':
      return `без фиксированной даты: ${REASONS[d.reason]}`;
    case 'relative':
      // The event is in the genitive as written («проведения мероприятия»), hence the colon.
      if (d.maxDays === null) return `после: ${d.event}`;
      return `${d.maxDays} ${d.workingDays ? 'раб. дн.' : 'дн.'} после: ${d.event}`;
  }
}
