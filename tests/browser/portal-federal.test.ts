/// <reference lib="dom" />
/**
 * The federal coordinator's path through the portal in Debian's Chromium against a real server started with
 * SVOD_FEDERAL_TOKEN, at 1366 px and at 390 px: sign in (the role from the server), every region with its deadline,
 * what it collects and «в своде N из M», a new region refused in Russian and then created with its coordinator's token
 * shown once, one region's municipalities read-only, and the federal summary downloaded.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer } from '../../sync-server/src/server';
import { filledKamchatka } from '../../sync-server/test/helpers';
import { launchChromium } from './browser';
import { ARTIFACTS, pageWidth, signIn, WIDTHS } from './portal-server';

const COORDINATOR = 'svod_federal-test-coordinator-0123456789abcdef';
const FEDERAL = 'svod_federal-test-federal-0123456789abcdef0123';

interface Line {
  id: string;
  name: string;
  deadline: string | null;
  collects: string | null;
  inSvod: number;
  total: number;
}

/** The token dialog once it has faded in: a screenshot of it mid-animation shows the page through it. */
const dialogShown = (page: Page) => page.waitForFunction(() => getComputedStyle(document.querySelector('.fui-DialogSurface')!).opacity === '1');

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `federal-${name}.png`), fullPage: true });

