/**
 * The five ministry orders, as officials paste them into Excel (tests/fixtures/seeds), read and checked end to end:
 * which tables are found, the real problems these documents contain, and no error for any legitimate deadline.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, type CheckReport } from '@svod/shared';
import { readXlsx } from '@svod/shared/xlsx';

const SEEDS = join(__dirname, '..', 'fixtures', 'seeds');

async function checkSeed(file: string): Promise<CheckReport> {
  const { grids } = await readXlsx(readFileSync(join(SEEDS, file)));
  return check(grids);
}

const tablesOf = (r: CheckReport) =>
  r.sheets.map((s) => [s.name, s.tables.map((t) => `${t.kind} ${t.range}${t.period ? ` ${t.period.from}-${t.period.to}` : ''}`)]);
const found = (r: CheckReport) => r.sheets.flatMap((s) => s.diagnostics.map((d) => `${d.ruleId} ${s.name}!${d.cell}`));
const countByRule = (r: CheckReport) => {
  const out: Record<string, number> = {};
  for (const d of r.sheets.flatMap((s) => s.diagnostics)) out[d.ruleId] = (out[d.ruleId] ?? 0) + 1;
  return out;
};

/** The only deadline errors the five orders contain: `.10.2021` in the Kirov roadmap. */
const KNOWN_BAD_DEADLINES = ['deadline-incomplete Дорожная карта!C46'];

describe.each([
  'seed-000-kamchatka.xlsx',
  'seed-001-kirov.xlsx',
  'seed-002-lazo.xlsx',
  'seed-003-ilansky.xlsx',
  'seed-004-zabaikalsky.xlsx',
])('%s', (file) => {
  let report: CheckReport;
  beforeAll(async () => {
    report = await checkSeed(file);
  });

  it('reads every deadline: nothing unparsed, and no deadline error but the known bad one', () => {
    const deadlineErrors = report.sheets.flatMap((s) =>
      s.diagnostics.filter((d) => d.ruleId.startsWith('deadline-') && d.severity === 'error').map((d) => `${d.ruleId} ${s.name}!${d.cell}`),
    );
    expect(deadlineErrors.filter((d) => !KNOWN_BAD_DEADLINES.includes(d))).toEqual([]);
    expect(found(report).filter((d) => d.startsWith('deadline-unparsed'))).toEqual([]);
  });

  it('gives every diagnostic a Russian message and a cell', () => {
    for (const d of report.sheets.flatMap((s) => s.diagnostics)) {
      expect(d.message).toMatch(/^[«А-ЯЁ]/);
      expect(d.cell).toMatch(/^[A-Z]+\d+$/);
    }
  });
});

describe('seed 000: Kamchatka regional order № 911 (indicator template, roadmap, glossary)', () => {
  let report: CheckReport;
  beforeAll(async () => {
    report = await checkSeed('seed-000-kamchatka.xlsx');
  });

  it('finds the indicator template, the roadmap and the glossary under it', () => {
    expect(tablesOf(report)).toEqual([
      ['Целевые показатели', ['indicators A8:H40 2020-2023']],
      ['Дорожная карта', ['roadmap A6:D79 2020-2023', 'glossary A83:B88']],
    ]);
  });

  it('reports the empty template once, the six page-break splits, and 1.1 finished before approval', () => {
    expect(countByRule(report)).toEqual({ 'indicator-value-missing': 1, 'continuation-row': 6, 'deadline-before-approval': 1 });
    expect(found(report)).toEqual(
      expect.arrayContaining(['indicator-value-missing Целевые показатели!E10', 'deadline-before-approval Дорожная карта!D8', 'continuation-row Дорожная карта!B17']),
    );
    expect(report.summary.errors).toBe(0);
  });

  it('knows every executor from the glossary or as a role', () => {
    expect(found(report).filter((d) => d.startsWith('executor-'))).toEqual([]);
  });
});

