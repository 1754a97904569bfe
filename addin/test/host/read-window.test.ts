/** The arithmetic of a chunked read: first window, the rest in row chunks under the limits, the ragged grid. */
import { GridAssembler, bytesPerCell, chunkPlan, firstWindow, payloadBytes, raggedRows, remainingWindows, rowChunks, smallerLimits, type ReadLimits, type ReadWindow } from '../../src/host/read-window';

const limits = (over: Partial<ReadLimits> = {}): ReadLimits => ({ cellsPerRequest: 1_000_000, textBytesPerRequest: 2_000_000, firstWindowCells: 250_000, firstWindowColumns: 32, ...over });

/** Every cell of `windows`, to check that they tile a region exactly once. */
function cellsOf(windows: readonly ReadWindow[]): string[] {
  const out: string[] = [];
  for (const w of windows) for (let r = 0; r < w.rows; r++) for (let c = 0; c < w.cols; c++) out.push(`${w.top + r}:${w.left + c}`);
  return out;
}

describe('firstWindow', () => {
  test('one sheet: 32 columns and as many rows as the cell budget allows', () => {
    expect(firstWindow(limits(), 1)).toEqual({ rows: 7812, cols: 32 });
  });

  test('the budget is shared by the sheets and bounded by the per-request limit', () => {
    expect(firstWindow(limits(), 4)).toEqual({ rows: 1953, cols: 32 });
    expect(firstWindow(limits({ cellsPerRequest: 500 }), 1)).toEqual({ rows: 15, cols: 32 });
  });

  test('never empty, even with more sheets than cells', () => {
    expect(firstWindow(limits({ firstWindowCells: 10 }), 40)).toEqual({ rows: 1, cols: 1 });
    expect(firstWindow(limits({ firstWindowCells: 20 }), 1)).toEqual({ rows: 1, cols: 20 });
  });
});

describe('remainingWindows and rowChunks', () => {
  test('a sheet inside the first window needs nothing more', () => {
    expect(remainingWindows({ rows: 10, cols: 5 }, { rows: 10, cols: 5 })).toEqual([]);
  });

  test('the right part beside the window, then every row below it, full width', () => {
    expect(remainingWindows({ rows: 40, cols: 50 }, { rows: 12, cols: 32 })).toEqual([
      { top: 0, left: 32, rows: 12, cols: 18 },
      { top: 12, left: 0, rows: 28, cols: 50 },
    ]);
  });

  test('chunks stay under the cell limit and cover the region exactly once', () => {
    const region = { top: 15, left: 0, rows: 289, cols: 5 };
    const chunks = rowChunks(region, limits({ cellsPerRequest: 500 }), 8);
    expect(chunks.map((c) => c.rows)).toEqual([100, 100, 89]);
    expect(chunks[0]).toEqual({ top: 15, left: 0, rows: 100, cols: 5 });
    expect(Math.max(...chunks.map((c) => c.rows * c.cols))).toBeLessThanOrEqual(500);
    const covered = cellsOf(chunks);
    expect(new Set(covered).size).toBe(covered.length);
    expect(covered).toHaveLength(289 * 5);
  });

  test('long text makes the byte limit the tighter one', () => {
    // 5 columns of 400 bytes a cell under 100 kB: 50 rows a request, although 200,000 cells would be allowed.
    expect(rowChunks({ top: 0, left: 0, rows: 120, cols: 5 }, limits({ textBytesPerRequest: 100_000 }), 400).map((c) => c.rows)).toEqual([50, 50, 20]);
  });

  test('at least one row, even when one row is over the limits', () => {
    expect(rowChunks({ top: 3, left: 0, rows: 2, cols: 1000 }, limits({ cellsPerRequest: 10 }), 8)).toEqual([
      { top: 3, left: 0, rows: 1, cols: 1000 },
      { top: 4, left: 0, rows: 1, cols: 1000 },
    ]);
  });

  test('chunkPlan: a 40 × 50 sheet after a 20 × 32 window is every cell outside the window, once', () => {
    const plan = chunkPlan({ rows: 40, cols: 50 }, { rows: 20, cols: 32 }, limits({ cellsPerRequest: 640 }), 8);
    const covered = cellsOf(plan);
    expect(new Set(covered).size).toBe(40 * 50 - 20 * 32);
    expect(covered).not.toContain('0:0');
    expect(covered).toContain('39:49');
    expect(covered).toContain('0:32');
    expect(Math.max(...plan.map((c) => c.rows * c.cols))).toBeLessThanOrEqual(640);
  });
});

describe('payload estimate and smaller limits', () => {
  test('strings count two bytes a character, other values and missing formats a fixed amount', () => {
    expect(payloadBytes([['абв', 1]], [['General', '@']])).toBe(3 * 2 + 3 + (7 + 3) + 12 + (1 + 3));
    expect(payloadBytes([[null]], undefined)).toBe(12 + 4);
    expect(bytesPerCell([[1]], undefined, 1, 1)).toBe(16);
    expect(bytesPerCell([], undefined, 0, 0)).toBe(8);
  });

  test('after a refusal every size is a quarter, never below one; the window width stays', () => {
    expect(smallerLimits(limits())).toEqual({ cellsPerRequest: 250_000, textBytesPerRequest: 500_000, firstWindowCells: 62_500, firstWindowColumns: 32 });
    expect(smallerLimits(limits({ cellsPerRequest: 3, textBytesPerRequest: 1, firstWindowCells: 2 }))).toEqual({ cellsPerRequest: 1, textBytesPerRequest: 1, firstWindowCells: 1, firstWindowColumns: 32 });
  });
});

describe('GridAssembler', () => {
  test('windows placed by position, values converted with their formats, the result ragged', () => {
    const grid = new GridAssembler((value, format) => (value === '' ? null : format === 'date' ? `date:${String(value)}` : (value as string | number)));
    grid.place([['a', '', 1], ['', '', '']], [['General', 'General', 'date'], ['General', 'General', 'General']], 0, 0);
    grid.place([['x', '']], undefined, 0, 4);
    grid.place([['', ''], ['', '']], undefined, 2, 0);
    expect(grid.rows()).toEqual([['a', null, 'date:1', null, 'x']]);
  });

  test('holes of a sparse grid become empty cells', () => {
    const rows: (string | null)[][] = [];
    rows[2] = [];
    rows[2][3] = 'z';
    expect(raggedRows(rows)).toEqual([[], [], [null, null, null, 'z']]);
  });
});
