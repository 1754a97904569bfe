/**
 * The Excel add-in's manifest.xml and its offline check (`npm run validate:manifest`, scripts/validate-manifest.mjs):
 * the real manifest passes; modified copies in a temporary directory fail, each with its own message.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(__dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'validate-manifest.mjs');
const MANIFEST = join(ROOT, 'manifest.xml');
const ASSETS = join(ROOT, 'addin', 'assets');
const original = readFileSync(MANIFEST, 'utf8');

function validate(args: string[] = [], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('manifest.xml', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'svod-manifest-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A modified copy of the manifest; the edit must change something, or the negative case would test nothing. */
  const copy = (name: string, edit: (xml: string) => string): string => {
    const changed = edit(original);
    expect(changed).not.toBe(original);
    const file = join(dir, `${name}.xml`);
    writeFileSync(file, changed);
    return file;
  };

  it('passes every check: schema, what office-addin-manifest reads, one origin, icons present', () => {
    const { status, output } = validate();
    expect(output).toContain('✓ XML корректен / well-formed XML');
    expect(output).toContain('✓ схема XSD / XSD schema');
    expect(output).toMatch(/✓ office-addin-manifest: 8b6f5222-a32e-4bf3-9be7-be057a05fe70, «Svod: [^»]+», 1\.0\.0\.0, TaskPaneApp, Workbook, https:\/\/localhost:3000\/addin\/taskpane\.html, ExcelApi 1\.13/);
    expect(output).toContain('значки / icons: icon-16.png, icon-32.png, icon-64.png, icon-80.png');
    expect(output).toContain('Манифест в порядке. / The manifest is valid.');
    expect(output).not.toContain('✗');
    expect(status).toBe(0);
  });

  it('has the ribbon button «Svod: проверка» in its own group «Svod» on the Home tab, in Russian with English overrides', () => {
    expect(original).toMatch(/<OfficeTab id="TabHome">\s*<Group id="Svod.Group">\s*<Label resid="Group.Label"\/>/);
    expect(original).toContain('<bt:String id="Group.Label" DefaultValue="Svod">');
    expect(original).toContain('<bt:String id="Button.Label" DefaultValue="Svod: проверка">');
    expect(original).toContain('<DefaultLocale>ru-RU</DefaultLocale>');
    expect(original).toContain('<Override Locale="en-US" Value="Svod: roadmap and indicator checks"/>');
  });

  it('fails on broken XML with the parser message', () => {
    const file = copy('broken', (xml) => xml.replace('</DefaultSettings>', '</DefaultSetting>'));
    const { status, output } = validate([file]);
    expect(output).toContain('XML не читается (ошибка разметки) / the XML is not well-formed');
    expect(output).toMatch(/broken\.xml:\d+: parser error : Opening and ending tag mismatch: DefaultSettings/);
    expect(output).toContain('The manifest is invalid');
    expect(status).toBe(1);
  });

  it('fails when a required element is missing, naming the element the schema expected', () => {
    const file = copy('no-permissions', (xml) => xml.replace(/\s*<Permissions>ReadWriteDocument<\/Permissions>/, ''));
    const { status, output } = validate([file]);
    expect(output).toContain('✗ схема XSD / XSD schema');
    expect(output).toContain('Expected is ( {http://schemas.microsoft.com/office/appforoffice/1.1}Permissions )');
    expect(output).toContain('Permissions должно быть ReadWriteDocument');
    expect(status).toBe(1);
  });

  it('fails when a resid names no resource (the schema keyrefs)', () => {
    const file = copy('dangling-resid', (xml) => xml.replace('<Label resid="Button.Label"/>', '<Label resid="Button.Missing"/>'));
    const { status, output } = validate([file]);
    expect(output).toMatch(/No match found for key-sequence \['Button.Missing'\] of keyref '\{[^}]+\}ShortStringRefs'/);
    expect(status).toBe(1);
  });

  it('fails on a URL on another origin', () => {
    const file = copy('foreign-origin', (xml) => xml.replace('<SupportUrl DefaultValue="https://localhost:3000/dashboard/"/>', '<SupportUrl DefaultValue="https://example.com/help"/>'));
    const { status, output } = validate([file]);
    expect(output).toContain("адрес не на origin панели https://localhost:3000 / URL not on the pane's origin https://localhost:3000: https://example.com/help (/OfficeApp/SupportUrl@DefaultValue)");
    expect(status).toBe(1);
  });

  it('fails when an icon the manifest references is missing from the assets', () => {
    const assets = join(dir, 'assets');
    cpSync(ASSETS, assets, { recursive: true });
    unlinkSync(join(assets, 'icon-80.png'));
    const { status, output } = validate(['--assets', assets]);
    expect(output).toContain(`нет файла значка / icon file missing: ${join(assets, 'icon-80.png')}`);
    expect(status).toBe(1);
  });

  it('fails when the requirement set is below what the pane needs', () => {
    const file = copy('old-api', (xml) => xml.replace('<Set Name="ExcelApi" MinVersion="1.13"/>', '<Set Name="ExcelApi" MinVersion="1.9"/>'));
    const { status, output } = validate([file]);
    expect(output).toContain('нужен набор ExcelApi 1.13');
    expect(output).toContain('а указано ExcelApi 1.9');
    expect(status).toBe(1);
  });

  it('says in Russian and English that xmllint is missing, and how to install it', () => {
    const { status, output } = validate([], { XMLLINT: join(dir, 'no-such-xmllint') });
    expect(output).toContain('xmllint не найден');
    expect(output).toContain('xmllint not found');
    expect(output).toContain('libxml2-utils');
    expect(status).toBe(2);
  });

  it('ships the icons scripts/make-icons.mjs draws, each a PNG of its size', () => {
    const check = `
      import { readFileSync } from 'node:fs';
      import { drawIcon, encodePng, SIZES } from ${JSON.stringify(pathToFileURL(join(ROOT, 'scripts', 'make-icons.mjs')).href)};
      const stale = SIZES.filter((s) => !encodePng(s, s, drawIcon(s)).equals(readFileSync(${JSON.stringify(ASSETS)} + '/icon-' + s + '.png')));
      console.log(JSON.stringify({ sizes: SIZES, stale }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', check], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ sizes: [16, 32, 64, 80], stale: [] });
    for (const size of [16, 32, 64, 80]) {
      const png = readFileSync(join(ASSETS, `icon-${size}.png`));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });
});
