/**
 * `HostPort` over Office.js: every Excel call of the add-in is here (and nowhere else).
 *
 * Performance is round trips (`context.sync`), so each operation is planned as few batches as it can be:
 * - `readSheets`: ONE sync reads, for every sheet at once, the size of the used range (anchored at A1 by
 *   `getBoundingRect`, so grid addresses are the sheet's), its values and number formats (a top-left window of at most
 *   `firstWindowCells` cells, which is the whole of any ordinary sheet) and its merged areas. Bigger sheets continue in
 *   row chunks, one sync per chunk, each under Excel on the web's limits (5 M cells per read, 5 MB per response):
 *   at most `cellsPerRequest` cells and about `textBytesPerRequest` bytes. «All sheets» needs the list of sheets first:
 *   the port remembers it from its last «all» read and checks it in the same sync, so only the first such read of a
 *   session (or one after sheets were added, removed or renamed) costs one more sync. A host that still refuses a
 *   response as too large gets the same read again in smaller requests.
 * - Text written back never turns into a formula, number or date: see `writeValue`.
 * - `highlight`: one read sync (fills and notes of the target cells, comment ids of their sheets) and one write sync.
 *   A second read sync happens only when those sheets hold threaded comments that are not Svod's (to find their cells).
 * - `applyEdits`, `select`, `insertWorkbook`: one sync; `insertTemplate`, `clearHighlight`: one read and one write.
 */
import { columnLetters, type CellEdit, type CellValue, type Diagnostic, type Grid } from '@svod/shared';
import { areasFromAddress, canonicalCell, localAddress } from '../host/addresses';
import {
  HIGHLIGHT_SETTING,
  SEVERITY_FILL,
  cellKey,
  marksFor,
  parseSnapshot,
  planMarks,
  planRestore,
  savedFill,
  type ApplyOp,
  type CellMark,
  type MarkOp,
  type RestoreOp,
  type HighlightSnapshot,
  type SavedCell,
} from '../host/highlight';
import type { HostCapabilities, HostPort, SheetsRead, TemplateOptions } from '../host/port';
import {
  GLOSSARY_HEADERS,
  GLOSSARY_SHEET,
  GLOSSARY_WIDTHS,
  LISTS_SHEET,
  TEMPLATE_ROWS,
  inlineListSource,
  quoteSheet,
  templatePlan,
  uniqueSheetName,
} from '../host/template';
import { cellFromExcel, dateToSerial, needsTextFormat } from '../host/values';

export interface ReadLimits {
  /** Cells (values and formats) one request may load. Excel on the web refuses a read of more than 5 M cells. */
  cellsPerRequest: number;
  /** Estimated bytes of values and formats per request. Excel on the web answers at most 5 MB. */
  textBytesPerRequest: number;
  /** The first request reads a top-left window of every sheet (together with its size) of at most this many cells… */
  firstWindowCells: number;
  /** …and this many columns. */
  firstWindowColumns: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  cellsPerRequest: 1_000_000,
  textBytesPerRequest: 2_000_000,
  firstWindowCells: 250_000,
  firstWindowColumns: 32,
};

export interface ExcelPortOptions {
  limits?: Partial<ReadLimits>;
  /**
   * How long after its own write the port still ignores `onChanged` events: Excel delivers the events of a batch
   * after the batch's `sync` has resolved. Default 500 ms.
   */
  writeSettleMs?: number;
  /** Cells marked (or restored) per read + write pair of syncs; keeps each request well under 5 MB. Default 4000. */
  highlightCellsPerBatch?: number;
}

const SOLID = 'Solid';
const BORDER_EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal'] as const;
const DATE_FORMAT = 'dd.mm.yyyy';

export function createExcelPort(options: ExcelPortOptions = {}): HostPort {
  return new OfficeExcelPort(options);
}

interface SheetInfo {
  id: string;
  name: string;
  visibility: string;
}

interface HeadRead {
  ws: Excel.Worksheet;
  bounds: Excel.Range;
  head: Excel.Range;
  merged: Excel.RangeAreas | null;
}

function errorCode(e: unknown): string {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : '';
}

function isNotFound(e: unknown): boolean {
  return errorCode(e) === 'ItemNotFound';
}

