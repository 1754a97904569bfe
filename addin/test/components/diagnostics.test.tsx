/**
 * The pane's list logic on a real check: grouping by rule with errors first, the severity filter, the server's
 * diagnostics merged in, table summaries, and which fixes «Исправить все» and «Перенумеровать» apply.
 */
import { allDiagnostics, applyEdits, check, collectFixes, type Diagnostic, type GridWorkbook } from '@svod/shared';
import {
  cellLabel,
  countBySeverity,
  countSafeFixes,
  countsText,
  diagnosticKey,
  filterBySeverity,
  findSame,
  formatPeriod,
  groupByRule,
  hasRenumbering,
  mergeDiagnostics,
  RENUMBER_SELECTION,
  safeFixSelection,
  tableRows,
} from '../../src/state/diagnostics';

const HEADER = ['№ п/п', 'Мероприятие', 'Срок реализации', 'Исполнитель', 'Ожидаемый результат'];
const TITLE = [['Приложение к приказу управления образования от 10.01.2023 № 5'], ['План мероприятий на 2023-2024 годы'], []];

/**
 * A roadmap with a doubled space (safe fix), a skipped number (renumbering) and an impossible date (an error); its
 * activities are well written, so the writing-quality infos stay out of what it asserts.
 */
function roadmap(): GridWorkbook {
  return {
    sheets: [
      {
        name: 'План',
        rows: [
          ...TITLE,
          HEADER,
          ['1.', 'Проведение совещания  с директорами', 'март 2023 г.', 'Управление образования', 'Протокол'],
          ['2.', 'Проведение семинара', '31.09.2023', 'Управление образования', 'Программа'],
          ['4.', 'Проведение мониторинга', 'май 2023 г.', 'Управление образования', 'Справка'],
        ],
      },
    ],
  };
}

