/**
 * What travels between the sidebar and the Apps Script server functions (`google.script.run`). Only primitives,
 * arrays and plain objects cross that bridge (a `Date` does not), so dates travel as `{ "$date": ISO }`; the list of
 * server functions is typed once here, for the sidebar's calls, the build's global stubs and the built-folder check.
 */
import type { CellValue } from '@svod/shared';
import type { CellMark } from '../../src/host/highlight';
import type { TemplateOptions } from '../../src/host/port';

/** A cell on the wire: a date is its UTC wall-clock time (as `readXlsx` has it), ISO 8601. */
export type WireCell = string | number | boolean | null | { $date: string };

export interface WireGrid {
  name: string;
  rows: WireCell[][];
  /** Merged areas as A1 ranges (`A1:E1`). */
  merges: string[];
}

export interface WireRead {
  sheets: WireGrid[];
  active: string;
  /** The active sheet's change fingerprint as of this read (see `svodFingerprint`). */
  fingerprint: string;
}

export interface WireEdit {
  sheet: string;
  cell: string;
  value: WireCell;
}

/** One HTTP request of the sidebar's API client, made by `UrlFetchApp` on Google's side. */
export interface FetchRequest {
  url: string;
  method: 'get' | 'post' | 'put' | 'delete' | 'patch';
  headers: Record<string, string>;
  body?: string;
}

export interface FetchResult {
  status: number;
  headers: Record<string, string>;
  /** The body as text (JSON and text answers) … */
  text?: string;
  /** … or as base64 (the regional workbook). */
  base64?: string;
  /** Set when no answer came (no network, address not allowed): a Russian sentence for the official. */
  error?: string;
}

export type SidebarTab = 'check' | 'template' | 'send' | 'coordinator';

/** What the sidebar page gets with its HTML, before any call: the tab to open and the user's saved settings. */
export interface SidebarBoot {
  tab: SidebarTab;
  settings: Record<string, string>;
  /** The sync server the add-on was built for (its `urlFetchWhitelist`). */
  serverUrl: string;
  /** The document's own Svod settings (`DocumentSettingKey` → text): the remembered column mapping. */
  document?: Record<string, string>;
}

/** The server functions the sidebar calls, each one `google.script.run` round trip. */
export interface ServerFunctions {
  svodRead(scope: 'active' | 'all'): WireRead;
  svodSelect(sheet: string, cell: string): void;
  svodHighlight(marks: CellMark[]): void;
  svodClearHighlight(): void;
  svodApplyEdits(edits: WireEdit[]): void;
  svodInsertTemplate(options: TemplateOptions): string;
  svodFingerprint(): string;
  svodSaveSetting(key: string, value: string | null): void;
  svodSaveDocumentSetting(key: string, value: string | null): void;
  svodFetch(request: FetchRequest): FetchResult;
}

export type ServerFunctionName = keyof ServerFunctions;

/** Every name of `ServerFunctions`: the compiler checks this list is complete and exact. */
const NAMES: { [K in ServerFunctionName]: true } = {
  svodRead: true,
  svodSelect: true,
  svodHighlight: true,
  svodClearHighlight: true,
  svodApplyEdits: true,
  svodInsertTemplate: true,
  svodFingerprint: true,
  svodSaveSetting: true,
  svodSaveDocumentSetting: true,
  svodFetch: true,
};
export const SERVER_FUNCTIONS = Object.keys(NAMES) as ServerFunctionName[];

/** The menu's and the script editor's entry points (global functions too, but not called by the sidebar). */
export const ENTRY_FUNCTIONS = ['onOpen', 'onInstall', 'showSidebar', 'svodMenuCheck', 'svodMenuTemplate', 'svodMenuSend'] as const;

/** `Object.prototype.toString`, not `instanceof`: a Date made in another realm (Apps Script, a test's vm) is one. */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

export function toWire(value: CellValue | undefined): WireCell {
  if (value === undefined || value === null) return null;
  if (isDate(value)) return Number.isNaN(value.getTime()) ? null : { $date: value.toISOString() };
  return value;
}

export function fromWire(value: WireCell | undefined): CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'object') return new Date(value.$date);
  return value;
}
