/**
 * `svod` end to end: the real binary (`node cli/bin/svod.cjs`, built once by scripts/build.mjs) over the seed workbooks
 * and hand-made CSV files. What is pinned is the contract of the issue: the commands, the exit codes 0/1/2, the Russian
 * text report, the JSON shape, configuration, `--fix --out` and CSV reading.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { ruleIds } from '@svod/shared';
import {
  CLI,
  countRule,
  csvText,
  CYRILLIC,
  diagnosticAt,
  encodeWindows1251,
  expectedSummaryLine,
  found,
  ROOT,
  SEED,
  SEEDS,
  shapeProblems,
  STACK_LINE,
  svod,
  type JsonFile,
  type JsonReport,
  type Run,
  type JsonSheet,
} from './helpers';

jest.setTimeout(120_000);

const KIROV = SEED('seed-001-kirov.xlsx');
const LAZO = SEED('seed-002-lazo.xlsx');
const ILANSKY = SEED('seed-003-ilansky.xlsx');
const ZABAIKALSKY = SEED('seed-004-zabaikalsky.xlsx');

let tmp: string;

beforeAll(() => {
  // Built once for all suites by jest's globalSetup (scripts/jest-global-setup.cjs).
  expect(existsSync(join(ROOT, 'cli', 'dist', 'svod.cjs'))).toBe(true);
  tmp = mkdtempSync(join(tmpdir(), 'svod-cli-'));
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** A fresh directory per test: automatic svod.config.json lookups must not see each other's files. */
function dir(name: string): string {
  const d = join(tmp, name);
  mkdirSync(d, { recursive: true });
  return d;
}

function noStack(r: Run): void {
  expect(r.stdout).not.toMatch(STACK_LINE);
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(r.stderr).not.toMatch(/\b(TypeError|ReferenceError|SyntaxError|Error):/);
}

function json(r: Run): JsonReport {
  noStack(r);
  return JSON.parse(r.stdout) as JsonReport;
}

function checkJson(files: string[], extra: string[] = [], cwd?: string): { run: Run; report: JsonReport } {
  const run = svod(['check', ...files, '--format', 'json', ...extra], cwd ? { cwd } : {});
  return { run, report: json(run) };
}

/** Diagnostic lines of the text report with the file, sheet and table they are grouped under. */
interface TextLine {
  file: string;
  sheet: string;
  table: string;
  cell: string;
  severity: string;
  ruleId: string;
  text: string;
  /** How many findings the line stands for: 1, or a folded group's count («21 ячейка: …»). */
  count: number;
  /** A folded group's cells as its second line names them (the first few). */
  cells?: string[];
}
function textLines(stdout: string): TextLine[] {
  const out: TextLine[] = [];
  let file = '';
  let sheet = '';
  let table = '';
  for (const line of stdout.split('\n')) {
    if (/^\S/.test(line) && !line.startsWith('Итого:') && !line.startsWith('Проверено файлов:')) [file, sheet, table] = [line, '', ''];
    const s = /^ {2}Лист «(.+)»(: таблиц не найдено)?$/.exec(line);
    if (s) [sheet, table] = [s[1]!, ''];
    const t = /^ {4}Таблица ([A-Z]+\d+:[A-Z]+\d+): /.exec(line);
    if (t) table = t[1]!;
    if (line === '    Вне таблиц') table = '';
    const d = /^ {6}([A-Z]+\d+) +(ошибка|предупреждение|замечание) +(.+) {2}\[([a-z-]+)\]/.exec(line);
    if (d) {
      const group = /^(\d+) (?:ячейка|ячейки|ячеек|раз|раза): (.+)$/.exec(d[3]!);
      out.push({ file, sheet, table, cell: d[1]!, severity: d[2]!, text: group ? group[2]! : d[3]!, ruleId: d[4]!, count: group ? Number(group[1]) : 1 });
      continue;
    }
    const cells = /^ {7,}([A-Z]+\d+(?:, [A-Z]+\d+)*)(?: и ещё \d+)?$/.exec(line);
    const last = out[out.length - 1];
    if (cells && last && last.count > 1) last.cells = cells[1]!.split(', ');
  }
  return out;
}

/** Findings per rule and sheet: what a folded text report and the JSON report must agree on. */
function tally(pairs: Array<{ ruleId: string; sheet: string; count: number }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of pairs) out[`${p.ruleId} ${p.sheet}`] = (out[`${p.ruleId} ${p.sheet}`] ?? 0) + p.count;
  return out;
}

describe('svod --help and svod rules', () => {
  it.each([['--help'], ['-h'], ['help'], ['check', '--help'], []])('`svod %s` prints the Russian usage and exits 0', (...args: string[]) => {
    const r = svod(args);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Использование:/);
    expect(r.stdout).toContain('svod check ФАЙЛ...');
    expect(r.stdout).toContain('--format text|json');
    expect(r.stdout).toContain('--fix --out');
    expect(r.stdout).toContain('svod rules');
    expect(r.stdout).toMatch(/0 — ошибок нет, 1 — есть ошибки, 2 — файл не прочитан/);
  });

  it('`svod rules` lists every rule id with its Russian severity and description', () => {
    const r = svod(['rules']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0]).sort()).toEqual([...ruleIds].sort());
    for (const line of lines) expect(line).toMatch(/^[a-z-]+\s+(ошибка|предупреждение|замечание)\s+\S.*[А-Яа-я]/);
  });

  it('`svod rules --format json` lists the same ids', () => {
    const r = svod(['rules', '--format', 'json']);
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout) as Array<{ id: string; severity: string }>;
    expect(list.map((x) => x.id).sort()).toEqual([...ruleIds].sort());
    for (const x of list) expect(['error', 'warning', 'info']).toContain(x.severity);
  });

  it('`svod rules` says how to fix each one (#11)', () => {
    const text = svod(['rules']).stdout;
    expect(text).toMatch(/^deadline-incomplete\s.*Как исправить: Допишите день, месяц и год: 15\.10\.2021\.$/m);
    const list = JSON.parse(svod(['rules', '--format', 'json']).stdout) as Array<{ id: string; howToFix: string }>;
    expect(list.find((x) => x.id === 'numbering-gap')!.howToFix).toBe('Перенумеруйте пункты или добавьте пропущенный пункт.');
    for (const x of list) expect(x.howToFix).toMatch(/^[А-ЯЁ«].*\.$/);
  });
});

