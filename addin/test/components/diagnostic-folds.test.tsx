/** Folding alike findings in the pane (#11): a rule's rows, and the repeats a server answer names. */
import { allDiagnostics, check, type Diagnostic, type DiagnosticGroup, type GridWorkbook } from '@svod/shared';
import { answerFolds, entrySize, foldText, groupByRule, mergeDiagnostics, ruleEntries } from '../../src/state/diagnostics';

const HEADER = ['№ п/п', 'Мероприятие', 'Срок реализации', 'Исполнитель', 'Ожидаемый результат'];

/** Six results with a space at the end and one activity with a doubled space. */
function roadmap(): GridWorkbook {
  return {
    sheets: [
      {
        name: 'План',
        rows: [
          ['План мероприятий на 2023-2024 годы'],
          [],
          HEADER,
          ...[1, 2, 3, 4, 5, 6].map((n) => [`${n}.`, n === 3 ? 'Проведение  семинара' : `Проведение семинара ${n}`, 'март 2023 г.', 'Управление образования', `Протокол ${n} `]),
        ],
      },
    ],
  };
}

describe('ruleEntries', () => {
  const merged = mergeDiagnostics(allDiagnostics(check(roadmap())));
  const spaces = groupByRule(merged).find((g) => g.ruleId === 'text-whitespace')!;

  it('folds the six trailing spaces into one row where the first stood, and leaves the doubled space alone', () => {
    expect(spaces.items).toHaveLength(7);
    expect(spaces.entries.map((e) => [e.kind, entrySize(e)])).toEqual([
      ['fold', 6],
      ['single', 1],
    ]);
    const fold = spaces.entries[0]!;
    if (fold.kind !== 'fold') throw new Error('expected a fold');
    expect(fold.label).toBe('6 ячеек: Пробел в конце текста (после «…»).');
    expect(fold.cellsText).toBe('E4, E5, E6, E7, E8 и ещё 1');
    expect(fold.items.map((d) => d.cell)).toEqual(['E4', 'E5', 'E6', 'E7', 'E8', 'E9']);
    expect(fold.items[0]!.message).toBe('Пробел в конце текста (после «Протокол 1»).');
    const single = spaces.entries[1]!;
    expect(single.kind === 'single' && single.item.message).toBe('Двойной пробел после «Проведение».');
  });

  it('puts every item in exactly one row, and keys a fold the same after a re-check', () => {
    const keys = spaces.entries.flatMap((e) => (e.kind === 'single' ? [e.item.key] : e.items.map((d) => d.key)));
    expect(keys.sort()).toEqual(spaces.items.map((d) => d.key).sort());
    const again = groupByRule(mergeDiagnostics(allDiagnostics(check(roadmap())))).find((g) => g.ruleId === 'text-whitespace')!;
    expect(again.entries.map((e) => e.key)).toEqual(spaces.entries.map((e) => e.key));
  });

  it('keeps fewer than four alike as single rows', () => {
    expect(ruleEntries(spaces.items.slice(0, 3)).map((e) => e.kind)).toEqual(['single', 'single', 'single']);
  });
});

describe('answerFolds', () => {
  const diagnostics = allDiagnostics(check(roadmap())).map(({ fix: _fix, ...d }) => d as Diagnostic);

  it('folds an answer without groups itself (an older server)', () => {
    const folds = answerFolds({ diagnostics });
    expect(folds.map(foldText)).toContain('6 ячеек: Пробел в конце текста (после «…»).');
  });

  it('takes the server’s groups when it sends them, the most severe and the largest first', () => {
    const g = (severity: DiagnosticGroup['severity'], count: number, message: string): DiagnosticGroup => ({
      ruleId: 'r',
      severity,
      sheet: 'План',
      count,
      cellCount: count,
      cells: ['A1'],
      message,
      indices: [],
    });
    const folds = answerFolds({ diagnostics: [], groups: [g('info', 30, 'а'), g('warning', 5, 'б'), g('warning', 51, 'в')] });
    expect(folds.map((f) => f.message)).toEqual(['в', 'б', 'а']);
  });
});
