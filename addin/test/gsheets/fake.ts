/**
 * A small fake of the Apps Script services the add-on uses (`SpreadsheetApp`, `PropertiesService`, `UrlFetchApp`,
 * `HtmlService`, `Utilities`), close to Google's documented behaviour where it matters to Svod, and counting every
 * call. No well-kept mock library fits (the npm ones are stale or cover a few methods), so this one is written to the
 * `@types/google-apps-script` shapes the server code is typed with.
 *
 * What it models as Sheets does: `getValues` returns `Date` instants for date cells (the sheet shows them in its time
 * zone) and `''` for empty cells; `setValues` parses text like the Sheets UI unless the cell's format is `@`
 * (`=x` becomes a formula, `+1`/`4.2` numbers, `12.05.2021` a date); «no fill» reads as `#ffffff`, «no note» as `''`;
 * `getDataRange` starts at A1 and ends at the last cell with a value; a property value holds at most 9 KB, a store
 * 500 KB. `UrlFetchApp.fetch` is synchronous, as Google's: a child Node process makes the HTTP request.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { columnLetters, parseA1, parseRangeA1, type CellRange, type CellValue } from '@svod/shared';
import { sheetInitsFromXlsx } from '../../../tests/fakes/xlsx';

export interface FakeCell {
  value?: CellValue;
  /** A formula the fake cannot compute: reads as `#ERROR!`. */
  formula?: string;
  format?: string;
  background?: string;
  note?: string;
  bold?: boolean;
  wrap?: boolean;
  hAlign?: string;
  vAlign?: string;
  border?: boolean;
  validation?: FakeValidation;
}

export interface FakeValidation {
  values: string[];
  showDropdown: boolean;
  allowInvalid: boolean;
  helpText: string;
}

export interface FakeSheetInit {
  name: string;
  rows?: readonly (readonly CellValue[])[];
  merges?: readonly CellRange[];
  numberFormats?: Readonly<Record<string, string>>;
  /** A1 → `#RRGGBB` (or the fake Excel's fill objects, as `sheetInitsFromXlsx` makes them). */
  fills?: Readonly<Record<string, string | { color: string }>>;
  notes?: Readonly<Record<string, string>>;
}

const KEY = 16_384;
const key = (row: number, col: number) => row * KEY + col;

// ---------------------------------------------------------------- time zones

function wallParts(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'), instant.getUTCMilliseconds());
}

/** The wall-clock time an instant shows in the zone, as a UTC date. */
export function toWall(instant: Date, timeZone: string): Date {
  return new Date(wallParts(instant, timeZone));
}

/** The instant at which the zone's clocks show `wall` (a UTC date holding the wall-clock time). */
export function fromWall(wall: Date, timeZone: string): Date {
  let guess = wall.getTime();
  for (let i = 0; i < 2; i++) guess = wall.getTime() - (wallParts(new Date(guess), timeZone) - guess);
  return new Date(guess);
}

// ---------------------------------------------------------------- what Sheets makes of typed text

/** Text set by `setValues` into a cell that is not formatted as text, parsed the way the Sheets UI parses input. */
export function parseLikeSheets(text: string): { value?: CellValue; formula?: string } {
  const t = text.trim();
  if (text.startsWith('=') && text.length > 1) return { formula: text };
  if (/^[+-]?\d+(?:[.,]\d+)?(?:e[+-]?\d+)?$/i.test(t)) return { value: Number(t.replace(',', '.')) };
  if (/^[+-]?\d+(?:[.,]\d+)?%$/.test(t)) return { value: Number(t.slice(0, -1).replace(',', '.')) / 100 };
  const date = /^(\d{1,2})[./](\d{1,2})[./](\d{2,4})$/.exec(t);
  if (date) {
    const year = Number(date[3]!.length === 2 ? `20${date[3]}` : date[3]);
    return { value: new Date(Date.UTC(year, Number(date[2]) - 1, Number(date[1]))) };
  }
  if (/^(?:true|истина)$/i.test(t)) return { value: true };
  if (/^(?:false|ложь)$/i.test(t)) return { value: false };
  return { value: text };
}

