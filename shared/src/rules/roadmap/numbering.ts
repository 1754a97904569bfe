import type { RuleContext, RuleListeners } from '../../engine/rule';
import type { NumberingIssue } from '../../facts/numbering';

/** Reports one numbering problem kind, each offering the whole-table renumbering. */
export function onNumbering({ facts, report }: RuleContext, kind: NumberingIssue['kind']): RuleListeners {
  return {
    numbering(issue) {
      if (issue.kind !== kind) return;
      const edits = facts.numberingAnalysis.renumber;
      const fix = edits.length ? { fix: { description: `Перенумеровать пункты таблицы (${edits.length})`, edits } } : {};
      report({ messageId: kind, data: issue.data, cell: issue.cell, ...fix });
    },
  };
}
