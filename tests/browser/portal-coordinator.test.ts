/// <reference lib="dom" />
/**
 * The coordinator's main path through the portal in Debian's Chromium against a real server with demo data, at
 * 1366 px and at 390 px: sign in (a wrong token refused in Russian), «Сбор» with statuses on the region's clock, the
 * deadline set, search and filter, the regional workbook downloaded and read back, a municipality added and its token
 * handed over (copy, printable slip), a new template read with a preview before it replaces the old one, a
 * municipality's versions with their diff and «вернуть на доработку», and an indicator's chart beside its table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { wallClock } from '@svod/shared';
import { assertSafeWorkbook } from '../../sync-server/test/support/scan-workbook';
import { ARTIFACTS, COORDINATOR, pageWidth, startPortalServer, type PortalServer } from './portal-server';

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `coordinator-${name}.png`), fullPage: true });

interface ShownIndicator {
  number: string | null;
  name: string;
  unit: string;
  lowerIsBetter: boolean;
  aggregate: string | null;
  region: Record<string, number | null>;
  municipalities: Array<{ name: string; numbers: Record<string, number | null>; outliers: string[] }>;
}

/**
 * The indicator on screen against the server's values: one bar a municipality with a number in the chosen year (and
 * the region's average), best on top, labelled in Russian with comma decimals; the far ones in their own colour.
 */
async function checkChart(page: Page, s: PortalServer): Promise<void> {
  const { years, indicators } = (await s.api<{ years: number[]; indicators: ShownIndicator[] }>(COORDINATOR, '/region/indicators')).body;
  const heading = (await page.getByTestId('indicator').locator('h3').textContent())!;
  const shown = indicators.find((i) => heading.startsWith(`${i.number}. ${i.name}`))!;
  expect(shown).toBeDefined();
  const year = String(years.at(-1));
  await page.getByRole('button', { name: year, exact: true, pressed: true }).waitFor();
  const ru = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 });
  const withNumber = shown.municipalities.filter((m) => typeof m.numbers[year] === 'number');
  const region = shown.aggregate === 'среднее' ? shown.region[year] : null;
  const chart = page.getByTestId('chart');
  expect(await chart.locator('svg[role=region]').getAttribute('aria-label')).toBe(`${shown.name}, ${year} год: столбцы по муниципалитетам; те же значения — в таблице рядом`);
  const bars = await chart.locator('rect[role=option]').evaluateAll((rects) =>
    rects.map((r) => ({ label: r.getAttribute('aria-label')!, fill: r.getAttribute('fill')!, y: Number(r.getAttribute('y')), width: Number(r.getAttribute('width')) })),
  );
  expect(bars).toHaveLength(withNumber.length + (typeof region === 'number' ? 1 : 0));
  const unit = shown.unit;
  for (const m of withNumber) {
    const far = m.outliers.includes(year);
    const bar = bars.find((b) => b.label.startsWith(`${m.name}: `))!;
    expect(bar.label).toBe(`${m.name}: ${ru.format(m.numbers[year]!)}${unit ? `, ${unit}` : ''}${far ? ' — далеко от остальных' : ''}`);
    expect(bar.width).toBeGreaterThan(0);
  }
  if (typeof region === 'number') expect(bars.map((b) => b.label)).toContain(`Регион (среднее): ${ru.format(region)}${unit ? `, ${unit}` : ''}`);
  // Far values in a colour of their own, the rest in one colour.
  const farFills = new Set(bars.filter((b) => b.label.endsWith('— далеко от остальных')).map((b) => b.fill));
  const plainFills = new Set(bars.filter((b) => !b.label.endsWith('— далеко от остальных') && !b.label.startsWith('Регион')).map((b) => b.fill));
  expect(plainFills.size).toBe(1);
  for (const f of farFills) expect(plainFills.has(f)).toBe(false);
  // Best on top: top to bottom the values fall, or rise where less is better.
  const valueOf = (label: string) => Number(label.split(': ')[1]!.split(/,? [^\d\s]/)[0]!.replace(/\s/g, '').replace(',', '.'));
  const order = [...bars].sort((a, b) => a.y - b.y).map((b) => valueOf(b.label));
  expect(order).toEqual([...order].sort((a, b) => (shown.lowerIsBetter ? a - b : b - a)));
  // Every number written on the chart is Russian: a comma, never a point, before the decimals.
  const text = (await chart.textContent())!;
  for (const m of withNumber) expect(text).toContain(ru.format(m.numbers[year]!));
  expect(text).not.toMatch(/\d\.\d/);
  expect(await page.getByTestId('lower-is-better').count()).toBe(shown.lowerIsBetter ? 1 : 0);
}

