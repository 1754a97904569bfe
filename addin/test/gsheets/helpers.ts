/**
 * Set-up of the Sheets add-on tests: the fake Apps Script over a seed workbook, the server functions, and a
 * `google.script.run` stand-in that sends arguments and results through JSON (as Google does: no `Date`, no class
 * instances), counting the round trips. The sidebar's real port and bridges run over it.
 */
import { join } from 'node:path';
import * as server from '../../gsheets/server/main';
import { SERVER_FUNCTIONS, type ServerFunctionName } from '../../gsheets/shared/wire';
import type { Remote } from '../../gsheets/sidebar/gas';
import { createSheetsPort, type SheetsPortOptions } from '../../gsheets/sidebar/sheets-port';
import type { HostPort } from '../../src/host/port';
import { FakeBook, installAppsScript, type FakeSheetInit, type InstalledAppsScript } from './fake';

export const SEEDS = join(__dirname, '../../../tests/fixtures/seeds');
export const seed = (name: string): string => join(SEEDS, name);

export interface Setup {
  book: FakeBook;
  remote: Remote;
  port: HostPort;
  /** `google.script.run` calls so far, by function name. */
  runs: ServerFunctionName[];
  /** Runs `fn`; returns its result, the round trips it made and the Sheets calls behind them. */
  measure<T>(fn: () => Promise<T>): Promise<{ result: T; runs: ServerFunctionName[]; calls: string[]; sheets: number }>;
}

let installed: InstalledAppsScript | null = null;

export function uninstall(): void {
  installed?.uninstall();
  installed = null;
}

export const BUILD = { serverUrl: 'https://svod.example.ru/', allowedPrefixes: [] as string[] };

export function setupBook(book: FakeBook, options: SheetsPortOptions & { build?: typeof BUILD } = {}): Setup {
  uninstall();
  installed = installAppsScript(book, options.build ?? BUILD);
  const runs: ServerFunctionName[] = [];
  const remote = {} as Record<ServerFunctionName, (...args: unknown[]) => Promise<unknown>>;
  for (const name of SERVER_FUNCTIONS) {
    remote[name] = async (...args: unknown[]) => {
      runs.push(name);
      const wireArgs = JSON.parse(JSON.stringify(args)) as unknown[];
      const result = (server[name] as (...a: unknown[]) => unknown)(...wireArgs);
      return result === undefined ? null : JSON.parse(JSON.stringify(result));
    };
  }
  const typed = remote as unknown as Remote;
  const port = createSheetsPort(typed, options);
  return {
    book,
    remote: typed,
    port,
    runs,
    async measure(fn) {
      const fromRuns = runs.length;
      const fromCalls = book.calls.length;
      const result = await fn();
      const calls = book.calls.slice(fromCalls);
      return { result, runs: runs.slice(fromRuns), calls, sheets: calls.filter((c) => /^(?:SpreadsheetApp|Spreadsheet|Sheet|Range|RangeList)\./.test(c)).length };
    },
  };
}

export async function setupSeed(file: string, active?: string, options: SheetsPortOptions & { build?: typeof BUILD } = {}): Promise<Setup> {
  return setupBook(await FakeBook.fromXlsx(seed(file), active), options);
}

export function setupSheets(sheets: FakeSheetInit[], active?: string): Setup {
  return setupBook(new FakeBook(sheets, active));
}

/** How many times each call name occurs. */
export function tally(calls: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of calls) out[c] = (out[c] ?? 0) + 1;
  return out;
}
