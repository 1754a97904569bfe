/** Shared set-up of the adapter tests: the fake Excel over a workbook, the port, and sync counting. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Grid } from '@svod/shared';
import { readXlsx } from '@svod/shared/xlsx';
import { FakeWorkbook, installFakeOffice, type FakeSheetInit, type FakeWorkbookOptions, type InstalledFakeOffice } from '../../../tests/fakes/excel';
import { loadFakeWorkbook } from '../../../tests/fakes/load';
import { decodeXlsxBase64 } from '../../../tests/fakes/xlsx';
import { createExcelPort, type ExcelPortOptions } from '../../src/office/excel-port';
import type { HostPort } from '../../src/host/port';

export const SEEDS = join(__dirname, '../../../tests/fixtures/seeds');
export const seed = (name: string): string => join(SEEDS, name);

export interface Setup {
  workbook: FakeWorkbook;
  port: HostPort;
  office: InstalledFakeOffice;
  /** Runs `fn` and reports the syncs it made: total, reads (no writes) and writes. */
  count<T>(fn: () => Promise<T>): Promise<{ result: T; total: number; reads: number; writes: number; cells: number[] }>;
}

let installed: InstalledFakeOffice | null = null;

export function uninstall(): void {
  installed?.uninstall();
  installed = null;
}

export function setupWorkbook(workbook: FakeWorkbook, options: ExcelPortOptions = {}): Setup {
  uninstall();
  const office = (installed = installFakeOffice(workbook));
  const port = createExcelPort({ writeSettleMs: 20, ...options });
  return {
    workbook,
    port,
    office,
    async count(fn) {
      const from = workbook.syncs.length;
      const result = await fn();
      const s = workbook.syncsSince(from);
      return { result, total: s.total, reads: s.reads, writes: s.writes, cells: s.records.map((r) => r.cells) };
    },
  };
}

export function setupSheets(sheets: FakeSheetInit[], options: ExcelPortOptions & FakeWorkbookOptions = {}): Setup {
  return setupWorkbook(new FakeWorkbook(sheets, { decodeXlsx: decodeXlsxBase64, ...options }), options);
}

export async function setupSeed(file: string, options: ExcelPortOptions & FakeWorkbookOptions = {}): Promise<Setup> {
  return setupWorkbook(await loadFakeWorkbook(seed(file), options), options);
}

export async function xlsxGrids(file: string): Promise<Grid[]> {
  return (await readXlsx(readFileSync(seed(file)))).grids.sheets;
}

/**
 * Grids compared as data: merges in a stable order, and rows without trailing empty cells (grids are ragged and a
 * missing cell is empty; ExcelJS pads a row up to the end of a merge it crosses, Excel reports nothing there).
 */
export function normalized(grid: Grid): Grid {
  const merges = [...(grid.merges ?? [])].sort((a, b) => a.top - b.top || a.left - b.left);
  const rows = grid.rows.map((row) => {
    const out = [...row];
    while (out.length > 0 && out[out.length - 1] === null) out.pop();
    return out;
  });
  return { name: grid.name, rows, merges };
}

/** Waits for timers (event delivery, the port's write-settle window). */
export function settle(ms = 60): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
