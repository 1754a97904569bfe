/**
 * The federal role's view of a deployment (issue #13): every region's status, a new region with its coordinator, and
 * the federal summary. Each region is consolidated by the same `RegionView` its own coordinator's answers come from,
 * so the federal figures are the regional ones, never a second computation.
 */
import { DEFAULT_TIME_ZONE, isTimeZone, type FederalRegion, type FederalSummaryInput, type NewRegion, type RegionStatus } from '@svod/shared';
import type { IndicatorValues } from '../../../shared/src/contracts/portal';
import { generateToken, newTokenRecord } from '../auth/tokens';
import { HttpError } from '../http/errors';
import type { RegionRecord } from '../store/schema';
import type { Store } from '../store/store';
import { indicatorValues } from './portal';
import { templateMode } from './region';
import { regionStatus, regionView, stateKey } from './status';

/** What the federal list and the federal summary need of one region: its status counts and its indicator values. */
interface RegionFigures {
  line: FederalRegion;
  values: IndicatorValues;
}

/**
 * Each region's figures, kept while nothing they come from has changed: the region record, its municipalities, each
 * one's last and accepted version with their returns, and whether the deadline day is over. Reading that state is a
 * few indexed queries per region; consolidating a region is a hundred milliseconds and more, so a federal page of 89
 * regions rebuilds only the regions that changed since the last one (any process may have changed them: the key is
 * read from the store every time, so a process never serves a region's figures older than the store's state).
 */
class FederalFigures {
  private readonly kept = new Map<string, { key: string; figures: RegionFigures }>();

  async of(store: Store, region: RegionRecord, now: Date): Promise<RegionFigures> {
    const view = regionView(store);
    const snapshot = await view.snapshot(region.id);
    const key = stateKey({ ...snapshot, region }, now);
    const hit = this.kept.get(region.id);
    if (hit && hit.key === key) return hit.figures;
    const consolidated = await view.consolidation(region.id, now, { ...snapshot, region });
    const { input, result } = consolidated;
    const figures: RegionFigures = {
      line: {
        id: region.id,
        name: region.name,
        timeZone: input.timeZone,
        deadline: region.deadline,
        collects: templateMode(region.template),
        inSvod: result.inSvod,
        total: result.total,
        notMerged: result.notMerged.length,
      },
      values: await indicatorValues(store, region.id, now, consolidated),
    };
    this.kept.set(region.id, { key, figures });
    return figures;
  }
}

const figures = new WeakMap<Store, FederalFigures>();

function figuresOf(store: Store): FederalFigures {
  let f = figures.get(store);
  if (!f) figures.set(store, (f = new FederalFigures()));
  return f;
}

/** Every region, in the order they were created; one after the other, so a big deployment does not load all at once. */
export async function federalRegions(store: Store, now: Date): Promise<FederalRegion[]> {
  const out: FederalRegion[] = [];
  for (const region of await store.regions()) out.push((await figuresOf(store).of(store, region, now)).line);
  return out;
}

/** One region's status, as its coordinator's GET /region/status answers it. */
export async function federalRegionStatus(store: Store, regionId: string, now: Date): Promise<RegionStatus> {
  const status = await regionStatus(store, regionId, now);
  if (!status) throw new HttpError(404, 'not-found', 'Такого региона нет.');
  return status;
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
    const { line, values } = await figuresOf(store).of(store, region, now);
    regions.push({ id: region.id, name: region.name, deadline: region.deadline, timeZone: line.timeZone, total: line.total, inSvod: line.inSvod, collects: line.collects, values });
  }
  return { regions, now: now.toISOString() };
}