/** Formats that show a date: day, month or year codes outside quotes (`dd.mm.yyyy`, `d mmmm yyyy`). */
function isDateFormat(format: string | undefined): boolean {
  if (!format || format === '@' || /^general$/i.test(format)) return false;
  return /[dy]/i.test(format.replace(/"[^"]*"/g, ''));
}

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

// ---------------------------------------------------------------- the model

export class FakeBook {
  readonly calls: string[] = [];
  sheets: FakeSheet[] = [];
  active!: FakeSheet;
  selection: { sheet: string; a1: string } | null = null;
  timeZone = 'Europe/Moscow';
  nextId = 1000;
  readonly documentProperties = new FakeProperties(this, 'document');
  readonly userProperties = new FakeProperties(this, 'user');
  readonly menus: Array<{ name: string; items: Array<[string, string]> }> = [];
  sidebar: FakeHtmlOutput | null = null;
  /** HtmlService files by name (`Sidebar` → the built Sidebar.html). */
  htmlFiles: Record<string, string> = {};
  readonly fetches: Array<{ url: string; params: Record<string, unknown> }> = [];
  /** The document lock: held by another execution when true. */
  locked = false;
  readonly lockWaits: number[] = [];

  constructor(inits: FakeSheetInit[], active?: string) {
    for (const init of inits) this.sheets.push(FakeSheet.from(this, init));
    if (this.sheets.length === 0) this.sheets.push(new FakeSheet(this, 'Лист1', this.nextId++));
    this.active = (active ? this.sheets.find((s) => s.name === active) : undefined) ?? this.sheets[0]!;
  }

  static async fromXlsx(path: string, active?: string): Promise<FakeBook> {
    const inits = await sheetInitsFromXlsx(readFileSync(path));
    return new FakeBook(inits.map((i) => ({ name: i.name, rows: i.rows as CellValue[][], merges: i.merges, numberFormats: i.numberFormats, fills: i.fills as Record<string, { color: string }>, notes: i.notes })), active);
  }

  call(name: string): void {
    this.calls.push(name);
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  /** The calls made by `fn`, by name, and how many went to the spreadsheet (not properties, fetch or utilities). */
  measure<T>(fn: () => T): { result: T; calls: string[]; sheets: number } {
    const from = this.calls.length;
    const result = fn();
    const calls = this.calls.slice(from);
    return { result, calls, sheets: calls.filter(isSheetsCall).length };
  }
}

export const isSheetsCall = (name: string) => /^(?:SpreadsheetApp|Spreadsheet|Sheet|Range|RangeList)\./.test(name);

export class FakeSheet {
  readonly cells = new Map<number, FakeCell>();
  merges: CellRange[] = [];
  readonly widths = new Map<number, number>();
  constructor(
    readonly book: FakeBook,
    public name: string,
    readonly id: number,
  ) {}

  static from(book: FakeBook, init: FakeSheetInit): FakeSheet {
    const sheet = new FakeSheet(book, init.name, book.nextId++);
    (init.rows ?? []).forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null && v !== undefined && v !== '') sheet.at(r, c).value = v;
      }),
    );
    sheet.merges = [...(init.merges ?? [])];
    const each = <T>(map: Readonly<Record<string, T>> | undefined, put: (cell: FakeCell, v: T) => void) => {
      for (const [a1, v] of Object.entries(map ?? {})) {
        const ref = parseA1(a1);
        if (ref) put(sheet.at(ref.row, ref.col), v);
      }
    };
    each(init.numberFormats, (cell, f) => (cell.format = f));
    each(init.fills, (cell, f) => (cell.background = (typeof f === 'string' ? f : f.color).toLowerCase()));
    each(init.notes, (cell, n) => (cell.note = n));
    return sheet;
  }

  at(row: number, col: number): FakeCell {
    let cell = this.cells.get(key(row, col));
    if (!cell) this.cells.set(key(row, col), (cell = {}));
    return cell;
  }

  /** The cell at an A1 address, created when missing (for seeding a test). */
  cell(a1: string): FakeCell {
    const ref = parseA1(a1)!;
    return this.at(ref.row, ref.col);
  }

  peek(a1: string): FakeCell | undefined {
    const ref = parseA1(a1)!;
    return this.cells.get(key(ref.row, ref.col));
  }

  /** The last row and column (0-based) holding a value, or -1. */
  extent(): { rows: number; cols: number } {
    let rows = 0;
    let cols = 0;
    for (const [k, cell] of this.cells) {
      if (cell.value === undefined && cell.formula === undefined) continue;
      rows = Math.max(rows, Math.floor(k / KEY) + 1);
      cols = Math.max(cols, (k % KEY) + 1);
    }
    return { rows, cols };
  }

  /** Every fill and note of the sheet: what a highlight changes. */
  marks(): { fills: Record<string, string>; notes: Record<string, string> } {
    const fills: Record<string, string> = {};
    const notes: Record<string, string> = {};
    for (const [k, cell] of this.cells) {
      const a1 = `${columnLetters(k % KEY)}${Math.floor(k / KEY) + 1}`;
      if (cell.background) fills[a1] = cell.background;
      if (cell.note) notes[a1] = cell.note;
    }
    return { fills, notes };
  }

  // ---- the Sheet API
  getName(): string {
    this.book.call('Sheet.getName');
    return this.name;
  }
  getSheetId(): number {
    this.book.call('Sheet.getSheetId');
    return this.id;
  }
  getDataRange(): FakeRange {
    this.book.call('Sheet.getDataRange');
    const { rows, cols } = this.extent();
    return new FakeRange(this, 0, 0, Math.max(1, rows), Math.max(1, cols));
  }
  getRange(a: string | number, b?: number, c?: number, d?: number): FakeRange {
    this.book.call('Sheet.getRange');
    if (typeof a === 'number') return new FakeRange(this, a - 1, (b ?? 1) - 1, c ?? 1, d ?? 1);
    const range = parseRangeA1(a.replace(/\$/g, ''));
    if (!range) throw new Error(`Exception: Range not found: ${a}`);
    return new FakeRange(this, range.top, range.left, range.bottom - range.top + 1, range.right - range.left + 1);
  }
  getRangeList(a1s: string[]): FakeRangeList {
    this.book.call('Sheet.getRangeList');
    return new FakeRangeList(
      this,
      a1s.map((a1) => {
        const range = parseRangeA1(a1);
        if (!range) throw new Error(`Exception: Range not found: ${a1}`);
        return new FakeRange(this, range.top, range.left, range.bottom - range.top + 1, range.right - range.left + 1);
      }),
    );
  }
  getMaxRows(): number {
    this.book.call('Sheet.getMaxRows');
    return Math.max(1000, this.extent().rows);
  }
  setColumnWidths(start: number, count: number, width: number): FakeSheet {
    this.book.call('Sheet.setColumnWidths');
    for (let c = start - 1; c < start - 1 + count; c++) this.widths.set(c, width);
    return this;
  }
  activate(): FakeSheet {
    this.book.call('Sheet.activate');
    this.book.active = this;
    return this;
  }
}

