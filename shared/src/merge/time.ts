/**
 * Dates as the region reads them. A deadline day ends at midnight on the region's clock, and every time a coordinator
 * sees (in the portal and in the regional workbook) is that clock's, with its name, never the browser's or UTC unsaid.
 * Pure: `Intl` is part of the language.
 */

/** The ministries' clock; a region sets its own (`Asia/Kamchatka` is UTC+12). */
export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for an IANA zone name this runtime knows (`Europe/Moscow`, `Asia/Kamchatka`). */
export function isTimeZone(name: unknown): name is string {
  if (typeof name !== 'string' || name === '' || name.length > 64) return false;
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** What the region's clock shows at an instant. */
export function wallClock(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

/** Minutes the zone is ahead of UTC at an instant (+180 for Moscow). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** «МСК» for Moscow, else «UTC+12» (or «UTC+5:30»): the zone's name as a person reads it next to a time. */
export function zoneLabel(timeZone: string, at: Date = new Date(0)): string {
  if (timeZone === 'Europe/Moscow') return 'МСК';
  const offset = offsetMinutes(at, timeZone);
  const sign = offset < 0 ? '−' : '+';
  const abs = Math.abs(offset);
  const minutes = abs % 60;
  return `UTC${sign}${Math.floor(abs / 60)}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
}

/** `2026-12-15` that names a real day (not `2026-02-30`). */
export function isIsoDate(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The last millisecond of a day (`2026-12-15`) on the region's clock, as epoch milliseconds. */
export function endOfDay(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const nextMidnightUtc = Date.UTC(y, m - 1, d + 1);
  // The offset at that moment; checked once more in case the zone changed its offset around midnight.
  let offset = offsetMinutes(new Date(nextMidnightUtc), timeZone);
  offset = offsetMinutes(new Date(nextMidnightUtc - offset * 60_000), timeZone);
  return nextMidnightUtc - offset * 60_000 - 1;
}

/** True when `at` is after the end of the deadline day on the region's clock. */
export function isAfterDeadline(at: string | Date, deadline: string | null, timeZone: string): boolean {
  if (!deadline || !isIsoDate(deadline)) return false;
  const t = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return Number.isFinite(t) && t > endOfDay(deadline, timeZone);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `01.12.2026 14:05` on the region's clock (without the zone's name). */
export function formatDateTime(iso: string, timeZone: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const w = wallClock(new Date(t), timeZone);
  return `${pad2(w.day)}.${pad2(w.month)}.${w.year} ${pad2(w.hour)}:${pad2(w.minute)}`;
}

/** `2024-03-01` → `01.03.2024`; anything else as it is. */
export function formatDateRu(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/**
 * A spreadsheet date cell showing the region's wall-clock time of an instant (spreadsheets have no time zones: the
 * cell holds what the clock showed, and the column header names the zone).
 */
export function wallClockCell(iso: string | null, timeZone: string): Date | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return null;
  const w = wallClock(new Date(t), timeZone);
  return new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second));
}

/** The date (`2026-12-01`) on the region's clock at an instant: what a download is named with. */
export function localDate(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${w.year}-${pad2(w.month)}-${pad2(w.day)}`;
}
