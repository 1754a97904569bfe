/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The task pane's «Столбцы» step in a real browser (issue #11): the built pane served by a real sync server on
 * 127.0.0.1, over the fake port of pane-harness with the document's settings kept in the page's storage. A roadmap
 * whose headers Svod does not know (`№ | Что делаем | Когда | Кто отвечает | Что получим`) shows the step; mapping it
 * makes a roadmap table with its diagnostics; a reload keeps the mapping; with a municipality token the mapping is
 * saved to the server and loaded from it. Screenshots at the pane's width in artifacts/pane-columns/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { check, type CellValue } from '@svod/shared';
import { startServer } from '../../sync-server/src/server';
import { countsText } from '../../addin/src/state/diagnostics';
import { openHarness } from './harness';
import type { SeedWorkbook } from './pane-harness/fake-port';
import type { ColumnsFake } from './pane-columns-harness/harness';

type Win = Window & { __svodFake: ColumnsFake };

const ROOT = join(__dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'artifacts', 'pane-columns');
const HARNESS = join(__dirname, 'pane-columns-harness');
const COORDINATOR = 'svod_pane-columns-coordinator-0123456789abcdef';
const SHEET = 'План';
const WIDTH = 320;

// Item 2. twice: an error only a read table shows.
const ROWS: CellValue[][] = [
  ['План мероприятий («дорожная карта») на 2024 год'],
  [],
  ['№', 'Что делаем', 'Когда', 'Кто отвечает', 'Что получим'],
  ['1.', 'Проведение совещания с директорами школ', 'Январь 2024 г.', 'Управление образования', 'Протокол совещания'],
  ['2.', 'Разработка плана методической помощи', 'Февраль 2024 г.', 'Управление образования', 'План'],
  ['2.', 'Проведение мониторинга', 'Март 2024 г.', 'Управление образования', 'Аналитическая справка'],
];
const MAPPING = { 'Что делаем': 'activity', Когда: 'deadline', 'Что получим': 'result' } as const;

