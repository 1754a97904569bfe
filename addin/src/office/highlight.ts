/**
 * «Подсветить» and «Снять подсветку» over Office.js: the plan is host-neutral (`host/highlight.ts`: marks, ops over
 * the previous highlight, what to read of each cell, renamed sheets, the snapshot); this file reads and writes the
 * cells. The snapshot lives in memory and in the document's settings, so a reloaded pane can still restore.
 *
 * Syncs, per batch of `highlightCellsPerBatch` cells: one read (fills and notes of the target cells, comment ids of
 * their sheets) and one write. A second read happens only when those sheets hold threaded comments that are not Svod's
 * (to find their cells). Before ExcelApi 1.18 (no notes API) the marks are threaded comments; a refused comment costs
 * a few more syncs to find out which ones went in (`recoverComments`). A sheet that is gone costs one sync to list the
 * sheets, then the highlight runs once more without it.
 */
import type { Diagnostic } from '@svod/shared';
import { canonicalCell, localAddress } from '../host/addresses';
import {
  HIGHLIGHT_SETTING,
  SEVERITY_FILL,
  adoptRenamed,
  cellKey,
  markedSheets,
  marksFor,
  onExistingSheets,
  ourCommentIds,
  parseSnapshot,
  planMarks,
  planRestore,
  probeFor,
  savedCellFor,
  savedFill,
  type CellMark,
  type HighlightSnapshot,
  type MarkOp,
  type SavedCell,
} from '../host/highlight';
import { documentSettings, isNotFound, saveSettings, supports } from './environment';
import type { OwnWrites } from './writes';

const SOLID = 'Solid';

type Mode = HighlightSnapshot['mode'];

export class Highlighter {
  private snapshot: HighlightSnapshot | null = null;

  /** `batchCells`: cells marked (or restored) per read + write pair of syncs; keeps each request well under 5 MB. */
  constructor(
    private readonly writes: OwnWrites,
    private readonly batchCells: number,
  ) {}

  async highlight(diagnostics: readonly Diagnostic[]): Promise<void> {
    let marks = marksFor(diagnostics);
    let prior = this.currentSnapshot();
    const mode: Mode = supports('1.18') ? 'note' : 'comment';
    // More cells than one batch takes: leave out missing sheets first (a later batch failing would leave earlier ones
    // applied); with one batch a missing sheet fails the read, before anything is written.
    if (marks.length + (prior?.cells.length ?? 0) > this.batchCells) [marks, prior] = await existing(marks, prior);
    for (let attempt = 0; ; attempt++) {
      if (marks.length === 0) {
        if (prior) await this.clear();
        return;
      }
      const ops = planMarks(marks, prior);
      try {
        const cells = await this.runMarks(mode, ops, ourCommentIds(prior));
        await this.remember({ version: 1, mode, cells });
        return;
      } catch (e) {
        // A sheet named by a diagnostic (a check of another copy) or by the previous highlight is gone: leave its
        // cells out and try once more.
        if (!isNotFound(e) || attempt > 0) throw e;
        [marks, prior] = await existing(marks, prior);
      }
    }
  }

  async clear(): Promise<void> {
    let snapshot = this.currentSnapshot();
    if (!snapshot) return;
    if (snapshot.cells.length > this.batchCells) snapshot = (await existing([], snapshot))[1];
    for (let attempt = 0; snapshot; attempt++) {
      try {
        const ops = planRestore(snapshot);
        if (ops.length > 0) await this.runMarks(snapshot.mode, ops, ourCommentIds(snapshot));
        break;
      } catch (e) {
        if (!isNotFound(e) || attempt > 0) throw e;
        snapshot = (await existing([], snapshot))[1];
      }
    }
    await this.remember(null);
  }

  private currentSnapshot(): HighlightSnapshot | null {
    if (this.snapshot) return this.snapshot;
    const stored = documentSettings()?.get(HIGHLIGHT_SETTING);
    return stored === undefined || stored === null ? null : parseSnapshot(stored);
  }

  private async remember(snapshot: HighlightSnapshot | null): Promise<void> {
    this.snapshot = snapshot && snapshot.cells.length > 0 ? snapshot : null;
    const settings = documentSettings();
    if (!settings) return;
    if (this.snapshot) settings.set(HIGHLIGHT_SETTING, this.snapshot);
    else settings.remove(HIGHLIGHT_SETTING);
    await saveSettings(settings);
  }

  private async runMarks(mode: Mode, ops: readonly MarkOp[], ours: ReadonlySet<string>): Promise<SavedCell[]> {
    const out: SavedCell[] = [];
    for (let i = 0; i < ops.length; i += this.batchCells) out.push(...(await this.runMarkGroup(mode, ops.slice(i, i + this.batchCells), ours)));
    return out;
  }

