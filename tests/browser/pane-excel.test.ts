/// <reference lib="dom" />
/**
 * The built task pane in Debian's Chromium over the typed fake of the Office.js Excel API (tests/fakes/excel.ts),
 * not over a fake port: the harness installs `Excel` / `Office` over seed-002's workbook before addin/dist/taskpane.js
 * runs and leaves `window.__svodPort` unset, so the pane goes through `Office.onReady` and the real
 * `createExcelPort()`. Walks check → list → select → highlight → restore → fix all → re-check → submit → receipt
 * against a real sync server on 127.0.0.1, asserting what happened in the fake workbook and its `context.sync` count,
 * with a screenshot of each step in artifacts/pane-excel/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { allDiagnostics, check, collectFixes, type CellValue, type CheckReport, type Grid } from '@svod/shared';
import { readXlsx } from '@svod/shared/xlsx';
import { startServer } from '../../sync-server/src/server';
import { countsText } from '../../addin/src/state/diagnostics';
import { sheetInitFromWorksheet } from '../fakes/xlsx';
import { openHarness } from './harness';
import type { CellState, ExcelProbe, ExcelSeed, SeedCell, SyncCounts } from './pane-excel-harness/entry';

const ROOT = join(__dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'artifacts', 'pane-excel');
const HARNESS = join(__dirname, 'pane-excel-harness');
const SEED = join(ROOT, 'tests', 'fixtures', 'seeds', 'seed-002-lazo.xlsx');
const COORDINATOR = 'svod_pane-excel-test-coordinator-0123456789';
const SHEET = 'План-график';

/** A19 and C9 are diagnosed in seed-002; A1 and B6 are not. */
const PERSON = {
  fills: { A19: '#FFFF00', C9: { color: '#C6EFCE', pattern: 'Solid', patternColor: '#000000' }, A1: '#DDEBF7' },
  notes: { C9: 'Уточнить у Иванова', B6: 'Сверено с приказом' },
};

type Win = Window & { __svodExcel: ExcelProbe };

function seedCell(value: CellValue): SeedCell {
  return value instanceof Date ? { $date: value.toISOString() } : value;
}

