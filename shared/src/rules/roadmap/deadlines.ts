import type { DeadlineProblem } from '../../deadline/types';
import type { DeadlineEntry } from '../../facts/deadlines';
import type { TablePeriod } from '../../reader/model';
import type { RuleListeners } from '../../engine/rule';

/** Listens to the deadlines' problems of one code (a per-year plan's remarks are not unparsed deadlines). */
export function onDeadlineProblem(code: DeadlineProblem['code'], handle: (entry: DeadlineEntry, problem: DeadlineProblem) => void): RuleListeners {
  return {
    deadline(entry) {
      if (code === 'unparsed' && entry.columnYear !== undefined) return;
      for (const problem of entry.parsed.problems) if (problem.code === code) handle(entry, problem);
    },
  };
}

export function periodText(period: TablePeriod | undefined): string {
  if (!period) return '';
  return period.from === period.to ? `${period.from} г.` : `${period.from}–${period.to} гг.`;
}
