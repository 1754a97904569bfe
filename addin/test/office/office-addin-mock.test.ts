/**
 * `readSheets` against Microsoft's `office-addin-mock` (`OfficeMockObject`): a property is only there after `load`
 * and `context.sync()` (else the mock hands back an error text). The adapter must load everything it reads, sync once,
 * and only then read: the grid comes out exact.
 */
import { OfficeMockObject } from 'office-addin-mock';
import { createExcelPort } from '../../src/office/excel-port';

const values = [
  ['Дорожная карта', '', ''],
  ['№ п/п', 'Мероприятие', 'Срок'],
  ['1.1', 'Совещание', 44330],
  ['1.2', 'Отчёт', '#N/A'],
];
const numberFormat = [
  ['General', 'General', 'General'],
  ['General', 'General', 'General'],
  ['@', 'General', 'dd.mm.yyyy'],
  ['@', 'General', 'General'],
];

function excelMock(): { mock: OfficeMockObject; syncs: () => number } {
  const mock = new OfficeMockObject({
    context: {
      workbook: {
        worksheets: {
          active: {
            id: '{sheet-1}',
            name: 'План',
            used: {
              bounds: {
                rowCount: 4,
                columnCount: 3,
                head: { values, numberFormat, rowCount: 4, columnCount: 3 },
                getIntersection: function (this: { head: unknown }) {
                  return this.head;
                },
              },
              getBoundingRect: function (this: { bounds: unknown }) {
                return this.bounds;
              },
            },
            usedWithFormats: {
              merged: { address: 'План!A1:C1' },
              getMergedAreasOrNullObject: function (this: { merged: unknown }) {
                return this.merged;
              },
            },
            getUsedRange: function (this: { used: unknown; usedWithFormats: unknown }, valuesOnly?: boolean) {
              return valuesOnly ? this.used : this.usedWithFormats;
            },
          },
          getActiveWorksheet: function (this: { active: unknown }) {
            return this.active;
          },
        },
      },
    },
    run: async function (this: { context: unknown }, batch: (context: unknown) => Promise<unknown>) {
      return batch(this.context);
    },
  });
  let syncs = 0;
  const context = (mock as unknown as { context: { sync(): Promise<void> } }).context;
  const sync = context.sync.bind(context);
  context.sync = async () => {
    syncs++;
    await sync();
  };
  return { mock, syncs: () => syncs };
}

describe('readSheets under office-addin-mock', () => {
  const g = globalThis as Record<string, unknown>;
  afterEach(() => {
    delete g.Excel;
  });

  test('the mock does report reads without load and sync', () => {
    const { mock } = excelMock();
    const sheet = (mock as unknown as { context: { workbook: { worksheets: { active: { name: unknown } } } } }).context.workbook.worksheets.active;
    expect(sheet.name).toBe('Error, property was not loaded');
  });

  test('everything read was loaded and synced: one sync, the exact grid', async () => {
    const { mock, syncs } = excelMock();
    g.Excel = mock;
    const read = await createExcelPort().readSheets('active');
    expect(syncs()).toBe(1);
    expect(read).toEqual({
      active: 'План',
      sheets: [
        {
          name: 'План',
          rows: [['Дорожная карта'], ['№ п/п', 'Мероприятие', 'Срок'], ['1.1', 'Совещание', new Date(Date.UTC(2021, 4, 14))], ['1.2', 'Отчёт']],
          merges: [{ top: 0, left: 0, bottom: 0, right: 2 }],
        },
      ],
    });
  });
});
