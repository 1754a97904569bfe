/**
 * The printable Свод (issue #7): the regional workbook of the 60-municipality bench region (`bench/server/generate.ts`:
 * 60 indicators in four sections, years 2023–2026), rendered as the server renders it, converted to PDF by LibreOffice
 * once, and read with poppler: every page fits A4 landscape, every page of «Свод показателей» repeats the table head
 * and shows every year column — nothing of the table is cut off across pages.
 *
 * Needs `soffice` (Debian: libreoffice-calc-nogui) and `pdfinfo`/`pdftotext` (poppler-utils); fails without them.
 * `SVOD_KEEP_PRINT=1` keeps the PDF to look at (its path is logged).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRegionalWorkbook, extractSubmission, extractTemplate, indicatorKey, type MergeInput, type MunicipalityInput } from '@svod/shared';
import { renderRegionalWorkbook } from '../../sync-server/src/workbook/write';
import { municipalities, submissionWorkbook, templateWorkbook, YEARS } from '../../bench/server/generate';
import { assertSafeWorkbook } from '../../sync-server/test/support/scan-workbook';

const MUNICIPALITIES = 60;
/** Roadmap items per municipality: the bench's 300 would print about a thousand pages of roadmaps; the Свод is the point. */
const ROADMAP_ROWS = 12;
const CONVERT_TIMEOUT_MS = 180_000;
/** A4 landscape in PostScript points (297 × 210 mm), with a point of slack for rounding. */
const A4_LONG = 841.89;
const A4_SHORT = 595.28;
const SLACK = 1;

/** The sheets in workbook order, each recognised by the head of its table (its first page also has its title). */
const SHEETS: ReadonlyArray<readonly [string, string]> = [
  ['Свод показателей', 'Свод целевых показателей'],
  ['Дорожные карты', 'Свод дорожных карт муниципалитетов'],
  ['Статус', 'Статус сдачи'],
  ['Не вошло в свод', 'Что прислано, но не вошло в свод, и почему'],
];

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;
}

/**
 * The bench region, every municipality in the Свод, with what a real one also has so the other sheets print something:
 * a few later versions rejected, a few indicators not in the template or under a shortened name, a year too many.
 */
function benchRegion(): MergeInput {
  const template = extractTemplate(templateWorkbook());
  const list: MunicipalityInput[] = municipalities(MUNICIPALITIES).map((m, i) => {
    const content = extractSubmission(submissionWorkbook(i, 0, ROADMAP_ROWS));
    if (i % 15 === 4) {
      const extra = 'Количество обучающихся, принявших участие в муниципальном конкурсе исследовательских проектов «Шаг в будущее»';
      content.indicators.push({ key: indicatorKey(extra), name: extra, number: '5.1', unit: 'чел.', section: null, values: { '2023': 12, '2024': 15, '2025': 18, '2026': 20 }, sheet: 'Целевые показатели', cell: 'B72' });
    }
    if (i % 20 === 7) {
      const entry = content.indicators.find((e) => e.name.endsWith('(профильный уровень)'))!;
      entry.name = entry.name.replace(' (профильный уровень)', '');
      entry.key = indicatorKey(entry.name);
    }
    if (i % 30 === 11) content.indicators[0]!.values['2027'] = 9;
    const accepted = { version: 1, submittedAt: new Date(Date.UTC(2026, 10, 1, 6, i)).toISOString(), accepted: true, errors: 0, warnings: 0, content };
    const latest = i % 20 === 13 ? { ...accepted, version: 2, submittedAt: new Date(Date.UTC(2026, 10, 2, 6, i)).toISOString(), accepted: false, errors: 2 } : accepted;
    return { id: m.id, name: m.name, latest, accepted };
  });
  return { regionName: 'Министерство образования и науки Камчатского края', timeZone: 'Asia/Kamchatka', template, deadline: '2026-12-15', mappings: [], municipalities: list, now: '2026-11-20T09:00:00Z' };
}

const squash = (text: string) => text.replace(/\s+/g, ' ');

