/**
 * What the task pane needs from its spreadsheet host, as one interface: components receive a `HostPort` and never
 * know whether they run in Excel (the Office add-in API, `addin/src/office/`) or in Google Sheets (Apps Script, `addin/gsheets/`).
 * Each adapter plans its round trips (`context.sync` in Excel, `google.script.run` calls in Sheets) as few as it can;
 * tests give components a fake.
 */
import type { CellEdit, Diagnostic, GridWorkbook } from '@svod/shared';

export interface SheetsRead extends GridWorkbook {
  /** The name of the active worksheet. */
  active: string;
}

export interface TemplateOptions {
  kind: 'roadmap' | 'indicators';
  period: { from: number; to: number };
  /** Executors for the dropdown (from the workbook's glossary), if any. */
  executors: string[];
  /** Also add a «Сокращения» sheet when the workbook has none. */
  glossary: boolean;
}

/** What the host can and cannot do, so the pane says so instead of hiding a button silently. */
export interface HostCapabilities {
  /** The host's name as the pane writes it in Russian: «Excel», «Google Таблицы». */
  hostName: string;
  /**
   * How Автопроверка learns of edits: the host's change events (Excel's `onChanged`), or polling a cheap
   * fingerprint of the sheet (a Sheets sidebar receives no edit events).
   */
  changes: 'events' | 'polling';
  /** Why the regional workbook cannot be put into this document, or null when `insertWorkbook` works. */
  insertWorkbookUnavailable: string | null;
}

/** What the pane keeps in the document itself (travels with the workbook, shared by whoever opens it). */
export type DocumentSettingKey = 'columns';

/**
 * The document's own settings (Excel: the Office document settings; Google Sheets: the document's properties):
 * nothing secret goes there, tokens stay in the user's settings. Values are text (JSON), at most a few kilobytes.
 */
export interface DocumentSettings {
  get(key: DocumentSettingKey): Promise<string | null>;
  /** `null` removes the setting. */
  set(key: DocumentSettingKey, value: string | null): Promise<void>;
}

export interface HostPort {
  readonly capabilities: HostCapabilities;
  /** The document's settings; absent where the host keeps none (the pane then remembers for this session only). */
  readonly documentSettings?: DocumentSettings;
  /**
   * Reads the active sheet (or every sheet) as grids anchored at A1: values (formulas as their results), merged areas.
   * Large sheets are read in row chunks, still one `sync` per chunk.
   */
  readSheets(scope: 'active' | 'all'): Promise<SheetsRead>;
  /** Selects the cell and scrolls it into view. */
  select(sheet: string, cell: string): Promise<void>;
  /** Marks problem cells (fill by severity and a note with the message), remembering what was there before. */
  highlight(diagnostics: readonly Diagnostic[]): Promise<void>;
  /** Restores exactly the fills and notes that were there before `highlight`. */
  clearHighlight(): Promise<void>;
  /** Writes cell edits in one batch; text that starts with =, +, -, @ stays text, never a formula. */
  applyEdits(edits: readonly CellEdit[]): Promise<void>;
  /** Inserts a blank ministry-format sheet with dropdowns; returns the new sheet's name. */
  insertTemplate(options: TemplateOptions): Promise<string>;
  /** The coordinator's regional workbook as new sheets (`insertWorksheetsFromBase64`); returns their names. */
  insertWorkbook(base64Xlsx: string): Promise<string[]>;
  /** Calls `listener` when the sheet changes (for Автопроверка); returns an unsubscribe function. */
  onChange(listener: () => void): Promise<() => Promise<void>>;
}
