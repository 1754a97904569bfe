/**
 * Records ↔ rows. A record read back is deep-equal to the one stored: optional fields absent stay absent (SQL null, not
 * a null field), timestamps are the strings given.
 */
import type { MunicipalityRecord, RegionRecord, SubmissionRecord, TokenRecord } from '../schema';
import { jsonParam } from './sql';

export interface RegionRow {
  id: string;
  name: string;
  time_zone: string | null;
  deadline: string | null;
  mappings: RegionRecord['mappings'] | null;
  template_file_hash: string | null;
  template_file_name: string | null;
  template_uploaded_at: string | null;
  template_content: NonNullable<RegionRecord['template']>['content'] | null;
  google_sheet: RegionRecord['googleSheet'] | null;
  created_at: string;
}

export const REGION_COLUMNS =
  'id, name, time_zone, deadline, mappings, template_file_hash, template_file_name, template_uploaded_at, template_content, google_sheet, created_at';

export function regionFromRow(r: RegionRow): RegionRecord {
  return {
    id: r.id,
    name: r.name,
    ...(r.time_zone !== null ? { timeZone: r.time_zone } : {}),
    deadline: r.deadline,
    ...(r.mappings !== null ? { mappings: r.mappings } : {}),
    template:
      r.template_file_hash !== null
        ? { fileHash: r.template_file_hash, fileName: r.template_file_name, uploadedAt: r.template_uploaded_at!, content: r.template_content! }
        : null,
    ...(r.google_sheet !== null ? { googleSheet: r.google_sheet } : {}),
    createdAt: r.created_at,
  };
}

/** Parameters $1..$11 in REGION_COLUMNS order. */
export function regionParams(r: RegionRecord): unknown[] {
  return [
    r.id,
    r.name,
    r.timeZone ?? null,
    r.deadline,
    jsonParam(r.mappings),
    r.template?.fileHash ?? null,
    r.template?.fileName ?? null,
    r.template?.uploadedAt ?? null,
    jsonParam(r.template?.content),
    jsonParam(r.googleSheet),
    r.createdAt,
  ];
}

export interface TokenRow {
  id: string;
  hash: string;
  role: TokenRecord['role'];
  region_id: string | null;
  municipality_id: string | null;
  created_at: string;
  revoked_at: string | null;
}

export const TOKEN_COLUMNS = 'id, hash, role, region_id, municipality_id, created_at, revoked_at';

export function tokenFromRow(r: TokenRow): TokenRecord {
  return { id: r.id, hash: r.hash, role: r.role, regionId: r.region_id, municipalityId: r.municipality_id, createdAt: r.created_at, revokedAt: r.revoked_at };
}

export function tokenParams(t: TokenRecord): unknown[] {
  return [t.id, t.hash, t.role, t.regionId, t.municipalityId, t.createdAt, t.revokedAt];
}

export interface MunicipalityRow {
  region_id: string;
  id: string;
  name: string;
  created_at: string;
  deactivated_at: string | null;
  google_sheet: MunicipalityRecord['googleSheet'] | null;
  columns: MunicipalityRecord['columns'] | null;
}

export const MUNICIPALITY_COLUMNS = 'region_id, id, name, created_at, deactivated_at, google_sheet, columns';

export function municipalityFromRow(r: MunicipalityRow): MunicipalityRecord {
  return {
    regionId: r.region_id,
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    ...(r.deactivated_at !== null ? { deactivatedAt: r.deactivated_at } : {}),
    ...(r.google_sheet !== null ? { googleSheet: r.google_sheet } : {}),
    ...(r.columns !== null ? { columns: r.columns } : {}),
  };
}

export function municipalityParams(m: MunicipalityRecord): unknown[] {
  return [m.regionId, m.id, m.name, m.createdAt, m.deactivatedAt ?? null, jsonParam(m.googleSheet), jsonParam(m.columns)];
}

export interface SubmissionRow {
  id: string;
  region_id: string;
  municipality_id: string;
  version: number;
  submitted_at: string;
  kind: SubmissionRecord['kind'];
  file_name: string | null;
  file_hash: string;
  content_hash: string;
  status: SubmissionRecord['status'];
  summary: SubmissionRecord['summary'];
  diagnostics_hash: string;
  idempotency_key: string | null;
  template_free: boolean;
  source: SubmissionRecord['source'] | null;
  columns: SubmissionRecord['columns'] | null;
  returns: SubmissionRecord['returns'] | null;
}

export const SUBMISSION_COLUMNS =
  'id, region_id, municipality_id, version, submitted_at, kind, file_name, file_hash, content_hash, status, summary, diagnostics_hash, idempotency_key, template_free, source, columns, returns';

export function submissionFromRow(r: SubmissionRow): SubmissionRecord {
  return {
    id: r.id,
    regionId: r.region_id,
    municipalityId: r.municipality_id,
    version: r.version,
    submittedAt: r.submitted_at,
    kind: r.kind,
    fileName: r.file_name,
    fileHash: r.file_hash,
    contentHash: r.content_hash,
    status: r.status,
    summary: r.summary,
    diagnosticsHash: r.diagnostics_hash,
    idempotencyKey: r.idempotency_key,
    ...(r.template_free ? { templateFree: true as const } : {}),
    ...(r.source !== null ? { source: r.source } : {}),
    ...(r.columns !== null ? { columns: r.columns } : {}),
    ...(r.returns !== null ? { returns: r.returns } : {}),
  };
}

export function submissionParams(s: SubmissionRecord): unknown[] {
  return [
    s.id,
    s.regionId,
    s.municipalityId,
    s.version,
    s.submittedAt,
    s.kind,
    s.fileName,
    s.fileHash,
    s.contentHash,
    s.status,
    jsonParam(s.summary),
    s.diagnosticsHash,
    s.idempotencyKey,
    s.templateFree === true,
    jsonParam(s.source),
    jsonParam(s.columns),
    jsonParam(s.returns),
  ];
}

/** `$1, $2, …, $n`, with `::json` where the column is JSON. */
export function placeholders(columns: string, from = 1): string {
  return columns
    .split(', ')
    .map((c, i) => `$${from + i}${JSON_COLUMNS.has(c) ? '::json' : ''}`)
    .join(', ');
}

/** `col = $n, …` for an UPDATE of every column but the keys (which a change may not move). */
export function assignments(columns: string, keys: string[]): { sql: string; indexes: number[] } {
  const all = columns.split(', ');
  const indexes: number[] = [];
  const parts: string[] = [];
  all.forEach((c, i) => {
    if (keys.includes(c)) return;
    indexes.push(i);
    parts.push(`${c} = $${indexes.length}${JSON_COLUMNS.has(c) ? '::json' : ''}`);
  });
  return { sql: parts.join(', '), indexes };
}

const JSON_COLUMNS = new Set(['mappings', 'template_content', 'google_sheet', 'columns', 'summary', 'source', 'returns']);
