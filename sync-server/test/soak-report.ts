/**
 * The evidence suites' figures for `npm run soak` (scripts/soak.mjs): with SVOD_SOAK_REPORT set, each suite appends
 * one JSON line, `{"suite":"crash","kills":…,"acknowledged":…,"lost":0,"5xx":0}`; SVOD_SOAK=1 asks for the long runs.
 */
import { appendFileSync } from 'node:fs';
import { rng } from '../../bench/generate';

export const SOAK = process.env.SVOD_SOAK === '1';

export function reportFigures(figures: { suite: string } & Record<string, unknown>): void {
  const file = process.env.SVOD_SOAK_REPORT;
  if (file) appendFileSync(file, JSON.stringify(figures) + '\n');
}

/** mulberry32, the bench's: a failing run repeats with its seed. */
export const seeded = rng;

/** The seed of a run: SVOD_SEED when given (to repeat a failure), else a new one, printed with every failure. */
export function runSeed(): number {
  const given = Number(process.env.SVOD_SEED);
  return Number.isInteger(given) && given > 0 ? given : 1 + Math.floor(Math.random() * 2 ** 31);
}
