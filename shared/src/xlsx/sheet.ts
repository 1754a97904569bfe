/**
 * One worksheet part → the raw cells, merges and hyperlinks the grid is built from (`reader.ts` builds it). Every
 * decision follows ExcelJS 4.4's `cell-xform.js`, `row.js` and `worksheet.js`, so both readers give the same grid:
 * a formula cell shows its cached result (but, as in ExcelJS, a result of 0, FALSE or "" reads as empty), a `str`
 * result is entity-decoded a second time, an error is empty, `b` is `parseInt(v) !== 0`, numbers are `parseFloat`,
 * a number in a date style (never style 0) is a Date, a styled empty `<c>` is an empty cell and an unstyled one is
 * not a cell at all; a cell's column comes from its `r` (its row from the enclosing `<row>`), a cell without `r`
 * follows the previous one.
 */
import { decodeEscapes, xmlDecodeAgain, XlsxReadError } from './parts';
import { scanXml, type XmlAttributes, type XmlHandler } from './xml';

/** Excel's own bounds: a row or column beyond them is a broken file (ExcelJS would try to build it). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export class SheetError extends XlsxReadError {}

/** A cell that exists but holds nothing (ExcelJS's Null type): it does not make its row count. */
export const EMPTY_CELL: unique symbol = Symbol('empty cell');
export type RawValue = string | number | boolean | Date | null | typeof EMPTY_CELL;

export interface RawRow {
  /** 1-based, as in the XML. */
  number: number;
  /** By 0-based column; holes are cells the XML does not have. */
  values: RawValue[];
  /** The columns written, in order (with repeats): the row's cells without walking a sparse array. */
  cols: number[];
}

/** Cells whose value changes when a hyperlink (with a relationship target) covers them, as ExcelJS makes them. */
interface LinkCandidate {
  row: RawRow;
  col: number;
  address: string;
  value: RawValue;
}

export interface RawMerge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface RawSheet {
  /** The last `<row>` of each number (a repeated number replaces the earlier row, as in ExcelJS). */
  rows: Map<number, RawRow>;
  merges: RawMerge[];
}

export interface SheetContext {
  sharedStrings: Array<string | null> | undefined;
  dateStyles: readonly boolean[];
  date1904: boolean;
  /** The sheet's relationships, read only if a hyperlink asks for them. */
  relationships: () => Map<string, string>;
}

