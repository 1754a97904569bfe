/**
 * A small, typed fake of the Office.js Excel API: exactly the surface Svod's `ExcelPort` adapter
 * (`addin/src/office/excel-port.ts`) uses, over an in-memory workbook, with Office.js's discipline:
 *
 * - calls only queue work; nothing reaches the workbook before `context.sync()`, which runs the queue in order and is
 *   counted (`workbook.syncs`: loads and writes of every sync, so tests can assert round trips);
 * - reading a property that was not `load`ed and then `sync`ed throws `PropertyNotLoaded`, as Office.js does;
 *   `isNullObject` is readable after the sync that resolved the object; calling on a null object fails the sync;
 * - `Excel.run` ends the batch: a proxy used after its run throws (`InvalidObjectPath`), unless the run is re-entered
 *   with `Excel.run(context, …)` as event-handler removal needs;
 * - text written as a value is typed in the way Excel types it: `=x` becomes a formula, `-2` a number, `4.2` a date,
 *   unless the cell's number format is text (`@`);
 * - `onChanged` / `onActivated` handlers are called after the sync that made the change (`triggerSource`
 *   «ThisLocalAddin» for API writes, unless `reportTriggerSource: false` models an older Excel), and for
 *   `userEdit` / `userActivate`, the test's stand-ins for a person at the keyboard.
 *
 * No Node APIs here: the same fake can be injected into the built task pane in a browser. The xlsx loaders live in
 * `xlsx.ts` (ExcelJS) and `load.ts` (files on disk).
 */
import { columnIndex, columnLetters } from '../../shared/src/grid/address';

// ---------------------------------------------------------------- model

export type FakeScalar = string | number | boolean;
export type FakeVisibility = 'Visible' | 'Hidden' | 'VeryHidden';

/** An inclusive rectangle, 0-based (the shape of `CellRange` in `@svod/shared`). */
export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface FakeFill {
  color: string;
  pattern: string;
  patternColor: string;
}

export interface FakeBorder {
  style: string;
  weight: string;
}

export interface FakeCell {
  value: FakeScalar | null;
  /** The formula when Excel took the text as one (then `value` is what it shows: `#NAME?`). */
  formula: string | null;
  numberFormat: string;
  /** `null` is «no fill». */
  fill: FakeFill | null;
  bold: boolean;
  wrapText: boolean;
  horizontalAlignment: string;
  verticalAlignment: string;
  borders: Partial<Record<'top' | 'bottom' | 'left' | 'right', FakeBorder>>;
}

export interface FakeCommentRecord {
  id: string;
  /** Canonical A1. */
  cell: string;
  content: string;
  authorName: string;
}

export interface FakeValidation {
  range: Rect;
  rule: unknown;
  errorAlert?: unknown;
}

export interface FakeSheetInit {
  name: string;
  /** Cell values; a `Date` is stored as its serial number under `dd.mm.yyyy` unless `numberFormats` says otherwise. */
  rows?: ReadonlyArray<ReadonlyArray<FakeScalar | Date | null>>;
  merges?: readonly Rect[];
  /** A1 → number format. */
  numberFormats?: Readonly<Record<string, string>>;
  /** A1 → fill colour (solid) or a full fill. */
  fills?: Readonly<Record<string, string | FakeFill>>;
  /** A1 → note text. */
  notes?: Readonly<Record<string, string>>;
  /** A1 → threaded comment text. */
  comments?: Readonly<Record<string, string>>;
  visibility?: FakeVisibility;
}

export interface FakeWorkbookOptions {
  /** The highest `ExcelApi` requirement set the fake host supports, e.g. `'1.17'` (no notes API). Default `'1.18'`. */
  apiVersion?: string;
  /** Fail a sync that loads more than this many cell values/formats (Excel on the web's response limits). */
  maxCellsPerSync?: number;
  /** Give `onChanged` events a `triggerSource` (ExcelApi 1.14). Default true. */
  reportTriggerSource?: boolean;
  /** Reads a base64 xlsx for `insertWorksheetsFromBase64` (see `xlsx.ts`). */
  decodeXlsx?: (base64: string) => Promise<FakeSheetInit[]>;
  /** The sheet active at start; default the first. */
  active?: string;
}

export interface SyncRecord {
  /** Property loads in the batch. */
  loads: number;
  /** Changes to the document in the batch (values, formats, notes, sheets, selection…). */
  writes: number;
  /** Cells whose values or formats the batch loaded. */
  cells: number;
}

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;
const GENERAL = 'General';

export class FakeOfficeError extends Error {
  override readonly name = 'RichApi.Error';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Column letters and back: the core's A1 helpers (pure, so the fake still runs in a browser). */
export const columnName = columnLetters;
const columnNumber = columnIndex;

export function a1(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

export function rectA1(r: Rect): string {
  const start = a1(r.top, r.left);
  const end = a1(r.bottom, r.right);
  return start === end ? start : `${start}:${end}`;
}

/** `B3`, `$A$1:$E$4`, `A:A`, `A:E`, `3:5`, optionally after `Sheet!`. */
export function parseAddress(address: string): Rect {
  const local = address.slice(address.lastIndexOf('!') + 1).replace(/\$/g, '').trim().toUpperCase();
  const [a, b = a] = local.split(':') as [string, string?];
  const cellRe = /^([A-Z]{1,3})(\d{1,7})$/;
  const colRe = /^[A-Z]{1,3}$/;
  const rowRe = /^\d{1,7}$/;
  const ca = cellRe.exec(a);
  const cb = cellRe.exec(b!);
  let r: Rect | null = null;
  if (ca && cb) r = { top: Number(ca[2]) - 1, left: columnNumber(ca[1]!), bottom: Number(cb[2]) - 1, right: columnNumber(cb[1]!) };
  else if (colRe.test(a) && colRe.test(b!)) r = { top: 0, left: columnNumber(a), bottom: MAX_ROWS - 1, right: columnNumber(b!) };
  else if (rowRe.test(a) && rowRe.test(b!)) r = { top: Number(a) - 1, left: 0, bottom: Number(b) - 1, right: MAX_COLS - 1 };
  if (!r || r.top < 0 || r.left < 0) throw new FakeOfficeError('InvalidArgument', `Bad address: ${address}`);
  return {
    top: Math.min(r.top, r.bottom),
    left: Math.min(r.left, r.right),
    bottom: Math.max(r.top, r.bottom),
    right: Math.max(r.left, r.right),
  };
}

function quoteSheetName(name: string): string {
  return /^[A-Za-z_\u0400-\u04FF][A-Za-z0-9_.\u0400-\u04FF]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function cellsOf(r: Rect): number {
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}

function intersect(a: Rect, b: Rect): Rect | null {
  const r = { top: Math.max(a.top, b.top), left: Math.max(a.left, b.left), bottom: Math.min(a.bottom, b.bottom), right: Math.min(a.right, b.right) };
  return r.top <= r.bottom && r.left <= r.right ? r : null;
}

const MS_PER_DAY = 86_400_000;
export function dateToSerial(date: Date): number {
  return date.getTime() / MS_PER_DAY + 25_569;
}

/** What Excel makes of text typed into a cell that is not formatted as text (Russian regional settings). */
function typeIn(text: string): Pick<FakeCell, 'value' | 'formula'> & { numberFormat?: string } {
  if (text.startsWith("'")) return { value: text.slice(1), formula: null };
  if (text.startsWith('=')) return { value: '#NAME?', formula: text };
  const t = text.trim();
  const number = /^([+-]?)(\d+(?:[.,]\d+)?)(%?)$/.exec(t);
  if (number && !/^\d+\.\d+$/.test(t)) {
    const n = Number(number[2]!.replace(',', '.')) * (number[1] === '-' ? -1 : 1);
    return number[3] ? { value: n / 100, formula: null, numberFormat: '0%' } : { value: n, formula: null };
  }
  // `4.2`, `12.05.2021`: a day and a month (and a year), as Russian Excel reads them.
  const date = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{4}))?$/.exec(t);
  if (date) {
    const year = date[3] ? Number(date[3]) : 2026;
    return { value: dateToSerial(new Date(Date.UTC(year, Number(date[2]) - 1, Number(date[1])))), formula: null, numberFormat: 'dd.mm.yyyy' };
  }
  if (/^[+\-@]/.test(text)) return { value: '#NAME?', formula: `=${text.replace(/^[+@]/, '')}` };
  if (/^(истина|true)$/i.test(t)) return { value: true, formula: null };
  if (/^(ложь|false)$/i.test(t)) return { value: false, formula: null };
  return { value: text, formula: null };
}

function blankCell(): FakeCell {
  return {
    value: null,
    formula: null,
    numberFormat: GENERAL,
    fill: null,
    bold: false,
    wrapText: false,
    horizontalAlignment: 'General',
    verticalAlignment: 'Bottom',
    borders: {},
  };
}

function isFormatted(c: FakeCell): boolean {
  return c.numberFormat !== GENERAL || c.fill !== null || c.bold || c.wrapText || Object.keys(c.borders).length > 0 || c.horizontalAlignment !== 'General';
}

export class FakeSheet {
  readonly cells = new Map<number, FakeCell>();
  merges: Rect[] = [];
  /** Canonical A1 → note text. */
  readonly notes = new Map<string, string>();
  readonly comments = new Map<string, FakeCommentRecord>();
  readonly columnWidths = new Map<number, number>();
  readonly validations: FakeValidation[] = [];
  visibility: FakeVisibility = 'Visible';

