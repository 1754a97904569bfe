/**
 * The regional workbook as plain data: three sheets (indicators, roadmaps, status), the same cells for the same input
 * whatever order the submissions come in.
 */
import type { CellRange } from '../grid/address';
import type { CellValue } from '../grid/grid';
import { parseItemNumber } from '../reader/numbering';
import { indicatorValue, unitKind, type UnitKind } from '../rules/values';
import { matchToTemplate } from './key';
import { fitRowHeights } from './layout';
import type {
  AcceptedSubmission,
  IndicatorEntry,
  MergeInput,
  RegionalColumn,
  RegionalRow,
  RegionalSheet,
  RegionalWorkbook,
  RoadmapEntry,
  StatusRow,
} from './types';

export const SHEET_INDICATORS = 'Свод показателей';
export const SHEET_ROADMAPS = 'Дорожные карты';
export const SHEET_STATUS = 'Статус';
export const REGION_COLUMN = 'Регион';

interface Municipality {
  id: string;
  name: string;
  submission: AcceptedSubmission | null;
}

export function compareNames(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return a.name.localeCompare(b.name, 'ru') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Order-independent choice between two accepted versions of one municipality. */
function newer(a: AcceptedSubmission, b: AcceptedSubmission): boolean {
  if (a.version !== b.version) return a.version > b.version;
  return a.submittedAt > b.submittedAt;
}

/** Every municipality known from the status list or a submission, by name; the latest accepted version of each. */
function municipalities(input: MergeInput): Municipality[] {
  const byId = new Map<string, Municipality>();
  for (const s of input.status) if (!byId.has(s.municipalityId)) byId.set(s.municipalityId, { id: s.municipalityId, name: s.name, submission: null });
  for (const s of input.submissions) {
    const known = byId.get(s.municipalityId);
    if (!known) byId.set(s.municipalityId, { id: s.municipalityId, name: s.name, submission: s });
    else if (!known.submission || newer(s, known.submission)) known.submission = s;
  }
  return [...byId.values()].sort(compareNames);
}

/** `2024-03-01` or a timestamp → `01.03.2024`; anything else as it is. */
export function formatDateRu(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

function deadlineLine(deadline: string | null): string {
  return deadline ? `Срок сдачи: ${formatDateRu(deadline)}` : 'Срок сдачи не установлен';
}

/** An ISO timestamp as the wall-clock time it states (the offset is not applied), for a date cell. */
export function timestampCell(iso: string | null): Date | string | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)));
  return Number.isNaN(d.getTime()) ? iso : d;
}

function pad(cells: CellValue[], width: number): CellValue[] {
  const out = cells.slice(0, width);
  while (out.length < width) out.push(null);
  return out;
}

class SheetBuilder {
  readonly rows: RegionalRow[] = [];
  readonly merges: CellRange[] = [];
  constructor(
    readonly name: string,
    readonly columns: RegionalColumn[],
  ) {}

  get width(): number {
    return this.columns.length;
  }

  add(kind: RegionalRow['kind'], cells: CellValue[], formats?: Array<string | null>): number {
    const row: RegionalRow = { kind, cells: pad(cells, this.width) };
    if (formats && formats.some((f) => f !== null)) row.formats = pad(formats as CellValue[], this.width) as Array<string | null>;
    this.rows.push(row);
    return this.rows.length - 1;
  }

  merge(top: number, left: number, bottom: number, right: number): void {
    if (bottom > top || right > left) this.merges.push({ top, left, bottom, right });
  }

  /** Title lines above the table, each merged over `span` columns. */
  titles(lines: Array<{ kind: 'title' | 'note'; text: string }>, span: number): void {
    for (const line of lines) {
      const r = this.add(line.kind, [line.text]);
      this.merge(r, 0, r, Math.max(0, Math.min(span, this.width) - 1));
    }
    this.add('note', []);
  }

