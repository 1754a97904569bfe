/**
 * What «Подсветить» puts into cells and what it remembers to take it back: the plain data of a highlight, without
 * touching Excel (the Office.js side is in `excel-port.ts`).
 */
import { SEVERITY_NAMES, SEVERITY_ORDER, type Diagnostic, type Severity } from '@svod/shared';
import { canonicalCell } from './addresses';

/** Fills by severity: Excel's own «light red / light yellow» conditional-format fills and a light blue. */
export const SEVERITY_FILL: Record<Severity, string> = {
  error: '#FFC7CE',
  warning: '#FFEB9C',
  info: '#DDEBF7',
};

/** The key of `Office.context.document.settings` that keeps the snapshot, so a reloaded pane can still restore. */
export const HIGHLIGHT_SETTING = 'svod.highlight';

/** A cell's fill before the highlight: `null` is «no fill». */
export type SavedFill = null | { color: string; pattern?: string; patternColor?: string };

export interface SavedCell {
  sheet: string;
  /** The sheet's id (stable when the sheet is renamed), when known. */
  sheetId?: string;
  /** Canonical A1 of one cell. */
  cell: string;
  fill: SavedFill;
  /** The note that was there (its text), or null when there was none. Only in `note` mode. */
  note: string | null;
  /** What the highlight put there: a note (new or overwritten), a threaded comment (its id), or nothing. */
  mark: { kind: 'note' } | { kind: 'comment'; id: string } | { kind: 'none' };
}

export interface HighlightSnapshot {
  version: 1;
  /** `note`: `worksheet.notes` (ExcelApi 1.18); `comment`: threaded comments where notes are not available. */
  mode: 'note' | 'comment';
  cells: SavedCell[];
}

export interface CellMark {
  sheet: string;
  cell: string;
  severity: Severity;
  /** The note's text: the Russian messages of the cell, worst first. */
  text: string;
}

/** Excel keeps up to 32,767 characters in a note; a pane message list never needs that much. */
const MAX_NOTE = 4000;

/** One mark per cell: the worst severity decides the fill; the note lists every distinct message of the cell. */
export function marksFor(diagnostics: readonly Diagnostic[]): CellMark[] {
  const byCell = new Map<string, { sheet: string; cell: string; items: Diagnostic[] }>();
  for (const d of diagnostics) {
    const cell = canonicalCell(d.cell);
    if (!cell || !d.sheet) continue;
    const key = `${d.sheet}\u0000${cell}`;
    let entry = byCell.get(key);
    if (!entry) byCell.set(key, (entry = { sheet: d.sheet, cell, items: [] }));
    entry.items.push(d);
  }
  const marks: CellMark[] = [];
  for (const { sheet, cell, items } of byCell.values()) {
    const sorted = [...items].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    const lines: string[] = [];
    for (const d of sorted) {
      const line = `${SEVERITY_NAMES[d.severity]}: ${d.message}`;
      if (!lines.includes(line)) lines.push(line);
    }
    let text = `Свод\n${lines.join('\n')}`;
    if (text.length > MAX_NOTE) text = `${text.slice(0, MAX_NOTE - 1)}…`;
    marks.push({ sheet, cell, severity: sorted[0]!.severity, text });
  }
  return marks;
}

/** Put a cell back as it was before the first highlight. */
export interface RestoreOp {
  kind: 'restore';
  saved: SavedCell;
}

/** Mark a cell; `kept` is its entry in the previous highlight, whose originals stay the originals. */
export interface ApplyOp {
  kind: 'apply';
  mark: CellMark;
  kept: SavedCell | null;
}

export type MarkOp = RestoreOp | ApplyOp;

/**
 * What a new highlight does over the previous one, host-neutral: cells no longer marked are restored first; marked
 * cells keep the originals the previous highlight saved (a second highlight must not save Svod's own fill and note as
 * «what a person set»). Both hosts run these ops; only reading and writing the cells differs.
 */
export function planMarks(marks: readonly CellMark[], prior: HighlightSnapshot | null): MarkOp[] {
  const priorCells = new Map((prior?.cells ?? []).map((c) => [cellKey(c.sheet, c.cell), c]));
  const wanted = new Set(marks.map((m) => cellKey(m.sheet, m.cell)));
  const ops: MarkOp[] = [];
  for (const saved of priorCells.values()) if (!wanted.has(cellKey(saved.sheet, saved.cell))) ops.push({ kind: 'restore', saved });
  for (const mark of marks) ops.push({ kind: 'apply', mark, kept: priorCells.get(cellKey(mark.sheet, mark.cell)) ?? null });
  return ops;
}

/** «Снять подсветку»: every saved cell back as it was. */
export function planRestore(snapshot: HighlightSnapshot): RestoreOp[] {
  return snapshot.cells.map((saved) => ({ kind: 'restore', saved }));
}

export function cellKey(sheet: string, cell: string): string {
  return `${sheet}\u0000${cell}`;
}

/** A fill as Office.js reports it (`pattern` "None" is no fill) in the snapshot's terms. */
export function savedFill(color: string | null | undefined, pattern: string | null | undefined, patternColor?: string | null): SavedFill {
  if (pattern === 'None' || !color) return null;
  const fill: { color: string; pattern?: string; patternColor?: string } = { color };
  if (pattern && pattern !== 'Solid') {
    fill.pattern = pattern;
    if (patternColor) fill.patternColor = patternColor;
  }
  return fill;
}

/** Reads a snapshot back from the document settings; anything malformed is no snapshot. */
export function parseSnapshot(value: unknown): HighlightSnapshot | null {
  const raw = typeof value === 'string' ? safeJson(value) : value;
  if (!raw || typeof raw !== 'object') return null;
  const s = raw as Partial<HighlightSnapshot>;
  if (s.version !== 1 || (s.mode !== 'note' && s.mode !== 'comment') || !Array.isArray(s.cells)) return null;
  const cells = s.cells.filter(
    (c): c is SavedCell =>
      !!c && typeof c.sheet === 'string' && typeof c.cell === 'string' && typeof c.mark === 'object' && c.mark !== null && (c.note === null || typeof c.note === 'string'),
  );
  return { version: 1, mode: s.mode, cells };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
