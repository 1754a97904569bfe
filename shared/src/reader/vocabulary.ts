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

/**
 * The roles a user may give a column in `columns` (svod.config.json, the pane's mapping step, the server's remembered
 * mapping), with the Russian name the user sees and may write instead of the id.
 */
export const MAPPABLE_ROLES: Readonly<Partial<Record<ColumnRole, string>>> = {
  number: 'номер',
  activity: 'мероприятие',
  deadline: 'срок',
  executor: 'исполнитель',
  result: 'результат',
  indicator: 'показатель',
  unit: 'единица измерения',
  method: 'методика расчёта',
  abbreviation: 'сокращение',
  fullName: 'полное наименование',
};

/** `activity`, «мероприятие», «Мероприятия» → activity; null for anything else. */
export function mappableRole(name: string): ColumnRole | null {
  const key = matchKey(name);
  for (const [role, russian] of Object.entries(MAPPABLE_ROLES) as Array<[ColumnRole, string]>) {
    if (name.trim() === role || key === matchKey(russian) || (key.length >= 5 && matchKey(russian).startsWith(key.slice(0, -1)))) return role;
  }
  return null;
}

/** A user's column mapping, keyed by the header text's `matchKey`. */
export type ColumnMapping = ReadonlyMap<string, ColumnRole>;

export function columnMapping(columns: Readonly<Record<string, ColumnRole>> | undefined): ColumnMapping | undefined {
  if (!columns) return undefined;
  const map = new Map<string, ColumnRole>();
  for (const [header, role] of Object.entries(columns)) {
    const key = matchKey(header);
    if (key !== '') map.set(key, role);
  }
  return map.size ? map : undefined;
}

/** The role a header text names, or null. `№`, `№ п/п` and friends are `number`; the user's mapping comes first. */
export function headerRole(text: string, mapping?: ColumnMapping): ColumnRole | null {
  if (mapping) {
    const mapped = mapping.get(matchKey(text));
    if (mapped) return mapped;
  }
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
