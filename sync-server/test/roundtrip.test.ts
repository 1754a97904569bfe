/**
 * The regional workbook as a round trip, checked as a property (issue #7): for a few fixed seeds, a generated region
 * uploads its template, its municipalities submit generated workbooks through the add-in's JSON form, and the
 * downloaded workbook is read back cell by cell. The generator decides, row by row, how each indicator is written and
 * records what must become of it, so every expectation comes from the construction, never from the code under test:
 *
 * - names: exact; a case/punctuation/ё/double-space variant; one trailing word dropped or added; a one-letter
 *   misspelling (all merged — the template is built so no other indicator is nearly as close); a name not in the
 *   template (listed: «нет в региональном шаблоне»); the «(базовый уровень)» indicator without its suffix (listed: it
 *   is as close to «(профильный уровень)», the coordinator decides);
 * - layout: random subsets and order within sections, a unit cell merged over two rows, a name split over two rows by
 *   a page break (the tail row has nothing else), an extra year column 2026 the template does not have;
 * - values: numbers, text numbers («11,5», «6», «6 %», «12 шт.») that the Свод holds as numbers, text that stays text
 *   («-», «не менее 75», «да», «нет»), empty cells;
 * - versions: accepted, rejected (an impossible deadline or a duplicate item number in the roadmap), resubmitted.
 */
import ExcelJS from 'exceljs';
import request from 'supertest';
import { rng } from '../../bench/generate';
import { addMunicipality, bearer, binary, COORDINATOR, testServer, type TestServer } from './helpers';
import { assertSafeWorkbook } from './support/scan-workbook';

