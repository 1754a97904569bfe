/**
 * The regional workbook as plain data: the Свод of indicators, the roadmaps, the status, what did not go in and why,
 * and the glossary — the same cells for the same input whatever order the submissions come in. Every sheet reads the
 * one `consolidate` answer, so their counts agree.
 */
import type { CellRange } from '../grid/address';
import type { CellValue } from '../grid/grid';
import { parseItemNumber } from '../reader/numbering';
import { plainNumber, unitKind, type UnitKind } from '../rules/values';
import { matchKey } from '../text/normalize';
import { collectsIndicators, consolidate, Generation, sameMappings, type Consolidation } from './consolidate';
import { fitRowHeights } from './layout';
import { formatDateRu, wallClockCell } from './time';
import type { IndicatorEntry, MergeInput, RegionalBuildMemo, RegionalColumn, RegionalRoadmapBlock, RegionalRow, RegionalSheet, RegionalTemplate, RegionalWorkbook, RoadmapEntry, SubmissionContent } from './types';

export const SHEET_INDICATORS = 'Свод показателей';
export const SHEET_ROADMAPS = 'Дорожные карты';
export const SHEET_STATUS = 'Статус';
export const SHEET_NOT_MERGED = 'Не вошло в свод';
export const SHEET_GLOSSARY = 'Сокращения';
export const REGION_COLUMN = 'Регион';

function deadlineLine(deadline: string | null, zone: string): string {
  return deadline ? `Срок сдачи: ${formatDateRu(deadline)}, до 23:59 (${zone}).` : 'Срок сдачи не установлен.';
}

function svodLine(c: Consolidation): string {
  return `В своде данные ${c.inSvod} из ${c.total} муниципалитетов${offText(c)} (какая версия и почему — на листе «${SHEET_STATUS}»).`;
}

/** «; отключены и не считаются: 2»: switched-off municipalities are named apart from «из M». */
function offText(c: Consolidation): string {
  const off = c.municipalities.length - c.total;
  return off ? `; отключены и не считаются: ${off}` : '';
}

function pad(cells: CellValue[], width: number): CellValue[] {
  const out = cells.slice(0, width);
  while (out.length < width) out.push(null);
  return out;
}

class SheetBuilder {
  readonly rows: RegionalRow[] = [];
  readonly merges: CellRange[] = [];
  /** [first, end) row ranges of blocks added already fitted. */
  private readonly fitted: Array<[number, number]> = [];
  constructor(
    readonly name: string,
    readonly columns: RegionalColumn[],
  ) {}

  get width(): number {
    return this.columns.length;
  }

  row(kind: RegionalRow['kind'], cells: CellValue[], formats?: Array<string | null>): RegionalRow {
    const row: RegionalRow = { kind, cells: pad(cells, this.width) };
    if (formats && formats.some((f) => f !== null)) row.formats = pad(formats as CellValue[], this.width) as Array<string | null>;
    return row;
  }

  add(kind: RegionalRow['kind'], cells: CellValue[], formats?: Array<string | null>): number {
    return this.push(this.row(kind, cells, formats));
  }

  /** A row made by `row` (perhaps kept from an earlier build: its height is fitted again, to the same value). */
  push(row: RegionalRow): number {
    this.rows.push(row);
    return this.rows.length - 1;
  }

  merge(top: number, left: number, bottom: number, right: number): void {
    if (bottom > top || right > left) this.merges.push({ top, left, bottom, right });
  }

  /** Title lines above the table, each merged over the table's width. */
  titles(lines: Array<{ kind: 'title' | 'note'; text: string }>): void {
    for (const line of lines) {
      const r = this.add(line.kind, [line.text]);
      this.merge(r, 0, r, this.width - 1);
    }
    this.add('note', []);
  }

  /** Rows built (and their heights fitted) for this sheet's columns before, with their merges counted from their first row. */
  addBlock(block: { rows: readonly RegionalRow[]; merges: readonly CellRange[] }): void {
    const first = this.rows.length;
    for (const row of block.rows) this.rows.push(row);
    for (const m of block.merges) this.merges.push({ top: m.top + first, left: m.left, bottom: m.bottom + first, right: m.right });
    if (block.rows.length) this.fitted.push([first, this.rows.length]);
  }

