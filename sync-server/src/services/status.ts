import type { MunicipalityStatus, StatusRow } from '@svod/shared';
import type { Data, SubmissionRecord } from '../store/schema';

/** The end of the deadline day, Moscow time being the ministries' clock (UTC+3, no DST since 2014). */
export function deadlinePassed(deadline: string | null, now: Date): boolean {
  if (!deadline) return false;
  const end = Date.parse(`${deadline}T23:59:59.999+03:00`);
  return Number.isFinite(end) && now.getTime() > end;
}

export function latestVersion(data: Data, municipalityId: string): SubmissionRecord | null {
  let last: SubmissionRecord | null = null;
  for (const s of data.submissions) if (s.municipalityId === municipalityId && (!last || s.version > last.version)) last = s;
  return last;
}

export function latestAccepted(data: Data, municipalityId: string): SubmissionRecord | null {
  let last: SubmissionRecord | null = null;
  for (const s of data.submissions) {
    if (s.municipalityId === municipalityId && s.status === 'accepted' && (!last || s.version > last.version)) last = s;
  }
  return last;
}

/**
 * Per municipality: «принято» when its last version was accepted, «сдано с ошибками» when it was rejected,
 * «не сдано» before the deadline with nothing sent, «просрочено» after it.
 */
export function statusRows(data: Data, now: Date): StatusRow[] {
  const late = deadlinePassed(data.region?.deadline ?? null, now);
  return [...data.municipalities]
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'))
    .map((m) => {
      const last = latestVersion(data, m.id);
      let status: MunicipalityStatus;
      if (!last) status = late ? 'просрочено' : 'не сдано';
      else status = last.status === 'accepted' ? 'принято' : 'сдано с ошибками';
      return {
        municipalityId: m.id,
        name: m.name,
        status,
        version: last?.version ?? null,
        submittedAt: last?.submittedAt ?? null,
        errors: last?.summary.errors ?? 0,
        warnings: last?.summary.warnings ?? 0,
      };
    });
}