function isTooLarge(e: unknown): boolean {
  const code = errorCode(e);
  if (['ResponsePayloadSizeLimitExceeded', 'RequestPayloadSizeLimitExceeded', 'RangeExceedsLimit', 'OperationCellsExceedLimit'].includes(code)) {
    return true;
  }
  const message = e instanceof Error ? e.message : '';
  return /payload size|too large/i.test(message);
}

/** A rough size of what a read returns: strings (UTF-8, Cyrillic is 2 bytes) and the format strings beside them. */
function payloadBytes(values: unknown[][], formats: unknown[][] | undefined): number {
  let bytes = 0;
  for (let r = 0; r < values.length; r++) {
    const row = values[r]!;
    const frow = formats?.[r];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      bytes += typeof v === 'string' ? v.length * 2 + 3 : 12;
      const f = frow?.[c];
      bytes += typeof f === 'string' ? f.length + 3 : 4;
    }
  }
  return bytes;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

class OfficeExcelPort implements HostPort {
  readonly capabilities: HostCapabilities = { hostName: 'Excel', changes: 'events', insertWorkbookUnavailable: null };
  private readonly limits: ReadLimits;
  private readonly settleMs: number;
  private readonly batchCells: number;
  /** The workbook's sheets as of the last read, in tab order: lets «all sheets» read in one sync. */
  private sheetList: SheetInfo[] | null = null;
  private snapshot: HighlightSnapshot | null = null;
  /** Writes in flight or settling: their `onChanged` events are the add-in's own. */
  private writing = 0;

  constructor(options: ExcelPortOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.settleMs = options.writeSettleMs ?? 500;
    this.batchCells = Math.max(1, options.highlightCellsPerBatch ?? 4000);
  }

  // ---------------------------------------------------------------- environment

  /** `ExcelApi` requirement sets; outside a full Office host (unit tests) everything is assumed. */
  private supports(version: string): boolean {
    const requirements = typeof Office === 'undefined' ? undefined : Office.context?.requirements;
    return requirements ? requirements.isSetSupported('ExcelApi', version) : true;
  }

  private settings(): Office.Settings | null {
    return typeof Office === 'undefined' ? null : (Office.context?.document?.settings ?? null);
  }

  private saveSettings(settings: Office.Settings): Promise<void> {
    return new Promise((resolve) => settings.saveAsync(() => resolve()));
  }

  private beginWrite(): void {
    this.writing++;
  }

  private endWrite(): void {
    setTimeout(() => {
      this.writing--;
    }, this.settleMs);
  }

  /** Runs one write `sync` with the «writing» mark on, so `onChange` listeners do not hear the add-in itself. */
  private async writeSync(context: Excel.RequestContext): Promise<void> {
    this.beginWrite();
    try {
      await context.sync();
    } finally {
      this.endWrite();
    }
  }

  // ---------------------------------------------------------------- reading

  async readSheets(scope: 'active' | 'all'): Promise<SheetsRead> {
    let limits = this.limits;
    for (let attempt = 0; ; attempt++) {
      try {
        const read = await this.readOnce(scope, limits);
        if (read) return read;
        // The list of sheets changed since the last read: read again with the fresh list.
        if (attempt >= 3) throw new Error('Листы книги менялись во время чтения. Повторите проверку.');
      } catch (e) {
        if (!isTooLarge(e) || attempt >= 3) throw e;
        limits = {
          cellsPerRequest: Math.max(1, Math.floor(limits.cellsPerRequest / 4)),
          textBytesPerRequest: Math.max(1, Math.floor(limits.textBytesPerRequest / 4)),
          firstWindowCells: Math.max(1, Math.floor(limits.firstWindowCells / 4)),
          firstWindowColumns: limits.firstWindowColumns,
        };
      }
    }
  }

