/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The coordinator's dashboard in a real browser against a real server on 127.0.0.1: log in with the token, see who
 * submitted, open a municipality's versions and their diagnostics. Screenshots go to artifacts/ for a person to look at.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startServer } from '../../sync-server/src/server';
import { launchChromium } from './browser';
import { assertSafeWorkbook } from '../../sync-server/test/support/scan-workbook';

const ROOT = join(__dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'artifacts', 'dashboard');
const COORDINATOR = 'svod_browser-test-coordinator-0123456789abcdef';

describe('the coordinator dashboard', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let url: string;
  const dir = mkdtempSync(join(tmpdir(), 'svod-dashboard-'));

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    let printed = '';
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
      printed += String(c);
      return true;
    });
    server = await startServer({ PORT: '0', HOST: '127.0.0.1', SVOD_DATA_DIR: dir, SVOD_LOG_LEVEL: 'silent', SVOD_COORDINATOR_TOKEN: COORDINATOR });
    write.mockRestore();
    const [kamchatka, kirov] = [...printed.matchAll(/: (svod_\S+)/g)].map((m) => m[1]!);
    url = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
    const send = async (token: string, file: string) => {
      const form = new FormData();
      form.append('file', new Blob([readFileSync(join(ROOT, 'tests', 'fixtures', 'seeds', file))]), file);
      const res = await fetch(`${url}/api/v1/submissions`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
      return ((await res.json()) as { status: string }).status;
    };
    expect(await send(kamchatka!, 'seed-000-kamchatka.xlsx')).toBe('accepted');
    expect(await send(kirov!, 'seed-001-kirov.xlsx')).toBe('rejected');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1100, height: 760 }, locale: 'ru-RU' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks for the coordinator token and refuses a wrong one in Russian', async () => {
    await page.goto(`${url}/dashboard/`);
    await page.fill('#token', 'svod_wrong-token-wrong-token-wrong-token-000');
    await page.click('button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#login-error')?.textContent !== '');
    expect(await page.textContent('#login-error')).toMatch(/Токен доступа не подходит/);
    await page.screenshot({ path: join(ARTIFACTS, '1-login.png') });
  });

  it('shows every municipality with its status after logging in', async () => {
    await page.fill('#token', COORDINATOR);
    await page.click('button[type=submit]');
    await page.waitForSelector('#status tbody tr');
    const rows = await page.$$eval('#status tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)));
    expect(rows).toEqual([
      ['Елизовский муниципальный район', 'сдано с ошибками'],
      ['Петропавловск-Камчатский городской округ', 'принято'],
      ['Усть-Камчатский муниципальный район', 'не сдано'],
    ]);
    expect(await page.textContent('#counts')).toContain('принято: 1');
    // Times on the region's clock, with its name.
    expect(await page.textContent('#time-head')).toBe('Сдано (МСК)');
    await page.screenshot({ path: join(ARTIFACTS, '2-status.png') });
  });

  it('filters by status', async () => {
    await page.selectOption('#filter', 'не сдано');
    expect(await page.$$eval('#status tbody tr', (trs) => trs.length)).toBe(1);
    await page.selectOption('#filter', '');
  });

  it('opens a municipality: its versions and the errors of the last one first', async () => {
    await page.click('#status tbody tr:first-child');
    await page.waitForSelector('#diagnostics li');
    expect(await page.textContent('#details-title')).toBe('Елизовский муниципальный район');
    const first = await page.$$eval('#diagnostics li', (lis) => lis.slice(0, 2).map((li) => li.textContent));
    expect(first[0]).toMatch(/^Ошибка Дорожная карта!C46: Дата «\.10\.2021» записана не полностью/);
    expect(first[1]).toMatch(/^Ошибка План мероприятий!A21: Номер 4\.2 уже есть выше\./);
    await page.screenshot({ path: join(ARTIFACTS, '3-details.png') });
  });

  it('downloads the regional workbook', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    expect(download.suggestedFilename()).toMatch(/^Свод — Камчатский край — \d{4}-\d{2}-\d{2}\.xlsx$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    await assertSafeWorkbook(bytes);
  });
});
