/**
 * The table `npm run bench:scale` prints: one row per figure, a column per size, and how the figure grew from the
 * small size to the full one next to what it should grow by — ×1 for the largest region's pages (it has the same
 * municipalities at both sizes) and for the submission figures (the same clients at both), the municipality ratio for what
 * covers every region. A growth well past that is flagged: work that grows faster than the data.
 */

/** What a figure should grow with: one region's data, the fixed client load, or every municipality. */
export type Scope = 'region' | 'load' | 'federal';

export interface Figure {
  key: string;
  label: string;
  value: number;
  unit: 'ms' | '/s' | 'MB' | 's';
  scope: Scope;
  /** Shown after the value, e.g. the individual runs. */
  detail?: string;
  /** Lower is better (times, sizes); false for throughput. */
  lowerIsBetter?: boolean;
}

export interface SizeResult {
  label: string;
  regions: number;
  municipalities: number;
  figures: Figure[];
  notes: string[];
}

const format = (f: Figure) => {
  const v = f.unit === 'ms' ? `${f.value.toFixed(f.value < 100 ? 1 : 0)} ms` : f.unit === '/s' ? `${f.value.toFixed(1)}/s` : f.unit === 'MB' ? `${f.value.toFixed(1)} MB` : `${f.value.toFixed(1)} s`;
  return f.detail ? `${v} (${f.detail})` : v;
};

/** Past this multiple of the expected growth (or of its inverse, for throughput) a row is flagged. */
const FLAG_FACTOR = 1.5;

export function printResults(results: readonly SizeResult[], clients: number): void {
  if (!results.length) return;
  const keys: Figure[] = [];
  for (const r of results) for (const f of r.figures) if (!keys.some((k) => k.key === f.key)) keys.push(f);
  const [small, full] = [results[0]!, results[1]];
  const ratio = full ? full.municipalities / small.municipalities : 1;
  const header = ['measurement', ...results.map((r) => `${r.label}: ${r.regions} regions, ${r.municipalities} municipalities`), ...(full ? ['growth', 'expected', ''] : [])];
  const rows: string[][] = [header];
  for (const k of keys) {
    const values = results.map((r) => r.figures.find((f) => f.key === k.key));
    const row = [k.label, ...values.map((f) => (f ? format(f) : '—'))];
    if (full) {
      const [a, b] = values;
      const expected = k.scope === 'federal' ? ratio : 1;
      const growth = a && b && a.value > 0 ? b.value / a.value : NaN;
      const worse = (k.lowerIsBetter ?? true) ? growth / expected : expected / growth;
      row.push(Number.isFinite(growth) ? `×${growth.toFixed(2)}` : '—', `×${expected.toFixed(2)} (${k.scope === 'federal' ? 'municipalities' : k.scope === 'region' ? 'one region' : `${clients} clients`})`, worse > FLAG_FACTOR ? 'FASTER THAN THE DATA' : '');
    }
    rows.push(row);
  }
  const widths = header.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  console.log(line(rows[0]!));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows.slice(1)) console.log(line(r));
  for (const r of results) {
    if (!r.notes.length) continue;
    console.log('');
    console.log(`${r.label}:`);
    for (const n of r.notes) console.log(`  ${n}`);
  }
}
