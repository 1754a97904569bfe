import { defineRule } from '../../engine/rule';
import { indicatorKey } from '../../merge/key';
import { matchIndicators, type IndicatorMatch } from '../../merge/match';

/** Template rows as keys and names, computed once per template list (the server passes the same array every time). */
const templateCache = new WeakMap<readonly string[], Array<{ key: string; name: string }>>();

function templateRows(names: readonly string[]): Array<{ key: string; name: string }> {
  let hit = templateCache.get(names);
  if (!hit) templateCache.set(names, (hit = names.map((name) => ({ key: indicatorKey(name), name })).filter((t) => t.key !== '')));
  return hit;
}

/** «А», «Б» или «В»: the candidates' full names. */
function either(names: string[]): string {
  const quoted = names.map((n) => `«${n}»`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} или ${quoted[quoted.length - 1]}`;
}

/**
 * The message of a match that leaves a row out of the Свод, or null when it goes in. Shared with the sync server,
 * which says the same about stored versions against the current template.
 */
export function describeMatch(match: IndicatorMatch, name: string, template: ReadonlyArray<{ name: string }>): { messageId: string; data: Record<string, string> } | null {
  const names = (rows: number[]) => rows.map((r) => template[r]!.name);
  switch (match.outcome) {
    case 'merged':
    case 'ignored':
    case 'unnamed':
      return null;
    case 'duplicate':
      return { messageId: 'duplicate', data: { name, template: template[match.template]!.name } };
    case 'ambiguous':
      return { messageId: 'ambiguous', data: { name, candidates: either(names(match.candidates)) } };
    case 'unmatched':
      return match.candidates.length ? { messageId: 'didYouMean', data: { name, suggestion: either(names(match.candidates)) } } : { messageId: 'notInTemplate', data: { name } };
  }
}

export default defineRule({
  meta: {
    id: 'indicator-not-in-template',
    kind: 'indicators',
    defaultSeverity: 'warning',
    description: 'Показатель, которого нет в региональном шаблоне (проверяется, когда шаблон задан): он не попадёт в региональный свод.',
    howToFix: 'Назовите показатель так же, как в региональном шаблоне, или попросите координатора сопоставить его.',
    fixable: false,
    messages: {
      notInTemplate: 'Показателя «{{name}}» нет в региональном шаблоне: в свод он не войдёт.',
      didYouMean: 'Показателя «{{name}}» нет в региональном шаблоне; возможно, имелся в виду {{suggestion}}. В свод он войдёт, когда координатор подтвердит соответствие.',
      ambiguous: 'Показатель «{{name}}» одинаково близок к нескольким показателям шаблона: {{candidates}}. В свод он войдёт, когда координатор выберет нужный.',
      duplicate: 'Показатель «{{name}}» повторяет показатель шаблона «{{template}}», уже взятый из строки выше: в свод войдёт первая строка.',
    },
  },
  create: ({ facts, config, report }) => ({
    table() {
      const { template } = config;
      const nameCol = facts.col('indicator');
      if (!template || !Array.isArray(template.indicators) || nameCol === undefined) return;
      const rows = templateRows(template.indicators);
      const named = facts.indicators.filter((r) => indicatorKey(r.name) !== '');
      const matches = matchIndicators(
        named.map((r) => ({ key: indicatorKey(r.name) })),
        rows,
        template.mappings ? { mappings: template.mappings } : {},
      );
      named.forEach((r, i) => {
        const said = describeMatch(matches[i]!, r.name, rows);
        if (said) report({ ...said, cell: facts.cellOf(r.row.row, nameCol) });
      });
    },
  }),
});
