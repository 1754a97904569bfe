/**
 * The Excel add-in's JSON form `{ "sheets": [ { "name", "rows": [[…]], "merges"?: ["A1:B2", …] } ] }`, validated
 * strictly: nothing but these keys, plain values in cells, Excel's own limits on names and texts. Every message names
 * the sheet and the position of the first problem. Shape errors (the add-in sent something else) are 400, content
 * errors (a name, a size, a value the official can fix) are 422.
 */
import { columnIndex, columnLetters, toA1, type CellRange, type CellValue, type Grid, type GridWorkbook } from '@svod/shared';
import { oversizeError } from './caps';
import { UploadError, groupDigits } from './errors';
import { resolveLimits, type UploadLimits } from './limits';

const SHEET_NAME_MAX = 31;
const FORBIDDEN_IN_SHEET_NAME = /[\\/?*[\]:]/;
const A1_RANGE = /^([A-Z]{1,3})([1-9]\d{0,6})(?::([A-Z]{1,3})([1-9]\d{0,6}))?$/;
const UPDATE_ADDIN = 'Обновите надстройку Svod и отправьте ещё раз.';

export function workbookFromJson(body: unknown, limits?: Partial<UploadLimits>): GridWorkbook {
  const lim = resolveLimits(limits);
  const data = typeof body === 'string' || body instanceof Uint8Array ? parseText(body) : body;
  if (!isPlainObject(data)) throw badJson(`Данные книги не распознаны: ожидался объект вида { "sheets": [ … ] }. ${UPDATE_ADDIN}`);
  for (const key of Object.keys(data)) {
    if (key !== 'sheets') throw badJson(`Данные книги не распознаны: неизвестное поле «${shorten(key)}». ${UPDATE_ADDIN}`);
  }
  const sheets = data['sheets'];
  if (!Array.isArray(sheets)) throw badJson(`Данные книги не распознаны: поле «sheets» должно быть списком листов. ${UPDATE_ADDIN}`);
  if (sheets.length === 0) throw new UploadError(422, 'no-sheets', 'В книге нет ни одного листа. Откройте книгу с таблицей и отправьте её ещё раз.');
  if (sheets.length > lim.maxSheets) throw oversizeError({ kind: 'sheets', count: sheets.length }, lim, 'xlsx');
  const seen = new Map<string, string>();
  let merged = 0;
  const out: Grid[] = [];
  for (let i = 0; i < sheets.length; i++) {
    const grid = sheetFromJson(sheets[i], i, lim, seen);
    for (const m of grid.merges!) merged += (m.bottom - m.top + 1) * (m.right - m.left + 1);
    if (merged > lim.maxMergedCells) throw oversizeError({ kind: 'merged-cells', count: merged }, lim, 'xlsx');
    out.push(grid);
  }
  return { sheets: out };
}

function sheetFromJson(sheet: unknown, index: number, lim: UploadLimits, seen: Map<string, string>): Grid {
  const numbered = `Лист №${index + 1}`;
  if (!isPlainObject(sheet)) throw badJson(`${numbered} не распознан: ожидался объект с полями «name» и «rows». ${UPDATE_ADDIN}`);
  for (const key of Object.keys(sheet)) {
    if (key !== 'name' && key !== 'rows' && key !== 'merges') throw badJson(`${numbered}: неизвестное поле «${shorten(key)}». ${UPDATE_ADDIN}`);
  }
  const name = checkSheetName(sheet['name'], index, seen);
  const where = `Лист «${name}»`;
  const rows = sheet['rows'];
  if (!Array.isArray(rows)) throw badJson(`${where}: поле «rows» должно быть списком строк. ${UPDATE_ADDIN}`);
  if (rows.length > lim.maxRows) throw oversizeError({ kind: 'rows', sheet: name, count: rows.length }, lim, 'xlsx');
  const outRows: CellValue[][] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row: unknown = rows[r];
    if (!Array.isArray(row)) throw badJson(`${where}, строка ${groupDigits(r + 1)}: ожидался список ячеек. ${UPDATE_ADDIN}`);
    if (row.length > lim.maxColumns) throw oversizeError({ kind: 'columns', sheet: name, row: r, count: row.length }, lim, 'xlsx');
    const outRow: CellValue[] = new Array(row.length);
    for (let c = 0; c < row.length; c++) outRow[c] = checkCell(row[c], `${where}, ячейка ${toA1({ row: r, col: c })}`, lim);
    outRows[r] = outRow;
  }
  const merges = sheet['merges'] === undefined ? [] : checkMerges(sheet['merges'], where, lim);
  return { name, rows: outRows, merges };
}

function checkSheetName(value: unknown, index: number, seen: Map<string, string>): string {
  const n = index + 1;
  if (value === undefined) throw sheetName(`У листа №${n} нет названия. Дайте листу название и отправьте ещё раз.`);
  if (typeof value !== 'string') throw badJson(`Лист №${n}: название листа должно быть текстом. ${UPDATE_ADDIN}`);
  if (value.trim() === '') throw sheetName(`У листа №${n} пустое название. Дайте листу название и отправьте ещё раз.`);
  if (value.length > SHEET_NAME_MAX) {
    throw sheetName(
      `Название листа «${shorten(value)}» длиннее ${SHEET_NAME_MAX} символа (${groupDigits(value.length)}): Excel не допускает таких названий. ` +
        'Сократите название и отправьте ещё раз.',
    );
  }
  const bad = FORBIDDEN_IN_SHEET_NAME.exec(value)?.[0] ?? (/^'|'$/.test(value) ? "'" : null);
  if (bad) {
    throw sheetName(
      `В названии листа «${value}» есть недопустимый знак «${bad}»: в названиях листов Excel нельзя использовать : \\ / ? * [ ], ` +
        'а апостроф — в начале и в конце. Переименуйте лист и отправьте ещё раз.',
    );
  }
  const key = value.toLowerCase();
  const earlier = seen.get(key);
  if (earlier !== undefined) {
    throw sheetName(
      earlier === value
        ? `Два листа называются «${value}». Переименуйте один из них и отправьте ещё раз.`
        : `Листы «${earlier}» и «${value}» называются одинаково (Excel не различает заглавные и строчные буквы). Переименуйте один из них и отправьте ещё раз.`,
    );
  }
  seen.set(key, value);
  return value;
}

