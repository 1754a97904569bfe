/**
 * The blank ministry-format sheets «Вставить шаблон» adds, as plain data (the Office.js side is in `excel-port.ts`):
 * title rows with the period, the header the reader recognises, widths, and the dropdown lists.
 */
import type { TemplateOptions } from './port';

export interface TemplateList {
  /** 0-based column of the body rows that gets the dropdown. */
  col: number;
  items: string[];
  /** Strict lists warn on other values (Excel's «Предупреждение» alert); open lists only suggest. */
  strict: boolean;
  /** The alert shown by a strict list, in Russian. */
  message?: string;
}

export interface TemplatePlan {
  /** The sheet name before it is made unique. */
  baseName: string;
  title: string;
  /** `на 2025–2026 годы` or `на 2025 год`. */
  period: string;
  headers: string[];
  /** Column widths in points (Office.js `columnWidth`). */
  widths: number[];
  /** Columns (0-based) kept as text (`@`) so that `1.1` or `март 2025` typed there stay what was typed. */
  textColumns: number[];
  lists: TemplateList[];
}

/** Row layout shared by both kinds (1-based, as Excel counts): title, period, a blank row, the header, the body. */
export const TEMPLATE_ROWS = { title: 1, period: 2, header: 4, firstBody: 5, bodyRows: 10 } as const;

export const UNITS = ['%', 'шт.', 'числовой', 'да/нет'];
export const YES_NO = ['да', 'нет'];

/** Excel's limit for a list typed into the validation rule itself (longer lists go to a hidden sheet). */
export const INLINE_LIST_LIMIT = 255;

/** At most this many year columns: a plan period is never longer. */
const MAX_YEARS = 15;

export function periodText(period: { from: number; to: number }): string {
  return period.from === period.to ? `на ${period.from} год` : `на ${period.from}–${period.to} годы`;
}

export function templatePlan(options: TemplateOptions): TemplatePlan {
  const executors = [...new Set(options.executors.map((e) => e.replace(/\s+/g, ' ').trim()).filter((e) => e !== ''))];
  if (options.kind === 'roadmap') {
    const lists: TemplateList[] = [];
    if (executors.length > 0) lists.push({ col: 3, items: executors, strict: false });
    return {
      baseName: 'Дорожная карта',
      title: 'Дорожная карта (план мероприятий)',
      period: periodText(options.period),
      headers: ['№ п/п', 'Мероприятие', 'Срок реализации', 'Исполнитель', 'Ожидаемый результат'],
      widths: [42, 300, 110, 180, 240],
      textColumns: [0, 2],
      lists,
    };
  }
  const from = Math.min(options.period.from, options.period.to);
  const to = Math.min(Math.max(options.period.from, options.period.to), from + MAX_YEARS - 1);
  const years: number[] = [];
  for (let y = from; y <= to; y++) years.push(y);
  const headers = ['№ п/п', 'Показатель (индикатор) наименование', 'Ед. изм.', 'Методика расчета', ...years.map((y) => `${y} год`)];
  return {
    baseName: 'Целевые показатели',
    title: 'Целевые показатели (индикаторы)',
    period: periodText({ from, to }),
    headers,
    widths: [42, 300, 70, 220, ...years.map(() => 70)],
    textColumns: [0],
    lists: [
      { col: 2, items: UNITS, strict: true, message: 'Выберите единицу измерения из списка: %, шт., числовой, да/нет.' },
      // Values are numbers or да/нет: the dropdown offers да/нет and lets numbers through.
      ...years.map((_, i) => ({ col: 4 + i, items: YES_NO, strict: false })),
    ],
  };
}

export const GLOSSARY_SHEET = 'Сокращения';
export const GLOSSARY_HEADERS = ['Сокращение', 'Полное наименование'];
export const GLOSSARY_WIDTHS = [110, 360];
export const LISTS_SHEET = 'Свод_списки';

/** An inline list source (`a,b,c`) when Excel can take one: short enough and no item with a comma. */
export function inlineListSource(items: readonly string[]): string | null {
  if (items.some((i) => i.includes(',') || i.includes('"'))) return null;
  const source = items.join(',');
  return source.length <= INLINE_LIST_LIMIT ? source : null;
}

/** Excel's sheet-name rules: at most 31 characters, none of `: \ / ? * [ ]`, unique without regard to case. */
export function uniqueSheetName(base: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  const clean = base.replace(/[:\\/?*[\]]/g, ' ').trim().slice(0, 31) || 'Лист';
  if (!used.has(clean.toLowerCase())) return clean;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = `${clean.slice(0, 31 - suffix.length)}${suffix}`;
    if (!used.has(name.toLowerCase())) return name;
  }
}

/** A sheet name inside a formula: `'Свод_списки'!$A$1:$A$7`. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
