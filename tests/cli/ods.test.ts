/**
 * `svod check` on LibreOffice's own format and on workbooks under other names: an .ods LibreOffice wrote (two seeds,
 * converted once) gives the report its xlsx gives; a workbook is read by its content whatever its name; a zip or an
 * OLE2 file that is not one is named as what it is; `--fix` on an .ods writes an .xlsx; hostile .ods files end as one
 * Russian sentence and exit 2.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { readXlsx } from '@svod/shared/xlsx';
import { bombZip, contentXml, oneSheet, sofficeConvert, tf, tr, ts } from '../../shared/test/ods-books';
import { CYRILLIC, ROOT, SEED, STACK_LINE, svod, type JsonReport, type Run } from './helpers';

let dir: string;
const LAZO = SEED('seed-002-lazo.xlsx');
const KIROV = SEED('seed-001-kirov.xlsx');
let lazoOds: string;
let kirovOds: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'svod-cli-ods-'));
  [lazoOds, kirovOds] = sofficeConvert([join(ROOT, LAZO), join(ROOT, KIROV)], 'ods', dir) as [string, string];
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function report(r: Run): JsonReport {
  expect(r.stdout).not.toMatch(STACK_LINE);
  expect(r.stderr).not.toMatch(STACK_LINE);
  return JSON.parse(r.stdout) as JsonReport;
}

const check = (path: string, extra: string[] = []) => svod(['check', path, '--format', 'json', ...extra]);
/** The report without the file names, to compare two files' findings. */
const findings = (r: JsonReport) => ({ sheets: r.files.map((f) => f.sheets), summary: r.summary });

function file(name: string, bytes: Uint8Array | string): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

/** The one sentence a file that cannot be read gets, in text and in JSON. */
function refusal(path: string): string {
  const text = svod(['check', path]);
  expect(text.status).toBe(2);
  expect(text.stdout).not.toMatch(STACK_LINE);
  expect(text.stderr).not.toMatch(STACK_LINE);
  expect(text.stdout.trimEnd().split('\n').slice(-1)).toEqual(['Итого: файл не проверен.']);
  const j = check(path);
  expect(j.status).toBe(2);
  const error = report(j).files[0]!.error!;
  expect(error).toMatch(CYRILLIC);
  expect(text.stdout).toContain(`Не удалось прочитать файл: ${error}`);
  return error;
}

describe('svod check on an .ods LibreOffice wrote', () => {
  test.each([
    ['Lazo', () => [LAZO, lazoOds]],
    ['Kirov', () => [KIROV, kirovOds]],
  ])('%s: the same findings as its xlsx, and the same exit code', (_name, paths) => {
    const [xlsx, ods] = paths() as [string, string];
    const fromXlsx = check(xlsx);
    const fromOds = check(ods);
    expect(fromOds.status).toBe(fromXlsx.status);
    const a = report(fromXlsx);
    const b = report(fromOds);
    expect(b.files[0]!.file).toBe(ods);
    expect(findings(b)).toEqual(findings(a));
    expect(b.summary.errors + b.summary.warnings + b.summary.infos).toBeGreaterThan(0);
  });

  test('--fix on an .ods writes the corrected copy as an .xlsx: the same cells as the xlsx’s corrected copy', async () => {
    const fromXlsx = join(dir, 'lazo-fixed-from-xlsx.xlsx');
    const fromOds = join(dir, 'lazo-fixed-from-ods.xlsx');
    const a = svod(['check', LAZO, '--fix', '--out', fromXlsx]);
    const b = svod(['check', lazoOds, '--fix', '--out', fromOds]);
    expect(b.status).toBe(a.status);
    expect(b.stderr).toMatch(/^Исправлено ячеек: [1-9]\d*\. Копия записана в .*lazo-fixed-from-ods\.xlsx\.$/m);
    expect(b.stderr.match(/Исправлено ячеек: \d+/)![0]).toBe(a.stderr.match(/Исправлено ячеек: \d+/)![0]);
    const sorted = (g: Awaited<ReturnType<typeof readXlsx>>['grids']) => g.sheets.map((s) => ({ ...s, merges: [...(s.merges ?? [])].sort((x, y) => x.top - y.top || x.left - y.left) }));
    expect(sorted((await readXlsx(readFileSync(fromOds))).grids)).toEqual(sorted((await readXlsx(readFileSync(fromXlsx))).grids));
    // And the original .ods is untouched by it.
    expect(readFileSync(lazoOds).subarray(30, 38).toString('latin1')).toBe('mimetype');
  });

  test('--fix on an .ods with --out in another format is refused in Russian, and nothing is written', () => {
    const out = join(dir, 'fixed.ods');
    const r = svod(['check', lazoOds, '--fix', '--out', out, '--format', 'json']);
    expect(r.status).toBe(2);
    expect(report(r).files[0]!.error).toBe(`исправленная копия книги Excel записывается только в .xlsx, а указано «${out}».`);
    expect(existsSync(out)).toBe(false);
  });
});

