/**
 * Whether two downloads of a workbook say the same thing: every sheet's cell values, the «по состоянию на …» time
 * aside (requests a minute apart are stamped differently, and the document dates are the time of the request).
 */
import ExcelJS from 'exceljs';

const STAMP = /\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}/g;

async function cells(bytes: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const out: string[] = [];
  wb.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row, r) => out.push(`${ws.name}!${r}: ${JSON.stringify(row.values).replace(STAMP, '…')}`));
  });
  return out;
}

export async function compareWorkbooks(x: Buffer, y: Buffer): Promise<string> {
  if (Buffer.compare(x, y) === 0) return 'the same bytes';
  const [a, b] = await Promise.all([cells(x), cells(y)]);
  const i = a.findIndex((line, k) => line !== b[k]);
  if (i < 0 && a.length === b.length) return 'the same cells (the bytes differ: the document dates are the time of the request)';
  return `DIFFERENT cells at ${a[i]?.split(':')[0] ?? b[i]?.split(':')[0] ?? `row ${i}`} (${a.length} / ${b.length} rows)`;
}