  build(freeze: { rows: number; cols: number }): RegionalSheet {
    return fitRowHeights({ name: this.name, columns: this.columns, rows: this.rows, merges: this.merges, freeze });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Свод показателей

/** The regional value of one indicator in one year, and its number format. */
export function aggregate(kind: UnitKind | null, values: readonly CellValue[]): { value: number | null; format: string | null } {
  const read = values.map(indicatorValue);
  if (kind === 'boolean') {
    const answered = read.filter((v) => v.kind === 'boolean');
    if (!answered.length) return { value: null, format: null };
    return { value: answered.filter((v) => v.kind === 'boolean' && v.value).length, format: '0' };
  }
  if (kind === null) return { value: null, format: null };
  const numbers = read.flatMap((v) => (v.kind === 'number' ? [v.value] : []));
  if (!numbers.length) return { value: null, format: null };
  const sum = numbers.reduce((a, b) => a + b, 0);
  const value = kind === 'percent' ? sum / numbers.length : sum;
  // Rounded so that float noise (33.33333333333333) never reaches the sheet; the format shows one decimal at most.
  const rounded = Math.round(value * 100) / 100;
  return { value: rounded, format: kind === 'percent' ? '0.0' : kind === 'count' ? '0' : null };
}

/** The unit kind of a template indicator: its own unit, else the one most submissions state. */
function kindOf(unit: string, submitted: readonly string[]): UnitKind | null {
  const own = unitKind(unit);
  if (own) return own;
  const counts = new Map<UnitKind, number>();
  for (const u of submitted) {
    const k = unitKind(u);
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let best: UnitKind | null = null;
  for (const [k, n] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (best === null || n > counts.get(best)!) best = k;
  return best;
}

function municipalityWidth(name: string): number {
  const longest = Math.max(0, ...name.split(/\s+/).map((w) => w.length));
  return Math.min(18, Math.max(11, longest + 2));
}

function indicatorSheet(input: MergeInput, list: Municipality[]): RegionalSheet {
  const years = [...new Set(input.template.years)].sort((a, b) => a - b);
  const group = list.length + 1;
  const columns: RegionalColumn[] = [
    { width: 7, align: 'center' },
    { width: 60 },
    { width: 10, align: 'center' },
  ];
  for (const _year of years) {
    for (const m of list) columns.push({ width: municipalityWidth(m.name), align: 'center' });
    columns.push({ width: 11, align: 'center' });
  }
  const sheet = new SheetBuilder(SHEET_INDICATORS, columns);
  const submitted = list.filter((m) => m.submission).length;
  sheet.titles(
    [
      { kind: 'title', text: input.regionName },
      { kind: 'title', text: 'Свод целевых показателей' },
      { kind: 'note', text: deadlineLine(input.deadline) },
      { kind: 'note', text: `Приняты данные ${submitted} из ${list.length} муниципалитетов.` },
    ],
    3,
  );
  const h1 = sheet.add('header', ['№', 'Показатель', 'Ед. изм.', ...years.flatMap((y) => [y, ...new Array<CellValue>(group - 1).fill(null)])]);
  const h2 = sheet.add('header', [null, null, null, ...years.flatMap(() => [...list.map((m) => m.name), REGION_COLUMN])]);
  for (let c = 0; c < 3; c++) sheet.merge(h1, c, h2, c);
  years.forEach((_y, k) => sheet.merge(h1, 3 + k * group, h1, 3 + (k + 1) * group - 1));

  // Each municipality's indicators, paired with the template's.
  const matched: Array<Map<number, IndicatorEntry>> = list.map((m) => {
    const out = new Map<number, IndicatorEntry>();
    if (!m.submission) return out;
    const entries = m.submission.content.indicators;
    matchToTemplate(entries, input.template.indicators).forEach((t, i) => {
      if (t !== null) out.set(t, entries[i]!);
    });
    return out;
  });

  let section: string | null = null;
  input.template.indicators.forEach((indicator, t) => {
    if (indicator.section && indicator.section !== section) {
      const r = sheet.add('section', [indicator.section]);
      sheet.merge(r, 0, r, 2);
    }
    section = indicator.section;
    const entries = matched.map((m) => m.get(t) ?? null);
    const kind = kindOf(indicator.unit, entries.flatMap((e) => (e ? [e.unit] : [])));
    const cells: CellValue[] = [indicator.number, indicator.name, indicator.unit || null];
    const formats: Array<string | null> = [null, null, null];
    for (const year of years) {
      const values = entries.map((e) => (e ? (e.values[String(year)] ?? null) : null));
      cells.push(...values);
      formats.push(...values.map(() => null));
      const regional = aggregate(kind, values);
      cells.push(regional.value);
      formats.push(regional.format);
    }
    sheet.add('data', cells, formats);
  });
  return sheet.build({ rows: h2 + 1, cols: 3 });
}

// ---------------------------------------------------------------------------------------------------------------
// Дорожные карты

function pathOf(entry: RoadmapEntry): string[] {
  if (entry.sectionPath?.length) return entry.sectionPath;
  return entry.section ? [entry.section] : [];
}

function compareComponents(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * A municipality's roadmap in reading order: sections in the order they first appear, items inside a section by
 * their number components (1.9 before 1.10); an unnumbered row stays after the numbered row it followed.
 */
export function orderRoadmap(entries: readonly RoadmapEntry[]): RoadmapEntry[] {
  const groups = new Map<string, Array<{ entry: RoadmapEntry; index: number; key: number[] }>>();
  entries.forEach((entry, index) => {
    const id = JSON.stringify(pathOf(entry));
    let list = groups.get(id);
    if (!list) groups.set(id, (list = []));
    const parsed = parseItemNumber(entry.number);
    const key = parsed ? parsed.components : (list[list.length - 1]?.key ?? []);
    list.push({ entry, index, key });
  });
  return [...groups.values()].flatMap((list) => list.sort((a, b) => compareComponents(a.key, b.key) || a.index - b.index).map((x) => x.entry));
}

/** «2021–2024» or «2021, 2023» for the years a plan fills. */
function planYears(plan: Record<string, string>): string {
  const years = Object.keys(plan)
    .map(Number)
    .filter((y) => Number.isInteger(y))
    .sort((a, b) => a - b);
  if (!years.length) return '';
  const contiguous = years.every((y, i) => i === 0 || y === years[i - 1]! + 1);
  return contiguous && years.length > 1 ? `${years[0]}–${years[years.length - 1]}` : years.join(', ');
}

export function roadmapCells(entry: RoadmapEntry): { activity: string; deadline: string } {
  if (!entry.plan) return { activity: entry.activity, deadline: entry.deadline };
  const lines = Object.keys(entry.plan)
    .sort()
    .map((y) => `${y}: ${entry.plan![y]}`);
  return {
    activity: [entry.activity, ...lines].filter((s) => s !== '').join('\n'),
    deadline: entry.deadline || planYears(entry.plan),
  };
}

function roadmapSheet(input: MergeInput, list: Municipality[]): RegionalSheet {
  const columns: RegionalColumn[] = [
    { width: 22 },
    { width: 8, align: 'center', numberFormat: '0' },
    { width: 8, align: 'center', numberFormat: '@' },
    { width: 55 },
    { width: 20, align: 'center' },
    { width: 30 },
    { width: 40 },
  ];
  const sheet = new SheetBuilder(SHEET_ROADMAPS, columns);
  const submitted = list.filter((m) => m.submission && m.submission.content.roadmap.length).length;
  sheet.titles(
    [
      { kind: 'title', text: input.regionName },
      { kind: 'title', text: 'Свод дорожных карт муниципалитетов' },
      { kind: 'note', text: deadlineLine(input.deadline) },
      { kind: 'note', text: `Приняты дорожные карты ${submitted} из ${list.length} муниципалитетов.` },
    ],
    columns.length,
  );
  const header = sheet.add('header', ['Муниципалитет', 'Версия', '№', 'Мероприятие', 'Срок', 'Исполнитель', 'Результат']);
  for (const m of list) {
    if (!m.submission) continue;
    const { name, version } = m.submission;
    let previous: string[] = [];
    for (const entry of orderRoadmap(m.submission.content.roadmap)) {
      const path = pathOf(entry);
      let same = 0;
      while (same < path.length && same < previous.length && path[same] === previous[same]) same++;
      for (let d = same; d < path.length; d++) {
        const r = sheet.add('section', [name, version, path[d]!]);
        sheet.merge(r, 2, r, columns.length - 1);
      }
      previous = path;
      const { activity, deadline } = roadmapCells(entry);
      sheet.add('data', [name, version, entry.number, activity || null, deadline || null, entry.executor || null, entry.result || null]);
    }
  }
  return sheet.build({ rows: header + 1, cols: 3 });
}

// ---------------------------------------------------------------------------------------------------------------
// Статус

function statusSheet(input: MergeInput): RegionalSheet {
  const columns: RegionalColumn[] = [
    { width: 34 },
    { width: 20, align: 'center' },
    { width: 9, align: 'center', numberFormat: '0' },
    { width: 17, align: 'center', numberFormat: 'dd.mm.yyyy hh:mm' },
    { width: 10, align: 'center', numberFormat: '0' },
    { width: 16, align: 'center', numberFormat: '0' },
  ];
  const sheet = new SheetBuilder(SHEET_STATUS, columns);
  const rows: StatusRow[] = input.status.slice().sort((a, b) => compareNames({ name: a.name, id: a.municipalityId }, { name: b.name, id: b.municipalityId }));
  const accepted = rows.filter((r) => r.status === 'принято').length;
  sheet.titles(
    [
      { kind: 'title', text: input.regionName },
      { kind: 'title', text: 'Статус сдачи' },
      { kind: 'note', text: deadlineLine(input.deadline) },
    ],
    columns.length,
  );
  const header = sheet.add('header', ['Муниципалитет', 'Статус', 'Версия', 'Сдано', 'Ошибок', 'Предупреждений']);
  for (const r of rows) sheet.add('data', [r.name, r.status, r.version, timestampCell(r.submittedAt), r.errors, r.warnings]);
  sheet.add('total', [
    'Итого',
    `принято ${accepted} из ${rows.length}`,
    null,
    null,
    rows.reduce((s, r) => s + r.errors, 0),
    rows.reduce((s, r) => s + r.warnings, 0),
  ]);
  return sheet.build({ rows: header + 1, cols: 1 });
}

/** The regional workbook: `Свод показателей`, `Дорожные карты`, `Статус`. Pure and deterministic. */
export function buildRegionalWorkbook(input: MergeInput): RegionalWorkbook {
  const list = municipalities(input);
  return { sheets: [indicatorSheet(input, list), roadmapSheet(input, list), statusSheet(input)] };
}