export class FakeRange {
  constructor(
    readonly sheet: FakeSheet,
    readonly top: number,
    readonly left: number,
    readonly rows: number,
    readonly cols: number,
  ) {}

  private call(name: string): void {
    this.sheet.book.call(`Range.${name}`);
  }
  private each(fn: (cell: FakeCell, r: number, c: number) => void): void {
    for (let r = 0; r < this.rows; r++) for (let c = 0; c < this.cols; c++) fn(this.sheet.at(this.top + r, this.left + c), r, c);
  }
  private matrix<T>(fn: (cell: FakeCell | undefined) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < this.rows; r++) {
      const row: T[] = [];
      for (let c = 0; c < this.cols; c++) row.push(fn(this.sheet.cells.get(key(this.top + r, this.left + c))));
      out.push(row);
    }
    return out;
  }
  private sized(values: unknown[][], what: string): void {
    if (values.length !== this.rows || values.some((row) => row.length !== this.cols)) {
      throw new Error(`Exception: The number of rows or columns in the ${what} does not match the range.`);
    }
  }

  getA1Notation(): string {
    this.call('getA1Notation');
    const start = `${columnLetters(this.left)}${this.top + 1}`;
    const end = `${columnLetters(this.left + this.cols - 1)}${this.top + this.rows}`;
    return start === end ? start : `${start}:${end}`;
  }
  getValues(): unknown[][] {
    this.call('getValues');
    const tz = this.sheet.book.timeZone;
    return this.matrix((cell) => {
      if (!cell) return '';
      if (cell.formula !== undefined) return '#ERROR!';
      const v = cell.value;
      if (v === undefined || v === null) return '';
      // A number under a date format is a date to Sheets: getValues gives the instant of that wall-clock time.
      if (typeof v === 'number' && isDateFormat(cell.format)) return fromWall(new Date(Math.round((v - 25_569) * 86_400_000)), tz);
      return isDate(v) ? fromWall(v, tz) : v;
    });
  }
  setValues(values: unknown[][]): FakeRange {
    this.call('setValues');
    this.sized(values, 'data');
    const tz = this.sheet.book.timeZone;
    this.each((cell, r, c) => {
      const v = values[r]![c];
      delete cell.formula;
      if (v === '' || v === null || v === undefined) delete cell.value;
      else if (isDate(v)) cell.value = toWall(v, tz);
      else if (typeof v === 'string' && cell.format !== '@') Object.assign(cell, { value: undefined, ...parseLikeSheets(v) });
      else cell.value = v as CellValue;
      if (cell.value === undefined) delete cell.value;
    });
    return this;
  }
  getBackgrounds(): string[][] {
    this.call('getBackgrounds');
    return this.matrix((cell) => cell?.background ?? '#ffffff');
  }
  setBackground(color: string | null): FakeRange {
    this.call('setBackground');
    this.paint(color);
    return this;
  }
  paint(color: string | null): void {
    this.each((cell) => {
      if (color === null || color === '') delete cell.background;
      else cell.background = color.toLowerCase();
    });
  }
  getNotes(): string[][] {
    this.call('getNotes');
    return this.matrix((cell) => cell?.note ?? '');
  }
  setNotes(notes: string[][]): FakeRange {
    this.call('setNotes');
    this.sized(notes, 'notes');
    this.each((cell, r, c) => {
      const n = notes[r]![c];
      if (n === '' || n === null || n === undefined) delete cell.note;
      else cell.note = String(n);
    });
    return this;
  }
  getNumberFormats(): string[][] {
    this.call('getNumberFormats');
    return this.matrix((cell) => cell?.format ?? 'General');
  }
  setNumberFormat(format: string): FakeRange {
    this.call('setNumberFormat');
    this.each((cell) => (cell.format = format));
    return this;
  }
  getMergedRanges(): FakeRange[] {
    this.call('getMergedRanges');
    const bottom = this.top + this.rows - 1;
    const right = this.left + this.cols - 1;
    return this.sheet.merges
      .filter((m) => m.top <= bottom && m.bottom >= this.top && m.left <= right && m.right >= this.left)
      .map((m) => new FakeRange(this.sheet, m.top, m.left, m.bottom - m.top + 1, m.right - m.left + 1));
  }
  mergeAcross(): FakeRange {
    this.call('mergeAcross');
    for (let r = 0; r < this.rows; r++) this.sheet.merges.push({ top: this.top + r, left: this.left, bottom: this.top + r, right: this.left + this.cols - 1 });
    return this;
  }
  setFontWeight(weight: string): FakeRange {
    this.call('setFontWeight');
    this.each((cell) => (cell.bold = weight === 'bold'));
    return this;
  }
  setWrap(on: boolean): FakeRange {
    this.call('setWrap');
    this.each((cell) => (cell.wrap = on));
    return this;
  }
  setHorizontalAlignment(a: string): FakeRange {
    this.call('setHorizontalAlignment');
    this.each((cell) => (cell.hAlign = a));
    return this;
  }
  setVerticalAlignment(a: string): FakeRange {
    this.call('setVerticalAlignment');
    this.each((cell) => (cell.vAlign = a));
    return this;
  }
  setBorder(...sides: Array<boolean | null>): FakeRange {
    this.call('setBorder');
    this.each((cell) => (cell.border = sides.every((s) => s === true)));
    return this;
  }
  setDataValidation(rule: FakeValidation): FakeRange {
    this.call('setDataValidation');
    this.each((cell) => (cell.validation = rule));
    return this;
  }
  activate(): FakeRange {
    this.call('activate');
    this.sheet.book.active = this.sheet;
    this.sheet.book.selection = { sheet: this.sheet.name, a1: `${columnLetters(this.left)}${this.top + 1}` };
    return this;
  }
}

