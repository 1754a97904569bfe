/**
 * The federal role's view of a deployment (issue #13): every region's status, a new region with its coordinator, and
 * the federal summary. Each region is consolidated by the same `RegionView` its own coordinator's answers come from,
 * so the federal figures are the regional ones, never a second computation.
 */
import { DEFAULT_TIME_ZONE, isTimeZone, type Consolidation, type FederalRegion, type MergeInput, type FederalSummaryInput, type NewRegion, type RegionStatus } from '@svod/shared';
import { generateToken, newTokenRecord } from '../auth/tokens';
import { HttpError } from '../http/errors';
import type { RegionRecord } from '../store/schema';
import type { Store } from '../store/store';
import { indicatorValues } from './portal';
import { templateMode } from './region';
import { regionView, statusOf } from './status';

/** One region's line of the federal list: counted as its coordinator's status counts. */
async function regionLine(store: Store, region: RegionRecord, now: Date): Promise<FederalRegion & { status: RegionStatus; consolidated: { input: MergeInput; result: Consolidation } }> {
  const view = regionView(store);
  const snapshot = await view.snapshot(region.id);
  const { input, result } = await view.consolidation(region.id, now, { ...snapshot, region });
  const status = statusOf(region, { input, result });
  return {
    id: region.id,
    name: region.name,
    timeZone: input.timeZone,
    deadline: region.deadline,
    collects: templateMode(region.template),
    inSvod: result.inSvod,
    total: result.total,
    notMerged: result.notMerged.length,
    status,
    consolidated: { input, result },
  };
}

/** Every region, in the order they were created; one after the other, so a big deployment does not load all at once. */
export async function federalRegions(store: Store, now: Date): Promise<FederalRegion[]> {
  const out: FederalRegion[] = [];
  for (const region of await store.regions()) {
    const { status: _status, consolidated: _consolidated, ...line } = await regionLine(store, region, now);
    out.push(line);
  }
  return out;
}

export async function federalRegionStatus(store: Store, regionId: string, now: Date): Promise<RegionStatus> {
  const region = await store.region(regionId);
  if (!region) throw new HttpError(404, 'not-found', 'Такого региона нет.');
  return (await regionLine(store, region, now)).status;
}

/** A new tenant: the region and its coordinator's token, stored together; the token is shown once. */
export async function createRegion(store: Store, body: NewRegion, now: Date, actor: string): Promise<{ id: string; name: string; coordinatorToken: string }> {
  const timeZone = body.timeZone ?? DEFAULT_TIME_ZONE;
  if (!isTimeZone(timeZone)) throw new HttpError(400, 'bad-timeZone', 'Часовой пояс региона задаётся названием из базы IANA, например "Europe/Moscow" или "Asia/Kamchatka".');
  const region: RegionRecord = { id: body.id, name: body.name.trim(), timeZone, deadline: null, template: null, createdAt: now.toISOString() };
  const token = generateToken();
  const created = await store.createRegion({ region, municipalities: [], tokens: [newTokenRecord(token, 'coordinator', region.id, null, now)] });
  if (!created) throw new HttpError(409, 'exists', `Регион «${body.id}» уже есть.`);
  await store.audit.append({ action: 'region-created', actor, region: region.id, details: { name: region.name, timeZone } });
  return { id: region.id, name: region.name, coordinatorToken: token };
}

/** What the federal summary workbook is built from: each region's status counts and its indicator values. */
export async function federalSummaryInput(store: Store, now: Date): Promise<FederalSummaryInput> {
  const regions: FederalSummaryInput['regions'] = [];
  for (const region of await store.regions()) {
    const line = await regionLine(store, region, now);
    regions.push({
      id: region.id,
      name: region.name,
      deadline: region.deadline,
      timeZone: line.timeZone,
      total: line.total,
      inSvod: line.inSvod,
      collects: line.collects,
      values: await indicatorValues(store, region.id, now, line.consolidated),
    });
  }
  return { regions, now: now.toISOString() };
}
