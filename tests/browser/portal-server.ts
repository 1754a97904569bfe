/**
 * A real sync server on 127.0.0.1 for the portal's browser tests: the demo region on Kamchatka's clock (UTC+12, while
 * the browser runs on Moscow's), its three demo municipalities plus two more, and filled copies of the Kamchatka
 * template in the Свод (one far from the others, so the indicators page has an outlier). Screenshots go to
 * artifacts/portal/ (not committed) for a person to look at.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer } from '../../sync-server/src/server';
import { filledKamchatka } from '../../sync-server/test/helpers';
import { launchChromium } from './browser';

export const ROOT = join(__dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'artifacts', 'portal');
export const COORDINATOR = 'svod_portal-test-coordinator-0123456789abcdef';
export const WIDTHS = { wide: { width: 1366, height: 900 }, narrow: { width: 390, height: 844 } } as const;

export interface PortalServer {
  url: string;
  tokens: Record<string, string>;
  browser: Browser;
  stop(): Promise<void>;
  api<T = unknown>(token: string, path: string, init?: { method?: string; body?: unknown }): Promise<{ status: number; body: T }>;
  send(token: string, bytes: Buffer, name: string): Promise<{ id: string; status: string; version: number }>;
  /** A page at a width, Russian, on Moscow's clock (the region's is Kamchatka's); script errors collected. */
  page(width: keyof typeof WIDTHS): Promise<{ context: BrowserContext; page: Page; errors: string[] }>;
}

export async function startPortalServer(options: { fill?: boolean } = {}): Promise<PortalServer> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'svod-portal-'));
  let printed = '';
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    printed += String(c);
    return true;
  });
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({ PORT: '0', HOST: '127.0.0.1', SVOD_DATA_DIR: dir, SVOD_LOG_LEVEL: 'silent', SVOD_COORDINATOR_TOKEN: COORDINATOR, SVOD_TIME_ZONE: 'Asia/Kamchatka' });
  } finally {
    write.mockRestore();
  }
  const [petropavlovsk, elizovsky, ustKamchatsky] = [...printed.matchAll(/: (svod_\S+)/g)].map((m) => m[1]!);
  const url = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;

  const api = async <T,>(token: string, path: string, init: { method?: string; body?: unknown } = {}) => {
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
    return (await res.json()) as { id: string; status: string; version: number };
  };

  const tokens: Record<string, string> = { petropavlovsk: petropavlovsk!, elizovsky: elizovsky!, 'ust-kamchatsky': ustKamchatsky! };
  for (const [id, name] of [
    ['milkovsky', 'Мильковский муниципальный округ'],
    ['bystrinsky', 'Быстринский муниципальный район'],
  ] as const) {
    tokens[id] = (await api<{ token: string }>(COORDINATOR, '/municipalities', { method: 'POST', body: { id, name } })).body.token;
  }
  if (options.fill !== false) {
    await send(tokens.petropavlovsk!, await filledKamchatka(0), 'Петропавловск.xlsx');
    // The second version: one indicator value and one roadmap item's deadline changed, for the diff.
    await send(
      tokens.petropavlovsk!,
      await filledKamchatka(0, (ws) => {
        ws.eachRow((row) => {
          if (String(row.getCell(3).value ?? '').trim() === '%' && row.getCell(5).value === 50) row.getCell(5).value = 57;
        });
      }),
      'Петропавловск v2.xlsx',
    );
    await send(tokens.milkovsky!, await filledKamchatka(2), 'Мильково.xlsx');
    await send(tokens['ust-kamchatsky']!, await filledKamchatka(4), 'Усть-Камчатск.xlsx');
    await send(tokens.bystrinsky!, await filledKamchatka(30), 'Эссо.xlsx');
  }

  const browser = await launchChromium();
  return {
    url,
    tokens,
    browser,
    api,
    send,
    async page(width) {
      const context = await browser.newContext({ viewport: WIDTHS[width], locale: 'ru-RU', timezoneId: 'Europe/Moscow', acceptDownloads: true });
      const page = await context.newPage();
      // A step that does not happen fails in 10 s with its own message, not as the test's timeout.
      page.setDefaultTimeout(10_000);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text());
      });
      return { context, page, errors };
    },
    async stop() {
      await browser.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the page's own form. */
export async function signIn(page: Page, url: string, token: string): Promise<void> {
  await page.goto(`${url}/portal/`);
  await page.fill('#token', token);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByTestId('who').waitFor();
}

/** The page is no wider than its viewport: nothing scrolls sideways but the tables meant to. */
export async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}
