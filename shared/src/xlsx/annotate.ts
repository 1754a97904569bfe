/**
 * The annotated copy (issue #11): the checked workbook with every cell that has a finding filled by its severity and
 * given a note with the Russian message(s) and how to fix them, plus a sheet «Замечания Svod» listing every finding.
 * The CLI (`svod check --annotate`) and the server (`GET /submissions/:id/annotated.xlsx`) both write it with this
 * code. It writes into the ExcelJS workbook it is given (the caller's copy of the original: formatting survives) or
 * into one it builds from grids (CSV and the JSON form). No formula and no hyperlink is added: ExcelJS writes internal
 * links as external relationships (exceljs#3027), and the server's output carries no formulas (issue #8).
 */
import type ExcelJS from 'exceljs';
import { columnLetters, parseA1 } from '../grid/address';
import type { GridWorkbook } from '../grid/grid';
import type { Diagnostic, Severity } from '../engine/diagnostic';
import type { CheckReport } from '../engine/run';

/** What is annotated: the findings, and — when the list was cut — how many there were in all. */
export interface AnnotationFindings {
  diagnostics: readonly Diagnostic[];
  /** Every finding counted; more than `diagnostics` holds when the list was cut at `maxDiagnostics`. */
  summary?: { errors: number; warnings: number; infos: number };
  /** The check stopped early at the error limit: the rest of the workbook was not checked. */
  stopped?: boolean;
}

/** The rules' meta the notes need: the how-to-fix sentence by rule id. */
export type AnnotationRules = ReadonlyArray<{ meta: { id: string; howToFix: string } }>;

export interface AnnotationResult {
  bytes: Uint8Array;
  /** Cells filled and noted. */
  cells: number;
  /** Rows of the list sheet (one per finding). */
  listed: number;
  /** The list sheet's name: «Замечания Svod», or «Замечания Svod (2)» when the workbook already had one. */
  listSheet: string;
}

export interface AnnotationOptions {
  /**
   * Gives every text cell that a spreadsheet would run as a formula once edited («- МБУ …», «=1+1») the text format
   * `@`, as everything the server writes has (issue #8). Off in the CLI: the official's own copy changes only where
   * Svod has something to say.
   */
  textFormatForFormulaLike?: boolean;
}

export const LIST_SHEET = 'Замечания Svod';

/** Light fills that keep black text readable on screen and in a grey print: Excel's own «Плохой», «Нейтральный» tones. */
export const SEVERITY_FILLS: Record<Severity, string> = { error: 'FFFFC7CE', warning: 'FFFFEB9C', info: 'FFDDEBF7' };

const LABELS: Record<Severity, string> = { error: 'Ошибка', warning: 'Предупреждение', info: 'Замечание' };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The findings of a CLI check report, in sheet order. */
export function findingsOfReport(report: CheckReport): AnnotationFindings {
  return { diagnostics: report.sheets.flatMap((s) => s.diagnostics), summary: report.summary, stopped: report.stopped };
}

/** Annotates `excel` in place (the caller's own copy of the workbook) and returns its bytes. */
export async function annotateExcel(excel: ExcelJS.Workbook, findings: AnnotationFindings, rules: AnnotationRules, options: AnnotationOptions = {}): Promise<AnnotationResult> {
  if (options.textFormatForFormulaLike) protectFormulaLikeText(excel);
  const howToFix = new Map(rules.map((r) => [r.meta.id, r.meta.howToFix]));
  const sheetOrder = new Map(excel.worksheets.map((ws, i) => [ws.name, i]));
  const placed = findings.diagnostics.map((d) => place(excel, d));
  const cells = markCells(placed, howToFix);
  const listSheet = freeName(excel);
  const listed = writeList(excel.addWorksheet(listSheet), placed, sheetOrder, howToFix, findings);
  const buffer = await excel.xlsx.writeBuffer();
  return { bytes: new Uint8Array(buffer as ArrayBuffer), cells, listed, listSheet };
}

