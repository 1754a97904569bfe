/**
 * `onChange` (Автопроверка) over the fake Excel: a person's edits on the active sheet call the listener; the add-in's
 * own writes do not; switching sheets follows the active sheet; unsubscribing removes every handler.
 */
import type { FakeWorkbookOptions } from '../../../tests/fakes/excel';
import { settle, setupSeed, uninstall } from './helpers';

afterEach(uninstall);

const ROADMAP = 'Дорожная карта';
const PLAN = 'План мероприятий';

async function subscribed(options: FakeWorkbookOptions = {}) {
  const s = await setupSeed('seed-001-kirov.xlsx', options);
  let calls = 0;
  const unsubscribe = await s.port.onChange(() => {
    calls++;
  });
  return { ...s, unsubscribe, calls: () => calls };
}

describe('onChange', () => {
  // Without `triggerSource` (before ExcelApi 1.14) only the port's «writing» mark tells its own edits apart.
  for (const reportTriggerSource of [true, false]) {
    describe(reportTriggerSource ? 'with triggerSource' : 'without triggerSource', () => {
      test('fires on a user edit of the active sheet, not on the add-in\'s own writes', async () => {
        const s = await subscribed({ reportTriggerSource });
        s.workbook.userEdit(ROADMAP, 'B8', 'Новое мероприятие');
        await settle();
        expect(s.calls()).toBe(1);

        await s.port.applyEdits([
          { sheet: ROADMAP, cell: 'B8', value: 'Исправлено' },
          { sheet: ROADMAP, cell: 'A8', value: '=cmd' },
        ]);
        await s.port.highlight([{ ruleId: 'x', severity: 'error', sheet: ROADMAP, cell: 'C8', message: 'Срок не распознан.' }]);
        await s.port.clearHighlight();
        await settle();
        expect(s.calls()).toBe(1);

        s.workbook.userEdit(ROADMAP, 'C8', 'март 2021');
        await settle();
        expect(s.calls()).toBe(2);
        await s.unsubscribe();
      });
    });
  }

  test('edits of another sheet are not the active sheet\'s; switching sheets follows the active one', async () => {
    const s = await subscribed();
    s.workbook.userEdit(PLAN, 'B8', 'x');
    await settle();
    expect(s.calls()).toBe(0);

    s.workbook.userActivate(PLAN); // the user opens another sheet: a re-check of it is due
    await settle();
    expect(s.calls()).toBe(1);
    s.workbook.userEdit(PLAN, 'B8', 'y');
    await settle();
    expect(s.calls()).toBe(2);
    s.workbook.userEdit(ROADMAP, 'B8', 'z');
    await settle();
    expect(s.calls()).toBe(2);
    expect(s.workbook.changedHandlers.get(s.workbook.sheet(ROADMAP).id)?.size ?? 0).toBe(0);
    await s.unsubscribe();
  });

  test('the add-in\'s own sheet switches (select, insertTemplate) move the subscription but stay silent', async () => {
    const s = await subscribed();
    await s.port.select(PLAN, 'A7');
    await settle();
    expect(s.calls()).toBe(0);
    s.workbook.userEdit(PLAN, 'B8', 'y');
    await settle();
    expect(s.calls()).toBe(1);

    const name = await s.port.insertTemplate({ kind: 'roadmap', period: { from: 2025, to: 2026 }, executors: [], glossary: true });
    await settle();
    expect(s.calls()).toBe(1);
    s.workbook.userEdit(name, 'B5', 'Первое мероприятие');
    await settle();
    expect(s.calls()).toBe(2);
    await s.unsubscribe();
  });

  test('unsubscribing removes the handlers: nothing fires afterwards', async () => {
    const s = await subscribed();
    await s.unsubscribe();
    expect([...s.workbook.changedHandlers.values()].every((h) => h.size === 0)).toBe(true);
    expect(s.workbook.activatedHandlers.size).toBe(0);
    s.workbook.userEdit(ROADMAP, 'B8', 'x');
    s.workbook.userActivate(PLAN);
    await settle();
    expect(s.calls()).toBe(0);
    await s.unsubscribe(); // twice is harmless
  });
});
