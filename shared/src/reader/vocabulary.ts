import { matchKey } from '../text/normalize';

/**
 * Column roles recognised from header texts by meaning. Every header variant in the ministry orders maps here;
 * matching is on `matchKey` (case, ё/е, punctuation, hyphenation and line breaks do not matter).
 */
export type ColumnRole =
  | 'number'
  | 'activity'
  | 'deadline'
  | 'executor'
  | 'result'
  | 'yearPlan'
  | 'indicator'
  | 'unit'
  | 'method'
  | 'year'
  | 'abbreviation'
  | 'fullName'
  | 'school';

/** Patterns are tried in order; the first that matches wins, so the specific ones come first. */
const ROLE_PATTERNS: ReadonlyArray<readonly [ColumnRole, RegExp]> = [
  ['yearPlan', /^ключев\S* мероприят/],
  ['deadline', /(^|\s)(срок|сроки|дата|период исполнения|период реализации|время проведения)(\s|$)|^срок/],
  ['executor', /исполнител|ответственн|^кто /],
  ['method', /методик|порядок расчета|способ расчета|формула/],
  // «Региональный показатель реализации» (seed 001) is the expected result of an activity, not an indicator.
  ['result', /показател\S* (реализации|выполнения|исполнения)/],
  ['unit', /^(ед|единиц\S*)( изм\S*)?( измерения)?$|^ед изм|^единица измерения|^индикатор$/],
  ['indicator', /показател|индикатор|целев/],
  ['result', /результат|^документ|итогов\S* документ|форма (отчет|завершен)|выход|продукт/],
  ['abbreviation', /^(сокращени|аббревиатур|краткое наименование|термин)/],
  ['fullName', /(полное|полн\S*) наименовани|расшифровк|^значение$|^определение$/],
  ['activity', /мероприят|^задач|наименование|содержание|действи|^направлени|^вид работ|^работ/],
  ['school', /^(оу|оо|школа|образовательная организация|общеобразовательная организация|наименование оо)$/],
];

const NUMBER_HEADER = /^(№|n|no|н|номер)?\s*(п\s*[/.]?\s*п|пп)?\.?$/i;

/** The role a header text names, or null. `№`, `№ п/п` and friends are `number`. */
export function headerRole(text: string): ColumnRole | null {
  const raw = text.replace(/\s+/g, ' ').trim().toLowerCase();
  if (raw !== '' && NUMBER_HEADER.test(raw)) return 'number';
  const key = matchKey(text);
  if (key === '') return null;
  if (yearOfHeader(text) !== null) return 'year';
  for (const [role, re] of ROLE_PATTERNS) if (re.test(key)) return role;
  return null;
}

const YEAR_HEADER = /^(?:на\s+)?((?:19|20)\d{2})\s*(?:г\.?|год|года)?\s*(?:\((?:план|факт|прогноз)\))?\.?$/i;

/** `2021`, `2021 г.`, `2021 год`, `2021 (план)` → 2021; a numeric cell 2021 too. */
export function yearOfHeader(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1990 && value <= 2100 ? value : null;
  if (typeof value !== 'string') return null;
  const m = YEAR_HEADER.exec(value.replace(/\s+/g, ' ').trim());
  return m ? Number(m[1]) : null;
}

/** Titles that announce a glossary written as `ШНОР – школы …` lines. */
export const GLOSSARY_TITLE = /(используемые |принятые )?(сокращени|аббревиатур)|термины и сокращени|список сокращени/;