export class FakeRangeList {
  constructor(
    readonly sheet: FakeSheet,
    readonly ranges: FakeRange[],
  ) {}
  private call(name: string): void {
    this.sheet.book.call(`RangeList.${name}`);
  }
  setBackground(color: string | null): FakeRangeList {
    this.call('setBackground');
    for (const r of this.ranges) r.paint(color);
    return this;
  }
  setNumberFormat(format: string): FakeRangeList {
    this.call('setNumberFormat');
    for (const r of this.ranges) for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.cols; j++) this.sheet.at(r.top + i, r.left + j).format = format;
    return this;
  }
  setFontWeight(weight: string): FakeRangeList {
    this.call('setFontWeight');
    for (const r of this.ranges) for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.cols; j++) this.sheet.at(r.top + i, r.left + j).bold = weight === 'bold';
    return this;
  }
  setHorizontalAlignment(a: string): FakeRangeList {
    this.call('setHorizontalAlignment');
    for (const r of this.ranges) for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.cols; j++) this.sheet.at(r.top + i, r.left + j).hAlign = a;
    return this;
  }
}

export class FakeProperties {
  readonly values = new Map<string, string>();
  constructor(
    readonly book: FakeBook,
    readonly kind: string,
  ) {}
  private call(name: string): void {
    this.book.call(`Properties.${name}`);
  }
  private check(k: string, v: string): void {
    if (Buffer.byteLength(k) + Buffer.byteLength(v) > 9 * 1024) throw new Error('Exception: Argument too large: value');
  }
  private total(): number {
    let n = 0;
    for (const [k, v] of this.values) n += Buffer.byteLength(k) + Buffer.byteLength(v);
    return n;
  }
  getProperties(): Record<string, string> {
    this.call('getProperties');
    return Object.fromEntries(this.values);
  }
  getProperty(k: string): string | null {
    this.call('getProperty');
    return this.values.get(k) ?? null;
  }
  setProperty(k: string, v: string): FakeProperties {
    this.call('setProperty');
    this.check(k, v);
    this.values.set(k, v);
    if (this.total() > 500 * 1024) throw new Error('Exception: You have exceeded the property storage quota.');
    return this;
  }
  setProperties(values: Record<string, string>): FakeProperties {
    this.call('setProperties');
    for (const [k, v] of Object.entries(values)) this.check(k, v);
    for (const [k, v] of Object.entries(values)) this.values.set(k, v);
    if (this.total() > 500 * 1024) throw new Error('Exception: You have exceeded the property storage quota.');
    return this;
  }
  deleteProperty(k: string): FakeProperties {
    this.call('deleteProperty');
    this.values.delete(k);
    return this;
  }
}