describe('the printed regional workbook of 60 municipalities', () => {
  const dir = mkdtempSync(join(tmpdir(), 'svod-print-'));
  const xlsx = join(dir, 'svod.xlsx');
  const pdf = join(dir, 'svod.pdf');
  let pages: string[] = [];
  let sizes: Array<{ width: number; height: number }> = [];
  let firstPageOf: Record<string, number> = {};
  let input: MergeInput;

  beforeAll(async () => {
    const missing = ['soffice', 'pdfinfo', 'pdftotext'].filter((c) => !has(c));
    if (missing.length) {
      throw new Error(`The print test needs ${missing.join(', ')}: install libreoffice-calc-nogui and poppler-utils (apt-get install -y libreoffice-calc-nogui poppler-utils).`);
    }
    input = benchRegion();
    expect(input.template!.indicators).toHaveLength(60);
    expect(input.template!.years).toEqual([...YEARS]);
    const rendered = await renderRegionalWorkbook(buildRegionalWorkbook(input));
    await assertSafeWorkbook(rendered, 'the printed regional workbook');
    writeFileSync(xlsx, rendered);

    // A private profile: parallel runs and a desktop LibreOffice do not share (or lock) one.
    const profile = `file://${join(dir, 'profile')}`;
    const started = Date.now();
    const run = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, xlsx], { encoding: 'utf8', timeout: CONVERT_TIMEOUT_MS });
    if (run.status !== 0 || !existsSync(pdf)) throw new Error(`soffice did not convert (status ${run.status}, ${run.error?.message ?? ''}):\n${run.stderr}\n${run.stdout}`);
    const seconds = (Date.now() - started) / 1000;

    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const count = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
    const perPage = execFileSync('pdfinfo', ['-f', '1', '-l', String(count), pdf], { encoding: 'utf8' });
    sizes = [...perPage.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
    // pdftotext ends every page with a form feed.
    pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).split('\f').slice(0, count);

    firstPageOf = {};
    for (const [sheet, title] of SHEETS) firstPageOf[sheet] = pages.findIndex((p) => squash(p).includes(title));
    const perSheet = SHEETS.map(([sheet], i) => {
      const from = firstPageOf[sheet]!;
      const next = SHEETS.slice(i + 1).map(([s]) => firstPageOf[s]!).find((p) => p >= 0) ?? pages.length;
      return `${sheet}: ${from < 0 ? 0 : next - from}`;
    });
    console.log(`printed Свод of ${MUNICIPALITIES} municipalities × ${input.template!.indicators.length} indicators: ${pages.length} pages (${perSheet.join('; ')}); converted in ${seconds.toFixed(1)} s${process.env.SVOD_KEEP_PRINT ? `; kept: ${pdf}` : ''}`);
  }, CONVERT_TIMEOUT_MS + 60_000);

  afterAll(() => {
    if (!process.env.SVOD_KEEP_PRINT) rmSync(dir, { recursive: true, force: true });
  });

  it('is a PDF with pages, and the page count agrees between pdfinfo and the text', () => {
    expect(existsSync(pdf)).toBe(true);
    expect(pages.length).toBeGreaterThan(0);
    expect(sizes).toHaveLength(pages.length);
  });

  it('has no page larger than A4 landscape', () => {
    const tooWide = sizes.flatMap((s, i) => (s.width > A4_LONG + SLACK || s.height > A4_LONG + SLACK || Math.min(s.width, s.height) > A4_SHORT + SLACK ? [`page ${i + 1}: ${s.width} x ${s.height}`] : []));
    expect(tooWide).toEqual([]);
  });

  it('prints every sheet, in workbook order', () => {
    const starts = SHEETS.map(([sheet]) => firstPageOf[sheet]!);
    expect(starts.every((p) => p >= 0)).toBe(true);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(starts[0]).toBe(0);
  });

  it('repeats the table head with every year on every page of «Свод показателей»', () => {
    const svod = pages.slice(0, firstPageOf['Дорожные карты']);
    expect(svod.length).toBeGreaterThan(1);
    const bad = svod.flatMap((page, i) => {
      const text = squash(page);
      const lacks = ['Показатель, муниципалитет', 'Ед. изм.', ...YEARS.map(String)].filter((s) => !text.includes(s));
      return lacks.length ? [`page ${i + 1} lacks ${lacks.join(', ')}`] : [];
    });
    expect(bad).toEqual([]);
  });

  it('prints every indicator of the template and every municipality on the «Свод показателей» pages', () => {
    const text = squash(pages.slice(0, firstPageOf['Дорожные карты']).join('\n'));
    // A long name wraps inside its cell: look for its first words.
    const missingIndicators = input.template!.indicators.filter((t) => !text.includes(t.name.split(' ').slice(0, 3).join(' ')));
    expect(missingIndicators.map((t) => t.number)).toEqual([]);
    const missingMunicipalities = input.municipalities.filter((m) => !text.includes(m.name));
    expect(missingMunicipalities.map((m) => m.name)).toEqual([]);
  });

  it('prints what did not go into the Свод, with its municipalities and reasons', () => {
    const text = squash(pages.slice(firstPageOf['Не вошло в свод']).join('\n'));
    expect(text).toContain('Возможно, имелся в виду');
    const count = (phrase: string) => text.split(phrase).length - 1;
    // Rejected versions (3), the indicator not in the template (4), the shortened name (3), the year 2027 (2).
    expect({
      rejected: count('(вся версия)'),
      notInTemplate: count('нет в региональном шаблоне'),
      shortened: count('не совпадает с шаблоном'),
      year: count('этого года нет в шаблоне'),
    }).toEqual({ rejected: 3, notInTemplate: 4, shortened: 3, year: 2 });
    // A long municipality name wraps in its narrow column: its first word is on the row's first line.
    const listed = input.municipalities.filter((_, i) => i % 20 === 13 || i % 15 === 4 || i % 20 === 7 || i % 30 === 11);
    expect(listed.filter((m) => !text.includes(m.name.split(' ')[0]!)).map((m) => m.name)).toEqual([]);
  });
});
