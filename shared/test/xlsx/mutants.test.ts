/**
 * Mutants of the seed workbooks (the hostile corpus's seeded generator: bytes flipped, truncations, XML elements
 * deleted, duplicated or broken, attributes and numbers replaced, parts deleted or swapped): the fast reader either
 * refuses a mutant with one of its own errors, or reads exactly what ExcelJS reads — unless ExcelJS fails on a part
 * the fast reader never opens (document properties, themes). The fast reader may refuse what ExcelJS reads: it is
 * stricter (no workbook part, a `<c>` inside a cell, local and central zip names that disagree).
 */
import { isDeepStrictEqual } from 'node:util';
import { mutants } from '../../../sync-server/test/hostile/corpus';
import { readXlsx, readXlsxWithExcelJS, XlsxOversizeError, XlsxReadError, XmlError, ZipError } from '../../src/xlsx';
import type { GridWorkbook } from '../../src/grid/grid';

const COUNT = 400;

it(`${COUNT} mutants of the seeds: refused, or read as ExcelJS reads them`, async () => {
  const tally = { refused: 0, same: 0, exceljsFails: 0 };
  const problems: string[] = [];
  for await (const m of mutants(COUNT, 20261202)) {
    let fast: GridWorkbook;
    try {
      fast = (await readXlsx(m.bytes)).grids;
    } catch (e) {
      if (e instanceof XlsxReadError || e instanceof ZipError || e instanceof XmlError || e instanceof XlsxOversizeError) tally.refused++;
      else problems.push(`${m.name}: ${String(e)}`);
      continue;
    }
    let exceljs: GridWorkbook;
    try {
      exceljs = (await readXlsxWithExcelJS(m.bytes)).grids;
    } catch {
      tally.exceljsFails++;
      continue;
    }
    if (isDeepStrictEqual(fast, exceljs)) tally.same++;
    else problems.push(`${m.name}: other grids than ExcelJS`);
  }
  expect(problems).toEqual([]);
  // Most mutants still read: the comparison is not empty.
  expect(tally.same).toBeGreaterThan(COUNT / 3);
  expect(tally.refused).toBeGreaterThan(0);
}, 120_000);
