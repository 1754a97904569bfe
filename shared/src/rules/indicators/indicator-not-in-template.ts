import { defineRule, type RuleReport } from '../../engine/rule';
import { indicatorKey, keysMatch } from '../../merge/key';
import { indicatorRows } from './indicator-rows';

/** Template keys, computed once per template list (the server passes the same array for every submission). */
const keyCache = new WeakMap<readonly string[], { exact: Set<string>; keys: string[] }>();

function templateKeys(names: readonly string[]): { exact: Set<string>; keys: string[] } {
  const hit = keyCache.get(names);
  if (hit) return hit;
  const keys = names.map(indicatorKey).filter((k) => k !== '');
  const out = { exact: new Set(keys), keys };
  keyCache.set(names, out);
  return out;
}

const NAME_LENGTH = 120;

export default defineRule({
  meta: {
    id: 'indicator-not-in-template',
    kind: 'indicators',
    defaultSeverity: 'warning',
    description: 'Показатель, которого нет в региональном шаблоне (проверяется, когда шаблон задан): он не попадёт в региональный свод.',
    fixable: false,
    messages: {
      notInTemplate: 'Показателя «{{name}}» нет в региональном шаблоне.',
    },
  },
  check(context) {
    const template = context.config.template;
    const nameCol = context.col('indicator');
    if (!template || !Array.isArray(template.indicators) || nameCol === undefined) return [];
    const { exact, keys } = templateKeys(template.indicators);
    const out: RuleReport[] = [];
    for (const r of indicatorRows(context)) {
      const key = indicatorKey(r.name);
      if (key === '' || exact.has(key) || keys.some((k) => keysMatch(key, k))) continue;
      const name = r.name.length > NAME_LENGTH ? r.name.slice(0, NAME_LENGTH - 1).trimEnd() + '…' : r.name;
      out.push({ messageId: 'notInTemplate', data: { name }, cell: context.cellOf(r.row.row, nameCol) });
    }
    return out;
  },
});
