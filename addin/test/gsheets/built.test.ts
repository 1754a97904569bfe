/**
 * The built Apps Script folder (`npm run build:gsheets`, here into a temporary folder) is what `clasp push` takes:
 * a valid manifest with the narrowest scopes and the server's origin whitelisted, a Code.js whose global functions
 * cover every function the sidebar calls (read from the sidebar's own script), and one self-contained HTML page.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { allDiagnostics, check } from '@svod/shared';
import { marksFor } from '../../src/host/highlight';
import { revive } from '../../gsheets/sidebar/sheets-port';
import type { ServerFunctions, WireRead } from '../../gsheets/shared/wire';
import { appsScriptGlobals, FakeBook } from './fake';
import { seed } from './helpers';

const ROOT = join(__dirname, '..', '..', '..');
const BUILD = join(ROOT, 'addin', 'gsheets', 'build.mjs');

function buildInto(dir: string, serverUrl?: string): string {
  return execFileSync(process.execPath, [BUILD], { env: { ...process.env, SVOD_GSHEETS_OUT: dir, ...(serverUrl ? { SVOD_SERVER_URL: serverUrl } : {}) }, encoding: 'utf8', stdio: 'pipe' });
}

describe('the built Apps Script folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'svod-gsheets-built-'));
  beforeAll(() => {
    buildInto(dir, 'https://svod.region.example/api/v1');
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('holds exactly what clasp pushes', () => {
    expect(readdirSync(dir).sort()).toEqual(['.clasp.json.example', 'Code.js', 'Sidebar.html', 'appsscript.json']);
    expect(JSON.parse(readFileSync(join(dir, '.clasp.json.example'), 'utf8'))).toMatchObject({ rootDir: '.' });
  });

  test('appsscript.json: V8, Europe/Moscow, the three narrow scopes, the server origin whitelisted', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'appsscript.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.timeZone).toBe('Europe/Moscow');
    expect([...(manifest.oauthScopes as string[])].sort()).toEqual([
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.external_request',
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
    ]);
    expect(manifest.urlFetchWhitelist).toEqual(['https://svod.region.example/']);
    expect(new Intl.DateTimeFormat('ru', { timeZone: manifest.timeZone as string }).resolvedOptions().timeZone).toBe('Europe/Moscow');
  });

  test('Code.js declares, as plain global functions, the menu entries and every function the sidebar calls', () => {
    const code = readFileSync(join(dir, 'Code.js'), 'utf8');
    const html = readFileSync(join(dir, 'Sidebar.html'), 'utf8');
    // The server functions the sidebar's script names (its calls `x.svodRead(…)` and its list of them).
    const called = [...new Set([...html.matchAll(/\b(svod[A-Z]\w*)\b/g)].map((m) => m[1]!))].sort();
    expect(called).toEqual(['svodApplyEdits', 'svodClearHighlight', 'svodFetch', 'svodFingerprint', 'svodHighlight', 'svodInsertTemplate', 'svodRead', 'svodSaveDocumentSetting', 'svodSaveSetting', 'svodSelect']);
    const declared = new Set([...code.matchAll(/^function (\w+)\(/gm)].map((m) => m[1]!));
    for (const name of [...called, 'onOpen', 'onInstall', 'showSidebar', 'svodMenuCheck', 'svodMenuTemplate', 'svodMenuSend']) expect(declared).toContain(name);
    // Loaded as Apps Script loads it, each is a function of the global scope that reaches the bundle.
    const context: Record<string, unknown> = {};
    vm.runInNewContext(code, context);
    for (const name of declared) expect(typeof context[name]).toBe('function');
    // The server address is baked in.
    expect(code).toContain('https://svod.region.example/');
  });

  test('Code.js run as Apps Script runs it: read, highlight, restore and fixes over the fake, as from the source', async () => {
    const book = await FakeBook.fromXlsx(seed('seed-002-lazo.xlsx'), 'План-график');
    const before = book.sheet('План-график').marks();
    const context = { ...appsScriptGlobals(book) } as Record<string, unknown>;
    vm.runInNewContext(readFileSync(join(dir, 'Code.js'), 'utf8'), context);
    const gas = context as unknown as ServerFunctions;
    // Through JSON, as google.script.run carries it.
    const read = JSON.parse(JSON.stringify(gas.svodRead('active'))) as WireRead;
    const diagnostics = allDiagnostics(check(revive(read)));
    expect(diagnostics.length).toBeGreaterThan(50);
    gas.svodHighlight(JSON.parse(JSON.stringify(marksFor(diagnostics))));
    expect(book.sheet('План-график').marks()).not.toEqual(before);
    gas.svodClearHighlight();
    expect(book.sheet('План-график').marks()).toEqual(before);
    gas.svodApplyEdits([{ sheet: 'План-график', cell: 'B6', value: '=HYPERLINK("x")' }]);
    expect(book.sheet('План-график').peek('B6')).toMatchObject({ value: '=HYPERLINK("x")', format: '@' });
  });

  test('Sidebar.html is one self-contained page: the script and CSS inline, nothing external, the boot slot once', () => {
    const html = readFileSync(join(dir, 'Sidebar.html'), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+stylesheet/i);
    expect(html.split('"__SVOD_BOOT__"')).toHaveLength(2);
    expect(html).toContain('.svod-visually-hidden');
    expect(html.length).toBeGreaterThan(200_000);
    // Inline, the bundle may not end its element early: exactly two script elements close, the second at the end.
    const parts = html.split(/<\/script\s*>/i);
    expect(parts).toHaveLength(3);
    expect(parts[2]!.trim()).toBe('</body>\n</html>');
    expect(parts[1]!.length).toBeGreaterThan(200_000);
  });

  test('a server that is not https is refused, in Russian', () => {
    const other = mkdtempSync(join(tmpdir(), 'svod-gsheets-http-'));
    try {
      expect(() => buildInto(other, 'http://svod.example.ru')).toThrow(/только к серверам по https/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
