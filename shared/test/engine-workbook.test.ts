/**
 * Workbook-scope rules (issue #11): rules that look across sheets run once per check, see every sheet (with or without
 * a table), report into the sheet they name, and keep the engine's contract: strict in tests, lenient for users, the
 * same diagnostic limit and stop.
 */
import type { CellValue, GridWorkbook } from '../src/grid/grid';
import { defineRule, defineWorkbookRule, type WorkbookRuleMeta } from '../src/engine/rule';
import { checkWorkbook, RuleContractError } from '../src/engine/run';
import { allDiagnostics, check } from '../src';

const roadmapRows: CellValue[][] = [
  ['План мероприятий на 2023 год'],
  ['№ п/п', 'Мероприятие', 'Срок', 'Исполнитель', 'Результат'],
  ['1.', 'Совещание', 'март 2023 г.', 'УО', 'Проведено'],
  ['2.', 'Семинар', 'май 2023 г.', 'УО', 'Проведено'],
];
const book: GridWorkbook = {
  sheets: [
    { name: 'Паспорт', rows: [['Паспорт программы'], ['Срок реализации', '2023 год']] },
    { name: 'План', rows: roadmapRows },
  ],
};
const meta = (over: Partial<WorkbookRuleMeta> = {}): WorkbookRuleMeta => ({
  id: 'probe',
  kind: 'workbook',
  defaultSeverity: 'warning',
  description: 'Проба.',
  howToFix: 'Проба.',
  fixable: false,
  messages: { said: 'Лист {{name}}.' },
  ...over,
});

describe('a workbook-scope rule', () => {
  it('is created once, hears workbook() once and sheet() for every sheet, tables or not', () => {
    const calls: string[] = [];
    const probe = defineWorkbookRule({
      meta: meta(),
      create: ({ workbook }) => {
        calls.push(`create ${workbook.tables.length}`);
        return {
          workbook: () => calls.push('workbook'),
          sheet: (sheet, index) => calls.push(`sheet ${index} ${sheet.grid.name} ${sheet.tables.length}`),
        };
      },
    });
    checkWorkbook(book, {}, [probe], { strict: true });
    expect(calls).toEqual(['create 1', 'workbook', 'sheet 0 Паспорт 0', 'sheet 1 План 1']);
  });

  it('reports into the sheet it names, with the table when it gives one and without it otherwise', () => {
    const probe = defineWorkbookRule({
      meta: meta({ fixable: 'safe' }),
      create: ({ report, workbook }) => ({
        sheet(sheet) {
          const table = sheet.tables[0];
          report({
            sheet: sheet.grid.name,
            cell: { row: 1, col: 1 },
            messageId: 'said',
            data: { name: sheet.grid.name },
            ...(table ? { table: table.range } : { fix: { description: 'Заменить', edits: [{ cell: { row: 1, col: 1 }, value: '2023–2024 годы' }] } }),
          });
          expect(workbook.model.sheets).toContain(sheet);
        },
      }),
    });
    const report = checkWorkbook(book, {}, [probe], { strict: true });
    expect(report.sheets.map((s) => s.diagnostics)).toEqual([
      [
        {
          ruleId: 'probe',
          severity: 'warning',
          sheet: 'Паспорт',
          cell: 'B2',
          message: 'Лист Паспорт.',
          messageId: 'said',
          data: { name: 'Паспорт' },
          table: undefined,
          fix: { description: 'Заменить', safe: true, edits: [{ sheet: 'Паспорт', cell: 'B2', value: '2023–2024 годы' }] },
        },
      ],
      [expect.objectContaining({ sheet: 'План', cell: 'B2', message: 'Лист План.', table: 'A2:E4' })],
    ]);
    expect(report.summary).toEqual({ errors: 0, warnings: 2, infos: 0 });
  });

  it('accepts the table as an A1 range too, and takes its severity from the configuration', () => {
    const probe = defineWorkbookRule({
      meta: meta(),
      create: ({ report }) => ({ workbook: () => report({ sheet: 'План', cell: { row: 2, col: 0 }, messageId: 'said', data: { name: 'x' }, table: 'A2:E4' }) }),
    });
    const [d] = allDiagnostics(checkWorkbook(book, { rules: { probe: 'error' } }, [probe], { strict: true }));
    expect(d).toMatchObject({ sheet: 'План', cell: 'A3', severity: 'error', table: 'A2:E4' });
    expect(allDiagnostics(checkWorkbook(book, { rules: { probe: 'off' } }, [probe], { strict: true }))).toEqual([]);
  });

  it('runs on a workbook whose only sheet has no table', () => {
    let sheets = 0;
    const probe = defineWorkbookRule({ meta: meta(), create: () => ({ sheet: () => void sheets++ }) });
    checkWorkbook({ sheets: [{ name: 'Паспорт', rows: [['Паспорт']] }] }, {}, [probe], { strict: true });
    expect(sheets).toBe(1);
  });
});

