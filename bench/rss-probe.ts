/**
 * A fresh process for `npm run bench`'s peak memory figure: `tsx bench/rss-probe.ts FILE fast|exceljs [check]` reads
 * FILE once (the fast reader or a bare ExcelJS load), optionally checks it, and prints the peak resident set in MB
 * (`process.resourceUsage().maxRSS`: the whole process, the loaded modules included).
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { check } from '@svod/shared';
import { readXlsx } from '@svod/shared/xlsx';

async function main(): Promise<void> {
  const [file, how, withCheck] = process.argv.slice(2);
  const bytes = readFileSync(file!);
  if (how === 'exceljs') await new ExcelJS.Workbook().xlsx.load(bytes as unknown as ExcelJS.Buffer);
  else {
    const { grids } = await readXlsx(bytes);
    if (withCheck === 'check') check(grids);
  }
  console.log(JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

void main();
