/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The Excel task pane in a real browser, without Excel: the built pane (addin/dist) served by a real sync server on
 * 127.0.0.1, on a harness page under /addin/ that gives it an in-page fake `HostPort` over seed-002's grids through
 * the test seam `window.__svodPort`. Walks check → select → highlight → fix → re-check → submit → coordinator, at the
 * pane's real width (320 px), with a screenshot of each step in artifacts/pane/ for a person to look at.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { allDiagnostics, check, collectFixes, readWorkbook, type CellEdit, type CheckReport, type GridWorkbook } from '@svod/shared';
import { readXlsx } from '@svod/shared/xlsx';
import { startServer } from '../../sync-server/src/server';
import { countsText } from '../../addin/src/state/diagnostics';
import { templateExecutors } from '../../addin/src/state/template';
import { SERVER_UNREACHABLE } from '../../addin/src/api/client';
import { openHarness } from './harness';
import { seedCell, type FakeCall, type FakeExcel, type SeedWorkbook } from './pane-harness/fake-port';
import { assertSafeWorkbook } from '../../sync-server/test/support/scan-workbook';

const ROOT = join(__dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'artifacts', 'pane');
const HARNESS = join(__dirname, 'pane-harness');
const COORDINATOR = 'svod_pane-test-coordinator-0123456789abcdef';
const SHEET = 'План-график';

type Win = Window & { __svodFake: FakeExcel };

