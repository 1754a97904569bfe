/**
 * Автопроверка's change events over Office.js: `onChanged` of the active sheet, following the active sheet as it
 * changes (`worksheets.onActivated`). The add-in's own writes are not reported: while `OwnWrites` is busy, or
 * (ExcelApi 1.14) as Excel itself marks them (`triggerSource`). Syncs: one to subscribe, one per sheet switch (on the
 * subscription's own context), one to unsubscribe.
 */
import type { OwnWrites } from './writes';

/** Calls `listener` when the active sheet changes or another sheet becomes active; returns an unsubscribe function. */
export async function watchChanges(writes: OwnWrites, listener: () => void): Promise<() => Promise<void>> {
  let alive = true;
  let sheetId = '';
  let changed: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | null = null;
  let activated: OfficeExtension.EventHandlerResult<Excel.WorksheetActivatedEventArgs> | null = null;
  let pending: Promise<void> = Promise.resolve();

  const onChanged = async (event: Excel.WorksheetChangedEventArgs): Promise<void> => {
    if (!alive || writes.busy || event.triggerSource === 'ThisLocalAddin' || event.worksheetId !== sheetId) return;
    listener();
  };
  // Another sheet became active: follow it (one sync on the subscription's own context), then tell the listener,
  // unless the add-in itself switched sheets (`select`, `insertTemplate`).
  const onActivated = async (event: Excel.WorksheetActivatedEventArgs): Promise<void> => {
    if (!alive) return;
    const own = writes.busy;
    pending = pending.then(async () => {
      if (!alive || !changed || event.worksheetId === sheetId) return;
      const old = changed;
      await Excel.run(old.context, async (context) => {
        old.remove();
        changed = context.workbook.worksheets.getItem(event.worksheetId).onChanged.add(onChanged);
        sheetId = event.worksheetId;
        await context.sync();
      });
      if (alive && !own) listener();
    });
    await pending.catch(() => undefined);
  };

  await Excel.run(async (context) => {
    const worksheets = context.workbook.worksheets;
    const active = worksheets.getActiveWorksheet();
    active.load('id');
    changed = active.onChanged.add(onChanged);
    activated = worksheets.onActivated.add(onActivated);
    await context.sync();
    sheetId = active.id;
  });

  return async () => {
    if (!alive) return;
    alive = false;
    await pending.catch(() => undefined);
    const handlers = [changed, activated].filter((h): h is NonNullable<typeof h> => h !== null);
    if (handlers.length === 0) return;
    await Excel.run(handlers[0]!.context, async (context) => {
      for (const h of handlers) h.remove();
      await context.sync();
    });
  };
}
