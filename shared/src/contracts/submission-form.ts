/**
 * The submission's JSON form `{ "sheets": [ { "name", "rows": [[…]], "merges"?: ["A1:B2", …] } ] }`, as the Excel pane,
 * the Sheets sidebar and any script send it. One definition: the server validates with it, the clients type their
 * bodies with it, the OpenAPI document is generated from it.
 *
 * Strict: nothing but these keys, plain values in cells, Excel's own limits on names and texts. Every problem becomes
 * a Russian sentence naming the sheet and the position. Shape problems (the client sent something else) are 400,
 * content problems (a name, a size, a value the official can fix) are 422.
 */
import { z } from 'zod';
import { columnIndex, columnLetters, toA1 } from '../grid/address';
import { groupDigits } from './text';

export const SHEET_NAME_MAX = 31;
const FORBIDDEN_IN_SHEET_NAME = /[\\/?*[\]:]/;
export const A1_RANGE = /^([A-Z]{1,3})([1-9]\d{0,6})(?::([A-Z]{1,3})([1-9]\d{0,6}))?$/;
export const UPDATE_ADDIN = 'Обновите надстройку Svod и отправьте ещё раз.';

/** The bounds of a form; the server passes its own (configurable), the document shows the defaults. */
export interface FormLimits {
  maxSheets: number;
  maxRows: number;
  maxColumns: number;
  maxCellChars: number;
}

export const DEFAULT_FORM_LIMITS: Readonly<FormLimits> = Object.freeze({ maxSheets: 50, maxRows: 100_000, maxColumns: 200, maxCellChars: 32_767 });

/** A cell on the wire: a date travels as the text the official sees («14.05.2021»). */
export const jsonCell = z.union([z.string(), z.number(), z.boolean(), z.null()]).meta({ description: 'Текст, число, логическое значение или null (пусто).' });
export type JsonCell = z.infer<typeof jsonCell>;

/** The first sign Excel does not allow in a sheet name, or null. */
export function forbiddenSign(name: string): string | null {
  return FORBIDDEN_IN_SHEET_NAME.exec(name)?.[0] ?? (/^'|'$/.test(name) ? "'" : null);
}

export const sheetName = z
  .string()
  .refine((s) => s.trim() !== '', { params: { problem: 'blank' } })
  .refine((s) => s.length <= SHEET_NAME_MAX, { params: { problem: 'long' } })
  .refine((s) => forbiddenSign(s) === null, { params: { problem: 'sign' } })
  .meta({ description: `Название листа, как в Excel: до ${SHEET_NAME_MAX} символа, без : \\ / ? * [ ] и апострофа по краям.`, maxLength: SHEET_NAME_MAX });

/** A merged range in A1 form, within the sheet's bounds. */
export function mergeRange(limits: FormLimits) {
  return z
    .string()
    .regex(A1_RANGE)
    .refine((text) => withinSheet(text, limits), { params: { problem: 'outside' } })
    .meta({ examples: ['A5:E5'] });
}

function withinSheet(text: string, limits: FormLimits): boolean {
  const m = A1_RANGE.exec(text);
  if (!m) return true;
  const rows = [Number(m[2]), m[4] ? Number(m[4]) : 0];
  const cols = [columnIndex(m[1]!), m[3] ? columnIndex(m[3]) : 0];
  return Math.max(...rows) <= limits.maxRows && Math.max(...cols) < limits.maxColumns;
}

/**
 * The form's schemas for the given bounds. `sheet` and `form` are the whole contract (types, the document, a client's
 * own check); the `*Shape` ones are the same objects one level deep (`unknown` below), so that a server can find the
 * first problem of a 10 MB form level by level without building an issue per bad cell.
 */