describe('the task pane over the fake Excel API, through the real Office.js port', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let url: string;
  let sheet: Grid;
  let expected: CheckReport;
  let marksBefore: Awaited<ReturnType<ExcelProbe['marks']>>;
  /** `context.sync` calls per operation, as measured on the fake Excel API. */
  const measured: Record<string, SyncCounts> = {};
  const pageErrors: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'svod-pane-excel-'));

  const selection = () => page.evaluate(() => (window as unknown as Win).__svodExcel.selection());
  const activeSheet = () => page.evaluate(() => (window as unknown as Win).__svodExcel.activeSheet());
  const syncs = () => page.evaluate(() => (window as unknown as Win).__svodExcel.syncs());
  const syncsSince = (from: number) => page.evaluate((n) => (window as unknown as Win).__svodExcel.syncsSince(n), from);
  const cell = (address: string) => page.evaluate(([s, a]) => (window as unknown as Win).__svodExcel.cell(s, a), [SHEET, address] as const) as Promise<CellState>;
  const marks = () => page.evaluate((s) => (window as unknown as Win).__svodExcel.marks(s), SHEET);
  const notice = () => page.textContent('[data-testid=check-notice]');
  const summary = () => page.textContent('[data-testid=summary]');
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, name), fullPage: false });
  /** Waits until the pane's operation settled: no new syncs for a moment. */
  const settled = async () => {
    let last = -1;
    for (let n = await syncs(); n !== last; n = await syncs()) {
      last = n;
      await page.waitForTimeout(150);
    }
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });

    const loaded = await readXlsx(readFileSync(SEED));
    const { grids } = loaded;
    const excel = await loaded.excel();
    sheet = grids.sheets.find((g) => g.name === SHEET)!;
    expected = check({ sheets: [sheet] });
    // The fake workbook: values and merges as readXlsx reads them, with number formats, fills and notes.
    const seed: ExcelSeed = {
      active: SHEET,
      sheets: excel.worksheets.map((ws) => {
        const init = sheetInitFromWorksheet(ws);
        // The seed has no fills or notes of its own: a person's marks, on problem cells and beside them, so that
        // «Снять подсветку» has something to put back.
        if (ws.name === SHEET) Object.assign(init, { fills: { ...init.fills, ...PERSON.fills }, notes: { ...init.notes, ...PERSON.notes } });
        return { ...init, rows: (init.rows ?? []).map((r) => r.map((v) => seedCell(v as CellValue))) };
      }),
    };

    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      server = await startServer({ PORT: '0', HOST: '127.0.0.1', SVOD_DATA_DIR: dir, SVOD_LOG_LEVEL: 'silent', SVOD_COORDINATOR_TOKEN: COORDINATOR, SVOD_DEMO: '0' });
    } finally {
      write.mockRestore();
    }
    url = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;

    ({ browser, page } = await openHarness({
      url,
      name: 'pane-excel-harness',
      dir: HARNESS,
      entry: 'entry.ts',
      script: 'office-fake.js',
      seed: `window.__svodExcelSeed = ${JSON.stringify(seed)};`,
      pageErrors,
    }));
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens over Office.onReady and the real HostPort, without the port seam', async () => {
    await page.goto(`${url}/addin/pane-excel-harness/index.html`);
    await page.getByRole('button', { name: 'Проверить' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __svodPort?: unknown }).__svodPort)).toBeUndefined();
    expect(await activeSheet()).toBe(SHEET);
    marksBefore = await marks();
    expect(Object.keys(marksBefore.fills).sort()).toEqual(['A1', 'A19', 'C9']);
    expect(marksBefore.notes).toEqual(PERSON.notes);
    await shot('1-start.png');
  });

  it('checks the active sheet in one read sync, and lists what the core finds in Node', async () => {
    await settled();
    const from = await syncs();
    await page.getByRole('button', { name: 'Проверить' }).click();
    await page.waitForSelector('[data-testid=tables] li');
    await settled();
    measured.check = await syncsSince(from);
    expect(measured.check).toEqual({ total: 1, reads: 1, writes: 0 });

    expect(await summary()).toContain(`Итого: ${countsText(expected.summary)}`);
    const diagnostics = allDiagnostics(expected);
    const rules = await page.$$eval('[data-testid=diagnostics] > li', (lis) => lis.map((li) => li.getAttribute('data-rule')));
    expect(new Set(rules)).toEqual(new Set(diagnostics.map((d) => d.ruleId)));
    // Every group at most 8 until «Показать все»: open them all and compare cell by cell.
    for (const more of await page.getByRole('button', { name: /Показать все/ }).all()) await more.click();
    const shown = await page.$$eval('[data-testid=diagnostics] li[data-cell]', (lis) => lis.map((li) => li.getAttribute('data-cell')!));
    expect(shown.sort()).toEqual(diagnostics.map((d) => `${d.sheet}!${d.cell}`).sort());
    for (const less of await page.getByRole('button', { name: 'Свернуть' }).all()) await less.click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('2-checked.png');
  });

  it('a click on a diagnostic selects its cell in the workbook', async () => {
    const from = await syncs();
    await page.locator(`li[data-cell="${SHEET}!A19"] button`).first().click();
    await page.waitForFunction(() => (window as unknown as Win).__svodExcel.selection()?.address === 'A19');
    await settled();
    measured.select = await syncsSince(from);
    expect(measured.select).toEqual({ total: 1, reads: 0, writes: 1 });
    expect(await selection()).toEqual({ sheet: SHEET, address: 'A19' });
    expect(await activeSheet()).toBe(SHEET);
    await shot('3-selected.png');
  });

  it('«Подсветить» fills the problem cells and adds notes, in one read and one write sync', async () => {
    const from = await syncs();
    await page.getByRole('button', { name: 'Подсветить' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=check-notice]')?.textContent?.includes('Подсвечено'));
    await settled();
    measured.highlight = await syncsSince(from);
    expect(measured.highlight).toEqual({ total: 2, reads: 1, writes: 1 });

    const cells = [...new Set(allDiagnostics(expected).map((d) => d.cell))];
    const after = await marks();
    for (const c of cells) {
      expect(after.fills[c]).toBeDefined();
      expect(after.fills[c]).not.toEqual(marksBefore.fills[c]);
      expect(after.notes[c]).toBeTruthy();
    }
    // The note says what the diagnostic says.
    const a19 = allDiagnostics(expected).find((d) => d.cell === 'A19')!;
    expect((await cell('A19')).note).toContain(a19.message);
    expect((await cell('A19')).fill).not.toEqual(marksBefore.fills.A19);
    // Cells without diagnostics keep what the person put there.
    expect(after.fills.A1).toEqual(marksBefore.fills.A1);
    expect(after.notes.B6).toBe('Сверено с приказом');
    expect(await notice()).toContain('Подсвечено');
    await shot('4-highlighted.png');
  });

  it('«Снять подсветку» puts back exactly the fills and notes that were there', async () => {
    const from = await syncs();
    await page.getByRole('button', { name: 'Снять подсветку' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=check-notice]')?.textContent?.includes('Подсветка снята'));
    await settled();
    measured.clearHighlight = await syncsSince(from);
    expect(measured.clearHighlight).toEqual({ total: 2, reads: 1, writes: 1 });
    expect(await marks()).toEqual(marksBefore);
    expect(await cell('A19')).toMatchObject({ fill: { color: '#FFFF00', pattern: 'Solid' }, note: null });
    expect((await cell('C9')).note).toBe('Уточнить у Иванова');
    await shot('5-restored.png');
  });

  it('«Исправить все» writes what collectFixes says, and the re-check finds no safe fix left', async () => {
    const safe = collectFixes(allDiagnostics(expected));
    expect(safe.edits.length).toBeGreaterThan(50);
    for (const e of safe.edits) expect(e.sheet).toBe(SHEET);
    const from = await syncs();
    await page.getByRole('button', { name: `Исправить все (${safe.applied.length})` }).first().click();
    await page.waitForFunction(() => document.querySelector('[data-testid=check-notice]')?.textContent?.startsWith('Исправлено'));
    await settled();
    measured.fixAllAndRecheck = await syncsSince(from);
    // A fresh read, the edits in one write, the re-check.
    expect(measured.fixAllAndRecheck).toEqual({ total: 3, reads: 2, writes: 1 });

    for (const e of safe.edits) {
      const now = (await cell(e.cell)).value;
      expect({ cell: e.cell, value: now }).toEqual({ cell: e.cell, value: e.value === '' ? null : e.value });
    }
    // The re-check: what the core says of the sheet with those edits, and no safe fix left.
    const fixedRows = sheet.rows.map((r) => r.slice());
    for (const e of safe.edits) {
      const m = /^([A-Z]+)(\d+)$/.exec(e.cell)!;
      const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const row = Number(m[2]) - 1;
      while (fixedRows.length <= row) fixedRows.push([]);
      while (fixedRows[row]!.length <= col) fixedRows[row]!.push(null);
      fixedRows[row]![col] = e.value;
    }
    const recheck = check({ sheets: [{ ...sheet, rows: fixedRows }] });
    expect(collectFixes(allDiagnostics(recheck)).edits).toEqual([]);
    expect(await summary()).toContain(`Итого: ${countsText(recheck.summary)}`);
    expect(await page.getByRole('button', { name: /^Исправить все/ }).count()).toBe(0);
    const rules = await page.$$eval('[data-testid=diagnostics] > li', (lis) => lis.map((li) => li.getAttribute('data-rule')));
    expect(new Set(rules)).toEqual(new Set(allDiagnostics(recheck).map((d) => d.ruleId)));
    await shot('6-fixed.png');
  });

  it('sends the sheets with a municipality token: the receipt says version 1 and the server has it', async () => {
    const res = await fetch(`${url}/api/v1/municipalities`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${COORDINATOR}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'lazo', name: 'Лазовский муниципальный округ' }),
    });
    expect(res.status).toBe(201);
    const { token } = (await res.json()) as { token: string };
    // The region collects indicators: the receipt must say how many of this workbook's reached the Свод (none here).
    const template = await fetch(`${url}/api/v1/region/template`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${COORDINATOR}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ sheets: [{ name: 'Показатели', rows: [['№', 'Показатель', 'Ед. изм.', '2023', '2024'], ['1', 'Доля школ с программами перехода в эффективный режим', '%']], merges: [] }] }),
    });
    expect(template.status).toBe(200);

    await page.getByRole('tab', { name: 'Отправка' }).click();
    const send = page.locator('#panel-send');
    expect(await send.getByLabel('Адрес сервера').inputValue()).toBe(url);
    await send.getByLabel('Токен муниципалитета').fill(token);
    const from = await syncs();
    await page.getByRole('button', { name: 'Отправить' }).click();
    const receipt = page.getByTestId('receipt');
    await receipt.waitFor();
    expect(await receipt.textContent()).toMatch(/Отправлено: версия 1/);
    expect(await page.getByTestId('receipt-svod').textContent()).toBe('В файле нет таблицы целевых показателей: в свод показателей ничего не войдёт.');
    await page.getByTestId('versions').waitFor();
    await settled();
    measured.submit = await syncsSince(from);
    // Sending reads the workbook and writes nothing to it.
    expect(measured.submit.writes).toBe(0);
    await shot('7-sent.png');

    const list = (await (await fetch(`${url}/api/v1/submissions`, { headers: { Authorization: `Bearer ${COORDINATOR}` } })).json()) as {
      submissions: Array<{ id: string; version: number; municipalityId: string }>;
    };
    expect(list.submissions).toHaveLength(1);
    const one = await fetch(`${url}/api/v1/submissions/${list.submissions[0]!.id}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ version: 1, status: 'accepted', kind: 'json', municipalityId: 'lazo' });
  });

  it('fits 320 px and raised no script errors', async () => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(pageErrors).toEqual([]);
  });
});
