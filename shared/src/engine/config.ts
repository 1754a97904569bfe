import type { PlanPeriod } from '../deadline/types';
import type { Severity } from './diagnostic';
import type { IndicatorMapping } from '../merge/match';
import type { ReadOptions } from '../reader/read';
import { MAPPABLE_ROLES, mappableRole, type ColumnRole } from '../reader/vocabulary';

export type RuleSetting = Severity | 'off';

/** `svod.config.json`: per-rule severity or off, the plan period, the approval date and extra executors. */
export interface SvodConfig {
  rules?: Record<string, RuleSetting>;
  period?: PlanPeriod;
  /** ISO `YYYY-MM-DD`. */
  approvalDate?: string;
  /** Executors that are always known (organisations of the region), beyond the workbook's glossary. */
  executors?: string[];
  /** List at most this many diagnostics, errors first; the report is then marked partial, its summary still counts all. */
  maxDiagnostics?: number;
  /**
   * Which column is which, for headers Svod's vocabulary does not know: header text → role
   * (`{"Что делаем": "мероприятие", "Кто отвечает": "исполнитель"}`). Remembered by the pane and the server.
   */
  columns?: Record<string, ColumnRole>;
  /**
   * The region's template, set by the sync server (never read from a JSON config file): the indicator names every
   * municipality reports against (names, or their `indicatorKey`s; names make «did you mean» readable) and the
   * coordinator's confirmed mappings. Enables `indicator-not-in-template`.
   */
  template?: { indicators: string[]; mappings?: IndicatorMapping[] };
}

export interface ConfigResult {
  config: SvodConfig;
  /** Russian messages, one per problem; the config is still usable without the bad parts. */
  errors: string[];
}

const SETTINGS: readonly RuleSetting[] = ['off', 'info', 'warning', 'error'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates a parsed JSON config against the known rule ids. Never throws. */
export function parseConfig(input: unknown, knownRules: readonly string[]): ConfigResult {
  const errors: string[] = [];
  const config: SvodConfig = {};
  if (!isRecord(input)) return { config, errors: ['Файл настроек должен содержать JSON-объект.'] };
  for (const key of Object.keys(input)) {
    if (!['rules', 'period', 'approvalDate', 'executors', 'maxDiagnostics', 'columns', '$schema'].includes(key)) {
      errors.push(`Неизвестный параметр настроек «${key}».`);
    }
  }
  if (input.rules !== undefined) {
    if (!isRecord(input.rules)) errors.push('Параметр «rules» должен быть объектом: {"id-правила": "off|info|warning|error"}.');
    else {
      config.rules = {};
      for (const [id, setting] of Object.entries(input.rules)) {
        if (!knownRules.includes(id)) errors.push(`Неизвестное правило «${id}» в настройках.`);
        else if (typeof setting !== 'string' || !SETTINGS.includes(setting as RuleSetting)) {
          errors.push(`Правило «${id}»: уровень должен быть одним из off, info, warning, error.`);
        } else config.rules[id] = setting as RuleSetting;
      }
    }
  }
  if (input.period !== undefined) {
    const p = input.period;
    const ok = isRecord(p) && Number.isInteger(p.from) && Number.isInteger(p.to) && (p.from as number) >= 1990 && (p.to as number) <= 2100 && (p.from as number) <= (p.to as number);
    if (ok) config.period = { from: p.from as number, to: p.to as number };
    else errors.push('Параметр «period» должен быть вида {"from": 2023, "to": 2024} с годами 1990–2100.');
  }
  if (input.approvalDate !== undefined) {
    const d = input.approvalDate;
    // Date.parse rolls 2023-02-31 over to 3 March; a real date survives the round trip unchanged.
    const time = typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? Date.parse(`${d}T00:00:00Z`) : NaN;
    const real = !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === d;
    if (real) config.approvalDate = d as string;
    else errors.push('Параметр «approvalDate» должен быть датой вида "2023-03-13".');
  }
  if (input.executors !== undefined) {
    if (Array.isArray(input.executors) && input.executors.every((e) => typeof e === 'string')) config.executors = input.executors as string[];
    else errors.push('Параметр «executors» должен быть списком строк.');
  }
  if (input.maxDiagnostics !== undefined) {
    if (Number.isInteger(input.maxDiagnostics) && (input.maxDiagnostics as number) > 0) config.maxDiagnostics = input.maxDiagnostics as number;
    else errors.push('Параметр «maxDiagnostics» должен быть положительным целым числом.');
  }
  if (input.columns !== undefined) {
    const columns = parseColumns(input.columns, errors);
    if (columns) config.columns = columns;
  }
  return { config, errors };
}

const ROLE_LIST = Object.values(MAPPABLE_ROLES).map((name) => `«${name}»`).join(', ');

/** `{"Что делаем": "мероприятие"}` → `{"Что делаем": "activity"}`; each bad entry is one Russian message. */
export function parseColumns(input: unknown, errors: string[]): Record<string, ColumnRole> | undefined {
  if (!isRecord(input)) {
    errors.push('Параметр «columns» должен быть объектом: {"заголовок столбца": "мероприятие"}.');
    return undefined;
  }
  const out: Record<string, ColumnRole> = {};
  for (const [header, name] of Object.entries(input)) {
    const role = typeof name === 'string' ? mappableRole(name) : null;
    if (header.trim() === '') errors.push('В «columns» указан пустой заголовок столбца.');
    else if (!role) errors.push(`Столбец «${header}»: «${String(name)}» — неизвестное значение; допустимы ${ROLE_LIST}.`);
    else out[header] = role;
  }
  return Object.keys(out).length ? out : undefined;
}

/** What the reader takes from the configuration. */
export function readOptions(config: SvodConfig): ReadOptions {
  const options: ReadOptions = {};
  if (config.period) options.period = config.period;
  if (config.columns) options.columns = config.columns;
  return options;
}