export function submissionFormSchemas(limits: FormLimits = DEFAULT_FORM_LIMITS) {
  const cell = z.union([z.string().max(limits.maxCellChars), z.number(), z.boolean(), z.null()]);
  const row = z.array(cell).max(limits.maxColumns);
  const merge = mergeRange(limits);
  const sheet = z.strictObject({
    name: sheetName,
    rows: z.array(row).max(limits.maxRows).meta({ description: 'Строки листа сверху вниз; пустые ячейки в конце строки можно не передавать.' }),
    merges: z.array(merge).optional().meta({ description: 'Объединённые ячейки, диапазоны вида A5:E5.' }),
  });
  const form = z
    .strictObject({ sheets: z.array(sheet).min(1).max(limits.maxSheets) })
    .superRefine((f, ctx) => {
      const twin = sameNames(f.sheets.map((s) => s.name));
      if (twin) ctx.addIssue({ code: 'custom', path: ['sheets', twin.index, 'name'], params: { problem: 'twin', earlier: twin.earlier }, input: f.sheets[twin.index]!.name });
    });
  const rowShape = list().check(z.maxLength(limits.maxColumns));
  const sheetShape = z.strictObject({ name: sheetName, rows: list().check(z.maxLength(limits.maxRows)), merges: list().optional() });
  const formShape = z.strictObject({ sheets: list().check(z.minLength(1), z.maxLength(limits.maxSheets)) });
  return { cell, row, merge, sheet, form, rowShape, sheetShape, formShape };
}

/** A list of anything, its length checked without a pass over its elements (a hostile row has millions). */
const list = () => z.custom<unknown[]>((value) => Array.isArray(value));

const defaults = submissionFormSchemas();
/** The form with the default bounds: what clients send and what the document shows. */
export const submissionForm = defaults.form;
export const submissionSheet = defaults.sheet;
export type SubmissionForm = z.infer<typeof submissionForm>;
export type SubmissionSheet = z.infer<typeof submissionSheet>;

/** Excel does not tell «План» from «план»: the first name that repeats an earlier one, case-insensitively. */
function sameNames(names: readonly string[]): { index: number; earlier: string } | null {
  const seen = new Map<string, string>();
  for (let i = 0; i < names.length; i++) {
    const key = names[i]!.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) return { index: i, earlier };
    seen.set(key, names[i]!);
  }
  return null;
}

/** Too big for the server's bounds: the server words these as it does for xlsx and CSV uploads. */
export type FormOversize =
  | { kind: 'sheets'; count: number }
  | { kind: 'rows'; sheet: string; count: number }
  | { kind: 'columns'; sheet: string; row: number; count: number };

export type FormProblemCode = 'bad-json' | 'no-sheets' | 'bad-sheet-name' | 'cell-too-long' | 'bad-cell' | 'bad-merge';

/** The first problem of a form: a status, a stable code and a Russian sentence; or a size over the bounds. */
export type FormProblem = { status: 400 | 422; code: FormProblemCode; message: string; oversize?: undefined } | { oversize: FormOversize };

const shape = (message: string): FormProblem => ({ status: 400, code: 'bad-json', message });
const content = (code: FormProblemCode, message: string): FormProblem => ({ status: 422, code, message });

/** User text inside a message: at most 40 characters. */
function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function kindOf(value: unknown): string {
  return value === undefined ? 'нет значения' : Array.isArray(value) ? 'список' : typeof value === 'object' ? 'объект' : typeof value;
}

type Issue = z.core.$ZodIssue | z.core.$ZodRawIssue;
type Path = readonly PropertyKey[];

/**
 * The Russian wording of one zod issue of the form, by where it is (`issue.path` from the form's root) and what it is.
 * `root` is the form as received, to name a sheet by its name. Every issue gets a sentence; none stays in zod's English.
 */