describe('the portal, coordinator', () => {
  let s: PortalServer;
  beforeAll(async () => {
    s = await startPortalServer();
  }, 40_000);
  afterAll(async () => {
    await s?.stop();
  });

  it('at 1366 px: signs in, runs the collection, hands over a token, previews a template, opens a diff and a chart', async () => {
    const { page, errors, context } = await s.page('wide');
    // A wrong token: a Russian refusal, and the form stays.
    await page.goto(`${s.url}/`);
    await page.waitForURL(/\/portal\/$/);
    await page.fill('#token', 'svod_wrong-token-wrong-token-wrong-token-000');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByTestId('sign-in-error').waitFor();
    expect(await page.getByTestId('sign-in-error').textContent()).toMatch(/Токен не подходит или отозван/);
    await shot(page, 'wide-1-sign-in');

    // «Сбор»: the role comes from the server; every municipality with its status.
    await page.fill('#token', COORDINATOR);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByTestId('status-table').waitFor();
    expect(await page.getByTestId('who').textContent()).toBe('Камчатский край · координатор');
    const status = async () =>
      page.$$eval('[data-testid=status-table] tbody tr', (trs) => Object.fromEntries(trs.map((tr) => [tr.getAttribute('data-municipality'), tr.querySelector('[data-status]')?.textContent])));
    expect(await status()).toEqual({ elizovsky: 'не сдано', petropavlovsk: 'принято', milkovsky: 'принято', 'ust-kamchatsky': 'принято', bystrinsky: 'принято' });
    // Times on the region's clock (Kamchatka, UTC+12) though the browser is on Moscow's, and the header names it.
    const versions = (await s.api<{ submissions: Array<{ municipalityId: string; version: number; submittedAt: string }> }>(COORDINATOR, '/submissions?municipality=petropavlovsk')).body.submissions;
    const last = wallClock(new Date(versions[0]!.submittedAt), 'Asia/Kamchatka');
    const p2 = (n: number) => String(n).padStart(2, '0');
    const row = page.locator('[data-municipality=petropavlovsk]');
    expect(await row.locator('td').nth(3).textContent()).toBe(`версия 2, ${p2(last.day)}.${p2(last.month)}.${last.year} ${p2(last.hour)}:${p2(last.minute)}`);
    expect(await page.locator('[data-sort=submittedAt]').textContent()).toBe('Последняя, отправлена (UTC+12)');
    // Nothing sent: dashes, not zeros.
    expect(await page.locator('[data-municipality=elizovsky] td').allTextContents()).toEqual([expect.stringContaining('Елизовский'), 'не сдано', '—', '—', '—', '—', '—']);
    // Numbers sit under their own headers: the header's text ends where the column's numbers end.
    const textRight = (selector: string) =>
      page.evaluate((sel) => {
        const range = document.createRange();
        range.selectNodeContents(document.querySelector(sel)!);
        return Math.round(range.getBoundingClientRect().right);
      }, selector);
    for (const [head, column] of [
      ['errors', 5],
      ['warnings', 6],
      ['indicators', 7],
    ] as const) {
      const headRight = await textRight(`[data-sort=${head}] button, [data-sort=${head}] > div`);
      const cellRight = await textRight(`[data-municipality=petropavlovsk] td:nth-child(${column})`);
      expect([head, Math.abs(headRight - cellRight) <= 2]).toEqual([head, true]);
    }
    await shot(page, 'wide-2-collect');

    // The deadline, set in the past: «просрочено» for who sent nothing, and never «осталось» next to it.
    await page.fill('#deadline-input', '2026-11-30');
    await page.getByRole('button', { name: 'Сохранить срок' }).click();
    await page.getByTestId('deadline-notice').waitFor();
    expect(await page.getByTestId('deadline').textContent()).toBe('Срок сдачи прошёл: 30 ноября 2026 г., 23:59 (UTC+12).');
    await page.waitForFunction(() => document.querySelector('[data-municipality=elizovsky] [data-status]')?.textContent === 'просрочено');
    expect(await page.locator('main').textContent()).not.toMatch(/осталось/);
    expect((await status())['petropavlovsk']).toBe('сдано с опозданием');
    // Search and filter.
    await page.fill('#search', 'елиз');
    expect(await page.locator('[data-testid=status-table] tbody tr').count()).toBe(1);
    await page.fill('#search', '');
    await page.selectOption('#filter', 'сдано с опозданием');
    expect(await page.locator('[data-testid=status-table] tbody tr').count()).toBe(4);
    await page.selectOption('#filter', '');
    // Sorting by name, both ways.
    await page.locator('[data-sort=name]').click();
    const names = await page.$$eval('[data-testid=status-table] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-municipality')));
    expect(names).toEqual(['bystrinsky', 'elizovsky', 'milkovsky', 'petropavlovsk', 'ust-kamchatsky']);
    await page.locator('[data-sort=name]').click();
    expect(await page.$$eval('[data-testid=status-table] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-municipality')))).toEqual([...names].reverse());
    await shot(page, 'wide-3-deadline-passed');

    // The regional workbook: downloaded and read back; the status table as CSV.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-workbook').click()]);
    expect(download.suggestedFilename()).toMatch(/^Свод — Камчатский край — \d{4}-\d{2}-\d{2}\.xlsx$/);
    const bytes = readFileSync((await download.path())!);
    await assertSafeWorkbook(bytes);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Свод показателей', 'Статус']));
    const statusSheet = wb.getWorksheet('Статус')!;
    const sheetText = JSON.stringify(statusSheet.getSheetValues());
    expect(sheetText).toContain('Мильковский муниципальный округ');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-status').click()]);
    const csvText = readFileSync((await csv.path())!, 'utf8');
    expect(csvText.startsWith('\uFEFFМуниципалитет;Код;Статус')).toBe(true);
    expect(csvText).toMatch(/Елизовский муниципальный район;elizovsky;просрочено;—;—;—;—;—;—/);

    // «Муниципалитеты»: add one; its token shown once, copied, printed on a slip with the portal's address.
    await page.getByRole('tab', { name: 'Муниципалитеты' }).click();
    await page.fill('#new-id', 'ilansky');
    await page.fill('#new-name', 'Иланский район');
    await page.getByRole('button', { name: 'Добавить и выдать токен' }).click();
    const token = (await page.getByTestId('issued-token').textContent())!;
    expect(token).toMatch(/^svod_\S{40,}$/);
    expect((await s.api<{ role: string; municipality: { id: string } }>(token, '/me')).body).toMatchObject({ role: 'municipality', municipality: { id: 'ilansky' } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Скопировать' }).click();
    await page.getByText('Токен скопирован.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await shot(page, 'wide-4-token');
    await page.evaluate(() => (window.print = () => undefined));
    await page.getByRole('button', { name: 'Распечатать памятку' }).click();
    await page.emulateMedia({ media: 'print' });
    const slip = await page.getByTestId('slip').innerText();
    expect(slip).toContain(`${s.url}/portal/`);
    expect(slip).toContain(token);
    expect(slip).toContain('Иланский район');
    await page.screenshot({ path: join(ARTIFACTS, 'coordinator-wide-5-slip.png') });
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: 'Готово' }).click();

    // Rotate: the old token stops working. Rename, then switch off.
    const row2 = page.locator('[data-municipality=ilansky]');
    await row2.getByRole('button', { name: 'Новый токен' }).click();
    await page.getByRole('button', { name: 'Выдать новый токен' }).click();
    const rotated = (await page.getByTestId('issued-token').textContent())!;
    expect(rotated).not.toBe(token);
    expect((await s.api(token, '/me')).status).toBe(401);
    await page.getByRole('button', { name: 'Готово' }).click();
    await row2.getByRole('button', { name: 'Переименовать' }).click();
    await page.fill('#rename', 'Иланский муниципальный район');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.locator('[data-municipality=ilansky]', { hasText: 'Иланский муниципальный район' }).waitFor();
    await row2.getByRole('button', { name: 'Отключить' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Отключить' }).click();
    await row2.getByText('отключён').waitFor();
    expect((await s.api(rotated, '/me')).status).toBe(401);
    await shot(page, 'wide-6-municipalities');

    // «Шаблон»: the current one downloaded, uploaded again: the preview first, then it replaces the old one.
    await page.getByRole('tab', { name: 'Шаблон' }).click();
    const [blank] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-template').click()]);
    const blankPath = (await blank.path())!;
    expect(readFileSync(blankPath).subarray(0, 2).toString()).toBe('PK');
    const uploadedBefore = (await s.api<{ template: { uploadedAt: string } }>(COORDINATOR, '/region')).body.template.uploadedAt;
    const before = (await s.api<{ template: { indicators: number; years: number[] } }>(COORDINATOR, '/region')).body.template;
    // The new template: the blank with its first percentage row spliced out, so the preview must read the new file.
    const edited = new ExcelJS.Workbook();
    await edited.xlsx.load(readFileSync(blankPath) as unknown as ExcelJS.Buffer);
    let removed = false;
    for (const ws of edited.worksheets) {
      ws.eachRow((r, n) => {
        if (!removed && String(r.getCell(3).value ?? '').trim() === '%') {
          ws.spliceRows(n, 1);
          removed = true;
        }
      });
    }
    expect(removed).toBe(true);
    const newTemplate = Buffer.from(await edited.xlsx.writeBuffer());
    await page.getByTestId('template-upload-input').setInputFiles({ name: 'Шаблон Камчатки.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: newTemplate });
    await page.getByTestId('preview').waitFor();
    const preview = page.getByTestId('preview');
    // ExcelJS's spliceRows moves merges too: the reader sees a different list (its count is not ours to predict), and
    // the preview must be exactly what the replacement then stores.
    const previewCount = Number(await preview.getByTestId('preview-indicators').textContent());
    expect(previewCount).not.toBe(before.indicators);
    expect(await preview.getByTestId('preview-years').textContent()).toBe(before.years.join(', '));
    // Nothing replaced yet.
    expect((await s.api<{ template: { uploadedAt: string; indicators: number } }>(COORDINATOR, '/region')).body.template).toMatchObject({ uploadedAt: uploadedBefore, indicators: before.indicators });
    await shot(page, 'wide-7-template-preview');
    await page.getByRole('button', { name: 'Заменить шаблон' }).click();
    await page.getByTestId('template-notice').getByText(/Шаблон принят/).waitFor();
    expect((await s.api<{ template: { indicators: number; fileName: string } }>(COORDINATOR, '/region')).body.template).toMatchObject({ fileName: 'Шаблон Камчатки.xlsx', indicators: previewCount });

    // A municipality's page: its versions, the diff of the two, «вернуть на доработку».
    await page.getByRole('tab', { name: 'Сбор' }).click();
    // The switched-off municipality is said to be so in «Сбор».
    await page.locator('[data-testid=status-table] [data-municipality=ilansky] [data-status="отключён"]').waitFor();
    // The new template lost an indicator the municipalities send: it waits for the coordinator's decision, made here.
    await page.locator('[data-municipality=petropavlovsk] [data-status="ждёт сопоставления"]').waitFor();
    const unmatched = page.getByTestId('mappings').locator('li[data-unmatched]').first();
    expect(await unmatched.textContent()).toMatch(/Прислали: .*Петропавловск-Камчатский городской округ/);
    await unmatched.locator('select').selectOption({ label: 'не включать в свод' });
    await unmatched.getByRole('button', { name: 'Подтвердить' }).click();
    await page.getByTestId('mapping-notice').getByText(/не будет включаться в свод/).waitFor();
    await page.locator('[data-municipality=petropavlovsk] [data-status="сдано с опозданием"]').waitFor();
    await shot(page, 'wide-8a-mapping');
    await page.locator('[data-municipality=petropavlovsk]').getByRole('button').first().click();
    await page.locator('[data-testid=versions] tbody tr').nth(1).waitFor();
    await page.getByTestId('receipt').waitFor();
    await page.getByRole('button', { name: 'Сравнить' }).click();
    await page.getByTestId('diff').waitFor();
    const diff = await page.getByTestId('diff').innerText();
    expect(diff).toMatch(/Версия 1 → версия 2/);
    expect(diff).toMatch(/Изменено/);
    expect(diff).toMatch(/50\s*→\s*стало\s*57|50 → 57/);

    // «Показатели»: a chart and its table; the far value highlighted in both.
    await page.getByRole('tab', { name: 'Показатели' }).click();
    await page.getByTestId('chart').waitFor();
    const table = page.getByTestId('values-table');
    expect(await table.locator('tbody tr').count()).toBe(5); // four municipalities in the Свод and the region
    expect(await table.locator('[data-outlier]').count()).toBeGreaterThan(0);
    expect(await table.locator('[data-outlier]').first().textContent()).toMatch(/далеко от остальных/);
    await checkChart(page, s);
    await shot(page, 'wide-9-indicators');
    // Another year redraws the chart for it.
    const firstYear = (await page.getByRole('group', { name: 'Год на графике:' }).getByRole('button').first().textContent())!;
    await page.getByRole('button', { name: firstYear, exact: true }).click();
    await page.waitForFunction((y) => document.querySelector('[data-testid=chart] svg[role=region]')?.getAttribute('aria-label')?.includes(`, ${y} год:`), firstYear);
    expect(await page.getByTestId('chart').locator('rect[role=option]').count()).toBeGreaterThan(0);

    // «Вернуть на доработку»: the version leaves the Свод, «Сбор» says so with the comment.
    await page.getByRole('tab', { name: 'Сбор' }).click();
    await page.locator('[data-municipality=petropavlovsk]').getByRole('button').first().click();
    await page.getByTestId('receipt').waitFor();
    await page.fill('#return-comment', 'Проверьте значения 2020 года: они не совпадают с отчётом за прошлый год.');
    await page.getByRole('button', { name: 'Вернуть на доработку' }).click();
    await page.getByTestId('return-notice').waitFor();
    expect((await s.api<{ returns: Array<{ comment: string }> }>(s.tokens.petropavlovsk!, '/returns')).body.returns[0]!.comment).toMatch(/^Проверьте значения 2020 года/);
    await page.locator('[data-version="2"] [data-returned]').waitFor();
    // The page's status and note, reloaded after the return.
    await page.locator('[data-status="возвращено на доработку"]').waitFor();
    await page.getByText(/^Версия 2 возвращена на доработку \d\d\.\d\d\.\d{4}\. В своде данных нет, пока муниципалитет не пришлёт новую версию\./).waitFor();
    // The check result no longer says the returned version is in the Свод.
    await page.getByTestId('verdict').getByText(/^Версия принята, но в своде региона сейчас не она\./).waitFor();
    await shot(page, 'wide-8-municipality');
    await page.getByRole('button', { name: 'К сбору' }).click();
    const returnedRow = page.locator('[data-testid=status-table] [data-municipality=petropavlovsk]');
    await returnedRow.locator('[data-status="возвращено на доработку"]').waitFor();
    expect(await returnedRow.getByTestId('returned-comment').textContent()).toBe('Комментарий к версии 2: Проверьте значения 2020 года: они не совпадают с отчётом за прошлый год.');
    expect(await returnedRow.locator('td').nth(2).textContent()).toBe('—');
    await page.locator('[data-testid=status-table] [data-municipality=ilansky] [data-status="отключён"]').waitFor();
    // «из M» leaves the switched-off municipality out, in the answer and on the page alike.
    const counted = (await s.api<{ inSvod: number; total: number; municipalities: unknown[] }>(COORDINATOR, '/region/status')).body;
    expect([counted.inSvod, counted.total]).toEqual([3, counted.municipalities.length - 1]);
    expect(await page.getByTestId('counts').textContent()).toMatch(new RegExp(`^В своде 3 из ${counted.total}\\b`));
    await shot(page, 'wide-10-collect-returned');
    // Its values left «Показатели» too: three municipalities and the region.
    await page.getByRole('tab', { name: 'Показатели' }).click();
    await page.getByTestId('chart').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=values-table] tbody tr').length === 4);

    expect(await pageWidth(page)).toBeLessThanOrEqual(1366);
    expect(errors).toEqual([]);
    await context.close();
  }, 45_000);

  it('at 390 px: the same pages fit the width, tables become cards', async () => {
    // Its own returned version and switched-off municipality, whatever the test above left.
    expect((await s.api(COORDINATOR, '/municipalities', { method: 'POST', body: { id: 'narrow-off', name: 'Отключённый район' } })).status).toBe(201);
    expect((await s.api(COORDINATOR, '/municipalities/narrow-off', { method: 'PUT', body: { active: false } })).status).toBe(200);
    const latest = (await s.api<{ submissions: Array<{ id: string }> }>(COORDINATOR, '/submissions?municipality=milkovsky')).body.submissions[0]!;
    expect((await s.api(COORDINATOR, `/submissions/${latest.id}/return`, { method: 'POST', body: { comment: 'Нет подписи руководителя.' } })).status).toBe(201);
    const { page, errors, context } = await s.page('narrow');
    // By keyboard alone: the token field, Enter; then the first municipality's link and Enter opens its page.
    await page.goto(`${s.url}/portal/`);
    await page.locator('#token').waitFor();
    for (let i = 0; i < 10 && !(await page.evaluate(() => document.activeElement?.id === 'token')); i++) await page.keyboard.press('Tab');
    await page.keyboard.type(COORDINATOR);
    await page.keyboard.press('Enter');
    await page.getByTestId('status-cards').waitFor();
    await page.locator('[data-testid=status-cards] > li button').first().focus();
    const first = await page.locator('[data-testid=status-cards] > li').first().getAttribute('data-municipality');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`#/m/${first}$`));
    await page.getByRole('button', { name: 'К сбору' }).click();
    await page.getByTestId('status-cards').waitFor();
    // Every municipality has a card, the switched-off one too (it is only left out of «из M»).
    const all = (await s.api<{ municipalities: unknown[] }>(COORDINATOR, '/region/status')).body.municipalities.length;
    expect(await page.locator('[data-testid=status-cards] > li').count()).toBe(all);
    const returnedCard = page.locator('[data-testid=status-cards] [data-municipality=milkovsky]');
    await returnedCard.locator('[data-status="возвращено на доработку"]').waitFor();
    expect(await returnedCard.getByTestId('returned-comment').textContent()).toMatch(/: Нет подписи руководителя\.$/);
    await page.locator('[data-testid=status-cards] [data-municipality=narrow-off] [data-status="отключён"]').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await shot(page, 'narrow-1-collect');
    await page.getByRole('tab', { name: 'Муниципалитеты' }).click();
    await page.getByTestId('municipalities').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await shot(page, 'narrow-2-municipalities');
    await page.evaluate(() => (location.hash = '#/m/petropavlovsk'));
    await page.getByTestId('receipt').waitFor();
    await page.getByRole('button', { name: 'Сравнить' }).click();
    await page.getByTestId('diff').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await shot(page, 'narrow-3-municipality');
    await page.getByRole('tab', { name: 'Показатели' }).click();
    await page.getByTestId('chart').waitFor();
    await checkChart(page, s);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await shot(page, 'narrow-4-indicators');
    expect(errors).toEqual([]);
    await context.close();
  }, 30_000);
});