describe('a strict engine, across the workbook', () => {
  const reporting = (report: Parameters<Parameters<typeof defineWorkbookRule>[0]['create']>[0]['report'] extends (r: infer R) => void ? R : never, over: Partial<WorkbookRuleMeta> = {}) =>
    defineWorkbookRule({ meta: meta(over), create: (context) => ({ workbook: () => context.report(report) }) });

  it('throws on a message id the meta does not declare', () => {
    const rule = reporting({ sheet: 'План', cell: { row: 0, col: 0 }, messageId: 'nope', data: { name: 'x' } });
    expect(() => checkWorkbook(book, {}, [rule], { strict: true })).toThrow(RuleContractError);
    expect(() => checkWorkbook(book, {}, [rule], { strict: true })).toThrow('messageId "nope"');
  });

  it('throws on a placeholder the report gives no data for', () => {
    const rule = reporting({ sheet: 'План', cell: { row: 0, col: 0 }, messageId: 'said' });
    expect(() => checkWorkbook(book, {}, [rule], { strict: true })).toThrow('needs data.name');
  });

  it('throws on a fix from a rule whose meta is not fixable', () => {
    const rule = reporting({ sheet: 'План', cell: { row: 0, col: 0 }, messageId: 'said', data: { name: 'x' }, fix: { description: 'x', edits: [] } });
    expect(() => checkWorkbook(book, {}, [rule], { strict: true })).toThrow('meta.fixable is false');
  });

  it('throws on a sheet the workbook does not have', () => {
    const rule = reporting({ sheet: 'Нет такого', cell: { row: 0, col: 0 }, messageId: 'said', data: { name: 'x' } });
    expect(() => checkWorkbook(book, {}, [rule], { strict: true })).toThrow('sheet "Нет такого"');
  });

  it('lets a crash in create, workbook() or sheet() fail the run', () => {
    const inCreate = defineWorkbookRule({ meta: meta(), create: () => { throw new Error('boom in create'); } });
    const inSheet = defineWorkbookRule({ meta: meta(), create: () => ({ sheet: () => { throw new Error('boom in sheet'); } }) });
    expect(() => checkWorkbook(book, {}, [inCreate], { strict: true })).toThrow('boom in create');
    expect(() => checkWorkbook(book, {}, [inSheet], { strict: true })).toThrow('boom in sheet');
  });

  it('stays lenient without strict: the id stands for the message, the fix is dropped, a crash is one warning', () => {
    const unknownId = reporting({ sheet: 'План', cell: { row: 2, col: 1 }, messageId: 'nope', data: { name: 'x' } }, { id: 'unknown-id' });
    const undeclaredFix = reporting({ sheet: 'План', cell: { row: 3, col: 1 }, messageId: 'said', data: { name: 'x' }, fix: { description: 'x', edits: [] } }, { id: 'undeclared-fix' });
    let heard = 0;
    const crashing = defineWorkbookRule({ meta: meta({ id: 'crashing' }), create: () => ({ sheet: () => { heard++; throw new Error('boom'); } }) });
    const wrongSheet = reporting({ sheet: 'Нет такого', cell: { row: 0, col: 0 }, messageId: 'said', data: { name: 'x' } }, { id: 'wrong-sheet' });
    const report = checkWorkbook(book, {}, [unknownId, undeclaredFix, crashing, wrongSheet]);
    const all = allDiagnostics(report);
    expect(all.find((d) => d.ruleId === 'unknown-id')).toMatchObject({ message: 'nope', cell: 'B3' });
    const undeclared = all.find((d) => d.ruleId === 'undeclared-fix')!;
    expect(undeclared.message).toBe('Лист x.');
    expect(undeclared.fix).toBeUndefined();
    // A failing rule hears nothing more: one warning, not one per sheet.
    expect(heard).toBe(1);
    const failed = all.filter((d) => d.messageId === 'rule-failed');
    expect(failed).toEqual([
      { ruleId: 'crashing', severity: 'warning', sheet: 'Паспорт', cell: 'A1', message: 'Правило «crashing» не смогло проверить книгу.', messageId: 'rule-failed', table: undefined },
      expect.objectContaining({ ruleId: 'wrong-sheet', sheet: 'Паспорт', message: 'Правило «wrong-sheet» не смогло проверить книгу.' }),
    ]);
  });
});

