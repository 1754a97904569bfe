/**
 * The blank ministry-format sheets «Вставить шаблон» adds, as plain data: title rows with the period, the header the
 * reader recognises, widths, the dropdown lists (`templatePlan`), and where each of them goes on the sheet
 * (`templateLayout`). The hosts only carry the layout out (`office/template.ts`, the Apps Script adapter).
 */
import { columnLetters } from '@svod/shared';
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
  /** Column widths in points (Excel's `columnWidth`). */
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

/** A title row: the text in its first cell, the row merged across the table. */
export interface TemplateLine {
  /** `A1`. */
  cell: string;
  /** `A1:E1`: merged, centred. */
  range: string;
  text: string;
  bold: boolean;
}

/** One dropdown of the body rows and where its items live. */
export interface ListPlacement {
  /** The body cells of its column: `D5:D14`. */
  range: string;
  items: string[];
  /** Strict lists warn on other values; open lists only suggest. */
  strict: boolean;
  /** The alert text (Russian). */
  message: string;
  /**
   * Typed into the rule itself (`a,b,c`), or, too long for that or with commas in the items, a column of the very
   * hidden list sheet: `column` `A`, `range` `A1:A12`, and the rule's `formula` `='Свод_списки'!$A$1:$A$12`.
   */
  source: { kind: 'inline'; text: string } | { kind: 'sheet'; column: string; range: string; formula: string };
}

/** The «Сокращения» sheet: header, an empty bordered body, widths. */
export interface GlossaryLayout {
  sheet: string;
  header: { range: string; values: string[] };
  body: string;
  grid: string;
  columns: Array<{ range: string; width: number }>;
}

/** Every range a template writes, in the order the hosts write them. */
export interface TemplateLayout {
  /** The new sheet's name, unique in the workbook. */
  sheet: string;
  lines: TemplateLine[];
  header: { range: string; values: string[] };
  /** The body rows (wrapped, top-aligned): `A5:E14`. */
  body: string;
  /** Thin borders around and between every cell of header and body: `A4:E14`. */
  grid: string;
  /** Whole columns with their widths in points: `A:A`. */
  columns: Array<{ range: string; width: number }>;
  /** Body cells under the text format: `A5:A14`. */
  textRanges: string[];
  bodyRows: number;
  lists: ListPlacement[];
  /** The very hidden sheet holding the lists that cannot be inline (created before its first list), or null. */
  listsSheet: string | null;
  /** Added when asked for and the workbook has no «Сокращения» sheet yet. */
  glossary: GlossaryLayout | null;
  /** Selected after the insert: the first body cell. */
  select: string;
}

const DEFAULT_LIST_MESSAGE = 'Выберите значение из списка или введите своё.';

/** The cell plan of a template for a workbook whose sheets are `taken`. */
export function templateLayout(options: TemplateOptions, taken: readonly string[]): TemplateLayout {
  const plan = templatePlan(options);
  const names = [...taken];
  const sheet = uniqueSheetName(plan.baseName, names);
  names.push(sheet);
  const { title, period, header, firstBody, bodyRows } = TEMPLATE_ROWS;
  const lastBody = firstBody + bodyRows - 1;
  const last = columnLetters(plan.headers.length - 1);
  const columnRange = (c: number): string => `${columnLetters(c)}:${columnLetters(c)}`;
  const bodyOf = (c: number): string => `${columnLetters(c)}${firstBody}:${columnLetters(c)}${lastBody}`;

  let listsSheet: string | null = null;
  let listsColumn = 0;
  const lists = plan.lists.map((list): ListPlacement => {
    const inline = inlineListSource(list.items);
    let source: ListPlacement['source'];
    if (inline !== null) source = { kind: 'inline', text: inline };
    else {
      if (listsSheet === null) {
        listsSheet = uniqueSheetName(LISTS_SHEET, names);
        names.push(listsSheet);
      }
      const letter = columnLetters(listsColumn++);
      const n = list.items.length;
      source = { kind: 'sheet', column: letter, range: `${letter}1:${letter}${n}`, formula: `=${quoteSheet(listsSheet)}!$${letter}$1:$${letter}$${n}` };
    }
    return { range: bodyOf(list.col), items: list.items, strict: list.strict, message: list.message ?? DEFAULT_LIST_MESSAGE, source };
  });

  const hasGlossary = names.some((n) => n.toLowerCase() === GLOSSARY_SHEET.toLowerCase());
  const glossary: GlossaryLayout | null =
    options.glossary && !hasGlossary
      ? {
          sheet: GLOSSARY_SHEET,
          header: { range: 'A1:B1', values: GLOSSARY_HEADERS },
          body: `A2:B${1 + bodyRows}`,
          grid: `A1:B${1 + bodyRows}`,
          columns: GLOSSARY_WIDTHS.map((width, c) => ({ range: columnRange(c), width })),
        }
      : null;

  return {
    sheet,
    lines: [
      { cell: `A${title}`, range: `A${title}:${last}${title}`, text: plan.title, bold: true },
      { cell: `A${period}`, range: `A${period}:${last}${period}`, text: plan.period, bold: false },
    ],
    header: { range: `A${header}:${last}${header}`, values: plan.headers },
    body: `A${firstBody}:${last}${lastBody}`,
    grid: `A${header}:${last}${lastBody}`,
    columns: plan.widths.map((width, c) => ({ range: columnRange(c), width })),
    textRanges: plan.textColumns.map(bodyOf),
    bodyRows,
    lists,
    listsSheet,
    glossary,
    select: `A${firstBody}`,
  };
}
