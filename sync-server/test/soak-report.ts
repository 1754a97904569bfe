/**
 * The evidence suites' figures for `npm run soak` (scripts/soak.mjs): with SVOD_SOAK_REPORT set, each suite appends
 * one JSON line, `{"suite":"crash","kills":…,"acknowledged":…,"lost":0,"5xx":0}`; SVOD_SOAK=1 asks for the long runs.
 */
import { appendFileSync } from 'node:fs';

export const SOAK = process.env.SVOD_SOAK === '1';

export function reportFigures(figures: { suite: string } & Record<string, unknown>): void {
  const file = process.env.SVOD_SOAK_REPORT;
  if (file) appendFileSync(file, JSON.stringify(figures) + '\n');
}

/** mulberry32: a small seeded generator, so a failing run can be repeated with its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of a run: SVOD_SEED when given (to repeat a failure), else a new one, printed with every failure. */
export function runSeed(): number {
  const given = Number(process.env.SVOD_SEED);
  return Number.isInteger(given) && given > 0 ? given : 1 + Math.floor(Math.random() * 2 ** 31);
}