// ---------------------------------------------------------------------------------------------------------------
// A seeded generator

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    // mulberry32 (the bench's): a failing seed replays exactly.
    this.next = rng(seed);
  }
  float(): number {
    return this.next();
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  shuffle<T>(list: readonly T[]): T[] {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

const SEEDS = [20240117, 7, 424242, 99991];

// ---------------------------------------------------------------------------------------------------------------
// The regional template: 12 indicators in three sections, years 2023–2025

type Unit = '%' | 'шт.' | 'да/нет';
type Cell = string | number | boolean | null;

interface TemplateIndicator {
  section: number;
  number: string;
  name: string;
  unit: Unit;
  /** One of the «(базовый уровень)» / «(профильный уровень)» pair: written exactly or as a case/punctuation variant only. */
  pair?: boolean;
}

const YEARS = [2023, 2024, 2025] as const;
const EXTRA_YEAR = 2026;
const SECTIONS = ['I. Образовательные результаты обучающихся', 'II. Кадровое обеспечение', 'III. Условия обучения и воспитания'];
const BASE = 'Доля выпускников, сдавших ЕГЭ по математике (базовый уровень)';
const PROFILE = 'Доля выпускников, сдавших ЕГЭ по математике (профильный уровень)';
/** The базовый indicator without its suffix: as close to the profile one as to the base one. */
const BASE_WITHOUT_SUFFIX = 'Доля выпускников, сдавших ЕГЭ по математике';

/** Names far apart from each other (no digits, many letters apart), so a one-word or one-letter change stays unique. */
const TEMPLATE: TemplateIndicator[] = [
  { section: 0, number: '1.1', name: BASE, unit: '%', pair: true },
  { section: 0, number: '1.2', name: PROFILE, unit: '%', pair: true },
  { section: 0, number: '1.3', name: 'Доля обучающихся, не справившихся со всероссийскими проверочными работами', unit: '%' },
  { section: 0, number: '1.4', name: 'Количество призёров регионального этапа всероссийской олимпиады школьников', unit: 'шт.' },
  { section: 1, number: '2.1', name: 'Доля педагогов, прошедших повышение квалификации по программам из федерального реестра', unit: '%' },
  { section: 1, number: '2.2', name: 'Количество молодых специалистов, закреплённых за наставниками', unit: 'шт.' },
  { section: 1, number: '2.3', name: 'Наличие муниципальной программы поддержки молодых учителей', unit: 'да/нет' },
  { section: 1, number: '2.4', name: 'Число вакантных ставок учителей в общеобразовательных организациях', unit: 'шт.' },
  { section: 2, number: '3.1', name: 'Доля обучающихся, охваченных дополнительным образованием', unit: '%' },
  { section: 2, number: '3.2', name: 'Наличие школьной службы медиации во всех общеобразовательных организациях', unit: 'да/нет' },
  { section: 2, number: '3.3', name: 'Количество сетевых проектов с участием образовательных организаций', unit: 'шт.' },
  { section: 2, number: '3.4', name: 'Удовлетворённость родителей качеством школьного питания', unit: '%' },
];

/** Indicators no municipality's name of a template indicator comes near: few shared words, nothing to suggest. */
const FOREIGN: ReadonlyArray<readonly [string, Unit]> = [
  ['Протяжённость школьных автобусных маршрутов', 'шт.'],
  ['Число экскурсий в краеведческий музей', 'шт.'],
  ['Доля классов с наполняемостью свыше двадцати пяти человек', '%'],
  ['Количество спортивных площадок, открытых для жителей', 'шт.'],
  ['Наличие электронного журнала в каждой школе', 'да/нет'],
];

const TRAILING_WORDS = ['района', 'муниципалитета', 'округа', 'всего'];

const MUNICIPALITIES = [
  'Алданский район',
  'Белгородский район',
  'Вельский район',
  'Городецкий муниципальный округ',
  'Дубенский район',
  'Ельнинский район',
  'Жуковский муниципальный округ',
  'Зеленчукский район',
  'Ивнянский район',
  'Кемский район',
];

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const INDICATOR_SHEET = 'Целевые показатели';
const ROADMAP_SHEET = 'Дорожная карта';
const TITLE = 'Целевые показатели реализации муниципального проекта «Эффективная школа» на период 2023 – 2025 гг.';
const HEADER = ['№ п/п', 'Показатель (индикатор)', 'Ед. изм.'];

async function templateXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(INDICATOR_SHEET);
  ws.columns = [{ width: 8 }, { width: 60 }, { width: 10 }, ...YEARS.map(() => ({ width: 12 }))];
  const width = HEADER.length + YEARS.length;
  ws.addRow([TITLE]);
  ws.mergeCells(1, 1, 1, width);
  ws.addRow([]);
  ws.addRow([...HEADER, ...YEARS.map(String)]).font = { bold: true };
  let section = -1;
  for (const t of TEMPLATE) {
    if (t.section !== section) {
      section = t.section;
      const row = ws.addRow([SECTIONS[section]]);
      ws.mergeCells(row.number, 1, row.number, width);
    }
    ws.addRow([t.number, t.name, t.unit]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------------------------
// Names and values as a municipality writes them, with what each must become

type Treatment = 'exact' | 'variant' | 'drop-word' | 'add-word' | 'spelling';

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Same key, different text: case, punctuation, ё/е, a doubled space (one to three of them). */
function variantOf(name: string, random: Random): string {
  let out = name;
  const changes = random.shuffle(['case', 'punctuation', 'yo', 'space'] as const).slice(0, random.int(1, 3));
  for (const change of changes) {
    if (change === 'case') out = random.chance(0.5) ? out.charAt(0).toLowerCase() + out.slice(1) : out.toUpperCase();
    else if (change === 'punctuation') out = out.includes(',') ? out.replace(',', '') : out + '.';
    else if (change === 'yo') out = /ё/i.test(out) ? out.replace(/ё/g, 'е').replace(/Ё/g, 'Е') : out.replace(/е/, 'ё');
    else {
      const spaces = [...out.matchAll(/ /g)].map((m) => m.index!);
      const at = random.pick(spaces);
      out = out.slice(0, at) + '  ' + out.slice(at + 1);
    }
  }
  return out;
}

/** One letter changed inside a word (not ё/е, which are the same letter to the match). */
function misspelt(name: string, random: Random): string {
  const positions = [...name.matchAll(/[абвгджзиклмнопрстуфхцчшщъыьэюя]/g)].map((m) => m.index!).filter((i) => i > 3);
  const at = random.pick(positions);
  const replacement = random.pick([...'аоиуыс'].filter((c) => c !== name[at]));
  return name.slice(0, at) + replacement + name.slice(at + 1);
}

function writtenName(t: TemplateIndicator, treatment: Treatment, random: Random): string {
  switch (treatment) {
    case 'exact':
      return t.name;
    case 'variant':
      return variantOf(t.name, random);
    case 'drop-word':
      return t.name.slice(0, t.name.lastIndexOf(' '));
    case 'add-word':
      return `${t.name} ${random.pick(TRAILING_WORDS)}`;
    case 'spelling':
      return misspelt(t.name, random);
  }
}

/** A written value, the value the Свод must hold for it, and how «Не вошло в свод» must list it. */
interface Value {
  written: Cell;
  svod: Cell;
  listed: string;
}

const num = (n: number): Value => ({ written: n, svod: n, listed: String(n).replace('.', ',') });
const text = (t: string, svod: Cell = t): Value => ({ written: t, svod, listed: t });

function valueFor(unit: Unit, random: Random): Value | null {
  if (random.chance(0.15)) return null;
  if (unit === 'да/нет') return text(random.pick(['да', 'да', 'нет', '-']));
  if (unit === 'шт.') {
    const n = random.int(0, 40);
    return random.pick([() => num(n), () => num(n), () => text(String(n), n), () => text(`${n} шт.`, n), () => text('-')])();
  }
  const whole = random.int(0, 100);
  const tenth = Math.min(100, random.int(0, 999) / 10);
  return random.pick([
    () => num(whole),
    () => num(tenth),
    () => text(String(tenth).replace('.', ','), tenth),
    () => text(String(whole), whole),
    () => text(`${whole} %`, whole),
    () => text('-'),
    () => text('не менее 75'),
  ])();
}

// ---------------------------------------------------------------------------------------------------------------
// A version: its workbook as the add-in's JSON form, and its expectations

type Outcome = { kind: 'merged'; template: number; how: Treatment } | { kind: 'not-in-template' } | { kind: 'awaits-coordinator' };

interface PlannedRow {
  outcome: Outcome;
  /** The template section the row is written under. */
  section: number;
  /** The full name as written (before a page break splits it). */
  name: string;
  unit: Unit;
  /** Year → value; 2026 only when the sheet has that column. */
  values: Record<number, Value | null>;
  /** Where the sheet puts it: the 1-based row of the name cell, and whether a page break split the name. */
  row?: number;
  split?: boolean;
  /** Its unit cell is merged over two rows. */
  unitMerged?: 'over its tail' | 'with the row above';
}

interface PlannedVersion {
  accepted: boolean;
  extraYear: boolean;
  rows: PlannedRow[];
  roadmap: Array<{ number: string; activity: string }>;
  body: { sheets: Array<{ name: string; rows: Cell[][]; merges: string[] }> };
}

const col = (c: number) => String.fromCharCode(65 + c);
const a1 = (top: number, left: number, bottom: number, right: number) => `${col(left)}${top}:${col(right)}${bottom}`;

function planRows(random: Random, extraYear: boolean): PlannedRow[] {
  const years = extraYear ? [...YEARS, EXTRA_YEAR] : [...YEARS];
  const values = (unit: Unit) => Object.fromEntries(years.map((y) => [y, valueFor(unit, random)]));
  const bySection: PlannedRow[][] = SECTIONS.map(() => []);
  TEMPLATE.forEach((t, i) => {
    if (random.chance(0.15)) return; // not submitted
    if (t.name === BASE && random.chance(0.3)) {
      bySection[t.section]!.push({ outcome: { kind: 'awaits-coordinator' }, section: t.section, name: BASE_WITHOUT_SUFFIX, unit: t.unit, values: values(t.unit) });
      return;
    }
    const treatment: Treatment = t.pair ? random.pick(['exact', 'exact', 'variant'] as const) : random.pick(['exact', 'exact', 'exact', 'variant', 'variant', 'drop-word', 'add-word', 'spelling'] as const);
    bySection[t.section]!.push({ outcome: { kind: 'merged', template: i, how: treatment }, section: t.section, name: writtenName(t, treatment, random), unit: t.unit, values: values(t.unit) });
  });
  for (const [name, unit] of random.shuffle(FOREIGN).slice(0, random.int(0, 2))) {
    const section = random.int(0, SECTIONS.length - 1);
    bySection[section]!.push({ outcome: { kind: 'not-in-template' }, section, name, unit, values: values(unit) });
  }
  // Random order within a section.
  const rows = bySection.flatMap((list) => random.shuffle(list));
  if (!rows.some((r) => r.outcome.kind === 'merged')) return planRows(random, extraYear);
  return rows;
}

/** The indicator sheet: title, header (with 2026 when asked), sections, rows; splits and merged unit cells. */
function indicatorGrid(rows: PlannedRow[], extraYear: boolean, random: Random): { rows: Cell[][]; merges: string[] } {
  const years = extraYear ? [...YEARS, EXTRA_YEAR] : [...YEARS];
  const width = HEADER.length + years.length;
  const out: Cell[][] = [[TITLE], [], [...HEADER, ...years.map(String)]];
  const merges = [a1(1, 0, 1, width - 1)];
  let section = -1;
  let counter = 0;
  /** 1-based sheet rows of items that are a single row with their unit cell still their own (for merging units). */
  let previousPlain: { row: number; unit: Unit } | null = null;
  for (const r of rows) {
    const s = r.section;
    if (s !== section) {
      section = s;
      counter = 0;
      out.push([SECTIONS[s]!]);
      merges.push(a1(out.length, 0, out.length, width - 1));
      previousPlain = null;
    }
    counter++;
    const number = `${s + 1}.${counter}`;
    const cells = years.map((y) => r.values[y]?.written ?? null);
    r.row = out.length + 1;
    // A page break inside the name: the tail (starting with a small letter) alone on the next row.
    const breaks = [...r.name.matchAll(/ (?=[а-яё])/g)].map((m) => m.index!).filter((i) => i > 10);
    if (breaks.length && random.chance(0.2)) {
      const at = random.pick(breaks);
      r.split = true;
      out.push([number, r.name.slice(0, at), r.unit, ...cells]);
      out.push([null, r.name.slice(at + 1)]);
      if (random.chance(0.5)) merges.push(a1(r.row, 0, r.row + 1, 0));
      if (random.chance(0.5)) {
        merges.push(a1(r.row, 2, r.row + 1, 2));
        r.unitMerged = 'over its tail';
      }
      previousPlain = null;
      continue;
    }
    // The same unit as the row above, written once in a cell merged over both rows.
    if (previousPlain && previousPlain.unit === r.unit && previousPlain.row === r.row - 1 && random.chance(0.35)) {
      out.push([number, r.name, null, ...cells]);
      merges.push(a1(previousPlain.row, 2, r.row, 2));
      r.unitMerged = 'with the row above';
      previousPlain = null;
      continue;
    }
    out.push([number, r.name, r.unit, ...cells]);
    previousPlain = { row: r.row, unit: r.unit };
  }
  return { rows: out, merges };
}

const ACTIVITIES = [
  'Совещание с руководителями общеобразовательных организаций по итогам оценочных процедур',
  'Семинар для заместителей директоров по учебно-воспитательной работе',
  'Мониторинг реализации программ антирисковых мер',
  'Методический день для молодых педагогов',
  'Круглый стол по обмену опытом школ-партнёров',
  'Анализ результатов всероссийских проверочных работ',
];
const DEADLINES = ['31.03.2023', 'до 01.09.2024', 'в течение 2024 года', '30.06.2025'];

/** A small roadmap; a rejected version has an impossible date or a repeated item number in it. */
function roadmapGrid(random: Random, error: 'date' | 'duplicate' | null): { grid: { rows: Cell[][]; merges: string[] }; items: Array<{ number: string; activity: string }> } {
  const rows: Cell[][] = [['План мероприятий («дорожная карта») по повышению качества образования на 2023–2025 годы'], [], ['№ п/п', 'Мероприятие', 'Срок реализации', 'Исполнитель', 'Ожидаемый результат']];
  const merges = [a1(1, 0, 1, 4)];
  rows.push(['1. Организационные мероприятия']);
  merges.push(a1(rows.length, 0, rows.length, 4));
  const count = random.int(2, 4);
  const activities = random.shuffle(ACTIVITIES).slice(0, count);
  const items = activities.map((activity, i) => ({ number: `1.${i + 1}.`, activity }));
  const bad = random.int(0, count - 1);
  items.forEach((item, i) => {
    const number = error === 'duplicate' && i === count - 1 ? items[0]!.number : item.number;
    const deadline = error === 'date' && i === bad ? '31.09.2023' : random.pick(DEADLINES);
    rows.push([number, item.activity, deadline, 'Управление образования', 'Проведено, протокол']);
  });
  return { grid: { rows, merges }, items };
}

function planVersion(random: Random, accepted: boolean): PlannedVersion {
  const extraYear = random.chance(0.4);
  const rows = planRows(random, extraYear);
  const indicators = indicatorGrid(rows, extraYear, random);
  const withRoadmap = !accepted || random.chance(0.7);
  const roadmap = withRoadmap ? roadmapGrid(random, accepted ? null : random.pick(['date', 'duplicate'] as const)) : null;
  const sheets = [{ name: INDICATOR_SHEET, ...indicators }];
  if (roadmap) sheets.push({ name: ROADMAP_SHEET, ...roadmap.grid });
  return { accepted, extraYear, rows, roadmap: roadmap?.items ?? [], body: { sheets } };
}

/** How a municipality's versions go: A accepted, R rejected. */
const PATTERNS: ReadonlyArray<ReadonlyArray<'A' | 'R'>> = [['A'], ['A'], ['A', 'R'], ['A', 'A'], ['A', 'R', 'A'], ['A', 'A', 'R'], ['R'], []];

interface PlannedMunicipality {
  id: string;
  name: string;
  versions: PlannedVersion[];
}

function planRegion(seed: number): PlannedMunicipality[] {
  const random = new Random(seed);
  const count = random.int(6, 10);
  const names = random.shuffle(MUNICIPALITIES).slice(0, count);
  return names.map((name, i) => {
    // Every region has a rejected later version, a corrected resubmission, and one of the rarer histories.
    const pattern = i === 0 ? ['A', 'R'] : i === 1 ? ['A', 'A'] : i === 2 ? random.pick([['R'], ['A', 'R', 'A'], ['A', 'A', 'R']]) : random.pick(PATTERNS);
    return { id: `m${String(i + 1).padStart(2, '0')}`, name, versions: pattern.map((p) => planVersion(random, p === 'A')) };
  });
}

/** The version the Свод must hold: the newest accepted one. */
function inSvod(m: PlannedMunicipality): { number: number; version: PlannedVersion } | null {
  for (let i = m.versions.length - 1; i >= 0; i--) if (m.versions[i]!.accepted) return { number: i + 1, version: m.versions[i]! };
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the regional workbook back

type Sheet = unknown[][];

/**
 * A sheet's cells as values: empty cells and the covered cells of a merge are null (ExcelJS repeats a merge's value in
 * every cell it covers), rich text is its text.
 */
function cellsOf(wb: ExcelJS.Workbook, name: string): Sheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet «${name}»`);
  const out: Sheet = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: unknown[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = row.getCell(c);
      const v = cell.type === ExcelJS.ValueType.Merge ? null : cell.value;
      cells.push(v === undefined ? null : v && typeof v === 'object' && 'richText' in v ? v.richText.map((t) => t.text).join('') : v);
    }
    out.push(cells);
  }
  return out;
}

function headerIndex(sheet: Sheet, first: string, second: string): number {
  const at = sheet.findIndex((r) => r?.[0] === first && r?.[1] === second);
  if (at < 0) throw new Error(`no header «${first} | ${second}»`);
  return at;
}

/** «Свод показателей» as blocks: indicator number → municipality → [value per template year]; and the regional rows. */
function readSvod(sheet: Sheet): { groups: unknown[][]; blocks: Record<string, Record<string, unknown[]>>; totals: Record<string, unknown[]>; strays: unknown[][] } {
  const header = headerIndex(sheet, '№', 'Показатель, муниципалитет');
  const yearCols = YEARS.map((y) => sheet[header]!.indexOf(y));
  expect(yearCols.every((c) => c >= 3)).toBe(true);
  expect(sheet[header]!.slice(3)).toEqual([...YEARS]);
  const blocks: Record<string, Record<string, unknown[]>> = {};
  const totals: Record<string, unknown[]> = {};
  const groups: unknown[][] = [];
  const strays: unknown[][] = [];
  let block: string | null = null;
  for (let r = header + 1; r < sheet.length; r++) {
    const row = sheet[r] ?? [];
    const t = TEMPLATE.find((x) => row[0] === x.number && row[1] === x.name);
    if (t) {
      block = t.number;
      groups.push(row.slice(0, 3));
      expect(row.slice(3).every((v) => v === null)).toBe(true);
      if (blocks[block]) throw new Error(`block ${block} twice`);
      blocks[block] = {};
      continue;
    }
    if (block && typeof row[1] === 'string' && row[1].startsWith('Регион:')) {
      totals[block] = yearCols.map((c) => row[c] ?? null);
      block = null;
      continue;
    }
    if (block) {
      const name = String(row[1]);
      if (blocks[block]![name]) throw new Error(`${name} twice in block ${block}`);
      blocks[block]![name] = yearCols.map((c) => row[c] ?? null);
      // Nothing outside the municipality's name and year cells.
      if (row[0] !== block || row[2] !== null || row.slice(3 + YEARS.length).some((v) => v !== null && v !== undefined)) strays.push(row);
      continue;
    }
    // Outside a block only section rows: their title, nothing else.
    if (!SECTIONS.includes(String(row[0])) || row.slice(1).some((v) => v !== null && v !== undefined)) strays.push(row);
  }
  return { groups, blocks, totals, strays };
}

/** What the regional row must say, from the values the Свод must hold. */
function expectedTotal(unit: Unit, values: Cell[]): number | null {
  if (unit === 'да/нет') {
    const answers = values.filter((v) => v === 'да' || v === 'нет');
    return answers.length ? answers.filter((v) => v === 'да').length : null;
  }
  const numbers = values.filter((v): v is number => typeof v === 'number');
  if (!numbers.length) return null;
  const sum = numbers.reduce((a, b) => a + b, 0);
  return unit === '%' ? sum / numbers.length : sum;
}

// ---------------------------------------------------------------------------------------------------------------

/** What the generator made of the seeds: what the report quotes, and proof each case is exercised. */
function census(plans: PlannedMunicipality[][]) {
  const c = {
    municipalities: 0,
    versions: 0,
    rejected: 0,
    rows: {} as Record<string, number>,
    splitNames: 0,
    unitMerged: {} as Record<string, number>,
    extraYearVersions: 0,
    values: { number: 0, 'text number': 0, text: 0, empty: 0 },
    patterns: {} as Record<string, number>,
  };
  for (const plan of plans) {
    for (const m of plan) {
      c.municipalities++;
      const pattern = m.versions.map((v) => (v.accepted ? 'A' : 'R')).join('') || 'none';
      c.patterns[pattern] = (c.patterns[pattern] ?? 0) + 1;
      for (const v of m.versions) {
        c.versions++;
        if (!v.accepted) c.rejected++;
        if (v.extraYear) c.extraYearVersions++;
        for (const r of v.rows) {
          const k = r.outcome.kind === 'merged' ? r.outcome.how : r.outcome.kind;
          c.rows[k] = (c.rows[k] ?? 0) + 1;
          if (r.split) c.splitNames++;
          if (r.unitMerged) c.unitMerged[r.unitMerged] = (c.unitMerged[r.unitMerged] ?? 0) + 1;
          for (const value of Object.values(r.values)) {
            if (!value) c.values.empty++;
            else if (typeof value.written === 'number') c.values.number++;
            else if (typeof value.svod === 'number') c.values['text number']++;
            else c.values.text++;
          }
        }
      }
    }
  }
  return c;
}

describe('the generator', () => {
  it('exercises every case across the seeds', () => {
    const c = census(SEEDS.map(planRegion));
    for (const k of ['exact', 'variant', 'drop-word', 'add-word', 'spelling', 'not-in-template', 'awaits-coordinator']) expect(c.rows[k] ?? 0).toBeGreaterThan(0);
    for (const k of ['over its tail', 'with the row above']) expect(c.unitMerged[k] ?? 0).toBeGreaterThan(0);
    expect(c.splitNames).toBeGreaterThan(0);
    expect(c.extraYearVersions).toBeGreaterThan(0);
    expect(Math.min(...Object.values(c.values))).toBeGreaterThan(0);
    // A later rejected version, a corrected resubmission, a rejection after a resubmission, only a rejected version, nothing.
    expect(Object.keys(c.patterns)).toEqual(expect.arrayContaining(['AR', 'AA', 'AAR', 'ARA', 'R', 'none']));
    // The same seed, the same region.
    expect(JSON.stringify(planRegion(SEEDS[0]!).map((m) => m.versions.map((v) => v.body)))).toBe(JSON.stringify(planRegion(SEEDS[0]!).map((m) => m.versions.map((v) => v.body))));
  });
});

const started = Date.now();
/** What the Свод checks covered (logged for the report). */
const checked = { svodValues: 0, emptySvodCells: 0, notMergedRows: 0 };

afterAll(() => {
  console.log(`round trip over seeds ${SEEDS.join(', ')}: ${JSON.stringify({ ...census(SEEDS.map(planRegion)), checked })}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

describe.each(SEEDS)('the regional workbook of generated region %i', (seed) => {
  const plan = planRegion(seed);
  let s: TestServer;
  let book: { wb: ExcelJS.Workbook };
  let status: { inSvod: number; total: number; municipalities: Array<{ name: string; status: string; version: number | null; inSvod: { version: number } | null; indicators: Record<string, number> | null }> };
  const responses: Array<{ municipality: string; planned: PlannedVersion; number: number; body: { version: number; status: string; indicators: Record<string, unknown> | null; diagnostics: Array<{ severity: string; ruleId: string; sheet: string; cell: string; message: string }> } }> = [];

  beforeAll(async () => {
    s = await testServer();
    const tpl = await request(s.app).put('/api/v1/region/template').set(bearer(COORDINATOR)).set('Content-Type', XLSX).send(await templateXlsx()).expect(200);
    expect({ indicators: tpl.body.indicators, years: tpl.body.years }).toEqual({ indicators: TEMPLATE.length, years: [...YEARS] });
    for (const m of plan) {
      const token = await addMunicipality(s.app, m.id, m.name);
      for (const [i, v] of m.versions.entries()) {
        s.now.value = new Date(s.now.value.getTime() + 60_000);
        const res = await request(s.app).post('/api/v1/submissions').set(bearer(token)).send(v.body).expect(201);
        responses.push({ municipality: m.name, planned: v, number: i + 1, body: res.body });
      }
    }
    const st = await request(s.app).get('/api/v1/region/status').set(bearer(COORDINATOR)).expect(200);
    status = st.body;
    const wb = await request(s.app).get('/api/v1/region/workbook.xlsx').set(bearer(COORDINATOR)).buffer(true).parse(binary).expect(200);
    await assertSafeWorkbook(wb.body as Buffer);
    book = { wb: new ExcelJS.Workbook() };
    await book.wb.xlsx.load(wb.body as unknown as ExcelJS.Buffer);
  });
  afterAll(() => s?.close());

  it('accepts every version planned as accepted and rejects every one with a roadmap error, numbering them in order', () => {
    const got = responses.map((r) => ({
      municipality: r.municipality,
      version: r.body.version,
      status: r.body.status,
      errors: r.body.diagnostics.filter((d) => d.severity === 'error').map((d) => d.ruleId),
    }));
    const want = responses.map((r) => ({
      municipality: r.municipality,
      version: r.number,
      status: r.planned.accepted ? 'accepted' : 'rejected',
      errors: r.planned.accepted ? [] : expect.arrayContaining([expect.stringMatching(/^(deadline-invalid-date|numbering-duplicate)$/)]),
    }));
    expect(got).toEqual(want);
  });

  it('says for each accepted version how many of its indicators reach the Свод', () => {
    for (const r of responses.filter((x) => x.planned.accepted)) {
      const rows = r.planned.rows;
      expect({ who: `${r.municipality} v${r.number}`, ...r.body.indicators }).toMatchObject({
        who: `${r.municipality} v${r.number}`,
        submitted: rows.length,
        merged: rows.filter((x) => x.outcome.kind === 'merged').length,
        awaiting: rows.filter((x) => x.outcome.kind === 'awaits-coordinator').length,
        notInTemplate: rows.filter((x) => x.outcome.kind === 'not-in-template').length,
        ignored: 0,
        other: 0,
      });
    }
  });

  it('puts every merged value of each municipality’s newest accepted version at its indicator, municipality and year, and nothing anywhere else', () => {
    const svod = readSvod(cellsOf(book.wb, 'Свод показателей'));
    expect(svod.strays).toEqual([]);
    expect(svod.groups).toEqual(TEMPLATE.map((t) => [t.number, t.name, t.unit]));
    const expected: Record<string, Record<string, Cell[]>> = {};
    const expectedTotals: Record<string, Array<number | null>> = {};
    for (const [i, t] of TEMPLATE.entries()) {
      expected[t.number] = {};
      for (const m of plan) {
        const v = inSvod(m);
        if (!v) continue;
        const row = v.version.rows.find((r) => r.outcome.kind === 'merged' && r.outcome.template === i);
        expected[t.number]![m.name] = YEARS.map((y) => row?.values[y]?.svod ?? null);
      }
      const names = Object.keys(expected[t.number]!);
      expectedTotals[t.number] = YEARS.map((_, y) => expectedTotal(t.unit, names.map((n) => expected[t.number]![n]![y]!)));
    }
    expect(svod.blocks).toEqual(expected);
    // The regional row: the mean of percentages, the sum of counts, the number of «да» (to the sheet's 2 decimals).
    for (const t of TEMPLATE) {
      const got = svod.totals[t.number]!;
      expectedTotals[t.number]!.forEach((want, y) => {
        if (want === null) expect({ indicator: t.number, year: YEARS[y], total: got[y] }).toEqual({ indicator: t.number, year: YEARS[y], total: null });
        else {
          expect(typeof got[y]).toBe('number');
          expect(Math.abs((got[y] as number) - want)).toBeLessThanOrEqual(0.0051);
        }
      });
    }
    for (const block of Object.values(expected)) {
      for (const values of Object.values(block)) {
        checked.svodValues += values.filter((v) => v !== null).length;
        checked.emptySvodCells += values.filter((v) => v === null).length;
      }
    }
  });

  it('lists on «Не вошло в свод» every row and year that stayed out, with the municipality, the version, where and why', () => {
    const sheet = cellsOf(book.wb, 'Не вошло в свод');
    const header = headerIndex(sheet, 'Муниципалитет', 'Версия');
    expect(sheet[header]).toEqual(['Муниципалитет', 'Версия', 'Где', 'Показатель', 'Значения', 'Причина', 'Возможно, имелся в виду']);
    const actual = sheet.slice(header + 1).filter((r) => r && r.some((v) => v !== null));
    type Listed = { municipality: string; version: number; where: string | null; indicator: string; values: string | null; reason: RegExp; suggests?: string };
    const wanted: Listed[] = [];
    for (const m of plan) {
      const last = m.versions.length;
      const svod = inSvod(m);
      if (last && !m.versions[last - 1]!.accepted) {
        wanted.push({ municipality: m.name, version: last, where: null, indicator: '(вся версия)', values: null, reason: new RegExp(`^версия отклонена .*${svod ? `в своде версия ${svod.number}$` : 'данных этого муниципалитета нет$'}`) });
      }
      if (!svod) continue;
      for (const r of svod.version.rows) {
        const where = `${INDICATOR_SHEET}!B${r.row}`;
        const listed = (years: number[]) => years.flatMap((y) => (r.values[y] ? [`${y}: ${r.values[y]!.listed}`] : [])).join('; ') || null;
        const allYears = svod.version.extraYear ? [...YEARS, EXTRA_YEAR] : [...YEARS];
        if (r.outcome.kind === 'not-in-template') {
          wanted.push({ municipality: m.name, version: svod.number, where, indicator: collapse(r.name), values: listed(allYears), reason: /^нет в региональном шаблоне$/ });
        } else if (r.outcome.kind === 'awaits-coordinator') {
          wanted.push({ municipality: m.name, version: svod.number, where, indicator: collapse(r.name), values: listed(allYears), reason: /координатор/, suggests: `«${BASE}»` });
        } else if (r.values[EXTRA_YEAR]) {
          wanted.push({ municipality: m.name, version: svod.number, where, indicator: collapse(r.name), values: listed([EXTRA_YEAR]), reason: /нет в шаблоне/ });
        }
      }
    }
    const key = (x: { municipality: unknown; version: unknown; where: unknown; indicator: unknown; values: unknown }) => JSON.stringify([x.municipality, x.version, x.where, x.indicator, x.values]);
    const rows = new Map(actual.map((r) => [key({ municipality: r[0], version: r[1], where: r[2], indicator: r[3], values: r[4] }), r]));
    expect([...rows.keys()].sort()).toEqual(wanted.map(key).sort());
    expect(actual).toHaveLength(wanted.length);
    for (const w of wanted) {
      const row = rows.get(key(w))!;
      expect({ what: key(w), reason: row[5] }).toEqual({ what: key(w), reason: expect.stringMatching(w.reason) });
      if (w.suggests) expect(String(row[6])).toContain(w.suggests);
    }
    checked.notMergedRows += wanted.length;
  });

  it('shows each municipality’s status, its last version and the version in the Свод, on the sheet and through the API', () => {
    const sheet = cellsOf(book.wb, 'Статус');
    const header = headerIndex(sheet, 'Муниципалитет', 'Статус');
    expect(sheet[header]![6]).toBe('В своде версия');
    const byName = new Map(sheet.slice(header + 1).map((r) => [r?.[0], r]));
    for (const m of plan) {
      const svod = inSvod(m);
      const last = m.versions[m.versions.length - 1];
      const rows = svod?.version.rows ?? [];
      const want = !last ? 'не сдано' : !last.accepted ? 'сдано с ошибками' : rows.some((r) => r.outcome.kind === 'awaits-coordinator') ? 'ждёт сопоставления' : 'принято';
      const row = byName.get(m.name);
      const merged = rows.filter((r) => r.outcome.kind === 'merged').length;
      expect({ name: m.name, status: row?.[1], version: row?.[2], inSvod: row?.[6], tally: row?.[7] }).toEqual({
        name: m.name,
        status: want,
        version: last ? m.versions.length : null,
        inSvod: svod?.number ?? null,
        tally: svod ? `${merged} из ${rows.length}` : null,
      });
      const api = status.municipalities.find((x) => x.name === m.name);
      expect({ name: m.name, status: api?.status, version: api?.version, inSvod: api?.inSvod?.version ?? null }).toEqual({ name: m.name, status: want, version: last ? m.versions.length : null, inSvod: svod?.number ?? null });
    }
    expect(status.municipalities).toHaveLength(plan.length);
  });

  it('gives the roadmaps of the versions in the Свод, each row marked with its version', () => {
    const sheet = cellsOf(book.wb, 'Дорожные карты');
    const header = headerIndex(sheet, 'Муниципалитет', 'Версия');
    const items = sheet.slice(header + 1).filter((r) => r && typeof r[2] === 'string' && /^\d+\.\d+\.$/.test(r[2] as string));
    const want = plan.flatMap((m) => {
      const v = inSvod(m);
      return v ? v.version.roadmap.map((item) => [m.name, v.number, item.number, item.activity]) : [];
    });
    const sort = (list: unknown[][]) => list.map((x) => JSON.stringify(x)).sort();
    expect(sort(items.map((r) => r.slice(0, 4)))).toEqual(sort(want));
  });

  it('counts the municipalities in the Свод the same on every sheet and in GET /region/status', () => {
    const n = plan.filter((m) => inSvod(m)).length;
    const total = plan.length;
    expect({ inSvod: status.inSvod, total: status.total }).toEqual({ inSvod: n, total });
    const lines: Record<string, string[]> = {};
    for (const ws of book.wb.worksheets) {
      for (const row of cellsOf(book.wb, ws.name)) {
        for (const v of row ?? []) {
          const m = typeof v === 'string' ? /^В своде данные (\d+) из (\d+) муниципалитетов/.exec(v) : null;
          if (m) (lines[ws.name] ??= []).push(`${m[1]} из ${m[2]}`);
        }
      }
    }
    expect(lines).toEqual({ 'Свод показателей': [`${n} из ${total}`], 'Дорожные карты': [`${n} из ${total}`], Статус: [`${n} из ${total}`] });
    const statusTotal = cellsOf(book.wb, 'Статус').find((r) => r?.[0] === 'Итого');
    expect(statusTotal?.[1]).toBe(`в своде ${n} из ${total}`);
  });
});