  constructor(
    readonly workbook: FakeWorkbook,
    readonly id: string,
    public name: string,
  ) {}

  private key(row: number, col: number): number {
    return row * MAX_COLS + col;
  }

  peek(row: number, col: number): FakeCell | undefined {
    return this.cells.get(this.key(row, col));
  }

  cell(row: number, col: number): FakeCell {
    const k = this.key(row, col);
    let c = this.cells.get(k);
    if (!c) this.cells.set(k, (c = blankCell()));
    return c;
  }

  /** The cell at an A1 address, for assertions (created blank when missing). */
  at(address: string): FakeCell {
    const r = parseAddress(address);
    return this.cell(r.top, r.left);
  }

  /** What the cell shows, for assertions: its value (`null` when empty). */
  value(address: string): FakeScalar | null {
    const r = parseAddress(address);
    return this.peek(r.top, r.left)?.value ?? null;
  }

  /** Writes a value as Excel's API does: `Date` becomes a serial; text is typed unless the format is `@`. */
  write(row: number, col: number, input: FakeScalar | Date | null): void {
    const c = this.cell(row, col);
    if (input === null || input === '') {
      c.value = null;
      c.formula = null;
    } else if (input instanceof Date) {
      c.value = dateToSerial(input);
      c.formula = null;
      if (c.numberFormat === GENERAL) c.numberFormat = 'dd.mm.yyyy';
    } else if (typeof input !== 'string' || c.numberFormat === '@') {
      c.value = input;
      c.formula = null;
    } else {
      const typed = typeIn(input);
      c.value = typed.value;
      c.formula = typed.formula;
      if (typed.numberFormat && c.numberFormat === GENERAL) c.numberFormat = typed.numberFormat;
    }
  }

  /** The used range (`getUsedRange`): cells with values, or also formatted and merged cells; null when empty. */
  usedRect(valuesOnly: boolean): Rect | null {
    let r: Rect | null = null;
    const grow = (row: number, col: number): void => {
      if (!r) r = { top: row, left: col, bottom: row, right: col };
      else {
        r.top = Math.min(r.top, row);
        r.left = Math.min(r.left, col);
        r.bottom = Math.max(r.bottom, row);
        r.right = Math.max(r.right, col);
      }
    };
    for (const [k, c] of this.cells) {
      if (c.value !== null || (!valuesOnly && isFormatted(c))) grow(Math.floor(k / MAX_COLS), k % MAX_COLS);
    }
    if (!valuesOnly) {
      for (const m of this.merges) {
        grow(m.top, m.left);
        grow(m.bottom, m.right);
      }
    }
    return r;
  }

  address(r: Rect): string {
    return `${quoteSheetName(this.name)}!${rectA1(r)}`;
  }

  /** The values `Range.values` returns: `''` for empty cells. */
  valuesOf(r: Rect): FakeScalar[][] {
    const out: FakeScalar[][] = [];
    for (let row = r.top; row <= r.bottom; row++) {
      const line: FakeScalar[] = [];
      for (let col = r.left; col <= r.right; col++) line.push(this.peek(row, col)?.value ?? '');
      out.push(line);
    }
    return out;
  }

  formatsOf(r: Rect): string[][] {
    const out: string[][] = [];
    for (let row = r.top; row <= r.bottom; row++) {
      const line: string[] = [];
      for (let col = r.left; col <= r.right; col++) line.push(this.peek(row, col)?.numberFormat ?? GENERAL);
      out.push(line);
    }
    return out;
  }

  commentAt(address: string): FakeCommentRecord | undefined {
    for (const c of this.comments.values()) if (c.cell === address) return c;
    return undefined;
  }
}

export type ChangedHandler = (args: FakeWorksheetChangedEventArgs) => Promise<unknown>;
export type ActivatedHandler = (args: FakeWorksheetActivatedEventArgs) => Promise<unknown>;

export interface FakeWorksheetChangedEventArgs {
  type: 'WorksheetChanged';
  changeType: 'RangeEdited';
  source: 'Local';
  address: string;
  worksheetId: string;
  triggerSource?: 'ThisLocalAddin' | 'Unknown';
}

export interface FakeWorksheetActivatedEventArgs {
  type: 'WorksheetActivated';
  worksheetId: string;
}

/** Office's document settings: `set` changes this session; `saveAsync` keeps them for a reloaded pane. */
export class FakeSettings {
  private current = new Map<string, unknown>();
  private saved = new Map<string, unknown>();
  saves = 0;

  get(name: string): unknown {
    const v = this.current.get(name);
    return v === undefined ? null : structuredClone(v);
  }

  set(name: string, value: unknown): void {
    this.current.set(name, structuredClone(value));
  }

  remove(name: string): void {
    this.current.delete(name);
  }

  saveAsync(options?: unknown, callback?: (result: FakeAsyncResult) => void): void {
    const cb = typeof options === 'function' ? (options as (result: FakeAsyncResult) => void) : callback;
    this.saved = new Map([...this.current].map(([k, v]) => [k, structuredClone(v)]));
    this.saves++;
    setTimeout(() => cb?.({ status: 'succeeded', value: undefined }), 0);
  }

  refreshAsync(callback?: (result: FakeAsyncResult) => void): void {
    this.reload();
    setTimeout(() => callback?.({ status: 'succeeded', value: this }), 0);
  }

  /** What a freshly loaded pane sees: the saved settings only. */
  reload(): void {
    this.current = new Map([...this.saved].map(([k, v]) => [k, structuredClone(v)]));
  }
}

export interface FakeAsyncResult {
  status: 'succeeded' | 'failed';
  value: unknown;
}

export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  activeId: string;
  selection: { sheetId: string; address: string } | null = null;
  readonly settings = new FakeSettings();
  /** Every sync, in order. */
  readonly syncs: SyncRecord[] = [];
  runs = 0;
  readonly apiVersion: string;
  readonly maxCellsPerSync: number;
  readonly reportTriggerSource: boolean;
  decodeXlsx: ((base64: string) => Promise<FakeSheetInit[]>) | undefined;
  readonly changedHandlers = new Map<string, Set<ChangedHandler>>();
  readonly activatedHandlers = new Set<ActivatedHandler>();
  private nextId = 1;

  constructor(sheets: readonly FakeSheetInit[], options: FakeWorkbookOptions = {}) {
    this.apiVersion = options.apiVersion ?? '1.18';
    this.maxCellsPerSync = options.maxCellsPerSync ?? Infinity;
    this.reportTriggerSource = options.reportTriggerSource ?? true;
    this.decodeXlsx = options.decodeXlsx;
    for (const init of sheets) this.addSheet(init);
    if (this.sheets.length === 0) this.addSheet({ name: 'Лист1' });
    this.activeId = (options.active ? this.sheet(options.active) : this.sheets[0]!).id;
  }

