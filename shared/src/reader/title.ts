import type { IsoDate, PlanPeriod } from '../deadline/types';
import { collapseWhitespace, unifyCharacters } from '../text/normalize';

/**
 * Facts the title rows above a table state: the plan period («на период 2020 – 2023 гг.», «на 2018 год»,
 * «реализуется с 2021 года по 2024 год») and the approval date («… от 22.10.2020 № 911», «от «31» сентября 2018 года»).
 */

const YEAR = '((?:19|20)\\d{2})';
const DASH = '\\s*-\\s*';
const PERIOD_PATTERNS: RegExp[] = [
  // на период 2020 - 2023 гг. / на 2021-2024 годы / в 2020-2023 гг. / (2023 - 2024 гг.)
  new RegExp(`(?:^|[\\s(])(?:на период\\s+|на\\s+|в\\s+|период\\s+|сроки?\\s+реализации\\S*\\s+)?${YEAR}${DASH}${YEAR}\\s*(?:гг|г\\.г|годы|года|год)`, 'i'),
  // с 2021 года по 2024 год / с 2020 по 2023 годы
  new RegExp(`с\\s+${YEAR}\\s*(?:года|г\\.?)?\\s+по\\s+${YEAR}`, 'i'),
  // на 2018 год / в 2018 году / на 2018 г.
  new RegExp(`(?:на|в)\\s+${YEAR}\\s*(?:год|году|г\\.)`, 'i'),
  // 2021-2024 (a bare range at the end of a programme title)
  new RegExp(`(?:^|\\s)${YEAR}${DASH}${YEAR}(?:\\s|$|\\.)`, 'i'),
];

export function periodFromText(text: string): PlanPeriod | null {
  const t = collapseWhitespace(unifyCharacters(text));
  // Years inside dd.mm.yyyy dates or after «№» are not a period.
  const cleaned = t.replace(/\d{1,2}\.\d{1,2}\.\d{2,5}/g, ' ').replace(/№\s*\S+/g, ' ');
  for (const re of PERIOD_PATTERNS) {
    const m = re.exec(cleaned);
    if (!m) continue;
    const from = Number(m[1]);
    const to = m[2] !== undefined ? Number(m[2]) : from;
    if (to >= from && to - from <= 15) return { from, to };
  }
  return null;
}

const MONTHS_GENITIVE = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

export interface ApprovalDateText {
  /** The fragment as written, e.g. `от «31» сентября 2018 года`. */
  text: string;
  /** The ISO date when the fragment names a real day, else null. */
  date: IsoDate | null;
}

const NUMERIC_DATE = /(?:^|\s|от\s*)(\d{1,2})\.(\d{1,2})\.(\d{4,5})(?:\s*(?:года|г\.?))?/i;
const WORDED_DATE = new RegExp(`(?:^|\\s|от\\s*)[«"]?(\\d{1,2})[»"]?\\s+(${MONTHS_GENITIVE.join('|')})\\s+(\\d{4,5})\\s*(?:года|г\\.?)?`, 'i');

function isoIfValid(day: number, month: number, year: number): IsoDate | null {
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Finds a date in a title line: «от 22.10.2020 № 911», «от «31» сентября 2018 года», «12.05.2021». */
export function approvalDateFromText(text: string): ApprovalDateText | null {
  const t = collapseWhitespace(unifyCharacters(text));
  const n = NUMERIC_DATE.exec(t);
  if (n) {
    return { text: n[0].trim(), date: isoIfValid(Number(n[1]), Number(n[2]), Number(n[3])) };
  }
  const w = WORDED_DATE.exec(t);
  if (w) {
    const month = MONTHS_GENITIVE.indexOf(w[2]!.toLowerCase()) + 1;
    return { text: w[0].trim(), date: isoIfValid(Number(w[1]), month, Number(w[3])) };
  }
  return null;
}

/** Lines that state an approval: «утвержден…», «приложение … к приказу … от …», «приказ … от …». */
export function looksLikeApproval(text: string): boolean {
  return /(утвержд|приказ|распоряжени|постановлени|приложение)/i.test(text) && /\sот\s|\bот\b|^от\s/i.test(text);
}
