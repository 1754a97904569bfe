/**
 * The fast xlsx reader: xlsx bytes → the `GridWorkbook` the ExcelJS path gives, without building ExcelJS's model of
 * every cell, style and drawing. It reads only workbook.xml and its relationships, styles.xml (which styles are
 * dates), the shared strings and the sheets that are read (not the very hidden ones); everything else in the zip is
 * never inflated. `shared/test/xlsx/` compares it with the ExcelJS path cell by cell and merge by merge.
 *
 * Which sheets, in which order and under which names follows ExcelJS (`xlsx.js`, `workbook-xform.js`,
 * `workbook.js`): a sheet part is a zip entry matching `xl/worksheets/sheet<N>.xml`, found from the workbook
 * relationship's target; sheets are ordered by their place in workbook.xml and keyed by `sheetId` (0 and duplicates
 * as ExcelJS treats them); names Excel forbids refuse the file (ExcelJS fails on them).
 */
import type { CellRange } from '../grid/address';
import type { CellValue, Grid, GridWorkbook } from '../grid/grid';
import { parseDateStyles, parseRelationships, parseSharedStrings, parseWorkbook, partText, XlsxReadError } from './parts';
import { EMPTY_CELL, parseSheet, type RawMerge, type RawSheet } from './sheet';
import { readZipDirectory, ZIP_LIMITS, ZipReader, type ZipLimits } from './zip';

/** The caps of the server's `measureOversize` (`sync-server/src/uploads/measure.ts`), checked before the grids exist. */
export interface GridCaps {
  maxSheets: number;
  maxRows: number;
  maxColumns: number;
  maxMergedCells: number;
}

/** Structurally the server's `Oversize`, plus `cells` for the reader's own bound. */
export type GridOversize =
  | { kind: 'sheets'; count: number }
  | { kind: 'rows'; sheet: string; count: number }
  | { kind: 'columns'; sheet: string; row: number; count: number }
  | { kind: 'merged-cells'; count: number }
  | { kind: 'cells'; count: number };

/** A workbook whose grids would be bigger than the caps (or the reader's own bounds): nothing was built. */
export class XlsxOversizeError extends Error {
  constructor(readonly oversize: GridOversize) {
    super(`the workbook is too big: ${JSON.stringify(oversize)}`);
  }
}


export interface FastReadOptions {
  zip?: Partial<ZipLimits>;
  /** The caller's caps: a workbook over them is refused with XlsxOversizeError before its grids are built. */
  caps?: GridCaps;
}

export interface FastWorkbook {
  grids: GridWorkbook;
  /** Every worksheet ExcelJS would list, the very hidden ones (left out of the grids) included. */
  sheetCount: number;
}

/**
 * Bounds of what the grids may hold whatever the caps: cells covered by merges (ExcelJS builds each one; a merge over
 * the whole sheet is 17·10⁹) and cells of all rows together (a pointer each).
 */
export const MAX_MERGED_AREA = 16 * 1024 * 1024;
export const MAX_GRID_CELLS = 32 * 1024 * 1024;

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const SHEET_ENTRY = /xl\/worksheets\/sheet(\d+)[.]xml/;

interface SheetPart {
  entry: string;
  sheetNo: string;
  name?: string;
  id?: number;
  state?: string;
}

