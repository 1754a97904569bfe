import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { rules } from '../src/rules';

const RULE_TEST_DIR = join(__dirname, 'rules');
/** Rule id → its test file, in `rules/` or a folder below it (`rules/workbook/`, `rules/quality/`). */
const TEST_FILES = new Map(
  (readdirSync(RULE_TEST_DIR, { recursive: true }) as string[]).filter((f) => f.endsWith('.test.ts')).map((f) => [basename(f, '.test.ts'), join(RULE_TEST_DIR, f)]),
);

describe('the rule catalogue', () => {
  it('has unique kebab-case ids', () => {
    const ids = rules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
  });

  it('names every rule the public contract requires', () => {
    const required = [
      'numbering-duplicate', 'numbering-gap', 'numbering-order', 'numbering-parent', 'deadline-unparsed', 'deadline-invalid-date',
      'deadline-incomplete', 'deadline-missing-year', 'deadline-out-of-period', 'deadline-range-reversed', 'deadline-before-approval',
      'executor-missing', 'executor-unknown', 'executor-variant', 'activity-missing', 'result-missing', 'continuation-row', 'text-markup',
      'text-whitespace', 'indicator-unit-unknown', 'indicator-value-type', 'indicator-value-range', 'indicator-value-missing',
      'indicator-direction', 'indicator-years', 'indicator-subtotal', 'results-share-range', 'results-share-sum',
    ];
    expect(rules.map((r) => r.meta.id)).toEqual(expect.arrayContaining(required));
  });

  it.each(rules.map((r) => [r.meta.id, r] as const))('%s has a test file of its own that uses the rule tester', (id) => {
    const file = TEST_FILES.get(id);
    expect(file).toBeDefined();
    expect(readFileSync(file!, 'utf8')).toContain('ruleTester(');
  });

  it.each(rules.map((r) => [r.meta.id, r] as const))('%s describes itself in Russian and its messages are sentences', (_id, rule) => {
    expect(rule.meta.description).toMatch(/^[А-ЯЁ«]/);
    expect(rule.meta.description).toMatch(/[.]$/);
    // How to fix it: one short sentence an official can act on.
    expect(rule.meta.howToFix).toMatch(/^[А-ЯЁ«]/);
    expect(rule.meta.howToFix).toMatch(/[.]$/);
    expect(rule.meta.howToFix.length).toBeLessThanOrEqual(160);
    expect(rule.meta.howToFix).not.toBe(rule.meta.description);
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
    for (const template of Object.values(rule.meta.messages)) {
      expect(template).toMatch(/^[А-ЯЁ«{]/);
      expect(template).toMatch(/\.$/);
      // The location is the UI's business, never the message's.
      expect(template).not.toMatch(/ячейк[аеи]\s+[A-Z]+\d|строк[аеи]\s+\d/);
    }
  });

  it('has no test file for a rule that does not exist', () => {
    const ids = new Set(rules.map((r) => r.meta.id));
    for (const id of TEST_FILES.keys()) expect(ids.has(id)).toBe(true);
  });
});