describe('the task pane over a fake HostPort', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let url: string;
  let seed: SeedWorkbook;
  let activeOnly: GridWorkbook;
  let expected: CheckReport;
  const pageErrors: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'svod-pane-'));

  const calls = () => page.evaluate(() => (window as unknown as Win).__svodFake.calls) as Promise<FakeCall[]>;
  const lastCall = async <M extends FakeCall['method']>(method: M) => (await calls()).filter((c): c is Extract<FakeCall, { method: M }> => c.method === method).pop();
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, name), fullPage: false });
  const rules = () => page.$$eval('[data-testid=diagnostics] > li', (lis) => lis.map((li) => li.getAttribute('data-rule')));
  const summary = () => page.textContent('[data-testid=summary]');

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });

    const { grids } = await readXlsx(readFileSync(join(ROOT, 'tests', 'fixtures', 'seeds', 'seed-002-lazo.xlsx')));
    seed = { active: SHEET, sheets: grids.sheets.map((g) => ({ name: g.name, rows: g.rows.map((r) => r.map(seedCell)), merges: g.merges ?? [] })) };
    activeOnly = { sheets: grids.sheets.filter((g) => g.name === SHEET) };
    expected = check(activeOnly);

    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      server = await startServer({ PORT: '0', HOST: '127.0.0.1', SVOD_DATA_DIR: dir, SVOD_LOG_LEVEL: 'silent', SVOD_COORDINATOR_TOKEN: COORDINATOR, SVOD_DEMO: '0' });
    } finally {
      write.mockRestore();
    }
    url = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;

    let csp: string;
    ({ browser, page, csp } = await openHarness({
      url,
      name: 'pane-harness',
      dir: HARNESS,
      entry: 'harness.ts',
      script: 'harness.js',
      seed: `window.__svodSeed = ${JSON.stringify(seed)};`,
      pageErrors,
    }));
    expect(csp).toContain("script-src 'self'");
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds a bundle without ExcelJS, loaded after office.js', () => {
    const bundle = readFileSync(join(ROOT, 'addin', 'dist', 'taskpane.js'), 'utf8');
    expect(bundle).not.toMatch(/exceljs/i);
    expect(bundle.length).toBeGreaterThan(100_000);
    const html = readFileSync(join(ROOT, 'addin', 'dist', 'taskpane.html'), 'utf8');
    const office = html.indexOf('src="/office-js/office.js"');
    const pane = html.indexOf('src="taskpane.js"');
    expect(office).toBeGreaterThan(0);
    expect(pane).toBeGreaterThan(office);
    expect(html).toContain('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
    expect(readFileSync(join(ROOT, 'addin', 'dist', 'taskpane.css'), 'utf8')).toContain('.svod-visually-hidden');
  });

  it('outside Excel, the real page says where Svod works instead of failing', async () => {
    const plain = await browser.newPage({ viewport: { width: 320, height: 900 }, locale: 'ru-RU' });
    const errors: string[] = [];
    plain.on('pageerror', (e) => errors.push(e.message));
    await plain.goto(`${url}/addin/taskpane.html`);
    const alert = plain.getByRole('alert');
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toMatch(/^(Svod работает в Excel|Не загрузилась библиотека Office)/);
    expect(errors).toEqual([]);
    await plain.screenshot({ path: join(ARTIFACTS, '0-outside-excel.png') });
    await plain.close();
  });

  it('opens on the harness page, without Office', async () => {
    await page.goto(`${url}/addin/pane-harness/index.html`);
    await page.getByRole('button', { name: 'Проверить' }).waitFor();
    expect(await page.getByRole('tab', { name: 'Проверка' }).getAttribute('aria-selected')).toBe('true');
    // All four sections' tabs are visible whole at 320 px.
    for (const name of ['Проверка', 'Шаблон', 'Отправка', 'Регион']) {
      const box = (await page.getByRole('tab', { name }).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(320);
    }
    await shot('1-start.png');
  });

  it('checks the active sheet: the table, its period and the diagnostics grouped by rule, errors first', async () => {
    await page.getByRole('button', { name: 'Проверить' }).click();
    await page.waitForSelector('[data-testid=tables] li');
    expect((await lastCall('readSheets'))!.scope).toBe('active');
    const tables = await page.$$eval('[data-testid=tables] li', (lis) => lis.map((li) => li.textContent));
    const t = expected.sheets[0]!.tables[0]!;
    expect(t).toEqual({ kind: 'roadmap', range: 'A5:E84', period: { from: 2023, to: 2024 } });
    expect(tables).toEqual([`дорожная карта, 2023–2024 гг.${SHEET}!A5:E84${countsText(expected.summary)}`]);
    expect(await summary()).toContain(`Итого: ${countsText(expected.summary)}`);

    const diagnostics = allDiagnostics(expected);
    const groups = await rules();
    expect(new Set(groups)).toEqual(new Set(diagnostics.map((d) => d.ruleId)));
    // Every group shows at most 8 rows until «Показать все»; a row is one finding, or a fold of alike ones (#11).
    const perRule = new Map<string, number>();
    for (const d of diagnostics) perRule.set(d.ruleId, (perRule.get(d.ruleId) ?? 0) + 1);
    const rowsPerRule = await page.$$eval('[data-testid=diagnostics] > li', (lis) => lis.map((li) => li.querySelectorAll(':scope > ul > li').length));
    for (const n of rowsPerRule) expect(n).toBeLessThanOrEqual(8);
    expect(await page.locator('[data-rule=text-whitespace] > ul > li').count()).toBeLessThan(perRule.get('text-whitespace')! / 5);
    // Errors first, then warnings, then infos.
    const order = { error: 0, warning: 1, info: 2 };
    const severities = await page.$$eval('[data-testid=diagnostics] > li li:first-child', (lis) => lis.map((li) => li.getAttribute('data-severity')));
    const ranks = severities.map((s) => order[s as keyof typeof order]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(groups[groups.length - 1]).toBe('text-whitespace');
    await expect(page.getByText('Перед пунктом 1.1.12. пропущен номер 1.1.11.').count()).resolves.toBe(1);
    await shot('2-checked.png');

    await page.locator('[data-rule=text-whitespace]').getByRole('button', { name: /Показать все/ }).click();
    expect(await page.locator('[data-rule=text-whitespace] li[data-cell]').count()).toBe(perRule.get('text-whitespace'));
    await page.locator('[data-rule=text-whitespace]').getByRole('button', { name: 'Свернуть' }).click();
  });

  it('folds alike findings into one row: the count, one sentence, the first cells; it opens to the exact messages (#11)', async () => {
    const lineEnds = allDiagnostics(expected).filter((d) => d.ruleId === 'text-whitespace' && d.messageId === 'lineEnd');
    expect(lineEnds.length).toBeGreaterThanOrEqual(4);
    const fold = page.locator('li[data-fold="text-whitespace:lineEnd"]');
    expect(await fold.getAttribute('data-count')).toBe(String(lineEnds.length));
    const toggle = fold.getByRole('button', { name: `${lineEnds.length} ячеек: Пробел перед переносом строки (после «…»).` });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    // The first five cells are buttons; the rest are counted.
    const chips = fold.locator('[data-chip]');
    expect(await chips.allTextContents()).toEqual(lineEnds.slice(0, 5).map((d) => d.cell));
    expect(await fold.textContent()).toContain(`и ещё ${lineEnds.length - 5}`);
    expect(await fold.locator('li[data-cell]').count()).toBe(0);
    await fold.scrollIntoViewIfNeeded();
    await shot('2b-folded.png');
    // A cell of the fold still selects its cell in the sheet.
    await chips.nth(1).click();
    await expect(lastCall('select')).resolves.toEqual({ method: 'select', sheet: SHEET, cell: lineEnds[1]!.cell });
    expect(await chips.nth(1).getAttribute('aria-current')).toBe('true');
    // Opened, it lists every one with its exact message.
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await fold.locator('li[data-cell]').count()).toBe(lineEnds.length);
    expect(await fold.locator(`li[data-cell="${SHEET}!${lineEnds[0]!.cell}"]`).textContent()).toContain(lineEnds[0]!.message);
    expect(lineEnds[0]!.message).toMatch(/^Пробел перед переносом строки \(после «[^…]+»\)\.$/);
    await shot('2c-fold-open.png');
    await fold.locator(`li[data-cell="${SHEET}!${lineEnds[2]!.cell}"] button`).first().click();
    await expect(lastCall('select')).resolves.toEqual({ method: 'select', sheet: SHEET, cell: lineEnds[2]!.cell });
    await toggle.click();
    expect(await fold.locator('li[data-cell]').count()).toBe(0);
  });

  it('selects the cell of a clicked diagnostic', async () => {
    await page.locator(`li[data-cell="${SHEET}!A19"] button`).first().click();
    await expect(lastCall('select')).resolves.toEqual({ method: 'select', sheet: SHEET, cell: 'A19' });
    expect(await page.locator(`li[data-cell="${SHEET}!A19"] button[aria-current=true]`).count()).toBe(1);
    await shot('3-selected.png');
  });

  it('filters by severity', async () => {
    const infos = page.getByRole('button', { name: /^Замечания:/ });
    await infos.click();
    expect(await infos.getAttribute('aria-pressed')).toBe('false');
    expect(await rules()).not.toContain('text-whitespace');
    await infos.click();
    expect(await rules()).toContain('text-whitespace');
  });

  it('highlights the problem cells and clears the highlight', async () => {
    await page.getByRole('button', { name: 'Подсветить' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=check-notice]')?.textContent?.includes('Подсвечено'));
    const cells = (await lastCall('highlight'))!.cells;
    expect(cells).toHaveLength(allDiagnostics(expected).length);
    expect(cells).toContain(`${SHEET}!A19`);
    expect(await page.getByRole('button', { name: 'Снять подсветку' }).isEnabled()).toBe(true);
    await shot('4-highlighted.png');
    await page.getByRole('button', { name: 'Снять подсветку' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=check-notice]')?.textContent?.includes('Подсветка снята'));
    expect((await calls()).filter((c) => c.method === 'clearHighlight')).toHaveLength(1);
  });

  it('«Исправить все» writes every safe fix in one batch, and the re-check shows them gone', async () => {
    const before = (await calls()).length;
    const safe = collectFixes(allDiagnostics(expected));
    expect(safe.edits.length).toBeGreaterThan(50);
    await page.getByRole('button', { name: `Исправить все (${safe.applied.length})` }).first().click();
    await page.waitForFunction(() => document.querySelector('[data-testid=check-notice]')?.textContent?.startsWith('Исправлено'));
    const writes = (await calls()).slice(before).filter((c) => c.method === 'applyEdits');
    expect(writes).toHaveLength(1);
    const byCell = (a: CellEdit, b: CellEdit) => (a.cell < b.cell ? -1 : 1);
    expect((writes[0] as { edits: CellEdit[] }).edits.sort(byCell)).toEqual([...safe.edits].sort(byCell));
    expect(await rules()).not.toContain('text-whitespace');
    const fixed = check({ sheets: [{ ...activeOnly.sheets[0]!, rows: await readRows() }] });
    expect(fixed.summary.infos).toBe(0);
    expect(await summary()).toContain(`Итого: ${countsText(fixed.summary)}`);
    await shot('5-fixed.png');
  });

  it('renumbers in one click', async () => {
    expect(await rules()).toContain('numbering-gap');
    await page.getByRole('button', { name: 'Перенумеровать', exact: true }).click();
    await page.waitForFunction(() => !document.querySelector('[data-rule=numbering-gap]'));
    const renumbered = (await lastCall('applyEdits'))!.edits;
    expect(renumbered.length).toBeGreaterThan(0);
    expect(renumbered.every((e) => e.sheet === SHEET && e.cell.startsWith('A'))).toBe(true);
    expect(await page.getByRole('button', { name: 'Перенумеровать', exact: true }).count()).toBe(0);
  });

  it('Автопроверка re-checks after the sheet changes, so pasted debris shows up', async () => {
    await page.getByRole('switch', { name: 'Автопроверка' }).check();
    await page.waitForFunction(() => (window as unknown as Win).__svodFake.calls.some((c) => c.method === 'onChange'));
    await page.evaluate((sheet) => (window as unknown as Win).__svodFake.edit(sheet, 'E10', '<p>Приказ</p>'), SHEET);
    await page.waitForSelector(`[data-rule=text-markup] li[data-cell="${SHEET}!E10"]`, { timeout: 5000 });
    // Subscribed once, not on every render.
    expect((await calls()).filter((c) => c.method === 'onChange')).toHaveLength(1);
    await page.getByRole('switch', { name: 'Автопроверка' }).uncheck();
    await page.waitForFunction(() => (window as unknown as Win).__svodFake.calls.some((c) => c.method === 'offChange'));
    // The one fix of that cell, from its own button.
    await page.locator(`[data-rule=text-markup] li[data-cell="${SHEET}!E10"]`).getByRole('button', { name: /^Исправить/ }).click();
    await page.waitForFunction(() => !document.querySelector('[data-rule=text-markup]'));
    expect(await page.evaluate((sheet) => (window as unknown as Win).__svodFake.value(sheet, 'E10'), SHEET)).toBe('Приказ');
  });

  it('sends the workbook with a municipality token and shows the receipt and the status', async () => {
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
    const sentKeys: string[] = [];
    await page.route(`${url}/api/v1/submissions`, (route) => {
      if (route.request().method() === 'POST') sentKeys.push(route.request().headers()['idempotency-key'] ?? '');
      return route.continue();
    });
    await page.getByRole('button', { name: 'Отправить' }).click();
    const receipt = page.getByTestId('receipt');
    await receipt.waitFor();
    expect(await receipt.textContent()).toMatch(/Отправлено: версия 1/);
    expect(await receipt.textContent()).toContain('принято');
    // The receipt names the repeats in one line each (#11): Lazo's deadlines before its approval date.
    expect(await page.getByTestId('receipt-folds').textContent()).toMatch(/^\d+ ячеек: Срок «…» истёк до утверждения документа \(13\.03\.2023\)\./);
    await page.getByTestId('versions').waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('#panel-send button')].every((b) => !(b as HTMLButtonElement).disabled));
    expect(await page.$$eval('[data-testid=versions] tbody tr', (trs) => trs.map((tr) => [tr.children[0]!.textContent, tr.children[2]!.textContent]))).toEqual([['1', 'принято']]);
    await shot('6-sent.png');

    // What arrived is what the pane had: the fixed sheets as JSON, the same verdict as the pane's own check.
    const list = (await (await fetch(`${url}/api/v1/submissions`, { headers: { Authorization: `Bearer ${COORDINATOR}` } })).json()) as {
      submissions: Array<{ id: string; version: number; status: string; kind: string; summary: { infos: number } }>;
    };
    expect(list.submissions).toHaveLength(1);
    expect(list.submissions[0]).toMatchObject({ version: 1, status: 'accepted', kind: 'json', summary: { infos: 0 } });
    // The token stays in the add-in's settings, not in the document.
    expect(await page.evaluate(() => localStorage.getItem('svod.municipalityToken'))).toBe(token);

    // The server's diagnostics join the list on «Проверка».
    await page.getByRole('button', { name: 'Показать замечания сервера в списке проверки' }).click();
    expect(await page.getByRole('tab', { name: 'Проверка' }).getAttribute('aria-selected')).toBe('true');
    expect(await summary()).toContain('с замечаниями сервера');
    await shot('6b-server-list.png');
    await page.getByRole('tab', { name: 'Отправка' }).click();

    // The same content again: the server returns the existing version.
    await page.getByRole('button', { name: 'Отправить' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=receipt]')?.textContent?.startsWith('Уже отправлено'));
    expect(await receipt.textContent()).toMatch(/версия 1/);
    // Both times with the same Idempotency-Key: the content did not change.
    expect(sentKeys).toHaveLength(2);
    expect(sentKeys[0]).toMatch(/^[0-9a-f-]{32,}$/);
    expect(sentKeys[1]).toBe(sentKeys[0]);
    await page.unroute(`${url}/api/v1/submissions`);
  });

  it('says so in Russian when the server is unreachable or refuses the token', async () => {
    const send = page.locator('#panel-send');
    // The connection refused, as when the server is down or the network is gone.
    const submissions = `${url}/api/v1/submissions`;
    await page.route(submissions, (route) => route.abort('connectionrefused'));
    await page.getByRole('button', { name: 'Отправить' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=send-notice]') !== null);
    expect(await page.getByTestId('send-notice').textContent()).toBe(SERVER_UNREACHABLE);
    await shot('7-unreachable.png');
    await page.unroute(submissions);
    // The check itself still works without the server.
    await page.getByRole('tab', { name: 'Проверка' }).click();
    await page.getByRole('button', { name: 'Проверить' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=summary]')?.textContent?.includes('Итого') && !document.querySelector('[data-testid=summary]')?.textContent?.includes('сервера'));
    await page.getByRole('tab', { name: 'Отправка' }).click();

    const token = send.getByLabel('Токен муниципалитета');
    const good = await token.inputValue();
    await token.fill('svod_not-a-real-token-0000000000000000000000');
    await page.getByRole('button', { name: 'Отправить' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=send-notice]')?.textContent?.includes('Токен'));
    expect(await page.getByTestId('send-notice').textContent()).toBe('Токен доступа не подходит или отозван. Попросите координатора выдать новый.');
    await token.fill(good);
  });

  it('shows the region status to the coordinator and inserts the regional workbook', async () => {
    await page.getByRole('tab', { name: 'Регион' }).click();
    await page.locator('#panel-coordinator').getByLabel('Токен координатора').fill(COORDINATOR);
    await page.getByRole('button', { name: 'Статус региона' }).click();
    await page.getByTestId('region-status').waitFor();
    const rows = await page.$$eval('[data-testid=region-status] tbody tr', (trs) => trs.map((tr) => [tr.children[0]!.textContent, tr.children[1]!.textContent]));
    expect(rows).toHaveLength(1);
    expect(rows[0]![0]).toBe('Лазовский муниципальный округ');
    expect(rows[0]![1]).toMatch(/^принятоверсия 1/);
    // No template yet: a region that collects roadmaps only still gets its workbook.
    const insert = page.getByRole('button', { name: 'Вставить региональную книгу' });
    await insert.click();
    await page.waitForFunction(() => document.querySelector('[data-testid=coordinator-notice]')?.textContent?.startsWith('Вставлены'));
    expect(await calls()).toContainEqual(expect.objectContaining({ method: 'insertWorkbook' }));
    // What the pane inserts into the coordinator's Excel is scanned for output safety (issue #8).
    await assertSafeWorkbook(Buffer.from((await lastCall('insertWorkbook'))!.base64, 'base64'));
    const put = await fetch(`${url}/api/v1/region/template`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${COORDINATOR}`, 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      body: readFileSync(join(ROOT, 'tests', 'fixtures', 'seeds', 'seed-000-kamchatka.xlsx')),
    });
    expect(put.status).toBe(200);
    await insert.click();
    await page.waitForFunction(() => document.querySelector('[data-testid=coordinator-notice]')?.textContent?.startsWith('Вставлены'));
    expect(await page.getByTestId('coordinator-notice').textContent()).toBe('Вставлены листы: «Свод показателей», «Дорожные карты», «Статус».');
    const inserted = (await lastCall('insertWorkbook'))!;
    expect(inserted.head.startsWith('UEsDB')).toBe(true); // «PK\x03\x04», a zip
    await assertSafeWorkbook(Buffer.from(inserted.base64, 'base64'));
    await shot('8-coordinator.png');
  });

  it('inserts a blank template for the chosen period with the glossary\'s executors', async () => {
    await page.getByRole('tab', { name: 'Шаблон' }).click();
    await page.getByLabel('Первый год').fill('2026');
    await page.getByLabel('Последний год').fill('2025');
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Год окончания раньше года начала.');
    expect(await page.getByRole('button', { name: 'Вставить шаблон' }).isDisabled()).toBe(true);
    await page.getByLabel('Последний год').fill('2028');
    await page.getByRole('radio', { name: 'Целевые показатели' }).check();
    await page.getByRole('button', { name: 'Вставить шаблон' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=template-notice]')?.textContent?.startsWith('Добавлен лист'));
    const { grids } = await readXlsx(readFileSync(join(ROOT, 'tests', 'fixtures', 'seeds', 'seed-002-lazo.xlsx')));
    const executors = templateExecutors(readWorkbook(grids).glossary);
    expect((await lastCall('insertTemplate'))!.options).toEqual({ kind: 'indicators', period: { from: 2026, to: 2028 }, executors, glossary: executors.length === 0 });
    await shot('9-template.png');
  });

  it('moves between sections with the keyboard', async () => {
    await page.getByRole('tab', { name: 'Шаблон' }).focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    expect(await page.getByRole('tab', { name: 'Проверка' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#panel-check').isVisible()).toBe(true);
    expect(await page.locator('#panel-template').isVisible()).toBe(false);
  });

  it('fits 320 px and raised no script errors', async () => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(pageErrors).toEqual([]);
  });

  /** The active sheet's rows as the fake Excel holds them now. */
  async function readRows() {
    const rows = await page.evaluate(async () => (await (window as unknown as Win).__svodFake.port.readSheets('active')).sheets[0]!.rows.map((r) => r.map((v) => (v instanceof Date ? { $date: v.toISOString() } : v))));
    return rows.map((r) => r.map((v) => (v !== null && typeof v === 'object' ? new Date((v as { $date: string }).$date) : v)));
  }
});
