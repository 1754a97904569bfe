/**
 * The federal summary workbook (issue #13) as plain data: one row per region and indicator with the regional values,
 * a list of the regions, and what is not in the summary and why. The server renders it (`workbook/federal.ts`); the
 * sheets have the regional workbook's shape (`RegionalSheet`: rows by kind, per-cell number formats, merges, widths,
 * fitted heights) plus the autofilter range of their header.
 *
 * Nothing is dropped silently: a region without a template, with a roadmaps-only template or with no municipality in
 * its Свод has a line on «Не вошло в свод» and no rows on the first sheet; an indicator without any regional value
 * keeps its row, marked in «Примечание».
 */
import type { IndicatorValues } from '../contracts/portal';
import type { CellRange } from '../grid/address';
import type { CellValue } from '../grid/grid';
import { fitRowHeights } from '../merge/layout';
import { DEFAULT_TIME_ZONE, formatDateTime, isIsoDate, zoneLabel } from '../merge/time';
import type { RegionalColumn, RegionalRow, RegionalSheet } from '../merge/types';

export interface FederalRegionInput {
  id: string; // tenant id, e.g. 'kamchatka'
  name: string; // 'Камчатский край'
  deadline: string | null; // ISO date 'YYYY-MM-DD'
  timeZone: string;
  /** Municipalities counted (switched-off ones left out) and how many of them are in the region's Свод. */
  total: number;
  inSvod: number;
  /** The region's template: null when it has none; 'roadmaps-only' when its template has no indicator table. */
  collects: 'indicators' | 'roadmaps-only' | null;
  /** The region's indicator values as the portal shows them (GET /api/v1/region/indicators): per template indicator, `region` = the regional value per year, computed with the regional workbook's own aggregation. */
  values: IndicatorValues;
}
export interface FederalSummaryInput {
  regions: FederalRegionInput[];
  now: string /* ISO instant */;
}

/** A sheet of the federal summary: the regional workbook's sheet model, and the range its autofilter covers. */
export interface FederalSheet extends RegionalSheet {
  /** The header row across the table's columns (0-based), or null for a sheet without a filter. */
  autoFilter: CellRange | null;
}

export interface FederalSummary {
  /** The ISO instant the summary was taken at: the workbook's created and modified dates (the same input, the same bytes). */
  generatedAt: string;
  sheets: FederalSheet[];
}

export const FEDERAL_TITLE = 'Сводные значения целевых показателей по регионам';
export const FEDERAL_SHEET_VALUES = 'Свод по регионам';
export const FEDERAL_SHEET_REGIONS = 'Регионы';
export const FEDERAL_SHEET_NOT_MERGED = 'Не вошло в свод';

export const NO_VALUES_NOTE = 'нет значений: ни один муниципалитет не прислал';
const NOT_NUMBERS_NOTE = 'нет значений: присланное — не числа, не сводится';
const NO_AGGREGATE_NOTE = 'нет значений: неизвестно, как сводить (единица измерения не распознана)';

const COLLECTS_LABEL: Record<'indicators' | 'roadmaps-only' | 'none', string> = {
  indicators: 'показатели и дорожные карты',
  'roadmaps-only': 'только дорожные карты',
  none: 'шаблон не загружен',
};

/**
 * Text a spreadsheet would run as a formula once a user edits the cell (also the full-width forms, and the OOXML escape
 * `_x003D_` that Excel shows as `=`): the model asks for the text format `@`. The server's renderer decides the same on
 * its own (`isFormulaLike` in workbook/write.ts) and the output-safety scan checks the file.
 */
function formulaLike(text: string): boolean {
  const escape = /^_x([0-9A-Fa-f]{4})_/.exec(text);
  const first = escape ? String.fromCharCode(parseInt(escape[1]!, 16)) : text;
  return /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/.test(first);
}

/** Why a region has no rows on the first sheet, in plain Russian; null when it has them. */
export function notMergedReason(region: FederalRegionInput): string | null {
  if (region.collects === null) return 'Шаблон региона не загружен: показателей для свода нет.';
  if (region.collects === 'roadmaps-only') return 'Регион собирает только дорожные карты: в его шаблоне нет таблицы показателей.';
  if (!region.values.indicators.length) return 'В шаблоне региона не найдено ни одного показателя.';
  if (region.total === 0) return 'В регионе нет ни одного действующего муниципалитета.';
  if (region.inSvod === 0) {
    const deadline = region.deadline && isIsoDate(region.deadline) ? `, срок сдачи ${dateRu(region.deadline)}` : '';
    return `Ни один муниципалитет ещё не вошёл в свод региона (0 из ${region.total}${deadline}).`;
  }
  return null;
}

