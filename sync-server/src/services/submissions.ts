import { randomUUID } from 'node:crypto';
import { check, extractSubmission, type GridWorkbook, type SvodConfig } from '@svod/shared';
import { HttpError } from '../http/errors';
import { sha256 } from '../store/blobs';
import type { Store } from '../store/store';
import type { SubmissionRecord } from '../store/schema';
import { latestVersion } from './status';

export interface IncomingSubmission {
  municipalityId: string;
  workbook: GridWorkbook;
  /** The original bytes as received: the xlsx/csv file, or the JSON body. */
  bytes: Uint8Array;
  kind: SubmissionRecord['kind'];
  fileName: string | null;
  idempotencyKey: string | null;
}

/** How many diagnostics a version keeps: enough to act on, bounded against a hostile sheet. */
const MAX_STORED_DIAGNOSTICS = 2000;

/**
 * The rule configuration for submissions. Without the template: what depends on it (`indicator-not-in-template`) is
 * recomputed from the stored content against the current template whenever a version is shown (`RegionView`), so a
 * new template never leaves stale findings behind. The template's years describe its indicators, not the period of
 * every roadmap, so each table keeps the period its own title states.
 */
export function submissionConfig(): SvodConfig {
  return { maxDiagnostics: MAX_STORED_DIAGNOSTICS };
}

/**
 * Validates with the shared rules, stores the original and its extracted content, and records a new version.
 * Errors reject the version (kept for the record, never merged); warnings do not. Identical content or a repeated
 * Idempotency-Key returns the existing version instead of a new one.
 */
export async function submit(store: Store, incoming: IncomingSubmission, now: Date): Promise<{ record: SubmissionRecord; created: boolean }> {
  const data = store.db.data;
  if (!data.municipalities.some((m) => m.id === incoming.municipalityId)) {
    throw new HttpError(403, 'forbidden', 'Муниципалитет этого токена не зарегистрирован.');
  }
  if (incoming.idempotencyKey) {
    const same = data.submissions.find((s) => s.municipalityId === incoming.municipalityId && s.idempotencyKey === incoming.idempotencyKey);
    if (same) {
      if (same.fileHash !== sha256(incoming.bytes)) {
        throw new HttpError(422, 'idempotency-conflict', 'Этот ключ Idempotency-Key уже использован для другого файла.');
      }
      return { record: same, created: false };
    }
  }
  const fileHash = sha256(incoming.bytes);
  const last = latestVersion(data, incoming.municipalityId);
  if (last && last.fileHash === fileHash) return { record: last, created: false };

  const report = check(incoming.workbook, submissionConfig());
  const diagnostics = report.sheets.flatMap((s) => s.diagnostics).map(({ fix: _fix, ...d }) => d);
  const content = extractSubmission(incoming.workbook);
  // Files first, the record after: a record never points at a file that is not on disk.
  await store.blobs.put(incoming.bytes);
  const contentHash = await store.blobs.put(JSON.stringify(content));
  const diagnosticsHash = await store.blobs.put(JSON.stringify(diagnostics));

  const record: SubmissionRecord = {
    id: randomUUID(),
    municipalityId: incoming.municipalityId,
    // Taken at commit time, after every await, so concurrent uploads of one municipality get distinct versions.
    version: (latestVersion(data, incoming.municipalityId)?.version ?? 0) + 1,
    submittedAt: now.toISOString(),
    kind: incoming.kind,
    fileName: incoming.fileName,
    fileHash,
    contentHash,
    status: report.summary.errors > 0 ? 'rejected' : 'accepted',
    summary: report.summary,
    diagnosticsHash,
    idempotencyKey: incoming.idempotencyKey,
    templateFree: true,
  };
  data.submissions.push(record);
  await store.db.write();
  await store.audit.append({
    action: 'submission',
    actor: `municipality:${incoming.municipalityId}`,
    target: record.id,
    details: { version: record.version, status: record.status, errors: report.summary.errors, warnings: report.summary.warnings, fileHash },
  });
  return { record, created: true };
}