function checkCell(value: unknown, where: string, lim: UploadLimits): CellValue {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    if (value.length > lim.maxCellChars) {
      throw new UploadError(
        422,
        'cell-too-long',
        `${where}: текст длиннее ${groupDigits(lim.maxCellChars)} символов (${groupDigits(value.length)}), столько ячейка Excel не вмещает. ` +
          'Сократите текст и отправьте ещё раз.',
      );
    }
    return value;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new UploadError(422, 'bad-cell', `${where}: число ${String(value)} не является конечным. Исправьте значение и отправьте ещё раз.`);
    }
    return value;
  }
  const what = value === undefined ? 'нет значения' : Array.isArray(value) ? 'список' : typeof value === 'object' ? 'объект' : typeof value;
  throw badJson(`${where}: недопустимое значение (${what}). В ячейке может быть текст, число, логическое значение или пусто. ${UPDATE_ADDIN}`);
}

function checkMerges(value: unknown, where: string, lim: UploadLimits): CellRange[] {
  if (!Array.isArray(value)) throw badJson(`${where}: поле «merges» должно быть списком диапазонов вида A1:B2. ${UPDATE_ADDIN}`);
  const out: CellRange[] = [];
  for (let i = 0; i < value.length; i++) {
    const text: unknown = value[i];
    if (typeof text !== 'string') throw badJson(`${where}, объединение №${i + 1}: ожидался диапазон вида A1:B2. ${UPDATE_ADDIN}`);
    const m = A1_RANGE.exec(text);
    if (!m) throw badMerge(`${where}, объединение №${i + 1} («${shorten(text)}»): ожидался диапазон вида A1:B2. ${UPDATE_ADDIN}`);
    const a = { row: Number(m[2]) - 1, col: columnIndex(m[1]!) };
    const b = m[3] ? { row: Number(m[4]) - 1, col: columnIndex(m[3]) } : a;
    const range: CellRange = {
      top: Math.min(a.row, b.row),
      left: Math.min(a.col, b.col),
      bottom: Math.max(a.row, b.row),
      right: Math.max(a.col, b.col),
    };
    if (range.bottom >= lim.maxRows || range.right >= lim.maxColumns) {
      throw badMerge(
        `${where}, объединение ${text} выходит за пределы листа: можно не дальше строки ${groupDigits(lim.maxRows)} ` +
          `и столбца ${columnLetters(lim.maxColumns - 1)}. ${UPDATE_ADDIN}`,
      );
    }
    out.push(range);
  }
  const clash = firstOverlap(out, lim);
  if (clash) {
    throw badMerge(`${where}: объединения ${value[clash[0]] as string} и ${value[clash[1]] as string} пересекаются. Снимите одно из них и отправьте ещё раз.`);
  }
  return out;
}

/**
 * The first pair of overlapping merges, by the second's position. One bit per cell of the merges' bounding box
 * (at most maxRows × maxColumns bits, 2.5 MB by default); the sheet's merged area is held to maxMergedCells first,
 * so the marking is bounded too.
 */
function firstOverlap(ranges: readonly CellRange[], lim: UploadLimits): [number, number] | null {
  if (ranges.length < 2) return null;
  let area = 0;
  for (const r of ranges) area += (r.bottom - r.top + 1) * (r.right - r.left + 1);
  if (area > lim.maxMergedCells) throw oversizeError({ kind: 'merged-cells', count: area }, lim, 'xlsx');
  let height = 0;
  let width = 0;
  for (const r of ranges) {
    height = Math.max(height, r.bottom + 1);
    width = Math.max(width, r.right + 1);
  }
  const bits = new Uint8Array(Math.ceil((height * width) / 8));
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i]!;
    for (let row = r.top; row <= r.bottom; row++) {
      for (let col = r.left; col <= r.right; col++) {
        const k = row * width + col;
        if (bits[k >> 3]! & (1 << (k & 7))) {
          const j = ranges.findIndex((o, n) => n < i && o.top <= row && row <= o.bottom && o.left <= col && col <= o.right);
          return [j, i];
        }
        bits[k >> 3]! |= 1 << (k & 7);
      }
    }
  }
  return null;
}

function parseText(body: string | Uint8Array): unknown {
  const text = typeof body === 'string' ? body : new TextDecoder('utf-8').decode(body);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badJson(`Данные книги не читаются: это не JSON. ${UPDATE_ADDIN}`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** User text inside a message: at most 40 characters. */
function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function badJson(message: string): UploadError {
  return new UploadError(400, 'bad-json', message);
}

function sheetName(message: string): UploadError {
  return new UploadError(422, 'bad-sheet-name', message);
}

function badMerge(message: string): UploadError {
  return new UploadError(422, 'bad-merge', message);
}
