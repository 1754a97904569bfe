import { check, fix, allDiagnostics, ruleIds, rules } from '../src';
import type { CellValue, GridWorkbook } from '../src/grid/grid';
import { parseConfig } from '../src/engine/config';
import { applyEdits, collectFixes, diffWorkbooks } from '../src/engine/fix';
import type { Diagnostic } from '../src/engine/diagnostic';
import { defineRule, isWorkbookRule, type Rule, type TableRule, type WorkbookRuleContext } from '../src/engine/rule';
import { checkWorkbook } from '../src/engine/run';

const roadmap = (rows: CellValue[][]): GridWorkbook => ({
  sheets: [{ name: 'Лист1', rows: [['План мероприятий на 2023-2024 годы'], [], ['№ п/п', 'Мероприятие', 'Срок реализации', 'Исполнитель', 'Результат'], ...rows], merges: [] }],
});

describe('configuration', () => {
  it('accepts severities, period, approval date, executors and a diagnostic limit', () => {
    const { config, errors } = parseConfig(
      { rules: { 'numbering-gap': 'error', 'text-whitespace': 'off' }, period: { from: 2023, to: 2024 }, approvalDate: '2023-03-13', executors: ['ФИОКО'], maxDiagnostics: 10 },
      ruleIds,
    );
    expect(errors).toEqual([]);
    expect(config).toEqual({ rules: { 'numbering-gap': 'error', 'text-whitespace': 'off' }, period: { from: 2023, to: 2024 }, approvalDate: '2023-03-13', executors: ['ФИОКО'], maxDiagnostics: 10 });
  });

  it('explains every mistake in Russian and keeps the good parts', () => {
    const { config, errors } = parseConfig({ rules: { 'no-such-rule': 'error', 'numbering-gap': 'loud', 'text-markup': 'off' }, period: { from: 2025, to: 2020 }, colour: 1 }, ruleIds);
    expect(errors).toEqual([
      'Неизвестный параметр настроек «colour».',
      'Неизвестное правило «no-such-rule» в настройках.',
      'Правило «numbering-gap»: уровень должен быть одним из off, info, warning, error.',
      'Параметр «period» должен быть вида {"from": 2023, "to": 2024} с годами 1990–2100.',
    ]);
    expect(config.rules).toEqual({ 'text-markup': 'off' });
    expect(parseConfig([1, 2], ruleIds).errors).toEqual(['Файл настроек должен содержать JSON-объект.']);
    for (const approvalDate of ['2023-02-31', '2023-13-01', '2023-3-1', 20230301]) {
      expect(parseConfig({ approvalDate }, ruleIds).errors).toEqual(['Параметр «approvalDate» должен быть датой вида "2023-03-13".']);
    }
  });

  it('changes severities and switches rules off', () => {
    const wb = roadmap([['1.1', 'Совещание', 'март 2023 г.', 'УО', ''], ['1.3', 'Семинар', 'апрель 2023 г.', 'УО', 'x']]);
    const before = allDiagnostics(check(wb)).map((d) => `${d.ruleId}:${d.severity}`);
    expect(before).toEqual(expect.arrayContaining(['numbering-gap:warning', 'result-missing:warning']));
    const after = allDiagnostics(check(wb, { rules: { 'numbering-gap': 'error', 'result-missing': 'off' } })).map((d) => `${d.ruleId}:${d.severity}`);
    expect(after).toContain('numbering-gap:error');
    expect(after.some((d) => d.startsWith('result-missing'))).toBe(false);
  });

  it('lets the configured period decide yearless deadlines', () => {
    const wb = roadmap([['1.', 'Совещание', 'март', 'УО', 'x']]);
    expect(allDiagnostics(check(wb)).map((d) => d.ruleId)).toContain('deadline-missing-year');
    expect(allDiagnostics(check(wb, { period: { from: 2023, to: 2023 } })).map((d) => d.ruleId)).not.toContain('deadline-missing-year');
  });
});