export function readXlsxFast(bytes: Uint8Array, options: FastReadOptions = {}): FastWorkbook {
  const limits: ZipLimits = { ...ZIP_LIMITS, ...options.zip };
  const zip = new ZipReader(bytes, readZipDirectory(bytes, limits), limits);
  const text = (name: string): string | undefined => {
    const data = zip.read(name);
    return data === undefined ? undefined : partText(data);
  };
  const workbookXml = text(WORKBOOK);
  if (workbookXml === undefined) throw new XlsxReadError(`no ${WORKBOOK}`);
  const workbook = parseWorkbook(workbookXml);
  const relsXml = text(WORKBOOK_RELS);
  const rels = relsXml === undefined ? new Map<string, string>() : parseRelationships(relsXml);

  // The sheet parts ExcelJS would parse, in zip order, named by the workbook's sheets.
  const parts = new Map<string, SheetPart>();
  for (const entry of zip.entries.keys()) {
    const m = SHEET_ENTRY.exec(entry);
    if (m) parts.set(entry, { entry, sheetNo: m[1]! });
  }
  for (const def of workbook.sheets) {
    const target = def.rId === undefined ? undefined : rels.get(def.rId);
    if (target === undefined) continue;
    const part = parts.get(`xl/${target.replace(/^(\s|\/xl\/)+/, '')}`);
    if (part) Object.assign(part, { name: def.name, id: def.id, state: def.state });
  }
  const slots: Array<{ part: SheetPart; name: string; order: number } | undefined> = [];
  for (const part of parts.values()) {
    const id = part.id;
    // ExcelJS keys sheets by sheetId in an array and lists it from index 1: 0, negatives and NaN are not listed.
    if (id === undefined || !Number.isInteger(id) || id < 1 || id > 0xfffffffe) continue;
    const name = sheetName(part.name!, slots);
    slots[id] = { part, name, order: workbook.sheets.findIndex((s) => s.id === id) };
  }
  const listed = slots.filter((s): s is NonNullable<typeof s> => s !== undefined).sort((a, b) => a.order - b.order);
  const visible = listed.filter((s) => s.part.state !== 'veryHidden');

  const sharedXml = visible.length ? text('xl/sharedStrings.xml') : undefined;
  const sharedStrings = sharedXml === undefined ? undefined : parseSharedStrings(sharedXml);
  const stylesXml = visible.length ? text('xl/styles.xml') : undefined;
  const dateStyles = stylesXml === undefined ? [] : parseDateStyles(stylesXml);

  const raws: Array<{ name: string; raw: RawSheet }> = [];
  for (const s of visible) {
    const sheetRels = `xl/worksheets/_rels/sheet${s.part.sheetNo}.xml.rels`;
    const raw = parseSheet(text(s.part.entry)!, {
      sharedStrings,
      dateStyles,
      date1904: workbook.date1904,
      relationships: () => {
        const xml = text(sheetRels);
        return xml === undefined ? new Map() : parseRelationships(xml);
      },
    });
    raws.push({ name: s.name, raw });
  }
  return { grids: { sheets: buildGrids(raws, options.caps) }, sheetCount: listed.length };
}

/** ExcelJS's worksheet name rules: a refused name refuses the file (ExcelJS cuts one longer than 31 and then finds the cut name taken by itself). */
function sheetName(name: string, slots: ReadonlyArray<{ name: string } | undefined>): string {
  if (name === '') throw new XlsxReadError('a sheet without a name');
  if (name === 'History') throw new XlsxReadError('a sheet named History');
  if (/[*?:/\\[\]]/.test(name)) throw new XlsxReadError(`a sheet name with * ? : \\ / [ ]: ${name}`);
  if (/(^')|('$)/.test(name)) throw new XlsxReadError(`a sheet name starting or ending with ': ${name}`);
  if (name.length > 31) throw new XlsxReadError(`a sheet name longer than 31 characters: ${name}`);
  const lower = name.toLowerCase();
  for (const s of slots) if (s && s.name.toLowerCase() === lower) throw new XlsxReadError(`two sheets named ${name}`);
  return name;
}

/** A sheet's rows as ExcelJS's eachRow sees them: which rows count, how long each is, where merges blank cells. */
interface SheetShape {
  name: string;
  raw: RawSheet;
  merges: RawMerge[];
  /** Final length of each counted row, by 0-based index; rows not in the map are empty. */
  lengths: Map<number, number>;
  /** Column intervals covered by merge slaves, per row, for the rows that have any. */
  slaves: Map<number, Array<[number, number]>>;
  rowCount: number;
}

function shapeOf(name: string, raw: RawSheet, mergedSoFar: number): { shape: SheetShape; merged: number } {
  const merges = raw.merges;
  let merged = mergedSoFar;
  for (const m of merges) {
    merged += (m.bottom - m.top + 1) * (m.right - m.left + 1);
    if (merged > MAX_MERGED_AREA) throw new XlsxOversizeError({ kind: 'merged-cells', count: merged });
  }
  checkOverlaps(merges);
  const valueAt = (r: number, c: number): CellValue => {
    const v = raw.rows.get(r + 1)?.values[c];
    return v === undefined || v === EMPTY_CELL ? null : v;
  };
  // Merge slaves: the master's value in ExcelJS (so they hold the row open), blanked in the grid.
  const slaves = new Map<number, Array<[number, number]>>();
  const extent = new Map<number, number>();
  for (const m of merges) {
    const master = valueAt(m.top, m.left);
    for (let r = m.top; r <= m.bottom; r++) {
      const from = r === m.top ? m.left + 1 : m.left;
      if (from > m.right) continue;
      let list = slaves.get(r);
      if (!list) slaves.set(r, (list = []));
      list.push([from, m.right]);
      const reach = master === null ? 0 : m.right + 1;
      extent.set(r, Math.max(reach, extent.get(r) ?? 0));
    }
  }
  const isSlave = (r: number, c: number) => {
    const list = slaves.get(r);
    if (list) for (const [a, b] of list) if (c >= a && c <= b) return true;
    return false;
  };
  const lengths = new Map<number, number>();
  let rowCount = 0;
  for (const row of raw.rows.values()) {
    const r = row.number - 1;
    let counted = extent.has(r);
    let len = extent.get(r) ?? 0;
    for (const c of row.cols) {
      const v = row.values[c]; // the last cell written at c
      if (v === EMPTY_CELL) continue;
      counted = true;
      if (v !== null && c + 1 > len && !isSlave(r, c)) len = c + 1;
    }
    if (!counted) continue;
    lengths.set(r, len);
    if (r + 1 > rowCount) rowCount = r + 1;
  }
  for (const [r, len] of extent) {
    if (lengths.has(r)) continue;
    lengths.set(r, len);
    if (r + 1 > rowCount) rowCount = r + 1;
  }
  return { shape: { name, raw, merges, lengths, slaves, rowCount }, merged };
}