describe('a workbook is read by its content, whatever its name', () => {
  test.each(['kirov.bin', 'kirov', 'kirov.dat', 'kirov.ods', 'kirov.docx'])('a real xlsx named %s gives the xlsx’s findings', (name) => {
    const p = join(dir, name);
    copyFileSync(join(ROOT, KIROV), p);
    expect(findings(report(check(p)))).toEqual(findings(report(check(KIROV))));
  });

  test.each(['lazo.bin', 'lazo.xlsx', 'lazo'])('an .ods named %s gives the .ods’s findings', (name) => {
    const p = join(dir, name);
    copyFileSync(lazoOds, p);
    expect(findings(report(check(p)))).toEqual(findings(report(check(lazoOds))));
  });

  test('a zip that is not a workbook is named as what it is', () => {
    const docx = file('письмо.docx', zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') }));
    expect(refusal(docx)).toBe('это документ Word (.docx), а не таблица: нужна книга Excel (.xlsx), таблица LibreOffice (.ods) или CSV.');
    const odt = file('письмо.odt', oneSheet(tr(ts('x')), { mimetype: 'application/vnd.oasis.opendocument.text' }));
    expect(refusal(odt)).toBe('это текстовый документ LibreOffice (.odt), а не таблица: нужна книга Excel (.xlsx), таблица LibreOffice (.ods) или CSV.');
    const archive = file('архив.zip', zipSync({ 'readme.txt': strToU8('привет') }));
    expect(refusal(archive)).toBe('это архив ZIP, а не книга Excel или таблица LibreOffice: в нём нет листов книги.');
  });

  test.each(['old.xls', 'old.bin', 'old.xlsx', 'old'])('an OLE2 file (Excel 97–2003) named %s gets how to convert it', (name) => {
    const p = file(name, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
    const error = refusal(p);
    expect(error).toMatch(/^старый формат \.xls не поддерживается/);
    expect(error).toContain('«Файл → Сохранить как → .xlsx или .ods»');
    expect(error).toContain('soffice --headless --convert-to xlsx');
  });
});

describe('hostile .ods files: one Russian sentence, exit 2', () => {
  test('a zip bomb (5 MB of zeros from 5 KB, over the 100:1 ratio)', () => {
    expect(refusal(file('bomb.ods', bombZip(5 * 1024 * 1024)))).toMatch(/^файл похож на «zip-бомбу»/);
  });

  test('a DTD with entities in content.xml', () => {
    const content = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>' + contentXml({ sheets: [{ name: 'Лист1', body: tr(ts('&b;')) }] }).replace(/^<\?xml[^>]*>/, '');
    expect(refusal(file('dtd.ods', oneSheet('', { content })))).toMatch(/^в файле есть объявления DTD/);
  });

  test('a filled cell repeated 10⁹ times', () => {
    const p = file('wide.ods', oneSheet(tr('<table:table-cell table:number-columns-repeated="1000000000" office:value-type="float" office:value="1"/>')));
    expect(refusal(p)).toBe('книга слишком большая или сложная: в ней слишком много ячеек или объединённых ячеек.');
  });

  test('10⁹ empty columns and rows after the table are not a problem', () => {
    const body = tr(ts('№'), ts('Мероприятие'), `<table:table-cell table:number-columns-repeated="1000000000"/>`) + tr(tf(1, '1'), ts('Совещание')) + `<table:table-row table:number-rows-repeated="1000000000"><table:table-cell table:number-columns-repeated="1000000000"/></table:table-row>`;
    const r = check(file('trailing.ods', oneSheet(body)));
    expect(r.status).not.toBe(2);
    expect(report(r).files[0]!.error).toBeUndefined();
  });

  test('an .ods without content.xml', () => {
    const p = file('empty.ods', zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }], 'META-INF/manifest.xml': strToU8('<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>') }));
    expect(refusal(p)).toBe('файл повреждён: это таблица OpenDocument (.ods) без содержимого (в ней нет части content.xml).');
  });

  test('a password-protected .ods', () => {
    const manifest =
      '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">' +
      '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"/></manifest:file-entry></manifest:manifest>';
    expect(refusal(file('secret.ods', oneSheet(tr(ts('x')), { manifest })))).toBe('таблица защищена паролем: откройте её в LibreOffice, сохраните без пароля и проверьте ещё раз.');
  });
});
