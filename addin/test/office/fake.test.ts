/** The fake Excel keeps Office.js's discipline, so adapter tests over it mean something. */
import { FakeOfficeError, FakeWorkbook, installFakeOffice, type FakeRange, type FakeRequestContext } from '../../../tests/fakes/excel';

type Run = <T>(batch: (context: FakeRequestContext) => Promise<T>) => Promise<T>;

function fake(): { workbook: FakeWorkbook; run: Run; uninstall: () => void } {
  const workbook = new FakeWorkbook([{ name: 'Лист1', rows: [['a', 1], ['b', 2]], merges: [{ top: 0, left: 0, bottom: 0, right: 1 }] }]);
  const office = installFakeOffice(workbook);
  return { workbook, run: office.Excel.run as Run, uninstall: office.uninstall };
}

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof FakeOfficeError ? e.code : String(e);
  }
  return 'no error';
}

describe('the fake Excel', () => {
  test('a property not loaded, or loaded but not synced, throws PropertyNotLoaded; after sync it is there', async () => {
    const { workbook, run, uninstall } = fake();
    await run(async (context) => {
      const range = context.workbook.worksheets.getActiveWorksheet().getRange('A1:B2');
      expect(code(() => range.values)).toBe('PropertyNotLoaded');
      range.load('values,address');
      expect(code(() => range.values)).toBe('PropertyNotLoaded');
      expect(code(() => range.isNullObject)).toBe('PropertyNotLoaded');
      await context.sync();
      expect(range.values).toEqual([['a', 1], ['b', 2]]);
      expect(range.address).toBe('Лист1!A1:B2');
      expect(range.isNullObject).toBe(false);
      expect(code(() => range.numberFormat)).toBe('PropertyNotLoaded');
    });
    expect(workbook.syncs).toEqual([{ loads: 2, writes: 0, cells: 4 }]);
    uninstall();
  });

  test('values set take effect at sync, in queue order with loads', async () => {
    const { workbook, run, uninstall } = fake();
    await run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Лист1');
      const cell = ws.getRange('B2');
      cell.values = [[99]];
      expect(workbook.sheet('Лист1').value('B2')).toBe(2);
      cell.load('values');
      const after = ws.getRange('B2');
      after.format.fill.color = '#FFC7CE';
      await context.sync();
      expect(workbook.sheet('Лист1').value('B2')).toBe(99);
      expect(cell.values).toEqual([[99]]);
      expect(workbook.sheet('Лист1').at('B2').fill?.color).toBe('#FFC7CE');
    });
    expect(workbook.syncsSince(0)).toMatchObject({ total: 1, reads: 0, writes: 1 });
    uninstall();
  });

  test('null objects: isNullObject after sync; working with one fails the sync', async () => {
    const { run, uninstall } = fake();
    await run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject('Нет такого');
      const empty = context.workbook.worksheets.getActiveWorksheet().getRange('D1:D2').getMergedAreasOrNullObject();
      const merged = context.workbook.worksheets.getActiveWorksheet().getUsedRange().getMergedAreasOrNullObject();
      merged.load('address');
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(empty.isNullObject).toBe(true);
      expect(merged.address).toBe('Лист1!A1:B1');
      missing.getRange('A1').load('values');
      await expect(context.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
    });
    uninstall();
  });

  test('a proxy used after its Excel.run throws; Excel.run(context) re-enters the batch', async () => {
    const { run, uninstall, workbook } = fake();
    let kept: FakeRange | null = null;
    let context0: FakeRequestContext | null = null;
    await run(async (context) => {
      kept = context.workbook.worksheets.getActiveWorksheet().getRange('A1');
      context0 = context;
      await context.sync();
    });
    expect(code(() => kept!.load('values'))).toBe('InvalidObjectPath');
    const again = (globalThis as unknown as { Excel: { run: (c: FakeRequestContext, b: (c: FakeRequestContext) => Promise<void>) => Promise<void> } }).Excel;
    await again.run(context0!, async (context) => {
      context.workbook.worksheets.getActiveWorksheet().getRange('A2').values = [['c']];
      await context.sync();
    });
    expect(workbook.sheet('Лист1').value('A2')).toBe('c');
    uninstall();
  });

  test('Office.context: requirement sets compare part by part; settings survive a reload only when saved', async () => {
    const workbook = new FakeWorkbook([], { apiVersion: '1.17' });
    const { Office, uninstall } = installFakeOffice(workbook);
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.9')).toBe(true);
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.17')).toBe(true);
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.18')).toBe(false);
    const settings = Office.context.document.settings;
    settings.set('a', { x: 1 });
    settings.set('b', 2);
    await new Promise((resolve) => settings.saveAsync(resolve));
    settings.set('b', 3);
    settings.reload();
    expect([settings.get('a'), settings.get('b')]).toEqual([{ x: 1 }, 2]);
    uninstall();
    expect((globalThis as Record<string, unknown>).Excel).toBeUndefined();
  });
});