function dateRu(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

/** `2026-12-15` as a date cell (UTC midnight: a spreadsheet date has no zone, and the day stays the day). */
function dateCell(iso: string): Date {
  return new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));
}

/** Decimals a regional value needs (the aggregation rounds to hundredths): 0, 1 or 2. */
function decimals(value: number): number {
  const hundredths = Math.round(Math.abs(value) * 100);
  return hundredths % 100 === 0 ? 0 : hundredths % 10 === 0 ? 1 : 2;
}

/** A row's number format: as many decimals as its most precise value, digits grouped; no spurious `.0`. */
function numberFormat(values: readonly number[]): string {
  const d = values.reduce((m, v) => Math.max(m, decimals(v)), 0);
  return d === 0 ? '#,##0' : `#,##0.${'0'.repeat(d)}`;
}

/** The note of an indicator whose regional values are all empty: nobody sent a value, or what was sent is not a number. */
function emptyNote(indicator: IndicatorValues['indicators'][number]): string {
  const sent = indicator.municipalities.some((m) => Object.values(m.values).some((v) => v !== null && v !== ''));
  if (!sent) return NO_VALUES_NOTE;
  return indicator.aggregate === null ? NO_AGGREGATE_NOTE : NOT_NUMBERS_NOTE;
}

/** Builds sheets row by row: cells padded to the width, formats only where some cell has one, text formats for formula-like text. */
class Sheet {
  readonly rows: RegionalRow[] = [];
  readonly merges: CellRange[] = [];
  private header = -1;

  constructor(
    readonly name: string,
    readonly columns: RegionalColumn[],
  ) {}

  add(kind: RegionalRow['kind'], cells: CellValue[], formats: Array<string | null> = []): number {
    const width = this.columns.length;
    const padded: CellValue[] = [];
    const fmts: Array<string | null> = [];
    for (let c = 0; c < width; c++) {
      const cell = cells[c] ?? null;
      padded.push(cell);
      fmts.push(typeof cell === 'string' && formulaLike(cell) ? '@' : (formats[c] ?? null));
    }
    const row: RegionalRow = { kind, cells: padded };
    if (fmts.some((f) => f !== null)) row.formats = fmts;
    this.rows.push(row);
    if (kind === 'header') this.header = this.rows.length - 1;
    return this.rows.length - 1;
  }

  /** Title lines merged over the table's width, then an empty line. */
  titles(lines: Array<{ kind: 'title' | 'note'; text: string }>): void {
    for (const line of lines) {
      const r = this.add(line.kind, [line.text]);
      if (this.columns.length > 1) this.merges.push({ top: r, left: 0, bottom: r, right: this.columns.length - 1 });
    }
    this.add('note', []);
  }

  done(footer: string): FederalSheet {
    const head = this.header;
    const sheet: FederalSheet = {
      name: this.name,
      columns: this.columns,
      rows: this.rows,
      merges: this.merges,
      freeze: { rows: head + 1, cols: 0 },
      orientation: 'landscape',
      footer,
      autoFilter: head < 0 ? null : { top: head, left: 0, bottom: head, right: this.columns.length - 1 },
    };
    fitRowHeights(sheet);
    return sheet;
  }
}

/** The federal summary of the regions, in the order given, their indicators in template order. Pure. */
export function buildFederalSummary(input: FederalSummaryInput): FederalSummary {
  const stamp = formatDateTime(input.now, DEFAULT_TIME_ZONE);
  const asOf = `по состоянию на ${stamp} ${zoneLabel(DEFAULT_TIME_ZONE, new Date(Date.parse(input.now) || 0))}`;
  const footer = `${FEDERAL_TITLE}, ${asOf}`;
  const reasons = input.regions.map((r) => ({ region: r, reason: notMergedReason(r) }));
  const merged = reasons.flatMap((r) => (r.reason === null ? [r.region] : []));
  const left = reasons.flatMap((r) => (r.reason === null ? [] : [{ region: r.region, reason: r.reason }]));
  // The years of the regions on the sheet: a region left out adds no column that would only ever be empty.
  const years = [...new Set(merged.flatMap((r) => r.values.years))].sort((a, b) => a - b);

  return {
    generatedAt: input.now,
    sheets: [valuesSheet(merged, left.length, input.regions.length, years, asOf, footer), regionsSheet(input.regions, asOf, footer), notMergedSheet(left, asOf, footer)],
  };
}

