/// <reference lib="dom" />
/**
 * A municipality's main path through the portal in Debian's Chromium against a real server with demo data, at 1366 px
 * and at 390 px: sign in with its token (the role comes from the server), the deadline on the region's clock, the
 * blank template and the region's indicators, a seed workbook dropped on the page and its verdict and findings at
 * once (grouped by rule with Russian names, the cells named), the coordinator's comment on a returned version, its
 * own versions, their findings and their diff.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { filledKamchatka } from '../../sync-server/test/helpers';
import { ARTIFACTS, COORDINATOR, pageWidth, ROOT, signIn, startPortalServer, type PortalServer } from './portal-server';

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `municipality-${name}.png`), fullPage: true });
const seed = (name: string) => readFileSync(join(ROOT, 'tests', 'fixtures', 'seeds', name));

/** Drops a file on an element the way a browser does: dragover, then drop with a DataTransfer holding the file. */
async function dropFile(page: Page, testId: string, bytes: Buffer, name: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ b64, fileName }) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([data], fileName));
      return dt;
    },
    { b64: bytes.toString('base64'), fileName: name },
  );
  await page.getByTestId(testId).dispatchEvent('dragover', { dataTransfer });
  await page.getByTestId(testId).dispatchEvent('drop', { dataTransfer });
}

