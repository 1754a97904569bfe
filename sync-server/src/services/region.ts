import { buildRegionalWorkbook, extractTemplate, indicatorKey, isIsoDate, isTimeZone, localDate, type GridWorkbook, type IndicatorMapping } from '@svod/shared';
import { HttpError } from '../http/errors';
import { sha256 } from '../store/blobs';
import type { Store } from '../store/store';
import { RenderMemo, renderRegionalWorkbook } from '../workbook/write';
import { latestAccepted, latestVersion, regionView, timeZoneOf } from './status';

/** What the coordinator is told about a template: roadmap-only collections are said to be such. */
export function templateMode(template: { content: { indicators: unknown[] } } | null): 'indicators' | 'roadmaps-only' | null {
  if (!template) return null;
  return template.content.indicators.length ? 'indicators' : 'roadmaps-only';
}

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
  const message =
    content.indicators.length === 0
      ? 'В шаблоне нет таблицы целевых показателей: регион собирает только дорожные карты, листа «Свод показателей» в своде не будет.'
      : `Шаблон принят: ${content.indicators.length} показателей, годы ${content.years.join(', ') || 'не указаны'}. Проверка присланных версий пересчитана по новому шаблону.`;
  return { template: region.template, mode: templateMode(region.template), message };
}

export async function setDeadline(store: Store, deadline: unknown, actor: string) {
  if (deadline !== null && !isIsoDate(deadline)) {
    throw new HttpError(400, 'bad-deadline', 'Срок сдачи должен быть существующей датой вида "2026-12-15" (или null, чтобы его снять).');
  }
  const region = requireRegion(store);
  region.deadline = deadline;
  await store.db.write();
  await store.audit.append({ action: 'deadline', actor, details: { deadline } });
  return region.deadline;
}

export async function setTimeZone(store: Store, timeZone: unknown, actor: string) {
  if (!isTimeZone(timeZone)) throw new HttpError(400, 'bad-time-zone', 'Часовой пояс региона задаётся названием из базы IANA, например "Europe/Moscow" или "Asia/Kamchatka".');
  const region = requireRegion(store);
  region.timeZone = timeZone;
  await store.db.write();
  await store.audit.append({ action: 'time-zone', actor, details: { timeZone } });
  return timeZone;
}

/**
 * The coordinator's decisions about submitted indicator names: `to` names a template indicator (its name or key), or
 * is null to leave the name out of the Свод. Remembered for every later version and municipality.
 */
export async function setMappings(store: Store, body: unknown, actor: string): Promise<IndicatorMapping[]> {
  const list = (body as { mappings?: unknown } | null)?.mappings;
  if (!Array.isArray(list) || list.length === 0 || list.length > 1000) {
    throw new HttpError(400, 'bad-mappings', 'Передайте {"mappings": [{"name": "показатель, как его прислали", "to": "показатель шаблона" или null}]}.');
  }
  const region = requireRegion(store);
  const template = region.template?.content;
  if (!template || !template.indicators.length) throw new HttpError(409, 'no-template', 'Сопоставлять не с чем: у региона нет шаблона целевых показателей.');
  const keys = new Set(template.indicators.map((i) => i.key));
  const next = new Map((region.mappings ?? []).map((m) => [m.from, m]));
  for (const item of list) {
    const { name, to } = (item ?? {}) as { name?: unknown; to?: unknown };
    if (typeof name !== 'string' || indicatorKey(name) === '' || name.length > 2000) throw new HttpError(400, 'bad-mappings', 'У каждого сопоставления должно быть поле name: название показателя, как его прислали.');
    if (to !== null && typeof to !== 'string') throw new HttpError(400, 'bad-mappings', `Для «${name}» поле to должно быть названием показателя шаблона или null.`);
    const target = to === null ? null : indicatorKey(to);
    if (target !== null && !keys.has(target)) throw new HttpError(422, 'unknown-indicator', `В региональном шаблоне нет показателя «${to}».`);
    next.set(indicatorKey(name), { from: indicatorKey(name), name, to: target });
  }
  region.mappings = [...next.values()].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  await store.db.write();
  await store.audit.append({ action: 'indicator-mappings', actor, details: { count: list.length } });
  return region.mappings;
}

export async function removeMapping(store: Store, name: unknown, actor: string): Promise<IndicatorMapping[]> {
  if (typeof name !== 'string' || indicatorKey(name) === '') throw new HttpError(400, 'bad-mappings', 'Укажите name: название показателя, сопоставление которого нужно снять.');
  const region = requireRegion(store);
  const from = indicatorKey(name);
  const before = region.mappings ?? [];
  if (!before.some((m) => m.from === from)) throw new HttpError(404, 'not-found', `Сопоставления для «${name}» нет.`);
  region.mappings = before.filter((m) => m.from !== from);
  await store.db.write();
  await store.audit.append({ action: 'indicator-mapping-removed', actor, details: { from } });
  return region.mappings;
}

export function requireRegion(store: Store) {
  const region = store.db.data.region;
  if (!region) throw new HttpError(409, 'no-region', 'Регион ещё не создан.');
  return region;
}

/** The download's name: the region and the date on its clock («Свод — Камчатский край — 2026-12-01.xlsx»). */
export function workbookFileName(store: Store, now: Date): { name: string; ascii: string } {
  const region = requireRegion(store);
  const name = region.name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').trim();
  const date = localDate(now, timeZoneOf(region));
  return { name: `Свод — ${name} — ${date}.xlsx`, ascii: `svod-${date}.xlsx` };
}

/**
 * The regional workbook from the latest accepted version of each municipality (unless returned or switched off). The bytes are kept until anything it
 * shows changes: versions, returns, switch-offs, template, mappings, deadline (and whether it passed). Then it is built and rendered again,
 * but only the changed municipality's pieces are new: the rows of the others come from the view's memo (by content)
 * and their cells and XML from the render memo (by row object, place and ids), so the bytes are those of a fresh build.
 */
export class WorkbookCache {
  private key = '';
  private bytes: Uint8Array | null = null;
  private readonly render = new RenderMemo();

  async get(store: Store, now: Date): Promise<Uint8Array> {
    const data = store.db.data;
    const region = requireRegion(store);
    const view = regionView(store);
    const { input, result } = await view.consolidation(now);
    // A return (its date and comment are on «Не вошло в свод») and a switch-off change the workbook as a new version does.
    const returns = (s: { returns?: Array<{ id: string }> } | null) => s?.returns?.map((r) => r.id) ?? [];
    const versions = data.municipalities.map((m) => {
      const last = latestVersion(data, m.id);
      const accepted = latestAccepted(data, m.id);
      return [m.id, m.name, m.deactivatedAt ?? null, last?.id ?? null, returns(last), accepted?.id ?? null, returns(accepted)];
    });
    const passed = result.municipalities.map((m) => m.row.status);
    const key = sha256(JSON.stringify([region.name, input.timeZone, region.template?.fileHash ?? null, region.deadline, region.mappings ?? [], versions, passed]));
    if (this.bytes && key === this.key) return this.bytes;
    const bytes = await renderRegionalWorkbook(buildRegionalWorkbook(input, result, view.memo), this.render);
    this.bytes = bytes;
    this.key = key;
    return bytes;
  }
}