function valuesSheet(regions: readonly FederalRegionInput[], leftOut: number, all: number, years: readonly number[], asOf: string, footer: string): FederalSheet {
  const columns: RegionalColumn[] = [
    { width: 22 },
    { width: 6, align: 'center' },
    { width: 50 },
    { width: 9, align: 'center' },
    ...years.map((): RegionalColumn => ({ width: 10, align: 'right' })),
    { width: 11, align: 'center' },
    // «Муниципалитетов» (bold) whole on one line.
    { width: 17, align: 'center' },
    { width: 24 },
  ];
  const sheet = new Sheet(FEDERAL_SHEET_VALUES, columns);
  const lines: Array<{ kind: 'title' | 'note'; text: string }> = [
    { kind: 'title', text: FEDERAL_TITLE },
    { kind: 'note', text: asOf },
    { kind: 'note', text: `Регионов в своде: ${regions.length} из ${all}.${leftOut ? ` Не вошли — ${leftOut}: кто и почему, на листе «${FEDERAL_SHEET_NOT_MERGED}».` : ''}` },
    {
      kind: 'note',
      text: 'Значение региона сведено по муниципалитетам, вошедшим в свод региона, так, как сказано в столбце «Как сведено». Пустая ячейка — значения нет (в том числе за год, которого нет в шаблоне региона).',
    },
  ];
  sheet.titles(lines);
  sheet.add('header', ['Регион', '№', 'Показатель', 'Ед. изм.', ...years, 'Как сведено', 'Муниципалитетов в своде', 'Примечание']);
  for (const region of regions) {
    const count = `${region.inSvod} из ${region.total}`;
    for (const indicator of region.values.indicators) {
      const values = years.map((y) => {
        const v = indicator.region[String(y)];
        return typeof v === 'number' && Number.isFinite(v) ? v : null;
      });
      const numbers = values.filter((v): v is number => v !== null);
      const format = numberFormat(numbers);
      sheet.add(
        'data',
        [region.name, indicator.number ?? '', indicator.name, indicator.unit, ...values, indicator.aggregate ?? '—', count, numbers.length ? '' : emptyNote(indicator)],
        [null, null, null, null, ...values.map((v) => (v === null ? null : format))],
      );
    }
  }
  if (!regions.length) {
    const r = sheet.add('note', [`Ни один регион не вошёл в свод — причины на листе «${FEDERAL_SHEET_NOT_MERGED}».`]);
    sheet.merges.push({ top: r, left: 0, bottom: r, right: columns.length - 1 });
  }
  return sheet.done(`${footer} · ${FEDERAL_SHEET_VALUES}`);
}

function regionsSheet(regions: readonly FederalRegionInput[], asOf: string, footer: string): FederalSheet {
  const columns: RegionalColumn[] = [{ width: 30 }, { width: 14 }, { width: 12, align: 'center' }, { width: 16, align: 'center' }, { width: 10, align: 'center' }, { width: 28 }, { width: 17, align: 'center' }];
  const sheet = new Sheet(FEDERAL_SHEET_REGIONS, columns);
  sheet.titles([
    { kind: 'title', text: 'Регионы: сроки сдачи, муниципалитеты, что собирают' },
    { kind: 'note', text: asOf },
  ]);
  sheet.add('header', ['Регион', 'Код', 'Срок сдачи', 'Муниципалитетов', 'В своде', 'Что собирает', 'Годы показателей']);
  for (const r of regions) {
    const deadline = r.deadline && isIsoDate(r.deadline) ? dateCell(r.deadline) : 'не задан';
    const years = [...new Set(r.values.years)].sort((a, b) => a - b);
    const span = !years.length ? '' : years.length === 1 ? String(years[0]) : years.every((y, i) => i === 0 || y === years[i - 1]! + 1) ? `${years[0]}–${years[years.length - 1]}` : years.join(', ');
    sheet.add('data', [r.name, r.id, deadline, r.total, r.inSvod, COLLECTS_LABEL[r.collects ?? 'none'], span], [null, null, deadline instanceof Date ? 'dd.mm.yyyy' : null, '0', '0']);
  }
  return sheet.done(`${footer} · ${FEDERAL_SHEET_REGIONS}`);
}

function notMergedSheet(left: ReadonlyArray<{ region: FederalRegionInput; reason: string }>, asOf: string, footer: string): FederalSheet {
  const sheet = new Sheet(FEDERAL_SHEET_NOT_MERGED, [{ width: 30 }, { width: 90 }]);
  sheet.titles([
    { kind: 'title', text: 'Регионы, не вошедшие в свод показателей' },
    { kind: 'note', text: asOf },
  ]);
  sheet.add('header', ['Регион', 'Причина']);
  for (const { region, reason } of left) sheet.add('data', [region.name, reason]);
  if (!left.length) sheet.add('note', ['Все регионы вошли в свод.']);
  return sheet.done(`${footer} · ${FEDERAL_SHEET_NOT_MERGED}`);
}
