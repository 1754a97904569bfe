import type { RuleContext, RuleFix, RuleListeners } from '../../engine/rule';
import type { NumberingIssue } from '../../facts/numbering';

/** Reports one numbering problem kind, each offering the whole-table renumbering (one fix object for all of them). */
export function onNumbering({ facts, report }: RuleContext, kind: NumberingIssue['kind']): RuleListeners {
  let renumber: RuleFix | null | undefined;
  return {
    numbering(issue) {
      if (issue.kind !== kind) return;
      if (renumber === undefined) {
        const edits = facts.numberingAnalysis.renumber;
        renumber = edits.length ? { description: `Перенумеровать пункты таблицы (${edits.length})`, edits } : null;
      }
      report({ messageId: kind, data: issue.data, cell: issue.cell, ...(renumber ? { fix: renumber } : {}) });
    },
  };
}