/** A workbook of plain values built from grids (CSV, the JSON form, a book ExcelJS could not open), then annotated. */
export async function annotateGrids(grids: GridWorkbook, findings: AnnotationFindings, rules: AnnotationRules, options: AnnotationOptions = {}): Promise<AnnotationResult> {
  const excel = new (excelJs().Workbook)();
  const renamed = new Map<string, string>();
  for (const grid of grids.sheets) {
    const name = sheetName(grid.name, excel);
    renamed.set(grid.name, name);
    const ws = excel.addWorksheet(name);
    const widths: number[] = [];
    grid.rows.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value === null) return;
        const cell = ws.getCell(r + 1, c + 1);
        cell.value = value;
        if (typeof value === 'string') {
          const longest = Math.max(...value.split('\n').map((l) => l.length));
          widths[c] = Math.max(widths[c] ?? 0, longest);
          cell.alignment = { vertical: 'top', wrapText: true };
          // Text a spreadsheet would run as a formula once edited stays text.
          if (FORMULA_START.test(value)) cell.numFmt = '@';
        } else {
          widths[c] = Math.max(widths[c] ?? 0, 10);
        }
      });
    });
    const columnWidths = widths.map((w) => (w === undefined ? DEFAULT_WIDTH : Math.min(50, Math.max(8, w + 2))));
    columnWidths.forEach((w, c) => {
      if (widths[c] !== undefined) ws.getColumn(c + 1).width = w;
    });
    const merges = grid.merges ?? [];
    for (const m of merges) if (m.bottom > m.top || m.right > m.left) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
    // A merged cell's text spreads over its columns: its row is fitted to its own column only when it is not merged.
    const merged = new Set(merges.flatMap((m) => (m.right > m.left ? [`${m.top}:${m.left}`] : [])));
    grid.rows.forEach((row, r) => {
      const texts = row.map((v, c) => (typeof v === 'string' && !merged.has(`${r}:${c}`) ? v : ''));
      fitRowHeight(ws.getRow(r + 1), texts, columnWidths);
    });
  }
  const diagnostics = findings.diagnostics.map((d) => (renamed.has(d.sheet) ? { ...d, sheet: renamed.get(d.sheet)! } : d));
  return annotateExcel(excel, { ...findings, diagnostics }, rules, options);
}

function protectFormulaLikeText(excel: ExcelJS.Workbook): void {
  for (const ws of excel.worksheets) {
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        const v = cell.value;
        const text = typeof v === 'string' ? v : v && typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : null;
        // A fresh style object: a loaded one is shared by every cell of the same style.
        if (text !== null && FORMULA_START.test(text) && cell.numFmt !== '@') cell.style = { ...cell.style, numFmt: '@' };
      });
    });
  }
}

/** ExcelJS's width of a column it was given none for. */
const DEFAULT_WIDTH = 9;
/** Points per line of 11-point text. */
const LINE_HEIGHT = 15;

/**
 * Sets the row's height from the lines its wrapped texts take. LibreOffice does not fit rows of an xlsx on opening, so
 * a row of long messages would print one clipped line; a character a column-width unit, less one, errs on the tall side.
 */
function fitRowHeight(row: ExcelJS.Row, texts: readonly string[], widths: readonly number[]): void {
  let lines = 1;
  texts.forEach((text, c) => {
    if (!text) return;
    const perLine = Math.max(1, Math.floor((widths[c] ?? DEFAULT_WIDTH) - 1));
    const needed = text.split('\n').reduce((n, paragraph) => n + Math.max(1, Math.ceil(paragraph.length / perLine)), 0);
    lines = Math.max(lines, needed);
  });
  if (lines > 1) row.height = Math.min(409, lines * LINE_HEIGHT);
}

/** The same test as the server's output scanner: `=`, `+`, `-`, `@`, tab, CR, LF and their full-width forms. */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

interface Placed {
  d: Diagnostic;
  /** The worksheet and the cell (the master of a merged area) the finding marks; null when it names none that exists. */
  ws: ExcelJS.Worksheet | null;
  cell: ExcelJS.Cell | null;
  row: number;
  col: number;
}

function place(excel: ExcelJS.Workbook, d: Diagnostic): Placed {
  const ref = d.cell ? parseA1(d.cell) : null;
  const ws = (d.sheet ? excel.getWorksheet(d.sheet) : undefined) ?? null;
  if (!ws || !ref) return { d, ws, cell: null, row: ref?.row ?? Infinity, col: ref?.col ?? Infinity };
  // A finding on a cell inside a merged area marks the area's first cell: that is the one Excel shows and prints.
  const cell = ws.getCell(ref.row + 1, ref.col + 1).master;
  return { d, ws, cell, row: Number(cell.row) - 1, col: Number(cell.col) - 1 };
}

