/**
 * `npm run bench`: throughput of the validation core and the cost of `svod check` over a bare ExcelJS load.
 *
 *   core       cells/s of check() on grids already loaded (cells = table rows × table columns), median of 7 runs
 *              after a warm-up; target ≥ 2,000,000 cells/s.
 *   in-process (readXlsx + check) / ExcelJS load of the same bytes, median of 5 each, interleaved; target ≤ 1.2.
 *   process    wall time of `node cli/bin/svod.cjs check FILE --format json` / a node process that only loads FILE with
 *              ExcelJS, median of 5 each, interleaved; target ≤ 1.2.
 *
 * Prints a table with PASS/MISS and always exits 0: timing targets belong to benchmarks, not to tests.
 * The workbooks are generated from a fixed seed into bench/out/ (gitignored).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';
import ExcelJS from 'exceljs';
import { check, checkModel, parseRangeA1, readWorkbook, rules, type CheckReport, type GridWorkbook } from '@svod/shared';
import { readXlsx } from '@svod/shared/xlsx';
import { indicatorSheet, roadmapSheet, writeBenchXlsx } from './generate';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
const CLI = join(ROOT, 'cli', 'bin', 'svod.cjs');
const TARGET_CELLS_PER_SECOND = 2_000_000;
const TARGET_RATIO = 1.2;

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const now = () => performance.now();
const ms = (x: number) => `${x.toFixed(x < 100 ? 1 : 0)} ms`;
const int = (x: number) => Math.round(x).toLocaleString('en-US');

async function timeAsync(f: () => Promise<unknown>): Promise<number> {
  const t = now();
  await f();
  return now() - t;
}

function timeSync(f: () => unknown): number {
  const t = now();
  f();
  return now() - t;
}

/** Table cells the core looked at: rows × columns of every table it found. */
function tableCells(report: CheckReport): number {
  let cells = 0;
  for (const sheet of report.sheets) {
    for (const table of sheet.tables) {
      const r = parseRangeA1(table.range);
      if (r) cells += (r.bottom - r.top + 1) * (r.right - r.left + 1);
    }
  }
  return cells;
}

