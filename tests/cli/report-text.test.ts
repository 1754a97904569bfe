/** The text report as a function: folding, --ungrouped, sheets without tables, findings outside tables, totals. */
import type { CheckReport, Diagnostic } from '@svod/shared';
import { formatText, sheetGroups, totalLine, type FileOutcome } from '../../cli/src/report-text';

const space = (cell: string, table?: string): Diagnostic => ({
  ruleId: 'text-whitespace',
  severity: 'info',
  sheet: 'План',
  cell,
  messageId: 'trailingSpace',
  data: { before: `текст ${cell}` },
  message: `Пробел в конце текста (после «текст ${cell}»).`,
  ...(table ? { table } : {}),
  fix: { description: 'Убрать лишние пробелы', edits: [], safe: true },
});

const markup: Diagnostic = { ruleId: 'text-markup', severity: 'warning', sheet: 'План', cell: 'A2', message: 'В тексте остались следы вставки из Word/HTML: «[bookmark: _GoBack]».' };

function report(diagnostics: Diagnostic[], extraSheets: CheckReport['sheets'] = []): CheckReport {
  const count = (s: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === s).length;
  return {
    sheets: [{ name: 'План', tables: [{ kind: 'roadmap', range: 'A5:E40', period: { from: 2023, to: 2024 } }], diagnostics }, ...extraSheets],
    summary: { errors: count('error'), warnings: count('warning'), infos: count('info') },
    partial: false,
    stopped: false,
  };
}

const SIX = ['E10', 'E11', 'B12', 'C13', 'C16', 'C20'].map((c) => space(c, 'A5:E40'));

describe('formatText', () => {
  it('folds repeated findings into a count, one sentence and the first cells', () => {
    const r = report(SIX);
    const text = formatText([{ file: 'plan.xlsx', report: r }], r.summary, false);
    expect(text.split('\n')).toEqual([
      'plan.xlsx',
      '  Лист «План»',
      '    Таблица A5:E40: дорожная карта, период 2023–2024 гг.',
      '      E10  замечание      6 ячеек: Пробел в конце текста (после «…»).  [text-whitespace] (исправимо)',
      '                          E10, E11, B12, C13, C16 и ещё 1',
      '  Повторяющиеся замечания свёрнуты в одну строку с первыми ячейками; каждое отдельно покажет --ungrouped.',
      '',
      'Итого: 0 ошибок, 0 предупреждений, 6 замечаний.',
    ]);
  });

  it('--ungrouped: every finding on its own line with its exact message, no note', () => {
    const r = report(SIX);
    const text = formatText([{ file: 'plan.xlsx', report: r }], r.summary, false, { ungrouped: true });
    const lines = text.split('\n').filter((l) => l.startsWith('      '));
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe('      E10  замечание      Пробел в конце текста (после «текст E10»).  [text-whitespace] (исправимо)');
    expect(text).not.toContain('--ungrouped');
  });

  it('lists findings outside any table under their sheet, and a finding whose table the sheet does not list', () => {
    const r = report([markup, space('B3', 'Z1:Z9'), space('E10', 'A5:E40')]);
    const text = formatText([{ file: 'plan.xlsx', report: r }], r.summary, false);
    expect(text).toContain(
      [
        '  Лист «План»',
        '    Вне таблиц',
        '      A2  предупреждение В тексте остались следы вставки из Word/HTML: «[bookmark: _GoBack]».  [text-markup]',
        '      B3  замечание      Пробел в конце текста (после «текст B3»).  [text-whitespace] (исправимо)',
        '    Таблица A5:E40: дорожная карта, период 2023–2024 гг.',
        '      E10  замечание      Пробел в конце текста (после «текст E10»).  [text-whitespace] (исправимо)',
      ].join('\n'),
    );
  });

  it('names a sheet without a table, with its own findings under it', () => {
    const passport = { ...markup, sheet: 'Паспорт' };
    const r = report([], [{ name: 'Паспорт', tables: [], diagnostics: [passport] }, { name: 'Пустой', tables: [], diagnostics: [] }]);
    const text = formatText([{ file: 'plan.xlsx', report: r }], { errors: 0, warnings: 1, infos: 0 }, false);
    expect(text).toContain('\n  Лист «Паспорт»: таблиц не найдено\n      A2  предупреждение В тексте остались следы вставки из Word/HTML: «[bookmark: _GoBack]».  [text-markup]\n');
    expect(text).toContain('\n  Лист «Пустой»: таблиц не найдено\n');
    expect(text).toContain('\n    Таблица A5:E40: дорожная карта, период 2023–2024 гг.\n      замечаний нет\n');
  });
});

describe('totalLine', () => {
  const zero = { errors: 0, warnings: 0, infos: 0 };
  const checked: FileOutcome = { file: 'a.xlsx', report: report([]) };
  it('never reads as clean about a file that was not checked', () => {
    expect(totalLine([checked], zero)).toBe('Итого: 0 ошибок, 0 предупреждений, 0 замечаний.');
    expect(totalLine([{ file: 'b.xlsx', error: 'файл не найден.' }], zero)).toBe('Итого: файл не проверен.');
    expect(totalLine([{ file: 'b.xlsx', error: 'x' }, { file: 'c.xlsx', error: 'y' }, { file: 'd.xlsx', error: 'z' }], zero)).toBe('Итого: ни один из 3 файлов не проверен.');
    expect(totalLine([checked, { file: 'b.xlsx', error: 'x' }], { errors: 2, warnings: 1, infos: 0 })).toBe('Проверено файлов: 1 из 2. Итого: 2 ошибки, 1 предупреждение, 0 замечаний.');
    expect(totalLine([{ file: 'a.xlsx', error: 'не записано', errorKind: 'write' }], zero)).toBe('Итого: исправленная копия не записана, результат проверки не показан.');
  });
});

describe('sheetGroups (the JSON report)', () => {
  it('adds the groups with indices into the sheet’s own diagnostics list', () => {
    const list = [markup, ...SIX];
    const [group] = sheetGroups(list);
    expect(group).toMatchObject({ ruleId: 'text-whitespace', messageId: 'trailingSpace', count: 6, cells: ['E10', 'E11', 'B12', 'C13', 'C16'], message: 'Пробел в конце текста (после «…»).' });
    expect(group!.indices.map((i) => list[i]!.cell)).toEqual(['E10', 'E11', 'B12', 'C13', 'C16', 'C20']);
  });
});
