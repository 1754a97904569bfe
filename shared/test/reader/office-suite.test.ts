/**
 * Workbooks as an office suite writes them (issue #11): tables pasted from Word into LibreOffice or Excel, with page
 * breaks, repeated titles and headers, and two tables one under the other.
 */
import { parseRangeA1, rangeToA1 } from '../../src/grid/address';
import type { CellValue, Grid } from '../../src/grid/grid';
import { readWorkbook } from '../../src/reader/read';
import { check } from '../../src';

const H: CellValue[] = ['№', 'Мероприятие', 'Срок', 'Ответственный', 'Результат'];
const item = (n: string, deadline = 'март 2024 г.'): CellValue[] => [n, `Проведение совещания ${n}`, deadline, 'УО', 'Протокол'];
const book = (rows: CellValue[][], merges: string[] = []) => ({ sheets: [{ name: 'План', rows, merges: merges.map((m) => parseRangeA1(m)!) } as Grid] });
const tables = (rows: CellValue[][], merges: string[] = []) =>
  readWorkbook(book(rows, merges)).sheets[0]!.tables.map((t) => ({ kind: t.kind, range: rangeToA1(t.range), period: t.period && [t.period.from, t.period.to], roles: t.rows.map((r) => r.role) }));
const findings = (rows: CellValue[][], merges: string[] = []) => check(book(rows, merges), {}).sheets[0]!.diagnostics.map((d) => `${d.cell} ${d.ruleId}`);

describe('two tables on one sheet', () => {
  const roadmap = [['План мероприятий на 2024 год'], H, item('1.'), item('2.'), item('3.')];

  it('a blank row, titles and a header of its own: the second table numbers from 1 again and is read apart', () => {
    const rows = [...roadmap, [], ['План мероприятий по поддержке школ'], ['на 2024 год'], H, item('1.'), item('2.'), item('3.')];
    expect(tables(rows)).toEqual([
      { kind: 'roadmap', range: 'A2:E5', period: [2024, 2024], roles: ['item', 'item', 'item'] },
      { kind: 'roadmap', range: 'A9:E12', period: [2024, 2024], roles: ['item', 'item', 'item'] },
    ]);
    expect(findings(rows)).toEqual([]);
  });

  it('without a header of its own: it takes the columns of the table above', () => {
    const rows = [...roadmap, [], ['План мероприятий по поддержке школ'], ['на 2025 год'], item('1.'), item('1.1.'), item('2.')];
    expect(tables(rows)).toEqual([
      { kind: 'roadmap', range: 'A2:E5', period: [2024, 2024], roles: ['item', 'item', 'item'] },
      { kind: 'roadmap', range: 'A9:E11', period: [2025, 2025], roles: ['item', 'item', 'item'] },
    ]);
    // 1.1 under 1. in the second plan is no duplicate of anything in the first.
    expect(findings(rows).filter((f) => /numbering/.test(f))).toEqual([]);
  });

  it('a numbered section after a blank row goes on in the same table', () => {
    const rows = [['План на 2024 год'], H, ['1.', 'Раздел первый'], item('1.1.'), item('1.2.'), [], ['2.', 'Раздел второй'], item('2.1.')];
    expect(tables(rows).map((t) => t.range)).toEqual(['A2:E8']);
  });
});

describe('a table going on over pages', () => {
  it('two blank rows, the title and the header repeated: one table, one period', () => {
    const rows = [['Дорожная карта на 2023-2024 годы'], H, item('1.', 'март 2023 г.'), item('2.', 'апрель 2023 г.'), [], [], ['Дорожная карта на 2023-2024 годы'], H, item('3.', 'май 2024 г.'), item('4.', 'июнь 2024 г.')];
    expect(tables(rows)).toEqual([
      { kind: 'roadmap', range: 'A2:E10', period: [2023, 2024], roles: ['item', 'item', 'blank', 'blank', 'repeated-header', 'repeated-header', 'item', 'item'] },
    ]);
    expect(findings(rows)).toEqual([]);
  });

  it('a title «(продолжение)» between pages is page furniture, not a section that restarts the numbering', () => {
    const rows = [['Дорожная карта на 2024 год'], H, item('1.'), item('2.'), [], ['Дорожная карта (продолжение)'], item('3.'), item('4.')];
    expect(tables(rows)[0]!.roles).toEqual(['item', 'item', 'blank', 'repeated-header', 'item', 'item']);
    expect(findings(rows)).toEqual([]);
  });

  it('keeps an unnumbered heading after a blank row a section when nothing repeats', () => {
    const rows = [['Дорожная карта на 2024 год'], H, item('1.'), item('2.'), [], ['Организационные мероприятия'], item('3.'), item('4.')];
    expect(tables(rows)[0]!.roles).toEqual(['item', 'item', 'blank', 'section', 'item', 'item']);
  });

  it('a page read apart (a gap too long to bridge) keeps the plan’s period when its header is the same', () => {
    const gap: CellValue[][] = Array.from({ length: 14 }, () => []);
    const rows = [['Дорожная карта на 2023-2024 годы'], H, item('1.', 'март 2023 г.'), ...gap, H, item('2.', 'май')];
    const read = tables(rows);
    expect(read.map((t) => [t.range, t.period])).toEqual([
      ['A2:E3', [2023, 2024]],
      ['A18:E19', [2023, 2024]],
    ]);
  });
});

describe('a repeated two-row header inside an indicator table', () => {
  const title = ['Целевые показатели на 2024-2025 годы'];
  const header: CellValue[][] = [['№', 'Наименование показателя', 'Ед. изм.', 'Значение', null], [null, null, null, 2024, 2025]];
  const rows = [title, ...header, ['1', 'Доля школ', '%', 10, 20], ...header, ['2', 'Доля учителей', '%', 30, 40]];

  it('is page furniture, the year row too, merged or not', () => {
    for (const merges of [['D2:E2', 'D5:E5'], ['D2:E2']]) {
      expect(tables(rows, merges)[0]!.roles).toEqual(['item', 'repeated-header', 'repeated-header', 'item']);
      expect(findings(rows, merges)).toEqual([]);
    }
  });
});

describe('a header repeated in other words', () => {
  it('is page furniture, so its «Единица измерения» is not read as a unit', () => {
    const rows: CellValue[][] = [
      ['Целевые показатели на 2024-2025 годы'],
      ['№', 'Наименование показателя', 'Ед. изм.', '2024', '2025'],
      ['1', 'Доля школ', '%', 10, 20],
      ['№ п/п', 'Показатель', 'Единица измерения', '2024 год', '2025 год'],
      ['2', 'Доля учителей', '%', 30, 40],
    ];
    expect(tables(rows)[0]!.roles).toEqual(['item', 'repeated-header', 'item']);
    expect(findings(rows)).toEqual([]);
  });

  it('leaves a data row with a header-like word alone', () => {
    const rows: CellValue[][] = [
      ['Целевые показатели на 2024-2025 годы'],
      ['№', 'Наименование показателя', 'Ед. изм.', '2024', '2025'],
      ['1', 'Доля школ', '%', 10, 20],
      ['2', 'Показатель', '%', 30, 40],
    ];
    expect(tables(rows)[0]!.roles).toEqual(['item', 'item']);
  });
});
