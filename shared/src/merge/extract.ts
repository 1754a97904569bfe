import type { CellValue, GridWorkbook } from '../grid/grid';
import { isEmptyValue } from '../grid/grid';
import type { SvodConfig } from '../engine/config';
import { TableContext, WorkbookContext } from '../engine/context';
import type { Table } from '../reader/model';
import { readWorkbook } from '../reader/read';
import { toA1 } from '../grid/address';
import { cellText, collapseWhitespace } from '../text/normalize';
import { indicatorKey } from './key';
import type { GlossaryItem, IndicatorEntry, RegionalTemplate, RoadmapEntry, SubmissionContent } from './types';

/**
 * The full text of an item's cell with the rows a page break split off it, as `TableContext.fullText` reads it, but a
 * word broken at its hyphen («Рефлексивно-» + «аналитическая») is joined without a space.
 */
function joinedText(context: TableContext, rowIndex: number, col: number | undefined): string {
  if (col === undefined) return '';
  if (context.splitInMergedCell(rowIndex, col)) return context.fullText(rowIndex, col); // a merged cell split at a page break
  const { rows } = context.table;
  const row = rows[rowIndex];
  if (!row) return '';
  let out = context.text(row.row, col);
  for (let i = rowIndex + 1; i < rows.length; i++) {
    const next = rows[i]!;
    if (next.role === 'repeated-header' || next.role === 'blank') continue;
    if (next.role !== 'continuation' || next.continues !== rowIndex) break;
    if (context.mergedFromAbove(next.row, col)) continue;
    const part = context.text(next.row, col);
    if (part === '') continue;
    if (out === '') out = part;
    else out += (/[а-яёa-z]-$/i.test(out) && /^[а-яёa-z]/.test(part) ? '' : ' ') + part;
  }
  return out;
}

/** The title of a section row with the rows a page break split off it («5. Создание системы …» + «повышение …»). */
function sectionTitle(context: TableContext, index: number): string {
  const { table } = context;
  const row = table.rows[index]!;
  const parts = [row.title ?? ''];
  for (let i = index + 1; i < table.rows.length; i++) {
    const next = table.rows[i]!;
    if (next.role === 'repeated-header' || next.role === 'blank') continue;
    if (next.role !== 'continuation' || next.continues !== index) break;
    for (let c = table.range.left; c <= table.range.right; c++) {
      const master = context.cellOf(next.row, c);
      if (master.row !== next.row || master.col !== c) continue; // merged from above or from the left
      const text = context.text(next.row, c);
      if (text) parts.push(text);
    }
  }
  return collapseWhitespace(parts.join(' '));
}

/** Section titles of every section row, continuations joined; index → title. */
function sectionTitles(context: TableContext): Map<number, string> {
  const out = new Map<number, string>();
  context.table.rows.forEach((row, i) => {
    if (row.role === 'section') out.set(i, sectionTitle(context, i));
  });
  return out;
}

/** The enclosing sections of a row, outermost first (an item's parent item is skipped, its sections are not). */
function sectionPath(table: Table, index: number, titles: Map<number, string>): string[] {
  const path: string[] = [];
  const seen = new Set<number>();
  let current = table.rows[index]?.parent;
  while (current !== undefined && current >= 0 && !seen.has(current)) {
    seen.add(current);
    const row = table.rows[current]!;
    if (row.role === 'section') path.unshift(titles.get(current) ?? row.title ?? '');
    current = row.parent;
  }
  return path.filter((t) => t !== '');
}