  /** One read sync (what is in the cells now), rarely a second (where foreign comments are), one write sync. */
  private runMarkGroup(mode: Mode, planned: readonly MarkOp[], ours: ReadonlySet<string>): Promise<SavedCell[]> {
    return Excel.run(async (context) => {
      const notesApi = supports('1.18');
      const commentsApi = supports('1.10');
      const patterns = supports('1.9');
      const sheets = new Map<string, Excel.Worksheet>();
      const sheetOf = (name: string): Excel.Worksheet => {
        let ws = sheets.get(name);
        if (!ws) {
          ws = context.workbook.worksheets.getItem(name);
          sheets.set(name, ws);
        }
        return ws;
      };

      // ---- read: what is there now
      interface Probe {
        fill?: Excel.RangeFill;
        note?: Excel.Note;
        comment?: Excel.Comment;
      }
      const probes: Probe[] = planned.map((op) => {
        const need = probeFor(op, mode);
        const probe: Probe = {};
        const ws = sheetOf(need.sheet);
        if (need.fill) {
          probe.fill = ws.getRange(need.cell).format.fill;
          probe.fill.load(patterns ? 'color,pattern,patternColor' : 'color');
        }
        if (notesApi && need.note) {
          probe.note = ws.notes.getItemOrNullObject(need.cell);
          probe.note.load('content');
        }
        if (commentsApi && need.commentId !== null) {
          probe.comment = ws.comments.getItemOrNullObject(need.commentId);
          probe.comment.load('id');
        }
        return probe;
      });
      const applySheets = markedSheets(planned);
      for (const sheet of applySheets) sheetOf(sheet).load('id');
      const commentLists: Array<{ sheet: string; list: Excel.CommentCollection }> = [];
      if (commentsApi) {
        for (const sheet of applySheets) {
          const list = sheetOf(sheet).comments;
          list.load('items/id');
          commentLists.push({ sheet, list });
        }
      }
      await context.sync();

      // Cells holding someone's threaded comment get no note or comment of ours (Excel allows one per cell).
      const foreign: Array<{ sheet: string; where: Excel.Range }> = [];
      for (const { sheet, list } of commentLists) {
        for (const comment of list.items) {
          if (ours.has(comment.id)) continue;
          const where = comment.getLocation();
          where.load('address');
          foreign.push({ sheet, where });
        }
      }
      if (foreign.length > 0) await context.sync();
      const taken = new Set(foreign.map((f) => cellKey(f.sheet, canonicalCell(localAddress(f.where.address)) ?? '')));

      // A sheet renamed since the last highlight keeps its cells' originals (see `adoptRenamed`); the adopted mark
      // takes over the restore's comment probe too.
      const idOf = new Map(applySheets.map((sheet) => [sheet, sheetOf(sheet).id]));
      const { ops, dropped, adopted } = adoptRenamed(planned, (sheet) => idOf.get(sheet));
      for (const [i, j] of adopted) probes[i]!.comment = probes[j]!.comment;

      // ---- write: restores first, then every fill, then notes or comments (the only writes Excel may refuse)
      const saved: SavedCell[] = [];
      const marks: Array<() => void> = [];
      const added: Array<{ entry: SavedCell; comment: Excel.Comment; text: string }> = [];
      ops.forEach((op, i) => {
        if (dropped.has(i)) return;
        const probe = probes[i]!;
        const note = probe.note && !probe.note.isNullObject ? probe.note : null;
        const comment = probe.comment && !probe.comment.isNullObject ? probe.comment : null;
        if (op.kind === 'restore') {
          const { sheet, sheetId, cell, fill, mark } = op.saved;
          const ws = sheetOf(sheetId ?? sheet);
          restoreFill(ws.getRange(cell).format.fill, fill);
          if (mark.kind === 'note' && notesApi) {
            if (op.saved.note !== null) {
              if (note) note.content = op.saved.note;
              else ws.notes.add(cell, op.saved.note);
            } else if (note) note.delete();
          } else if (mark.kind === 'comment' && comment) comment.delete();
          return;
        }
        const { sheet, cell, severity, text } = op.mark;
        const ws = sheetOf(sheet);
        const entry = savedCellFor(op, idOf.get(sheet), {
          fill: probe.fill ? savedFill(probe.fill.color, patterns ? probe.fill.pattern : whiteIsNone(probe.fill.color), patterns ? probe.fill.patternColor : null) : null,
          note: mode === 'note' && note ? note.content : null,
        });
        saved.push(entry);
        const fill = ws.getRange(cell).format.fill;
        fill.color = SEVERITY_FILL[severity];
        if (patterns && entry.fill?.pattern) fill.pattern = SOLID as Excel.FillPattern;
        if (taken.has(cellKey(sheet, cell))) return;
        if (mode === 'note' && notesApi) {
          marks.push(() => {
            if (note) note.content = text;
            else ws.notes.add(cell, text);
            entry.mark = { kind: 'note' };
          });
        } else if (mode === 'comment' && commentsApi) {
          marks.push(() => {
            if (comment) {
              comment.content = text;
              entry.mark = { kind: 'comment', id: comment.id };
            } else {
              const created = ws.comments.add(cell, text);
              created.load('id');
              added.push({ entry, comment: created, text });
            }
          });
        }
      });
      for (const mark of marks) mark();
      try {
        await this.writes.sync(context);
      } catch (e) {
        if (added.length === 0) throw e;
        // Excel refused a comment: before ExcelApi 1.18 a cell's note is invisible to add-ins, and a cell holds a note
        // or a comment thread, not both. The batch stopped there, after every fill.
        await this.recoverComments(added);
        return saved;
      }
      for (const { entry, comment } of added) entry.mark = { kind: 'comment', id: comment.id };
      return saved;
    });
  }

