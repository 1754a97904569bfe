/**
 * A strict rule tester in the spirit of ESLint's: every rule gets valid and invalid cases; an invalid case lists the
 * exact cells and message ids; a case whose diagnostics carry a fix must state the output after fixing; duplicate
 * cases and rules that mutate their input fail the run. Rules run strict: a message id or fix the meta does not declare,
 * or a placeholder without data, throws.
 */
import { parseRangeA1 } from '../src/grid/address';
import type { CellValue, Grid, GridWorkbook } from '../src/grid/grid';
import type { SvodConfig } from '../src/engine/config';
import type { Diagnostic } from '../src/engine/diagnostic';
import type { Rule } from '../src/engine/rule';
import { checkWorkbook } from '../src/engine/run';
import { applyEdits, collectFixes } from '../src/engine/fix';

export interface RuleCase {
  /** What the case shows; defaults to its data. */
  name?: string;
  /** Data rows under the rule kind's default header (see `defaultSheet`). */
  rows?: CellValue[][];
  /** Title lines above the default header; default states the period 2023–2024 and an approval date. */
  title?: string[];
  /** A whole sheet instead of the default layout. */
  sheet?: CellValue[][];
  /** Merged ranges of the sheet, A1 (`A5:A7`). */
  merges?: string[];
  /** More sheets of the same workbook (a glossary, a passport). */
  otherSheets?: Array<{ name: string; rows: CellValue[][] }>;
  config?: SvodConfig;
}

export interface InvalidCase extends RuleCase {
  /** `data`, when given, must equal what the rule filled the message with (as ESLint's rule tester asserts it). */
  errors: Array<{ cell: string; messageId?: string; message?: string | RegExp; data?: Record<string, string | number> }>;
  /**
   * After applying every fix of this rule (safe and suggested): the data rows when the case gives `rows`, else the whole
   * sheet. Required exactly when a fix is offered.
   */
  output?: CellValue[][];
}

export const DEFAULT_TITLE = ['Приложение к приказу управления образования от 10.01.2023 № 5', 'План мероприятий на 2023-2024 годы'];

const HEADERS: Record<string, CellValue[]> = {
  roadmap: ['№ п/п', 'Мероприятие', 'Срок реализации', 'Исполнитель', 'Ожидаемый результат'],
  indicators: ['№ п/п', 'Показатель', 'Ед. изм.', '2023', '2024'],
};

export function defaultSheet(rule: Rule, c: RuleCase): CellValue[][] {
  if (c.sheet) return c.sheet;
  const header = HEADERS[rule.meta.kind === 'any' ? 'roadmap' : rule.meta.kind];
  if (!header) throw new Error(`Rule ${rule.meta.id}: cases of kind ${rule.meta.kind} must give a whole sheet`);
  return [...(c.title ?? DEFAULT_TITLE).map((t) => [t]), [], header, ...(c.rows ?? [])];
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Date) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

function workbookOf(rule: Rule, c: RuleCase): GridWorkbook {
  const main: Grid = {
    name: 'Лист1',
    rows: defaultSheet(rule, c).map((r) => r.slice()),
    merges: (c.merges ?? []).map((m) => parseRangeA1(m)!),
  };
  const others = (c.otherSheets ?? []).map((s): Grid => ({ name: s.name, rows: s.rows.map((r) => r.slice()), merges: [] }));
  return deepFreeze({ sheets: [main, ...others] });
}

function run(rule: Rule, c: RuleCase): { diagnostics: Diagnostic[]; workbook: GridWorkbook } {
  const workbook = workbookOf(rule, c);
  const config: SvodConfig = { ...c.config, rules: { ...c.config?.rules } };
  // Strict, as ESLint's tester: an undeclared messageId or fix, a placeholder without data or a crash fails the case.
  const report = checkWorkbook(workbook, config, [rule], { strict: true });
  return { diagnostics: report.sheets.flatMap((s) => s.diagnostics), workbook };
}

function trimRows(rows: CellValue[][]): CellValue[][] {
  const out = rows.map((r) => {
    const copy = r.slice();
    // An emptied cell may hold null or ''; both look the same in a spreadsheet.
    const blank = (v: CellValue | undefined) => v === null || v === undefined || v === '';
    while (copy.length && blank(copy[copy.length - 1])) copy.pop();
    return copy.map((v) => (v === undefined || v === '' ? null : v));
  });
  while (out.length && out[out.length - 1]!.length === 0) out.pop();
  return out;
}

export function ruleTester(rule: Rule, cases: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  describe(`rule ${rule.meta.id}`, () => {
    it('has valid and invalid cases, none duplicated', () => {
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
      const keys = [...cases.valid, ...cases.invalid].map((c) => JSON.stringify({ ...c, name: undefined, errors: undefined, output: undefined }));
      expect(new Set(keys).size).toBe(keys.length);
    });

    describe('valid', () => {
      cases.valid.forEach((c, i) => {
        it(c.name ?? `valid #${i + 1}`, () => {
          const { diagnostics } = run(rule, c);
          expect(diagnostics.map((d) => `${d.cell}: ${d.message}`)).toEqual([]);
        });
      });
    });

    describe('invalid', () => {
      cases.invalid.forEach((c, i) => {
        it(c.name ?? `invalid #${i + 1}`, () => {
          const { diagnostics, workbook } = run(rule, c);
          const own = diagnostics.filter((d) => d.sheet === 'Лист1');
          expect(own.map((d) => d.cell)).toEqual(c.errors.map((e) => e.cell));
          c.errors.forEach((e, k) => {
            const d = own[k]!;
            expect(d.ruleId).toBe(rule.meta.id);
            if (e.messageId) {
              expect(d.messageId).toBe(e.messageId);
              expect(d.message).toBe(expectedMessage(rule, e.messageId, d.message));
            }
            if (e.data) expect(d.data).toEqual(e.data);
            if (e.message instanceof RegExp) expect(d.message).toMatch(e.message);
            else if (typeof e.message === 'string') expect(d.message).toBe(e.message);
            // Every message is a capitalised Russian sentence without the location.
            expect(d.message).toMatch(/^[«А-ЯЁA-Z]/);
            expect(d.message).toMatch(/[.]$/);
          });
          const fixed = own.some((d) => d.fix);
          if (fixed && c.output === undefined) throw new Error('A case whose diagnostics carry a fix must state `output`.');
          if (!fixed && c.output !== undefined) throw new Error('The case states `output` but no diagnostic carries a fix.');
          if (c.output !== undefined) {
            const { edits } = collectFixes(own, { suggestions: true });
            const after = applyEdits(workbook, edits).sheets[0]!.rows;
            const offset = c.sheet ? 0 : (c.title ?? DEFAULT_TITLE).length + 2;
            expect(trimRows(after.slice(offset))).toEqual(trimRows(c.output));
          }
        });
      });
    });
  });
}

/** The message a messageId would produce; placeholders are matched against the actual message. */
function expectedMessage(rule: Rule, messageId: string, actual: string): string {
  const template = rule.meta.messages[messageId];
  if (!template) throw new Error(`Rule ${rule.meta.id} has no message «${messageId}»`);
  const pattern = new RegExp('^' + template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\\\{\s*\w+\s*\\\}\\\}/g, '.+?') + '$');
  return pattern.test(actual) ? actual : template;
}
