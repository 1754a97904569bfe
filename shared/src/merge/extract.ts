import type { CellValue, GridWorkbook } from '../grid/grid';
import { isEmptyValue } from '../grid/grid';
import type { SvodConfig } from '../engine/config';
import { readFacts, type WorkbookFacts } from '../facts/workbook-facts';
import type { TableFacts } from '../facts/table-facts';
import { sectionPath } from '../facts/sections';
import { toA1 } from '../grid/address';
import { cellText, collapseWhitespace } from '../text/normalize';
import { indicatorKey } from './key';
import type { GlossaryItem, IndicatorEntry, RegionalTemplate, RoadmapEntry, SubmissionContent } from './types';

/**
 * The full text of an item's cell with the rows a page break split off it, as `TableFacts.fullText` reads it, but a
 * word broken at its hyphen («Рефлексивно-» + «аналитическая») is joined without a space.
 */
function joinedText(facts: TableFacts, rowIndex: number, col: number | undefined): string {
  if (col === undefined) return '';
  if (facts.splitInMergedCell(rowIndex, col)) return facts.fullText(rowIndex, col); // a merged cell split at a page break
  const { rows } = facts.table;
  const row = rows[rowIndex];
  if (!row) return '';
  let out = facts.text(row.row, col);
  for (let i = rowIndex + 1; i < rows.length; i++) {
    const next = rows[i]!;
    if (next.role === 'repeated-header' || next.role === 'blank') continue;
    if (next.role !== 'continuation' || next.continues !== rowIndex) break;
    if (facts.mergedFromAbove(next.row, col)) continue;
    const part = facts.text(next.row, col);
    if (part === '') continue;
    if (out === '') out = part;
    else out += (/[а-яёa-z]-$/i.test(out) && /^[а-яёa-z]/.test(part) ? '' : ' ') + part;
  }
  return out;
}

/** A value as written: strings keep their text (spaces collapsed), numbers stay numbers, empty is null. */
function writtenValue(value: CellValue): CellValue {
  if (typeof value === 'string') return isEmptyValue(value) ? null : collapseWhitespace(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

function roadmapEntries(facts: TableFacts): RoadmapEntry[] {
  const { table } = facts;
  const titles = facts.sectionTitles;
  const out: RoadmapEntry[] = [];
  const col = (role: 'activity' | 'deadline' | 'executor' | 'result') => facts.col(role);
  table.rows.forEach((row, i) => {
    if (row.role !== 'item') return;
    const path = sectionPath(table, i, titles);
    const entry: RoadmapEntry = {
      section: path.length ? path[path.length - 1]! : null,
      number: row.number ? row.number.raw : null,
      activity: joinedText(facts, i, col('activity')),
      deadline: joinedText(facts, i, col('deadline')),
      executor: joinedText(facts, i, col('executor')),
      result: joinedText(facts, i, col('result')),
    };
    if (path.length > 1) entry.sectionPath = path;
    // A roadmap planned by year columns (seed 003: «2021 | 2022 | …» under «Ключевые мероприятия»).
    if (table.years.length) {
      const plan: Record<string, string> = {};
      for (const y of table.years) {
        const text = joinedText(facts, i, y.col);
        if (text && plan[String(y.year)] === undefined) plan[String(y.year)] = text;
      }
      if (Object.keys(plan).length) entry.plan = plan;
    }
    if (!entry.activity && !entry.deadline && !entry.executor && !entry.result && !entry.plan && !entry.number) return;
    out.push(entry);
  });
  return out;
}

function indicatorEntries(facts: TableFacts): IndicatorEntry[] {
  const { table } = facts;
  const titles = facts.sectionTitles;
  const nameCol = facts.col('indicator');
  const unitCol = facts.col('unit');
  const out: IndicatorEntry[] = [];
  table.rows.forEach((row, i) => {
    if (row.role !== 'item') return;
    const name = joinedText(facts, i, nameCol);
    const values: Record<string, CellValue> = {};
    for (const y of table.years) {
      const key = String(y.year);
      if (key in values) continue; // a duplicated year column: the first one counts
      values[key] = writtenValue(facts.value(row.row, y.col));
    }
    if (!name && Object.values(values).every((v) => v === null)) return;
    const path = sectionPath(table, i, titles);
    const entry: IndicatorEntry = {
      key: indicatorKey(name),
      name,
      number: row.number ? row.number.raw : null,
      unit: unitCol === undefined ? '' : collapseWhitespace(cellText(facts.value(row.row, unitCol))),
      section: path.length ? path[path.length - 1]! : null,
      values,
    };
    if (nameCol !== undefined) {
      entry.sheet = facts.sheet.grid.name;
      entry.cell = toA1(facts.cellOf(row.row, nameCol));
    }
    out.push(entry);
  });
  return out;
}

/** The workbook's glossary, each abbreviation and full name once. */
function glossaryItems(workbook: WorkbookFacts): GlossaryItem[] {
  const glossary: GlossaryItem[] = [];
  const seen = new Set<string>();
  for (const g of workbook.model.glossary) {
    const item = { abbreviation: collapseWhitespace(g.abbreviation), fullName: collapseWhitespace(g.fullName) };
    const key = `${item.abbreviation}\u0000${item.fullName}`;
    if (item.abbreviation === '' || seen.has(key)) continue;
    seen.add(key);
    glossary.push(item);
  }
  return glossary;
}

/**
 * What a municipality's workbook says: every roadmap item (its section, page-break continuations joined, merged
 * executor and result shared by the rows they cover), every indicator with its section, its cell and per-year values
 * as written, and the glossary. Never throws on user data.
 */
export function extractSubmission(workbook: GridWorkbook, config: SvodConfig = {}): SubmissionContent {
  return extractFromFacts(readFacts(workbook, config));
}

/** `extractSubmission` from facts already read: the server checks and extracts a submission over the same facts. */
export function extractFromFacts(workbook: WorkbookFacts): SubmissionContent {
  const content: SubmissionContent = { indicators: [], roadmap: [], glossary: glossaryItems(workbook) };
  for (const facts of workbook.tables) {
    if (facts.table.kind === 'roadmap') content.roadmap.push(...roadmapEntries(facts));
    else if (facts.table.kind === 'indicators') content.indicators.push(...indicatorEntries(facts));
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
  for (const facts of readFacts(workbook, config).tables) {
    const { table } = facts;
    if (table.kind === 'indicators') {
      for (const { values: _values, sheet: _sheet, cell: _cell, ...rest } of indicatorEntries(facts)) indicators.push(rest);
      for (const y of table.years) years.add(y.year);
    } else if (table.kind === 'roadmap') {
      for (const title of facts.sectionTitles.values()) if (!sections.includes(title)) sections.push(title);
    }
  }
  return { indicators, years: [...years].sort((a, b) => a - b), sections };
}
