import {
  buildFederalSummary,
  FEDERAL_SHEET_NOT_MERGED,
  FEDERAL_SHEET_REGIONS,
  FEDERAL_SHEET_VALUES,
  FEDERAL_TITLE,
  NO_VALUES_NOTE,
  notMergedReason,
  type FederalSheet,
  type FederalSummaryInput,
} from '../../src/federal';
import { indicator, KAMCHATKA_INDICATORS, kamchatkaValues, realisticInput, region } from './inputs';

function sheet(input: FederalSummaryInput, name: string): FederalSheet {
  const found = buildFederalSummary(input).sheets.find((s) => s.name === name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

const headerIndex = (s: FederalSheet) => s.rows.findIndex((r) => r.kind === 'header');
const header = (s: FederalSheet) => s.rows[headerIndex(s)]!.cells;
const data = (s: FederalSheet) => s.rows.filter((r) => r.kind === 'data');

describe('the federal summary model', () => {
  it('has the three sheets in order, the input instant as its date', () => {
    const summary = buildFederalSummary(realisticInput());
    expect(summary.sheets.map((s) => s.name)).toEqual([FEDERAL_SHEET_VALUES, FEDERAL_SHEET_REGIONS, FEDERAL_SHEET_NOT_MERGED]);
    expect(summary.generatedAt).toBe('2026-12-01T11:05:00.000Z');
  });

  it('titles the first sheet and dates it on the Moscow clock', () => {
    const s = sheet(realisticInput(), FEDERAL_SHEET_VALUES);
    expect(s.rows[0]).toMatchObject({ kind: 'title', cells: [FEDERAL_TITLE, ...Array(s.columns.length - 1).fill(null)] });
    expect(s.rows[1]!.cells[0]).toBe('по состоянию на 01.12.2026 14:05 МСК');
    expect(s.rows[2]!.cells[0]).toBe('Регионов в своде: 2 из 4. Не вошли — 2: кто и почему, на листе «Не вошло в свод».');
    // Title lines are merged over the table's width.
    expect(s.merges).toContainEqual({ top: 0, left: 0, bottom: 0, right: s.columns.length - 1 });
  });

  it('heads the table with the union of the years, ascending, between the unit and the aggregate', () => {
    const s = sheet(realisticInput(), FEDERAL_SHEET_VALUES);
    expect(header(s)).toEqual(['Регион', '№', 'Показатель', 'Ед. изм.', 2021, 2022, 2023, 2024, 'Как сведено', 'Муниципалитетов в своде', 'Примечание']);
    expect(s.columns).toHaveLength(header(s).length);
  });

  it('has one row per region and indicator: regions in the order given, indicators in template order', () => {
    const input = realisticInput();
    // The order given, not alphabetical: Кировская before Камчатский.
    input.regions.reverse();
    const rows = data(sheet(input, FEDERAL_SHEET_VALUES));
    expect(rows).toHaveLength(2 * KAMCHATKA_INDICATORS.length);
    expect(rows.map((r) => r.cells[0])).toEqual([...Array(9).fill('Кировская область'), ...Array(9).fill('Камчатский край')]);
    expect(rows.slice(0, 9).map((r) => r.cells[1])).toEqual(KAMCHATKA_INDICATORS.map(([n]) => n));
    expect(rows[0]!.cells.slice(2, 4)).toEqual([KAMCHATKA_INDICATORS[0]![1], '%']);
  });

  it('leaves years a region does not have empty, and keeps the values as numbers', () => {
    const s = sheet(realisticInput(), FEDERAL_SHEET_VALUES);
    const [kamchatka, kirov] = [data(s).find((r) => r.cells[0] === 'Камчатский край')!, data(s).find((r) => r.cells[0] === 'Кировская область')!];
    // Kamchatka has 2021–2023, Kirov 2022–2024.
    expect(kamchatka.cells.slice(4, 8)).toEqual([3.33, 3.78, 4.23, null]);
    expect(kirov.cells.slice(4, 8)).toEqual([null, 8.33, 8.78, 9.23]);
    for (const row of data(s)) for (const v of row.cells.slice(4, 8)) expect(v === null || typeof v === 'number').toBe(true);
  });

  it('keeps zero as zero and null as an empty cell', () => {
    const input = realisticInput();
    input.regions[0]!.values.indicators[0] = indicator('1.1', 'Доля', '%', { '2021': 0, '2022': null, '2023': 0.5 });
    const row = data(sheet(input, FEDERAL_SHEET_VALUES))[0]!;
    expect(row.cells.slice(4, 8)).toEqual([0, null, 0.5, null]);
    // A format only on the cells with a number; one decimal for the row, since 0.5 needs it.
    expect(row.formats!.slice(4, 8)).toEqual(['#,##0.0', null, '#,##0.0', null]);
    expect(row.cells[10]).toBe('');
  });

  it('formats a row with as many decimals as its values need, grouping digits', () => {
    const input = realisticInput();
    input.regions[0]!.values.indicators = [
      indicator('1', 'Сумма', 'шт.', { '2021': 1200, '2022': 35, '2023': 0 }),
      indicator('2', 'Среднее', '%', { '2021': 33.33, '2022': 50, '2023': null }),
      indicator('3', 'Среднее ровное', '%', { '2021': 40, '2022': 50, '2023': 60 }),
    ];
    const rows = data(sheet(input, FEDERAL_SHEET_VALUES)).slice(0, 3);
    expect(rows.map((r) => r.formats![4])).toEqual(['#,##0', '#,##0.00', '#,##0']);
    // Percentages are the numbers they are (33.33, not 0.3333 under a % format).
    expect(rows[1]!.cells[4]).toBe(33.33);
  });

  it('says how each value was aggregated and how many municipalities are in the Свод', () => {
    const rows = data(sheet(realisticInput(), FEDERAL_SHEET_VALUES));
    expect(rows[0]!.cells.slice(8, 10)).toEqual(['среднее', '12 из 27']);
    expect(rows[7]!.cells.slice(8, 10)).toEqual(['сумма', '12 из 27']);
    expect(rows[9]!.cells.slice(8, 10)).toEqual(['среднее', '35 из 39']);
  });

  it('keeps an indicator without any value, marked in «Примечание»', () => {
    const rows = data(sheet(realisticInput(), FEDERAL_SHEET_VALUES));
    const gap = rows.find((r) => r.cells[0] === 'Камчатский край' && r.cells[1] === '3.3')!;
    expect(gap.cells.slice(4, 8)).toEqual([null, null, null, null]);
    expect(gap.cells[10]).toBe(NO_VALUES_NOTE);
    expect(gap.formats?.slice(4, 8).every((f) => f === null) ?? true).toBe(true);
    // Every other row has values and no note.
    expect(rows.filter((r) => r.cells[10] !== '')).toEqual([gap]);
  });

  it('tells an indicator whose values were sent but do not aggregate from one nobody sent', () => {
    const input = realisticInput();
    const sentText = indicator('1', 'Текстом', '%', { '2021': null, '2022': null, '2023': null });
    sentText.municipalities[0]!.values = { '2021': 'около 5', '2022': null, '2023': null };
    const unknownUnit = { ...indicator('2', 'Без единицы', 'чел./ед.', { '2021': null, '2022': null, '2023': null }), aggregate: null };
    unknownUnit.municipalities[0]!.values = { '2021': 5, '2022': 6, '2023': null };
    input.regions[0]!.values.indicators = [sentText, unknownUnit];
    const rows = data(sheet(input, FEDERAL_SHEET_VALUES)).slice(0, 2);
    expect(rows[0]!.cells[10]).toBe('нет значений: присланное — не числа, не сводится');
    expect(rows[1]!.cells[8]).toBe('—');
    expect(rows[1]!.cells[10]).toBe('нет значений: неизвестно, как сводить (единица измерения не распознана)');
  });

  it('lists every region on «Регионы» with its deadline as a date, its counts and what it collects', () => {
    const s = sheet(realisticInput(), FEDERAL_SHEET_REGIONS);
    expect(header(s)).toEqual(['Регион', 'Код', 'Срок сдачи', 'Муниципалитетов', 'В своде', 'Что собирает', 'Годы показателей']);
    expect(data(s).map((r) => r.cells)).toEqual([
      ['Камчатский край', 'kamchatka', new Date(Date.UTC(2026, 11, 15)), 27, 12, 'показатели и дорожные карты', '2021–2023'],
      ['Кировская область', 'kirov', new Date(Date.UTC(2026, 11, 20)), 39, 35, 'показатели и дорожные карты', '2022–2024'],
      ['Республика Тыва', 'tyva', 'не задан', 19, 0, 'шаблон не загружен', ''],
      ['Приморский край', 'lazo', new Date(Date.UTC(2027, 0, 10)), 34, 8, 'только дорожные карты', ''],
    ]);
    expect(data(s)[0]!.formats!.slice(2, 5)).toEqual(['dd.mm.yyyy', '0', '0']);
    expect(data(s)[2]!.formats?.[2] ?? null).toBeNull();
  });

  it('names years that are not a run one by one', () => {
    const input = realisticInput();
    input.regions[0]!.values = kamchatkaValues([2020, 2022, 2023], 1);
    expect(data(sheet(input, FEDERAL_SHEET_REGIONS))[0]!.cells[6]).toBe('2020, 2022, 2023');
  });

  it('says out loud which regions are not in the summary and why, and gives them no rows', () => {
    const input = realisticInput();
    input.regions.push(region({ id: 'altai', name: 'Республика Алтай', total: 10, inSvod: 0, deadline: '2026-12-25', values: kamchatkaValues([2023], 1) }));
    input.regions.push(region({ id: 'empty', name: 'Пустая область', total: 0, inSvod: 0, values: kamchatkaValues([2023], 1) }));
    input.regions.push(region({ id: 'blank', name: 'Область без показателей', values: { years: [2023], indicators: [] } }));
    const s = sheet(input, FEDERAL_SHEET_NOT_MERGED);
    expect(header(s)).toEqual(['Регион', 'Причина']);
    expect(data(s).map((r) => r.cells)).toEqual([
      ['Республика Тыва', 'Шаблон региона не загружен: показателей для свода нет.'],
      ['Приморский край', 'Регион собирает только дорожные карты: в его шаблоне нет таблицы показателей.'],
      ['Республика Алтай', 'Ни один муниципалитет ещё не вошёл в свод региона (0 из 10, срок сдачи 25.12.2026).'],
      ['Пустая область', 'В регионе нет ни одного действующего муниципалитета.'],
      ['Область без показателей', 'В шаблоне региона не найдено ни одного показателя.'],
    ]);
    const values = sheet(input, FEDERAL_SHEET_VALUES);
    expect(new Set(data(values).map((r) => r.cells[0]))).toEqual(new Set(['Камчатский край', 'Кировская область']));
    // A region left out adds no year column of its own: Алтай's 2023 is there anyway, nobody's 2020.
    expect(header(values).filter((c) => typeof c === 'number')).toEqual([2021, 2022, 2023, 2024]);
  });

  it('says so when every region is in the summary, and when none is', () => {
    const all = realisticInput();
    all.regions = all.regions.slice(0, 2);
    expect(notMergedReason(all.regions[0]!)).toBeNull();
    const notMerged = sheet(all, FEDERAL_SHEET_NOT_MERGED);
    expect(data(notMerged)).toEqual([]);
    expect(notMerged.rows.at(-1)!.cells[0]).toBe('Все регионы вошли в свод.');
    expect(sheet(all, FEDERAL_SHEET_VALUES).rows[2]!.cells[0]).toBe('Регионов в своде: 2 из 2.');

    const none = realisticInput();
    none.regions = none.regions.slice(2);
    const values = sheet(none, FEDERAL_SHEET_VALUES);
    expect(data(values)).toEqual([]);
    expect(header(values)).toEqual(['Регион', '№', 'Показатель', 'Ед. изм.', 'Как сведено', 'Муниципалитетов в своде', 'Примечание']);
    expect(values.rows.at(-1)!.cells[0]).toBe('Ни один регион не вошёл в свод — причины на листе «Не вошло в свод».');
  });

  it('keeps formula-like text as the very text, with the text format', () => {
    const input = realisticInput();
    input.regions[0]!.name = '=HYPERLINK("http://evil","Камчатка")';
    input.regions[0]!.values.indicators[0] = { ...indicator('+1', '-Доля', '@%', { '2021': 1, '2022': 2, '2023': 3 }) };
    input.regions[0]!.values.indicators[1] = { ...indicator('1.2', '_x003D_1+1', '%', { '2021': 1, '2022': 2, '2023': 3 }) };
    const summary = buildFederalSummary(input);
    const row = data(summary.sheets[0]!)[0]!;
    expect(row.cells.slice(0, 4)).toEqual(['=HYPERLINK("http://evil","Камчатка")', '+1', '-Доля', '@%']);
    expect(row.formats!.slice(0, 4)).toEqual(['@', '@', '@', '@']);
    // Numbers beside them keep their number format.
    expect(row.formats![4]).toBe('#,##0');
    expect(data(summary.sheets[0]!)[1]!.formats![2]).toBe('@');
    expect(data(summary.sheets[1]!)[0]!.formats![0]).toBe('@');
    // Plain text gets no text format: it stays what the column says.
    expect(data(summary.sheets[1]!)[1]!.formats![0]).toBeNull();
  });

  it('freezes the header and filters on it, prints landscape with heights fitted to long names', () => {
    for (const s of buildFederalSummary(realisticInput()).sheets) {
      const h = headerIndex(s);
      expect(s.freeze).toEqual({ rows: h + 1, cols: 0 });
      expect(s.autoFilter).toEqual({ top: h, left: 0, bottom: h, right: s.columns.length - 1 });
      expect(s.orientation).toBe('landscape');
      expect(s.footer).toContain(FEDERAL_TITLE);
    }
    const rows = data(sheet(realisticInput(), FEDERAL_SHEET_VALUES));
    const long = rows.find((r) => r.cells[1] === '2.1')!;
    const short = rows.find((r) => r.cells[1] === '1.18')!;
    expect(long.height).toBeGreaterThanOrEqual(4 * 15);
    expect(short.height).toBeUndefined();
  });

  it('is pure: the same input gives the same model, and the input is left as it was', () => {
    const input = realisticInput();
    const before = JSON.stringify(input);
    expect(buildFederalSummary(input)).toEqual(buildFederalSummary(realisticInput()));
    expect(JSON.stringify(input)).toBe(before);
  });
});
