/// <reference lib="dom" />
/**
 * The second pane harness's script: the typed fake of the Office.js Excel API (`tests/fakes/excel.ts`) installed as
 * `Excel` / `Office` over a seed workbook passed as JSON (`window.__svodExcelSeed`), before the built pane runs. It
 * sets no `window.__svodPort`, so the pane takes its real path: `Office.onReady` → `createExcelPort()` over the fake.
 * `window.__svodExcel` lets the test read the fake workbook (values, fills, notes, selection) and count its syncs.
 */
import { FakeWorkbook, a1, installFakeOffice, parseAddress, type FakeFill, type FakeScalar, type FakeSheetInit } from '../../fakes/excel';

/** A cell as JSON: dates travel as `{ "$date": ISO }`. */
export type SeedCell = FakeScalar | null | { $date: string };

export interface ExcelSeed {
  active: string;
  sheets: Array<Omit<FakeSheetInit, 'rows'> & { rows: SeedCell[][] }>;
}

export interface CellState {
  value: FakeScalar | null;
  fill: FakeFill | null;
  note: string | null;
}

export interface SyncCounts {
  total: number;
  reads: number;
  writes: number;
}

export interface ExcelProbe {
  /** Syncs so far (`context.sync` calls of every `Excel.run`). */
  syncs(): number;
  /** Syncs since `from`, split into read-only and writing ones. */
  syncsSince(from: number): SyncCounts;
  cell(sheet: string, address: string): CellState;
  /** Every cell of the sheet that has a fill, and every note: what a highlight changes. */
  marks(sheet: string): { fills: Record<string, FakeFill>; notes: Record<string, string>; comments: number };
  selection(): { sheet: string; address: string } | null;
  activeSheet(): string;
}

function revive(value: SeedCell): FakeScalar | Date | null {
  return value !== null && typeof value === 'object' ? new Date(value.$date) : value;
}

const w = window as unknown as { __svodExcelSeed: ExcelSeed; __svodExcel?: ExcelProbe };
const seed = w.__svodExcelSeed;
const workbook = new FakeWorkbook(
  seed.sheets.map((s) => ({ ...s, rows: s.rows.map((r) => r.map(revive)) })),
  { active: seed.active },
);
installFakeOffice(workbook);

const probe: ExcelProbe = {
  syncs: () => workbook.syncs.length,
  syncsSince(from) {
    const { total, reads, writes } = workbook.syncsSince(from);
    return { total, reads, writes };
  },
  cell(sheet, address) {
    const ws = workbook.sheet(sheet);
    const r = parseAddress(address);
    // `peek`, not `at`: reading must not create cells in the model.
    const c = ws.peek(r.top, r.left);
    return { value: c?.value ?? null, fill: c?.fill ? { ...c.fill } : null, note: ws.notes.get(a1(r.top, r.left)) ?? null };
  },
  marks(sheet) {
    const ws = workbook.sheet(sheet);
    const fills: Record<string, FakeFill> = {};
    for (const [key, c] of ws.cells) if (c.fill) fills[a1(Math.floor(key / 16_384), key % 16_384)] = { ...c.fill };
    return { fills, notes: Object.fromEntries(ws.notes), comments: ws.comments.size };
  },
  selection() {
    const s = workbook.selection;
    return s ? { sheet: workbook.sheet(s.sheetId).name, address: s.address } : null;
  },
  activeSheet: () => workbook.active.name,
};
w.__svodExcel = probe;