function markCells(placed: readonly Placed[], howToFix: ReadonlyMap<string, string>): number {
  const byCell = new Map<ExcelJS.Cell, Diagnostic[]>();
  const sheetOf = new Map<ExcelJS.Cell, ExcelJS.Worksheet>();
  for (const p of placed) {
    if (!p.cell) continue;
    (byCell.get(p.cell) ?? byCell.set(p.cell, []).get(p.cell)!).push(p.d);
    sheetOf.set(p.cell, p.ws!);
  }
  for (const [cell, list] of byCell) {
    list.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
    // A loaded cell's style object is shared with every cell of the same style: a fresh one, or all of them turn red.
    cell.style = { ...cell.style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: SEVERITY_FILLS[list[0]!.severity] } } };
    const ours = noteText(list, howToFix);
    const before = noteOf(cell);
    const text = before ? `${before}\n\n— Svod —\n${ours}` : ours;
    cell.note = text;
    sizeNote(cell, sheetOf.get(cell)!, text);
  }
  return byCell.size;
}

/** The note box: about 50 characters a line of the note font, at most this tall. */
const NOTE_WIDTH_PX = 340;
const NOTE_CHARS_PER_LINE = 50;
const NOTE_LINE_PX = 16;
const NOTE_MAX_HEIGHT_PX = 480;
/** The pixels ExcelJS takes for a column and a row when it turns an anchor's fractions into offsets. */
const EXCELJS_COLUMN_PX = 68;
const EXCELJS_ROW_PX = 18;

/**
 * Sizes the note's box to its text. ExcelJS draws every new note two columns by four rows, whatever the columns and the
 * text, so Excel shows a long note clipped on hover. It has no public setting for the box: the anchor goes in through
 * the note's model (ExcelJS 4.4's `_comment`), which the writer reads as `anchor`. Without that field the note is
 * still written, at ExcelJS's size.
 */
function sizeNote(cell: ExcelJS.Cell, ws: ExcelJS.Worksheet, text: string): void {
  const comment = (cell as unknown as { _comment?: { model: object } })._comment;
  if (!comment || typeof comment.model !== 'object') return;
  const lines = text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(l.length / NOTE_CHARS_PER_LINE)), 0);
  const height = Math.min(NOTE_MAX_HEIGHT_PX, lines * NOTE_LINE_PX + 12);
  const col = Number(cell.col) - 1;
  const row = Number(cell.row) - 1;
  // From the column right of the cell, a little in, as Excel places a note; from the row above.
  const left = col + 1 + 10 / EXCELJS_COLUMN_PX;
  const right = reach(col + 1, 10 + NOTE_WIDTH_PX, (c) => Math.round((ws.getColumn(c + 1).width ?? 9) * 7 + 5), EXCELJS_COLUMN_PX);
  const top = Math.max(0, row - 1) + 4 / EXCELJS_ROW_PX;
  const bottom = reach(Math.max(0, row - 1), 4 + height, (r) => Math.round((ws.getRow(r + 1).height ?? 15) * (4 / 3)), EXCELJS_ROW_PX);
  const model = { ...comment.model, anchor: { left, top, right, bottom } };
  Object.defineProperty(comment, 'model', { configurable: true, get: () => model });
}

/**
 * Where a run of `px` pixels from the start of column (row) `from` ends, as ExcelJS's fractional anchor: the index
 * plus the offset into that column over ExcelJS's fixed pixels per column; an offset it cannot express (wider than
 * its fixed column) rounds up to the next boundary.
 */
function reach(from: number, px: number, size: (i: number) => number, unit: number): number {
  let i = from;
  let left = px;
  for (let guard = 0; guard < 1000; guard++, i++) {
    const here = Math.max(1, size(i));
    if (left <= here) return left < unit ? i + left / unit : i + 1;
    left -= here;
  }
  return i;
}

/** One line per finding; one «Как исправить» per rule, after its last finding on the cell. */
export function noteText(list: readonly Diagnostic[], howToFix: ReadonlyMap<string, string>): string {
  const lines: string[] = [];
  list.forEach((d, i) => {
    lines.push(`${LABELS[d.severity]}: ${d.message}`);
    const fix = howToFix.get(d.ruleId);
    if (fix && !list.slice(i + 1).some((x) => x.ruleId === d.ruleId)) lines.push(`Как исправить: ${fix}`);
  });
  return lines.join('\n');
}

function noteOf(cell: ExcelJS.Cell): string {
  const note = cell.note as string | ExcelJS.Comment | undefined;
  if (!note) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text).join('');
}