export class FakeHtmlOutput {
  title = '';
  width = 0;
  constructor(readonly content: string) {}
  setTitle(t: string): FakeHtmlOutput {
    this.title = t;
    return this;
  }
  setWidth(w: number): FakeHtmlOutput {
    this.width = w;
    return this;
  }
  getContent(): string {
    return this.content;
  }
}

// ---------------------------------------------------------------- the services

/** The HTTP request of `UrlFetchApp.fetch`, made by a child process so that the call is synchronous. */
const FETCH_CHILD = `
let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', async () => {
  const r = JSON.parse(input);
  try {
    const res = await fetch(r.url, { method: r.method, headers: r.headers, body: r.body, redirect: 'manual' });
    const body = Buffer.from(await res.arrayBuffer()).toString('base64');
    process.stdout.write(JSON.stringify({ status: res.status, headers: Object.fromEntries(res.headers), body }));
  } catch (e) {
    process.stdout.write(JSON.stringify({ error: String(e && e.message) }));
  }
});`;

class FakeHttpResponse {
  constructor(
    private readonly status: number,
    private readonly headers: Record<string, string>,
    private readonly body: Buffer,
  ) {}
  getResponseCode(): number {
    return this.status;
  }
  getAllHeaders(): Record<string, string> {
    return this.headers;
  }
  getHeaders(): Record<string, string> {
    return this.headers;
  }
  getContentText(charset?: string): string {
    return this.body.toString(charset && /^utf-?8$/i.test(charset) ? 'utf8' : 'utf8');
  }
  getContent(): number[] {
    return [...this.body].map((b) => (b > 127 ? b - 256 : b));
  }
}