describe('fixes', () => {
  const d = (cell: string, value: CellValue, safe = true, ruleId = 'r'): Diagnostic => ({
    ruleId,
    severity: 'warning',
    sheet: 'Лист1',
    cell,
    message: 'М.',
    fix: { description: 'x', safe, edits: [{ sheet: 'Лист1', cell, value }] },
  });

  it('takes safe fixes, skips a conflicting one, and shares identical edits', () => {
    const { edits, applied, skipped } = collectFixes([d('A1', 'x'), d('A1', 'y'), d('A1', 'x'), d('B1', 'z', false)]);
    expect(edits).toEqual([{ sheet: 'Лист1', cell: 'A1', value: 'x' }]);
    expect(applied).toHaveLength(2);
    expect(skipped).toHaveLength(1);
    expect(collectFixes([d('B1', 'z', false)], { suggestions: true }).edits).toHaveLength(1);
    expect(collectFixes([d('B1', 'z', true, 'other')], { ruleIds: ['r'] }).edits).toHaveLength(0);
  });

  it('applies edits without touching the input', () => {
    const wb: GridWorkbook = Object.freeze({ sheets: [Object.freeze({ name: 'Лист1', rows: Object.freeze([Object.freeze(['a'])]) as CellValue[][] })] });
    const out = applyEdits(wb, [{ sheet: 'Лист1', cell: 'C2', value: 'b' }]);
    expect(out.sheets[0]!.rows).toEqual([['a'], [null, null, 'b']]);
    expect(wb.sheets[0]!.rows).toEqual([['a']]);
    expect(diffWorkbooks(wb, out)).toEqual([{ sheet: 'Лист1', cell: 'C2', value: 'b' }]);
  });

  it('settles two fixes of one cell over passes: markup and spaces, paragraphs kept as lines', () => {
    const wb = roadmap([['1.', ' <p>Совещание  </p> <i>руководителей</i>', 'март 2023 г.', 'УО', 'x']]);
    const first = collectFixes(allDiagnostics(check(wb)));
    expect(first.applied.map((x) => x.ruleId)).toEqual(['text-markup']);
    expect(first.skipped.map((x) => x.ruleId)).toEqual(['text-whitespace']);
    const result = fix(wb);
    expect(result.workbook.sheets[0]!.rows[3]![1]).toBe('Совещание\nруководителей');
    expect(result.edits).toEqual([{ sheet: 'Лист1', cell: 'B4', value: 'Совещание\nруководителей' }]);
    expect(allDiagnostics(result.report).filter((x) => x.fix?.safe)).toEqual([]);
  });

  it('renumbers a whole table in one go when suggestions are asked for', () => {
    const wb = roadmap([['1. Раздел'], ['1.1', 'А', 'март 2023 г.', 'УО', 'x'], ['1.1', 'Б', 'март 2023 г.', 'УО', 'x'], ['1.4', 'В', 'март 2023 г.', 'УО', 'x']]);
    expect(fix(wb).edits).toEqual([]);
    const result = fix(wb, {}, { suggestions: true, ruleIds: ['numbering-duplicate', 'numbering-gap'] });
    expect(result.workbook.sheets[0]!.rows.slice(4).map((r) => r[0])).toEqual(['1.1', '1.2', '1.3']);
    expect(result.passes).toBe(1);
  });
});

