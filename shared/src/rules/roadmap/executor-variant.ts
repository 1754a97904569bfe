import { defineRule } from '../../engine/rule';
import { editDistance } from '../../text/distance';
import { plural } from '../../engine/messages';

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
    howToFix: 'Напишите исполнителя одинаково во всём документе: выберите одно написание и замените им остальные.',
    fixable: 'suggestion',
    messages: { variant: '«{{name}}» похоже на «{{canonical}}» ({{where}}).' },
  },
  create({ workbook, report }) {
    const { usage, spelled, glossary } = workbook.executors;
    interface Candidate {
      key: string;
      spelling: string;
      count: number;
      inGlossary: boolean;
      stems: string;
    }
    const candidates = new Map<string, Candidate>();
    const add = (key: string, spelling: string, count: number, inGlossary: boolean) =>
      candidates.set(key, { key, spelling, count, inGlossary, stems: stems(key) });
    for (const [key, count] of usage) add(key, spelled.get(key) ?? key, count, glossary.has(key));
    for (const [key, spelling] of glossary) if (!candidates.has(key)) add(key, spelling, 0, true);

    // Only a glossary entry or a spelling used more often can be the canonical one, and only with the same digits
    // («СОШ № 1» and «СОШ № 2» are different schools): candidates bucketed by digits, most used first, so a sheet of
    // thousands of distinct executors costs a look at the few that could win, not every pair.
    const byDigits = new Map<string, Candidate[]>();
    for (const c of candidates.values()) {
      const d = digits(c.key);
      const bucket = byDigits.get(d);
      if (bucket) bucket.push(c);
      else byDigits.set(d, [c]);
    }
    for (const bucket of byDigits.values()) bucket.sort((a, b) => Number(b.inGlossary) - Number(a.inGlossary) || b.count - a.count);

    // The canonical spelling a variant should become, if any: a glossary entry, or a spelling used more often.
    const canonicalOf = new Map<string, Candidate | null>();
    const resolve = (key: string) => {
      if (canonicalOf.has(key)) return canonicalOf.get(key)!;
      const self = candidates.get(key);
      const max = allowance(key);
      let best: Candidate | null = null;
      if (self && !self.inGlossary && max > 0) {
        for (const other of byDigits.get(digits(key)) ?? []) {
          if (!other.inGlossary && other.count <= self.count) break; // sorted: no later one is used more often
          if (other.key === key || Math.abs(other.key.length - key.length) > max) continue;
          if (other.stems === self.stems) continue;
          if (editDistance(key, other.key, max) > max) continue;
          best = other; // the first that fits is the best: glossary entries first, then the most used
          break;
        }
      }
      canonicalOf.set(key, best);
      return best;
    };

    return {
      executor(m) {
        const canonical = resolve(m.key);
        if (!canonical) return;
        const where = canonical.inGlossary ? 'так в списке сокращений' : `встречается в документе ${plural(canonical.count, ['раз', 'раза', 'раз'])}`;
        const fixed = m.cellText.split(m.name).join(canonical.spelling);
        const fix = fixed !== m.cellText ? { description: `Заменить на «${canonical.spelling}»`, edits: [{ cell: m.cell, value: fixed }] } : undefined;
        report({ messageId: 'variant', data: { name: m.name, canonical: canonical.spelling, where }, cell: m.cell, ...(fix ? { fix } : {}) });
      },
    };
  },
});