  /**
   * After a refused comment: finds the comments that were added before it (by cell and text), leaves the refused cell
   * without one, and adds the rest again in a new batch; repeats while Excel refuses. Only hosts without the notes API
   * get here, and only when target cells hold notes.
   */
  private async recoverComments(added: ReadonlyArray<{ entry: SavedCell; text: string }>): Promise<void> {
    let rest = added;
    for (let round = 0; rest.length > 0 && round < 100; round++) {
      await findAddedComments(rest);
      const refused = rest.findIndex((a) => a.entry.mark.kind !== 'comment');
      if (refused < 0) return;
      rest = rest.slice(refused + 1);
      if (rest.length === 0) return;
      const retry = rest;
      try {
        await Excel.run(async (context) => {
          const made = retry.map((a) => {
            const comment = context.workbook.worksheets.getItem(a.entry.sheet).comments.add(a.entry.cell, a.text);
            comment.load('id');
            return comment;
          });
          await this.writes.sync(context);
          retry.forEach((a, i) => (a.entry.mark = { kind: 'comment', id: made[i]!.id }));
        });
        return;
      } catch {
        // Another cell refused: look again.
      }
    }
  }
}

/** One sync: the workbook's sheets, then the marks and saved cells of the ones that exist. */
async function existing(marks: CellMark[], snapshot: HighlightSnapshot | null): Promise<[CellMark[], HighlightSnapshot | null]> {
  const sheets = await Excel.run(async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load('items/name,items/id');
    await context.sync();
    return worksheets.items.map((ws) => ({ name: ws.name, id: ws.id }));
  });
  return onExistingSheets(marks, snapshot, sheets);
}

/** Which of the comments a refused batch added did go in: by cell and text (one or two syncs). */
async function findAddedComments(added: ReadonlyArray<{ entry: SavedCell; text: string }>): Promise<void> {
  await Excel.run(async (context) => {
    const lists = [...new Set(added.map((a) => a.entry.sheet))].map((sheet) => {
      const list = context.workbook.worksheets.getItem(sheet).comments;
      list.load('items/id,items/content');
      return { sheet, list };
    });
    await context.sync();
    const wanted = new Map(added.map((a) => [cellKey(a.entry.sheet, a.entry.cell), a]));
    const candidates: Array<{ sheet: string; id: string; content: string; where: Excel.Range }> = [];
    for (const { sheet, list } of lists) {
      for (const c of list.items) {
        if (!added.some((a) => a.entry.sheet === sheet && a.text === c.content)) continue;
        const where = c.getLocation();
        where.load('address');
        candidates.push({ sheet, id: c.id, content: c.content, where });
      }
    }
    if (candidates.length > 0) await context.sync();
    for (const c of candidates) {
      const a = wanted.get(cellKey(c.sheet, canonicalCell(localAddress(c.where.address)) ?? ''));
      if (a && a.text === c.content) a.entry.mark = { kind: 'comment', id: c.id };
    }
  });
}

/** Without the `pattern` property (before ExcelApi 1.9) white is the best guess for «no fill». */
function whiteIsNone(color: string | null | undefined): string {
  return !color || /^#?fff(fff)?$/i.test(color) ? 'None' : SOLID;
}

function restoreFill(fill: Excel.RangeFill, saved: SavedCell['fill']): void {
  if (saved === null) {
    fill.clear();
    return;
  }
  fill.color = saved.color;
  if (saved.pattern) {
    fill.pattern = saved.pattern as Excel.FillPattern;
    if (saved.patternColor) fill.patternColor = saved.patternColor;
  }
}
