/**
 * `HostPort` over the Apps Script server functions: each method is one `google.script.run` call (`Remote`), the
 * planning (marks, templates, text safety) shared with Excel. Автопроверка polls a fingerprint of the active sheet:
 * a sidebar receives no edit events, and an installable `onEdit` runs on Google's side and cannot reach the sidebar.
 */
import { marksFor } from '../../src/host/highlight';
import { POLL_INTERVAL_MS } from '../../src/host/polling';
import type { HostCapabilities, HostPort, SheetsRead } from '../../src/host/port';
import { parseRangeA1, type CellRange, type Diagnostic } from '@svod/shared';
import { fromWire, toWire, type WireRead } from '../shared/wire';
import type { Remote } from './gas';

export const SHEETS_CAPABILITIES: HostCapabilities = {
  hostName: 'Google Таблицы',
  changes: 'polling',
  insertWorkbookUnavailable:
    'В Google Таблицах нельзя вставить листы из книги Excel. Откройте в браузере панель координатора на сервере Svod (адрес сервера, страница /dashboard/), нажмите «Скачать региональную книгу» и откройте файл в Excel или загрузите его на Google Диск.',
};

export interface SheetsPortOptions {
  pollMs?: number;
  timers?: Pick<typeof globalThis, 'setInterval' | 'clearInterval'>;
  /** True while the sidebar is not visible: no polling then. */
  hidden?: () => boolean;
  /** The document's Svod settings as the page arrived with them (`SidebarBoot.document`): read without a call. */
  documentSettings?: Record<string, string>;
}

export function revive(read: WireRead): SheetsRead {
  return {
    active: read.active,
    sheets: read.sheets.map((g) => ({
      name: g.name,
      rows: g.rows.map((row) => row.map(fromWire)),
      merges: g.merges.map((m) => parseRangeA1(m.replace(/\$/g, ''))).filter((r): r is CellRange => r !== null),
    })),
  };
}

export function createSheetsPort(remote: Remote, options: SheetsPortOptions = {}): HostPort {
  const pollMs = options.pollMs ?? POLL_INTERVAL_MS;
  const timers = options.timers ?? globalThis;
  const hidden = options.hidden ?? (() => typeof document !== 'undefined' && document.visibilityState === 'hidden');
  /** The fingerprint the pane has seen (its own reads and writes are not «changes»). */
  let seen: string | null = null;
  /** The pane moved or wrote itself: the next poll only learns the new fingerprint. */
  let own = false;

  const documentValues = new Map(Object.entries(options.documentSettings ?? {}));

  return {
    capabilities: SHEETS_CAPABILITIES,
    documentSettings: {
      async get(key) {
        return documentValues.get(key) ?? null;
      },
      async set(key, value) {
        await remote.svodSaveDocumentSetting(key, value);
        if (value === null) documentValues.delete(key);
        else documentValues.set(key, value);
      },
    },
    async readSheets(scope) {
      const read = await remote.svodRead(scope);
      seen = read.fingerprint;
      own = false;
      return revive(read);
    },
    async select(sheet, cell) {
      own = true;
      await remote.svodSelect(sheet, cell);
    },
    async highlight(diagnostics: readonly Diagnostic[]) {
      await remote.svodHighlight(marksFor(diagnostics));
    },
    async clearHighlight() {
      await remote.svodClearHighlight();
    },
    async applyEdits(edits) {
      if (edits.length === 0) return;
      own = true;
      await remote.svodApplyEdits(edits.map((e) => ({ sheet: e.sheet, cell: e.cell, value: toWire(e.value) })));
    },
    async insertTemplate(options) {
      own = true;
      return remote.svodInsertTemplate(options);
    },
    async insertWorkbook() {
      throw new Error(SHEETS_CAPABILITIES.insertWorkbookUnavailable!);
    },
    async onChange(listener) {
      let alive = true;
      let polling = false;
      const tick = async () => {
        if (!alive || polling || hidden()) return;
        polling = true;
        try {
          const now = await remote.svodFingerprint();
          if (!alive) return;
          const changed = seen !== null && !own && now !== seen;
          seen = now;
          own = false;
          if (changed) listener();
        } catch {
          // A missed poll is retried at the next tick; the pane's own calls report failures.
        } finally {
          polling = false;
        }
      };
      const handle = timers.setInterval(() => void tick(), pollMs);
      return async () => {
        alive = false;
        timers.clearInterval(handle);
      };
    },
  };
}