/** A value as written: strings keep their text (spaces collapsed), numbers stay numbers, empty is null. */
function writtenValue(value: CellValue): CellValue {
  if (typeof value === 'string') return isEmptyValue(value) ? null : collapseWhitespace(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

function roadmapEntries(context: TableContext): RoadmapEntry[] {
  const { table } = context;
  const titles = sectionTitles(context);
  const out: RoadmapEntry[] = [];
  const col = (role: 'activity' | 'deadline' | 'executor' | 'result') => context.col(role);
  table.rows.forEach((row, i) => {
    if (row.role !== 'item') return;
    const path = sectionPath(table, i, titles);
    const entry: RoadmapEntry = {
      section: path.length ? path[path.length - 1]! : null,
      number: row.number ? row.number.raw : null,
      activity: joinedText(context, i, col('activity')),
      deadline: joinedText(context, i, col('deadline')),
      executor: joinedText(context, i, col('executor')),
      result: joinedText(context, i, col('result')),
    };
    if (path.length > 1) entry.sectionPath = path;
    // A roadmap planned by year columns (seed 003: «2021 | 2022 | …» under «Ключевые мероприятия»).
    if (table.years.length) {
      const plan: Record<string, string> = {};
      for (const y of table.years) {
        const text = joinedText(context, i, y.col);
        if (text && plan[String(y.year)] === undefined) plan[String(y.year)] = text;
      }
      if (Object.keys(plan).length) entry.plan = plan;
    }
    if (!entry.activity && !entry.deadline && !entry.executor && !entry.result && !entry.plan && !entry.number) return;
    out.push(entry);
  });
  return out;
}

function indicatorEntries(context: TableContext): IndicatorEntry[] {
  const { table } = context;
  const titles = sectionTitles(context);
  const nameCol = context.col('indicator');
  const unitCol = context.col('unit');
  const out: IndicatorEntry[] = [];
  table.rows.forEach((row, i) => {
    if (row.role !== 'item') return;
    const name = joinedText(context, i, nameCol);
    const values: Record<string, CellValue> = {};
    for (const y of table.years) {
      const key = String(y.year);
      if (key in values) continue; // a duplicated year column: the first one counts
      values[key] = writtenValue(context.value(row.row, y.col));
    }
    if (!name && Object.values(values).every((v) => v === null)) return;
    const path = sectionPath(table, i, titles);
    const entry: IndicatorEntry = {
      key: indicatorKey(name),
      name,
      number: row.number ? row.number.raw : null,
      unit: unitCol === undefined ? '' : collapseWhitespace(cellText(context.value(row.row, unitCol))),
      section: path.length ? path[path.length - 1]! : null,
      values,
    };
    if (nameCol !== undefined) {
      entry.sheet = context.sheet.grid.name;
      entry.cell = toA1(context.cellOf(row.row, nameCol));
    }
    out.push(entry);
  });
  return out;
}

/** Roadmap and indicator tables of a workbook with their contexts, in sheet and table order, and its glossary. */
function readTables(workbook: GridWorkbook, config: SvodConfig): { contexts: TableContext[]; glossary: GlossaryItem[] } {
  const model = readWorkbook(workbook, config.period ? { period: config.period } : {});
  const wb = new WorkbookContext(model, config);
  const contexts = model.sheets.flatMap((sheet) => sheet.tables.map((table) => new TableContext(table, sheet, wb)));
  const glossary: GlossaryItem[] = [];
  const seen = new Set<string>();
  for (const g of model.glossary) {
    const item = { abbreviation: collapseWhitespace(g.abbreviation), fullName: collapseWhitespace(g.fullName) };
    const key = `${item.abbreviation}\u0000${item.fullName}`;
    if (item.abbreviation === '' || seen.has(key)) continue;
    seen.add(key);
    glossary.push(item);
  }
  return { contexts, glossary };
}

/**
 * What a municipality's workbook says: every roadmap item (its section, page-break continuations joined, merged
 * executor and result shared by the rows they cover), every indicator with its section, its cell and per-year values
 * as written, and the glossary. Never throws on user data.
 */
export function extractSubmission(workbook: GridWorkbook, config: SvodConfig = {}): SubmissionContent {
  const { contexts, glossary } = readTables(workbook, config);
  const content: SubmissionContent = { indicators: [], roadmap: [], glossary };
  for (const context of contexts) {
    if (context.table.kind === 'roadmap') content.roadmap.push(...roadmapEntries(context));
    else if (context.table.kind === 'indicators') content.indicators.push(...indicatorEntries(context));
  }
  return content;
}

/**
 * The region's template: the indicator list with sections, the years of the indicator tables' year columns and the
 * section titles of its roadmap tables, if any.
 */
export function extractTemplate(workbook: GridWorkbook, config: SvodConfig = {}): RegionalTemplate {
  const indicators: RegionalTemplate['indicators'] = [];
  const years = new Set<number>();
  const sections: string[] = [];
  for (const context of readTables(workbook, config).contexts) {
    const { table } = context;
    if (table.kind === 'indicators') {
      for (const { values: _values, sheet: _sheet, cell: _cell, ...rest } of indicatorEntries(context)) indicators.push(rest);
      for (const y of table.years) years.add(y.year);
    } else if (table.kind === 'roadmap') {
      for (const title of sectionTitles(context).values()) if (!sections.includes(title)) sections.push(title);
    }
  }
  return { indicators, years: [...years].sort((a, b) => a - b), sections };
}