describe('svod check: JSON report of the five seeds in one run', () => {
  let run: Run;
  let report: JsonReport;
  const file = (name: string): JsonFile => report.files.find((f) => f.file === SEED(name))!;

  beforeAll(() => {
    ({ run, report } = checkJson(SEEDS));
  });

  it('has the documented shape, strictly, and a summary that adds up', () => {
    expect(shapeProblems(report, ruleIds)).toEqual([]);
    expect(Object.keys(report).sort()).toEqual(['files', 'summary']);
  });

  it('echoes every file path as given, in order, without read errors', () => {
    expect(report.files.map((f) => f.file)).toEqual(SEEDS);
    for (const f of report.files) expect(f.error).toBeUndefined();
  });

  it('exits 1 because seed-001 has errors, and the summary is the total over the files', () => {
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    expect(report.summary.errors).toBeGreaterThan(0);
  });

  it('finds the tables of every kind with their ranges, and the period only when it is known', () => {
    const tables = (name: string, sheet: string) => file(name).sheets.find((s) => s.name === sheet)?.tables;
    expect(tables('seed-001-kirov.xlsx', 'Дорожная карта')).toEqual([{ kind: 'roadmap', range: 'A7:E48', period: { from: 2021, to: 2021 } }]);
    // The «План мероприятий» title states no period: the key is absent, not null.
    expect(tables('seed-001-kirov.xlsx', 'План мероприятий')).toEqual([{ kind: 'roadmap', range: 'A6:E21' }]);
    expect(tables('seed-000-kamchatka.xlsx', 'Целевые показатели')).toEqual([{ kind: 'indicators', range: 'A8:H40', period: { from: 2020, to: 2023 } }]);
    expect(tables('seed-000-kamchatka.xlsx', 'Дорожная карта')?.map((t) => `${t.kind} ${t.range}`)).toEqual(['roadmap A6:D79', 'glossary A83:B88']);
    expect(tables('seed-002-lazo.xlsx', 'План-график')).toEqual([{ kind: 'roadmap', range: 'A5:E84', period: { from: 2023, to: 2024 } }]);
    expect(tables('seed-003-ilansky.xlsx', 'Приложение 1')?.map((t) => `${t.kind} ${t.range}`)).toEqual(['results A7:P27']);
    expect(tables('seed-004-zabaikalsky.xlsx', 'Перечень мероприятий')).toEqual([{ kind: 'roadmap', range: 'A11:E63', period: { from: 2018, to: 2018 } }]);
  });

  it('seed-001 (Kirov): item 4.2 twice and the incomplete date «.10.2021» are errors', () => {
    const kirov = file('seed-001-kirov.xlsx');
    expect(diagnosticAt(kirov, 'План мероприятий', 'A21', 'numbering-duplicate')).toMatchObject({ severity: 'error', message: expect.stringContaining('4.2') });
    expect(diagnosticAt(kirov, 'Дорожная карта', 'C46', 'deadline-incomplete')).toMatchObject({ severity: 'error', message: expect.stringContaining('.10.2021') });
  });

  it('seed-002 (Lazo): the missing 1.1.11 and «МКУ ИМЦ» beside «МБУ ИМЦ» are warnings, no errors', () => {
    const lazo = file('seed-002-lazo.xlsx');
    expect(diagnosticAt(lazo, 'План-график', 'A19', 'numbering-gap')).toMatchObject({ severity: 'warning', message: expect.stringContaining('1.1.11') });
    expect(diagnosticAt(lazo, 'План-график', 'D15', 'executor-variant')).toMatchObject({ severity: 'warning', message: expect.stringContaining('МКУ ИМЦ') });
    expect(lazo.sheets.flatMap((s) => s.diagnostics).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('seed-004 (Zabaikalsky): the approval date «31» сентября is flagged at A5', () => {
    expect(diagnosticAt(file('seed-004-zabaikalsky.xlsx'), 'Перечень мероприятий', 'A5', 'approval-date-invalid')).toMatchObject({
      message: expect.stringContaining('сентября'),
    });
  });

  it('reports the same diagnostics as checking each file alone', () => {
    for (const seed of SEEDS) {
      const alone = checkJson([seed]).report;
      expect(alone.files[0]).toEqual(report.files.find((f) => f.file === seed));
    }
  });
});

describe('svod check: text report', () => {
  it('groups seed-001 by file, sheet and table, with cell addresses, and ends with the summary line; exit 1', () => {
    const r = svod(['check', KIROV]);
    expect(r.status).toBe(1);
    noStack(r);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(KIROV);
    expect(r.stdout).toContain('\n  Лист «Дорожная карта»\n    Таблица A7:E48: дорожная карта, период 2021 г.\n');
    expect(r.stdout).toContain('\n  Лист «План мероприятий»\n    Таблица A6:E21: дорожная карта\n');
    const diagnostics = textLines(r.stdout);
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ file: KIROV, sheet: 'План мероприятий', table: 'A6:E21', cell: 'A21', severity: 'ошибка', ruleId: 'numbering-duplicate' }),
    );
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ file: KIROV, sheet: 'Дорожная карта', table: 'A7:E48', cell: 'C46', severity: 'ошибка', ruleId: 'deadline-incomplete' }),
    );
    for (const d of diagnostics) expect(d.text).toMatch(CYRILLIC);
    // The text and JSON reports agree: every line a finding of the JSON, folded lines counting theirs, the same totals,
    // in Russian plural forms.
    const { report } = checkJson([KIROV]);
    const json = found(report.files[0]!);
    for (const d of diagnostics) for (const cell of d.cells ?? [d.cell]) expect(json).toContain(`${d.ruleId} ${d.sheet}!${cell}`);
    expect(tally(diagnostics)).toEqual(tally(report.files[0]!.sheets.flatMap((sh) => sh.diagnostics.map((x) => ({ ruleId: x.ruleId, sheet: sh.name, count: 1 })))));
    // The deadlines before the approval date in Kirov's «Дорожная карта» are one folded line with the date they share.
    const late = report.files[0]!.sheets.find((sh) => sh.name === 'Дорожная карта')!.diagnostics.filter((x) => x.ruleId === 'deadline-before-approval');
    expect(late.length).toBeGreaterThanOrEqual(4);
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ sheet: 'Дорожная карта', ruleId: 'deadline-before-approval', count: late.length, cell: late[0]!.cell, text: 'Срок «…» истёк до утверждения документа (12.05.2021).' }),
    );
    expect(lines[lines.length - 1]).toBe(expectedSummaryLine(report.summary));
    expect(lines[lines.length - 1]).toMatch(/^Итого: \d+ ошиб(ка|ки|ок), \d+ предупрежден(ие|ия|ий), \d+ замечани(е|я|й)\.$/);
  });

  it('seed-002 has warnings only: exit 0, «Итого: 0 ошибок, …»', () => {
    const r = svod(['check', LAZO]);
    expect(r.status).toBe(0);
    noStack(r);
    const diagnostics = textLines(r.stdout);
    expect(diagnostics).toContainEqual(expect.objectContaining({ sheet: 'План-график', cell: 'A19', ruleId: 'numbering-gap', severity: 'предупреждение' }));
    expect(diagnostics).toContainEqual(expect.objectContaining({ sheet: 'План-график', cell: 'D15', ruleId: 'executor-variant' }));
    expect(r.stdout.trimEnd().split('\n').pop()).toMatch(/^Итого: 0 ошибок, /);
  });

  it('several files: one block per file in the order given, one summary for all', () => {
    const r = svod(['check', ZABAIKALSKY, LAZO]);
    expect(r.status).toBe(0);
    const fileLines = r.stdout.split('\n').filter((l) => /^\S/.test(l) && !l.startsWith('Итого'));
    expect(fileLines).toEqual([ZABAIKALSKY, LAZO]);
    expect(r.stdout.match(/^Итого:/gm)).toHaveLength(1);
    const { report } = checkJson([ZABAIKALSKY, LAZO]);
    expect(r.stdout.trimEnd().split('\n').pop()).toBe(expectedSummaryLine(report.summary));
  });

  it('a reader that stops early (`svod check … | head`) gets no stack trace', async () => {
    // The reading end is closed before svod writes its report: every write meets EPIPE, as after `head` exits.
    const child = spawn(process.execPath, [CLI, 'check', KIROV], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const status = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error('svod did not exit after its reader went away'));
      }, 60_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    expect(stderr).not.toMatch(STACK_LINE);
    expect(stderr).not.toMatch(/EPIPE/);
    expect(status).toBe(1);
  });

  it('prints no colour codes when the output is not a terminal', () => {
    expect(svod(['check', KIROV]).stdout).not.toContain('\x1b[');
  });
});