/** ExcelJS's `excelToDate`, with JavaScript's coercion of whatever the value is. */
export function excelToDate(v: unknown, date1904: boolean): Date {
  return new Date(Math.round(((v as number) - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** What ExcelJS's plainValue makes of a converted value: an invalid Date is empty. */
const shown = (v: string | number | boolean | Date | null): RawValue => (v instanceof Date && Number.isNaN(v.getTime()) ? null : v);

/** The column of an address as ExcelJS's colCache.decodeAddress reads it (A–Z before the digits, `$` skipped). */
export function columnOf(address: string): number {
  let col = 0;
  let hasCol = false;
  let hasRow = false;
  for (let i = 0; i < address.length; i++) {
    const c = address.charCodeAt(i);
    if (!hasRow && c >= 65 && c <= 90) {
      hasCol = true;
      col = col * 26 + c - 64;
    } else if (c >= 48 && c <= 57) hasRow = true;
    else if (hasRow && hasCol && c !== 36) break;
  }
  if (!hasCol) throw new SheetError(`no column in the cell address ${JSON.stringify(address.slice(0, 20))}`);
  if (col > MAX_COLUMNS) throw new SheetError(`a column beyond XFD in ${JSON.stringify(address.slice(0, 20))}`);
  return col;
}

function decodeRef(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) throw new SheetError(`a bad merge address ${JSON.stringify(ref.slice(0, 40))}`);
  const row = parseInt(m[2]!, 10);
  const col = columnOf(m[1]! + '1');
  if (row < 1 || row > MAX_ROWS) throw new SheetError(`a merge beyond row ${MAX_ROWS}: ${ref}`);
  return { row, col };
}

/** A merge reference (`A1:B2`, `B2:A1`, `A1`) as 0-based corners. */
export function parseMergeRef(ref: string | undefined): RawMerge {
  if (ref === undefined) throw new SheetError('a merged range without a reference');
  const parts = ref.split(':');
  if (parts.length > 2) throw new SheetError(`a bad merged range ${JSON.stringify(ref.slice(0, 40))}`);
  const a = decodeRef(parts[0]!);
  const b = parts.length === 2 ? decodeRef(parts[1]!) : a;
  return { top: Math.min(a.row, b.row) - 1, left: Math.min(a.col, b.col) - 1, bottom: Math.max(a.row, b.row) - 1, right: Math.max(a.col, b.col) - 1 };
}

const enum Section {
  None,
  SheetData,
  MergeCells,
  Hyperlinks,
}

const enum Node {
  None,
  F,
  V,
  T,
}

export function parseSheet(xml: string, ctx: SheetContext): RawSheet {
  const { sharedStrings, dateStyles, date1904 } = ctx;
  let rows = new Map<number, RawRow>();
  let merges: RawMerge[] = [];
  let links: Array<{ ref: string | undefined; rId: string }> = [];
  const candidates: LinkCandidate[] = [];
  /** Shared formula masters by `si`: a later cell of the group is a formula only if its master came first. */
  const sharedMasters = new Map<string, string | undefined>();

  let section = Section.None;
  let row: RawRow | null = null;
  let lastRowNumber = 0;
  let lastCol = 0;
  // The cell being read.
  let inCell = false;
  let address: string | undefined;
  let type: string | undefined;
  let style = 0;
  let col = 0;
  let formula = '';
  let shareType: string | undefined;
  let si: string | undefined;
  let sharedRef: string | undefined;
  let value: string | undefined;
  let runs: string[] | null = null;
  let node = Node.None;
  let runDepth = 0; // inside <r>: 1, deeper: more
  let runText: string | undefined;
  let runTextParts: string[] = [];
  let inRunT = false;

  const dateStyle = () => style !== 0 && dateStyles[style] === true;

  const finishCell = () => {
    const r = row!;
    let v: RawValue | undefined; // undefined: not a cell at all
    let linkValue: RawValue | undefined; // what a hyperlink would make of it, when that differs
    const text = runs ?? value;
    if (formula || shareType) {
      let result: string | number | boolean | Date | null | undefined;
      let error = false;
      if (text) {
        const t = Array.isArray(text) ? text.join('') : text;
        if (type === 'str') result = xmlDecodeAgain(t);
        else if (type === 'b') result = parseInt(t, 10) !== 0;
        else if (type === 'e') error = true;
        else result = parseFloat(t);
      }
      if (error) result = null;
      else if (result !== undefined && dateStyle()) result = excelToDate(result, date1904);
      let isFormula = formula !== '';
      if (shareType === 'shared') {
        if (sharedRef) sharedMasters.set(String(si), address);
        else if (sharedMasters.get(String(si))) isFormula = true;
      }
      // ExcelJS copies only truthy fields of a formula value: a result of 0, false or "" is lost.
      v = isFormula && result ? shown(result) : null;
      if (!error && result !== undefined) linkValue = shown(result);
      if (linkValue === v) linkValue = undefined;
    } else if (text !== undefined) {
      if (Array.isArray(text)) v = text.join('');
      else
        switch (type) {
          case 's': {
            const index = parseInt(text, 10);
            if (!sharedStrings) v = index;
            else {
              const s = sharedStrings[index];
              if (s === undefined) throw new SheetError(`shared string ${text.slice(0, 20)} is not in the table`);
              v = s;
            }
            break;
          }
          case 'str':
            v = xmlDecodeAgain(text);
            break;
          case 'inlineStr':
            v = text;
            break;
          case 'b':
            v = parseInt(text, 10) !== 0;
            break;
          case 'e':
            v = null;
            break;
          default: {
            const n = parseFloat(text);
            v = dateStyle() ? shown(excelToDate(n, date1904)) : n;
          }
        }
    } else if (style) {
      v = EMPTY_CELL;
      linkValue = null;
    } else linkValue = null;

    if (v === undefined) {
      // Not a cell for ExcelJS (and it does not move the column of a following cell without `r`)…
      if (address) candidates.push({ row: r, col: -1, address, value: null });
      return;
    }
    col = address ? columnOf(address) : lastCol + 1;
    if (col > MAX_COLUMNS) throw new SheetError('a cell beyond column XFD');
    lastCol = col;
    r.values[col - 1] = v;
    r.cols.push(col - 1);
    if (linkValue !== undefined && address) candidates.push({ row: r, col: col - 1, address, value: linkValue });
  };

  const handler: XmlHandler = {
    capture: false,
    open(name, attrs: XmlAttributes, empty) {
      if (section === Section.None) {
        if (name === 'sheetData') {
          section = Section.SheetData;
          rows = new Map();
        } else if (name === 'mergeCells') {
          section = Section.MergeCells;
          merges = [];
        } else if (name === 'hyperlinks') {
          section = Section.Hyperlinks;
          links = [];
        }
        if (empty) section = Section.None;
        return;
      }
      if (section === Section.SheetData) {
        if (inCell) {
          if (runDepth) {
            runDepth++;
            if (runDepth === 2 && name === 't') {
              inRunT = true;
              runTextParts = [];
              handler.capture = true;
            }
            return;
          }
          switch (name) {
            case 'c':
            case 'row':
              // Never valid; ExcelJS reads on and scrambles the rows that follow.
              throw new SheetError(`<${name}> inside a cell`);
            case 'f':
              node = Node.F;
              si = attrs.get('si');
              shareType = attrs.get('t');
              sharedRef = attrs.get('ref');
              handler.capture = !empty;
              return;
            case 'v':
              node = Node.V;
              handler.capture = !empty;
              return;
            case 't':
              node = Node.T;
              handler.capture = !empty;
              return;
            case 'r':
              if (!empty) {
                runDepth = 1;
                runText = undefined;
                node = Node.None;
                handler.capture = false;
              } else (runs ??= []).push('');
              return;
            default:
              return;
          }
        }
        if (name === 'row') {
          if (row) throw new SheetError('<row> inside a row');
          const r = attrs.get('r');
          // ExcelJS fails on a row without `r`; Excel and the standard take the next row.
          const number = r === undefined ? lastRowNumber + 1 : parseInt(r, 10);
          if (Number.isNaN(number)) throw new SheetError(`a row number ${JSON.stringify(r!.slice(0, 20))}`);
          if (number > MAX_ROWS) throw new SheetError(`a row beyond ${MAX_ROWS}`);
          lastRowNumber = number;
          lastCol = 0;
          row = { number, values: [], cols: [] };
          // Rows 0 and below: ExcelJS keeps them where no one iterates; they are read and dropped.
          if (number >= 1) rows.set(number, row);
          return;
        }
        if (name === 'c' && row) {
          inCell = true;
          address = attrs.get('r');
          type = attrs.get('t');
          const s = attrs.get('s');
          style = s ? parseInt(s, 10) || 0 : 0;
          formula = '';
          shareType = si = sharedRef = undefined;
          value = undefined;
          runs = null;
          node = Node.None;
          if (empty) {
            inCell = false;
            finishCell();
          }
        }
        return;
      }
      if (section === Section.MergeCells) {
        if (name === 'mergeCell') merges.push(parseMergeRef(attrs.get('ref')));
        return;
      }
      if (name === 'hyperlink') {
        const rId = attrs.get('r:id');
        if (rId) links.push({ ref: attrs.get('ref'), rId });
      }
    },
    close(name) {
      if (section === Section.None) return;
      if (section === Section.SheetData) {
        if (inCell) {
          if (runDepth) {
            if (runDepth === 2 && inRunT && name === 't') {
              runText = decodeEscapes(runTextParts.join(''));
              inRunT = false;
              handler.capture = false;
            }
            runDepth--;
            if (runDepth === 0) (runs ??= []).push(runText ?? '');
            return;
          }
          if (name === 'c') {
            inCell = false;
            handler.capture = false;
            finishCell();
          } else if (name === 'f' || name === 'v' || name === 't' || name === 'is') {
            node = Node.None;
            handler.capture = false;
          }
          return;
        }
        if (name === 'row') row = null;
        else if (name === 'sheetData') section = Section.None;
        return;
      }
      if ((section === Section.MergeCells && name === 'mergeCells') || (section === Section.Hyperlinks && name === 'hyperlinks')) section = Section.None;
    },
    text(t) {
      if (inRunT) runTextParts.push(t);
      else if (node === Node.F) formula += t;
      else if (node !== Node.None && !runs) value = value === undefined ? t : value + t;
    },
  };
  scanXml(xml, handler);

  if (links.length && candidates.length) {
    const rels = ctx.relationships();
    const linked = new Set<string>();
    for (const l of links) if (l.ref !== undefined && rels.get(l.rId)) linked.add(l.ref);
    for (const c of candidates) {
      if (!linked.has(c.address) || rows.get(c.row.number) !== c.row) continue;
      const at = c.col >= 0 ? c.col : columnOf(c.address) - 1;
      c.row.values[at] = c.value;
      c.row.cols.push(at);
    }
  }
  return { rows, merges };
}