describe('the portal, federal coordinator', () => {
  let url: string;
  let browser: Browser;
  let dir: string;
  let server: Awaited<ReturnType<typeof startServer>>;
  let kamchatka: string;

  const api = async <T = unknown>(token: string, path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { Authorization: `Bearer ${token}`, ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const send = async (token: string, bytes: Buffer, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    const res = await fetch(`${url}/api/v1/submissions`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
    expect(res.status).toBe(201);
  };
  const regions = async () => (await api<{ regions: Line[] }>(FEDERAL, '/federal/regions')).body.regions;

  async function open(width: keyof typeof WIDTHS): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: WIDTHS[width], locale: 'ru-RU', timezoneId: 'Europe/Moscow', acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text());
    });
    return { context, page, errors };
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'svod-portal-federal-'));
    let printed = '';
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
      printed += String(c);
      return true;
    });
    try {
      server = await startServer({
        PORT: '0',
        HOST: '127.0.0.1',
        SVOD_DATA_DIR: dir,
        SVOD_LOG_LEVEL: 'silent',
        SVOD_COORDINATOR_TOKEN: COORDINATOR,
        SVOD_FEDERAL_TOKEN: FEDERAL,
        SVOD_TIME_ZONE: 'Asia/Kamchatka',
        SVOD_DEMO: '1',
      });
    } finally {
      write.mockRestore();
    }
    url = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
    // The demo region: two of its three municipalities in the Свод, a deadline ahead.
    const [petropavlovsk, , ustKamchatsky] = [...printed.matchAll(/: (svod_\S+)/g)].map((m) => m[1]!);
    await send(petropavlovsk!, await filledKamchatka(0), 'Петропавловск.xlsx');
    await send(ustKamchatsky!, await filledKamchatka(4), 'Усть-Камчатск.xlsx');
    expect((await api(COORDINATOR, '/region/deadline', { method: 'PUT', body: { deadline: '2099-12-25' } })).status).toBe(200);
    // A second region, just created: no template, no municipalities, no deadline.
    expect((await api(FEDERAL, '/federal/regions', { method: 'POST', body: { id: 'sakhalin', name: 'Сахалинская область', timeZone: 'Asia/Sakhalin' } })).status).toBe(201);
    kamchatka = (await regions()).find((r) => r.id !== 'sakhalin')!.id;
    browser = await launchChromium();
  }, 40_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('at 1366 px: sees the regions, creates one and its token once, reads a region, downloads the federal summary', async () => {
    const { page, errors, context } = await open('wide');
    await signIn(page, url, FEDERAL);
    expect(await page.getByTestId('who').textContent()).toBe('Федеральный координатор');
    await page.waitForURL(/#\/regions$/);
    await page.getByTestId('regions').waitFor();
    // No region's tabs for the federal role: its pages are the regions and one region's status.
    expect(await page.getByRole('tab').count()).toBe(0);

    // Every region, its figures the server's; dates ДД.ММ.ГГГГ.
    const lines = await regions();
    expect(lines.map((r) => r.id).sort()).toEqual([kamchatka, 'sakhalin'].sort());
    const cells = (id: string) => page.locator(`[data-testid=regions] [data-region="${id}"] td`).allInnerTexts();
    const k = lines.find((r) => r.id === kamchatka)!;
    expect([k.inSvod, k.total]).toEqual([2, 3]);
    const kRow = await cells(kamchatka);
    expect(kRow[0]).toMatch(/^Камчатский край\n/);
    expect(kRow.slice(1).map((t) => t.trim())).toEqual(['25.12.2099', 'показатели и дорожные карты', 'в своде 2 из 3']);
    const sRow = await cells('sakhalin');
    expect(sRow[0]).toMatch(/^Сахалинская область\nsakhalin · UTC\+11 \(МСК\+8\)$/);
    expect(sRow.slice(1).map((t) => t.trim())).toEqual(['не установлен', 'шаблон не загружен', 'в своде 0 из 0']);
    const bar = page.locator(`[data-region="${kamchatka}"] [role=progressbar]`);
    expect(await bar.getAttribute('aria-label')).toBe('в своде 2 из 3');
    expect(await page.getByTestId('totals').textContent()).toBe('2 региона · в своде 2 из 3 муниципалитетов');
    await shot(page, 'wide-1-regions');

    // A new region: the server's Russian refusals as they come, then the region and its coordinator's token, once.
    await page.fill('#region-id', kamchatka);
    await page.fill('#region-name', 'Ещё одна Камчатка');
    await page.getByRole('button', { name: 'Создать регион' }).click();
    await page.getByTestId('region-notice').getByText(`Регион «${kamchatka}» уже есть.`).waitFor();
    await page.fill('#region-id', 'chukotka');
    await page.fill('#region-name', 'Чукотский автономный округ');
    await page.fill('#region-zone', 'Mars/Olympus');
    await page.getByRole('button', { name: 'Создать регион' }).click();
    await page.getByTestId('region-notice').getByText(/^Часовой пояс региона задаётся названием из базы IANA/).waitFor();
    expect((await regions()).map((r) => r.id)).not.toContain('chukotka');
    await page.fill('#region-zone', 'Asia/Anadyr');
    expect(await page.locator('.fui-Field', { has: page.locator('#region-zone') }).textContent()).toContain('Анадырь, МСК+9');
    await page.getByRole('button', { name: 'Создать регион' }).click();
    const token = (await page.getByTestId('issued-token').textContent())!;
    expect(token).toMatch(/^svod_\S{40,}$/);
    expect(await page.getByRole('alertdialog').getByRole('heading').textContent()).toBe('Токен координатора региона «Чукотский автономный округ»');
    // The token is the new region's coordinator's.
    expect((await api<{ role: string; region: string }>(token, '/me')).body).toMatchObject({ role: 'coordinator', region: 'Чукотский автономный округ' });
    await dialogShown(page);
    await shot(page, 'wide-2-token');
    // The hand-over slip names the region and the coordinator's steps.
    await page.evaluate(() => (window.print = () => undefined));
    await page.getByRole('button', { name: 'Распечатать памятку' }).click();
    await page.emulateMedia({ media: 'print' });
    const slip = await page.getByTestId('slip').innerText();
    expect(slip).toContain(`${url}/portal/`);
    expect(slip).toContain(token);
    expect(slip).toMatch(/Регион: Чукотский автономный округ \(код chukotka\)/);
    expect(slip).toMatch(/Роль: координатор региона/);
    expect(slip).not.toMatch(/Муниципалитет:/);
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: 'Готово' }).click();
    // The page is readable again once the dialog is gone (no aria-hidden left behind on it).
    await page.waitForFunction(() => !document.getElementById('root')!.hasAttribute('aria-hidden'));
    // Shown once: gone from the page with the dialog; the new region in the list, the form empty again.
    await page.locator('[data-testid=regions] [data-region=chukotka]').waitFor();
    expect(await page.locator('body').innerText()).not.toContain(token);
    expect(await page.inputValue('#region-id')).toBe('');
    expect((await cells('chukotka')).slice(1).map((t) => t.trim())).toEqual(['не установлен', 'шаблон не загружен', 'в своде 0 из 0']);

    // One region's status: the coordinator's table, every municipality as the server counts it, and nothing to press.
    await page.locator(`[data-region="${kamchatka}"]`).getByRole('button', { name: 'Камчатский край' }).click();
    await page.waitForURL(new RegExp(`#/region/${kamchatka}$`));
    await page.getByTestId('status-table').waitFor();
    const status = (await api<{ municipalities: Array<{ municipalityId: string; status: string }> }>(FEDERAL, `/federal/regions/${kamchatka}/status`)).body;
    const shown = await page.$$eval('[data-testid=status-table] tbody tr', (trs) => Object.fromEntries(trs.map((tr) => [tr.getAttribute('data-municipality'), tr.querySelector('[data-status]')?.textContent])));
    expect(shown).toEqual(Object.fromEntries(status.municipalities.map((m) => [m.municipalityId, m.status])));
    expect(shown).toEqual({ petropavlovsk: 'принято', elizovsky: 'не сдано', 'ust-kamchatsky': 'принято' });
    expect(await page.getByTestId('region-title').textContent()).toBe('Камчатский край');
    expect(await page.getByTestId('deadline').textContent()).toMatch(/^Срок сдачи: 25 декабря 2099 г\., до 23:59 \(UTC\+12\)/);
    expect(await page.getByTestId('counts').textContent()).toMatch(/^В своде 2 из 3/);
    expect(await page.locator('[data-testid=status-table] tbody button').count()).toBe(0);
    for (const action of ['Вернуть на доработку', 'Сохранить срок', 'Добавить и выдать токен', 'Заменить шаблон']) expect(await page.getByRole('button', { name: action }).count()).toBe(0);
    // Sorting and search work as on the coordinator's page.
    await page.fill('#search', 'елиз');
    expect(await page.locator('[data-testid=status-table] tbody tr').count()).toBe(1);
    await page.fill('#search', '');
    await shot(page, 'wide-3-region');
    // A region that is not there: the server's sentence.
    await page.evaluate(() => (location.hash = '#/region/atlantis'));
    await page.getByText('Такого региона нет.').waitFor();
    await page.getByRole('button', { name: 'К регионам' }).click();
    await page.getByTestId('regions').waitFor();

    // The federal summary: the download happens, an xlsx with the regions in it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-federal').click()]);
    expect(download.suggestedFilename()).toMatch(/^Федеральный свод — \d{4}-\d{2}-\d{2}\.xlsx$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const text = JSON.stringify(wb.worksheets.map((ws) => ws.getSheetValues()));
    for (const name of ['Камчатский край', 'Сахалинская область', 'Чукотский автономный округ']) expect(text).toContain(name);

    expect(await pageWidth(page)).toBeLessThanOrEqual(1366);
    expect(errors).toEqual([]);
    await context.close();
  }, 45_000);

  it('at 390 px: regions as cards, a region read-only, a new region, all within the width', async () => {
    const { page, errors, context } = await open('narrow');
    await signIn(page, url, FEDERAL);
    await page.getByTestId('regions').waitFor();
    const lines = await regions();
    expect(await page.locator('[data-testid=regions] > li').count()).toBe(lines.length);
    const card = page.locator(`[data-testid=regions] > li[data-region="${kamchatka}"]`);
    expect(await card.getByTestId('in-svod').innerText()).toMatch(/^в своде 2 из 3/);
    expect(await card.locator('dd').allInnerTexts()).toEqual(['25.12.2099', 'показатели и дорожные карты']);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await shot(page, 'narrow-1-regions');

    await page.fill('#region-id', 'kaliningrad');
    await page.fill('#region-name', 'Калининградская область');
    await page.fill('#region-zone', 'Europe/Kaliningrad');
    await page.getByRole('button', { name: 'Создать регион' }).click();
    expect(await page.getByTestId('issued-token').textContent()).toMatch(/^svod_\S{40,}$/);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await dialogShown(page);
    await page.screenshot({ path: join(ARTIFACTS, 'federal-narrow-2-token.png') });
    await page.getByRole('button', { name: 'Готово' }).click();
    await page.locator('[data-testid=regions] > li[data-region=kaliningrad]').waitFor();

    await card.getByRole('button', { name: 'Камчатский край' }).click();
    await page.getByTestId('status-cards').waitFor();
    expect(await page.locator('[data-testid=status-cards] > li').count()).toBe(3);
    expect(await page.locator('[data-testid=status-cards] button').count()).toBe(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await shot(page, 'narrow-3-region');
    expect(errors).toEqual([]);
    await context.close();
  }, 30_000);
});
