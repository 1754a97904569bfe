import type { CellRef } from '../../grid/address';
import type { TableContext } from '../../engine/context';
import type { TableRow } from '../../reader/model';
import { indicatorValue, unitKind, type IndicatorValue, type UnitKind } from '../values';

export interface IndicatorCell {
  year: number;
  cell: CellRef;
  value: IndicatorValue;
  /** The cell is merged with a cell already read (a value merged across years or rows): report it once. */
  repeat: boolean;
}

export interface IndicatorRow {
  rowIndex: number;
  row: TableRow;
  name: string;
  unitText: string;
  unit: UnitKind | null;
  unitCell: CellRef | null;
  /** The unit cell is merged with the unit of an earlier row. */
  unitRepeat: boolean;
  values: IndicatorCell[];
}

const cache = new WeakMap<TableContext, IndicatorRow[]>();

/** The indicator rows of a table with their unit and per-year values, read once for all indicator rules. */
export function indicatorRows(context: TableContext): IndicatorRow[] {
  const hit = cache.get(context);
  if (hit) return hit;
  const unitCol = context.col('unit');
  const nameCol = context.col('indicator');
  const out: IndicatorRow[] = [];
  const seen = new Set<string>();
  /** True when the cell was read before (through a merge). */
  const repeated = (cell: CellRef): boolean => {
    const key = `${cell.row}:${cell.col}`;
    if (seen.has(key)) return true;
    seen.add(key);
    return false;
  };
  context.table.rows.forEach((row, rowIndex) => {
    if (row.role !== 'item') return;
    const unitText = context.text(row.row, unitCol);
    const unitCell = unitCol !== undefined ? context.cellOf(row.row, unitCol) : null;
    out.push({
      rowIndex,
      row,
      name: context.fullText(rowIndex, nameCol),
      unitText,
      unit: unitText ? unitKind(unitText) : null,
      unitCell,
      unitRepeat: unitCell ? repeated(unitCell) : false,
      values: context.table.years.map((y) => {
        const cell = context.cellOf(row.row, y.col);
        return { year: y.year, cell, value: indicatorValue(context.value(row.row, y.col)), repeat: repeated(cell) };
      }),
    });
  });
  cache.set(context, out);
  return out;
}

export const UNIT_NAMES: Record<UnitKind, string> = { percent: 'проценты', count: 'штуки', number: 'число', boolean: 'да/нет' };