export function describeFormIssue(issue: Issue, root: unknown, limits: FormLimits = DEFAULT_FORM_LIMITS): FormProblem {
  const path: Path = issue.path ?? [];
  const input = (issue as { input?: unknown }).input;
  const problem = (issue as { params?: { problem?: string; earlier?: string } }).params;
  const first = (issue as { keys?: string[] }).keys?.[0] ?? '';
  if (path.length === 0) {
    if (issue.code === 'unrecognized_keys') return shape(`Данные книги не распознаны: неизвестное поле «${shorten(first)}». ${UPDATE_ADDIN}`);
    return shape(`Данные книги не распознаны: ожидался объект вида { "sheets": [ … ] }. ${UPDATE_ADDIN}`);
  }
  if (path.length === 1) {
    const count = Array.isArray(input) ? input.length : 0;
    if (issue.code === 'too_small') return content('no-sheets', 'В книге нет ни одного листа. Откройте книгу с таблицей и отправьте её ещё раз.');
    if (issue.code === 'too_big') return { oversize: { kind: 'sheets', count } };
    return shape(`Данные книги не распознаны: поле «sheets» должно быть списком листов. ${UPDATE_ADDIN}`);
  }
  const index = Number(path[1]);
  const numbered = `Лист №${index + 1}`;
  if (path.length === 2) {
    if (issue.code === 'unrecognized_keys') return shape(`${numbered}: неизвестное поле «${shorten(first)}». ${UPDATE_ADDIN}`);
    return shape(`${numbered} не распознан: ожидался объект с полями «name» и «rows». ${UPDATE_ADDIN}`);
  }
  const field = path[2];
  if (field === 'name') return sheetNameProblem(issue.code, problem, input, index);
  const name = nameAt(root, index);
  const where = `Лист «${name}»`;
  if (field === 'rows') {
    if (path.length === 3) {
      if (issue.code === 'too_big') return { oversize: { kind: 'rows', sheet: name, count: Array.isArray(input) ? input.length : 0 } };
      return shape(`${where}: поле «rows» должно быть списком строк. ${UPDATE_ADDIN}`);
    }
    const row = Number(path[3]);
    if (path.length === 4) {
      if (issue.code === 'too_big') return { oversize: { kind: 'columns', sheet: name, row, count: Array.isArray(input) ? input.length : 0 } };
      return shape(`${where}, строка ${groupDigits(row + 1)}: ожидался список ячеек. ${UPDATE_ADDIN}`);
    }
    return cellProblem(input, `${where}, ячейка ${toA1({ row, col: Number(path[4]) })}`, limits);
  }
  if (field === 'merges') {
    if (path.length === 3) return shape(`${where}: поле «merges» должно быть списком диапазонов вида A1:B2. ${UPDATE_ADDIN}`);
    const n = Number(path[3]) + 1;
    if (typeof input !== 'string') return shape(`${where}, объединение №${n}: ожидался диапазон вида A1:B2. ${UPDATE_ADDIN}`);
    if (problem?.problem === 'outside') {
      return content(
        'bad-merge',
        `${where}, объединение ${input} выходит за пределы листа: можно не дальше строки ${groupDigits(limits.maxRows)} ` +
          `и столбца ${columnLetters(limits.maxColumns - 1)}. ${UPDATE_ADDIN}`,
      );
    }
    return content('bad-merge', `${where}, объединение №${n} («${shorten(input)}»): ожидался диапазон вида A1:B2. ${UPDATE_ADDIN}`);
  }
  return shape(`Данные книги не распознаны. ${UPDATE_ADDIN}`);
}

