/**
 * What «Подсветить» puts into cells and what it remembers to take it back: the plain data and decisions of a
 * highlight, without touching a host. Both adapters (`office/highlight.ts`, the Apps Script one) plan with these and
 * only read and write the cells themselves.
 */
import { SEVERITY_NAMES, SEVERITY_ORDER, type Diagnostic, type Severity } from '@svod/shared';
import { canonicalCell } from './addresses';

/** Fills by severity: Excel's own «light red / light yellow» conditional-format fills and a light blue. */
export const SEVERITY_FILL: Record<Severity, string> = {
  error: '#FFC7CE',
  warning: '#FFEB9C',
  info: '#DDEBF7',
};

/** The key of the document's own settings that keeps the snapshot, so a reloaded pane can still restore. */
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

/** What a host reads of one cell before running its op. */
export interface CellProbe {
  /** Where the cell is: the sheet's name for a mark; for a restore its id when known (renames are fine), else the name. */
  sheet: string;
  cell: string;
  /** Its fill: only a cell marked for the first time (a kept cell's original is in the snapshot already). */
  fill: boolean;
  /** Its note: a mark in `note` mode (to save it, or overwrite it), a restore of a note the highlight set. */
  note: boolean;
  /** The threaded comment the previous highlight added there, to overwrite or delete it. */
  commentId: string | null;
}

export function probeFor(op: MarkOp, mode: HighlightSnapshot['mode']): CellProbe {
  if (op.kind === 'apply') {
    const mark = op.kept?.mark;
    return {
      sheet: op.mark.sheet,
      cell: op.mark.cell,
      fill: !op.kept,
      note: mode === 'note',
      commentId: mark?.kind === 'comment' ? mark.id : null,
    };
  }
  const { saved } = op;
  return {
    sheet: saved.sheetId ?? saved.sheet,
    cell: saved.cell,
    fill: false,
    note: saved.mark.kind === 'note',
    commentId: saved.mark.kind === 'comment' ? saved.mark.id : null,
  };
}

/** The sheets the ops mark (by name, first appearance first): their ids go into the new snapshot. */
export function markedSheets(ops: readonly MarkOp[]): string[] {
  return [...new Set(ops.filter((op): op is ApplyOp => op.kind === 'apply').map((op) => op.mark.sheet))];
}

export interface RenamedPlan {
  /** The ops to run; an op at an index in `dropped` is not run. */
  ops: MarkOp[];
  /** Restores whose cell is marked again under the sheet's new name. */
  dropped: ReadonlySet<number>;
  /** Index of a mark → index of the dropped restore whose originals (and comment) it keeps. */
  adopted: ReadonlyMap<number, number>;
}

/**
 * A sheet renamed since the last highlight: its saved cells carry the sheet's id, so a cell marked again under the new
 * name keeps what it held before the first highlight (its restore is dropped, the new mark keeps the originals), and
 * a second highlight never saves Svod's own fill and note as «what a person set». `sheetIdOf` gives the current id
 * of a marked sheet by name.
 */
export function adoptRenamed(ops: readonly MarkOp[], sheetIdOf: (sheet: string) => string | undefined): RenamedPlan {
  const restoreById = new Map<string, number>();
  ops.forEach((op, i) => {
    if (op.kind === 'restore' && op.saved.sheetId) restoreById.set(cellKey(op.saved.sheetId, op.saved.cell), i);
  });
  const dropped = new Set<number>();
  const adopted = new Map<number, number>();
  const out = ops.map((op, i): MarkOp => {
    if (op.kind !== 'apply' || op.kept) return op;
    const j = restoreById.get(cellKey(sheetIdOf(op.mark.sheet) ?? '', op.mark.cell));
    if (j === undefined) return op;
    dropped.add(j);
    adopted.set(i, j);
    return { ...op, kept: (ops[j] as RestoreOp).saved };
  });
  return { ops: out, dropped, adopted };
}

/**
 * The snapshot entry of a marked cell: a kept cell keeps its originals (under the sheet's current name and id); a
 * cell marked for the first time saves what the host read there. The mark itself is filled in once it is written.
 */
export function savedCellFor(op: ApplyOp, sheetId: string | undefined, before: { fill: SavedFill; note: string | null }): SavedCell {
  const { sheet, cell } = op.mark;
  if (op.kept) return { ...op.kept, sheet, sheetId: sheetId ?? op.kept.sheetId, mark: { kind: 'none' } };
  return { sheet, sheetId, cell, fill: before.fill, note: before.note, mark: { kind: 'none' } };
}

/** The ids of the threaded comments a highlight added: the only comments Svod may overwrite or delete. */
export function ourCommentIds(snapshot: HighlightSnapshot | null): Set<string> {
  const ids = new Set<string>();
  for (const c of snapshot?.cells ?? []) if (c.mark.kind === 'comment' && c.mark.id) ids.add(c.mark.id);
  return ids;
}

/**
 * Marks and snapshot cells of the sheets that exist (marks by name without regard to case; saved cells by the
 * sheet's id when they have one, so renamed sheets still count), for a highlight or restore after a sheet was deleted.
 */
export function onExistingSheets(
  marks: readonly CellMark[],
  snapshot: HighlightSnapshot | null,
  sheets: Iterable<{ name: string; id: string }>,
): [CellMark[], HighlightSnapshot | null] {
  const keys = new Set([...sheets].flatMap((ws) => [ws.name.toLowerCase(), ws.id]));
  const kept = marks.filter((m) => keys.has(m.sheet.toLowerCase()));
  const cells = snapshot?.cells.filter((c) => (c.sheetId ? keys.has(c.sheetId) : keys.has(c.sheet.toLowerCase()))) ?? [];
  return [kept, snapshot ? { ...snapshot, cells } : null];
}

/** A fill as Excel reports it (`pattern` "None" is no fill) in the snapshot's terms. */
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
