/**
 * Scheduled pulls (`SVOD_GOOGLE_PULL_MINUTES`, off by default): every N minutes, each municipality with a registered
 * spreadsheet is pulled, until the end of the region's deadline day on its clock (with no deadline set, they go on).
 * A pull of unchanged content is the existing version (see `pull.ts`), so a quiet spreadsheet adds no versions.
 */
import { isAfterDeadline } from '@svod/shared';
import type { Logger } from '../http/log';
import { timeZoneOf } from '../services/status';
import type { Store } from '../store/store';
import type { UploadLimits } from '../uploads/limits';
import type { GoogleGateway } from './client';
import { GoogleError } from './errors';
import { pullMunicipality } from './pull';

export const SCHEDULE_ACTOR = 'schedule:google-sheets';

export interface ScheduledRound {
  /** Why nothing was pulled, if so. */
  skipped: 'after-deadline' | null;
  pulled: Array<{ municipalityId: string; version: number; created: boolean }>;
  failed: Array<{ municipalityId: string; code: string; message: string }>;
}

/** One round, one municipality after the other (the Sheets quota is per minute and per project). */
export async function pullRound(store: Store, regionId: string, gateway: GoogleGateway, now: Date, log: Logger, limits?: Partial<UploadLimits>): Promise<ScheduledRound> {
  const region = await store.region(regionId);
  const round: ScheduledRound = { skipped: null, pulled: [], failed: [] };
  if (region && isAfterDeadline(now, region.deadline, timeZoneOf(region))) return { ...round, skipped: 'after-deadline' };
  for (const m of (await store.municipalities(regionId)).filter((x) => x.googleSheet)) {
    try {
      const { record, created } = await pullMunicipality(store, gateway, regionId, m.id, { now, ...(limits ? { limits } : {}), idempotencyKey: null, actor: SCHEDULE_ACTOR });
      round.pulled.push({ municipalityId: m.id, version: record.version, created });
    } catch (e) {
      const known = e instanceof GoogleError || (e instanceof Error && typeof (e as { code?: unknown }).code === 'string' && typeof (e as { status?: unknown }).status === 'number');
      const code = known ? String((e as { code: string }).code) : 'internal';
      round.failed.push({ municipalityId: m.id, code, message: known ? (e as Error).message : 'Внутренняя ошибка сервера.' });
      log.warn('scheduled google pull failed', { region: regionId, municipalityId: m.id, code, ...(e instanceof GoogleError && e.detail ? { detail: e.detail } : {}), ...(known ? {} : { error: e instanceof Error ? e.stack : String(e) }) });
    }
  }
  if (round.pulled.some((p) => p.created)) log.info('scheduled google pull', { region: regionId, created: round.pulled.filter((p) => p.created).map((p) => p.municipalityId) });
  return round;
}

/** A round in every region, one region after the other. */
export async function pullRounds(store: Store, gateway: GoogleGateway, now: Date, log: Logger, limits?: Partial<UploadLimits>): Promise<Map<string, ScheduledRound>> {
  const rounds = new Map<string, ScheduledRound>();
  for (const region of await store.regions()) rounds.set(region.id, await pullRound(store, region.id, gateway, now, log, limits));
  return rounds;
}

/**
 * The timer. Unref'd, so it never keeps the process alive by itself; a round still running when the next is due is
 * not doubled; `stop()` (the server's shutdown) ends the timer and waits for the round in flight.
 */
export function startScheduledPulls(minutes: number, run: () => Promise<unknown>, log: Logger): { stop(): Promise<void> } {
  let current: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (current) return;
    current = run()
      .then(
        () => undefined,
        (e: unknown) => log.error('scheduled google pull crashed', { error: e instanceof Error ? e.stack : String(e) }),
      )
      .finally(() => (current = null));
  }, minutes * 60_000);
  timer.unref();
  log.info('scheduled google pulls', { minutes });
  // Stopping waits for a round in flight: it must not write after the store has closed.
  return {
    stop: async () => {
      clearInterval(timer);
      await current;
    },
  };
}
