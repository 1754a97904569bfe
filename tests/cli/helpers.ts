/** Running the real `svod` binary and checking what it prints. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const CLI = join(ROOT, 'cli', 'bin', 'svod.cjs');
/** Seed paths as a user types them from the repository root: the JSON `file` field must echo them unchanged. */
export const SEED = (name: string) => join('tests', 'fixtures', 'seeds', name);
export const SEEDS = [
  'seed-000-kamchatka.xlsx',
  'seed-001-kirov.xlsx',
  'seed-002-lazo.xlsx',
  'seed-003-ilansky.xlsx',
  'seed-004-zabaikalsky.xlsx',
].map(SEED);

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `node cli/bin/svod.cjs ...args` from the repository root, without colours, with a timeout. */
export function svod(args: readonly string[], options: { cwd?: string } = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  if (r.error) throw r.error; // a timeout or a failed spawn is the test's failure, not svod's
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A Node stack frame line (`    at fn (file:1:2)`); svod must never print one. */
export const STACK_LINE = /^ {4}at \S/m;

/** Every non-empty line the user sees is Russian or a path/summary: at least one Cyrillic letter somewhere. */
export const CYRILLIC = /[А-Яа-яЁё]/;

// ---- The JSON report (the contract of the issue) ----

export interface JsonDiagnostic {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  cell: string;
  message: string;
}
export interface JsonTable {
  kind: 'roadmap' | 'indicators' | 'glossary' | 'results';
  range: string;
  period?: { from: number; to: number };
}
export interface JsonSheet {
  name: string;
  tables: JsonTable[];
  diagnostics: JsonDiagnostic[];
}
export interface JsonFile {
  file: string;
  sheets: JsonSheet[];
  error?: string;
  /** The lists were cut at maxDiagnostics. */
  partial?: true;
}
export interface JsonReport {
  files: JsonFile[];
  summary: { errors: number; warnings: number; infos: number };
}

const KINDS = ['roadmap', 'indicators', 'glossary', 'results'];
const SEVERITIES = ['error', 'warning', 'info'];
const A1 = /^[A-Z]{1,3}[1-9]\d*$/;
const RANGE = /^[A-Z]{1,3}[1-9]\d*:[A-Z]{1,3}[1-9]\d*$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;

/**
 * Checks the documented shape strictly (every documented field present with its exact type and value set; extra
 * fields allowed) and returns the problems as readable paths, so a failing test says where the contract broke.
 */
export function shapeProblems(json: unknown, knownRules: readonly string[]): string[] {
  const problems: string[] = [];
  const bad = (path: string, what: string) => problems.push(`${path}: ${what}`);
  if (!isObject(json)) return ['root: not an object'];
  if (!Array.isArray(json.files)) bad('files', 'not an array');
  if (!isObject(json.summary)) bad('summary', 'not an object');
  else for (const k of ['errors', 'warnings', 'infos']) if (!isCount(json.summary[k])) bad(`summary.${k}`, `not a count: ${JSON.stringify(json.summary[k])}`);
  const counted = { errors: 0, warnings: 0, infos: 0 };
  (Array.isArray(json.files) ? json.files : []).forEach((f: unknown, i: number) => {
    const fp = `files[${i}]`;
    if (!isObject(f)) return bad(fp, 'not an object');
    if (typeof f.file !== 'string' || f.file === '') bad(`${fp}.file`, 'not a non-empty string');
    if (!Array.isArray(f.sheets)) return bad(`${fp}.sheets`, 'not an array');
    f.sheets.forEach((s: unknown, j: number) => {
      const sp = `${fp}.sheets[${j}]`;
      if (!isObject(s)) return bad(sp, 'not an object');
      if (typeof s.name !== 'string' || s.name === '') bad(`${sp}.name`, 'not a non-empty string');
      if (!Array.isArray(s.tables)) bad(`${sp}.tables`, 'not an array');
      else
        s.tables.forEach((t: unknown, k: number) => {
          const tp = `${sp}.tables[${k}]`;
          if (!isObject(t)) return bad(tp, 'not an object');
          if (!KINDS.includes(t.kind as string)) bad(`${tp}.kind`, JSON.stringify(t.kind));
          if (typeof t.range !== 'string' || !RANGE.test(t.range)) bad(`${tp}.range`, JSON.stringify(t.range));
          if ('period' in t) {
            const p = t.period;
            if (!isObject(p) || !Number.isInteger(p.from) || !Number.isInteger(p.to) || (p.from as number) > (p.to as number) || (p.from as number) < 1990 || (p.to as number) > 2100) {
              bad(`${tp}.period`, `present but not {from, to} years: ${JSON.stringify(p)}`);
            }
          }
        });
      if (!Array.isArray(s.diagnostics)) bad(`${sp}.diagnostics`, 'not an array');
      else
        s.diagnostics.forEach((d: unknown, k: number) => {
          const dp = `${sp}.diagnostics[${k}]`;
          if (!isObject(d)) return bad(dp, 'not an object');
          if (typeof d.ruleId !== 'string' || !knownRules.includes(d.ruleId)) bad(`${dp}.ruleId`, JSON.stringify(d.ruleId));
          if (!SEVERITIES.includes(d.severity as string)) bad(`${dp}.severity`, JSON.stringify(d.severity));
          else counted[d.severity === 'error' ? 'errors' : d.severity === 'warning' ? 'warnings' : 'infos']++;
          if (typeof d.cell !== 'string' || !A1.test(d.cell)) bad(`${dp}.cell`, JSON.stringify(d.cell));
          if (typeof d.message !== 'string' || !CYRILLIC.test(d.message)) bad(`${dp}.message`, `not a Russian sentence: ${JSON.stringify(d.message)}`);
        });
    });
  });
  // A file cut at maxDiagnostics lists fewer diagnostics than the summary counts, never more.
  const partial = (Array.isArray(json.files) ? json.files : []).some((f: unknown) => isObject(f) && f.partial === true);
  if (isObject(json.summary)) {
    for (const k of ['errors', 'warnings', 'infos'] as const) {
      const n = json.summary[k] as number;
      if (partial ? !(n >= counted[k]) : n !== counted[k]) bad(`summary.${k}`, `${JSON.stringify(n)} but the diagnostics hold ${counted[k]}`);
    }
  }
  return problems;
}

/** `ruleId Sheet!A1` for every diagnostic of one file, as the seeds' tests spell them. */
export function found(file: JsonFile): string[] {
  return file.sheets.flatMap((s) => s.diagnostics.map((d) => `${d.ruleId} ${s.name}!${d.cell}`));
}

export function diagnosticAt(file: JsonFile, sheet: string, cell: string, ruleId: string): JsonDiagnostic | undefined {
  return file.sheets.find((s) => s.name === sheet)?.diagnostics.find((d) => d.cell === cell && d.ruleId === ruleId);
}

export function countRule(file: JsonFile, ruleId: string): number {
  return file.sheets.reduce((n, s) => n + s.diagnostics.filter((d) => d.ruleId === ruleId).length, 0);
}

/** The Russian summary line for these counts (plural forms: 1 ошибка, 2 ошибки, 5 ошибок, 11 ошибок, 21 ошибка). */
export function expectedSummaryLine(s: JsonReport['summary']): string {
  const form = (n: number, forms: [string, string, string]) => {
    const m10 = n % 10;
    const m100 = n % 100;
    const f = m10 === 1 && m100 !== 11 ? forms[0] : m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14) ? forms[1] : forms[2];
    return `${n} ${f}`;
  };
  return `Итого: ${form(s.errors, ['ошибка', 'ошибки', 'ошибок'])}, ${form(s.warnings, ['предупреждение', 'предупреждения', 'предупреждений'])}, ${form(s.infos, ['замечание', 'замечания', 'замечаний'])}.`;
}

// ---- CSV bytes ----

/**
 * Windows-1251 by hand (iconv-lite is not installed): ASCII, А–я, Ё/ё, № and the dashes and quotes Russian Excel
 * writes. Throws on anything else so a test cannot silently write `?`.
 */
export function encodeWindows1251(text: string): Buffer {
  const special: Record<string, number> = { Ё: 0xa8, ё: 0xb8, '№': 0xb9, '–': 0x96, '—': 0x97, '«': 0xab, '»': 0xbb, '\u00a0': 0xa0 };
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (code >= 0x410 && code <= 0x44f) bytes.push(code - 0x410 + 0xc0);
    else if (special[ch] !== undefined) bytes.push(special[ch]!);
    else throw new Error(`no Windows-1251 byte for ${JSON.stringify(ch)}`);
  }
  return Buffer.from(bytes);
}

/** Semicolon CSV as Russian Excel saves it: CRLF, fields with `;`, `"` or line breaks quoted. */
export function csvText(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const field = (f: string) => (/[;"\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
  return rows.map((r) => r.map(field).join(';')).join('\r\n') + '\r\n';
}
