/**
 * The regional merge as pure data: what one submission contains, what the region's template asks for, and the
 * regional workbook the coordinator sends upward. The server renders `RegionalWorkbook` with ExcelJS; nothing here
 * knows about files.
 */
import type { CellRange } from '../grid/address';
import type { CellValue } from '../grid/grid';
import type { VersionReport } from './consolidate';
import type { IndicatorMapping } from './match';

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
  /** Where the name is: the sheet and the A1 cell (absent in contents stored before they were recorded). */
  sheet?: string;
  cell?: string;
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

/** An abbreviation of the workbook's glossary («Сокращения»). */
export interface GlossaryItem {
  abbreviation: string;
  fullName: string;
}

/** What a municipality's workbook says, read once at submission and stored beside the original file. */
export interface SubmissionContent {
  indicators: IndicatorEntry[];
  roadmap: RoadmapEntry[];
  /** Absent in contents stored before glossaries were carried into the regional workbook. */
  glossary?: GlossaryItem[];
}

/** What every municipality reports against: the indicator list with sections, the years, the roadmap sections. */
export interface RegionalTemplate {
  indicators: Array<Omit<IndicatorEntry, 'values'>>;
  years: number[];
  sections: string[];
}

/**
 * «принято»: the last version is accepted and in the Свод; «сдано с опозданием»: the same, sent after the deadline;
 * «ждёт сопоставления»: in the Свод, but some of its indicators wait for the coordinator to say which template
 * indicator they are (or none of them met the template); «сдано с ошибками»: the last version was rejected;
 * «возвращено на доработку»: the coordinator returned the last version (not in the Свод until a newer one comes);
 * «отключён»: the coordinator switched the municipality off (nothing of it in the Свод, not counted in «из M»).
 */
export type MunicipalityStatus = 'не сдано' | 'просрочено' | 'сдано с ошибками' | 'ждёт сопоставления' | 'сдано с опозданием' | 'принято' | 'возвращено на доработку' | 'отключён';

/** The coordinator's «вернуть на доработку» of a version: when (ISO instant) and what to fix. */
export interface VersionReturn {
  at: string;
  comment: string;
}

/** How many of a version's indicators reached the Свод, and what became of the others. */
export interface IndicatorTally {
  /** Named indicator rows (and unnamed rows with values) of the version. */
  submitted: number;
  merged: number;
  /** Waiting for the coordinator's mapping: ambiguous, or a near miss («возможно, имелся в виду …»). */
  awaiting: number;
  /** Not in the template, with nothing close. */
  notInTemplate: number;
  /** Left out by the coordinator's decision. */
  ignored: number;
  /** A second row for an indicator an earlier row already gave, or a row without a name. */
  other: number;
}

export interface StatusRow {
  municipalityId: string;
  name: string;
  status: MunicipalityStatus;
  /** The last version, accepted or not. */
  version: number | null;
  /** ISO timestamp of the last version. */
  submittedAt: string | null;
  /** The last version came after the end of the deadline day (region's clock). */
  late: boolean;
  /** Findings of the last version, the template's recomputed against the current template. */
  errors: number;
  warnings: number;
  /** The version whose data is in the Свод: the latest accepted one, unless it was returned or the municipality is off. */
  inSvod: { version: number; submittedAt: string; late: boolean } | null;
  /**
   * The return that still stands: of the last version (until a newer one comes), else of the latest accepted one
   * (which it keeps out of the Свод); null when none. Always set by `consolidate`; optional on the wire, so rows
   * written before returns existed stay valid.
   */
  returned?: ({ version: number } & VersionReturn) | null;
  /** Its indicators against the current template; null without a template indicator list or a version in the Свод. */
  indicators: IndicatorTally | null;
  /** Why the Свод has this version, or none, in one Russian sentence. */
  note: string;
}

/** One version of a municipality as the merge sees it. */
export interface VersionInput {
  version: number;
  submittedAt: string;
  accepted: boolean;
  /** Template-independent findings (the template's are recomputed from `content`). */
  errors: number;
  warnings: number;
  content: SubmissionContent;
  /** The coordinator's latest return of this version: it never goes into the Свод, and no older version stands in. */
  returned?: VersionReturn | null;
}

export interface MunicipalityInput {
  id: string;
  name: string;
  /** The last version, accepted or not. */
  latest: VersionInput | null;
  /**
   * The latest accepted version: what goes into the Свод (the same object as `latest` when that was accepted) unless
   * it was returned or the municipality is switched off.
   */
  accepted: VersionInput | null;
  /** ISO instant the coordinator switched it off: none of its versions go in, and it is not counted in «из M». */
  deactivatedAt?: string | null;
}

export interface MergeInput {
  regionName: string;
  /** IANA zone of the region's clock: deadlines end at its midnight, times are shown on it. */
  timeZone: string;
  /** Null: the region collects roadmaps only (no indicator list). */
  template: RegionalTemplate | null;
  /** ISO date of the submission deadline, if set. */
  deadline: string | null;
  /** The coordinator's confirmed decisions about submitted indicator names. */
  mappings: IndicatorMapping[];
  municipalities: MunicipalityInput[];
  /** ISO instant the status is taken at (before or after the deadline). */
  now: string;
}

/** Something a municipality submitted that is not in the Свод, and why: the regional workbook says it out loud. */
export interface NotMerged {
  municipalityId: string;
  name: string;
  version: number;
  /** The indicator as submitted, or null for a whole version. */
  indicator: string | null;
  /** «Лист!A12», when known. */
  where: string | null;
  /** The values that stayed out, «2021: 5; 2022: 7». */
  values: string;
  reason: string;
  /** Full names of template indicators it may be («возможно, имелся в виду»). */
  suggestions: string[];
}

/** `group`: the bold head of a block (an indicator above its municipalities' rows). */
export type RegionalRowKind = 'title' | 'note' | 'header' | 'section' | 'group' | 'data' | 'total';

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
  /** A4 orientation when printed (fit to the page width, header rows repeated). */
  orientation?: 'portrait' | 'landscape';
  /** What every printed page says at its foot, left, beside «Страница N из M». */
  footer?: string;
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

/**
 * A municipality's part of «Дорожные карты» as built for one version: its section and item rows (their heights
 * fitted) and its merges, rows counted from the block's first row.
 */
export interface RegionalRoadmapBlock {
  name: string;
  version: number;
  rows: RegionalRow[];
  merges: CellRange[];
}

/**
 * What a caller that builds the regional workbook again and again (the server, on every new version) may keep
 * between builds so that a municipality whose version did not change is not built again: a new `{}` to start. The
 * pieces are keyed by the very content object they came from (the server keeps one object per stored content), so a
 * new content is always built afresh; with or without a memo the same input gives the same workbook.
 */
export interface RegionalBuildMemo {
  /** Roadmap blocks by the content they were built from (and valid only for the same name and version). */
  roadmaps?: WeakMap<SubmissionContent, RegionalRoadmapBlock>;
  /**
   * «Свод показателей» data rows by content: for the template, mappings and name they were built with, by template
   * row and unit kind (the kind depends on every municipality's unit, so a row is kept per kind).
   */
  indicatorRows?: WeakMap<SubmissionContent, { template: RegionalTemplate; mappings: readonly IndicatorMapping[]; name: string; rows: Map<string, RegionalRow> }>;
  /** Indicator reports by content, for the template and mappings objects they were computed against. */
  reports?: WeakMap<SubmissionContent, { template: RegionalTemplate; mappings: readonly IndicatorMapping[]; report: VersionReport }>;
}