  /** `Office.context.requirements.isSetSupported('ExcelApi', version)`: versions compare part by part (1.9 < 1.18). */
  supports(version: string | number): boolean {
    const parts = (v: string) => v.split('.').map(Number);
    const [wantMajor = 0, wantMinor = 0] = parts(String(version));
    const [major = 0, minor = 0] = parts(this.apiVersion);
    return major > wantMajor || (major === wantMajor && minor >= wantMinor);
  }

  newId(prefix: string): string {
    return `{${prefix}-${String(this.nextId++).padStart(4, '0')}}`;
  }

  addSheet(init: FakeSheetInit): FakeSheet {
    if (this.find(init.name)) throw new FakeOfficeError('ItemAlreadyExists', `A sheet named «${init.name}» exists.`);
    const sheet = new FakeSheet(this, this.newId('sheet'), init.name);
    sheet.visibility = init.visibility ?? 'Visible';
    for (const [address, format] of Object.entries(init.numberFormats ?? {})) sheet.at(address).numberFormat = format;
    (init.rows ?? []).forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === '') return;
        const cell = sheet.cell(r, c);
        if (v instanceof Date) {
          cell.value = dateToSerial(v);
          if (cell.numberFormat === GENERAL) cell.numberFormat = 'dd.mm.yyyy';
        } else cell.value = v;
      }),
    );
    sheet.merges = (init.merges ?? []).map((m) => ({ ...m }));
    for (const [address, fill] of Object.entries(init.fills ?? {})) {
      sheet.at(address).fill = typeof fill === 'string' ? { color: fill.toUpperCase(), pattern: 'Solid', patternColor: '#000000' } : { ...fill };
    }
    for (const [address, text] of Object.entries(init.notes ?? {})) sheet.notes.set(rectA1(parseAddress(address)), text);
    for (const [address, text] of Object.entries(init.comments ?? {})) {
      const id = this.newId('comment');
      sheet.comments.set(id, { id, cell: rectA1(parseAddress(address)), content: text, authorName: 'Коллега' });
    }
    this.sheets.push(sheet);
    return sheet;
  }

  find(nameOrId: string): FakeSheet | undefined {
    const lower = nameOrId.toLowerCase();
    return this.sheets.find((s) => s.id === nameOrId || s.name.toLowerCase() === lower);
  }

  sheet(nameOrId: string): FakeSheet {
    const s = this.find(nameOrId);
    if (!s) throw new FakeOfficeError('ItemNotFound', `No sheet «${nameOrId}».`);
    return s;
  }

  get active(): FakeSheet {
    return this.sheet(this.activeId);
  }

  /** Syncs since `from` (an index into `syncs`), split into reads (no writes) and writes. */
  syncsSince(from: number): { total: number; reads: number; writes: number; records: SyncRecord[] } {
    const records = this.syncs.slice(from);
    const writes = records.filter((r) => r.writes > 0).length;
    return { total: records.length, reads: records.length - writes, writes, records };
  }

  // ---- a person at the keyboard

  /** A user types into a cell: the value is typed in, and `onChanged` handlers hear about it. */
  userEdit(sheetName: string, address: string, input: FakeScalar | null): void {
    const sheet = this.sheet(sheetName);
    const r = parseAddress(address);
    sheet.write(r.top, r.left, input);
    this.emitChanged([{ sheet, rect: r, byAddin: false }]);
  }

  /** A user clicks another sheet tab. */
  userActivate(sheetName: string): void {
    this.activate(this.sheet(sheetName));
  }

  activate(sheet: FakeSheet): void {
    if (this.activeId === sheet.id) return;
    this.activeId = sheet.id;
    const args: FakeWorksheetActivatedEventArgs = { type: 'WorksheetActivated', worksheetId: sheet.id };
    for (const h of [...this.activatedHandlers]) setTimeout(() => void h(args), 0);
  }

  emitChanged(changes: ReadonlyArray<{ sheet: FakeSheet; rect: Rect; byAddin: boolean }>): void {
    for (const { sheet, rect, byAddin } of changes) {
      const handlers = this.changedHandlers.get(sheet.id);
      if (!handlers || handlers.size === 0) continue;
      const args: FakeWorksheetChangedEventArgs = { type: 'WorksheetChanged', changeType: 'RangeEdited', source: 'Local', address: rectA1(rect), worksheetId: sheet.id };
      if (this.reportTriggerSource) args.triggerSource = byAddin ? 'ThisLocalAddin' : 'Unknown';
      for (const h of [...handlers]) setTimeout(() => void h(args), 0);
    }
  }
}

// ---------------------------------------------------------------- request context and proxies

type ActionKind = 'load' | 'write' | 'other';

interface Action {
  kind: ActionKind;
  run(): void | Promise<void>;
}

