import type { ColumnRole, IndicatorMapping, RegionalTemplate } from '@svod/shared';

/** `federal`: reads every region's status and the federal summary, changes nothing in any region. */
export type Role = 'coordinator' | 'municipality' | 'federal';

export interface TokenRecord {
  id: string;
  /** SHA-256 of the token; the token itself is shown once and never stored. */
  hash: string;
  role: Role;
  /** The region the token belongs to; null for a federal token. */
  regionId: string | null;
  municipalityId: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface MunicipalityRecord {
  regionId: string;
  /** Unique within its region, not across regions. */
  id: string;
  name: string;
  createdAt: string;
  /** Switched off by the coordinator: its tokens are revoked; its versions stay. Absent while it is active. */
  deactivatedAt?: string;
  /** The Google spreadsheet the coordinator pulls this municipality's submissions from (absent in older stores). */
  googleSheet?: GoogleSheetLink;
  /**
   * The municipality's remembered column mapping (header text → role), applied to every check of its submissions;
   * absent in older stores and when none is set.
   */
  columns?: Record<string, ColumnRole>;
}

/** A Google spreadsheet Svod reads from or writes to, as the coordinator registered it. */
export interface GoogleSheetLink {
  spreadsheetId: string;
  /** The sheets to read, by title; null: every sheet. */
  sheets: string[] | null;
  registeredAt: string;
}

/** Where a version came from when Svod fetched it rather than received it. */
export interface SubmissionSource {
  kind: 'google-sheets';
  spreadsheetId: string;
  /** The spreadsheet's title when it was read. */
  title: string;
}

export type SubmissionStatus = 'accepted' | 'rejected';

export interface SubmissionRecord {
  id: string;
  regionId: string;
  municipalityId: string;
  version: number;
  submittedAt: string;
  /** What was sent: an Excel workbook, a LibreOffice spreadsheet (.ods), a CSV, or the JSON form. */
  kind: 'xlsx' | 'ods' | 'csv' | 'json';
  fileName: string | null;
  /** SHA-256 of the original bytes, the key of the stored file. */
  fileHash: string;
  /** SHA-256 key of the extracted SubmissionContent JSON. */
  contentHash: string;
  status: SubmissionStatus;
  /** Counts every finding; `truncated` when the stored diagnostics were cut at the server's limit. */
  summary: { errors: number; warnings: number; infos: number; truncated?: true };
  /**
   * SHA-256 key of the version's diagnostics (JSON) in the blob store. Kept out of db.json, which is rewritten whole on
   * every write: inline, thousands of diagnostics per version made each submission's write grow with the archive.
   */
  diagnosticsHash: string;
  idempotencyKey: string | null;
  /**
   * True for versions checked without the template: `summary` and the stored diagnostics hold only findings that do
   * not depend on it, and the template's are recomputed against the current template whenever asked. Versions stored
   * before have the template's findings of their day mixed in, which the server discounts.
   */
  templateFree?: true;
  /** Set for versions the coordinator pulled from a Google spreadsheet (`kind` is then `json`: the grids as read). */
  source?: SubmissionSource;
  /**
   * The municipality's column mapping this version was read with: the same file sent again after the mapping changed
   * is a new reading, not a repeat.
   */
  columns?: Record<string, ColumnRole>;
  /** The coordinator's «вернуть на доработку», newest last; absent when never returned. */
  returns?: Array<{ id: string; comment: string; at: string }>;
}

export interface RegionRecord {
  /** The tenant's key: short and stable (`SVOD_REGION_ID`, or the federal coordinator's choice). */
  id: string;
  name: string;
  /** IANA zone of the region's clock; absent in stores made before it was kept (then Moscow). */
  timeZone?: string;
  deadline: string | null;
  /** The coordinator's confirmed decisions about submitted indicator names, kept across versions and templates. */
  mappings?: IndicatorMapping[];
  template: { fileHash: string; fileName: string | null; uploadedAt: string; content: RegionalTemplate } | null;
  /** The default Google spreadsheet the regional workbook is published to (absent in older stores). */
  googleSheet?: Omit<GoogleSheetLink, 'sheets'>;
  createdAt: string;
}

/** db.json of the lowdb store. Schema 1 (one region, records without region ids) is read and upgraded on open. */
export interface Data {
  schema: 2;
  regions: RegionRecord[];
  tokens: TokenRecord[];
  municipalities: MunicipalityRecord[];
  submissions: SubmissionRecord[];
}

export const EMPTY: Data = { schema: 2, regions: [], tokens: [], municipalities: [], submissions: [] };

/** The id a region gets when none is configured, and the id a schema-1 store's region is given on upgrade. */
export const DEFAULT_REGION_ID = 'region';