function freeName(excel: ExcelJS.Workbook): string {
  const taken = new Set(excel.worksheets.map((ws) => ws.name.toLowerCase()));
  if (!taken.has(LIST_SHEET.toLowerCase())) return LIST_SHEET;
  for (let n = 2; ; n++) if (!taken.has(`${LIST_SHEET} (${n})`.toLowerCase())) return `${LIST_SHEET} (${n})`;
}

/** A grid's name as an Excel sheet name: no `[]:*?/\`, at most 31 characters, unique, never empty. */
function sheetName(name: string, excel: ExcelJS.Workbook): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').slice(0, 31) || 'Лист';
  const taken = new Set(excel.worksheets.map((ws) => ws.name.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, 31 - ` (${n})`.length)} (${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

const COLUMNS: ReadonlyArray<{ header: string; width: number }> = [
  { header: 'Лист', width: 18 },
  { header: 'Ячейка', width: 9 },
  { header: 'Важность', width: 16 },
  { header: 'Замечание', width: 58 },
  { header: 'Как исправить', width: 52 },
  { header: 'Правило', width: 24 },
];

/** The list's own font: a book's default may be anything, and a bold font without a name prints in a fallback serif. */
const FONT = { name: 'Calibri', size: 11 };
const THIN = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function writeList(ws: ExcelJS.Worksheet, placed: readonly Placed[], sheetOrder: ReadonlyMap<string, number>, howToFix: ReadonlyMap<string, string>, findings: AnnotationFindings): number {
  // In the order of the workbook: sheet by sheet, row by row, so the list reads alongside the book.
  const rows = [...placed].sort(
    (a, b) =>
      (sheetOrder.get(a.d.sheet) ?? Infinity) - (sheetOrder.get(b.d.sheet) ?? Infinity) ||
      a.d.sheet.localeCompare(b.d.sheet) ||
      a.row - b.row ||
      a.col - b.col ||
      RANK[a.d.severity] - RANK[b.d.severity],
  );
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  const text = (cell: ExcelJS.Cell, value: string) => {
    cell.value = value;
    // The text format: a message quoting «=СУММ(…)» or a sheet named «-1-» is never run as a formula once edited.
    cell.numFmt = '@';
  };
  const header = ws.getRow(1);
  COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    text(cell, c.header);
    cell.font = { ...FONT, bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
    cell.alignment = { vertical: 'middle', wrapText: true };
    cell.border = BORDER;
  });
  rows.forEach((p, i) => {
    const row = ws.getRow(i + 2);
    const address = p.cell ? `${columnLetters(p.col)}${p.row + 1}` : p.d.cell || '—';
    const values = [p.d.sheet || '—', address, LABELS[p.d.severity], p.d.message, howToFix.get(p.d.ruleId) ?? '', p.d.ruleId];
    values.forEach((v, c) => {
      const cell = row.getCell(c + 1);
      text(cell, v);
      cell.font = FONT;
      cell.alignment = { vertical: 'top', wrapText: true };
      cell.border = BORDER;
    });
    row.getCell(3).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: SEVERITY_FILLS[p.d.severity] } };
    fitRowHeight(row, values, COLUMNS.map((c) => c.width));
  });
  const last = rows.length + 1;
  const notes: string[] = [];
  if (rows.length === 0) notes.push('Замечаний нет.');
  const s = findings.summary;
  const found = s ? s.errors + s.warnings + s.infos : rows.length;
  if (findings.stopped) notes.push(`Проверка остановлена на пределе числа замечаний: показано ${rows.length}, дальше книга не проверялась.`);
  else if (found > rows.length) notes.push(`Показаны не все замечания: ${rows.length} из ${found} (достигнут предел числа замечаний, ошибки показаны первыми).`);
  const missing = placed.filter((p) => !p.cell).length;
  if (missing > 0 && rows.length > 0) notes.push(`Замечаний без ячейки в книге: ${missing} — они есть только в этом списке.`);
  notes.forEach((n, i) => {
    const cell = ws.getCell(last + 2 + i, 1);
    text(cell, n);
    cell.font = { ...FONT, italic: true };
  });
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }];
  if (rows.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: last, column: COLUMNS.length } };
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1', margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 } };
  return rows.length;
}

/** ExcelJS, loaded on first use (the grid reader never needs it). */
function excelJs(): typeof ExcelJS {
  return require('exceljs') as typeof ExcelJS;
}
