/**
 * Pure planning of Sheets writes: which rectangles cover a set of cells (one `getNotes`/`setNotes` each), and which
 * contiguous runs a batch of edits makes (one `setValues` each). Apps Script's cost is calls, never cells.
 */
import { parseA1, toA1, type CellRef } from '@svod/shared';

export interface Rect {
  /** 0-based, inclusive. */
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export const MAX_RECT_CELLS = 50_000;
/** Rows between two marked cells that still share a rectangle (reading a few empty rows is cheaper than a call). */
export const MAX_ROW_GAP = 200;

export function rectCells(r: Rect): number {
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}

/** Bands of rows whose bounding rectangles hold every cell, each at most `MAX_RECT_CELLS` cells (if a row allows). */
export function coverRects(cells: readonly CellRef[]): Rect[] {
  const sorted = [...cells].sort((a, b) => a.row - b.row || a.col - b.col);
  const rects: Rect[] = [];
  let cur: Rect | null = null;
  for (const { row, col } of sorted) {
    if (cur) {
      const next: Rect = { top: cur.top, left: Math.min(cur.left, col), bottom: Math.max(cur.bottom, row), right: Math.max(cur.right, col) };
      if (row - cur.bottom <= MAX_ROW_GAP && rectCells(next) <= MAX_RECT_CELLS) {
        cur = next;
        continue;
      }
      rects.push(cur);
    }
    cur = { top: row, left: col, bottom: row, right: col };
  }
  if (cur) rects.push(cur);
  return rects;
}

export function inRect(r: Rect, ref: CellRef): boolean {
  return ref.row >= r.top && ref.row <= r.bottom && ref.col >= r.left && ref.col <= r.right;
}

export interface Run<T> {
  top: number;
  left: number;
  /** Row-major values of a 1×n or n×1 run. */
  values: T[][];
}

/**
 * Edits as contiguous runs: along rows (a fixed row of a table) or along columns (renumbering a column), whichever
 * makes fewer runs. Each run is one `setValues`.
 */
export function contiguousRuns<T>(cells: ReadonlyMap<string, T>): Run<T>[] {
  const refs: Array<CellRef & { value: T }> = [];
  for (const [a1, value] of cells) {
    const ref = parseA1(a1);
    if (ref) refs.push({ ...ref, value });
  }
  const across = runs(refs, 'row');
  const down = runs(refs, 'col');
  return down.length < across.length ? down : across;
}

function runs<T>(refs: ReadonlyArray<CellRef & { value: T }>, along: 'row' | 'col'): Run<T>[] {
  const other = along === 'row' ? 'col' : 'row';
  const sorted = [...refs].sort((a, b) => a[along] - b[along] || a[other] - b[other]);
  const out: Run<T>[] = [];
  let last: (CellRef & { value: T }) | null = null;
  let run: Run<T> | null = null;
  for (const ref of sorted) {
    if (run && last && last[along] === ref[along] && ref[other] === last[other] + 1) {
      if (along === 'row') run.values[0]!.push(ref.value);
      else run.values.push([ref.value]);
    } else {
      run = { top: ref.row, left: ref.col, values: [[ref.value]] };
      out.push(run);
    }
    last = ref;
  }
  return out;
}

export function a1Of(row: number, col: number): string {
  return toA1({ row, col });
}
