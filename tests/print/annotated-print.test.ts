/**
 * The annotated copy in LibreOffice (issue #11): `svod check seed-002 --annotate` written by the real CLI, then
 * converted by LibreOffice headless to PDF (it prints: the marked sheets and the «Замечания Svod» list with the
 * findings' words) and to ODS (LibreOffice read every note as a comment and the list as a sheet).
 *
 * Needs `soffice` (Debian: libreoffice-calc-nogui) and `pdfinfo`/`pdftotext` (poppler-utils); fails without them.
 * `SVOD_KEEP_PRINT=1` keeps the files to look at (their folder is logged).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromBuffer, type Entry, type ZipFile } from 'yauzl';
import { SEED, svod, type JsonReport } from '../cli/helpers';

const CONVERT_TIMEOUT_MS = 180_000;
const LAZO = SEED('seed-002-lazo.xlsx');

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;
}

/** One entry of a zip, as text. */
function entryText(zipBytes: Buffer, name: string): Promise<string> {
  return new Promise((ok, fail) => {
    fromBuffer(zipBytes, { lazyEntries: true }, (err, zip?: ZipFile) => {
      if (err || !zip) return fail(err);
      zip.on('entry', (entry: Entry) => {
        if (entry.fileName !== name) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return fail(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
        });
      });
      zip.on('end', () => fail(new Error(`${name} not in the zip`)));
      zip.readEntry();
    });
  });
}

const squash = (text: string) => text.replace(/\s+/g, ' ');

describe('the annotated copy of seed-002 in LibreOffice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'svod-annotated-print-'));
  const xlsx = join(dir, 'lazo-annotated.xlsx');
  let report: JsonReport;
  let pdfText = '';
  let pages = 0;
  let ods = Buffer.alloc(0);
  const runs: Array<{ target: string; status: number | null; stderr: string }> = [];

  beforeAll(() => {
    const missing = ['soffice', 'pdfinfo', 'pdftotext'].filter((c) => !has(c));
    if (missing.length) throw new Error(`The test needs ${missing.join(', ')}: apt-get install -y libreoffice-calc-nogui poppler-utils.`);
    report = JSON.parse(svod(['check', LAZO, '--format', 'json']).stdout) as JsonReport;
    const written = svod(['check', LAZO, '--annotate', xlsx]);
    if (!existsSync(xlsx)) throw new Error(`svod wrote no copy: ${written.stderr}`);
    // A private profile: parallel runs and a desktop LibreOffice do not share (or lock) one.
    const profile = `file://${join(dir, 'profile')}`;
    for (const target of ['pdf', 'ods']) {
      const run = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', target, '--outdir', dir, xlsx], { encoding: 'utf8', timeout: CONVERT_TIMEOUT_MS });
      runs.push({ target, status: run.status, stderr: run.error ? String(run.error) : '' });
    }
    const pdf = join(dir, 'lazo-annotated.pdf');
    if (existsSync(pdf)) {
      pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1] ?? 0);
      pdfText = squash(execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
    }
    const odsPath = join(dir, 'lazo-annotated.ods');
    if (existsSync(odsPath)) ods = readFileSync(odsPath);
    if (process.env.SVOD_KEEP_PRINT) console.log(`annotated copy and its conversions kept in ${dir}`);
  }, 2 * CONVERT_TIMEOUT_MS + 60_000);

  afterAll(() => {
    if (!process.env.SVOD_KEEP_PRINT) rmSync(dir, { recursive: true, force: true });
  });

  it('converts to PDF and to ODS without an error', () => {
    expect(runs).toEqual([
      { target: 'pdf', status: 0, stderr: '' },
      { target: 'ods', status: 0, stderr: '' },
    ]);
    expect(pages).toBeGreaterThan(1);
    expect(ods.length).toBeGreaterThan(0);
  });

  it('prints the list with its header and the findings’ words', () => {
    for (const word of ['Лист', 'Ячейка', 'Важность', 'Замечание', 'Как исправить', 'Правило']) expect(pdfText).toContain(word);
    const findings = report.files[0]!.sheets.flatMap((s) => s.diagnostics);
    // Short messages fit one line of the list's message column, so the PDF's text holds them whole.
    const short = findings.filter((d) => d.message.length < 50).slice(0, 5);
    expect(short.length).toBeGreaterThan(0);
    for (const d of short) expect(pdfText).toContain(squash(d.message));
  });

  it('reads every note as a comment and the list as a sheet', async () => {
    const content = await entryText(ods, 'content.xml');
    const cells = new Set(report.files[0]!.sheets.flatMap((s) => s.diagnostics.map((d) => `${s.name}!${d.cell}`)));
    expect((content.match(/<office:annotation[ >]/g) ?? []).length).toBe(cells.size);
    expect(content).toContain('table:name="Замечания Svod"');
    expect(content).toContain('Как исправить: ');
  });
});
