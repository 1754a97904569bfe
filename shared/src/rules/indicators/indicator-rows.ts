import type { CellRef } from '../../grid/address';
import type { TableContext } from '../../engine/context';
import type { TableRow } from '../../reader/model';
import { indicatorValue, unitKind, type IndicatorValue, type UnitKind } from '../values';

export interface IndicatorCell {
  year: number;
  cell: CellRef;
  value: IndicatorValue;
}

export interface IndicatorRow {
  rowIndex: number;
  row: TableRow;
  name: string;
  unitText: string;
  unit: UnitKind | null;
  unitCell: CellRef | null;
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
  context.table.rows.forEach((row, rowIndex) => {
    if (row.role !== 'item') return;
    const unitText = context.text(row.row, unitCol);
    out.push({
      rowIndex,
      row,
      name: context.fullText(rowIndex, nameCol),
      unitText,
      unit: unitText ? unitKind(unitText) : null,
      unitCell: unitCol !== undefined ? context.cellOf(row.row, unitCol) : null,
      values: context.table.years.map((y) => ({
        year: y.year,
        cell: context.cellOf(row.row, y.col),
        value: indicatorValue(context.value(row.row, y.col)),
      })),
    });
  });
  cache.set(context, out);
  return out;
}

export const UNIT_NAMES: Record<UnitKind, string> = { percent: 'проценты', count: 'штуки', number: 'число', boolean: 'да/нет' };
