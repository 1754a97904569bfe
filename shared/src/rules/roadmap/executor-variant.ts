import { defineRule, type RuleReport } from '../../engine/rule';
import { editDistance } from '../../text/distance';
import { matchKey } from '../../text/normalize';
import { plural } from '../../engine/messages';
import { executorMentions } from './executors';

const digits = (s: string) => s.replace(/\D+/g, '');

/** Word stems: «Руководитель ОО» and «Руководители ОО» differ by inflection, not by a misprint. */
const stems = (s: string) => s.split(' ').map((w) => (w.length >= 5 ? w.slice(0, -2) : w)).join(' ');

/** How far two spellings may be apart and still be the same organisation: one letter, two in long names. */
function allowance(key: string): number {
  if (key.length < 5) return 0;
  return key.length >= 20 ? 2 : 1;
}

export default defineRule({
  meta: {
    id: 'executor-variant',
    kind: 'roadmap',
    defaultSeverity: 'warning',
    description: 'Исполнитель написан почти как другой, уже встречающийся в документе или в списке сокращений (например, на одну букву иначе).',
    fixable: 'suggestion',
    messages: { variant: '«{{name}}» похоже на «{{canonical}}» ({{where}}).' },
  },
  check(context) {
    const { usage, spelled } = context.workbook.executors();
    const glossary = new Map<string, string>();
    for (const e of context.workbook.model.glossary) {
      for (const name of [e.abbreviation, e.fullName]) {
        const key = matchKey(name);
        if (key) glossary.set(key, name);
      }
    }
    const candidates = new Map<string, { spelling: string; count: number; inGlossary: boolean }>();
    for (const [key, count] of usage) candidates.set(key, { spelling: spelled.get(key) ?? key, count, inGlossary: glossary.has(key) });
    for (const [key, spelling] of glossary) if (!candidates.has(key)) candidates.set(key, { spelling, count: 0, inGlossary: true });
    const list = [...candidates.entries()];

    // The canonical spelling a variant should become, if any: a glossary entry, or a spelling used more often.
    const canonicalOf = new Map<string, { key: string; spelling: string; count: number; inGlossary: boolean } | null>();
    const resolve = (key: string) => {
      if (canonicalOf.has(key)) return canonicalOf.get(key)!;
      const self = candidates.get(key);
      let best: { key: string; spelling: string; count: number; inGlossary: boolean } | null = null;
      if (self && !self.inGlossary) {
        const max = allowance(key);
        for (const [other, info] of list) {
          if (other === key || max === 0 || Math.abs(other.length - key.length) > max) continue;
          if (digits(other) !== digits(key)) continue; // «СОШ № 1» and «СОШ № 2» are different schools
          if (stems(other) === stems(key)) continue;
          if (!info.inGlossary && info.count <= self.count) continue;
          if (editDistance(key, other, max) > max) continue;
          if (!best || (info.inGlossary && !best.inGlossary) || info.count > best.count) best = { key: other, ...info };
        }
      }
      canonicalOf.set(key, best);
      return best;
    };

    const out: RuleReport[] = [];
    for (const m of executorMentions(context)) {
      const canonical = resolve(m.key);
      if (!canonical) continue;
      const where = canonical.inGlossary ? 'так в списке сокращений' : `встречается в документе ${plural(canonical.count, ['раз', 'раза', 'раз'])}`;
      const fixed = m.cellText.split(m.name).join(canonical.spelling);
      const fix = fixed !== m.cellText ? { description: `Заменить на «${canonical.spelling}»`, edits: [{ cell: m.cell, value: fixed }] } : undefined;
      out.push({ messageId: 'variant', data: { name: m.name, canonical: canonical.spelling, where }, cell: m.cell, ...(fix ? { fix } : {}) });
    }
    return out;
  },
});