function bytesOf(data: number[] | string): Buffer {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.map((b) => b & 0xff));
}

/** Utilities.formatDate / parseDate for the patterns Svod uses (`yyyy-MM-dd'T'HH:mm:ss(.SSS)`). */
function formatDate(date: Date, timeZone: string, pattern: string): string {
  const w = toWall(date, timeZone);
  const pad = (n: number, l = 2) => String(n).padStart(l, '0');
  const tokens: Record<string, string> = {
    yyyy: String(w.getUTCFullYear()),
    MM: pad(w.getUTCMonth() + 1),
    dd: pad(w.getUTCDate()),
    HH: pad(w.getUTCHours()),
    mm: pad(w.getUTCMinutes()),
    ss: pad(w.getUTCSeconds()),
    SSS: pad(w.getUTCMilliseconds(), 3),
  };
  return pattern.replace(/'([^']*)'|yyyy|MM|dd|HH|mm|ss|SSS/g, (m, quoted: string | undefined) => (quoted !== undefined ? quoted : tokens[m]!));
}

function parseDate(text: string, timeZone: string, pattern: string): Date {
  if (pattern !== "yyyy-MM-dd'T'HH:mm:ss") throw new Error(`fake parseDate: pattern ${pattern}`);
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) throw new Error(`Exception: Unparseable date: "${text}"`);
  const wall = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return fromWall(wall, timeZone);
}

export interface InstalledAppsScript {
  globals: Record<string, unknown>;
  uninstall(): void;
}

