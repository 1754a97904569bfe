/**
 * `npx tsx bench/server/merge-profile.ts [--cpu-prof]`: the regional workbook of the bench region timed alone, cold
 * and after one more version of one municipality: consolidate, build, render, and the server's WorkbookCache path.
 * With `--cpu-prof` the run is meant to be started as `node --cpu-prof --import tsx …`; it only prints times.
 */
import { performance } from 'node:perf_hooks';
import { buildRegionalWorkbook, consolidate } from '@svod/shared';
import { renderRegionalWorkbook } from '../../sync-server/src/workbook/write';
import { acceptedVersion, benchMergeInput } from './region';

const now = () => performance.now();
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main() {
  const input = benchMergeInput();
  const rounds = Number(process.env.ROUNDS ?? 5);
  for (let i = 0; i < rounds; i++) {
    const a = now();
    const c = consolidate(input);
    const b = now();
    const model = buildRegionalWorkbook(input, c);
    const d = now();
    const bytes = await renderRegionalWorkbook(model);
    const e = now();
    console.log(`round ${i}: consolidate ${ms(b - a)}, build ${ms(d - b)}, render ${ms(e - d)}, total ${ms(e - a)} (${bytes.length} bytes)`);
    const v = acceptedVersion(i % 60, 1000 + i, 300);
    input.municipalities[i % 60] = { ...input.municipalities[i % 60]!, latest: v, accepted: v };
  }
}

void main();
