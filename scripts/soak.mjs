#!/usr/bin/env node
// `npm run soak`: the long variants of the evidence suites (issue #8) through jest, one after another, with
// SVOD_SOAK=1, then one table of the figures they report. Not part of `npm test`.
//
// Convention: with SVOD_SOAK_REPORT naming a file, each suite appends one JSON line when it ends, e.g.
// {"suite":"crash","kills":200,"acknowledged":2400,"lost":0,"5xx":0}. Nested objects are shown flattened (a.b).
//
//   npm run soak                      every evidence suite that exists
//   npm run soak -- crash hostile     only the suites whose path contains one of the words
//   SVOD_SEED=123 npm run soak        repeat a seeded run (crash, storage faults)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const test = (p) => join(root, 'sync-server', 'test', p);

const hostileDir = test('hostile');
const candidates = [
  test('crash.test.ts'),
  test('storage-faults.test.ts'),
  test('backup-restore.test.ts'),
  test('concurrency.test.ts'),
  test('access-matrix.test.ts'),
  // PostgreSQL with real processes (issue #13): two servers on one database, kills and a database going away.
  test('postgres-processes.test.ts'),
  test('postgres-reliability.test.ts'),
  ...(existsSync(hostileDir) ? readdirSync(hostileDir).filter((n) => n.endsWith('.test.ts')).sort().map((n) => join(hostileDir, n)) : []),
  join(root, 'tests', 'cli', 'hostile.test.ts'),
];
const wanted = process.argv.slice(2);
const suites = candidates.filter((p) => existsSync(p)).filter((p) => !wanted.length || wanted.some((w) => relative(root, p).includes(w)));
if (!suites.length) {
  console.error(`Нет подходящих наборов тестов${wanted.length ? ` для «${wanted.join(' ')}»` : ''}.`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'svod-soak-'));
const report = join(work, 'figures.jsonl');
const started = Date.now();
console.log(`Soak: ${suites.length} suite(s), SVOD_SOAK=1, figures in ${report}`);
for (const s of suites) console.log(`  ${relative(root, s)}`);

// One suite at a time (--runInBand): the crash suite's kills and the others' RSS figures mean little on a machine the
// other suites keep busy.
const jest = spawnSync(process.execPath, [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--runInBand', '--testTimeout=3600000', ...suites], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SVOD_SOAK: '1', SVOD_SOAK_REPORT: report },
});
const seconds = Math.round((Date.now() - started) / 1000);

function flatten(obj, prefix = '', out = {}) {
  for (const [k, v] of Object.entries(obj)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v, `${prefix}${k}.`, out);
    else out[`${prefix}${k}`] = Array.isArray(v) ? v.join(' ') : v;
  }
  return out;
}

const lines = existsSync(report)
  ? readFileSync(report, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        try {
          return flatten(JSON.parse(l));
        } catch {
          return { suite: '(unreadable line)', line: l.slice(0, 80) };
        }
      })
  : [];

// The figures the issue's closing note asks for, first, under one name each; whatever else a suite reports after.
const headline = [
  ['kills', ['kills']],
  ['acknowledged', ['acknowledged', 'created']],
  ['lost', ['lost']],
  ['5xx', ['5xx']],
  ['faults injected', ['faultsInjected']],
  ['mutants tried', ['mutants']],
  ['crashes', ['crashes']],
  ['hangs', ['hangs']],
  ['peak RSS, MB', ['peakRssMb']],
  ['seconds', ['seconds']],
];
const pick = (line, keys) => keys.map((k) => line[k]).find((v) => v !== undefined);
for (const line of lines) if (line.seconds === undefined && typeof line.ms === 'number') line.seconds = Math.round(line.ms / 1000);
const rows = lines.map((line) => [String(line.suite ?? '?'), ...headline.map(([, keys]) => pick(line, keys) ?? '—').map(String)]);
const header = ['suite', ...headline.map(([name]) => name)];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const fmt = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');

console.log('');
console.log(`Soak figures (${seconds} s, jest exit ${jest.status ?? jest.signal})`);
console.log(fmt(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(fmt(r));
if (!rows.length) console.log('(no suite reported figures)');

const shown = new Set(['suite', 'ms', ...headline.flatMap(([, keys]) => keys)]);
for (const line of lines) {
  const rest = Object.entries(line).filter(([k]) => !shown.has(k));
  if (rest.length) console.log(`  ${line.suite}: ${rest.map(([k, v]) => `${k}=${v}`).join(', ')}`);
}

const bad = lines.filter((l) => Number(l.lost ?? 0) > 0 || Number(l['5xx'] ?? 0) > 0 || Number(l.crashes ?? 0) > 0 || Number(l.hangs ?? 0) > 0 || Number(l.stackTraces ?? 0) > 0);
const silent = suites.length - new Set(lines.map((l) => l.suite)).size;
if (silent > 0) console.log(`  (${silent} suite(s) reported no figures)`);
rmSync(work, { recursive: true, force: true });
process.exit(jest.status !== 0 ? jest.status || 1 : bad.length ? 1 : 0);
