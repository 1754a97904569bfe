import { randomUUID } from 'node:crypto';
import type { GridWorkbook, SvodConfig } from '@svod/shared';
import { HttpError } from '../http/errors';
import { sha256 } from '../store/blobs';
import type { Store, VersionState } from '../store/store';
import type { MunicipalityRecord, SubmissionRecord, SubmissionSource } from '../store/schema';
import type { UploadLimits } from '../uploads/limits';
import { checkInWorker, readAndCheckInWorker } from './check-worker';

/**
 * The grids of a submission: read already, or still to be read in the check's worker (`readAndCheckInWorker`) from an
 * inspected xlsx or the JSON form's body.
 */
export type SubmittedGrids = { workbook: GridWorkbook; unread?: undefined } | { workbook?: undefined; unread: { form: 'xlsx' | 'json'; bytes: Uint8Array } };

export type IncomingSubmission = SubmittedGrids & {
  regionId: string;
  municipalityId: string;
  /** The original bytes as received: the xlsx/csv file (an xlsx as inspected and repacked), or the JSON body. */
  bytes: Uint8Array;
  kind: SubmissionRecord['kind'];
  fileName: string | null;
  idempotencyKey: string | null;
  /** Set when Svod fetched the workbook (a Google spreadsheet the coordinator pulled), not the municipality sent it. */
  source?: SubmissionSource;
  /** Who is recorded in the audit log; the municipality itself by default. */
  actor?: string;
};

/** How many diagnostics a version keeps: enough to act on, bounded against a hostile sheet. */
const MAX_STORED_DIAGNOSTICS = 2000;

/**
 * The rule configuration for submissions. Without the template: what depends on it (`indicator-not-in-template`) is
 * recomputed from the stored content against the current template whenever a version is shown (`RegionView`), so a
 * new template never leaves stale findings behind. The template's years describe its indicators, not the period of
 * every roadmap, so each table keeps the period its own title states. The municipality's remembered column mapping
 * (`PUT /municipalities/me/columns`) makes a table with its own header names read, as in the pane and the CLI.
 */
export function submissionConfig(municipality?: Pick<MunicipalityRecord, 'columns'>): SvodConfig {
  const columns = municipality?.columns;
  return { maxDiagnostics: MAX_STORED_DIAGNOSTICS, ...(columns && Object.keys(columns).length ? { columns: { ...columns } } : {}) };
}

/**
 * Validates with the shared rules (in a worker, see `check-worker.ts`), stores the original and its extracted content,
 * and records a new version. Errors reject the version (kept for the record, never merged); warnings do not. Identical
 * content or a repeated Idempotency-Key returns the existing version instead of a new one.
 */
export async function submit(
  store: Store,
  incoming: IncomingSubmission,
  now: Date,
  limits?: Partial<UploadLimits>,
): Promise<{ record: SubmissionRecord; created: boolean }> {
  const municipality = await store.municipality(incoming.regionId, incoming.municipalityId);
  if (!municipality) {
    throw new HttpError(403, 'forbidden', 'Муниципалитет этого токена не зарегистрирован.');
  }
  const fileHash = sha256(incoming.bytes);
  // A retry or a resubmission of the last version is answered at once, without a check. Bytes not read yet are not
  // known to be a valid form: a key reused for them is refused after the read, so a broken body gets the read's words.
  // Read outside the municipality's lock: a hint only, asked again under the lock below.
  const config = submissionConfig(municipality);
  const early = existing(await store.versionState(incoming.regionId, incoming.municipalityId, incoming.idempotencyKey), incoming, fileHash, config.columns, incoming.unread === undefined);
  if (early) return { record: early, created: false };

  // Outside the municipality's lock: the check needs no stored state, and one municipality's uploads check in parallel.
  const checked = incoming.unread
    ? await readAndCheckInWorker(incoming.unread.form, incoming.unread.bytes, config, limits)
    : await checkInWorker(incoming.workbook, config, limits);

  // Files first, the record after: a record never points at a file that is not stored. Hashed once: the file here, the
  // two JSON blobs in the worker that made them. Written side by side: each is durable before its put resolves, and one
  // that fails leaves at most an unreferenced blob (content-addressed, harmless). The answer waits for all three to
  // settle, so a refused request has no write of its own still under way.
  const puts = await Promise.allSettled([
    store.blobs.put(incoming.bytes, fileHash),
    store.blobs.put(checked.content.bytes, checked.content.hash),
    store.blobs.put(checked.diagnostics.bytes, checked.diagnostics.hash),
  ]);
  const failed = puts.find((p): p is PromiseRejectedResult => p.status === 'rejected');
  if (failed) throw failed.reason;
  const [contentHash, diagnosticsHash] = puts.slice(1).map((p) => (p as PromiseFulfilledResult<string>).value) as [string, string];

  const { record, created } = await store.appendVersion(incoming.regionId, incoming.municipalityId, incoming.idempotencyKey, (state) => {
    // Asked again under the lock: a submission committed while this one was checked may hold the key or the content.
    const same = existing(state, incoming, fileHash, config.columns);
    if (same) return same;
    return {
      id: randomUUID(),
      regionId: incoming.regionId,
      municipalityId: incoming.municipalityId,
      // Never before the version it follows: two requests of one municipality can take their time in one order and
      // their lock in the other (their checks run side by side), and a later version must not show an earlier time.
      submittedAt: state.last && state.last.submittedAt > now.toISOString() ? state.last.submittedAt : now.toISOString(),
      kind: incoming.kind,
      fileName: incoming.fileName,
      fileHash,
      contentHash,
      // The summary counts every finding, the stored list may be cut: a cut list never turns an error into an acceptance.
      status: checked.summary.errors > 0 ? 'rejected' : 'accepted',
      summary: checked.partial ? { ...checked.summary, truncated: true } : checked.summary,
      diagnosticsHash,
      idempotencyKey: incoming.idempotencyKey,
      templateFree: true,
      ...(incoming.source ? { source: incoming.source } : {}),
      ...(config.columns ? { columns: config.columns } : {}),
    };
  });
  if (!created) return { record, created };
  await store.audit.append({
    action: 'submission',
    actor: incoming.actor ?? `municipality:${incoming.municipalityId}`,
    region: incoming.regionId,
    target: record.id,
    details: {
      version: record.version,
      status: record.status,
      errors: record.summary.errors,
      warnings: record.summary.warnings,
      fileHash,
      ...(incoming.source ? { source: incoming.source.kind, spreadsheetId: incoming.source.spreadsheetId } : {}),
    },
  });
  return { record, created };
}

/** The version this submission already is: the one stored under its Idempotency-Key, or the last one if identical. */
function existing(state: VersionState, incoming: IncomingSubmission, fileHash: string, columns: SvodConfig['columns'], refuseConflict = true): SubmissionRecord | null {
  if (incoming.idempotencyKey) {
    const same = state.byKey;
    if (same) {
      if (same.fileHash !== fileHash) {
        if (!refuseConflict) return null;
        throw new HttpError(422, 'idempotency-conflict', 'Этот ключ Idempotency-Key уже использован для другого файла.');
      }
      return same;
    }
  }
  const last = state.last;
  // The same file read with another column mapping is another reading of it: a new version.
  return last && last.fileHash === fileHash && sameColumns(last.columns, columns) ? last : null;
}

function sameColumns(a: SvodConfig['columns'], b: SvodConfig['columns']): boolean {
  const entries = (m: SvodConfig['columns']) => JSON.stringify(Object.entries(m ?? {}).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
  return entries(a) === entries(b);
}