describe('the engine', () => {
  it('refuses a fix from a rule that does not declare one, and turns a crash into one diagnostic', () => {
    const sneaky = defineRule({
      meta: { id: 'sneaky', kind: 'roadmap', defaultSeverity: 'info', description: 'Т.', howToFix: 'Т.', fixable: false, messages: { m: 'Т.' } },
      create: (ctx) => ({
        table: () => ctx.report({ messageId: 'm', cell: { row: ctx.table.range.top, col: 0 }, fix: { description: 'x', edits: [{ cell: { row: 0, col: 0 }, value: 'x' }] } }),
      }),
    });
    const broken = defineRule({
      meta: { id: 'broken', kind: 'roadmap', defaultSeverity: 'error', description: 'Т.', howToFix: 'Т.', fixable: false, messages: { m: 'Т.' } },
      create: () => {
        throw new Error('boom');
      },
    });
    const report = checkWorkbook(roadmap([['1.', 'Совещание', 'март 2023 г.', 'УО', 'x']]), {}, [sneaky, broken]);
    const all = allDiagnostics(report);
    expect(all.find((x) => x.ruleId === 'sneaky')!.fix).toBeUndefined();
    expect(all.find((x) => x.ruleId === 'broken')).toMatchObject({ severity: 'warning', message: 'Правило «broken» не смогло проверить эту таблицу.' });
  });

  it('marks the report partial at the diagnostic limit', () => {
    const rows = Array.from({ length: 30 }, (_, i) => [`${i + 1}.`, '', '', '', '']);
    const report = check(roadmap(rows), { maxDiagnostics: 5 });
    expect(allDiagnostics(report)).toHaveLength(5);
    expect(report.partial).toBe(true);
  });

  describe('at the diagnostic limit', () => {
    // Issue #8, defect 2: 2,100 items without a deadline, then one impossible date (September has 30 days).
    // Well-written otherwise (an action, a checkable result), so the writing-quality infos stay out of the counts.
    const rows: CellValue[][] = Array.from({ length: 2100 }, (_, i) => [`${i + 1}.`, `Проведение совещания ${i + 1}`, '', 'Управление образования', 'Протокол совещания']);
    rows.push(['2101.', 'Проведение семинара', '31.09.2023', 'Управление образования', 'Протокол семинара']);
    const sheet = roadmap(rows);

    it('counts every diagnostic, not only the listed ones', () => {
      const report = check(sheet, { maxDiagnostics: 2000 });
      expect(report.summary).toEqual({ errors: 1, warnings: 2100, infos: 0 });
      expect(report.partial).toBe(true);
      expect(allDiagnostics(report)).toHaveLength(2000);
    });

    it('lists the errors first, so the one error is shown', () => {
      const listed = allDiagnostics(check(sheet, { maxDiagnostics: 2000 }));
      expect(listed.filter((d) => d.severity === 'error')).toEqual([expect.objectContaining({ ruleId: 'deadline-invalid-date', cell: 'C2104' })]);
      expect(allDiagnostics(check(sheet, { maxDiagnostics: 1 }))).toEqual([expect.objectContaining({ ruleId: 'deadline-invalid-date', severity: 'error' })]);
    });

    it('keeps the listed diagnostics in sheet order', () => {
      const cells = allDiagnostics(check(sheet, { maxDiagnostics: 2000 })).map((d) => Number(d.cell.slice(1)));
      expect(cells).toEqual([...cells].sort((a, b) => a - b));
      expect(cells[cells.length - 1]).toBe(2104);
    });

    it('is not partial, and counts the same, without a limit', () => {
      const report = check(sheet);
      expect(report.summary).toEqual({ errors: 1, warnings: 2100, infos: 0 });
      expect(report.partial).toBe(false);
      expect(allDiagnostics(report)).toHaveLength(2101);
    });
  });

  it('never throws on random sheets, and no rule crashes on them', () => {
    // The engine turns a rule's crash into one diagnostic, so "does not throw" alone would never see one: every rule of
    // the catalogue is watched, and the crash diagnostic (its shape as the engine writes it) must not appear either.
    const crashes: string[] = [];
    const watch = <A extends unknown[], R>(id: string, f: (...args: A) => R) => (...args: A): R => {
      try {
        return f(...args);
      } catch (e) {
        crashes.push(`${id}: ${e instanceof Error ? e.message : String(e)}`);
        throw e;
      }
    };
    const watchAll = <L extends object>(id: string, listeners: L): L =>
      Object.fromEntries(Object.entries(listeners).map(([k, f]) => [k, watch(id, f as (...args: unknown[]) => void)])) as L;
    // Both scopes of a rule are watched: its table listeners and its workbook listeners.
    const watched: Rule[] = rules.map((rule): Rule => {
      const { id } = rule.meta;
      if (isWorkbookRule(rule)) return { meta: rule.meta, create: (context: WorkbookRuleContext) => watchAll(id, watch(id, () => rule.create(context))()) };
      const out: TableRule = { meta: rule.meta, create: (context) => watchAll(id, watch(id, () => rule.create(context))()) };
      const forWorkbook = rule.createForWorkbook;
      if (forWorkbook) out.createForWorkbook = (context) => watchAll(id, watch(id, () => forWorkbook.call(rule, context))());
      return out;
    });
    const crashDiagnostic = /^Правило «.+» не смогло проверить (эту таблицу|книгу)\.$/;
    // A deterministic generator: the same sheets every run.
    let seed = 42;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pool: CellValue[] = ['№', 'Мероприятие', 'Срок', 'Исполнитель', 'Показатель', 'Ед. изм.', '2023', 2024, '1.1', '1.', 'I.', 'март', '.10.2021', '31.09.2021', 'да', '-', 0.5, -3, null, '', '<p>', 'из них:', '4, 5', '2', 'ВПР', new Date(NaN), true];
    let diagnostics = 0;
    for (let n = 0; n < 200; n++) {
      const rows = Array.from({ length: 1 + Math.floor(next() * 25) }, () => Array.from({ length: Math.floor(next() * 8) }, () => pool[Math.floor(next() * pool.length)]!));
      const merges = next() < 0.3 ? [{ top: 0, left: 0, bottom: Math.floor(next() * 3), right: Math.floor(next() * 3) }] : [];
      const workbook: GridWorkbook = { sheets: [{ name: 'S', rows, merges }] };
      expect(() => check(workbook)).not.toThrow();
      const all = allDiagnostics(checkWorkbook(workbook, {}, watched));
      expect(all.filter((d) => crashDiagnostic.test(d.message))).toEqual([]);
      diagnostics += all.length;
    }
    expect(crashes).toEqual([]);
    // The sheets do reach the rules: a generator that produced no table would prove nothing.
    expect(diagnostics).toBeGreaterThan(100);
  });

  it('orders diagnostics by row, then by column, AA before AB', () => {
    const years = Array.from({ length: 31 }, (_, i) => String(2000 + i));
    const values: CellValue[] = years.map((_, i) => 10 + i);
    values[22] = 150; // column Z
    values[23] = 160; // column AA
    values[24] = 170; // column AB
    const wb: GridWorkbook = { sheets: [{ name: 'Лист1', rows: [['Целевые показатели на 2000–2030 годы'], ['№', 'Показатель', 'Ед. изм.', ...years], ['1.', 'Доля педагогов, прошедших курсы', '%', ...values]] }] };
    const cells = allDiagnostics(check(wb, { rules: { 'indicator-direction': 'off' } })).filter((d) => d.ruleId === 'indicator-value-range').map((d) => d.cell);
    expect(cells).toEqual(['Z3', 'AA3', 'AB3']);
  });

  it('runs every rule of the catalogue on its own table kind only', () => {
    const kinds = new Set(rules.map((r) => r.meta.kind));
    expect([...kinds].sort()).toEqual(['any', 'indicators', 'results', 'roadmap', 'workbook']);
  });
});