describe('svod check: files that cannot be read → exit 2, a Russian sentence, no stack trace', () => {
  /** Deterministic junk: a file name must not decide the test's outcome by luck. */
  function junk(n: number, seed: number): Buffer {
    const b = Buffer.alloc(n);
    let x = seed;
    for (let i = 0; i < n; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      b[i] = x >>> 24;
    }
    return b;
  }

  const cases: Array<[string, () => string, RegExp]> = [
    ['a missing file', () => join(dir('missing'), 'нет-такого.xlsx'), /файл не найден/],
    ['a directory', () => dir('a-folder.xlsx'), /это папка, а не файл/],
    [
      'random bytes named .xlsx',
      () => {
        const p = join(dir('random'), 'random.xlsx');
        writeFileSync(p, junk(4096, 7));
        return p;
      },
      /файл повреждён или это не книга Excel/,
    ],
    [
      'a zip signature followed by junk',
      () => {
        const p = join(dir('zip-junk'), 'junk.xlsx');
        writeFileSync(p, Buffer.concat([Buffer.from('PK\x03\x04'), junk(2048, 11)]));
        return p;
      },
      /файл повреждён или это не книга Excel/,
    ],
    [
      'a truncated real workbook',
      () => {
        const p = join(dir('truncated'), 'truncated.xlsx');
        const bytes = readFileSync(join(ROOT, KIROV));
        writeFileSync(p, bytes.subarray(0, Math.floor(bytes.length / 2)));
        return p;
      },
      /файл повреждён или это не книга Excel/,
    ],
    [
      'a workbook cut just before its end',
      () => {
        const p = join(dir('cut-end'), 'cut.xlsx');
        const bytes = readFileSync(join(ROOT, LAZO));
        writeFileSync(p, bytes.subarray(0, bytes.length - 10));
        return p;
      },
      /файл повреждён или это не книга Excel/,
    ],
    [
      'an unsupported extension (.pdf)',
      () => {
        const p = join(dir('pdf'), 'приказ.pdf');
        writeFileSync(p, '%PDF-1.4\n');
        return p;
      },
      /формат «\.pdf» не поддерживается: нужен \.xlsx или \.csv/,
    ],
    [
      'a Word document (.docx): a zip, but no workbook, named as what it is',
      () => {
        const p = join(dir('docx'), 'приказ.docx');
        writeFileSync(p, zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') }));
        return p;
      },
      /это документ Word \(\.docx\), а не таблица/,
    ],
    [
      'an old binary .xls',
      () => {
        const p = join(dir('xls'), 'old.xls');
        writeFileSync(p, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
        return p;
      },
      /старый формат \.xls не поддерживается/,
    ],
  ];

  it.each(cases)('%s', (_name, make, message) => {
    const path = make();
    const r = svod(['check', path]);
    expect(r.status).toBe(2);
    noStack(r);
    expect(r.stdout).toContain(`${path}\n  Не удалось прочитать файл: `);
    expect(r.stdout).toMatch(message);
    // Not «Итого: 0 ошибок, …», which reads as a clean result.
    expect(r.stdout).toContain(`${path}\n  Не удалось прочитать файл: `);
    expect(r.stdout.trimEnd().split('\n').slice(-1)).toEqual(['Итого: файл не проверен.']);
    // In JSON the file carries the same sentence and no sheets.
    const j = checkJson([path]);
    expect(j.run.status).toBe(2);
    expect(j.report.files).toEqual([{ file: path, error: expect.stringMatching(message), sheets: [] }]);
    expect(shapeProblems(j.report, ruleIds)).toEqual([]);
  });

  it('a zip that holds no worksheet is not a workbook', async () => {
    const p = join(dir('no-sheets'), 'empty.xlsx');
    await new ExcelJS.Workbook().xlsx.writeFile(p);
    const r = svod(['check', p]);
    expect(r.status).toBe(2);
    noStack(r);
    expect(r.stdout).toMatch(/файл повреждён или это не книга Excel/);
  });

  it('one unreadable file among good ones: the others are still reported, exit 2', () => {
    const missing = join(dir('mixed'), 'нет.xlsx');
    const { run, report } = checkJson([LAZO, missing, KIROV]);
    expect(run.status).toBe(2);
    expect(report.files.map((f) => [f.file, f.error === undefined])).toEqual([
      [LAZO, true],
      [missing, false],
      [KIROV, true],
    ]);
    expect(countRule(report.files[2]!, 'numbering-duplicate')).toBeGreaterThan(0);
    expect(report.summary.errors).toBeGreaterThan(0);
  });
});

describe('svod check: the text report says what it did not check, and folds repeats (#11)', () => {
  it('a file that could not be read among good ones: the summary says how many were checked', () => {
    const missing = join(dir('mixed-text'), 'нет.xlsx');
    const r = svod(['check', LAZO, missing]);
    expect(r.status).toBe(2);
    noStack(r);
    expect(r.stdout).toContain(`${missing}\n  Не удалось прочитать файл: файл не найден.\n  Файл не проверен.\n`);
    const { report } = checkJson([LAZO]);
    expect(r.stdout.trimEnd().split('\n').pop()).toBe(`Проверено файлов: 1 из 2. ${expectedSummaryLine(report.summary)}`);
  });

  it('two files that could not be read', () => {
    const d = dir('two-missing');
    const r = svod(['check', join(d, 'а.xlsx'), join(d, 'б.xlsx')]);
    expect(r.status).toBe(2);
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('Итого: ни один из 2 файлов не проверен.');
  });

  it('seed-002: the sheet without a table is named, not left out', () => {
    const r = svod(['check', LAZO]);
    expect(r.stdout).toMatch(/^ {2}Лист «Паспорт»: таблиц не найдено$/m);
    expect(r.stdout).toMatch(/^ {2}Лист «План-график»$/m);
  });

  it('seed-002: the stray spaces fold into a few lines that say which space, with their first cells', () => {
    const r = svod(['check', LAZO]);
    expect(r.status).toBe(0);
    const lines = textLines(r.stdout);
    const { report } = checkJson([LAZO]);
    const spaces = report.files[0]!.sheets.find((sh) => sh.name === 'План-график')!.diagnostics.filter((x) => x.ruleId === 'text-whitespace');
    expect(spaces.length).toBeGreaterThan(50);
    // Each whitespace finding in the JSON says exactly what is wrong, never the old vague sentence.
    expect(spaces.map((x) => x.message)).not.toContain('Лишние пробелы или пустые строки в тексте.');
    expect(spaces).toContainEqual(expect.objectContaining({ cell: 'B11', message: 'Пробел перед переносом строки (после «До 15 марта»).' }));
    expect(spaces).toContainEqual(expect.objectContaining({ cell: 'E25', message: 'Несколько пробелов подряд (5) после «…не менее».' }));
    const folded = lines.filter((l) => l.ruleId === 'text-whitespace' && l.count > 1);
    expect(folded).toContainEqual(expect.objectContaining({ cell: 'B11', text: 'Пробел перед переносом строки (после «…»).', cells: ['B11', 'B15', 'B16', 'B17', 'B19'] }));
    // Folded or not, the text counts every finding of the JSON, rule by rule.
    expect(tally(lines)).toEqual(tally(report.files[0]!.sheets.flatMap((sh) => sh.diagnostics.map((x) => ({ ruleId: x.ruleId, sheet: sh.name, count: 1 })))));
    expect(lines.filter((l) => l.ruleId === 'text-whitespace').length).toBeLessThan(spaces.length / 5);
    expect(r.stdout).toContain('каждое отдельно покажет --ungrouped');
    // The cells of a folded line stand under its message, after the cell and severity columns.
    expect(r.stdout).toMatch(/\n {6}B11  замечание {6}25 ячеек: Пробел перед переносом строки \(после «…»\)\.  \[text-whitespace\] \(исправимо\)\n {26}B11, B15, B16, B17, B19 и ещё 20\n/);
  });
});

describe('svod check --ungrouped and the JSON groups (#11)', () => {
  it('--ungrouped lists every finding on its own line, as the JSON lists them', () => {
    const r = svod(['check', LAZO, '--ungrouped']);
    expect(r.status).toBe(0);
    const lines = textLines(r.stdout);
    expect(lines.every((l) => l.count === 1)).toBe(true);
    const { report } = checkJson([LAZO]);
    expect(lines.map((l) => `${l.ruleId} ${l.sheet}!${l.cell}`).sort()).toEqual(found(report.files[0]!).sort());
    expect(r.stdout).not.toContain('--ungrouped');
  });

  it('JSON keeps every diagnostic and adds each sheet’s groups, their indices into that sheet’s list', () => {
    const { report } = checkJson([LAZO]);
    const sheet = report.files[0]!.sheets.find((s) => s.name === 'План-график')! as JsonSheet & {
      groups: Array<{ ruleId: string; messageId?: string; count: number; cells: string[]; message: string; indices: number[] }>;
    };
    const lineEnd = sheet.groups.find((g) => g.ruleId === 'text-whitespace' && g.messageId === 'lineEnd')!;
    expect(lineEnd.message).toBe('Пробел перед переносом строки (после «…»).');
    expect(lineEnd.indices).toHaveLength(lineEnd.count);
    expect(lineEnd.indices.map((i) => sheet.diagnostics[i]!.cell).slice(0, 5)).toEqual(lineEnd.cells);
    for (const i of lineEnd.indices) expect(sheet.diagnostics[i]!.message).toMatch(/^Пробел перед переносом строки \(после «[^…]/);
  });
});

describe('svod: bad arguments → exit 2, the reason and the usage on stderr', () => {
  const out = () => join(tmp, 'never-written.xlsx');
  const cases: Array<[string, () => string[], RegExp]> = [
    ['--format xml', () => ['check', KIROV, '--format', 'xml'], /Параметр --format принимает text или json\./],
    ['--format without a value', () => ['check', KIROV, '--format'], /Для параметра --format не указано значение\./],
    ['an unknown command', () => ['frobnicate', KIROV], /Неизвестная команда «frobnicate»/],
    ['an unknown option', () => ['check', KIROV, '--bogus'], /Неизвестный параметр --bogus\./],
    ['check without files', () => ['check'], /Укажите хотя бы один файл/],
    ['--fix without --out', () => ['check', KIROV, '--fix'], /Для --fix укажите, куда записать исправленную копию: --out/],
    ['--fix-suggestions without --out', () => ['check', KIROV, '--fix-suggestions'], /--out/],
    ['--out without --fix', () => ['check', KIROV, '--out', out()], /Параметр --out используется вместе с --fix\./],
    ['--fix with two files', () => ['check', KIROV, LAZO, '--fix', '--out', out()], /Исправлять можно один файл за раз\./],
    ['rules --format xml', () => ['rules', '--format', 'xml'], /text или json/],
  ];

  it.each(cases)('%s', (_name, args, message) => {
    const r = svod(args());
    expect(r.status).toBe(2);
    noStack(r);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('Использование:');
    expect(existsSync(out())).toBe(false);
  });
});

describe('svod check: configuration', () => {
  it('svod.config.json next to the checked file: a rule off, another raised to error', () => {
    const d = dir('config-beside');
    const copy = join(d, 'lazo.xlsx');
    copyFileSync(join(ROOT, LAZO), copy);
    const before = checkJson([copy]);
    expect(before.run.status).toBe(0);
    expect(countRule(before.report.files[0]!, 'text-whitespace')).toBeGreaterThan(0);

    writeFileSync(join(d, 'svod.config.json'), JSON.stringify({ rules: { 'text-whitespace': 'off', 'executor-variant': 'error' } }));
    const after = checkJson([copy]);
    expect(after.run.status).toBe(1);
    const f = after.report.files[0]!;
    expect(countRule(f, 'text-whitespace')).toBe(0);
    expect(diagnosticAt(f, 'План-график', 'D15', 'executor-variant')?.severity).toBe('error');
    expect(after.report.summary.infos).toBe(before.report.summary.infos - countRule(before.report.files[0]!, 'text-whitespace'));
    // The text report shows the new severity too.
    expect(textLines(svod(['check', copy]).stdout)).toContainEqual(expect.objectContaining({ cell: 'D15', severity: 'ошибка', ruleId: 'executor-variant' }));
  });

  it('--config PATH: turning the two error rules off makes seed-001 pass', () => {
    const config = join(dir('config-path'), 'мои-настройки.json');
    writeFileSync(config, JSON.stringify({ rules: { 'numbering-duplicate': 'off', 'deadline-incomplete': 'off' } }));
    const { run, report } = checkJson([KIROV], ['--config', config]);
    expect(run.status).toBe(0);
    expect(report.summary.errors).toBe(0);
    expect(countRule(report.files[0]!, 'numbering-duplicate')).toBe(0);
    expect(countRule(report.files[0]!, 'deadline-incomplete')).toBe(0);
  });

  it('maxDiagnostics cuts the list, never the count: a sheet with one error past the limit still exits 1', () => {
    // Issue #8, defect 2: 2,100 items without a deadline, then one impossible date, with a limit of 2,000.
    const d = dir('config-limit');
    const rows = [['План мероприятий на 2023-2024 годы'], [], ['№ п/п', 'Мероприятие', 'Срок реализации', 'Исполнитель', 'Результат']];
    // Well-written activities and results: the writing-quality infos stay out of the counts.
    for (let i = 1; i <= 2100; i++) rows.push([`${i}.`, `Проведение совещания ${i}`, '', 'Управление образования', 'Протокол совещания']);
    rows.push(['2101.', 'Проведение семинара', '31.09.2023', 'Управление образования', 'Программа семинара']);
    const csv = join(d, 'plan.csv');
    writeFileSync(csv, csvText(rows));
    writeFileSync(join(d, 'svod.config.json'), JSON.stringify({ maxDiagnostics: 2000 }));
    const { run, report } = checkJson([csv]);
    expect(run.status).toBe(1);
    expect(shapeProblems(report, ruleIds)).toEqual([]);
    expect(report.summary).toEqual({ errors: 1, warnings: 2100, infos: 0 });
    const f = report.files[0]!;
    expect(f.partial).toBe(true);
    expect(f.sheets.flatMap((s) => s.diagnostics)).toHaveLength(2000);
    expect(countRule(f, 'deadline-invalid-date')).toBe(1);
    const text = svod(['check', csv]);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('Показаны не все замечания (2000 из 2101)');
    expect(text.stdout).toContain('Итого: 1 ошибка, 2100 предупреждений, 0 замечаний.');
  });

  it('--config wins over a svod.config.json beside the file', () => {
    const d = dir('config-both');
    const copy = join(d, 'lazo.xlsx');
    copyFileSync(join(ROOT, LAZO), copy);
    writeFileSync(join(d, 'svod.config.json'), JSON.stringify({ rules: { 'executor-variant': 'error' } }));
    const neutral = join(d, 'neutral.json');
    writeFileSync(neutral, '{}');
    expect(svod(['check', copy]).status).toBe(1);
    expect(svod(['check', copy, '--config', neutral]).status).toBe(0);
  });

  it.each([
    ['an unknown rule id', JSON.stringify({ rules: { 'no-such-rule': 'off' } }), /Неизвестное правило «no-such-rule» в настройках\./],
    ['a bad severity', JSON.stringify({ rules: { 'text-markup': 'fatal' } }), /Правило «text-markup»: уровень должен быть одним из off, info, warning, error\./],
    ['an unknown setting', JSON.stringify({ severity: 'error' }), /Неизвестный параметр настроек «severity»\./],
    ['broken JSON', '{"rules": {"text-markup": "off"', /— не JSON: /],
  ])('%s → exit 2 with a Russian message naming the file (beside the file and via --config)', (name, text, message) => {
    const d = dir(`config-bad-${name.replace(/\W+/g, '-')}`);
    const copy = join(d, 'kirov.xlsx');
    copyFileSync(join(ROOT, KIROV), copy);
    const beside = join(d, 'svod.config.json');
    writeFileSync(beside, text);
    const viaBeside = svod(['check', copy]);
    const viaOption = svod(['check', KIROV, '--config', beside]);
    for (const r of [viaBeside, viaOption]) {
      expect(r.status).toBe(2);
      noStack(r);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`Файл настроек ${beside}`);
      expect(r.stderr).toMatch(message);
      // No English from JSON.parse or Node leaks into the message.
      expect(r.stderr).not.toMatch(/Unexpected|JSON input|position \d/);
    }
  });

  it('a --config file that does not exist → exit 2', () => {
    const missing = join(dir('config-missing'), 'нет.json');
    const r = svod(['check', KIROV, '--config', missing]);
    expect(r.status).toBe(2);
    noStack(r);
    expect(r.stderr).toContain(`Файл настроек ${missing} не прочитан.`);
  });
});

describe('svod check --fix --out', () => {
  /** Every styled cell (font, border, alignment, fill, number format), column widths, row heights and merges. */
  async function formatting(path: string) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    return wb.worksheets.map((ws) => {
      const cells: Record<string, string> = {};
      const heights: Record<number, number | undefined> = {};
      ws.eachRow({ includeEmpty: true }, (row, r) => {
        heights[r] = row.height;
        row.eachCell({ includeEmpty: true }, (cell) => {
          cells[cell.address] = JSON.stringify([cell.font, cell.border, cell.alignment, cell.fill, cell.numFmt]);
        });
      });
      return {
        name: ws.name,
        widths: (ws.columns ?? []).map((c) => c.width),
        merges: [...(ws.model.merges ?? [])].sort(),
        heights,
        cells,
      };
    });
  }

  async function cellValue(path: string, sheet: string, address: string): Promise<ExcelJS.CellValue> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    return wb.getWorksheet(sheet)!.getCell(address).value;
  }

  const safeFixable = (report: JsonReport) =>
    report.files[0]!.sheets.flatMap((s) => s.diagnostics as Array<{ fixable?: string }>).filter((d) => d.fixable === 'safe').length;

  it.each([
    ['seed-003 (Ilansky): Word/HTML debris «<p>», «<i>»', ILANSKY, 'text-markup', 'Дорожная карта', 'C30', '<p>'],
    ['seed-002 (Lazo): stray spaces', LAZO, 'text-whitespace', 'План-график', 'A7', null],
  ])('%s: the copy loses the fixable diagnostics, keeps the formatting; the original is untouched', async (_name, seed, ruleId, sheet, cell, debris) => {
    const original = join(ROOT, seed);
    const bytesBefore = readFileSync(original);
    const out = join(dir(`fix-${ruleId}`), 'исправлено.xlsx');
    const before = checkJson([seed]).report;
    expect(countRule(before.files[0]!, ruleId)).toBeGreaterThan(0);
    expect(diagnosticAt(before.files[0]!, sheet, cell, ruleId)).toBeDefined();

    const r = svod(['check', seed, '--fix', '--out', out]);
    expect(r.status).toBe(0);
    noStack(r);
    expect(r.stderr).toMatch(new RegExp(`^Исправлено ячеек: [1-9]\\d*\\. Копия записана в ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.\\n$`));
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(original).equals(bytesBefore)).toBe(true);

    const after = checkJson([out]).report;
    expect(countRule(after.files[0]!, ruleId)).toBe(0);
    expect(safeFixable(after)).toBeLessThan(safeFixable(before));
    expect(after.summary.errors + after.summary.warnings + after.summary.infos).toBeLessThan(before.summary.errors + before.summary.warnings + before.summary.infos);

    if (debris) {
      expect(String(await cellValue(original, sheet, cell))).toContain(debris);
      expect(String(await cellValue(out, sheet, cell))).not.toContain(debris);
    }
    // Same styles cell by cell, same widths, heights and merges.
    const [a, b] = [await formatting(original), await formatting(out)];
    expect(b).toEqual(a);
  });

  it('the formatting that is compared is really there (bold header, borders, widths, merges)', async () => {
    const [roadmap] = (await formatting(join(ROOT, ILANSKY))).filter((s) => s.name === 'Дорожная карта');
    const [font, border] = JSON.parse(roadmap!.cells['A5']!);
    expect(font.bold).toBe(true);
    expect(border.left.style).toBe('thin');
    expect(roadmap!.widths.filter((w) => typeof w === 'number').length).toBeGreaterThan(3);
    expect(roadmap!.merges).toContain('C5:F5');
  });

  it('--fix-suggestions also applies suggestions: the second 4.2 of seed-001 becomes 4.3', async () => {
    const bytesBefore = readFileSync(join(ROOT, KIROV));
    const out = join(dir('fix-suggestions'), 'kirov-fixed.xlsx');
    const r = svod(['check', KIROV, '--fix-suggestions', '--out', out, '--format', 'json']);
    noStack(r);
    // stdout stays pure JSON (the report on the fixed workbook); the note about the copy goes to stderr.
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(shapeProblems(report, ruleIds)).toEqual([]);
    expect(countRule(report.files[0]!, 'numbering-duplicate')).toBe(0);
    expect(r.stderr).toMatch(/^Исправлено ячеек: [1-9]\d*\./);

    expect(await cellValue(join(ROOT, KIROV), 'План мероприятий', 'A21')).toBe('4.2');
    expect(await cellValue(out, 'План мероприятий', 'A21')).toBe('4.3');
    expect(readFileSync(join(ROOT, KIROV)).equals(bytesBefore)).toBe(true);
    const recheck = checkJson([out]).report.files[0]!;
    expect(countRule(recheck, 'numbering-duplicate')).toBe(0);
    expect(countRule(recheck, 'continuation-row')).toBe(0);
    // The incomplete «.10.2021» has no automatic fix: the copy still has that error.
    expect(diagnosticAt(recheck, 'Дорожная карта', 'C46', 'deadline-incomplete')).toBeDefined();
  });

  it('plain --fix leaves suggestions alone', async () => {
    const out = join(dir('fix-plain-kirov'), 'kirov.xlsx');
    expect(svod(['check', KIROV, '--fix', '--out', out]).status).toBe(1);
    expect(await cellValue(out, 'План мероприятий', 'A21')).toBe('4.2');
  });

  it('refuses to overwrite the checked file', () => {
    const d = dir('fix-same');
    const copy = join(d, 'ilansky.xlsx');
    copyFileSync(join(ROOT, ILANSKY), copy);
    const bytes = readFileSync(copy);
    for (const out of [copy, join(d, '.', 'ilansky.xlsx')]) {
      const r = svod(['check', copy, '--fix', '--out', out]);
      expect(r.status).toBe(2);
      noStack(r);
      expect(r.stderr).toMatch(/нельзя записать поверх проверяемого файла/);
      expect(readFileSync(copy).equals(bytes)).toBe(true);
    }
  });

  it('a workbook is not written as .csv, and a folder that does not exist is reported', () => {
    const d = dir('fix-bad-out');
    const asCsv = svod(['check', ILANSKY, '--fix', '--out', join(d, 'copy.csv')]);
    expect(asCsv.status).toBe(2);
    noStack(asCsv);
    expect(asCsv.stdout).toMatch(/Не удалось записать исправленную копию: .*только в \.xlsx/);
    expect(existsSync(join(d, 'copy.csv'))).toBe(false);

    const noFolder = svod(['check', ILANSKY, '--fix', '--out', join(d, 'нет-папки', 'copy.xlsx')]);
    expect(noFolder.status).toBe(2);
    noStack(noFolder);
    expect(noFolder.stdout).toMatch(/Не удалось записать исправленную копию: не удалось записать файл/);
  });
});

