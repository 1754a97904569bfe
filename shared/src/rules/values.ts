import type { CellValue } from '../grid/grid';
import { cellText, collapseWhitespace, unifyCharacters } from '../text/normalize';

/** How an indicator's unit constrains its values. */
export type UnitKind = 'percent' | 'count' | 'number' | 'boolean';

const UNIT_PATTERNS: ReadonlyArray<readonly [UnitKind, RegExp]> = [
  ['boolean', /^(да\s*\/\s*нет|нет\s*\/\s*да|наличие|да,?\s*нет|логическ\S*)$/],
  ['percent', /^(%|процент\S*|проц\.?|доля,?\s*%|в\s*%|%\s*от.*)$/],
  ['count', /^(шт\.?|штук\S*|ед\.?|единиц\S*|чел\.?|человек\S*|кол-во|количество|раз|мест\S*|организаци\S*|школ\S*|мероприяти\S*)$/],
  ['number', /^(числовой|число|значение|балл\S*|руб\.?|рубл\S*|тыс\.?\s*руб\.?|млн\.?\s*руб\.?|коэффициент|индекс|дн\S*|час\S*|мес\S*|лет|год\S*)$/],
];

export function unitKind(text: string): UnitKind | null {
  const t = collapseWhitespace(unifyCharacters(text)).toLowerCase();
  for (const [kind, re] of UNIT_PATTERNS) if (re.test(t)) return kind;
  return null;
}

export type IndicatorValue =
  | { kind: 'empty' }
  | { kind: 'not-applicable' }
  | { kind: 'number'; value: number; text: string }
  | { kind: 'boolean'; value: boolean; text: string }
  | { kind: 'text'; text: string };

// Thousands may be grouped by spaces (`1 200`; non-breaking spaces are unified to plain ones first).
const NUMERIC = /^(?:(?:не\s+)?(?:менее|более|свыше|до|около|≥|≤|>|<|=)\s*)?([+-]?(?:\d{1,3}(?: \d{3})+|\d{1,12})(?:[.,]\d+)?)\s*(%|процент\S*|шт\.?|чел\.?|ед\.?)?$/i;

const PLAIN_NUMBER = /^([+-]?(?:\d{1,3}(?: \d{3})+|\d{1,15})(?:[.,]\d+)?)\s*(?:%|шт\.?|чел\.?|ед\.?)?$/i;

/**
 * The number a cell states by itself: a number, or text that is only a number (`11,5`, `6 %`, `1 200`), never a bound
 * (`не менее 75` stays text). What goes into the regional workbook as a number, and what its totals add up.
 */
export function plainNumber(value: CellValue): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const m = PLAIN_NUMBER.exec(collapseWhitespace(unifyCharacters(value)));
  if (!m) return null;
  const n = Number(m[1]!.replace(/ /g, '').replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

/** Reads an indicator cell: numbers typed as numbers or as text (`75 %`, `0,73`, `1 200`, `не менее 75`), да/нет, `-`. */
export function indicatorValue(value: CellValue): IndicatorValue {
  if (value === null) return { kind: 'empty' };
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value, text: String(value) } : { kind: 'text', text: String(value) };
  if (typeof value === 'boolean') return { kind: 'boolean', value, text: value ? 'да' : 'нет' };
  // A date is what Excel made of `1.5`; show it as the sheet does (01.05.2023). An invalid Date must not throw.
  if (value instanceof Date) return { kind: 'text', text: cellText(value) || 'недопустимая дата' };
  const text = collapseWhitespace(unifyCharacters(value));
  if (text === '') return { kind: 'empty' };
  if (/^[-–—]$/.test(text) || /^(н\/д|нд|не применимо|x|х)$/i.test(text)) return { kind: 'not-applicable' };
  const lower = text.toLowerCase();
  if (lower === 'да' || lower === 'есть' || lower === '+') return { kind: 'boolean', value: true, text };
  if (lower === 'нет' || lower === 'отсутствует') return { kind: 'boolean', value: false, text };
  const m = NUMERIC.exec(text);
  if (m) return { kind: 'number', value: Number(m[1]!.replace(/ /g, '').replace(',', '.')), text };
  return { kind: 'text', text };
}

/**
 * Indicators where less is better: failures, those who did not pass, low results. Everything else is read as
 * "more is better", the ministry default.
 */
const LOWER_IS_BETTER = /(неудовлетворительн|не\s+набравш|не\s+справивш|не\s+достигш|не\s+прошедш|не\s+преодолевш|низк\S*\s+(образовательн\S*\s+)?результат|неуспева|неуспешн|второгодн|отчисл|пропуск|правонарушени|необъективн|риск\S*\s+снижени|в\s+зоне\s+риска|выбывш)/i;

/**
 * Those who overcame or left the bad state («ШНОР, преодолевших низкие образовательные результаты», «вышедших из зоны
 * риска», «снизивших долю неудовлетворительных результатов») are counted so that more is better.
 */
const OVERCAME = /(?:^|[\s,«(])(не\s+)?(?:преодолевш|вышедш|выведенн|снизивш|сокративш|уменьшивш)/gi;

/** «Не преодолевших» is the bad state again. (No lookbehind: the add-in runs in old WebKit too.) */
function countsOvercoming(indicator: string): boolean {
  for (const m of indicator.matchAll(OVERCAME)) if (!m[1]) return true;
  return false;
}

export function lowerIsBetter(indicator: string): boolean {
  return LOWER_IS_BETTER.test(indicator) && !countsOvercoming(indicator);
}

/** Tolerance for comparing values computed by spreadsheet formulas (7,000000000000001 is 7). */
export const EPSILON = 1e-9;

export function formatNumberRu(n: number): string {
  return String(Math.round(n * 1000) / 1000).replace('.', ',');
}

/** Units as messages name them. */
export const UNIT_NAMES: Record<UnitKind, string> = { percent: 'проценты', count: 'штуки', number: 'число', boolean: 'да/нет' };
