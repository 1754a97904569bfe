/**
 * An in-page fake `HostPort` for the pane's browser test: a workbook held as grids (a seed xlsx read in Node and
 * passed as JSON), every call recorded. It stands in for Office.js entirely; the Office.js port has its own tests over
 * a fake Excel API, which this harness does not use.
 */
import type { CellEdit, CellRange, CellValue, Diagnostic, Grid, GridWorkbook } from '@svod/shared';
import type { HostPort, SheetsRead, TemplateOptions } from '../../../addin/src/host/port';

/** A cell as JSON: dates travel as `{ "$date": ISO }`. */
export type SeedCell = string | number | boolean | null | { $date: string };

export interface SeedWorkbook {
  active: string;
  sheets: Array<{ name: string; rows: SeedCell[][]; merges: CellRange[] }>;
}

export type FakeCall =
  | { method: 'readSheets'; scope: 'active' | 'all' }
  | { method: 'select'; sheet: string; cell: string }
  | { method: 'highlight'; cells: string[] }
  | { method: 'clearHighlight' }
  | { method: 'applyEdits'; edits: CellEdit[] }
  | { method: 'insertTemplate'; options: TemplateOptions }
  | { method: 'insertWorkbook'; length: number; head: string; base64: string }
  | { method: 'onChange' }
  | { method: 'offChange' };

export interface FakeExcel {
  port: HostPort;
  calls: FakeCall[];
  /** A user typing or pasting into a cell: changes the grid and fires the change listeners. */
  edit(sheet: string, cell: string, value: CellValue): void;
  value(sheet: string, cell: string): CellValue;
  sheetNames(): string[];
}

export function seedCell(value: CellValue): SeedCell {
  return value instanceof Date ? { $date: value.toISOString() } : value;
}

function reviveCell(value: SeedCell): CellValue {
  return value !== null && typeof value === 'object' ? new Date(value.$date) : value;
}

function parseA1(a1: string): { row: number; col: number } | null {
  const m = /^([A-Z]{1,3})(\d+)$/.exec(a1);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

function copyGrid(g: Grid): Grid {
  return { name: g.name, rows: g.rows.map((r) => r.slice()), merges: (g.merges ?? []).map((m) => ({ ...m })) };
}

export function createFakeExcel(seed: SeedWorkbook): FakeExcel {
  const sheets: Grid[] = seed.sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => r.map(reviveCell)), merges: s.merges }));
  let active = seed.active;
  const calls: FakeCall[] = [];
  const listeners = new Set<() => void>();
  const notify = () => queueMicrotask(() => listeners.forEach((l) => l()));

  const write = (sheet: string, cell: string, value: CellValue) => {
    const grid = sheets.find((g) => g.name === sheet);
    const ref = parseA1(cell);
    if (!grid || !ref) throw new Error(`Нет ячейки ${cell} на листе «${sheet}».`);
    while (grid.rows.length <= ref.row) grid.rows.push([]);
    const row = grid.rows[ref.row]!;
    while (row.length <= ref.col) row.push(null);
    row[ref.col] = value;
  };

  const port: HostPort = {
    capabilities: { hostName: 'Excel', changes: 'events', insertWorkbookUnavailable: null },
    async readSheets(scope) {
      calls.push({ method: 'readSheets', scope });
      const chosen = scope === 'all' ? sheets : sheets.filter((g) => g.name === active);
      const read: SheetsRead = { active, sheets: chosen.map(copyGrid) };
      return read;
    },
    async select(sheet, cell) {
      calls.push({ method: 'select', sheet, cell });
      active = sheet;
    },
    async highlight(diagnostics: readonly Diagnostic[]) {
      calls.push({ method: 'highlight', cells: diagnostics.map((d) => `${d.sheet}!${d.cell}`) });
    },
    async clearHighlight() {
      calls.push({ method: 'clearHighlight' });
    },
    async applyEdits(edits) {
      calls.push({ method: 'applyEdits', edits: edits.map((e) => ({ ...e })) });
      for (const e of edits) write(e.sheet, e.cell, e.value);
      if (edits.length) notify();
    },
    async insertTemplate(options) {
      calls.push({ method: 'insertTemplate', options });
      const base = options.kind === 'roadmap' ? 'Дорожная карта' : 'Целевые показатели';
      let name = base;
      for (let i = 2; sheets.some((g) => g.name === name); i++) name = `${base} (${i})`;
      sheets.push({ name, rows: [], merges: [] });
      return name;
    },
    async insertWorkbook(base64) {
      calls.push({ method: 'insertWorkbook', length: base64.length, head: base64.slice(0, 8), base64 });
      return ['Свод показателей', 'Дорожные карты', 'Статус'];
    },
    async onChange(listener) {
      calls.push({ method: 'onChange' });
      listeners.add(listener);
      return async () => {
        calls.push({ method: 'offChange' });
        listeners.delete(listener);
      };
    },
  };

  return {
    port,
    calls,
    edit(sheet, cell, value) {
      write(sheet, cell, value);
      notify();
    },
    value(sheet, cell) {
      const ref = parseA1(cell);
      const grid = sheets.find((g) => g.name === sheet);
      return ref && grid ? (grid.rows[ref.row]?.[ref.col] ?? null) : null;
    },
    sheetNames: () => sheets.map((g) => g.name),
  };
}

/** The workbook a seed describes, as the core sees it (for the test's own expectations in Node). */
export function seedWorkbook(seed: SeedWorkbook): GridWorkbook {
  return { sheets: seed.sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => r.map(reviveCell)), merges: s.merges })) };
}