function notLoaded(property: string, type: string): FakeOfficeError {
  return new FakeOfficeError(
    'PropertyNotLoaded',
    `The property '${property}' of ${type} is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

/** A collection's `load` argument as its items' properties (`items/name` or `name`); undefined is «all». */
function itemProps(properties: string | string[] | undefined): string[] | undefined {
  if (properties === undefined) return undefined;
  const list = (Array.isArray(properties) ? properties : properties.split(','))
    .map((p) => p.trim())
    .filter((p) => p !== '' && p !== 'items')
    .map((p) => (p.startsWith('items/') ? p.slice(6) : p));
  for (const p of list) if (p.includes('/')) throw new FakeOfficeError('InvalidArgument', `The fake cannot load '${p}' on collection items.`);
  return list.length === 0 ? undefined : list;
}

export class FakeRequestContext {
  readonly workbook: FakeWorkbookProxy;
  private queue: Action[] = [];
  /** Set between runs: the batch is over. */
  closed = false;
  /** Changes made by this sync's writes, for `onChanged`. */
  private changes: Array<{ sheet: FakeSheet; rect: Rect; byAddin: boolean }> = [];
  private loadedCells = 0;

  constructor(readonly model: FakeWorkbook) {
    this.workbook = new FakeWorkbookProxy(this);
  }

  enqueue(kind: ActionKind, run: () => void | Promise<void>): void {
    if (this.closed) throw new FakeOfficeError('InvalidObjectPath', 'The object is used outside its Excel.run batch.');
    this.queue.push({ kind, run });
  }

  get pending(): number {
    return this.queue.length;
  }

  changed(sheet: FakeSheet, rect: Rect): void {
    this.changes.push({ sheet, rect, byAddin: true });
  }

  countCells(n: number): void {
    this.loadedCells += n;
    if (this.loadedCells > this.model.maxCellsPerSync) {
      throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', `The response payload size has exceeded the limit (${this.loadedCells} cells).`);
    }
  }

  async sync(): Promise<void> {
    if (this.closed) throw new FakeOfficeError('InvalidObjectPath', 'context.sync() outside its Excel.run batch.');
    const actions = this.queue;
    this.queue = [];
    const record: SyncRecord = { loads: 0, writes: 0, cells: 0 };
    this.model.syncs.push(record);
    this.changes = [];
    this.loadedCells = 0;
    try {
      for (const action of actions) {
        if (action.kind === 'load') record.loads++;
        else if (action.kind === 'write') record.writes++;
        await action.run();
      }
    } finally {
      record.cells = this.loadedCells;
      this.model.emitChanged(this.changes);
      this.changes = [];
    }
    // Office.js resolves a sync asynchronously, after the host answered.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
}

/** What every proxy shares: a target resolved in queue order at sync time, and loaded properties. */
abstract class FakeClientObject<T> {
  private target: T | null | undefined;
  private readonly loaded = new Map<string, unknown>();

  constructor(
    readonly context: FakeRequestContext,
    resolver: (() => T | null) | { resolved: T },
    private readonly nullable = false,
  ) {
    if (typeof resolver === 'function') {
      context.enqueue('other', () => {
        const t = resolver();
        if (t === null && !this.nullable) throw new FakeOfficeError('ItemNotFound', `${this.typeName} not found.`);
        this.target = t;
      });
    } else this.target = resolver.resolved;
  }

  protected abstract readonly typeName: string;
  /** Scalar properties that `load` can fetch. */
  protected abstract scalar(target: T, name: string): unknown;
  protected abstract readonly scalarNames: readonly string[];
  /** Navigation properties that `load('format/fill/color')` goes through. */
  protected navigation(_name: string): FakeClientObject<unknown> | undefined {
    return undefined;
  }

  get isNullObject(): boolean {
    if (this.target === undefined) throw notLoaded('isNullObject', this.typeName);
    return this.target === null;
  }

  /** The target at sync time; a null object cannot be worked with. */
  protected resolved(): T {
    if (this.target === undefined) throw new FakeOfficeError('InvalidObjectPath', `${this.typeName} used before it was resolved.`);
    if (this.target === null) throw new FakeOfficeError('InvalidOperation', `${this.typeName} is a null object.`);
    return this.target;
  }

  /** `null` while the object is a null object (for chaining that must not fail). */
  protected resolvedOrNull(): T | null {
    if (this.target === undefined) throw new FakeOfficeError('InvalidObjectPath', `${this.typeName} used before it was resolved.`);
    return this.target;
  }

  load(properties?: string | string[]): this {
    const list = properties === undefined ? [...this.scalarNames] : Array.isArray(properties) ? properties : properties.split(',');
    for (const raw of list) {
      const path = raw.trim();
      if (path === '') continue;
      this.loadPath(path);
    }
    return this;
  }

  protected loadPath(path: string): void {
    const slash = path.indexOf('/');
    const head = slash < 0 ? path : path.slice(0, slash);
    const nav = this.navigation(head);
    if (nav) {
      nav.loadPath(slash < 0 ? '' : path.slice(slash + 1));
      return;
    }
    if (slash >= 0 || head === '') throw new FakeOfficeError('InvalidArgument', `Cannot load '${path}' on ${this.typeName}.`);
    if (!this.scalarNames.includes(head)) throw new FakeOfficeError('InvalidArgument', `${this.typeName} has no property '${head}'.`);
    this.context.enqueue('load', () => {
      if (this.target === null) return;
      this.loaded.set(head, this.scalar(this.resolved(), head));
    });
  }

  protected read<V>(name: string): V {
    if (!this.loaded.has(name)) throw notLoaded(name, this.typeName);
    return this.loaded.get(name) as V;
  }

  protected write(run: (target: T) => void): void {
    this.context.enqueue('write', () => run(this.resolved()));
  }

  /** For collection items built at sync time from a load. */
  protected setLoaded(name: string, value: unknown): void {
    this.loaded.set(name, value);
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}

/** A value that arrives with the sync (`OfficeExtension.ClientResult`). */
export class FakeClientResult<T> {
  private has = false;
  private result: T | undefined;

  set(value: T): void {
    this.result = value;
    this.has = true;
  }

  get value(): T {
    if (!this.has) throw notLoaded('value', 'ClientResult');
    return this.result as T;
  }
}

export class FakeEventHandlerResult {
  constructor(
    readonly context: FakeRequestContext,
    private readonly removeFn: () => void,
  ) {}

  remove(): void {
    this.context.enqueue('other', this.removeFn);
  }
}

class FakeEventHandlers<H> {
  constructor(
    private readonly context: FakeRequestContext,
    private readonly registry: () => Set<H>,
  ) {}

  add(handler: H): FakeEventHandlerResult {
    this.context.enqueue('other', () => {
      this.registry().add(handler);
    });
    return new FakeEventHandlerResult(this.context, () => {
      this.registry().delete(handler);
    });
  }
}

export class FakeWorkbookProxy {
  readonly worksheets: FakeWorksheetCollection;

  constructor(readonly context: FakeRequestContext) {
    this.worksheets = new FakeWorksheetCollection(context);
  }

  insertWorksheetsFromBase64(base64: string, options?: { positionType?: string }): FakeClientResult<string[]> {
    const result = new FakeClientResult<string[]>();
    const model = this.context.model;
    this.context.enqueue('write', async () => {
      if (!model.decodeXlsx) throw new FakeOfficeError('NotImplemented', 'The fake has no xlsx decoder (decodeXlsx).');
      if (options?.positionType !== undefined && options.positionType !== 'End') throw new FakeOfficeError('NotImplemented', 'The fake inserts at the end only.');
      const inits = await model.decodeXlsx(base64);
      const names: string[] = [];
      for (const init of inits) {
        let name = init.name;
        for (let n = 2; model.find(name); n++) name = `${init.name} (${n})`;
        model.addSheet({ ...init, name });
        names.push(name);
      }
      result.set(names);
    });
    return result;
  }
}

export class FakeWorksheetCollection extends FakeClientObject<FakeWorkbook> {
  protected readonly typeName = 'WorksheetCollection';
  protected readonly scalarNames = [] as const;
  private loadedItems: FakeWorksheet[] | undefined;
  readonly onActivated: FakeEventHandlers<ActivatedHandler>;

  constructor(context: FakeRequestContext) {
    super(context, { resolved: context.model });
    this.onActivated = new FakeEventHandlers(context, () => context.model.activatedHandlers);
  }

  protected scalar(): unknown {
    return undefined;
  }

  get items(): FakeWorksheet[] {
    if (!this.loadedItems) throw notLoaded('items', this.typeName);
    return this.loadedItems;
  }

  override load(properties?: string | string[]): this {
    const props = itemProps(properties);
    this.context.enqueue('load', () => {
      const before = new Map((this.loadedItems ?? []).map((ws) => [ws.targetId(), ws]));
      this.loadedItems = this.resolved().sheets.map((s) => {
        const ws = before.get(s.id) ?? new FakeWorksheet(this.context, { resolved: s });
        ws.fill(props);
        return ws;
      });
    });
    return this;
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.context.model.active);
  }

  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.context.model.find(key) ?? null);
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.context.model.find(key) ?? null, true);
  }

  add(name?: string): FakeWorksheet {
    const model = this.context.model;
    let created: FakeSheet | null = null;
    this.context.enqueue('write', () => {
      let n = name;
      if (n === undefined) for (let i = model.sheets.length + 1; model.find((n = `Лист${i}`)); i++);
      created = model.addSheet({ name: n! });
    });
    return new FakeWorksheet(this.context, () => created);
  }
}

const WORKSHEET_SCALARS = ['id', 'name', 'visibility', 'position'] as const;

export class FakeWorksheet extends FakeClientObject<FakeSheet> {
  protected readonly typeName = 'Worksheet';
  protected readonly scalarNames = WORKSHEET_SCALARS;
  private notesProxy: FakeNoteCollection | undefined;
  private commentsProxy: FakeCommentCollection | undefined;
  readonly onChanged: FakeEventHandlers<ChangedHandler>;
  constructor(context: FakeRequestContext, resolver: (() => FakeSheet | null) | { resolved: FakeSheet }, nullable = false) {
    super(context, resolver, nullable);
    this.onChanged = new FakeEventHandlers(context, () => {
      const model = context.model;
      const id = this.resolved().id;
      let set = model.changedHandlers.get(id);
      if (!set) model.changedHandlers.set(id, (set = new Set()));
      return set;
    });
  }

  protected scalar(t: FakeSheet, name: string): unknown {
    switch (name) {
      case 'id':
        return t.id;
      case 'name':
        return t.name;
      case 'visibility':
        return t.visibility;
      case 'position':
        return t.workbook.sheets.indexOf(t);
    }
    return undefined;
  }

  /** Loads properties of an item while its collection's load runs (the item is resolved already). */
  fill(props: readonly string[] | undefined): void {
    const t = this.resolved();
    for (const n of props ?? WORKSHEET_SCALARS) {
      if (!(WORKSHEET_SCALARS as readonly string[]).includes(n)) throw new FakeOfficeError('InvalidArgument', `Worksheet has no property '${n}'.`);
      this.setLoaded(n, this.scalar(t, n));
    }
  }

  /** The sheet's id at sync time, without a load (for the fake's own bookkeeping). */
  targetId(): string {
    return this.resolved().id;
  }

  get id(): string {
    return this.read('id');
  }
  get name(): string {
    return this.read('name');
  }
  set name(value: string) {
    this.write((t) => {
      t.name = value;
    });
  }
  get visibility(): FakeVisibility {
    return this.read('visibility');
  }
  set visibility(value: FakeVisibility) {
    this.write((t) => {
      t.visibility = value;
    });
  }
  get position(): number {
    return this.read('position');
  }

  get notes(): FakeNoteCollection {
    if (!this.context.model.supports('1.18')) throw new FakeOfficeError('ApiNotFound', 'worksheet.notes needs ExcelApi 1.18.');
    return (this.notesProxy ??= new FakeNoteCollection(this.context, () => this.resolved()));
  }

  get comments(): FakeCommentCollection {
    return (this.commentsProxy ??= new FakeCommentCollection(this.context, () => this.resolved()));
  }

  activate(): void {
    this.write((t) => this.context.model.activate(t));
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.context, () => {
      const sheet = this.resolved();
      return { sheet, rect: address === undefined ? { top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLS - 1 } : parseAddress(address) };
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return new FakeRange(this.context, () => {
      if (rowCount < 1 || columnCount < 1) throw new FakeOfficeError('InvalidArgument', 'Empty range.');
      return { sheet: this.resolved(), rect: { top: startRow, left: startColumn, bottom: startRow + rowCount - 1, right: startColumn + columnCount - 1 } };
    });
  }

  getCell(row: number, column: number): FakeRange {
    return this.getRangeByIndexes(row, column, 1, 1);
  }

  /** Excel returns A1 for a blank sheet. */
  getUsedRange(valuesOnly = false): FakeRange {
    return new FakeRange(this.context, () => {
      const sheet = this.resolved();
      return { sheet, rect: sheet.usedRect(valuesOnly) ?? { top: 0, left: 0, bottom: 0, right: 0 } };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(
      this.context,
      () => {
        const sheet = this.resolved();
        const rect = sheet.usedRect(valuesOnly);
        return rect ? { sheet, rect } : null;
      },
      true,
    );
  }
}

interface RangeTarget {
  sheet: FakeSheet;
  rect: Rect;
}

const RANGE_SCALARS = ['address', 'rowCount', 'columnCount', 'rowIndex', 'columnIndex', 'values', 'numberFormat'] as const;

function checkShape(rect: Rect, matrix: unknown, what: string): unknown[][] {
  const rows = rect.bottom - rect.top + 1;
  const cols = rect.right - rect.left + 1;
  if (!Array.isArray(matrix) || matrix.length !== rows || matrix.some((r) => !Array.isArray(r) || r.length !== cols)) {
    throw new FakeOfficeError('InvalidArgument', `${what}: the array must be ${rows}×${cols}.`);
  }
  return matrix as unknown[][];
}

export class FakeRange extends FakeClientObject<RangeTarget> {
  protected readonly typeName = 'Range';
  protected readonly scalarNames = RANGE_SCALARS;
  private formatProxy: FakeRangeFormat | undefined;
  private validationProxy: FakeDataValidation | undefined;

  protected scalar(t: RangeTarget, name: string): unknown {
    const r = t.rect;
    switch (name) {
      case 'address':
        return t.sheet.address(r);
      case 'rowCount':
        return r.bottom - r.top + 1;
      case 'columnCount':
        return r.right - r.left + 1;
      case 'rowIndex':
        return r.top;
      case 'columnIndex':
        return r.left;
      case 'values':
        this.context.countCells(cellsOf(r));
        return t.sheet.valuesOf(r);
      case 'numberFormat':
        this.context.countCells(cellsOf(r));
        return t.sheet.formatsOf(r);
    }
    return undefined;
  }

  protected override navigation(name: string): FakeClientObject<unknown> | undefined {
    if (name === 'format') return this.format as FakeClientObject<unknown>;
    return undefined;
  }

  get address(): string {
    return this.read('address');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }
  get values(): FakeScalar[][] {
    return this.read('values');
  }
  set values(matrix: unknown[][]) {
    this.write((t) => {
      const m = checkShape(t.rect, matrix, 'values');
      m.forEach((row, i) => row.forEach((v, j) => t.sheet.write(t.rect.top + i, t.rect.left + j, v as FakeScalar | Date | null)));
      this.context.changed(t.sheet, t.rect);
    });
  }
  get numberFormat(): string[][] {
    return this.read('numberFormat');
  }
  set numberFormat(matrix: unknown[][]) {
    this.write((t) => {
      const m = checkShape(t.rect, matrix, 'numberFormat');
      m.forEach((row, i) => row.forEach((f, j) => (t.sheet.cell(t.rect.top + i, t.rect.left + j).numberFormat = String(f))));
    });
  }

  get format(): FakeRangeFormat {
    return (this.formatProxy ??= new FakeRangeFormat(this.context, () => this.resolved()));
  }

  get dataValidation(): FakeDataValidation {
    return (this.validationProxy ??= new FakeDataValidation(this.context, () => this.resolved()));
  }

  /** Loads an item's properties while its collection's load runs (the item is resolved already). */
  fillItem(props: readonly string[]): void {
    const t = this.resolved();
    for (const p of props) {
      if (!(RANGE_SCALARS as readonly string[]).includes(p)) throw new FakeOfficeError('InvalidArgument', `Range has no property '${p}'.`);
      this.setLoaded(p, this.scalar(t, p));
    }
  }

  /** The range's rectangle at sync time (for notes and comments given a Range). */
  rectAtSync(): Rect {
    return this.resolved().rect;
  }

  private derived(make: (t: RangeTarget) => RangeTarget | null, nullable = false): FakeRange {
    return new FakeRange(this.context, () => make(this.resolved()), nullable);
  }

  private other(_t: RangeTarget, another: string | FakeRange): Rect {
    return typeof another === 'string' ? parseAddress(another) : another.rectAtSync();
  }

  getBoundingRect(another: string | FakeRange): FakeRange {
    return this.derived((t) => {
      const o = this.other(t, another);
      return {
        sheet: t.sheet,
        rect: { top: Math.min(t.rect.top, o.top), left: Math.min(t.rect.left, o.left), bottom: Math.max(t.rect.bottom, o.bottom), right: Math.max(t.rect.right, o.right) },
      };
    });
  }

  getIntersection(another: string | FakeRange): FakeRange {
    return this.derived((t) => {
      const rect = intersect(t.rect, this.other(t, another));
      if (!rect) throw new FakeOfficeError('ItemNotFound', 'The ranges do not intersect.');
      return { sheet: t.sheet, rect };
    });
  }

  getIntersectionOrNullObject(another: string | FakeRange): FakeRange {
    return this.derived((t) => {
      const rect = intersect(t.rect, this.other(t, another));
      return rect ? { sheet: t.sheet, rect } : null;
    }, true);
  }

  getCell(row: number, column: number): FakeRange {
    return this.derived((t) => ({ sheet: t.sheet, rect: { top: t.rect.top + row, left: t.rect.left + column, bottom: t.rect.top + row, right: t.rect.left + column } }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derived((t) => {
      const rect = { ...t.rect, bottom: t.rect.bottom + deltaRows, right: t.rect.right + deltaColumns };
      if (rect.bottom < rect.top || rect.right < rect.left) throw new FakeOfficeError('InvalidArgument', 'Resized to nothing.');
      return { sheet: t.sheet, rect };
    });
  }

  getMergedAreasOrNullObject(): FakeRangeAreas {
    if (!this.context.model.supports('1.13')) throw new FakeOfficeError('ApiNotFound', 'getMergedAreasOrNullObject needs ExcelApi 1.13.');
    return new FakeRangeAreas(this.context, () => {
      const t = this.resolved();
      const areas = t.sheet.merges.filter((m) => intersect(m, t.rect));
      return areas.length > 0 ? { sheet: t.sheet, areas } : null;
    });
  }

  select(): void {
    this.write((t) => {
      this.context.model.activate(t.sheet);
      this.context.model.selection = { sheetId: t.sheet.id, address: rectA1(t.rect) };
    });
  }

  clear(applyTo: 'All' | 'Formats' | 'Contents' = 'All'): void {
    this.write((t) => {
      for (let row = t.rect.top; row <= t.rect.bottom; row++) {
        for (let col = t.rect.left; col <= t.rect.right; col++) {
          const c = t.sheet.peek(row, col);
          if (!c) continue;
          if (applyTo !== 'Formats') {
            c.value = null;
            c.formula = null;
          }
          if (applyTo !== 'Contents') Object.assign(c, { ...blankCell(), value: c.value, formula: c.formula });
        }
      }
      if (applyTo !== 'Formats') this.context.changed(t.sheet, t.rect);
    });
  }

  merge(across = false): void {
    this.write((t) => {
      const rows = across ? Array.from({ length: t.rect.bottom - t.rect.top + 1 }, (_, i) => t.rect.top + i) : [t.rect.top];
      for (const top of rows) {
        const m = { top, left: t.rect.left, bottom: across ? top : t.rect.bottom, right: t.rect.right };
        if (t.sheet.merges.some((o) => intersect(o, m))) throw new FakeOfficeError('InvalidOperation', 'Overlaps a merged area.');
        t.sheet.merges.push(m);
        // Excel keeps the top-left value only.
        for (let r = m.top; r <= m.bottom; r++) {
          for (let c = m.left; c <= m.right; c++) {
            const cell = r === m.top && c === m.left ? undefined : t.sheet.peek(r, c);
            if (cell) cell.value = null;
          }
        }
      }
    });
  }
}

export class FakeRangeAreas extends FakeClientObject<{ sheet: FakeSheet; areas: Rect[] }> {
  protected readonly typeName = 'RangeAreas';
  protected readonly scalarNames = ['address', 'areaCount'] as const;
  private areasProxy: FakeRangeCollection | undefined;

  constructor(context: FakeRequestContext, resolver: () => { sheet: FakeSheet; areas: Rect[] } | null) {
    super(context, resolver, true);
  }

  protected scalar(t: { sheet: FakeSheet; areas: Rect[] }, name: string): unknown {
    if (name === 'areaCount') return t.areas.length;
    return t.areas.map((r) => t.sheet.address(r)).join(', ');
  }

  protected override navigation(name: string): FakeClientObject<unknown> | undefined {
    return name === 'areas' ? (this.areas as FakeClientObject<unknown>) : undefined;
  }

  get address(): string {
    return this.read('address');
  }
  get areaCount(): number {
    return this.read('areaCount');
  }
  get areas(): FakeRangeCollection {
    return (this.areasProxy ??= new FakeRangeCollection(this.context, () => {
      const t = this.resolvedOrNull();
      return t ? t.areas.map((rect) => ({ sheet: t.sheet, rect })) : [];
    }));
  }
}

export class FakeRangeCollection extends FakeClientObject<RangeTarget[]> {
  protected readonly typeName = 'RangeCollection';
  protected readonly scalarNames = [] as const;
  private loadedItems: FakeRange[] | undefined;

  protected scalar(): unknown {
    return undefined;
  }

  get items(): FakeRange[] {
    if (!this.loadedItems) throw notLoaded('items', this.typeName);
    return this.loadedItems;
  }

  override load(properties?: string | string[]): this {
    const props = itemProps(properties);
    this.context.enqueue('load', () => {
      this.loadedItems = this.resolved().map((t, i) => {
        const r = this.loadedItems?.[i] ?? new FakeRange(this.context, { resolved: t });
        r.fillItem(props ?? ['address']);
        return r;
      });
    });
    return this;
  }
}

const FORMAT_SCALARS = ['columnWidth', 'wrapText', 'horizontalAlignment', 'verticalAlignment'] as const;

function eachCell(t: RangeTarget, fn: (c: FakeCell) => void): void {
  if (cellsOf(t.rect) > 100_000) throw new FakeOfficeError('NotImplemented', 'The fake formats at most 100,000 cells at once (use column widths for whole columns).');
  for (let row = t.rect.top; row <= t.rect.bottom; row++) for (let col = t.rect.left; col <= t.rect.right; col++) fn(t.sheet.cell(row, col));
}

/** The value of a format property over a range: uniform or null, as Office.js reports it. */
function uniform<V>(t: RangeTarget, get: (c: FakeCell) => V): V | null {
  let first: V | undefined;
  for (let row = t.rect.top; row <= t.rect.bottom; row++) {
    for (let col = t.rect.left; col <= t.rect.right; col++) {
      const v = get(t.sheet.peek(row, col) ?? blankCell());
      if (first === undefined) first = v;
      else if (JSON.stringify(v) !== JSON.stringify(first)) return null;
    }
  }
  return first ?? null;
}

export class FakeRangeFormat extends FakeClientObject<RangeTarget> {
  protected readonly typeName = 'RangeFormat';
  protected readonly scalarNames = FORMAT_SCALARS;
  private fillProxy: FakeRangeFill | undefined;
  private fontProxy: FakeRangeFont | undefined;
  private bordersProxy: FakeRangeBorderCollection | undefined;

  protected scalar(t: RangeTarget, name: string): unknown {
    switch (name) {
      case 'columnWidth':
        return uniformWidth(t);
      case 'wrapText':
        return uniform(t, (c) => c.wrapText);
      case 'horizontalAlignment':
        return uniform(t, (c) => c.horizontalAlignment);
      case 'verticalAlignment':
        return uniform(t, (c) => c.verticalAlignment);
    }
    return undefined;
  }

  protected override navigation(name: string): FakeClientObject<unknown> | undefined {
    if (name === 'fill') return this.fill as FakeClientObject<unknown>;
    if (name === 'font') return this.font as FakeClientObject<unknown>;
    return undefined;
  }

  get fill(): FakeRangeFill {
    return (this.fillProxy ??= new FakeRangeFill(this.context, () => this.resolved()));
  }
  get font(): FakeRangeFont {
    return (this.fontProxy ??= new FakeRangeFont(this.context, () => this.resolved()));
  }
  get borders(): FakeRangeBorderCollection {
    return (this.bordersProxy ??= new FakeRangeBorderCollection(this.context, () => this.resolved()));
  }

  get columnWidth(): number {
    return this.read('columnWidth');
  }
  set columnWidth(points: number) {
    this.write((t) => {
      for (let c = t.rect.left; c <= t.rect.right; c++) t.sheet.columnWidths.set(c, points);
    });
  }
  get wrapText(): boolean {
    return this.read('wrapText');
  }
  set wrapText(on: boolean) {
    this.write((t) => eachCell(t, (c) => (c.wrapText = on)));
  }
  get horizontalAlignment(): string {
    return this.read('horizontalAlignment');
  }
  set horizontalAlignment(value: string) {
    this.write((t) => eachCell(t, (c) => (c.horizontalAlignment = value)));
  }
  get verticalAlignment(): string {
    return this.read('verticalAlignment');
  }
  set verticalAlignment(value: string) {
    this.write((t) => eachCell(t, (c) => (c.verticalAlignment = value)));
  }
}

/** 8.43 characters is Excel's default width: 48 points. */
function uniformWidth(t: RangeTarget): number | null {
  let first: number | undefined;
  for (let c = t.rect.left; c <= t.rect.right; c++) {
    const w = t.sheet.columnWidths.get(c) ?? 48;
    if (first === undefined) first = w;
    else if (w !== first) return null;
  }
  return first ?? null;
}

export class FakeRangeFill extends FakeClientObject<RangeTarget> {
  protected readonly typeName = 'RangeFill';
  protected readonly scalarNames = ['color', 'pattern', 'patternColor'] as const;

  protected scalar(t: RangeTarget, name: string): unknown {
    if (name === 'color') return uniform(t, (c) => c.fill?.color ?? '#FFFFFF');
    if (name === 'pattern') {
      if (!this.context.model.supports('1.9')) throw new FakeOfficeError('ApiNotFound', 'fill.pattern needs ExcelApi 1.9.');
      return uniform(t, (c) => c.fill?.pattern ?? 'None');
    }
    return uniform(t, (c) => c.fill?.patternColor ?? '#000000');
  }

  get color(): string {
    return this.read('color');
  }
  set color(value: string) {
    this.write((t) => eachCell(t, (c) => (c.fill = { pattern: 'Solid', patternColor: '#000000', ...c.fill, color: value.toUpperCase() })));
  }
  get pattern(): string {
    return this.read('pattern');
  }
  set pattern(value: string) {
    this.write((t) => eachCell(t, (c) => (c.fill = value === 'None' ? null : { color: '#FFFFFF', patternColor: '#000000', ...c.fill, pattern: value })));
  }
  get patternColor(): string {
    return this.read('patternColor');
  }
  set patternColor(value: string) {
    this.write((t) => eachCell(t, (c) => (c.fill = { color: '#FFFFFF', pattern: 'Solid', ...c.fill, patternColor: value.toUpperCase() })));
  }

  clear(): void {
    this.write((t) => eachCell(t, (c) => (c.fill = null)));
  }
}

export class FakeRangeFont extends FakeClientObject<RangeTarget> {
  protected readonly typeName = 'RangeFont';
  protected readonly scalarNames = ['bold'] as const;

  protected scalar(t: RangeTarget): unknown {
    return uniform(t, (c) => c.bold);
  }

  get bold(): boolean {
    return this.read('bold');
  }
  set bold(on: boolean) {
    this.write((t) => eachCell(t, (c) => (c.bold = on)));
  }
}

type Edge = 'EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideVertical' | 'InsideHorizontal';

export class FakeRangeBorderCollection extends FakeClientObject<RangeTarget> {
  protected readonly typeName = 'RangeBorderCollection';
  protected readonly scalarNames = [] as const;

  protected scalar(): unknown {
    return undefined;
  }

  getItem(index: Edge): FakeRangeBorder {
    return new FakeRangeBorder(this.context, () => ({ ...this.resolved(), edge: index }));
  }
}

export class FakeRangeBorder extends FakeClientObject<RangeTarget & { edge: Edge }> {
  protected readonly typeName = 'RangeBorder';
  protected readonly scalarNames = ['style', 'weight'] as const;

  protected scalar(): unknown {
    throw new FakeOfficeError('NotImplemented', 'The fake does not read borders back; look at the model.');
  }

  private apply(change: (b: FakeBorder) => void): void {
    this.write((t) => {
      const { rect, sheet, edge } = t;
      for (let row = rect.top; row <= rect.bottom; row++) {
        for (let col = rect.left; col <= rect.right; col++) {
          const sides: Array<'top' | 'bottom' | 'left' | 'right'> = [];
          if (edge === 'EdgeTop' && row === rect.top) sides.push('top');
          if (edge === 'EdgeBottom' && row === rect.bottom) sides.push('bottom');
          if (edge === 'EdgeLeft' && col === rect.left) sides.push('left');
          if (edge === 'EdgeRight' && col === rect.right) sides.push('right');
          if (edge === 'InsideHorizontal') {
            if (row > rect.top) sides.push('top');
            if (row < rect.bottom) sides.push('bottom');
          }
          if (edge === 'InsideVertical') {
            if (col > rect.left) sides.push('left');
            if (col < rect.right) sides.push('right');
          }
          if (sides.length === 0) continue;
          const cell = sheet.cell(row, col);
          for (const side of sides) change((cell.borders[side] ??= { style: 'None', weight: 'Thin' }));
        }
      }
    });
  }

  set style(value: string) {
    this.apply((b) => (b.style = value));
  }
  set weight(value: string) {
    this.apply((b) => (b.weight = value));
  }
}

export class FakeDataValidation extends FakeClientObject<RangeTarget> {
  protected readonly typeName = 'DataValidation';
  protected readonly scalarNames = ['rule', 'errorAlert'] as const;

  protected scalar(t: RangeTarget, name: string): unknown {
    const v = t.sheet.validations.find((x) => rectA1(x.range) === rectA1(t.rect));
    return name === 'rule' ? (v?.rule ?? {}) : v?.errorAlert;
  }

  private entry(t: RangeTarget): FakeValidation {
    let v = t.sheet.validations.find((x) => rectA1(x.range) === rectA1(t.rect));
    if (!v) {
      if (t.sheet.validations.some((x) => intersect(x.range, t.rect))) throw new FakeOfficeError('InvalidOperation', 'Overlaps another validation rule.');
      t.sheet.validations.push((v = { range: { ...t.rect }, rule: {} }));
    }
    return v;
  }

  get rule(): unknown {
    return this.read('rule');
  }
  set rule(value: unknown) {
    this.write((t) => {
      const list = (value as { list?: { source?: unknown } }).list;
      if (list && typeof list.source === 'string' && !list.source.startsWith('=') && list.source.length > 255) {
        throw new FakeOfficeError('InvalidArgument', 'A list source longer than 255 characters.');
      }
      this.entry(t).rule = structuredClone(value);
    });
  }
  get errorAlert(): unknown {
    return this.read('errorAlert');
  }
  set errorAlert(value: unknown) {
    this.write((t) => {
      this.entry(t).errorAlert = structuredClone(value);
    });
  }

  clear(): void {
    this.write((t) => {
      const i = t.sheet.validations.findIndex((x) => rectA1(x.range) === rectA1(t.rect));
      if (i >= 0) t.sheet.validations.splice(i, 1);
    });
  }
}

function cellAddressOf(address: string | FakeRange): () => string {
  return () => {
    const rect = typeof address === 'string' ? parseAddress(address) : address.rectAtSync();
    if (cellsOf(rect) !== 1) throw new FakeOfficeError('InvalidCellAddress', 'Not a single cell.');
    return rectA1(rect);
  };
}

export class FakeNoteCollection extends FakeClientObject<FakeSheet> {
  protected readonly typeName = 'NoteCollection';
  protected readonly scalarNames = [] as const;

  protected scalar(): unknown {
    return undefined;
  }

  add(cellAddress: string | FakeRange, content: string): FakeNote {
    const where = cellAddressOf(cellAddress);
    let created: { sheet: FakeSheet; cell: string } | null = null;
    this.write((sheet) => {
      const cell = where();
      if (sheet.notes.has(cell)) throw new FakeOfficeError('InvalidArgument', `${cell} already has a note.`);
      if (sheet.commentAt(cell)) throw new FakeOfficeError('InvalidOperation', `${cell} has a threaded comment; a cell holds a note or a comment.`);
      sheet.notes.set(cell, String(content));
      created = { sheet, cell };
    });
    return new FakeNote(this.context, () => created);
  }

  getItem(key: string): FakeNote {
    return new FakeNote(this.context, () => this.find(key));
  }

  getItemOrNullObject(key: string): FakeNote {
    return new FakeNote(this.context, () => this.find(key), true);
  }

  private find(key: string): { sheet: FakeSheet; cell: string } | null {
    const sheet = this.resolved();
    const cell = cellAddressOf(key)();
    return sheet.notes.has(cell) ? { sheet, cell } : null;
  }
}

export class FakeNote extends FakeClientObject<{ sheet: FakeSheet; cell: string }> {
  protected readonly typeName = 'Note';
  protected readonly scalarNames = ['content'] as const;

  protected scalar(t: { sheet: FakeSheet; cell: string }): unknown {
    const content = t.sheet.notes.get(t.cell);
    if (content === undefined) throw new FakeOfficeError('ItemNotFound', 'The note was deleted.');
    return content;
  }

  get content(): string {
    return this.read('content');
  }
  set content(value: string) {
    this.write((t) => {
      if (!t.sheet.notes.has(t.cell)) throw new FakeOfficeError('ItemNotFound', 'The note was deleted.');
      t.sheet.notes.set(t.cell, String(value));
    });
  }

  delete(): void {
    this.write((t) => {
      if (!t.sheet.notes.delete(t.cell)) throw new FakeOfficeError('ItemNotFound', 'The note was deleted.');
    });
  }
}

export class FakeCommentCollection extends FakeClientObject<FakeSheet> {
  protected readonly typeName = 'CommentCollection';
  protected readonly scalarNames = [] as const;
  private loadedItems: FakeComment[] | undefined;

  protected scalar(): unknown {
    return undefined;
  }

  get items(): FakeComment[] {
    if (!this.loadedItems) throw notLoaded('items', this.typeName);
    return this.loadedItems;
  }

  override load(properties?: string | string[]): this {
    const props = itemProps(properties);
    this.context.enqueue('load', () => {
      const sheet = this.resolved();
      const before = new Map((this.loadedItems ?? []).map((c) => [c.targetId(), c]));
      this.loadedItems = [...sheet.comments.values()].map((c) => {
        const proxy = before.get(c.id) ?? new FakeComment(this.context, { resolved: { sheet, id: c.id } });
        proxy.fill(props ?? ['id', 'content', 'authorName']);
        return proxy;
      });
    });
    return this;
  }

  add(cellAddress: string | FakeRange, content: string): FakeComment {
    const where = cellAddressOf(cellAddress);
    let created: { sheet: FakeSheet; id: string } | null = null;
    this.write((sheet) => {
      const cell = where();
      if (sheet.commentAt(cell)) throw new FakeOfficeError('InvalidOperation', `${cell} already has a comment thread.`);
      if (sheet.notes.has(cell)) throw new FakeOfficeError('InvalidOperation', `${cell} has a note; a cell holds a note or a comment.`);
      const id = this.context.model.newId('comment');
      sheet.comments.set(id, { id, cell, content: String(content), authorName: 'Svod' });
      created = { sheet, id };
    });
    return new FakeComment(this.context, () => created);
  }

  getItem(id: string): FakeComment {
    return new FakeComment(this.context, () => (this.resolved().comments.has(id) ? { sheet: this.resolved(), id } : null));
  }

  getItemOrNullObject(id: string): FakeComment {
    return new FakeComment(this.context, () => (this.resolved().comments.has(id) ? { sheet: this.resolved(), id } : null), true);
  }

  getItemByCell(cellAddress: string | FakeRange): FakeComment {
    const where = cellAddressOf(cellAddress);
    return new FakeComment(this.context, () => {
      const c = this.resolved().commentAt(where());
      return c ? { sheet: this.resolved(), id: c.id } : null;
    });
  }
}

export class FakeComment extends FakeClientObject<{ sheet: FakeSheet; id: string }> {
  protected readonly typeName = 'Comment';
  protected readonly scalarNames = ['id', 'content', 'authorName'] as const;

  protected scalar(t: { sheet: FakeSheet; id: string }, name: string): unknown {
    const c = t.sheet.comments.get(t.id);
    if (!c) throw new FakeOfficeError('ItemNotFound', 'The comment was deleted.');
    return name === 'id' ? c.id : name === 'content' ? c.content : c.authorName;
  }

  fill(props: readonly string[]): void {
    const t = this.resolved();
    for (const p of props) {
      if (!(this.scalarNames as readonly string[]).includes(p)) throw new FakeOfficeError('InvalidArgument', `Comment has no property '${p}'.`);
      this.setLoaded(p, this.scalar(t, p));
    }
  }

  targetId(): string {
    return this.resolved().id;
  }

  get id(): string {
    return this.read('id');
  }
  get content(): string {
    return this.read('content');
  }
  set content(value: string) {
    this.write((t) => {
      const c = t.sheet.comments.get(t.id);
      if (!c) throw new FakeOfficeError('ItemNotFound', 'The comment was deleted.');
      c.content = String(value);
    });
  }

  delete(): void {
    this.write((t) => {
      if (!t.sheet.comments.delete(t.id)) throw new FakeOfficeError('ItemNotFound', 'The comment was deleted.');
    });
  }

  getLocation(): FakeRange {
    return new FakeRange(this.context, () => {
      const t = this.resolved();
      const c = t.sheet.comments.get(t.id);
      if (!c) throw new FakeOfficeError('ItemNotFound', 'The comment was deleted.');
      return { sheet: t.sheet, rect: parseAddress(c.cell) };
    });
  }
}

// ---------------------------------------------------------------- globals

export interface FakeExcelNamespace {
  run<T>(batch: (context: FakeRequestContext) => Promise<T>): Promise<T>;
  run<T>(context: FakeRequestContext, batch: (context: FakeRequestContext) => Promise<T>): Promise<T>;
  readonly WorksheetPositionType: { readonly none: 'None'; readonly before: 'Before'; readonly after: 'After'; readonly beginning: 'Beginning'; readonly end: 'End' };
  readonly ClearApplyTo: { readonly all: 'All'; readonly formats: 'Formats'; readonly contents: 'Contents' };
  readonly SheetVisibility: { readonly visible: 'Visible'; readonly hidden: 'Hidden'; readonly veryHidden: 'VeryHidden' };
  readonly RequestContext: typeof FakeRequestContext;
}

export interface FakeOfficeNamespace {
  readonly context: {
    readonly requirements: { isSetSupported(name: string, minVersion?: string | number): boolean };
    readonly document: { readonly settings: FakeSettings };
  };
  readonly HostType: { readonly Excel: 'Excel' };
  readonly PlatformType: { readonly OfficeOnline: 'OfficeOnline'; readonly PC: 'PC' };
  readonly AsyncResultStatus: { readonly Succeeded: 'succeeded'; readonly Failed: 'failed' };
  onReady(callback?: (info: { host: 'Excel'; platform: 'PC' }) => void): Promise<{ host: 'Excel'; platform: 'PC' }>;
}

export interface InstalledFakeOffice {
  workbook: FakeWorkbook;
  Excel: FakeExcelNamespace;
  Office: FakeOfficeNamespace;
  /** Restores whatever `Excel`, `Office` and `OfficeExtension` were before. */
  uninstall(): void;
}

export function createFakeExcel(workbook: FakeWorkbook): FakeExcelNamespace {
  async function run<T>(a: FakeRequestContext | ((context: FakeRequestContext) => Promise<T>), b?: (context: FakeRequestContext) => Promise<T>): Promise<T> {
    const context = a instanceof FakeRequestContext ? a : new FakeRequestContext(workbook);
    const batch = (a instanceof FakeRequestContext ? b : a) as (context: FakeRequestContext) => Promise<T>;
    if (context.model !== workbook) throw new FakeOfficeError('InvalidArgument', 'A context of another workbook.');
    workbook.runs++;
    context.closed = false;
    try {
      const result = await batch(context);
      // Office.js sends what the batch left queued.
      if (context.pending > 0) await context.sync();
      return result;
    } finally {
      context.closed = true;
    }
  }
  return {
    run: run as FakeExcelNamespace['run'],
    WorksheetPositionType: { none: 'None', before: 'Before', after: 'After', beginning: 'Beginning', end: 'End' },
    ClearApplyTo: { all: 'All', formats: 'Formats', contents: 'Contents' },
    SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
    RequestContext: FakeRequestContext,
  };
}

export function createFakeOffice(workbook: FakeWorkbook): FakeOfficeNamespace {
  const info = { host: 'Excel', platform: 'PC' } as const;
  return {
    context: {
      requirements: {
        isSetSupported: (name, minVersion) => name === 'ExcelApi' && workbook.supports(minVersion ?? '1.1'),
      },
      document: { settings: workbook.settings },
    },
    HostType: { Excel: 'Excel' },
    PlatformType: { OfficeOnline: 'OfficeOnline', PC: 'PC' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    onReady(callback) {
      callback?.(info);
      return Promise.resolve(info);
    },
  };
}

/** Sets `globalThis.Excel`, `Office` and `OfficeExtension` to fakes over `workbook`. */
export function installFakeOffice(workbook: FakeWorkbook): InstalledFakeOffice {
  const g = globalThis as Record<string, unknown>;
  const before = { Excel: g.Excel, Office: g.Office, OfficeExtension: g.OfficeExtension };
  const Excel = createFakeExcel(workbook);
  const Office = createFakeOffice(workbook);
  g.Excel = Excel;
  g.Office = Office;
  g.OfficeExtension = { Error: FakeOfficeError };
  return {
    workbook,
    Excel,
    Office,
    uninstall() {
      for (const [k, v] of Object.entries(before)) {
        if (v === undefined) delete g[k];
        else g[k] = v;
      }
    },
  };
}