describe('seed 001: Verkhnekamsky district roadmap and support plan', () => {
  let report: CheckReport;
  beforeAll(async () => {
    report = await checkSeed('seed-001-kirov.xlsx');
  });

  it('finds both roadmaps; the first takes its year from its deadlines', () => {
    expect(tablesOf(report)).toEqual([
      ['Дорожная карта', ['roadmap A7:E48 2021-2021']],
      ['План мероприятий', ['roadmap A6:E21']],
    ]);
  });

  it('finds the two errors: the incomplete date .10.2021 and the duplicated item 4.2', () => {
    const errors = report.sheets.flatMap((s) => s.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.ruleId} ${s.name}!${d.cell}: ${d.message}`));
    expect(errors).toEqual([
      'deadline-incomplete Дорожная карта!C46: Дата «.10.2021» записана не полностью: не хватает дня, месяца или года.',
      'numbering-duplicate План мероприятий!A21: Номер 4.2 уже есть выше.',
    ]);
  });

  it('warns about empty results, page-break splits and a plan approved after its first deadlines', () => {
    expect(countByRule(report)).toMatchObject({ 'result-missing': 12, 'continuation-row': 5, 'deadline-before-approval': 14 });
  });
});

describe('seed 002: Lazo district plan-schedule (one cell per line in Word)', () => {
  let report: CheckReport;
  beforeAll(async () => {
    report = await checkSeed('seed-002-lazo.xlsx');
  });

  it('takes the period 2023–2024 from the title and the approval from the passport sheet', () => {
    expect(tablesOf(report)).toEqual([
      ['Паспорт', []],
      ['План-график', ['roadmap A5:E84 2023-2024']],
    ]);
  });

  it('finds the missing item 1.1.11, МКУ ИМЦ among МБУ ИМЦ, and yearless deadlines in a two-year plan', () => {
    expect(found(report)).toEqual(
      expect.arrayContaining([
        'numbering-gap План-график!A19',
        'executor-variant План-график!D15',
        'deadline-missing-year План-график!B18',
        'deadline-missing-year План-график!B22',
        'deadline-missing-year План-график!B84',
      ]),
    );
    expect(countByRule(report)).toMatchObject({ 'numbering-gap': 1, 'executor-variant': 1, 'deadline-missing-year': 3 });
    expect(report.summary.errors).toBe(0);
  });

  it('offers the canonical executor and the renumbering as fixes', () => {
    const variant = report.sheets[1]!.diagnostics.find((d) => d.ruleId === 'executor-variant')!;
    expect(variant.fix!.edits).toEqual([{ sheet: 'План-график', cell: 'D15', value: 'Управление образования, МБУ ИМЦ' }]);
    const gap = report.sheets[1]!.diagnostics.find((d) => d.ruleId === 'numbering-gap')!;
    expect(gap.fix!.edits.map((e) => `${e.cell}=${e.value}`)).toEqual(['A19=1.1.11.', 'A20=1.1.12.', 'A21=1.1.13.', 'A22=1.1.14.']);
  });

  it('tidies the doubled spaces and the stray line break before 3.2.6 as style remarks', () => {
    expect(countByRule(report)['text-whitespace']).toBeGreaterThan(0);
    expect(report.summary.infos).toBe(countByRule(report)['text-whitespace']);
  });
});

describe('seed 003: Ilansky district programme (indicators, per-year roadmap, results matrix, glossary lines)', () => {
  let report: CheckReport;
  beforeAll(async () => {
    report = await checkSeed('seed-003-ilansky.xlsx');
  });

  it('finds all four tables', () => {
    expect(tablesOf(report)).toEqual([
      ['Показатели', ['indicators A4:F67 2021-2024']],
      ['Дорожная карта', ['roadmap A5:H40 2021-2024']],
      ['Приложение 1', ['results A7:P27 2021-2024']],
      ['Термины и сокращения', ['glossary A1:A9']],
    ]);
  });

  it('reports the HTML debris and the page-break splits, and nothing in the filled indicators or the matrix', () => {
    // Six splits; row 14 is a complete second line of item 2 (its own executor and result), not a split.
    // Writing quality (#11): six activities named as a programme's parts («Школа молодого педагога», «Система
    // наставничества»), not actions; two glossary entries (РППКО, ГИА) the workbook never uses.
    expect(countByRule(report)).toEqual({ 'continuation-row': 6, 'text-markup': 16, 'activity-verbal-noun': 6, 'glossary-unused': 2 });
    expect(found(report)).not.toContain('continuation-row Дорожная карта!C14');
    expect(report.sheets.find((s) => s.name === 'Показатели')!.diagnostics).toEqual([]);
    expect(report.sheets.find((s) => s.name === 'Приложение 1')!.diagnostics).toEqual([]);
  });
});

describe('seed 004: Zabaikalsky regional list of measures for 2018', () => {
  let report: CheckReport;
  beforeAll(async () => {
    report = await checkSeed('seed-004-zabaikalsky.xlsx');
  });

  it('reads the single-year list with its nine repeated headers', () => {
    expect(tablesOf(report)).toEqual([['Перечень мероприятий', ['roadmap A11:E63 2018-2018']]]);
  });

  it('finds the impossible approval date «31» сентября and the empty results', () => {
    expect(found(report)).toContain('approval-date-invalid Перечень мероприятий!A5');
    // Writing quality (#11): item 16's result «В соответствии с целями и задачами» names nothing to check.
    expect(countByRule(report)).toEqual({ 'approval-date-invalid': 1, 'result-missing': 9, 'text-markup': 1, 'continuation-row': 2, 'result-uncheckable': 1 });
  });

  it('finds the two cells torn by a page break inside vertical merges: 16.2’s result (E42) and 20’s executor (D58)', () => {
    expect(found(report).filter((d) => d.startsWith('continuation-row'))).toEqual([
      'continuation-row Перечень мероприятий!E42',
      'continuation-row Перечень мероприятий!D58',
    ]);
  });

  it('does not ask for an executor where one executor is merged over 20.1–20.3', () => {
    expect(found(report).filter((d) => d.startsWith('executor-missing'))).toEqual([]);
  });
});