describe('the task pane’s «Столбцы» step', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let url: string;
  let token: string;
  const pageErrors: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'svod-pane-columns-'));
  const seed: SeedWorkbook = { active: SHEET, sheets: [{ name: SHEET, rows: ROWS as SeedWorkbook['sheets'][0]['rows'], merges: [] }] };
  const withMapping = check({ sheets: [{ name: SHEET, rows: ROWS, merges: [] }] }, { columns: { ...MAPPING } });

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
  const rules = () => page.$$eval('[data-testid=diagnostics] > li', (lis) => lis.map((li) => li.getAttribute('data-rule')));
  const tables = () => page.$$eval('[data-testid=tables] li', (lis) => lis.map((li) => li.textContent));
  const select = (header: string) => page.locator('[data-testid=columns-step]').getByLabel(header, { exact: true });
  const stored = () => page.evaluate(() => localStorage.getItem('harness.document.columns'));
  const api = (path: string, init: RequestInit = {}, bearer = token) =>
    fetch(`${url}/api/v1${path}`, { ...init, headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) } });
  const checkNow = async () => {
    await page.getByRole('button', { name: 'Проверить' }).click();
    await page.waitForSelector('[data-testid=summary]');
    await page.waitForFunction(() => ![...document.querySelectorAll('button')].some((b) => b.textContent === 'Проверить' && (b as HTMLButtonElement).disabled));
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      server = await startServer({ PORT: '0', HOST: '127.0.0.1', SVOD_DATA_DIR: dir, SVOD_LOG_LEVEL: 'silent', SVOD_COORDINATOR_TOKEN: COORDINATOR, SVOD_DEMO: '0' });
    } finally {
      write.mockRestore();
    }
    url = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
    const res = await api('/municipalities', { method: 'POST', body: JSON.stringify({ id: 'lazo', name: 'Лазовский муниципальный округ' }) }, COORDINATOR);
    expect(res.status).toBe(201);
    token = ((await res.json()) as { token: string }).token;
    ({ browser, page } = await openHarness({
      url,
      name: 'pane-columns-harness',
      dir: HARNESS,
      entry: 'harness.ts',
      script: 'harness.js',
      seed: `window.__svodSeed = ${JSON.stringify(seed)};`,
      pageErrors,
    }));
    await page.setViewportSize({ width: WIDTH, height: 900 });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  it('offers the step when the check finds a table it cannot read, preselected with what Svod recognised', async () => {
    await page.goto(`${url}/addin/pane-columns-harness/index.html`);
    await checkNow();
    const step = page.getByTestId('columns-step');
    await step.waitFor();
    expect(await tables()).toEqual([]);
    expect(await rules()).toContain('table-unrecognised');
    expect(await page.getByTestId('check-notice').textContent()).toBe('Таблица не проверена: Svod не понял её столбцы. Укажите их в шаге «Столбцы» выше.');
    expect(await step.getByRole('heading', { name: 'Столбцы' }).count()).toBe(1);
    expect(await step.locator('legend').textContent()).toBe(`Лист «${SHEET}», строка 3: похоже на дорожную карту (3 пронумерованные строки)`);
    const chosen: Record<string, string> = {};
    for (const header of ['№', 'Что делаем', 'Когда', 'Кто отвечает', 'Что получим']) {
      chosen[header] = await select(header).evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]!.textContent!);
    }
    expect(chosen).toEqual({ '№': 'номер', 'Что делаем': 'не учитывать', Когда: 'не учитывать', 'Кто отвечает': 'исполнитель', 'Что получим': 'не учитывать' });
    // Every role in Russian, and «не учитывать», which a header Svod knows by itself cannot take.
    const options = await select('Что делаем').evaluate((el) => [...(el as HTMLSelectElement).options].map((o) => o.textContent));
    expect(options).toEqual(['не учитывать', 'номер', 'мероприятие', 'срок', 'исполнитель', 'результат', 'показатель', 'единица измерения', 'методика расчёта', 'сокращение', 'полное наименование']);
    expect(await select('Кто отвечает').evaluate((el) => (el as HTMLSelectElement).options[0]!.disabled)).toBe(true);
    expect(await step.getByTestId('columns-missing').textContent()).toBe('Для проверки нужны ещё: мероприятие, срок, результат.');
    // Nothing of the step sticks out of the pane.
    for (const el of await step.locator('select, label, button').all()) {
      const box = (await el.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
    }
    await shot('1-step.png');
  });

  it('«Сохранить и проверить» reads the table with the mapping: a roadmap and its diagnostics', async () => {
    await select('Что делаем').selectOption({ label: 'мероприятие' });
    await select('Когда').selectOption({ label: 'срок' });
    await select('Что получим').selectOption({ label: 'результат' });
    expect(await page.getByTestId('columns-missing').count()).toBe(0);
    await page.getByRole('button', { name: 'Сохранить и проверить' }).click();
    await page.waitForSelector('[data-testid=tables] li');
    const t = withMapping.sheets[0]!.tables[0]!;
    expect(t).toEqual({ kind: 'roadmap', range: 'A3:E6', period: { from: 2024, to: 2024 } });
    expect(await tables()).toEqual([`дорожная карта, 2024 г.${SHEET}!A3:E6${countsText(withMapping.summary)}`]);
    const found = await rules();
    expect(found).toContain('numbering-duplicate');
    expect(found).not.toContain('table-unrecognised');
    expect(new Set(found)).toEqual(new Set(withMapping.sheets[0]!.diagnostics.map((d) => d.ruleId)));
    expect(await page.getByTestId('columns-step').count()).toBe(0);
    expect(await page.getByTestId('columns-notice').textContent()).toBe('Сопоставление столбцов запомнено в этой книге.');
    expect(await page.getByTestId('columns-remembered').textContent()).toContain('«Что делаем» → мероприятие, «Когда» → срок, «Что получим» → результат');
    // Kept in the document: only what the vocabulary does not know by itself.
    expect(JSON.parse((await stored())!)).toEqual(MAPPING);
    await shot('2-mapped.png');
  });

  it('a reload of the pane keeps the mapping: the next check reads the table at once', async () => {
    await page.reload();
    await page.getByTestId('columns-remembered').waitFor();
    await checkNow();
    await page.waitForSelector('[data-testid=tables] li');
    expect(await tables()).toEqual([`дорожная карта, 2024 г.${SHEET}!A3:E6${countsText(withMapping.summary)}`]);
    expect(await rules()).toContain('numbering-duplicate');
    expect(await page.getByTestId('columns-step').count()).toBe(0);
  });

  it('with a municipality token, a change is saved on the server too', async () => {
    await page.getByRole('tab', { name: 'Отправка' }).click();
    await page.locator('#panel-send').getByLabel('Токен муниципалитета').fill(token);
    await page.getByRole('tab', { name: 'Проверка' }).click();
    await page.getByRole('button', { name: 'Изменить' }).click();
    const step = page.getByTestId('columns-step');
    await step.waitFor();
    await select('Что получим').selectOption({ label: 'не учитывать' });
    await shot('3-edit.png');
    await step.getByRole('button', { name: 'Сохранить и проверить' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=columns-notice]')?.textContent?.includes('на сервере'));
    expect(await page.getByTestId('columns-notice').textContent()).toBe('Сопоставление столбцов запомнено в этой книге и на сервере для вашего муниципалитета.');
    const remembered = { 'Что делаем': 'activity', Когда: 'deadline' };
    expect(JSON.parse((await stored())!)).toEqual(remembered);
    expect(await (await api('/municipalities/me/columns')).json()).toEqual({ id: 'lazo', columns: remembered });
    // Without a result column the roadmap is still read; its result-missing findings show.
    expect(await tables()).toHaveLength(1);
  });

  it('a workbook without a mapping of its own reads with the municipality’s from the server', async () => {
    const put = await api('/municipalities/me/columns', { method: 'PUT', body: JSON.stringify({ columns: { 'Что делаем': 'мероприятие', Когда: 'срок', 'Что получим': 'результат' } }) });
    expect(put.status).toBe(200);
    await page.evaluate(() => localStorage.removeItem('harness.document.columns'));
    await page.reload();
    // Asked for once, with the first check: not at every keystroke of the token, not before it is needed.
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/v1/municipalities/me/columns')) asked.push(r.method());
    });
    await checkNow();
    await page.waitForSelector('[data-testid=tables] li');
    expect(await page.getByTestId('columns-remembered').textContent()).toContain('На сервере для муниципалитета.');
    await checkNow();
    expect(asked).toEqual(['GET']);
    expect(await tables()).toEqual([`дорожная карта, 2024 г.${SHEET}!A3:E6${countsText(withMapping.summary)}`]);
    await shot('4-from-server.png');
  });

  it('«Забыть» clears the mapping in the workbook and on the server, and the step comes back', async () => {
    await page.getByRole('button', { name: 'Забыть' }).click();
    await page.getByTestId('columns-step').waitFor();
    expect(await page.getByTestId('columns-notice').textContent()).toBe('Сопоставление столбцов забыто в этой книге и на сервере.');
    expect(await stored()).toBeNull();
    expect(await page.evaluate(() => (window as unknown as Win).__svodFake.documentWrites.pop())).toEqual({ key: 'columns', value: null });
    expect(await (await api('/municipalities/me/columns')).json()).toEqual({ id: 'lazo', columns: {} });
    expect(await tables()).toEqual([]);
    expect(await rules()).toContain('table-unrecognised');
    expect(await page.getByTestId('columns-remembered').count()).toBe(0);
  });
});
