import { buildRegionalWorkbook, extractTemplate, type AcceptedSubmission, type GridWorkbook, type MergeInput, type SubmissionContent } from '@svod/shared';
import { HttpError } from '../http/errors';
import { sha256 } from '../store/blobs';
import type { Store } from '../store/store';
import { renderRegionalWorkbook } from '../workbook/write';
import { latestAccepted, statusRows } from './status';

export async function setTemplate(store: Store, workbook: GridWorkbook, bytes: Uint8Array, fileName: string | null, now: Date, actor: string) {
  const content = extractTemplate(workbook);
  if (content.indicators.length === 0 && content.sections.length === 0) {
    throw new HttpError(422, 'template-empty', 'В шаблоне не найдено ни таблицы целевых показателей, ни разделов дорожной карты.');
  }
  const fileHash = await store.blobs.put(bytes);
  const region = requireRegion(store);
  region.template = { fileHash, fileName, uploadedAt: now.toISOString(), content };
  await store.db.write();
  await store.audit.append({ action: 'template', actor, details: { fileHash, indicators: content.indicators.length, years: content.years } });
  return region.template;
}

export async function setDeadline(store: Store, deadline: unknown, actor: string) {
  if (deadline !== null && (typeof deadline !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(deadline) || Number.isNaN(Date.parse(`${deadline}T00:00:00Z`)))) {
    throw new HttpError(400, 'bad-deadline', 'Срок сдачи должен быть датой вида "2026-12-15" (или null, чтобы его снять).');
  }
  const region = requireRegion(store);
  region.deadline = deadline as string | null;
  await store.db.write();
  await store.audit.append({ action: 'deadline', actor, details: { deadline } });
  return region.deadline;
}

export function requireRegion(store: Store) {
  const region = store.db.data.region;
  if (!region) throw new HttpError(409, 'no-region', 'Регион ещё не создан.');
  return region;
}

/** What the regional workbook is built from: the latest accepted version of each municipality, with its content. */
export async function mergeInput(store: Store, now: Date): Promise<MergeInput> {
  const data = store.db.data;
  const region = requireRegion(store);
  if (!region.template) throw new HttpError(409, 'no-template', 'Сначала загрузите региональный шаблон (PUT /api/v1/region/template).');
  const names = new Map(data.municipalities.map((m) => [m.id, m.name]));
  const accepted = data.municipalities.map((m) => latestAccepted(data, m.id)).filter((s) => s !== null);
  const submissions: AcceptedSubmission[] = await Promise.all(
    accepted.map(async (s) => ({
      municipalityId: s.municipalityId,
      name: names.get(s.municipalityId) ?? s.municipalityId,
      version: s.version,
      submittedAt: s.submittedAt,
      content: await store.blobs.getJson<SubmissionContent>(s.contentHash),
    })),
  );
  return { regionName: region.name, template: region.template.content, deadline: region.deadline, submissions, status: statusRows(data, now) };
}

/**
 * The regional workbook from the latest accepted version of each municipality. Rendering is the slow part, so the
 * bytes are kept until the accepted data, the template or the deadline change.
 */
export class WorkbookCache {
  private key = '';
  private bytes: Uint8Array | null = null;

  async get(store: Store, now: Date): Promise<Uint8Array> {
    const data = store.db.data;
    const region = requireRegion(store);
    if (!region.template) throw new HttpError(409, 'no-template', 'Сначала загрузите региональный шаблон (PUT /api/v1/region/template).');
    const status = statusRows(data, now);
    const accepted = data.municipalities.map((m) => latestAccepted(data, m.id)).filter((s) => s !== null);
    const key = sha256(JSON.stringify([region.name, region.template.fileHash, region.deadline, status, accepted.map((s) => s.id)]));
    if (this.bytes && key === this.key) return this.bytes;
    const model = buildRegionalWorkbook(await mergeInput(store, now));
    const bytes = await renderRegionalWorkbook(model);
    this.bytes = bytes;
    this.key = key;
    return bytes;
  }
}
