/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The dashboard's list of a version's findings with the answer's `groups` (#11): repeats are one line with their count
 * and one sentence, the exact ones inside a <details>. The answer is the real server's, with `groups` added as the
 * server adds them (`answerGroups` over the list it sends).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Diagnostic } from '@svod/shared';
import { startServer } from '../../sync-server/src/server';
import { answerGroups } from '../../sync-server/src/services/check-submission';
import { launchChromium } from './browser';

const ROOT = join(__dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'artifacts', 'dashboard');
const COORDINATOR = 'svod_browser-groups-coordinator-0123456789abcdef';

describe('the dashboard lists repeated findings once', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let url: string;
  const dir = mkdtempSync(join(tmpdir(), 'svod-dashboard-groups-'));

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    let printed = '';
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
      printed += String(c);
      return true;
    });
    server = await startServer({ PORT: '0', HOST: '127.0.0.1', SVOD_DATA_DIR: dir, SVOD_LOG_LEVEL: 'silent', SVOD_COORDINATOR_TOKEN: COORDINATOR });
    write.mockRestore();
    const [token] = [...printed.matchAll(/Елизовский муниципальный район \(id: elizovsky\): (svod_\S+)/g)].map((m) => m[1]!);
    url = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
    const form = new FormData();
    form.append('file', new Blob([readFileSync(join(ROOT, 'tests', 'fixtures', 'seeds', 'seed-002-lazo.xlsx'))]), 'lazo.xlsx');
    const res = await fetch(`${url}/api/v1/submissions`, { method: 'POST', headers: { Authorization: `Bearer ${token!}` }, body: form });
    expect(res.status).toBe(201);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1100, height: 900 }, locale: 'ru-RU' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows each group as one line with its count, and its exact findings on demand', async () => {
    let sent: { diagnostics: Diagnostic[] } | undefined;
    // One version's details: the real answer, with the groups the server computes over the list it sends.
    await page.route(/\/api\/v1\/submissions\/[0-9a-f-]{36}$/, async (route) => {
      const answer = await route.fetch();
      const body = (await answer.json()) as { diagnostics: Diagnostic[] };
      sent = body;
      await route.fulfill({ response: answer, json: { ...body, groups: answerGroups(body.diagnostics) } });
    });
    await page.goto(`${url}/dashboard/`);
    await page.fill('#token', COORDINATOR);
    await page.click('button[type=submit]');
    await page.waitForSelector('#status tbody tr');
    await page.click('#status tbody tr:has-text("Елизовский")');
    await page.waitForSelector('#diagnostics > li details');
    const lines = await page.$$eval('#diagnostics > li', (lis) => lis.map((li) => li.childNodes[1]!.textContent!.trim()));
    const lineEnds = sent!.diagnostics.filter((d) => d.ruleId === 'text-whitespace' && d.messageId === 'lineEnd');
    expect(lineEnds.length).toBeGreaterThanOrEqual(4);
    expect(lines).toContain(`План-график: ${lineEnds.length} ячеек — Пробел перед переносом строки (после «…»).`);
    // Fewer lines than findings, and every finding is in a line or in a group's details.
    const top = await page.locator('#diagnostics > li').count();
    const inside = await page.locator('#diagnostics > li details li').count();
    expect(top).toBeLessThan(sent!.diagnostics.length / 2);
    expect(top - (await page.locator('#diagnostics > li:has(details)').count()) + inside).toBe(sent!.diagnostics.length);
    const group = page.locator('#diagnostics > li', { hasText: 'Пробел перед переносом строки (после «…»)' });
    expect(await group.locator('summary').textContent()).toBe(`${lineEnds.slice(0, 5).map((d) => d.cell).join(', ')} и ещё ${lineEnds.length - 5}`);
    await group.locator('summary').click();
    expect(await group.locator('details li').first().textContent()).toBe(`${lineEnds[0]!.cell}: ${lineEnds[0]!.message}`);
    await group.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, '3b-details-grouped.png') });
  });
});
