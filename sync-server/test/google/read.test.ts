import { cellFromSheets, gridFromSheet, workbookFromSpreadsheet } from '../../src/google/read';

describe('reading a spreadsheet as grids', () => {
  it('turns a number under a date format into that day at UTC, as the xlsx reader does', () => {
    // Serial 45000 is 15 March 2023 in Sheets and in Excel.
    expect(cellFromSheets({ effectiveValue: { numberValue: 45000 }, effectiveFormat: { numberFormat: { type: 'DATE' } } })).toEqual(new Date(Date.UTC(2023, 2, 15)));
    expect(cellFromSheets({ effectiveValue: { numberValue: 45000.5 }, effectiveFormat: { numberFormat: { type: 'DATE_TIME' } } })).toEqual(new Date(Date.UTC(2023, 2, 15, 12)));
    expect(cellFromSheets({ effectiveValue: { numberValue: 0.06 }, effectiveFormat: { numberFormat: { type: 'PERCENT' } } })).toBe(0.06);
  });

  it('reads texts, booleans and formula results; errors and empty texts are empty', () => {
    expect(cellFromSheets({ effectiveValue: { stringValue: '4.2' } })).toBe('4.2');
    expect(cellFromSheets({ effectiveValue: { boolValue: false } })).toBe(false);
    expect(cellFromSheets({ effectiveValue: { errorValue: { type: 'DIVIDE_BY_ZERO', message: '' } } })).toBeNull();
    expect(cellFromSheets({ effectiveValue: { stringValue: '' } })).toBeNull();
    expect(cellFromSheets({})).toBeNull();
  });

  it('places blocks at their offsets, keeps a merge value in its top-left cell only and drops trailing empties', () => {
    const grid = gridFromSheet({
      properties: { title: 'План' },
      merges: [{ startRowIndex: 0, endRowIndex: 1, startColumnIndex: 1, endColumnIndex: 3 }],
      data: [
        {
          startRow: 0,
          startColumn: 1,
          rowData: [{ values: [{ effectiveValue: { stringValue: 'Заголовок' } }, { effectiveValue: { stringValue: 'повтор' } }] }, { values: [{}] }, { values: [{ effectiveValue: { numberValue: 7 } }, {}] }, { values: [] }],
        },
      ],
    });
    expect(grid).toEqual({ name: 'План', rows: [[null, 'Заголовок'], [], [null, 7]], merges: [{ top: 0, left: 1, bottom: 0, right: 2 }] });
  });

  it('skips chart sheets, keeps tab order and refuses a spreadsheet with no cells', () => {
    const wb = workbookFromSpreadsheet({
      properties: { title: 'T' },
      sheets: [
        { properties: { title: 'Б', index: 1, sheetType: 'GRID' } },
        { properties: { title: 'Диаграмма', index: 2, sheetType: 'OBJECT' } },
        { properties: { title: 'А', index: 0, sheetType: 'GRID' } },
      ],
    });
    expect(wb.sheets.map((s) => s.name)).toEqual(['А', 'Б']);
    expect(() => workbookFromSpreadsheet({ properties: { title: 'Графики' }, sheets: [{ properties: { title: 'Д', sheetType: 'OBJECT' } }] })).toThrow(/нет листов с ячейками/);
  });
});
