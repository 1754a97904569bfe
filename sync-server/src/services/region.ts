import { buildRegionalWorkbook, extractTemplate, indicatorKey, isIsoDate, isTimeZone, localDate, type GridWorkbook, type IndicatorMapping } from '@svod/shared';
import { HttpError } from '../http/errors';
import type { Store } from '../store/store';
import { RenderMemo, renderRegionalWorkbook } from '../workbook/write';
import { regionView, stateKey, timeZoneOf } from './status';
import type { RegionRecord } from '../store/schema';

/** What the coordinator is told about a template: roadmap-only collections are said to be such. */
export function templateMode(template: { content: { indicators: unknown[] } } | null): 'indicators' | 'roadmaps-only' | null {
  if (!template) return null;
  return template.content.indicators.length ? 'indicators' : 'roadmaps-only';
}

export async function setTemplate(store: Store, regionId: string, workbook: GridWorkbook, bytes: Uint8Array, fileName: string | null, now: Date, actor: string) {
  const content = extractTemplate(workbook);
  if (content.indicators.length === 0 && content.sections.length === 0) {
    throw new HttpError(422, 'template-empty', 'В шаблоне не найдено ни таблицы целевых показателей, ни разделов дорожной карты.');
  }
  const fileHash = await store.blobs.put(bytes);
  const region = await changeRegion(store, regionId, (r) => {
    r.template = { fileHash, fileName, uploadedAt: now.toISOString(), content };
  });
  await store.audit.append({ action: 'template', actor, region: regionId, details: { fileHash, indicators: content.indicators.length, years: content.years } });
  const message =
    content.indicators.length === 0
      ? 'В шаблоне нет таблицы целевых показателей: регион собирает только дорожные карты, листа «Свод показателей» в своде не будет.'
      : `Шаблон принят: ${content.indicators.length} показателей, годы ${content.years.join(', ') || 'не указаны'}. Проверка присланных версий пересчитана по новому шаблону.`;
  return { template: region.template!, mode: templateMode(region.template), message };
}

export async function setDeadline(store: Store, regionId: string, deadline: unknown, actor: string) {
  if (deadline !== null && !isIsoDate(deadline)) {
    throw new HttpError(400, 'bad-deadline', 'Срок сдачи должен быть существующей датой вида "2026-12-15" (или null, чтобы его снять).');
  }
  const region = await changeRegion(store, regionId, (r) => {
    r.deadline = deadline;
  });
  await store.audit.append({ action: 'deadline', actor, region: regionId, details: { deadline } });
  return region.deadline;
}

export async function setTimeZone(store: Store, regionId: string, timeZone: unknown, actor: string) {
  if (!isTimeZone(timeZone)) throw new HttpError(400, 'bad-time-zone', 'Часовой пояс региона задаётся названием из базы IANA, например "Europe/Moscow" или "Asia/Kamchatka".');
  await changeRegion(store, regionId, (r) => {
    r.timeZone = timeZone;
  });
  await store.audit.append({ action: 'time-zone', actor, region: regionId, details: { timeZone } });
  return timeZone;
}

/**
 * The coordinator's decisions about submitted indicator names: `to` names a template indicator (its name or key), or
 * is null to leave the name out of the Свод. Remembered for every later version and municipality.
 */
export async function setMappings(store: Store, regionId: string, body: unknown, actor: string): Promise<IndicatorMapping[]> {
  const list = (body as { mappings?: unknown } | null)?.mappings;
  if (!Array.isArray(list) || list.length === 0 || list.length > 1000) {
    throw new HttpError(400, 'bad-mappings', 'Передайте {"mappings": [{"name": "показатель, как его прислали", "to": "показатель шаблона" или null}]}.');
  }
  const region = await changeRegion(store, regionId, (region) => {
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
  });
  await store.audit.append({ action: 'indicator-mappings', actor, region: regionId, details: { count: list.length } });
  return region.mappings ?? [];
}

export async function removeMapping(store: Store, regionId: string, name: unknown, actor: string): Promise<IndicatorMapping[]> {
  if (typeof name !== 'string' || indicatorKey(name) === '') throw new HttpError(400, 'bad-mappings', 'Укажите name: название показателя, сопоставление которого нужно снять.');
  const from = indicatorKey(name);
  const region = await changeRegion(store, regionId, (region) => {
    const before = region.mappings ?? [];
    if (!before.some((m) => m.from === from)) throw new HttpError(404, 'not-found', `Сопоставления для «${name}» нет.`);
    region.mappings = before.filter((m) => m.from !== from);
  });
  await store.audit.append({ action: 'indicator-mapping-removed', actor, region: regionId, details: { from } });
  return region.mappings ?? [];
}

const NO_REGION = 'Регион ещё не создан.';

export async function requireRegion(store: Store, regionId: string): Promise<RegionRecord> {
  const region = await store.region(regionId);
  if (!region) throw new HttpError(409, 'no-region', NO_REGION);
  return region;
}

/** `store.updateRegion` for a region that must exist. */
export async function changeRegion(store: Store, regionId: string, change: (region: RegionRecord) => void): Promise<RegionRecord> {
  const region = await store.updateRegion(regionId, change);
  if (!region) throw new HttpError(409, 'no-region', NO_REGION);
  return region;
}

/** The download's name: the region and the date on its clock («Свод — Камчатский край — 2026-12-01.xlsx»). */
export function workbookFileName(region: RegionRecord, now: Date): { name: string; ascii: string } {
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

  constructor(private readonly regionId: string) {}

  /** The workbook and the region as it was read for it (the download's name comes from the same reading). */
  async get(store: Store, now: Date): Promise<{ bytes: Uint8Array; region: RegionRecord }> {
    const view = regionView(store);
    const snapshot = await view.snapshot(this.regionId);
    const region = snapshot.region;
    if (!region) throw new HttpError(409, 'no-region', NO_REGION);
    // Kept while the region's state is the same (versions, returns, switch-offs, template, mappings, deadline and
    // whether it passed): the key is read from the store at every request, so a change through another process counts.
    const key = stateKey({ ...snapshot, region }, now);
    if (this.bytes && key === this.key) return { bytes: this.bytes, region };
    const { input, result } = await view.consolidation(this.regionId, now, snapshot);
    const bytes = await renderRegionalWorkbook(buildRegionalWorkbook(input, result, view.memo), this.render);
    this.bytes = bytes;
    this.key = key;
    return { bytes, region };
  }
}

/** One workbook cache per region, made when the region's workbook is first asked for. */
export class WorkbookCaches {
  private readonly caches = new Map<string, WorkbookCache>();

  of(regionId: string): WorkbookCache {
    let cache = this.caches.get(regionId);
    if (!cache) this.caches.set(regionId, (cache = new WorkbookCache(regionId)));
    return cache;
  }
}
