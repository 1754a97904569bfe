/**
 * The engine's contract with rules (issue #10): strict in tests as ESLint's, diagnostics that carry their message id and
 * data, and a diagnostic limit that stops every rule once nothing more could enter the list.
 */
import type { CellValue, GridWorkbook } from '../src/grid/grid';
import { defineRule, type TableRuleMeta } from '../src/engine/rule';
import { checkWorkbook, RuleContractError } from '../src/engine/run';
import { check, allDiagnostics } from '../src';

const roadmap = (rows: CellValue[][]): GridWorkbook => ({
  sheets: [{ name: 'Лист1', rows: [['План мероприятий на 2023 год'], ['№ п/п', 'Мероприятие', 'Срок', 'Исполнитель', 'Результат'], ...rows] }],
});
const sheet = roadmap([
  ['1.', 'Совещание', 'март 2023 г.', 'УО', 'Проведено'],
  ['2.', 'Семинар', 'май 2023 г.', 'УО', 'Проведено'],
]);
const meta = (over: Partial<TableRuleMeta> = {}): TableRuleMeta => ({
  id: 'probe',
  kind: 'roadmap',
  defaultSeverity: 'warning',
  description: 'Проба.',
  howToFix: 'Проба.',
  fixable: false,
  messages: { said: 'Пункт {{number}}.' },
  ...over,
});

describe('a strict engine', () => {
  const unknownId = defineRule({ meta: meta(), create: ({ report }) => ({ row: (row) => row.role === 'item' && report({ messageId: 'nope', data: { number: 1 }, cell: { row: row.row, col: 0 } }) }) });
  const noData = defineRule({ meta: meta(), create: ({ report }) => ({ row: (row) => row.role === 'item' && report({ messageId: 'said', cell: { row: row.row, col: 0 } }) }) });
  const undeclaredFix = defineRule({
    meta: meta(),
    create: ({ report }) => ({
      row: (row) => row.role === 'item' && report({ messageId: 'said', data: { number: 1 }, cell: { row: row.row, col: 0 }, fix: { description: 'x', edits: [{ cell: { row: row.row, col: 0 }, value: 'x' }] } }),
    }),
  });
  const crashing = defineRule({ meta: meta(), create: () => ({ deadline: () => { throw new Error('boom'); } }) });

  it('throws on a message id the meta does not declare', () => {
    expect(() => checkWorkbook(sheet, {}, [unknownId], { strict: true })).toThrow(RuleContractError);
    expect(() => checkWorkbook(sheet, {}, [unknownId], { strict: true })).toThrow('messageId "nope"');
  });

  it('throws on a placeholder the report gives no data for', () => {
    expect(() => checkWorkbook(sheet, {}, [noData], { strict: true })).toThrow('needs data.number');
  });

  it('throws on a fix from a rule whose meta is not fixable', () => {
    expect(() => checkWorkbook(sheet, {}, [undeclaredFix], { strict: true })).toThrow('meta.fixable is false');
  });

  it('lets a crashing rule fail the run', () => {
    expect(() => checkWorkbook(sheet, {}, [crashing], { strict: true })).toThrow('boom');
  });

  it('stays lenient without strict: the id stands for the message, the fix is dropped, a crash is one warning', () => {
    const all = allDiagnostics(checkWorkbook(sheet, {}, [unknownId, undeclaredFix, crashing]));
    expect(all.filter((d) => d.message === 'nope')).toHaveLength(2);
    expect(all.filter((d) => d.message === 'Пункт 1.' && d.fix === undefined)).toHaveLength(2);
    expect(all.filter((d) => d.messageId === 'rule-failed')).toEqual([expect.objectContaining({ severity: 'warning', message: 'Правило «probe» не смогло проверить эту таблицу.' })]);
  });
});

describe('a diagnostic', () => {
  it('carries its message id and the data its message was filled with', () => {
    const d = allDiagnostics(check(roadmap([['1.', 'Совещание', 'в течении года', 'УО', 'Проведено']]))).find((x) => x.ruleId === 'deadline-typo')!;
    expect(d).toMatchObject({ messageId: 'typo', data: { fragment: 'течении', expected: 'течение' }, message: 'Опечатка в сроке: «течении» вместо «течение».' });
  });
});

describe('the diagnostic limit', () => {
  // 40 items without an activity (errors), each also missing its deadline (warnings, reported by a later rule).
  const rows: CellValue[][] = Array.from({ length: 40 }, (_, i) => [`${i + 1}.`, '', '', 'УО', 'Проведено']);
  const calls = { first: 0, second: 0 };
  const first = defineRule({
    meta: meta({ id: 'first', defaultSeverity: 'error', messages: { m: 'Ошибка.' } }),
    create: ({ report }) => ({ row: (row) => { calls.first++; report({ messageId: 'm', cell: { row: row.row, col: 1 } }); } }),
  });
  const second = defineRule({
    meta: meta({ id: 'second', messages: { m: 'Замечание.' } }),
    create: ({ report }) => ({ row: (row) => { calls.second++; report({ messageId: 'm', cell: { row: row.row, col: 2 } }); } }),
  });

  it('stops every rule once the list is full of errors: nothing later could enter it or change the verdict', () => {
    calls.first = calls.second = 0;
    const report = checkWorkbook(roadmap(rows), { maxDiagnostics: 3 }, [first, second]);
    expect(calls).toEqual({ first: 3, second: 0 });
    expect(report.stopped).toBe(true);
    expect(report.partial).toBe(true);
    expect(report.summary.errors).toBe(3);
    expect(allDiagnostics(report).map((d) => d.ruleId)).toEqual(['first', 'first', 'first']);
  });

  it('goes on while a later error could still displace a weaker finding', () => {
    calls.first = calls.second = 0;
    // Warnings only: an error could still come and take a place, so the rule runs to the end and everything is counted.
    const report = checkWorkbook(roadmap(rows), { maxDiagnostics: 3 }, [second]);
    expect(calls.second).toBe(40);
    expect(report.stopped).toBe(false);
    expect(report.partial).toBe(true);
    expect(report.summary).toEqual({ errors: 0, warnings: 40, infos: 0 });
    expect(allDiagnostics(report)).toHaveLength(3);
  });

  it('stops the catalogue too, and the verdict stands', () => {
    const report = check(roadmap(rows), { maxDiagnostics: 5 });
    expect(report.stopped).toBe(true);
    expect(report.summary.errors).toBeGreaterThanOrEqual(5);
    expect(allDiagnostics(report).every((d) => d.severity === 'error')).toBe(true);
  });
});

describe('a fix many findings share', () => {
  it('is one Fix object, not a copy of the whole renumbering per finding', () => {
    // 400 items numbered 2, 4, 6, …: 400 gaps, each offering the same renumbering.
    const rows: CellValue[][] = Array.from({ length: 400 }, (_, i) => [`${2 * i + 2}.`, 'Совещание', 'март 2023 г.', 'УО', 'Проведено']);
    const gaps = allDiagnostics(check(roadmap(rows))).filter((d) => d.ruleId === 'numbering-gap');
    expect(gaps.length).toBeGreaterThan(300);
    // The first keeps its 2 (a top-level list may start where it starts): 399 cells change.
    expect(gaps[0]!.fix!.edits).toHaveLength(399);
    expect(gaps.every((d) => d.fix === gaps[0]!.fix)).toBe(true);
  });
});

