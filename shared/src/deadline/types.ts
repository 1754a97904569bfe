/**
 * Structured deadlines. Every date is an ISO calendar date `YYYY-MM-DD` (so plain string comparison orders them);
 * intervals are inclusive; `null` bounds are open.
 */

export type IsoDate = string;

export interface PlanPeriod {
  from: number;
  to: number;
}

export interface DateInterval {
  from: IsoDate | null;
  to: IsoDate | null;
}

export type RecurrenceUnit = 'week' | 'month' | 'quarter' | 'half-year' | 'year';

/** Why a deadline has no calendar date, and that is fine. */
export type NoFixedDateReason =
  | 'permanent' // «Постоянно»
  | 'whole-period' // «в течение всего периода»
  | 'throughout-year' // «в течение года» in a multi-year plan (every year)
  | 'by-schedule' // «по отдельному графику», «по графику»
  | 'by-plan' // «в соответствии с планом …», «по плану работы …»
  | 'on-request' // «по запросам и согласованию», «по запросу»
  | 'as-needed'; // «по мере необходимости»

export type Deadline =
  /** One day: `22.01.2021`, `19 апреля`. */
  | { kind: 'date'; date: IsoDate }
  /** A span: months, years, `28.01.2021 – 20.02.2021`, `до 14.05.2021` (from null), `с ноября 2020 г.` (to null). */
  | { kind: 'interval'; from: IsoDate | null; to: IsoDate | null }
  /** Several dates or spans: `июль 2021 г., сентябрь 2021 г.`, `Март, август, ноябрь 2023, 2024 гг.`. */
  | { kind: 'several'; parts: Array<Extract<Deadline, { kind: 'date' | 'interval' }>> }
  /** Repeats: `ежемесячно`, `Не реже одного раза в квартал`, `ежегодно 2021-2023 гг. не реже 1 раза в полгода`. */
  | { kind: 'recurrence'; every: RecurrenceUnit; times: number; within: DateInterval | null }
  /** Legitimately no calendar date. */
  | { kind: 'no-fixed-date'; reason: NoFixedDateReason }
  /** Tied to an event: `Не позднее 10 дней со дня проведения мероприятия`. */
  | {
      kind: 'relative';
      event: string;
      maxDays: number | null;
      /** Set when the limit is in working days («в течение 5 рабочих дней после …»). */
      workingDays?: boolean;
    };

export type DeadlineProblem =
  /** Nothing recognisable as a deadline. */
  | { code: 'unparsed' }
  /** A date that does not exist: 31.09.2021, 30 февраля, year 32021, month 13. */
  | { code: 'invalid-date'; fragment: string }
  /** A date with a part missing: `.10.2021`, `10..2021`. `value` holds the best reading, if any. */
  | { code: 'incomplete'; fragment: string }
  /** No year, and the plan period does not settle it (multi-year or unknown). */
  | { code: 'missing-year' }
  /** The end comes before the start. */
  | { code: 'reversed'; fragment: string }
  /** A misspelt month or keyword that was read anyway; `suggestion` is the corrected whole text. */
  | { code: 'typo'; fragment: string; expected: string; suggestion: string };

export interface ParsedDeadline {
  /** The text that was read (whitespace collapsed). */
  text: string;
  /** The structured reading; null when it could not be read or its year is unknown. */
  value: Deadline | null;
  /** True when some year in `value` came from the plan period rather than the text. */
  yearInferred: boolean;
  problems: DeadlineProblem[];
}

export interface DeadlineContext {
  /** The plan period from the title rows or the configuration. */
  period?: PlanPeriod;
}