describe('the diagnostics list', () => {
  const report = check(roadmap());
  const local = allDiagnostics(report);

  it('finds what the pane will show', () => {
    expect(local.map((d) => d.ruleId).sort()).toEqual(['deadline-invalid-date', 'numbering-gap', 'text-whitespace']);
  });

  it('groups by rule, errors first, then by the first problem in the workbook', () => {
    const groups = groupByRule(mergeDiagnostics(local), ['План']);
    expect(groups.map((g) => [g.ruleId, g.severity])).toEqual([
      ['deadline-invalid-date', 'error'],
      ['numbering-gap', 'warning'],
      ['text-whitespace', 'info'],
    ]);
    expect(groups[0]!.title).toMatch(/дат/i);
    // Each group says what to do, from the rule's meta (#11).
    expect(groups[0]!.howToFix).toMatch(/^[А-ЯЁ].*\.$/);
    expect(groups.every((g) => g.howToFix !== '' && g.howToFix !== g.title)).toBe(true);
    expect(groups[1]!).toMatchObject({ safeFixes: 0, suggestions: 1 });
    expect(groups[2]!).toMatchObject({ safeFixes: 1, suggestions: 0 });
  });

  it('orders a group by sheet order, row, then column', () => {
    const d = (sheet: string, cell: string): Diagnostic => ({ ruleId: 'text-whitespace', severity: 'info', sheet, cell, message: `${sheet}${cell}` });
    const [group] = groupByRule(mergeDiagnostics([d('Б', 'A1'), d('А', 'C2'), d('А', 'B10'), d('А', 'A2')]), ['А', 'Б']);
    expect(group!.items.map((x) => `${x.sheet}!${x.cell}`)).toEqual(['А!A2', 'А!C2', 'А!B10', 'Б!A1']);
  });

  it('filters by severity and counts', () => {
    const merged = mergeDiagnostics(local);
    expect(countBySeverity(merged)).toEqual({ errors: 1, warnings: 1, infos: 1 });
    expect(filterBySeverity(merged, { error: true, warning: false, info: false }).map((d) => d.ruleId)).toEqual(['deadline-invalid-date']);
    expect(filterBySeverity(merged, { error: false, warning: false, info: false })).toEqual([]);
  });

  it('speaks Russian plurals', () => {
    expect(countsText({ errors: 1, warnings: 2, infos: 5 })).toBe('1 ошибка, 2 предупреждения, 5 замечаний');
    expect(countsText({ errors: 0, warnings: 21, infos: 12 })).toBe('0 ошибок, 21 предупреждение, 12 замечаний');
  });

  it('merges the server\'s diagnostics: shared ones once, the server\'s own marked', () => {
    const serverOnly: Diagnostic = { ruleId: 'indicator-not-in-template', severity: 'warning', sheet: 'План', cell: 'B6', message: 'Показателя нет в шаблоне.' };
    const fromServer = [...local.map(({ fix: _fix, ...d }) => d), serverOnly];
    const merged = mergeDiagnostics(local, fromServer);
    expect(merged).toHaveLength(local.length + 1);
    expect(merged.filter((d) => d.origin === 'both')).toHaveLength(local.length);
    expect(merged.find((d) => d.origin === 'server')).toMatchObject({ ruleId: 'indicator-not-in-template', key: diagnosticKey(serverOnly) });
    // An unknown rule (a newer server) is titled by its id.
    expect(groupByRule(merged).find((g) => g.ruleId === 'indicator-not-in-template')!.title).toBeTruthy();
    expect(groupByRule([{ ...serverOnly, ruleId: 'from-the-future', key: 'x', origin: 'server' }])[0]!.title).toBe('from-the-future');
  });

  it('summarises each table: kind, range, period and its own counts', () => {
    expect(tableRows(report)).toEqual([
      { sheet: 'План', kind: 'roadmap', kindName: 'дорожная карта', range: 'A4:E7', period: '2023–2024 гг.', counts: { errors: 1, warnings: 1, infos: 1 } },
    ]);
    expect(tableRows(null)).toEqual([]);
    expect(formatPeriod({ from: 2024, to: 2024 })).toBe('2024 г.');
    expect(formatPeriod(undefined)).toBeNull();
  });

  it('labels cells with the sheet only when several sheets are in play', () => {
    expect(cellLabel({ sheet: 'План', cell: 'B6' }, false)).toBe('B6');
    expect(cellLabel({ sheet: 'План-график', cell: 'B6' }, true)).toBe('План-график!B6');
  });

  it('«Исправить все» takes safe fixes only, of one rule or of all', () => {
    expect(countSafeFixes(local)).toBe(1);
    expect(countSafeFixes(local, 'numbering-gap')).toBe(0);
    const all = collectFixes(local, safeFixSelection());
    expect(all.applied.map((d) => d.ruleId)).toEqual(['text-whitespace']);
    expect(all.edits).toEqual([{ sheet: 'План', cell: 'B5', value: 'Проведение совещания с директорами' }]);
    expect(collectFixes(local, safeFixSelection('deadline-invalid-date')).edits).toEqual([]);
  });

  it('«Перенумеровать» applies the numbering suggestions, and the re-check is clean of them', () => {
    expect(hasRenumbering(local)).toBe(true);
    const { edits } = collectFixes(local, RENUMBER_SELECTION);
    expect(edits).toEqual([{ sheet: 'План', cell: 'A7', value: '3.' }]);
    const after = allDiagnostics(check(applyEdits(roadmap(), edits)));
    expect(hasRenumbering(after)).toBe(false);
    expect(after.map((d) => d.ruleId).sort()).toEqual(['deadline-invalid-date', 'text-whitespace']);
  });

  it('finds the same problem after a re-read, and not a fixed one', () => {
    const whitespace = local.find((d) => d.ruleId === 'text-whitespace')!;
    expect(findSame(allDiagnostics(check(roadmap())), whitespace)?.fix?.edits).toEqual(whitespace.fix!.edits);
    const fixed = applyEdits(roadmap(), whitespace.fix!.edits);
    expect(findSame(allDiagnostics(check(fixed)), whitespace)).toBeUndefined();
  });
});