function sheetNameProblem(code: string, problem: { problem?: string; earlier?: string } | undefined, input: unknown, index: number): FormProblem {
  const n = index + 1;
  const named = (message: string) => content('bad-sheet-name', message);
  if (input === undefined) return named(`У листа №${n} нет названия. Дайте листу название и отправьте ещё раз.`);
  if (typeof input !== 'string' || code === 'invalid_type') return shape(`Лист №${n}: название листа должно быть текстом. ${UPDATE_ADDIN}`);
  switch (problem?.problem) {
    case 'long':
      return named(
        `Название листа «${shorten(input)}» длиннее ${SHEET_NAME_MAX} символа (${groupDigits(input.length)}): Excel не допускает таких названий. ` +
          'Сократите название и отправьте ещё раз.',
      );
    case 'sign':
      return named(
        `В названии листа «${input}» есть недопустимый знак «${forbiddenSign(input) ?? ''}»: в названиях листов Excel нельзя использовать : \\ / ? * [ ], ` +
          'а апостроф — в начале и в конце. Переименуйте лист и отправьте ещё раз.',
      );
    case 'twin': {
      const earlier = problem.earlier ?? input;
      return named(
        earlier === input
          ? `Два листа называются «${input}». Переименуйте один из них и отправьте ещё раз.`
          : `Листы «${earlier}» и «${input}» называются одинаково (Excel не различает заглавные и строчные буквы). Переименуйте один из них и отправьте ещё раз.`,
      );
    }
    default:
      return named(`У листа №${n} пустое название. Дайте листу название и отправьте ещё раз.`);
  }
}

function cellProblem(value: unknown, where: string, limits: FormLimits): FormProblem {
  if (typeof value === 'string') {
    return content(
      'cell-too-long',
      `${where}: текст длиннее ${groupDigits(limits.maxCellChars)} символов (${groupDigits(value.length)}), столько ячейка Excel не вмещает. ` +
        'Сократите текст и отправьте ещё раз.',
    );
  }
  if (typeof value === 'number') return content('bad-cell', `${where}: число ${String(value)} не является конечным. Исправьте значение и отправьте ещё раз.`);
  return shape(`${where}: недопустимое значение (${kindOf(value)}). В ячейке может быть текст, число, логическое значение или пусто. ${UPDATE_ADDIN}`);
}

function nameAt(root: unknown, index: number): string {
  const sheets = isPlainObject(root) ? root['sheets'] : undefined;
  const sheet: unknown = Array.isArray(sheets) ? sheets[index] : undefined;
  const name = isPlainObject(sheet) ? sheet['name'] : undefined;
  return typeof name === 'string' ? name : `№${index + 1}`;
}

/**
 * A zod error map for the whole form (`submissionForm.safeParse(body, { error: formErrorMap(body) })`): the same
 * Russian sentences the server sends, for a client that checks its body before sending it.
 */
export function formErrorMap(root: unknown, limits: FormLimits = DEFAULT_FORM_LIMITS): z.core.$ZodErrorMap {
  return (issue) => {
    const p = describeFormIssue(issue, root, limits);
    return p.oversize ? oversizeSentence(p.oversize, limits) : p.message;
  };
}

