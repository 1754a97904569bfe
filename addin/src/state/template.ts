/** The template form's logic: the period the official typed and the executors taken from the glossary. */
import type { GlossaryEntry } from '@svod/shared';

export type PeriodCheck = { ok: true; value: { from: number; to: number } } | { ok: false; field: 'from' | 'to'; message: string };

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

function year(text: string): number | null {
  const t = text.trim();
  if (!/^\d{4}$/.test(t)) return null;
  const n = Number(t);
  return n >= MIN_YEAR && n <= MAX_YEAR ? n : null;
}

export function validatePeriod(fromText: string, toText: string): PeriodCheck {
  const from = year(fromText);
  if (from === null) return { ok: false, field: 'from', message: `Год начала: четыре цифры, от ${MIN_YEAR} до ${MAX_YEAR}.` };
  const to = year(toText);
  if (to === null) return { ok: false, field: 'to', message: `Год окончания: четыре цифры, от ${MIN_YEAR} до ${MAX_YEAR}.` };
  if (to < from) return { ok: false, field: 'to', message: 'Год окончания раньше года начала.' };
  if (to - from > 10) return { ok: false, field: 'to', message: 'Период длиннее 10 лет: проверьте годы.' };
  return { ok: true, value: { from, to } };
}

/** The glossary's abbreviations (how executors are written in a roadmap), each once, in Russian alphabetical order. */
export function templateExecutors(glossary: readonly Pick<GlossaryEntry, 'abbreviation'>[]): string[] {
  const seen = new Map<string, string>();
  for (const e of glossary) {
    const name = e.abbreviation.replace(/\s+/g, ' ').trim();
    if (name && !seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
  }
  return [...seen.values()].sort((a, b) => a.localeCompare(b, 'ru'));
}