  private readOnce(scope: 'active' | 'all', limits: ReadLimits): Promise<SheetsRead | null> {
    return Excel.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      const active = worksheets.getActiveWorksheet();
      active.load('id,name');
      const known = scope === 'all' ? this.sheetList : null;
      let targets: Excel.Worksheet[];
      if (scope === 'active') targets = [active];
      else {
        // The list of sheets comes with the read; the sheets are the ones the port knew, checked against it after.
        worksheets.load('items/id,items/name,items/visibility');
        if (known) targets = known.filter((s) => s.visibility !== 'VeryHidden').map((s) => worksheets.getItem(s.id));
        else {
          await context.sync();
          this.sheetList = sheetInfos(worksheets);
          targets = worksheets.items.filter((ws) => ws.visibility !== 'VeryHidden');
        }
      }
      const merges = this.supports('1.13');
      const heads = targets.map((ws) => queueHead(ws, limits, targets.length, merges));
      try {
        await context.sync();
      } catch (e) {
        if (known && isNotFound(e)) {
          this.sheetList = null;
          return null;
        }
        throw e;
      }
      if (scope === 'all') {
        const fresh = sheetInfos(worksheets);
        this.sheetList = fresh;
        if (known && !sameSheets(known, fresh)) return null;
      }

      const sheets: Grid[] = [];
      for (const h of heads) sheets.push(await readRest(context, h, limits));
      return { sheets, active: active.name };
    });
  }

  // ---------------------------------------------------------------- moving around

  async select(sheet: string, cell: string): Promise<void> {
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(canonicalCell(cell) ?? cell).select();
      await this.writeSync(context);
    });
  }

  // ---------------------------------------------------------------- highlight

  private currentSnapshot(): HighlightSnapshot | null {
    if (this.snapshot) return this.snapshot;
    const stored = this.settings()?.get(HIGHLIGHT_SETTING);
    return stored === undefined || stored === null ? null : parseSnapshot(stored);
  }

  private async remember(snapshot: HighlightSnapshot | null): Promise<void> {
    this.snapshot = snapshot && snapshot.cells.length > 0 ? snapshot : null;
    const settings = this.settings();
    if (!settings) return;
    if (this.snapshot) settings.set(HIGHLIGHT_SETTING, this.snapshot);
    else settings.remove(HIGHLIGHT_SETTING);
    await this.saveSettings(settings);
  }

  async highlight(diagnostics: readonly Diagnostic[]): Promise<void> {
    let marks = marksFor(diagnostics);
    let prior = this.currentSnapshot();
    const mode: HighlightSnapshot['mode'] = this.supports('1.18') ? 'note' : 'comment';
    // More cells than one batch takes: leave out missing sheets first (a later batch failing would leave earlier ones
    // applied); with one batch a missing sheet fails the read, before anything is written.
    if (marks.length + (prior?.cells.length ?? 0) > this.batchCells) [marks, prior] = await this.onExistingSheets(marks, prior);
    for (let attempt = 0; ; attempt++) {
      if (marks.length === 0) {
        if (prior) await this.clearHighlight();
        return;
      }
      const ops = planMarks(marks, prior);
      try {
        const cells = await this.runMarks(mode, ops, ourComments(prior));
        await this.remember({ version: 1, mode, cells });
        return;
      } catch (e) {
        // A sheet named by a diagnostic (a check of another copy) or by the previous highlight is gone: leave its
        // cells out and try once more.
        if (!isNotFound(e) || attempt > 0) throw e;
        [marks, prior] = await this.onExistingSheets(marks, prior);
      }
    }
  }

  async clearHighlight(): Promise<void> {
    let snapshot = this.currentSnapshot();
    if (!snapshot) return;
    if (snapshot.cells.length > this.batchCells) snapshot = (await this.onExistingSheets([], snapshot))[1];
    for (let attempt = 0; snapshot; attempt++) {
      try {
        const ops = planRestore(snapshot);
        if (ops.length > 0) await this.runMarks(snapshot.mode, ops, ourComments(snapshot));
        break;
      } catch (e) {
        if (!isNotFound(e) || attempt > 0) throw e;
        snapshot = (await this.onExistingSheets([], snapshot))[1];
      }
    }
    await this.remember(null);
  }

  /** Marks and snapshot cells of sheets that exist (by name, or by id for the snapshot: renames are fine). */
  private async onExistingSheets(marks: CellMark[], snapshot: HighlightSnapshot | null): Promise<[CellMark[], HighlightSnapshot | null]> {
    const keys = await Excel.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name,items/id');
      await context.sync();
      return new Set(worksheets.items.flatMap((ws) => [ws.name.toLowerCase(), ws.id]));
    });
    const kept = marks.filter((m) => keys.has(m.sheet.toLowerCase()));
    const cells = snapshot?.cells.filter((c) => (c.sheetId ? keys.has(c.sheetId) : keys.has(c.sheet.toLowerCase()))) ?? [];
    return [kept, snapshot ? { ...snapshot, cells } : null];
  }

  private async runMarks(mode: HighlightSnapshot['mode'], ops: readonly MarkOp[], ours: ReadonlySet<string>): Promise<SavedCell[]> {
    const out: SavedCell[] = [];
    for (const group of chunks(ops, this.batchCells)) out.push(...(await this.runMarkGroup(mode, group, ours)));
    return out;
  }

  /** One read sync (what is in the cells now), rarely a second (where foreign comments are), one write sync. */
  private runMarkGroup(mode: HighlightSnapshot['mode'], ops: readonly MarkOp[], ours: ReadonlySet<string>): Promise<SavedCell[]> {
    return Excel.run(async (context) => {
      const notesApi = this.supports('1.18');
      const commentsApi = this.supports('1.10');
      const patterns = this.supports('1.9');
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
      const probes: Probe[] = ops.map((op) => {
        const probe: Probe = {};
        const ws = sheetOf(op.kind === 'apply' ? op.mark.sheet : (op.saved.sheetId ?? op.saved.sheet));
        const cell = op.kind === 'apply' ? op.mark.cell : op.saved.cell;
        if (op.kind === 'apply' && !op.kept) {
          probe.fill = ws.getRange(cell).format.fill;
          probe.fill.load(patterns ? 'color,pattern,patternColor' : 'color');
        }
        const mark = op.kind === 'apply' ? op.kept?.mark : op.saved.mark;
        if (notesApi && (op.kind === 'apply' ? mode === 'note' : mark?.kind === 'note')) {
          probe.note = ws.notes.getItemOrNullObject(cell);
          probe.note.load('content');
        }
        if (commentsApi && mark?.kind === 'comment') {
          probe.comment = ws.comments.getItemOrNullObject(mark.id);
          probe.comment.load('id');
        }
        return probe;
      });
      const applySheets = [...new Set(ops.filter((op): op is ApplyOp => op.kind === 'apply').map((op) => op.mark.sheet))];
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

      // A sheet renamed since the last highlight: its cells are matched by sheet id, so what they held before the
      // first highlight stays the original (their restore is dropped, the new mark keeps it).
      const idOf = new Map(applySheets.map((sheet) => [sheet, sheetOf(sheet).id]));
      const restoreById = new Map<string, number>();
      ops.forEach((op, i) => {
        if (op.kind === 'restore' && op.saved.sheetId) restoreById.set(cellKey(op.saved.sheetId, op.saved.cell), i);
      });
      const skipped = new Set<number>();
      const work: MarkOp[] = ops.map((op, i) => {
        if (op.kind !== 'apply' || op.kept) return op;
        const j = restoreById.get(cellKey(idOf.get(op.mark.sheet) ?? '', op.mark.cell));
        if (j === undefined) return op;
        skipped.add(j);
        const restore = ops[j] as RestoreOp;
        probes[i]!.comment = probes[j]!.comment;
        return { ...op, kept: restore.saved };
      });

      // ---- write: restores first, then every fill, then notes or comments (the only writes Excel may refuse)
      const saved: SavedCell[] = [];
      const marks: Array<() => void> = [];
      const added: Array<{ entry: SavedCell; comment: Excel.Comment; text: string }> = [];
      work.forEach((op, i) => {
        if (skipped.has(i)) return;
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
        const entry: SavedCell = op.kept
          ? { ...op.kept, sheet, sheetId: idOf.get(sheet) ?? op.kept.sheetId, mark: { kind: 'none' } }
          : {
              sheet,
              sheetId: idOf.get(sheet),
              cell,
              fill: probe.fill ? savedFill(probe.fill.color, patterns ? probe.fill.pattern : whiteIsNone(probe.fill.color), patterns ? probe.fill.patternColor : null) : null,
              note: mode === 'note' && note ? note.content : null,
              mark: { kind: 'none' },
            };
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
        await this.writeSync(context);
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
      await this.findAddedComments(rest);
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
          await this.writeSync(context);
          retry.forEach((a, i) => (a.entry.mark = { kind: 'comment', id: made[i]!.id }));
        });
        return;
      } catch {
        // Another cell refused: look again.
      }
    }
  }

  private async findAddedComments(added: ReadonlyArray<{ entry: SavedCell; text: string }>): Promise<void> {
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

  // ---------------------------------------------------------------- writing values

  async applyEdits(edits: readonly CellEdit[]): Promise<void> {
    if (edits.length === 0) return;
    await Excel.run(async (context) => {
      const sheets = new Map<string, Excel.Worksheet>();
      for (const edit of edits) {
        const cell = canonicalCell(edit.cell);
        if (!cell) continue;
        let ws = sheets.get(edit.sheet);
        if (!ws) sheets.set(edit.sheet, (ws = context.workbook.worksheets.getItem(edit.sheet)));
        writeValue(ws.getRange(cell), edit.value);
      }
      await this.writeSync(context);
    });
  }

  // ---------------------------------------------------------------- new sheets

  async insertTemplate(options: TemplateOptions): Promise<string> {
    const plan = templatePlan(options);
    return Excel.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name');
      await context.sync();
      const names = worksheets.items.map((ws) => ws.name);
      const name = uniqueSheetName(plan.baseName, names);
      names.push(name);

      const ws = worksheets.add(name);
      const width = plan.headers.length;
      const last = columnLetters(width - 1);
      const { title, period, header, firstBody, bodyRows } = TEMPLATE_ROWS;
      const lastBody = firstBody + bodyRows - 1;
      for (const [row, text, bold] of [
        [title, plan.title, true],
        [period, plan.period, false],
      ] as const) {
        ws.getRange(`A${row}`).values = [[text]];
        const line = ws.getRange(`A${row}:${last}${row}`);
        line.merge(false);
        line.format.horizontalAlignment = 'Center';
        line.format.font.bold = bold;
      }
      const head = ws.getRange(`A${header}:${last}${header}`);
      head.values = [plan.headers];
      head.format.font.bold = true;
      head.format.wrapText = true;
      head.format.horizontalAlignment = 'Center';
      head.format.verticalAlignment = 'Center';
      const body = ws.getRange(`A${firstBody}:${last}${lastBody}`);
      body.format.wrapText = true;
      body.format.verticalAlignment = 'Top';
      drawGrid(ws.getRange(`A${header}:${last}${lastBody}`));
      plan.widths.forEach((w, c) => {
        ws.getRange(`${columnLetters(c)}:${columnLetters(c)}`).format.columnWidth = w;
      });
      for (const c of plan.textColumns) {
        const letter = columnLetters(c);
        ws.getRange(`${letter}${firstBody}:${letter}${lastBody}`).numberFormat = Array.from({ length: bodyRows }, () => ['@']);
      }

      let listsSheet: Excel.Worksheet | null = null;
      let listsName = '';
      let listsColumn = 0;
      for (const list of plan.lists) {
        let source = inlineListSource(list.items);
        if (source === null) {
          // Too long for the rule itself, or items with commas: the list lives on a very hidden sheet.
          if (!listsSheet) {
            listsName = uniqueSheetName(LISTS_SHEET, names);
            names.push(listsName);
            listsSheet = worksheets.add(listsName);
            listsSheet.visibility = 'VeryHidden';
          }
          const letter = columnLetters(listsColumn++);
          listsSheet.getRange(`${letter}1:${letter}${list.items.length}`).values = list.items.map((i) => [i]);
          source = `=${quoteSheet(listsName)}!$${letter}$1:$${letter}$${list.items.length}`;
        }
        const letter = columnLetters(list.col);
        const target = ws.getRange(`${letter}${firstBody}:${letter}${lastBody}`);
        target.dataValidation.rule = { list: { inCellDropDown: true, source } };
        // Open lists (executors, да/нет over numbers) only suggest: no alert for other values.
        target.dataValidation.errorAlert = {
          showAlert: list.strict,
          style: 'Warning',
          title: 'Свод',
          message: list.message ?? 'Выберите значение из списка или введите своё.',
        };
      }

      if (options.glossary && !names.some((n) => n.toLowerCase() === GLOSSARY_SHEET.toLowerCase())) {
        const glossary = worksheets.add(GLOSSARY_SHEET);
        const g = glossary.getRange('A1:B1');
        g.values = [GLOSSARY_HEADERS];
        g.format.font.bold = true;
        g.format.wrapText = true;
        g.format.horizontalAlignment = 'Center';
        glossary.getRange(`A2:B${1 + bodyRows}`).format.wrapText = true;
        drawGrid(glossary.getRange(`A1:B${1 + bodyRows}`));
        GLOSSARY_WIDTHS.forEach((w, c) => {
          glossary.getRange(`${columnLetters(c)}:${columnLetters(c)}`).format.columnWidth = w;
        });
      }

      ws.activate();
      ws.getRange(`A${firstBody}`).select();
      await this.writeSync(context);
      return name;
    });
  }

  async insertWorkbook(base64Xlsx: string): Promise<string[]> {
    const base64 = base64Xlsx.replace(/^data:[^,]*,/, '');
    return Excel.run(async (context) => {
      const result = context.workbook.insertWorksheetsFromBase64(base64, { positionType: Excel.WorksheetPositionType.end });
      await this.writeSync(context);
      return result.value;
    });
  }

  // ---------------------------------------------------------------- change events

  async onChange(listener: () => void): Promise<() => Promise<void>> {
    let alive = true;
    let sheetId = '';
    let changed: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | null = null;
    let activated: OfficeExtension.EventHandlerResult<Excel.WorksheetActivatedEventArgs> | null = null;
    let pending: Promise<void> = Promise.resolve();

    // The add-in's own writes: while the «writing» mark is on, or (ExcelApi 1.14) as Excel itself reports them.
    const onChanged = async (event: Excel.WorksheetChangedEventArgs): Promise<void> => {
      if (!alive || this.writing > 0 || event.triggerSource === 'ThisLocalAddin' || event.worksheetId !== sheetId) return;
      listener();
    };
    // Another sheet became active: follow it (one sync on the subscription's own context), then tell the listener,
    // unless the add-in itself switched sheets (`select`, `insertTemplate`).
    const onActivated = async (event: Excel.WorksheetActivatedEventArgs): Promise<void> => {
      if (!alive) return;
      const own = this.writing > 0;
      pending = pending.then(async () => {
        if (!alive || !changed || event.worksheetId === sheetId) return;
        const old = changed;
        await Excel.run(old.context, async (context) => {
          old.remove();
          changed = context.workbook.worksheets.getItem(event.worksheetId).onChanged.add(onChanged);
          sheetId = event.worksheetId;
          await context.sync();
        });
        if (alive && !own) listener();
      });
      await pending.catch(() => undefined);
    };

    await Excel.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      const active = worksheets.getActiveWorksheet();
      active.load('id');
      changed = active.onChanged.add(onChanged);
      activated = worksheets.onActivated.add(onActivated);
      await context.sync();
      sheetId = active.id;
    });

    return async () => {
      if (!alive) return;
      alive = false;
      await pending.catch(() => undefined);
      const handlers = [changed, activated].filter((h): h is NonNullable<typeof h> => h !== null);
      if (handlers.length === 0) return;
      await Excel.run(handlers[0]!.context, async (context) => {
        for (const h of handlers) h.remove();
        await context.sync();
      });
    };
  }
}

