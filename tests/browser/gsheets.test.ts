/// <reference lib="dom" />
/// <reference types="google-apps-script" />
/**
 * The BUILT Google Sheets sidebar (addin/gsheets/dist/Sidebar.html, built here into a temporary folder) in Debian's
 * Chromium at Google's sidebar width, 300 px. `google.script.run` is stubbed in the page and routed
 * (`page.exposeFunction`) to the add-on's server functions running in this Node process over the fake Apps Script
 * (addin/test/gsheets/fake.ts) holding seed-002 with a person's own fills and notes; arguments and results cross as
 * JSON, as Google sends them. The page itself comes from `showSidebar()` (the menu's path). Walks check → select →
 * highlight → restore → fix all → submit → receipt against a real sync server process on 127.0.0.1, counting the
 * `google.script.run` calls of each step, with a screenshot of each in artifacts/gsheets/; then a template, the region
 * tab and Автопроверка by polling.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { allDiagnostics, check, collectFixes, type CheckReport } from '@svod/shared';
import * as server from '../../addin/gsheets/server/main';
import type { ServerFunctionName } from '../../addin/gsheets/shared/wire';
import { countsText } from '../../addin/src/state/diagnostics';
import { FakeBook, installAppsScript, type FakeSheet, type InstalledAppsScript } from '../../addin/test/gsheets/fake';
import { freePort, RealServer } from '../../sync-server/test/real-server';
import { launchChromium } from './browser';

const ROOT = join(__dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'artifacts', 'gsheets');
const SEED = join(ROOT, 'tests', 'fixtures', 'seeds', 'seed-002-lazo.xlsx');
const COORDINATOR = 'svod_gsheets-browser-test-coordinator-0123456789';
const SHEET = 'План-график';
const SIDEBAR_URL = 'https://n-svod-0lu-script.googleusercontent.test/userCodeAppPanel';
/** A19 and C9 are diagnosed in seed-002; A1 and B6 are not. */
const PERSON = { fills: { A19: '#ffff00', C9: '#c6efce', A1: '#ddebf7' }, notes: { C9: 'Уточнить у Иванова', B6: 'Сверено с приказом' } };

/** `google.script.run` as Google's page script gives it: handlers chained, then the server function by name. */
const RUN_STUB = `(() => {
  const runner = (success, failure) => new Proxy({}, {
    get(_, name) {
      if (name === 'withSuccessHandler') return (fn) => runner(fn, failure);
      if (name === 'withFailureHandler') return (fn) => runner(success, fn);
      if (typeof name !== 'string') return undefined;
      return (...args) => {
        window.__svodServer(name, JSON.stringify(args)).then((text) => {
          const answer = JSON.parse(text);
          setTimeout(() => (answer.ok ? success && success(answer.value) : failure && failure(new Error(answer.message))), 0);
        });
      };
    },
  });
  window.google = { script: { run: runner(null, null) } };
})();`;