  build(freeze: { rows: number; cols: number }, orientation: 'portrait' | 'landscape', region: string): RegionalSheet {
    const fitted = this.fitted;
    // Blocks come in order: one pointer walks their ranges as the rows are visited.
    let k = 0;
    const skip = fitted.length
      ? (r: number) => {
          while (k < fitted.length && fitted[k]![1] <= r) k++;
          return k < fitted.length && fitted[k]![0] <= r;
        }
      : undefined;
    return fitRowHeights({ name: this.name, columns: this.columns, rows: this.rows, merges: this.merges, freeze, orientation, footer: `${region} · ${this.name}` }, skip);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Свод показателей

/** A submitted value as the Свод holds it: a number whenever the cell states only a number (`11,5`, `6 %`). */
export function svodValue(kind: UnitKind | null, value: CellValue): CellValue {
  if (kind === 'boolean') return value;
  const n = plainNumber(value);
  return n === null ? value : n;
}

/** The regional value of one indicator in one year, from the values as the Свод holds them, and its number format. */
export function aggregate(kind: UnitKind | null, values: readonly CellValue[]): { value: number | null; format: string | null } {
  if (kind === 'boolean') {
    const answers = values.flatMap((v) => {
      const t = typeof v === 'string' ? v.trim().toLowerCase() : v;
      return t === 'да' || t === true ? [true] : t === 'нет' || t === false ? [false] : [];
    });
    if (!answers.length) return { value: null, format: null };
    return { value: answers.filter(Boolean).length, format: '0' };
  }
  if (kind === null) return { value: null, format: null };
  const numbers = values.flatMap((v) => (typeof v === 'number' && Number.isFinite(v) ? [v] : []));
  if (!numbers.length) return { value: null, format: null };
  const sum = numbers.reduce((a, b) => a + b, 0);
  const value = kind === 'percent' ? sum / numbers.length : sum;
  // Rounded so that float noise (33.33333333333333) never reaches the sheet; the format shows one decimal at most.
  const rounded = Math.round(value * 100) / 100;
  return { value: rounded, format: kind === 'percent' ? '0.0' : kind === 'count' ? '0' : null };
}

/** How the region's value of each kind of indicator is made, as the regional workbook and the portal name it. */
export const AGGREGATE_LABEL: Record<UnitKind, string> = { percent: 'среднее', count: 'сумма', number: 'сумма', boolean: 'число «да»' };

/** The unit kind of a template indicator: its own unit, else the one most submissions state. */
export function kindOf(unit: string, submitted: readonly string[]): UnitKind | null {
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

/**
 * One block per template indicator: its row, one row per municipality in the Свод with its values by year, and the
 * regional value. Narrow enough to print on A4 whatever the number of municipalities (they are rows, not columns).
 */
function indicatorSheet(input: MergeInput, template: RegionalTemplate, c: Consolidation, memo: RegionalBuildMemo | undefined): RegionalSheet {
  const years = [...new Set(template.years)].sort((a, b) => a - b);
  const columns: RegionalColumn[] = [{ width: 7, align: 'center' }, { width: 58 }, { width: 10, align: 'center' }, ...years.map((): RegionalColumn => ({ width: 11, align: 'center' }))];
  const sheet = new SheetBuilder(SHEET_INDICATORS, columns);
  const lines: Array<{ kind: 'title' | 'note'; text: string }> = [
    { kind: 'title', text: input.regionName },
    { kind: 'title', text: 'Свод целевых показателей' },
    { kind: 'note', text: deadlineLine(input.deadline, c.zone) },
    { kind: 'note', text: svodLine(c) },
  ];
  if (c.notMerged.length) lines.push({ kind: 'note', text: `Не вошло в свод: ${c.notMerged.length} — что и почему, на листе «${SHEET_NOT_MERGED}».` });
  sheet.titles(lines);
  const header = sheet.add('header', ['№', 'Показатель, муниципалитет', 'Ед. изм.', ...years]);

  // Each municipality in the Свод with its entries by template row.
  const keptRows = memo ? new Generation(memo.indicatorRows) : null;
  const inSvod = c.municipalities.flatMap((m) => {
    const merged = m.merged;
    if (!m.report || !merged) return [];
    const byRow = new Map<number, IndicatorEntry>();
    m.report.matches.forEach((match, i) => {
      if (match.outcome === 'merged') byRow.set(match.template, merged.content.indicators[i]!);
    });
    // The rows built for this content before, while the template, the mappings and the name are the same.
    let kept: Map<string, RegionalRow> | null = null;
    if (keptRows) {
      const content = merged.content;
      let known = keptRows.get(content);
      if (!known || known.template !== template || known.name !== m.input.name || !sameMappings(known.mappings, input.mappings)) {
        known = { template, mappings: input.mappings, name: m.input.name, rows: new Map() };
      }
      keptRows.set(content, known);
      kept = known.rows;
    }
    return [{ name: m.input.name, byRow, kept }];
  });

  let section: string | null = null;
  template.indicators.forEach((indicator, t) => {
    if (indicator.section && indicator.section !== section) {
      const r = sheet.add('section', [indicator.section]);
      sheet.merge(r, 0, r, columns.length - 1);
    }
    section = indicator.section;
    const entries = inSvod.map((m) => m.byRow.get(t) ?? null);
    const kind = kindOf(indicator.unit, entries.flatMap((e) => (e ? [e.unit] : [])));
    sheet.add('group', [indicator.number, indicator.name, indicator.unit || null]);
    const columnsByYear = years.map(() => [] as CellValue[]);
    inSvod.forEach((m, k) => {
      const entry = entries[k];
      const values = years.map((y) => svodValue(kind, entry ? (entry.values[String(y)] ?? null) : null));
      values.forEach((v, y) => columnsByYear[y]!.push(v));
      // The indicator's number on every row: a page that starts inside a block still says whose values these are.
      const key = `${t}:${kind ?? ''}`;
      let row = m.kept?.get(key);
      if (!row) {
        row = sheet.row('data', [indicator.number, m.name, null, ...values]);
        m.kept?.set(key, row);
      }
      sheet.push(row);
    });
    const regional = columnsByYear.map((values) => aggregate(kind, values));
    sheet.add(
      'total',
      [indicator.number, kind ? `${REGION_COLUMN}: ${AGGREGATE_LABEL[kind]}` : `${REGION_COLUMN}: не рассчитывается (единица не распознана)`, null, ...regional.map((r) => r.value)],
      [null, null, null, ...regional.map((r) => r.format)],
    );
  });
  if (memo && keptRows) memo.indicatorRows = keptRows.next;
  return sheet.build({ rows: header + 1, cols: 0 }, 'portrait', input.regionName);
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

const ROADMAP_COLUMNS: readonly RegionalColumn[] = Object.freeze([
  { width: 22 },
  { width: 8, align: 'center', numberFormat: '0' },
  { width: 8, align: 'center', numberFormat: '@' },
  { width: 55 },
  { width: 20, align: 'center' },
  { width: 30 },
  { width: 40 },
]);

/**
 * One municipality's rows of «Дорожные карты»: its items in reading order, a section row wherever the section path
 * changes, heights fitted. Depends on nothing but the name, the version and the roadmap, so it can be kept.
 */
function roadmapBlock(name: string, version: number, content: SubmissionContent, columns: RegionalColumn[]): RegionalRoadmapBlock {
  const sheet = new SheetBuilder(SHEET_ROADMAPS, columns);
  let previous: string[] = [];
  for (const entry of orderRoadmap(content.roadmap)) {
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
  const { rows, merges } = fitRowHeights({ name: SHEET_ROADMAPS, columns, rows: sheet.rows, merges: sheet.merges, freeze: { rows: 0, cols: 0 } });
  return { name, version, rows, merges };
}

function roadmapSheet(input: MergeInput, c: Consolidation, memo: RegionalBuildMemo | undefined): RegionalSheet {
  const columns = ROADMAP_COLUMNS.map((col) => ({ ...col }));
  const sheet = new SheetBuilder(SHEET_ROADMAPS, columns);
  const withRoadmap = c.municipalities.filter((m) => m.merged?.content.roadmap.length);
  const kept = memo ? new Generation(memo.roadmaps) : null;
  sheet.titles([
    { kind: 'title', text: input.regionName },
    { kind: 'title', text: 'Свод дорожных карт муниципалитетов' },
    { kind: 'note', text: deadlineLine(input.deadline, c.zone) },
    { kind: 'note', text: svodLine(c) },
    { kind: 'note', text: `Дорожные карты в своде: ${withRoadmap.length} из ${c.total} муниципалитетов.` },
  ]);
  const header = sheet.add('header', ['Муниципалитет', 'Версия', '№', 'Мероприятие', 'Срок', 'Исполнитель', 'Результат']);
  for (const m of withRoadmap) {
    const { name } = m.input;
    const { version, content } = m.merged!;
    let block = kept?.get(content);
    if (!block || block.name !== name || block.version !== version) block = roadmapBlock(name, version, content, columns);
    kept?.set(content, block);
    sheet.addBlock(block);
  }
  if (memo && kept) memo.roadmaps = kept.next;
  return sheet.build({ rows: header + 1, cols: 3 }, 'landscape', input.regionName);
}

// ---------------------------------------------------------------------------------------------------------------
// Статус

const STATUS_ORDER = ['принято', 'сдано с опозданием', 'ждёт сопоставления', 'сдано с ошибками', 'возвращено на доработку', 'не сдано', 'просрочено', 'отключён'] as const;

function statusSheet(input: MergeInput, c: Consolidation): RegionalSheet {
  const columns: RegionalColumn[] = [
    { width: 30 },
    { width: 16, align: 'center' },
    { width: 10, align: 'center', numberFormat: '0' },
    { width: 17, align: 'center', numberFormat: 'dd.mm.yyyy hh:mm' },
    { width: 9, align: 'center', numberFormat: '0' },
    { width: 15, align: 'center', numberFormat: '0' },
    { width: 10, align: 'center', numberFormat: '0' },
    { width: 13, align: 'center' },
    { width: 48 },
  ];
  const sheet = new SheetBuilder(SHEET_STATUS, columns);
  const rows = c.municipalities.map((m) => m.row);
  const counts = STATUS_ORDER.map((s) => [s, rows.filter((r) => r.status === s).length] as const).filter(([, n]) => n > 0);
  sheet.titles([
    { kind: 'title', text: input.regionName },
    { kind: 'title', text: 'Статус сдачи' },
    { kind: 'note', text: deadlineLine(input.deadline, c.zone) },
    { kind: 'note', text: `В своде данные ${c.inSvod} из ${c.total} муниципалитетов${offText(c)}.` },
    { kind: 'note', text: `По статусам: ${counts.map(([s, n]) => `${s} — ${n}`).join(', ')}.` },
    { kind: 'note', text: `Время — ${c.zone} (${input.timeZone}).` },
  ]);
  const header = sheet.add('header', ['Муниципалитет', 'Статус', 'Последняя версия', `Прислана (${c.zone})`, 'Ошибок', 'Предупреждений', 'В своде версия', 'Показателей в своде', 'Примечание']);
  for (const r of rows) {
    sheet.add('data', [
      r.name,
      r.status,
      r.version,
      wallClockCell(r.submittedAt, input.timeZone),
      r.version === null ? null : r.errors,
      r.version === null ? null : r.warnings,
      r.inSvod?.version ?? null,
      r.indicators ? (r.indicators.submitted ? `${r.indicators.merged} из ${r.indicators.submitted}` : 'нет показателей') : null,
      r.note,
    ]);
  }
  sheet.add('total', ['Итого', `в своде ${c.inSvod} из ${c.total}`, null, null, rows.reduce((s, r) => s + r.errors, 0), rows.reduce((s, r) => s + r.warnings, 0)]);
  return sheet.build({ rows: header + 1, cols: 1 }, 'landscape', input.regionName);
}

// ---------------------------------------------------------------------------------------------------------------
// Не вошло в свод

function notMergedSheet(input: MergeInput, c: Consolidation): RegionalSheet {
  const columns: RegionalColumn[] = [{ width: 24 }, { width: 8, align: 'center', numberFormat: '0' }, { width: 24 }, { width: 44 }, { width: 24 }, { width: 32 }, { width: 42 }];
  const sheet = new SheetBuilder(SHEET_NOT_MERGED, columns);
  sheet.titles([
    { kind: 'title', text: input.regionName },
    { kind: 'title', text: 'Что прислано, но не вошло в свод, и почему' },
    { kind: 'note', text: c.notMerged.length ? `Всего: ${c.notMerged.length}.` : 'Всё, что прислали муниципалитеты в версиях свода, вошло в свод.' },
  ]);
  const header = sheet.add('header', ['Муниципалитет', 'Версия', 'Где', 'Показатель', 'Значения', 'Причина', 'Возможно, имелся в виду']);
  for (const n of c.notMerged) {
    sheet.add('data', [n.name, n.version, n.where, n.indicator ?? '(вся версия)', n.values || null, n.reason, n.suggestions.length ? n.suggestions.map((s) => `«${s}»`).join('\n') : null]);
  }
  return sheet.build({ rows: header + 1, cols: 1 }, 'landscape', input.regionName);
}

// ---------------------------------------------------------------------------------------------------------------
// Сокращения

/** The abbreviations of the versions in the Свод, one row per abbreviation and meaning, with who uses it. */
function glossarySheet(input: MergeInput, c: Consolidation): RegionalSheet | null {
  const byKey = new Map<string, { abbreviation: string; fullName: string; who: string[] }>();
  for (const m of c.municipalities) {
    for (const g of m.merged?.content.glossary ?? []) {
      const key = `${matchKey(g.abbreviation)}\u0000${matchKey(g.fullName)}`;
      const known = byKey.get(key);
      if (!known) byKey.set(key, { ...g, who: [m.input.name] });
      else if (!known.who.includes(m.input.name)) known.who.push(m.input.name);
    }
  }
  if (!byKey.size) return null;
  const sheet = new SheetBuilder(SHEET_GLOSSARY, [{ width: 18 }, { width: 62 }, { width: 40 }]);
  sheet.titles([
    { kind: 'title', text: input.regionName },
    { kind: 'title', text: 'Сокращения, принятые в дорожных картах муниципалитетов' },
  ]);
  const header = sheet.add('header', ['Сокращение', 'Расшифровка', 'Муниципалитеты']);
  const list = [...byKey.values()].sort((a, b) => a.abbreviation.localeCompare(b.abbreviation, 'ru') || a.fullName.localeCompare(b.fullName, 'ru'));
  for (const g of list) sheet.add('data', [g.abbreviation, g.fullName, g.who.join('; ')]);
  return sheet.build({ rows: header + 1, cols: 0 }, 'portrait', input.regionName);
}

/**
 * The regional workbook: `Свод показателей` (when the template has indicators), `Дорожные карты`, `Статус`,
 * `Не вошло в свод` and `Сокращения` (when any glossary was submitted). Pure and deterministic. With `memo` (kept by
 * the caller between builds) a municipality's roadmap rows are built once per content, name and version, and shared
 * by the workbooks built from it; the workbook is the same as without it.
 */
export function buildRegionalWorkbook(input: MergeInput, consolidation?: Consolidation, memo?: RegionalBuildMemo): RegionalWorkbook {
  const c = consolidation ?? consolidate(input, memo);
  const sheets: RegionalSheet[] = [];
  if (collectsIndicators(input.template)) sheets.push(indicatorSheet(input, input.template, c, memo));
  sheets.push(roadmapSheet(input, c, memo), statusSheet(input, c), notMergedSheet(input, c));
  const glossary = glossarySheet(input, c);
  if (glossary) sheets.push(glossary);
  return { sheets };
}