// ---------------------------------------------------------------- helpers over Office.js objects

function sheetInfos(worksheets: Excel.WorksheetCollection): SheetInfo[] {
  return worksheets.items.map((ws) => ({ id: ws.id, name: ws.name, visibility: ws.visibility }));
}

function sameSheets(a: readonly SheetInfo[], b: readonly SheetInfo[]): boolean {
  return a.length === b.length && a.every((s, i) => s.id === b[i]!.id && s.name === b[i]!.name && s.visibility === b[i]!.visibility);
}

/** Queues the first read of a sheet: its size, the top-left window of values and formats, its merged areas. */
function queueHead(ws: Excel.Worksheet, limits: ReadLimits, sheetCount: number, merges: boolean): HeadRead {
  const perSheet = Math.max(1, Math.floor(Math.min(limits.firstWindowCells, limits.cellsPerRequest) / sheetCount));
  const cols = Math.max(1, Math.min(limits.firstWindowColumns, perSheet));
  const rows = Math.max(1, Math.floor(perSheet / cols));
  ws.load('id,name');
  // Anchored at A1, so row r and column c of the grid are the sheet's; an empty sheet's used range is A1.
  const bounds = ws.getUsedRange(true).getBoundingRect('A1');
  bounds.load('rowCount,columnCount');
  const head = bounds.getIntersection(`A1:${columnLetters(cols - 1)}${rows}`);
  head.load('values,numberFormat,rowCount,columnCount');
  let merged: Excel.RangeAreas | null = null;
  if (merges) {
    // The used range with formats holds every merged area whole (values alone may stop short of a merge's end).
    merged = ws.getUsedRange(false).getMergedAreasOrNullObject();
    merged.load('address');
  }
  return { ws, bounds, head, merged };
}