interface Row {
  what: string;
  file: string;
  value: string;
  target: string;
  /** null: the header row; 'info': a number without a target. */
  pass: boolean | null | 'info';
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const bench = [
    { name: 'roadmap-10k.xlsx', sheet: roadmapSheet(10_000) },
    { name: 'indicators-2k.xlsx', sheet: indicatorSheet(2_000) },
  ];
  const files: Array<{ name: string; path: string; bytes: Buffer; grids: GridWorkbook }> = [];
  for (const b of bench) {
    const path = join(OUT, b.name);
    writeFileSync(path, await writeBenchXlsx([b.sheet]));
    const bytes = readFileSync(path);
    // The grids exactly as the CLI sees them: through the ExcelJS adapter.
    const { grids } = await readXlsx(bytes);
    files.push({ name: b.name, path, bytes, grids });
  }
  // A node process that does nothing but load the file with ExcelJS: the floor for any xlsx tool.
  const loadOnly = join(OUT, 'load-only.cjs');
  writeFileSync(
    loadOnly,
    "const ExcelJS = require('exceljs');\nconst bytes = require('node:fs').readFileSync(process.argv[2]);\n" +
      'new ExcelJS.Workbook().xlsx.load(bytes).then((wb) => { if (!wb.worksheets.length) process.exitCode = 3; });\n',
  );

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`Svod benchmark — node ${process.version}, ${cpu} × ${cpus().length}`);
  for (const f of files) console.log(`  ${relative(ROOT, f.path)}: ${(statSync(f.path).size / 1024).toFixed(0)} KB`);
  console.log('');

  const rows: Row[] = [];
  const RUNS = 7;

  // 1. Core throughput on already loaded grids.
  let totalCells = 0;
  let totalMs = 0;
  const phases: string[] = [];
  for (const f of files) {
    check(f.grids);
    check(f.grids); // warm-up
    const times: number[] = [];
    let report!: CheckReport;
    for (let i = 0; i < RUNS; i++) times.push(timeSync(() => (report = check(f.grids))));
    const t = median(times);
    const cells = tableCells(report);
    totalCells += cells;
    totalMs += t;
    const rate = cells / (t / 1000);
    const s = report.summary;
    rows.push({
      what: 'core check() cells/s',
      file: f.name,
      value: `${int(rate)} (${int(cells)} cells, ${ms(t)}; ${s.errors}E/${s.warnings}W/${s.infos}I)`,
      target: `≥ ${int(TARGET_CELLS_PER_SECOND)}`,
      pass: rate >= TARGET_CELLS_PER_SECOND,
    });
    // Where the time goes: the table reader versus the rules (checkModel on a model read once).
    const readTimes: number[] = [];
    for (let i = 0; i < 5; i++) readTimes.push(timeSync(() => readWorkbook(f.grids)));
    const model = readWorkbook(f.grids);
    const ruleTimes: number[] = [];
    for (let i = 0; i < 5; i++) ruleTimes.push(timeSync(() => checkModel(model, {}, rules)));
    phases.push(`  ${f.name}: table reader (readWorkbook) ${ms(median(readTimes))}, rules (checkModel) ${ms(median(ruleTimes))}`);
  }
  const overall = totalCells / (totalMs / 1000);
  rows.push({ what: 'core check() cells/s', file: 'both', value: int(overall), target: `≥ ${int(TARGET_CELLS_PER_SECOND)}`, pass: overall >= TARGET_CELLS_PER_SECOND });

  // 2. In-process: readXlsx + check versus a bare ExcelJS load of the same bytes (interleaved, warm-up first).
  for (const f of files) {
    const svod = async () => check((await readXlsx(f.bytes)).grids);
    const adapter = () => readXlsx(f.bytes);
    const bare = () => new ExcelJS.Workbook().xlsx.load(f.bytes as unknown as ExcelJS.Buffer);
    await svod();
    await adapter();
    await bare();
    const a: number[] = [];
    const b: number[] = [];
    const c: number[] = [];
    for (let i = 0; i < 5; i++) {
      b.push(await timeAsync(bare));
      a.push(await timeAsync(svod));
      c.push(await timeAsync(adapter));
    }
    const ratio = median(a) / median(b);
    rows.push({
      what: 'in-process (readXlsx+check)/load',
      file: f.name,
      value: `${ratio.toFixed(2)} (${ms(median(a))} / ${ms(median(b))})`,
      target: `≤ ${TARGET_RATIO}`,
      pass: ratio <= TARGET_RATIO,
    });
    // The adapter alone (ExcelJS load + worksheet → grid): what is left for check() within the target.
    rows.push({
      what: 'in-process readXlsx only/load',
      file: f.name,
      value: `${(median(c) / median(b)).toFixed(2)} (${ms(median(c))} / ${ms(median(b))}; check() budget left ${ms(Math.max(0, TARGET_RATIO * median(b) - median(c)))})`,
      target: '(info)',
      pass: 'info',
    });
  }

  // 3. Whole processes: the real CLI versus node + ExcelJS load only.
  for (const f of files) {
    const run = (args: string[]) => {
      const t = now();
      const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 300_000 });
      const elapsed = now() - t;
      return { elapsed, status: r.status, stderr: r.stderr };
    };
    const cliArgs = [CLI, 'check', f.path, '--format', 'json'];
    const loadArgs = [loadOnly, f.path];
    const first = run(cliArgs);
    if (first.status !== 0 && first.status !== 1) {
      rows.push({ what: 'process svod check / node+load', file: f.name, value: `CLI failed (exit ${first.status}): ${first.stderr.trim().slice(0, 120)}`, target: `≤ ${TARGET_RATIO}`, pass: false });
      continue;
    }
    run(loadArgs);
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 5; i++) {
      b.push(run(loadArgs).elapsed);
      a.push(run(cliArgs).elapsed);
    }
    const ratio = median(a) / median(b);
    rows.push({
      what: 'process svod check / node+load',
      file: f.name,
      value: `${ratio.toFixed(2)} (${ms(median(a))} / ${ms(median(b))})`,
      target: `≤ ${TARGET_RATIO}`,
      pass: ratio <= TARGET_RATIO,
    });
  }

  const header: Row = { what: 'measurement', file: 'file', value: 'value', target: 'target', pass: null };
  const all = [header, ...rows];
  const w = {
    what: Math.max(...all.map((r) => r.what.length)),
    file: Math.max(...all.map((r) => r.file.length)),
    value: Math.max(...all.map((r) => r.value.length)),
    target: Math.max(...all.map((r) => r.target.length)),
  };
  const verdict = (p: Row['pass']) => (p === null ? 'result' : p === 'info' ? '      ' : p ? 'PASS  ' : 'MISS  ');
  const line = (r: Row) => `| ${r.what.padEnd(w.what)} | ${r.file.padEnd(w.file)} | ${r.value.padEnd(w.value)} | ${r.target.padEnd(w.target)} | ${verdict(r.pass)} |`;
  console.log(line(header));
  console.log(`|${'-'.repeat(w.what + 2)}|${'-'.repeat(w.file + 2)}|${'-'.repeat(w.value + 2)}|${'-'.repeat(w.target + 2)}|--------|`);
  for (const r of rows) console.log(line(r));
  console.log('');
  console.log('Core phases (median of 5):');
  for (const p of phases) console.log(p);
}

main()
  .catch((e) => {
    console.error('benchmark failed:', e);
  })
  .finally(() => {
    process.exitCode = 0;
  });