/** The services as globals (what Apps Script gives a script), over `book`. */
export function appsScriptGlobals(book: FakeBook): Record<string, unknown> {
  const spreadsheet = {
    getSheets: () => (book.call('Spreadsheet.getSheets'), [...book.sheets]),
    getActiveSheet: () => (book.call('Spreadsheet.getActiveSheet'), book.active),
    getSheetByName: (name: string) => (book.call('Spreadsheet.getSheetByName'), book.sheets.find((s) => s.name === name) ?? null),
    getSpreadsheetTimeZone: () => (book.call('Spreadsheet.getSpreadsheetTimeZone'), book.timeZone),
    getNumSheets: () => (book.call('Spreadsheet.getNumSheets'), book.sheets.length),
    insertSheet: (name: string, index?: number) => {
      book.call('Spreadsheet.insertSheet');
      if (book.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw new Error(`Exception: A sheet with the name "${name}" already exists.`);
      const sheet = new FakeSheet(book, name, book.nextId++);
      book.sheets.splice(index ?? book.sheets.length, 0, sheet);
      book.active = sheet;
      return sheet;
    },
  };
  const ui = {
    createMenu(name: string) {
      book.call('Ui.createMenu');
      const menu = { name, items: [] as Array<[string, string]> };
      const builder = {
        addItem(caption: string, fn: string) {
          menu.items.push([caption, fn]);
          return builder;
        },
        addToUi() {
          book.menus.push(menu);
        },
      };
      return builder;
    },
    showSidebar(output: FakeHtmlOutput) {
      book.call('Ui.showSidebar');
      book.sidebar = output;
    },
  };
  const validation = () => {
    const rule: FakeValidation = { values: [], showDropdown: false, allowInvalid: true, helpText: '' };
    const builder = {
      requireValueInList(values: string[], showDropdown = true) {
        rule.values = [...values];
        rule.showDropdown = showDropdown;
        return builder;
      },
      setAllowInvalid(on: boolean) {
        rule.allowInvalid = on;
        return builder;
      },
      setHelpText(text: string) {
        rule.helpText = text;
        return builder;
      },
      build: () => ({ ...rule }),
    };
    return builder;
  };
  return {
    SpreadsheetApp: {
      getActiveSpreadsheet: () => (book.call('SpreadsheetApp.getActiveSpreadsheet'), spreadsheet),
      getActive: () => (book.call('SpreadsheetApp.getActive'), spreadsheet),
      getUi: () => ui,
      newDataValidation: () => validation(),
    },
    LockService: {
      getDocumentLock: () => ({
        tryLock(ms: number) {
          book.call('Lock.tryLock');
          if (book.locked) return false;
          book.lockWaits.push(ms);
          book.locked = true;
          return true;
        },
        releaseLock() {
          book.call('Lock.releaseLock');
          book.locked = false;
        },
      }),
    },
    PropertiesService: {
      getDocumentProperties: () => book.documentProperties,
      getUserProperties: () => book.userProperties,
    },
    HtmlService: {
      createHtmlOutputFromFile(name: string) {
        book.call('HtmlService.createHtmlOutputFromFile');
        const content = book.htmlFiles[name];
        if (content === undefined) throw new Error(`Exception: No HTML file named ${name} was found.`);
        return new FakeHtmlOutput(content);
      },
      createHtmlOutput(content: string) {
        book.call('HtmlService.createHtmlOutput');
        return new FakeHtmlOutput(content);
      },
    },
    UrlFetchApp: {
      fetch(url: string, params: Record<string, unknown> = {}) {
        book.call('UrlFetchApp.fetch');
        book.fetches.push({ url, params });
        const headers: Record<string, string> = { ...((params.headers as Record<string, string>) ?? {}) };
        if (params.contentType) headers['Content-Type'] = String(params.contentType);
        const out = execFileSync(process.execPath, ['-e', FETCH_CHILD], {
          input: JSON.stringify({ url, method: String(params.method ?? 'get').toUpperCase(), headers, body: params.payload }),
          encoding: 'utf8',
          timeout: 30_000,
        });
        const res = JSON.parse(out) as { status?: number; headers?: Record<string, string>; body?: string; error?: string };
        if (res.error !== undefined) throw new Error(`Exception: Address unavailable: ${url}`);
        if (res.status! >= 400 && !params.muteHttpExceptions) throw new Error(`Exception: Request failed for ${url} returned code ${res.status}`);
        return new FakeHttpResponse(res.status!, res.headers!, Buffer.from(res.body!, 'base64'));
      },
    },
    Utilities: {
      DigestAlgorithm: { MD5: 'MD5', SHA_256: 'SHA_256' },
      Charset: { UTF_8: 'UTF_8' },
      computeDigest(algorithm: string, value: string | number[]) {
        book.call('Utilities.computeDigest');
        const digest = createHash(algorithm === 'MD5' ? 'md5' : 'sha256').update(bytesOf(value)).digest();
        return [...digest].map((b) => (b > 127 ? b - 256 : b));
      },
      base64Encode: (data: number[] | string) => (book.call('Utilities.base64Encode'), bytesOf(data).toString('base64')),
      base64Decode: (text: string) => (book.call('Utilities.base64Decode'), [...Buffer.from(text, 'base64')].map((b) => (b > 127 ? b - 256 : b))),
      formatDate: (date: Date, tz: string, pattern: string) => (book.call('Utilities.formatDate'), formatDate(date, tz, pattern)),
      parseDate: (text: string, tz: string, pattern: string) => (book.call('Utilities.parseDate'), parseDate(text, tz, pattern)),
    },
  };
}

export function installAppsScript(book: FakeBook, build?: { serverUrl: string; allowedPrefixes: string[] }): InstalledAppsScript {
  const globals: Record<string, unknown> = { ...appsScriptGlobals(book), ...(build ? { SVOD_BUILD: build } : {}) };
  const g = globalThis as Record<string, unknown>;
  const before = new Map(Object.keys(globals).map((k) => [k, g[k]]));
  Object.assign(g, globals);
  return {
    globals,
    uninstall() {
      for (const [k, v] of before) {
        if (v === undefined) delete g[k];
        else g[k] = v;
      }
    },
  };
}