/** ExcelJS refuses a merge that overlaps an earlier one («Cannot merge already merged cells»). */
function checkOverlaps(merges: readonly RawMerge[]): void {
  if (merges.length < 2) return;
  const byTop = [...merges].sort((a, b) => a.top - b.top);
  let active: RawMerge[] = [];
  for (const m of byTop) {
    active = active.filter((a) => a.bottom >= m.top);
    for (const a of active) if (a.left <= m.right && m.left <= a.right) throw new XlsxReadError('overlapping merged ranges');
    active.push(m);
  }
}

/** measureOversize of the server, on the shapes: the same order of checks, the same counts. */
function checkCaps(shapes: readonly SheetShape[], caps: GridCaps): void {
  if (shapes.length > caps.maxSheets) throw new XlsxOversizeError({ kind: 'sheets', count: shapes.length });
  let merged = 0;
  for (const s of shapes) {
    if (s.rowCount > caps.maxRows) throw new XlsxOversizeError({ kind: 'rows', sheet: s.name, count: s.rowCount });
    const wide = [...s.lengths].filter(([, len]) => len > caps.maxColumns).sort((a, b) => a[0] - b[0])[0];
    if (wide) throw new XlsxOversizeError({ kind: 'columns', sheet: s.name, row: wide[0], count: wide[1] });
    for (const m of s.merges) merged += (m.bottom - m.top + 1) * (m.right - m.left + 1);
  }
  if (merged > caps.maxMergedCells) throw new XlsxOversizeError({ kind: 'merged-cells', count: merged });
}

function buildGrids(raws: ReadonlyArray<{ name: string; raw: RawSheet }>, caps: GridCaps | undefined): Grid[] {
  const shapes: SheetShape[] = [];
  let merged = 0;
  for (const { name, raw } of raws) {
    const out = shapeOf(name, raw, merged);
    merged = out.merged;
    shapes.push(out.shape);
  }
  if (caps) checkCaps(shapes, caps);
  let cells = 0;
  for (const s of shapes) {
    cells += s.rowCount;
    for (const len of s.lengths.values()) cells += len;
    if (cells > MAX_GRID_CELLS) throw new XlsxOversizeError({ kind: 'cells', count: cells });
  }
  return shapes.map(gridOf);
}

function gridOf(shape: SheetShape): Grid {
  const { raw, lengths, slaves } = shape;
  const rows: CellValue[][] = new Array(shape.rowCount);
  for (let r = 0; r < shape.rowCount; r++) {
    const len = lengths.get(r);
    if (!len) {
      rows[r] = [];
      continue;
    }
    // The raw row becomes the grid row in place: the raw sheet is not used again.
    const out = (raw.rows.get(r + 1)?.values ?? []) as Array<CellValue | typeof EMPTY_CELL | undefined>;
    out.length = len;
    for (let c = 0; c < len; c++) {
      const v = out[c];
      if (v === undefined || v === EMPTY_CELL) out[c] = null;
    }
    for (const [a, b] of slaves.get(r) ?? []) for (let c = a; c <= b && c < len; c++) out[c] = null;
    rows[r] = out as CellValue[];
  }
  const merges: CellRange[] = shape.merges.map((m) => ({ top: m.top, left: m.left, bottom: m.bottom, right: m.right }));
  return { name: shape.name, rows, merges };
}

export { XlsxReadError };
