/**
 * «Подсветить» and «Снять подсветку» over Apps Script, from the same plan as Excel (`planMarks`, `planRestore`): a
 * second highlight keeps the originals of the first (`adoptRenamed` also across a renamed sheet), restore puts back
 * exactly the fill and note a person set.
 *
 * Calls, per sheet touched, whatever the number of cells: one `getNotes` and at most one `getBackgrounds` per covering
 * rectangle (`coverRects`: one for a table), one `setNotes` per rectangle (the matrix carries the other cells' notes
 * as they are), and one `RangeList.setBackground` per colour. Sheets reports «no fill» as white (`#ffffff`), so white
 * is kept as «no fill»: restoring it clears the fill instead of painting the cell white over the grid lines.
 */
import { parseA1, type CellRef } from '@svod/shared';
import { SEVERITY_FILL, adoptRenamed, planMarks, planRestore, savedCellFor, type CellMark, type HighlightSnapshot, type MarkOp, type SavedCell, type SavedFill } from '../../src/host/highlight';
import { sheetIndex, spreadsheet, type Sheet, type SheetIndex } from './book';
import { loadSnapshot, saveSnapshot, snapshotText, tooLarge } from './props';
import { a1Of, coverRects, inRect, type Rect } from './rects';

interface Target {
  op: MarkOp;
  ref: CellRef;
}

export function fillFromSheets(background: string | null | undefined): SavedFill {
  const color = (background ?? '').toLowerCase();
  return color === '' || color === '#ffffff' || color === 'white' ? null : { color };
}

/** The sheet of a snapshot cell: by id first (a renamed sheet is still found), then by name. */
function savedSheet(index: SheetIndex, saved: SavedCell): Sheet | null {
  return (saved.sheetId ? index.byId.get(saved.sheetId) : undefined) ?? index.byName.get(saved.sheet) ?? null;
}

/** Runs the ops sheet by sheet; returns what the new snapshot keeps (the marked cells' originals). */
function runOps(ops: MarkOp[], index: SheetIndex, write: (saved: SavedCell[]) => void): void {
  const bySheet = new Map<Sheet, Target[]>();
  for (const op of ops) {
    const sheet = op.kind === 'apply' ? index.byName.get(op.mark.sheet) : savedSheet(index, op.saved);
    const ref = parseA1(op.kind === 'apply' ? op.mark.cell : op.saved.cell);
    if (!sheet || !ref) continue;
    let list = bySheet.get(sheet);
    if (!list) bySheet.set(sheet, (list = []));
    list.push({ op, ref });
  }

  // ---- read: the notes of each rectangle, the fills of cells marked for the first time
  interface Plan {
    sheet: Sheet;
    rect: Rect;
    notes: string[][];
    backgrounds: string[][] | null;
    targets: Target[];
  }
  const plans: Plan[] = [];
  for (const [sheet, targets] of bySheet) {
    for (const rect of coverRects(targets.map((t) => t.ref))) {
      const inside = targets.filter((t) => inRect(rect, t.ref));
      const range = sheet.getRange(rect.top + 1, rect.left + 1, rect.bottom - rect.top + 1, rect.right - rect.left + 1);
      const fresh = inside.some((t) => t.op.kind === 'apply' && !t.op.kept);
      plans.push({ sheet, rect, notes: range.getNotes(), backgrounds: fresh ? range.getBackgrounds() : null, targets: inside });
    }
  }

  // ---- plan the writes
  const saved: SavedCell[] = [];
  const fills = new Map<Sheet, Map<string, string[]>>();
  const paint = (sheet: Sheet, color: string | null, a1: string) => {
    let byColor = fills.get(sheet);
    if (!byColor) fills.set(sheet, (byColor = new Map()));
    const key = color ?? '';
    let list = byColor.get(key);
    if (!list) byColor.set(key, (list = []));
    list.push(a1);
  };
  for (const plan of plans) {
    const sheetId = index.idOf.get(plan.sheet)!;
    const sheetName = index.names.find((n) => index.byName.get(n) === plan.sheet)!;
    for (const { op, ref } of plan.targets) {
      const r = ref.row - plan.rect.top;
      const c = ref.col - plan.rect.left;
      const a1 = a1Of(ref.row, ref.col);
      if (op.kind === 'restore') {
        plan.notes[r]![c] = op.saved.note ?? '';
        paint(plan.sheet, op.saved.fill?.color ?? null, a1);
        continue;
      }
      const before = plan.notes[r]![c] ?? '';
      const entry = savedCellFor(op, sheetId, { fill: fillFromSheets(plan.backgrounds?.[r]?.[c]), note: before === '' ? null : before });
      // Sheets holds a note and comments side by side: every marked cell gets its note.
      saved.push({ ...entry, sheet: sheetName, mark: { kind: 'note' } });
      plan.notes[r]![c] = op.mark.text;
      paint(plan.sheet, SEVERITY_FILL[op.mark.severity], a1);
    }
  }

  // Refuse before writing anything when the snapshot could not be kept.
  write(saved);

  // ---- write
  for (const plan of plans) {
    const { rect } = plan;
    plan.sheet.getRange(rect.top + 1, rect.left + 1, rect.bottom - rect.top + 1, rect.right - rect.left + 1).setNotes(plan.notes);
  }
  for (const [sheet, byColor] of fills) {
    for (const [color, cells] of byColor) sheet.getRangeList(cells).setBackground(color === '' ? null : color);
  }
}

/**
 * Two people highlighting the same document at once would each save the other's marks as «what was there»: the
 * document lock makes one highlight or restore wait for the other.
 */
function exclusive<T>(fn: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock) return fn();
  if (!lock.tryLock(20_000)) throw new Error('Другой пользователь сейчас подсвечивает или восстанавливает ячейки этой таблицы. Повторите через минуту.');
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}

export function svodHighlight(marks: CellMark[]): void {
  exclusive(() => highlight(marks));
}

export function svodClearHighlight(): void {
  exclusive(clearHighlight);
}

function highlight(marks: CellMark[]): void {
  const ss = spreadsheet();
  const props = PropertiesService.getDocumentProperties();
  const index = sheetIndex(ss);
  const prior = loadSnapshot(props);
  // A diagnostic of a sheet that is gone (a check of another copy) marks nothing.
  const present = marks.filter((m) => index.byName.has(m.sheet));
  if (present.length === 0) {
    if (prior) clearHighlight();
    return;
  }
  const renamed = adoptRenamed(planMarks(present, prior), (name) => {
    const sheet = index.byName.get(name);
    return sheet ? index.idOf.get(sheet) : undefined;
  });
  const ops = renamed.ops.filter((_, i) => !renamed.dropped.has(i));
  runOps(ops, index, (cells) => {
    const snapshot: HighlightSnapshot = { version: 1, mode: 'note', cells };
    const error = tooLarge(snapshotText(snapshot));
    if (error) throw error;
    saveSnapshot(props, snapshot);
  });
}

function clearHighlight(): void {
  const props = PropertiesService.getDocumentProperties();
  const snapshot = loadSnapshot(props);
  if (!snapshot) return;
  runOps(planRestore(snapshot), sheetIndex(spreadsheet()), () => undefined);
  saveSnapshot(props, null);
}
