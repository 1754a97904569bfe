/**
 * One Svod, three ways in: the same seed workbook read from Google Sheets (the Apps Script port over the fake), from
 * Excel (the Office.js port over the fake Excel) and by `svod check` (the CLI binary reading the xlsx file) gives the
 * same diagnostics: rule ids, sheets, cells, severities and messages.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { allDiagnostics, check } from '@svod/shared';
import { setupSeed as setupExcel, uninstall as uninstallExcel } from '../office/helpers';
import { seed, setupSeed as setupSheets, uninstall as uninstallSheets } from './helpers';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'cli', 'bin', 'svod.cjs');

interface Seen {
  sheet: string;
  ruleId: string;
  severity: string;
  cell: string;
  message: string;
}

const key = (d: Seen) => `${d.sheet}\u0000${d.cell}\u0000${d.ruleId}\u0000${d.message}`;
const sorted = (list: Seen[]) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
const seen = (list: ReadonlyArray<Seen>): Seen[] => sorted(list.map(({ sheet, ruleId, severity, cell, message }) => ({ sheet, ruleId, severity, cell, message })));

function cliDiagnostics(file: string): Seen[] {
  const run = spawnSync(process.execPath, [CLI, 'check', seed(file), '--format', 'json'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  const report = JSON.parse(run.stdout) as { files: Array<{ sheets: Array<{ name: string; diagnostics: Array<Omit<Seen, 'sheet'>> }> }> };
  return seen(report.files[0]!.sheets.flatMap((s) => s.diagnostics.map((d) => ({ ...d, sheet: s.name }))));
}

afterEach(() => {
  uninstallSheets();
  uninstallExcel();
});

describe('the same diagnostics from Google Sheets, Excel and svod check', () => {
  for (const file of ['seed-000-kamchatka.xlsx', 'seed-001-kirov.xlsx', 'seed-002-lazo.xlsx', 'seed-003-ilansky.xlsx', 'seed-004-zabaikalsky.xlsx']) {
    test(file, async () => {
      const sheets = await setupSheets(file);
      const fromSheets = seen(allDiagnostics(check(await sheets.port.readSheets('all'))));
      const excel = await setupExcel(file);
      const fromExcel = seen(allDiagnostics(check(await excel.port.readSheets('all'))));
      const fromCli = cliDiagnostics(file);
      expect(fromCli.length).toBeGreaterThan(0);
      expect(fromSheets).toEqual(fromCli);
      expect(fromExcel).toEqual(fromCli);
    });
  }
});
