/**
 * Conversion damage as LibreOffice really does it (issue #11): a CSV opened with a Russian or an English locale turns
 * item numbers into dates or numbers and yearless deadlines into dates of this year. The workbook it saves is read and
 * checked: the damage is reported with a fix, and none of it reads as a numbering or period error.
 * Needs `soffice` (Debian: libreoffice-calc-nogui); fails without it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, fix } from '@svod/shared';
import { readXlsx } from '@svod/shared/xlsx';

const HEADER = ['План мероприятий на 2024 год;;;;', '№;Мероприятие;Срок;Ответственный;Результат'];
/** Numbers with a trailing dot, as most orders write them: «1.1.» is the date 1 January to a Russian LibreOffice. */
const CSV_RU = [
  ...HEADER,
  '1.;Организационные мероприятия;;;',
  '1.1.;Проведение совещания;19 апреля;УО;Протокол совещания',
  '1.2.;Проведение семинара;март 2024 г.;УО;Программа семинара',
  '2.;Методическое сопровождение;;;',
  '2.1.;Организация стажировки;май 2024 г.;УО;Отчёт',
].join('\n');
/** Numbers without one: «1.10» is the number 1.1 to an English LibreOffice. */
const CSV_EN = [...HEADER, '1.;Организационные мероприятия;;;', ...Array.from({ length: 11 }, (_, i) => `1.${i + 1};Проведение совещания ${i + 1};май 2024 г.;УО;Протокол`)].join('\n');

const CONVERT_TIMEOUT_MS = 120_000;
let dir: string;

/** Opens the CSV in LibreOffice with the given language (1049 ru-RU, 1033 en-US) and saves it as xlsx. */
function convert(text: string, language: number): Uint8Array {
  const csv = join(dir, `plan-${language}.csv`);
  writeFileSync(csv, text);
  const run = spawnSync(
    'soffice',
    [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', `--infilter=CSV:59,34,76,1,,${language}`, '--convert-to', 'xlsx', '--outdir', dir, csv],
    { encoding: 'utf8', timeout: CONVERT_TIMEOUT_MS },
  );
  const out = join(dir, `plan-${language}.xlsx`);
  if (run.status !== 0 || !existsSync(out)) throw new Error(`soffice did not convert (status ${run.status}): ${run.stderr}`);
  return readFileSync(out);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'svod-conversion-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const byRule = (report: ReturnType<typeof check>) => report.sheets.flatMap((s) => s.diagnostics).map((d) => `${d.ruleId} ${d.cell}`);

describe('LibreOffice, Russian locale', () => {
  let report: ReturnType<typeof check>;
  let grids: Awaited<ReturnType<typeof readXlsx>>['grids'];
  beforeAll(async () => {
    grids = (await readXlsx(convert(CSV_RU, 1049))).grids;
    report = check(grids, {});
  }, CONVERT_TIMEOUT_MS + 10_000);

  it('made dates of «1.1.», «1.2.», «2.1.» and «19 апреля» (the premise of this test)', () => {
    const rows = grids.sheets[0]!.rows;
    expect([rows[3]![0], rows[4]![0], rows[6]![0], rows[3]![2]].every((v) => v instanceof Date)).toBe(true);
  });

  it('reports each conversion, and no numbering or period error for them', () => {
    const found = byRule(report);
    expect(found).toEqual(expect.arrayContaining(['numbering-converted A4', 'numbering-converted A5', 'numbering-converted A7', 'deadline-converted C4']));
    expect(found.filter((f) => /^(numbering-(gap|order|duplicate|parent)|deadline-out-of-period) /.test(f))).toEqual([]);
  });

  it('restores the texts with the fixes', () => {
    const rows = fix(grids, {}, { suggestions: true }).workbook.sheets[0]!.rows;
    expect([rows[3]![0], rows[4]![0], rows[6]![0], rows[3]![2]]).toEqual(['1.1.', '1.2.', '2.1.', '19 апреля']);
  });
});

describe('LibreOffice, English locale', () => {
  it('made 1.10 the number 1.1: reported after 1.9, and no duplicate or order error', async () => {
    const { grids } = await readXlsx(convert(CSV_EN, 1033));
    const rows = grids.sheets[0]!.rows;
    expect([rows[3]![0], rows[12]![0], rows[13]![0]]).toEqual([1.1, 1.1, 1.11]);
    const found = byRule(check(grids, {}));
    expect(found.filter((f) => f.startsWith('numbering-'))).toEqual(['numbering-converted A13']);
    expect(fix(grids, {}).workbook.sheets[0]!.rows[12]![0]).toBe('1.10');
  }, CONVERT_TIMEOUT_MS + 10_000);
});
