/**
 * `HostPort` over Office.js: the Excel adapter, composed of one module per operation. Every Excel call of the add-in
 * is in this folder (and nowhere else); the decisions a second host needs too are pure, in `addin/src/host/`.
 *
 * Performance is round trips (`context.sync`); each module's header says what it costs:
 * - `read.ts` `readSheets`: one sync for any ordinary sheet (or all of them), row chunks of one sync each beyond.
 * - `highlight.ts` `highlight` / `clearHighlight`: one read and one write sync per batch of cells.
 * - `edits.ts` `applyEdits`, `select`: one sync each; text is never turned into a formula, number or date.
 * - `template.ts` `insertTemplate`: one read and one write. `workbook.ts` `insertWorkbook`: one sync.
 * - `events.ts` `onChange`: one sync to subscribe; the add-in's own writes are not reported (`writes.ts`).
 * - `settings.ts` `documentSettings`: no sync (Office's document settings, loaded with the workbook); a save is one
 *   `saveAsync`.
 */
import type { HostCapabilities, HostPort } from '../host/port';
import type { ReadLimits } from '../host/read-window';
import { applyEdits, selectCell } from './edits';
import { watchChanges } from './events';
import { Highlighter } from './highlight';
import { DEFAULT_LIMITS, SheetReader } from './read';
import { insertTemplate } from './template';
import { insertWorkbook } from './workbook';
import { createDocumentSettings } from './settings';
import { OwnWrites } from './writes';

export { DEFAULT_LIMITS } from './read';
export type { ReadLimits } from '../host/read-window';

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

const CAPABILITIES: HostCapabilities = { hostName: 'Excel', changes: 'events', insertWorkbookUnavailable: null };

export function createExcelPort(options: ExcelPortOptions = {}): HostPort {
  const writes = new OwnWrites(options.writeSettleMs ?? 500);
  const reader = new SheetReader({ ...DEFAULT_LIMITS, ...options.limits });
  const highlighter = new Highlighter(writes, Math.max(1, options.highlightCellsPerBatch ?? 4000));
  return {
    capabilities: { ...CAPABILITIES },
    documentSettings: createDocumentSettings(),
    readSheets: (scope) => reader.read(scope),
    select: (sheet, cell) => selectCell(writes, sheet, cell),
    highlight: (diagnostics) => highlighter.highlight(diagnostics),
    clearHighlight: () => highlighter.clear(),
    applyEdits: (edits) => applyEdits(writes, edits),
    insertTemplate: (templateOptions) => insertTemplate(writes, templateOptions),
    insertWorkbook: (base64Xlsx) => insertWorkbook(writes, base64Xlsx),
    onChange: (listener) => watchChanges(writes, listener),
  };
}
