import type { CellRef } from '../grid/address';
import type { TableFacts } from './table-facts';
import type { TableRow } from '../reader/model';
import { indicatorValue, unitKind, type IndicatorValue, type UnitKind } from '../rules/values';

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

/** The indicator rows of a table with their unit and per-year values. */
export function indicatorRows(facts: TableFacts): IndicatorRow[] {
  const unitCol = facts.col('unit');
  const nameCol = facts.col('indicator');
  const out: IndicatorRow[] = [];
  const seen = new Set<string>();
  /** True when the cell was read before (through a merge). */
  const repeated = (cell: CellRef): boolean => {
    const key = `${cell.row}:${cell.col}`;
    if (seen.has(key)) return true;
    seen.add(key);
    return false;
  };
  facts.table.rows.forEach((row, rowIndex) => {
    if (row.role !== 'item') return;
    const unitText = facts.text(row.row, unitCol);
    const unitCell = unitCol !== undefined ? facts.cellOf(row.row, unitCol) : null;
    out.push({
      rowIndex,
      row,
      name: facts.fullText(rowIndex, nameCol),
      unitText,
      unit: unitText ? unitKind(unitText) : null,
      unitCell,
      unitRepeat: unitCell ? repeated(unitCell) : false,
      values: facts.table.years.map((y) => {
        const cell = facts.cellOf(row.row, y.col);
        return { year: y.year, cell, value: indicatorValue(facts.value(row.row, y.col)), repeat: repeated(cell) };
      }),
    });
  });
  return out;
}
