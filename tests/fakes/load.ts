/** Node side of the fake Excel: a fake workbook from an xlsx file on disk, loaded with ExcelJS as the CLI's --fix loads it. */
import { readFileSync } from 'node:fs';
import { loadExcelWorkbook } from '@svod/shared/xlsx';
import { FakeWorkbook, type FakeWorkbookOptions } from './excel';
import { decodeXlsxBase64, sheetInitFromWorksheet } from './xlsx';

export async function loadFakeWorkbook(path: string, options: FakeWorkbookOptions = {}): Promise<FakeWorkbook> {
  const excel = await loadExcelWorkbook(readFileSync(path));
  const inits = excel.worksheets.map(sheetInitFromWorksheet);
  return new FakeWorkbook(inits, { decodeXlsx: decodeXlsxBase64, ...options });
}

export function base64OfFile(path: string): string {
  return readFileSync(path).toString('base64');
}