describe('the diagnostic limit, across the workbook', () => {
  it('counts workbook diagnostics with the tables’ and stops every rule once the list is full of errors', () => {
    const calls = { table: 0, workbook: 0, later: 0 };
    const tableErrors = defineRule({
      meta: { ...meta({ id: 'table-errors', defaultSeverity: 'error', messages: { m: 'Ошибка.' } }), kind: 'roadmap' },
      create: ({ report }) => ({ row: (row) => { calls.table++; if (row.role === 'item') report({ messageId: 'm', cell: { row: row.row, col: 1 } }); } }),
    });
    const sheetErrors = defineWorkbookRule({
      meta: meta({ id: 'sheet-errors', defaultSeverity: 'error', messages: { m: 'Ошибка листа.' } }),
      create: ({ report }) => ({ sheet: (sheet) => { calls.workbook++; report({ sheet: sheet.grid.name, cell: { row: 0, col: 0 }, messageId: 'm' }); } }),
    });
    const later = defineWorkbookRule({ meta: meta({ id: 'later' }), create: () => ({ sheet: () => void calls.later++ }) });
    // Two table errors, then the first sheet's error fills the list of three: nothing after it runs.
    const report = checkWorkbook(book, { maxDiagnostics: 3 }, [tableErrors, sheetErrors, later], { strict: true });
    expect(report.stopped).toBe(true);
    expect(report.partial).toBe(true);
    expect(report.summary.errors).toBe(3);
    expect(calls.workbook).toBe(1);
    expect(calls.later).toBe(0);
    expect(allDiagnostics(report).map((d) => `${d.sheet}!${d.cell}`)).toEqual(['Паспорт!A1', 'План!B3', 'План!B4']);
  });

  it('does not run workbook rules once the tables have filled the list with errors', () => {
    let heard = 0;
    const tableErrors = defineRule({
      meta: { ...meta({ id: 'table-errors', defaultSeverity: 'error', messages: { m: 'Ошибка.' } }), kind: 'roadmap' },
      create: ({ report }) => ({ row: (row) => row.role === 'item' && report({ messageId: 'm', cell: { row: row.row, col: 1 } }) }),
    });
    const probe = defineWorkbookRule({ meta: meta(), create: () => { heard++; return {}; } });
    const report = checkWorkbook(book, { maxDiagnostics: 1 }, [tableErrors, probe], { strict: true });
    expect(report.stopped).toBe(true);
    expect(heard).toBe(0);
  });

  it('lets a workbook warning make way for an error, and an info for a warning, as the tables’ do', () => {
    const infos = defineWorkbookRule({
      meta: meta({ id: 'infos', defaultSeverity: 'info', messages: { m: 'Замечание.' } }),
      create: ({ report }) => ({ sheet: (s) => report({ sheet: s.grid.name, cell: { row: 0, col: 0 }, messageId: 'm' }) }),
    });
    const errors = defineWorkbookRule({
      meta: meta({ id: 'errors', defaultSeverity: 'error', messages: { m: 'Ошибка.' } }),
      create: ({ report }) => ({ workbook: () => report({ sheet: 'План', cell: { row: 1, col: 0 }, messageId: 'm' }) }),
    });
    const report = checkWorkbook(book, { maxDiagnostics: 2 }, [infos, errors], { strict: true });
    expect(allDiagnostics(report).map((d) => `${d.ruleId} ${d.sheet}!${d.cell}`)).toEqual(['infos Паспорт!A1', 'errors План!A2']);
    expect(report.summary).toEqual({ errors: 1, warnings: 0, infos: 2 });
    expect(report.partial).toBe(true);
    expect(report.stopped).toBe(false);
  });
});

describe('a table rule with a workbook part', () => {
  it('checks the cells no table covers, each once, under the rule’s own id', () => {
    const seen: string[] = [];
    const rule = defineRule({
      meta: { ...meta({ id: 'both' }), kind: 'any' },
      create: () => ({ text: (c) => void seen.push(`table ${c.text}`) }),
      createForWorkbook: ({ workbook }) => ({
        sheet: (sheet) => {
          for (const c of workbook.looseTextCells(sheet)) seen.push(`loose ${sheet.grid.name} ${c.text}`);
        },
      }),
    });
    const withNote: GridWorkbook = {
      sheets: [
        { name: 'Паспорт', rows: [['Паспорт программы'], [null, 'Срок', 2023]] },
        { name: 'План', rows: [...roadmapRows, [], [], ['Примечание: сроки уточняются']] },
      ],
    };
    checkWorkbook(withNote, {}, [rule], { strict: true });
    // The title row and the table's cells are the table's; the note under it and the passport are loose.
    expect(seen.filter((s) => s.startsWith('loose'))).toEqual(['loose Паспорт Паспорт программы', 'loose Паспорт Срок', 'loose План Примечание: сроки уточняются']);
    expect(seen).toContain('table План мероприятий на 2023 год');
    expect(seen).not.toContain('loose План План мероприятий на 2023 год');
  });

  it('is how text-markup reports a Word bookmark on a sheet with no table (seed 002 «Паспорт»)', () => {
    const wb: GridWorkbook = {
      sheets: [
        { name: 'Паспорт', rows: [['ПАСПОРТ'], ['Наименование', '[bookmark: _GoBack]Программа развития']] },
        { name: 'План', rows: [roadmapRows[0]!, roadmapRows[1]!, ['1.', '<p>Совещание</p>', 'март 2023 г.', 'УО', 'Проведено']] },
      ],
    };
    const markup = allDiagnostics(check(wb)).filter((d) => d.ruleId === 'text-markup');
    expect(markup.map((d) => [d.sheet, d.cell, d.message, d.table])).toEqual([
      ['Паспорт', 'B2', 'В тексте остались следы вставки из Word/HTML: «[bookmark: _GoBack]».', undefined],
      ['План', 'B3', 'В тексте остались следы вставки из Word/HTML: «<p>».', 'A2:E3'],
    ]);
    expect(markup[0]!.fix!.edits).toEqual([{ sheet: 'Паспорт', cell: 'B2', value: 'Программа развития' }]);
  });
});