describe('svod check: CSV', () => {
  const ROADMAP: string[][] = [
    ['План мероприятий («дорожная карта») на 2023–2024 годы'],
    ['№ п/п', 'Мероприятие', 'Срок реализации', 'Исполнитель', 'Ожидаемый результат'],
    ['1.', 'Совещание  с руководителями школ', 'март – апрель 2023 г.', 'МБУ ИМЦ', 'Протокол'],
    ['2.', 'Семинар для заместителей директоров', 'до 14.05.2023', 'МБУ ИМЦ', 'Справка; приказ'],
    ['3.', 'Мониторинг результатов ВПР', '.10.2023', 'МКУ ИМЦ', 'Аналитическая справка'],
    ['5.', 'Родительские собрания', 'ежемесячно', 'МБУ ИМЦ', 'Протоколы собраний'],
  ];

  function expectRoadmapRead(report: JsonReport): void {
    expect(shapeProblems(report, ruleIds)).toEqual([]);
    const f = report.files[0]!;
    expect(f.sheets.map((s) => s.tables)).toEqual([[{ kind: 'roadmap', range: 'A2:E6', period: { from: 2023, to: 2024 } }]]);
    const sheet = f.sheets[0]!.name;
    expect(diagnosticAt(f, sheet, 'C5', 'deadline-incomplete')).toMatchObject({ severity: 'error', message: expect.stringContaining('.10.2023') });
    expect(diagnosticAt(f, sheet, 'A6', 'numbering-gap')).toBeDefined();
    expect(diagnosticAt(f, sheet, 'B3', 'text-whitespace')).toBeDefined();
    // Cyrillic from the file comes back intact in the messages.
    expect(diagnosticAt(f, sheet, 'D5', 'executor-variant')?.message).toContain('«МКУ ИМЦ» похоже на «МБУ ИМЦ»');
  }

  it('UTF-8 with BOM, semicolons: the roadmap is read; errors → exit 1', () => {
    const p = join(dir('csv-utf8'), 'дорожная-карта.csv');
    writeFileSync(p, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText(ROADMAP), 'utf8')]));
    const { run, report } = checkJson([p]);
    expect(run.status).toBe(1);
    expect(report.files[0]!.file).toBe(p);
    expectRoadmapRead(report);
    const text = svod(['check', p]);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('Таблица A2:E6: дорожная карта, период 2023–2024 гг.');
  });

  it('Windows-1251 (as Russian Excel saves CSV) reads the same', () => {
    const d = dir('csv-1251');
    const p = join(d, 'roadmap-1251.csv');
    const bytes = encodeWindows1251(csvText(ROADMAP));
    expect(bytes.includes(0xb9)).toBe(true); // «№» really is the 1251 byte
    writeFileSync(p, bytes);
    const utf8 = join(d, 'roadmap-utf8.csv');
    writeFileSync(utf8, '\ufeff' + csvText(ROADMAP));
    const { run, report } = checkJson([p]);
    expect(run.status).toBe(1);
    expectRoadmapRead(report);
    expect(report.files[0]!.sheets).toEqual(checkJson([utf8]).report.files[0]!.sheets);
  });

  it('a cell like =cmd|\' /C calc\'!A0 is text: reported verbatim, never written back as a formula', async () => {
    const d = dir('csv-injection');
    const p = join(d, 'injection.csv');
    const payload = "=cmd|' /C calc'!A0";
    const hyperlink = '=HYPERLINK("http://example.com";"x")';
    const rows = ROADMAP.map((r) => [...r]);
    rows[3]![2] = payload;
    rows[4]![1] = hyperlink;
    writeFileSync(p, '\ufeff' + csvText(rows));
    const { run, report } = checkJson([p]);
    expect([0, 1]).toContain(run.status);
    const f = report.files[0]!;
    expect(diagnosticAt(f, f.sheets[0]!.name, 'C4', 'deadline-unparsed')?.message).toContain(`«${payload}»`);

    const out = join(d, 'injection-fixed.xlsx');
    const fixed = svod(['check', p, '--fix', '--out', out]);
    noStack(fixed);
    expect([0, 1]).toContain(fixed.status);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    for (const [address, text] of [
      ['C4', payload],
      ['B5', hyperlink],
    ] as const) {
      const cell = ws.getCell(address);
      expect(cell.value).toBe(text);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
    }
    // The whitespace fix was applied in the xlsx copy.
    expect(ws.getCell('B3').value).toBe('Совещание с руководителями школ');
  });

  it('--fix on a CSV writes a UTF-8 CSV with BOM that re-checks cleaner; the original stays', () => {
    const d = dir('csv-fix');
    const p = join(d, 'roadmap.csv');
    const original = encodeWindows1251(csvText(ROADMAP));
    writeFileSync(p, original);
    const out = join(d, 'roadmap-fixed.csv');
    const r = svod(['check', p, '--fix', '--out', out]);
    expect(r.status).toBe(1);
    noStack(r);
    expect(readFileSync(p).equals(original)).toBe(true);
    const written = readFileSync(out);
    expect([...written.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(written.toString('utf8')).toContain('"Справка; приказ"');
    const after = checkJson([out]).report.files[0]!;
    expect(countRule(after, 'text-whitespace')).toBe(0);
    expect(countRule(after, 'deadline-incomplete')).toBe(1);
  });
});