/** Reads what the first window did not cover, in row chunks (one sync each), and builds the grid. */
async function readRest(context: Excel.RequestContext, h: HeadRead, limits: ReadLimits): Promise<Grid> {
  const totalRows = h.bounds.rowCount;
  const totalCols = h.bounds.columnCount;
  const rows: CellValue[][] = [];
  const place = (values: unknown[][], formats: unknown[][] | undefined, top: number, left: number): void => {
    for (let r = 0; r < values.length; r++) {
      const source = values[r]!;
      const fsource = formats?.[r];
      const row = (rows[top + r] ??= []);
      for (let c = 0; c < source.length; c++) {
        const f = fsource?.[c];
        row[left + c] = cellFromExcel(source[c], typeof f === 'string' ? f : undefined);
      }
    }
  };
  const headValues = h.head.values;
  const headFormats = h.head.numberFormat;
  place(headValues, headFormats, 0, 0);
  const headRows = h.head.rowCount;
  const headCols = h.head.columnCount;
  const cells = Math.max(1, headRows * headCols);
  const bytesPerCell = Math.max(8, payloadBytes(headValues, headFormats) / cells);

  const regions: Array<{ top: number; left: number; rows: number; cols: number }> = [];
  if (totalCols > headCols) regions.push({ top: 0, left: headCols, rows: headRows, cols: totalCols - headCols });
  if (totalRows > headRows) regions.push({ top: headRows, left: 0, rows: totalRows - headRows, cols: totalCols });
  if (regions.length > 0) {
    const ws = context.workbook.worksheets.getItem(h.ws.id);
    for (const region of regions) {
      const byCells = limits.cellsPerRequest / region.cols;
      const byBytes = limits.textBytesPerRequest / (bytesPerCell * region.cols);
      const step = Math.max(1, Math.floor(Math.min(byCells, byBytes)));
      for (let r = 0; r < region.rows; r += step) {
        const n = Math.min(step, region.rows - r);
        const chunk = ws.getRangeByIndexes(region.top + r, region.left, n, region.cols);
        chunk.load('values,numberFormat');
        await context.sync();
        place(chunk.values, chunk.numberFormat, region.top + r, region.left);
      }
    }
  }

  // Grids are ragged like `readXlsx`'s: no trailing empty cells, no trailing empty rows.
  for (let r = 0; r < rows.length; r++) {
    const row = (rows[r] ??= []);
    for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = null;
    while (row.length > 0 && row[row.length - 1] === null) row.pop();
  }
  while (rows.length > 0 && rows[rows.length - 1]!.length === 0) rows.pop();
  const merges = h.merged && !h.merged.isNullObject ? areasFromAddress(h.merged.address) : [];
  return { name: h.ws.name, rows, merges };
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

/**
 * One cell's new value. `null` clears the value only (formats, notes stay). Text that Excel would not keep as typed
 * (`=cmd`, `+1`, `-2`, `@x`, `'x`, `4.2`, `март 2021`, see `needsTextFormat`) gets the text number format `@` first,
 * in the same batch, so it is stored as that text and never runs as a formula. A date is written as its serial
 * number under `dd.mm.yyyy`.
 */
function writeValue(range: Excel.Range, value: CellValue): void {
  if (value === null) {
    range.clear('Contents');
    return;
  }
  if (value instanceof Date) {
    range.numberFormat = [[DATE_FORMAT]];
    range.values = [[dateToSerial(value)]];
    return;
  }
  if (typeof value === 'string' && needsTextFormat(value)) range.numberFormat = [['@']];
  range.values = [[value]];
}

/** Thin borders around and between every cell of the range. */
function drawGrid(range: Excel.Range): void {
  for (const edge of BORDER_EDGES) {
    const border = range.format.borders.getItem(edge);
    border.style = 'Continuous';
    border.weight = 'Thin';
  }
}

function ourComments(snapshot: HighlightSnapshot | null): Set<string> {
  const ids = new Set<string>();
  for (const c of snapshot?.cells ?? []) if (c.mark.kind === 'comment' && c.mark.id) ids.add(c.mark.id);
  return ids;
}
