/**
 * The coordinator's regional workbook put into the open workbook over Office.js: its sheets are inserted at the end
 * (`insertWorksheetsFromBase64`, ExcelApi 1.13). One sync.
 */
import type { OwnWrites } from './writes';

/** Returns the names of the inserted sheets. Accepts plain base64 or a `data:` URL. */
export async function insertWorkbook(writes: OwnWrites, base64Xlsx: string): Promise<string[]> {
  const base64 = base64Xlsx.replace(/^data:[^,]*,/, '');
  return Excel.run(async (context) => {
    const result = context.workbook.insertWorksheetsFromBase64(base64, { positionType: Excel.WorksheetPositionType.end });
    await writes.sync(context);
    return result.value;
  });
}