/** A client's wording of a size over the bounds (the server has its own, shared with xlsx and CSV uploads). */
function oversizeSentence(over: FormOversize, limits: FormLimits): string {
  switch (over.kind) {
    case 'sheets':
      return `В книге ${groupDigits(over.count)} листов при пределе ${groupDigits(limits.maxSheets)}. Удалите лишние листы и отправьте ещё раз.`;
    case 'rows':
      return `На листе «${over.sheet}» ${groupDigits(over.count)} строк при пределе ${groupDigits(limits.maxRows)}. Удалите лишние строки и отправьте ещё раз.`;
    case 'columns':
      return `На листе «${over.sheet}» строка ${groupDigits(over.row + 1)} занимает ${groupDigits(over.count)} столбцов при пределе ${groupDigits(limits.maxColumns)}. Удалите лишние столбцы и отправьте ещё раз.`;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export type FormReading = { ok: true; form: SubmissionForm } | { ok: false; problem: FormProblem };

/**
 * Validates a received form and returns it, or its first problem in reading order (the top, then each sheet: its
 * fields, its rows and cells, its merges). Level by level with the shapes above, so a hostile form with millions of bad
 * cells costs one issue, not millions. The result holds fresh arrays: nothing of the body is kept by reference.
 */
export function readSubmissionForm(data: unknown, limits: FormLimits = DEFAULT_FORM_LIMITS): FormReading {
  const s = schemasFor(limits);
  const fail = (issue: z.core.$ZodIssue, prefix: PropertyKey[]): { ok: false; problem: FormProblem } => ({
    ok: false,
    problem: describeFormIssue({ ...issue, path: [...prefix, ...issue.path] }, data, limits),
  });
  // Parsed without options first (`reportInput` doubles the cost of a valid form); a failure is parsed again with it,
  // for the message's sake.
  const issuesOf = (schema: z.ZodType, value: unknown) => schema.safeParse(value, { reportInput: true }).error?.issues ?? [];
  if (!isPlainObject(data)) return fail({ code: 'invalid_type', expected: 'object', path: [], input: data, message: '' }, []);
  if (!s.formShape.safeParse(data).success) return fail(firstFormIssue(issuesOf(s.formShape, data)), []);
  const sheetsIn = data['sheets'] as unknown[];
  const sheets: SubmissionSheet[] = [];
  const seen: string[] = [];
  for (let i = 0; i < sheetsIn.length; i++) {
    const raw = sheetsIn[i];
    const at = ['sheets', i];
    if (!isPlainObject(raw)) return fail({ code: 'invalid_type', expected: 'object', path: [], input: raw, message: '' }, at);
    // The fields before the rows, the merges after them: a bad «merges» is reported after every cell.
    const issues = s.sheetShape.safeParse(raw).success ? [] : issuesOf(s.sheetShape, raw);
    const early = issues.filter((x) => x.path[0] !== 'merges');
    if (early.length) return fail(firstFormIssue(early), at);
    const name = raw['name'] as string;
    const twin = sameNames([...seen, name]);
    if (twin) return fail({ code: 'custom', path: ['name'], params: { problem: 'twin', earlier: twin.earlier }, input: name, message: '' }, at);
    seen.push(name);
    const rowsIn = raw['rows'] as unknown[];
    const rows: JsonCell[][] = new Array(rowsIn.length);
    for (let r = 0; r < rowsIn.length; r++) {
      // The length first: a row of millions of bad cells must not become millions of issues.
      if (!s.rowShape.safeParse(rowsIn[r]).success) return fail(firstFormIssue(issuesOf(s.rowShape, rowsIn[r])), [...at, 'rows', r]);
      const row = s.row.safeParse(rowsIn[r]);
      if (!row.success) return fail(firstFormIssue(issuesOf(s.row, rowsIn[r])), [...at, 'rows', r]);
      rows[r] = row.data;
    }
    if (issues.length) return fail(firstFormIssue(issues), at);
    const mergesIn = raw['merges'] as unknown[] | undefined;
    let merges: string[] | undefined;
    if (mergesIn !== undefined) {
      merges = new Array(mergesIn.length);
      for (let m = 0; m < mergesIn.length; m++) {
        const merge = s.merge.safeParse(mergesIn[m]);
        if (!merge.success) return fail(firstFormIssue(issuesOf(s.merge, mergesIn[m])), [...at, 'merges', m]);
        merges[m] = merge.data;
      }
    }
    sheets.push(merges === undefined ? { name, rows } : { name, rows, merges });
  }
  return { ok: true, form: { sheets } };
}

let cached: { key: string; schemas: ReturnType<typeof submissionFormSchemas> } | null = null;

/** The server reads every form with the same bounds: build their schemas once. */
function schemasFor(limits: FormLimits) {
  const key = `${limits.maxSheets}/${limits.maxRows}/${limits.maxColumns}/${limits.maxCellChars}`;
  if (cached?.key !== key) cached = { key, schemas: submissionFormSchemas(limits) };
  return cached.schemas;
}

/**
 * The issue to tell a person about, of a form's issues: an unknown key of the form first (the client speaks another
 * version of it), then zod's order (the object's fields in turn). A client parsing the whole form shows this one.
 */
export function firstFormIssue(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue {
  return issues.find((i) => i.code === 'unrecognized_keys' && i.path.length === 0) ?? issues[0]!;
}
