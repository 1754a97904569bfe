/**
 * The regional merge as pure data: what one submission contains, what the region's template asks for, and the
 * regional workbook the coordinator sends upward. The server renders `RegionalWorkbook` with ExcelJS; nothing here
 * knows about files.
 */
import type { CellRange } from '../grid/address';
import type { CellValue } from '../grid/grid';

/** One indicator row of a submission or of the template. */
export interface IndicatorEntry {
  /** How a submission's row meets the template's: the indicator name through `indicatorKey`. */
  key: string;
  name: string;
  number: string | null;
  unit: string;
  section: string | null;
  /** Year → the value as written (numbers stay numbers, `да`/`-` stay text). */
  values: Record<string, CellValue>;
}

/** One roadmap item of a submission, its page-break continuations joined. */
export interface RoadmapEntry {
  section: string | null;
  number: string | null;
  activity: string;
  deadline: string;
  executor: string;
  result: string;
  /** Every enclosing section, outermost first, when there is more than one («1. Трек 1.» › «1.1. Организационные …»). */
  sectionPath?: string[];
  /** A roadmap planned by year columns (seed 003): year → what is planned for it. */
  plan?: Record<string, string>;
}

/** What a municipality's workbook says, read once at submission and stored beside the original file. */
export interface SubmissionContent {
  indicators: IndicatorEntry[];
  roadmap: RoadmapEntry[];
}

/** What every municipality reports against: the indicator list with sections, the years, the roadmap sections. */
export interface RegionalTemplate {
  indicators: Array<Omit<IndicatorEntry, 'values'>>;
  years: number[];
  sections: string[];
}

export type MunicipalityStatus = 'не сдано' | 'сдано с ошибками' | 'принято' | 'просрочено';

export interface StatusRow {
  municipalityId: string;
  name: string;
  status: MunicipalityStatus;
  /** The last version, accepted or not. */
  version: number | null;
  /** ISO timestamp of the last version. */
  submittedAt: string | null;
  errors: number;
  warnings: number;
}

export interface AcceptedSubmission {
  municipalityId: string;
  name: string;
  version: number;
  submittedAt: string;
  content: SubmissionContent;
}

export interface MergeInput {
  regionName: string;
  template: RegionalTemplate;
  /** ISO date of the submission deadline, if set. */
  deadline: string | null;
  /** The latest accepted version of each municipality. */
  submissions: AcceptedSubmission[];
  status: StatusRow[];
}

export type RegionalRowKind = 'title' | 'note' | 'header' | 'section' | 'data' | 'total';

export interface RegionalColumn {
  width: number;
  /** Excel number format for data cells of this column (`0`, `0.0`, `@` …). */
  numberFormat?: string;
  /** Horizontal alignment of data cells; text columns default to the left. */
  align?: 'left' | 'center' | 'right';
}

export interface RegionalRow {
  kind: RegionalRowKind;
  cells: CellValue[];
  /** Per-cell number formats that override the column's (a regional mean `0.0` beside a sum `0`). */
  formats?: Array<string | null>;
  /** Row height in points, estimated from the wrapped text (spreadsheets do not grow merged or wrapped rows by themselves). */
  height?: number;
}

/** A sheet of the regional workbook as plain data: the ExcelJS adapter only applies styles by row kind. */
export interface RegionalSheet {
  name: string;
  columns: RegionalColumn[];
  rows: RegionalRow[];
  merges: CellRange[];
  /** Rows and columns frozen at the top-left (the header). */
  freeze: { rows: number; cols: number };
}

export interface RegionalWorkbook {
  sheets: RegionalSheet[];
}

export interface DiffItem {
  kind: 'roadmap' | 'indicator';
  /** Item number or indicator key. */
  key: string;
  /** What a person reads: «1.2 Совещание …» or the indicator name. */
  label: string;
}

export interface SubmissionDiff {
  added: DiffItem[];
  removed: DiffItem[];
  changed: Array<DiffItem & { fields: Array<{ field: string; before: CellValue; after: CellValue }> }>;
}