describe('the portal, municipality', () => {
  let s: PortalServer;
  beforeAll(async () => {
    s = await startPortalServer();
    // A deadline ahead on the region's clock: the page says how many days are left.
    expect((await s.api(COORDINATOR, '/region/deadline', { method: 'PUT', body: { deadline: '2099-12-25' } })).status).toBe(200);
  }, 40_000);
  afterAll(async () => {
    await s?.stop();
  });

  it('at 1366 px: signs in, drops a workbook, sees the verdict and findings, the comment, its versions and their diff', async () => {
    const { page, errors, context } = await s.page('wide');
    await signIn(page, s.url, s.tokens.elizovsky!);
    expect(await page.getByTestId('who').textContent()).toBe('Камчатский край · Елизовский муниципальный район');
    // Only its own pages (Fluent's Tab holds a hidden bold copy of its label, so the ids are compared).
    expect(await page.getByRole('tab').evaluateAll((tabs) => tabs.map((t) => t.getAttribute('data-tab')))).toEqual(['submit', 'versions']);
    expect(await page.getByRole('tab', { name: 'Мои версии' }).count()).toBe(1);
    expect(await page.getByTestId('deadline').textContent()).toMatch(/^Срок сдачи: 25 декабря 2099 г\., до 23:59 \(UTC\+12\) — осталось \d+ (день|дня|дней)\.$/);

    // Its own status, as the coordinator sees it.
    expect(await page.getByTestId('own-status').textContent()).toMatch(/^не сдано/);

    // The blank template and the region's indicator list.
    const [blank] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-template').click()]);
    expect(blank.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(readFileSync((await blank.path())!).subarray(0, 2).toString()).toBe('PK');
    const indicators = (await s.api<{ template: { indicators: number } }>(COORDINATOR, '/region')).body.template.indicators;
    await page.getByRole('button', { name: `Список показателей (${indicators})` }).click();
    expect(await page.getByRole('table', { name: 'Показатели региона' }).locator('tbody tr').count()).toBe(indicators);
    await page.getByRole('button', { name: 'Скрыть список показателей' }).click();
    const [list] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-indicators').click()]);
    const csvText = readFileSync((await list.path())!, 'utf8');
    // The BOM tells Excel it is UTF-8.
    expect(csvText.startsWith('\uFEFF№;Показатель;Единица измерения;Раздел;2020;2021;2022;2023\r\n')).toBe(true);
    const csvLines = csvText.slice(1).trimEnd().split('\r\n');
    expect(csvLines).toHaveLength(indicators + 1);

    // A file the server cannot read is refused before it is sent, in Russian.
    await dropFile(page, 'upload', Buffer.from('old excel'), 'отчёт.xls');
    expect(await page.getByTestId('upload-error').textContent()).toMatch(/Файл «отчёт\.xls» не подходит: .*сохраните как \.xlsx/);
    expect((await s.api<{ submissions: unknown[] }>(s.tokens.elizovsky!, '/submissions')).body.submissions).toEqual([]);

    // The Kirov seed, dropped: rejected at once, its findings grouped by rule with Russian names and the cells named.
    await dropFile(page, 'upload', seed('seed-001-kirov.xlsx'), 'seed-001-kirov.xlsx');
    await page.getByTestId('receipt').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('verdict').textContent()).toMatch(/^Версия отклонена из-за ошибок/);
    const receipt = page.getByTestId('receipt');
    expect(await receipt.getByText('Отправлено: версия 1').count()).toBe(1);
    const groups = receipt.locator('[data-rule]');
    expect(await groups.count()).toBeGreaterThan(3);
    const firstTitle = (await groups.first().locator('h3').textContent())!;
    expect(firstTitle).toMatch(/^[А-ЯЁ]/);
    // The first group is an error; the cells carry their sheet («Дорожная карта!C46»: the workbook has several sheets).
    expect(await groups.first().locator('[data-severity=error]').count()).toBeGreaterThan(0);
    expect(await receipt.locator('[data-cell="Дорожная карта!C46"]').first().textContent()).toMatch(/Дорожная карта!C46.*«\.10\.2021»/);
    // The pane's severity filter: warnings off, only errors left.
    await receipt.locator('button[data-severity=warning]').click();
    expect(await receipt.locator('[data-rule] [data-severity=warning]').count()).toBe(0);
    await receipt.locator('button[data-severity=warning]').click();
    // No «Исправить» here: the portal does not edit the workbook.
    expect(await receipt.getByRole('button', { name: /^Исправить/ }).count()).toBe(0);
    await page.getByTestId('own-status').getByText('сдано с ошибками').waitFor();
    await shot(page, 'wide-1-rejected');

    // The coordinator returns it with a comment; the municipality sees the comment on its page.
    const v1 = (await s.api<{ submissions: Array<{ id: string }> }>(s.tokens.elizovsky!, '/submissions')).body.submissions[0]!;
    expect((await s.api(COORDINATOR, `/submissions/${v1.id}/return`, { method: 'POST', body: { comment: 'Исправьте даты в дорожной карте и пришлите снова.' } })).status).toBe(201);
    await page.reload();
    await page.getByTestId('returned').waitFor();
    expect(await page.getByTestId('returned').textContent()).toMatch(/Координатор вернул версию 1 на доработку.*Исправьте даты в дорожной карте и пришлите снова\. Пока вы не пришлёте исправленную версию, данных вашего муниципалитета в своде региона нет\./);
    await page.getByTestId('own-status').getByText('возвращено на доработку').waitFor();
    await shot(page, 'wide-1b-returned');

    // A corrected workbook through the file dialog: accepted, and what reached the Свод said.
    await page.getByTestId('upload-input').setInputFiles({ name: 'Елизово.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await filledKamchatka(6) });
    await page.getByTestId('receipt').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('verdict').textContent()).toMatch(/^Версия принята: её данные в своде региона\./);
    expect(await page.getByTestId('receipt').textContent()).toMatch(/В свод вошло \d+ из \d+ показател/);
    await page.getByTestId('own-status').getByText('принято').waitFor();
    // The comment was about version 1: with version 2 sent it is history (on «Мои версии»), not a warning here.
    expect(await page.getByTestId('returned').count()).toBe(0);
    await shot(page, 'wide-2-accepted');

    // «Мои версии»: both versions, the findings of any, the diff of the two, the comment.
    await page.getByRole('tab', { name: 'Мои версии' }).click();
    await page.locator('[data-testid=versions] tbody tr').nth(1).waitFor();
    expect(await page.locator('[data-testid=versions] tbody tr').count()).toBe(2);
    expect(await page.getByTestId('returns').textContent()).toMatch(/Исправьте даты в дорожной карте/);
    await page.locator('[data-version="1"]').getByRole('button', { name: '1' }).click();
    await page.getByTestId('version').getByText('Версия 1').first().waitFor();
    await page.getByTestId('version').locator('[data-rule]').first().waitFor();
    expect(await page.getByTestId('version').getByTestId('verdict').textContent()).toMatch(/^Версия отклонена/);
    await page.getByRole('button', { name: 'Сравнить' }).click();
    await page.getByTestId('diff').waitFor();
    expect(await page.getByTestId('diff').textContent()).toMatch(/Версия 1 → версия 2: \d+ изменени/);
    // The original file comes back as sent.
    const [original] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-original').click()]);
    expect(readFileSync((await original.path())!).equals(seed('seed-001-kirov.xlsx'))).toBe(true);
    await shot(page, 'wide-3-versions');

    expect(await pageWidth(page)).toBeLessThanOrEqual(1366);
    expect(errors).toEqual([]);
    await context.close();
  }, 50_000);

  it('at 390 px: the upload and its findings fit the width', async () => {
    const { page, errors, context } = await s.page('narrow');
    await signIn(page, s.url, s.tokens.milkovsky!);
    await page.getByTestId('upload').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await shot(page, 'narrow-1-submit');
    await page.getByTestId('upload-input').setInputFiles({ name: 'seed-002-lazo.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: seed('seed-002-lazo.xlsx') });
    await page.getByTestId('receipt').waitFor({ timeout: 20_000 });
    await page.getByTestId('receipt').locator('[data-rule]').first().waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await shot(page, 'narrow-2-findings');
    await page.getByRole('tab', { name: 'Мои версии' }).click();
    await page.getByTestId('diff').or(page.getByRole('button', { name: 'Сравнить' })).first().waitFor();
    await page.getByRole('button', { name: 'Сравнить' }).click();
    await page.getByTestId('diff').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await shot(page, 'narrow-3-versions');
    expect(errors).toEqual([]);
    await context.close();
  }, 40_000);
});