describe('the Google Sheets sidebar over the fake Apps Script, in Chromium at 300 px', () => {
  let sync: RealServer;
  let url: string;
  let browser: Browser;
  let page: Page;
  let book: FakeBook;
  let installed: InstalledAppsScript;
  let expected: CheckReport;
  let before: ReturnType<FakeSheet['marks']>;
  const runs: ServerFunctionName[] = [];
  const pageErrors: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'svod-gsheets-browser-'));
  const buildDir = mkdtempSync(join(tmpdir(), 'svod-gsheets-dist-'));

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, name), fullPage: false });
  const notice = () => page.textContent('[data-testid=check-notice]');
  /** The round trips of one step: waits until none has come for a moment. */
  const step = async (fn: () => Promise<void>): Promise<ServerFunctionName[]> => {
    const from = runs.length;
    await fn();
    let last = -1;
    while (runs.length !== last) {
      last = runs.length;
      await page.waitForTimeout(200);
    }
    return runs.slice(from);
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync(process.execPath, [join(ROOT, 'addin', 'gsheets', 'build.mjs')], { env: { ...process.env, SVOD_GSHEETS_OUT: buildDir }, stdio: 'pipe' });

    const port = await freePort();
    sync = new RealServer(port, { SVOD_DATA_DIR: dataDir, SVOD_COORDINATOR_TOKEN: COORDINATOR, SVOD_DEMO: '0' });
    sync.start();
    await sync.ready();
    url = `http://127.0.0.1:${port}`;

    book = await FakeBook.fromXlsx(SEED, SHEET);
    const sheet = book.sheet(SHEET);
    for (const [a1, color] of Object.entries(PERSON.fills)) sheet.cell(a1).background = color;
    for (const [a1, note] of Object.entries(PERSON.notes)) sheet.cell(a1).note = note;
    before = sheet.marks();
    expected = check({ sheets: [await readSeedGrid()] });
    // The add-on built for this server: its address is the sidebar's default, and UrlFetchApp may reach it.
    installed = installAppsScript(book, { serverUrl: `${url}/`, allowedPrefixes: [`${url}/`] });
    book.htmlFiles.Sidebar = readFileSync(join(buildDir, 'Sidebar.html'), 'utf8');

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 300, height: 860 }, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await page.exposeFunction('__svodServer', (name: ServerFunctionName, args: string) => {
      runs.push(name);
      try {
        const value = (server[name] as (...a: unknown[]) => unknown)(...(JSON.parse(args) as unknown[]));
        return JSON.stringify({ ok: true, value: value === undefined ? null : value });
      } catch (e) {
        return JSON.stringify({ ok: false, message: `Exception: ${e instanceof Error ? e.message : String(e)}` });
      }
    });
    await page.addInitScript(RUN_STUB);
    await page.route(SIDEBAR_URL, (route) => route.fulfill({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: book.sidebar!.getContent() }));
  }, 120_000);

  async function readSeedGrid() {
    const { readXlsx } = await import('@svod/shared/xlsx');
    return (await readXlsx(readFileSync(SEED))).grids.sheets.find((g) => g.name === SHEET)!;
  }

  afterAll(async () => {
    await browser?.close();
    installed?.uninstall();
    await sync?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(buildDir, { recursive: true, force: true });
  });

  it('opens from the menu: «Проверить лист» shows the 300 px «Svod» sidebar on «Проверка»', async () => {
    server.onOpen();
    expect(book.menus[0]!.items.map(([caption]) => caption)).toEqual(['Проверить лист', 'Вставить шаблон', 'Отправить в регион']);
    server.svodMenuCheck();
    expect(book.sidebar).toMatchObject({ title: 'Svod', width: 300 });
    await page.goto(SIDEBAR_URL);
    await page.getByRole('button', { name: 'Проверить' }).waitFor();
    expect(await page.getByRole('tab', { name: 'Проверка' }).getAttribute('aria-selected')).toBe('true');
    await shot('1-start.png');
  });

  it('checks the active sheet in one google.script.run call, and lists what the core finds in Node', async () => {
    const trips = await step(async () => {
      await page.getByRole('button', { name: 'Проверить' }).click();
      await page.waitForSelector('[data-testid=tables] li');
    });
    expect(trips).toEqual(['svodRead']);
    expect(await page.textContent('[data-testid=summary]')).toContain(`Итого: ${countsText(expected.summary)}`);
    const diagnostics = allDiagnostics(expected);
    const rules = await page.$$eval('[data-testid=diagnostics] > li', (lis) => lis.map((li) => li.getAttribute('data-rule')));
    expect(new Set(rules)).toEqual(new Set(diagnostics.map((d) => d.ruleId)));
    for (const more of await page.getByRole('button', { name: /Показать все/ }).all()) await more.click();
    const shown = await page.$$eval('[data-testid=diagnostics] li[data-cell]', (lis) => lis.map((li) => li.getAttribute('data-cell')!));
    expect(shown.sort()).toEqual(diagnostics.map((d) => `${d.sheet}!${d.cell}`).sort());
    for (const less of await page.getByRole('button', { name: 'Свернуть' }).all()) await less.click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('2-checked.png');
  });

  it('a click on a diagnostic selects its cell in the sheet', async () => {
    const trips = await step(async () => {
      await page.locator(`li[data-cell="${SHEET}!A19"] button`).first().click();
    });
    expect(trips).toEqual(['svodSelect']);
    expect(book.selection).toEqual({ sheet: SHEET, a1: 'A19' });
    await shot('3-selected.png');
  });

  it('«Подсветить»: fills and notes on the problem cells, one call; a person\'s marks elsewhere stay', async () => {
    const trips = await step(async () => {
      await page.getByRole('button', { name: 'Подсветить' }).click();
      await page.waitForFunction(() => document.querySelector('[data-testid=check-notice]')?.textContent?.includes('Подсвечено'));
    });
    expect(trips).toEqual(['svodHighlight']);
    const after = book.sheet(SHEET).marks();
    for (const d of allDiagnostics(expected)) {
      expect(after.fills[d.cell]).toBeDefined();
      expect(after.notes[d.cell]).toContain(d.message);
    }
    expect(after.fills.A19).not.toBe(before.fills.A19);
    expect(after.fills.A1).toBe(before.fills.A1);
    expect(after.notes.B6).toBe('Сверено с приказом');
    await shot('4-highlighted.png');
  });

  it('«Снять подсветку» puts back exactly the fills and notes that were there', async () => {
    const trips = await step(async () => {
      await page.getByRole('button', { name: 'Снять подсветку' }).click();
      await page.waitForFunction(() => document.querySelector('[data-testid=check-notice]')?.textContent?.includes('Подсветка снята'));
    });
    expect(trips).toEqual(['svodClearHighlight']);
    expect(book.sheet(SHEET).marks()).toEqual(before);
    await shot('5-restored.png');
  });

  it('«Исправить все»: a fresh read, the edits in one call, the re-check; no safe fix is left', async () => {
    const safe = collectFixes(allDiagnostics(expected));
    expect(safe.edits.length).toBeGreaterThan(50);
    const trips = await step(async () => {
      await page.getByRole('button', { name: `Исправить все (${safe.applied.length})` }).first().click();
      await page.waitForFunction(() => document.querySelector('[data-testid=check-notice]')?.textContent?.startsWith('Исправлено'));
    });
    expect(trips).toEqual(['svodRead', 'svodApplyEdits', 'svodRead']);
    for (const e of safe.edits) expect(book.sheet(SHEET).peek(e.cell)?.value ?? '').toEqual(e.value ?? '');
    expect(await page.getByRole('button', { name: /^Исправить все/ }).count()).toBe(0);
    expect(await notice()).toMatch(/^Исправлено/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('6-fixed.png');
  });

  it('sends the sheets through UrlFetchApp with a municipality token: the receipt says version 1, the server has it', async () => {
    const res = await fetch(`${url}/api/v1/municipalities`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${COORDINATOR}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'lazo', name: 'Лазовский муниципальный округ' }),
    });
    expect(res.status).toBe(201);
    const { token } = (await res.json()) as { token: string };

    await page.getByRole('tab', { name: 'Отправка' }).click();
    const send = page.locator('#panel-send');
    expect(await send.getByLabel('Адрес сервера').inputValue()).toBe(url);
    await send.getByLabel('Токен муниципалитета').fill(token);
    const trips = await step(async () => {
      await page.getByRole('button', { name: 'Отправить' }).click();
      await page.getByTestId('receipt').waitFor();
      await page.getByTestId('versions').waitFor();
    });
    // The token went to the user's properties (one call per change), never the document's.
    expect(trips.filter((t) => t !== 'svodSaveSetting')).toEqual(['svodRead', 'svodFetch', 'svodFetch']);
    expect(book.userProperties.values.get('svod.municipalityToken')).toBe(token);
    expect([...book.documentProperties.values.keys()]).toEqual([]);
    expect(await page.getByTestId('receipt').textContent()).toMatch(/Отправлено: версия 1/);
    const sent = book.fetches.find((f) => f.url.endsWith('/api/v1/submissions') && f.params.method === 'post')!;
    expect(sent.params.headers).toMatchObject({ 'idempotency-key': expect.stringMatching(/^[0-9a-f-]{16,}$/) });
    await shot('7-sent.png');

    const list = (await (await fetch(`${url}/api/v1/submissions`, { headers: { Authorization: `Bearer ${COORDINATOR}` } })).json()) as {
      submissions: Array<{ version: number; municipalityId: string; kind: string }>;
    };
    expect(list.submissions).toEqual([expect.objectContaining({ version: 1, municipalityId: 'lazo', kind: 'json' })]);
  });

  it('«Шаблон» adds a blank roadmap sheet and, as the book has no glossary, a «Сокращения» sheet to fill', async () => {
    await page.getByRole('tab', { name: 'Шаблон' }).click();
    const names = book.sheets.map((x) => x.name);
    expect(names).not.toContain('Сокращения');
    const trips = await step(async () => {
      await page.locator('#panel-template').getByRole('button', { name: 'Вставить шаблон' }).click();
      await page.getByTestId('template-notice').waitFor();
    });
    expect(trips).toEqual(['svodRead', 'svodInsertTemplate']);
    expect(book.sheets.map((x) => x.name)).toEqual([...names, 'Дорожная карта', 'Сокращения']);
    expect(await page.getByTestId('template-notice').textContent()).toMatch(/^Добавлен лист «Дорожная карта».*добавлен лист «Сокращения»/);
    const added = book.sheet('Дорожная карта');
    expect(added.peek('A4')).toMatchObject({ value: '№ п/п', bold: true, wrap: true });
    expect(added.peek('A5')!.format).toBe('@');
    expect(book.active).toBe(added);
    expect(book.selection).toEqual({ sheet: 'Дорожная карта', a1: 'A5' });
    await shot('8-template.png');
    // Back to the checked sheet, as the official would.
    book.active = book.sheet(SHEET);
  });

  it('«Регион» says where the regional workbook insert is, why Sheets cannot, and what to do instead', async () => {
    await page.getByRole('tab', { name: 'Регион' }).click();
    const button = page.getByRole('button', { name: 'Вставить региональную книгу' });
    expect(await button.isDisabled()).toBe(true);
    expect(await page.getByTestId('workbook-unavailable').textContent()).toMatch(/нельзя вставить.*«Скачать региональную книгу»/);
    await shot('9-region.png');
  });

  it('Автопроверка says it polls, and re-checks after a person\'s edit', async () => {
    await page.getByRole('tab', { name: 'Проверка' }).click();
    await page.getByRole('switch', { name: 'Автопроверка' }).check();
    expect(await page.getByTestId('autocheck-hint').textContent()).toMatch(/каждые 5 секунд/);
    // The first poll learns the fingerprint; then someone edits the sheet, and a poll after it re-reads.
    const from = runs.length;
    const until = async (name: ServerFunctionName, after: number) => {
      for (let i = 0; i < 80 && !runs.slice(after).includes(name); i++) await page.waitForTimeout(200);
      return runs.slice(after).includes(name);
    };
    expect(await until('svodFingerprint', from)).toBe(true);
    const edited = runs.length;
    book.sheet(SHEET).cell('B7').value = 'Мероприятие, вписанное вручную';
    expect(await until('svodRead', edited)).toBe(true);
    await shot('10-autocheck.png');
    await page.getByRole('switch', { name: 'Автопроверка' }).uncheck();
  });

  it('fits 300 px and raised no script errors', async () => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // All four tabs visible at once: the tab list does not scroll.
    const tabs = await page.getByRole('tablist').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(tabs).toBeLessThanOrEqual(0);
    expect(pageErrors).toEqual([]);
  });
});
