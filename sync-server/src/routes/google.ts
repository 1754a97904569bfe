/**
 * Google Sheets for the coordinator: a municipality's spreadsheet registered, pulled as a submission, and the regional
 * workbook published to a spreadsheet. Every route is the coordinator's. Mounted on the API root (after the other
 * routers, whose paths it extends).
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { buildRegionalWorkbook } from '@svod/shared';
import type { AppDeps } from '../app';
import { actorOf, regionOf, requireCoordinator } from '../auth/middleware';
import { GoogleGateway, googleSettingsFromEnv, type GoogleSettings } from '../google/client';
import { GoogleError } from '../google/errors';
import { publishRegionalWorkbook } from '../google/publish';
import { pullMunicipality, requireMunicipality } from '../google/pull';
import { pullRounds, startScheduledPulls } from '../google/schedule';
import { parseSheetNames, parseSpreadsheetId, spreadsheetUrl } from '../google/spreadsheet-id';
import { HttpError } from '../http/errors';
import { changeRegion, requireRegion } from '../services/region';
import { regionView } from '../services/status';
import type { GoogleSheetLink } from '../store/schema';
import type { UploadLimits } from '../uploads/limits';
import { publicSubmission } from './submissions';

declare module '../app' {
  interface AppDeps {
    /** Google Sheets: the key file, the API root (tests), retries, scheduled pulls. From the environment when absent. */
    google?: GoogleSettings;
  }
}

const STATUS_RU = { accepted: 'принята', rejected: 'отклонена: в ней есть ошибки' } as const;

/** The spreadsheet named in a body: `spreadsheet` (a link or an id as pasted), or `spreadsheetId` / `url`. */
function spreadsheetOf(body: Record<string, unknown>): unknown {
  return body.spreadsheet ?? body.spreadsheetId ?? body.url;
}

export function googleRouter(deps: AppDeps, limits: UploadLimits, now: () => Date): Router {
  const { store, log } = deps;
  const gateway = new GoogleGateway(deps.google ?? googleSettingsFromEnv(process.env));
  const view = regionView(store);
  const router = Router();
  const json = express.json({ limit: '16kb' });
  const actor = actorOf;

  if (gateway.settings.pullMinutes) {
    const minutes = gateway.settings.pullMinutes;
    const schedule = startScheduledPulls(minutes, () => pullRounds(store, gateway, now(), log, limits), log);
    deps.onStop?.(() => schedule.stop());
  }

  /** The service account's address, to tell whom to share the spreadsheet with; null while Google is not set up. */
  const serviceAccount = async (): Promise<string | null> => gateway.connect().then((c) => c.serviceAccount, () => null);
  const shown = async (link: GoogleSheetLink | Omit<GoogleSheetLink, 'sheets'>, access: 'read' | 'write') => {
    const email = await serviceAccount();
    const role = access === 'read' ? 'читатель' : 'редактор';
    return {
      spreadsheetId: link.spreadsheetId,
      url: spreadsheetUrl(link.spreadsheetId),
      ...('sheets' in link ? { sheets: link.sheets } : {}),
      registeredAt: link.registeredAt,
      serviceAccount: email,
      message: email
        ? `Откройте доступ к таблице для ${email} (роль «${role}»), если ещё не открыли.`
        : 'Работа с Google Таблицами на сервере ещё не настроена: задайте SVOD_GOOGLE_CREDENTIALS (см. README).',
    };
  };

  // ---- a municipality's spreadsheet

  router.get('/municipalities/:id/google-sheet', requireCoordinator, async (req, res) => {
    const m = await requireMunicipality(store, regionOf(req), String(req.params.id));
    if (!m.googleSheet) throw new HttpError(404, 'no-google-sheet', `Для муниципалитета «${m.name}» Google Таблица не зарегистрирована.`);
    res.json({ municipalityId: m.id, ...(await shown(m.googleSheet, 'read')) });
  });

  router.put('/municipalities/:id/google-sheet', requireCoordinator, json, async (req, res) => {
    const regionId = regionOf(req);
    const m = await requireMunicipality(store, regionId, String(req.params.id));
    const body = (req.body ?? {}) as Record<string, unknown>;
    const link: GoogleSheetLink = { spreadsheetId: parseSpreadsheetId(spreadsheetOf(body)), sheets: parseSheetNames(body.sheets), registeredAt: now().toISOString() };
    await store.updateMunicipality(regionId, m.id, (x) => {
      x.googleSheet = link;
    });
    await store.audit.append({ action: 'google-sheet-registered', actor: actor(req), region: regionId, target: m.id, details: { spreadsheetId: link.spreadsheetId, sheets: link.sheets } });
    res.json({ municipalityId: m.id, ...(await shown(link, 'read')) });
  });

  router.delete('/municipalities/:id/google-sheet', requireCoordinator, async (req, res) => {
    const regionId = regionOf(req);
    const m = await requireMunicipality(store, regionId, String(req.params.id));
    if (!m.googleSheet) throw new HttpError(404, 'no-google-sheet', `Для муниципалитета «${m.name}» Google Таблица не зарегистрирована.`);
    const { spreadsheetId } = m.googleSheet;
    await store.updateMunicipality(regionId, m.id, (x) => {
      delete x.googleSheet;
    });
    await store.audit.append({ action: 'google-sheet-removed', actor: actor(req), region: regionId, target: m.id, details: { spreadsheetId } });
    res.json({ municipalityId: m.id, removed: spreadsheetId, message: 'Google Таблица больше не связана с муниципалитетом; полученные из неё версии сохранены.' });
  });

  router.post('/municipalities/:id/google-sheet/pull', requireCoordinator, async (req, res) => {
    const key = req.get('idempotency-key');
    if (key !== undefined && (key.length < 1 || key.length > 200)) throw new HttpError(400, 'bad-idempotency-key', 'Заголовок Idempotency-Key: от 1 до 200 символов.');
    const { record, created, source } = await pullMunicipality(store, gateway, regionOf(req), String(req.params.id), { now: now(), limits, idempotencyKey: key ?? null, actor: actor(req) });
    const message = created
      ? `Из Google Таблицы «${source.title}» получена версия ${record.version}; она ${STATUS_RU[record.status]}.`
      : `Google Таблица «${source.title}» не изменилась с версии ${record.version}: новая версия не создана.`;
    res.status(created ? 201 : 200).json({ ...publicSubmission(record, await view.version(record), true), duplicate: !created, source: { ...source, url: spreadsheetUrl(source.spreadsheetId) }, message });
  });

  // ---- the regional workbook

  router.get('/region/google-sheet', requireCoordinator, async (req, res) => {
    const region = await requireRegion(store, regionOf(req));
    if (!region.googleSheet) throw new HttpError(404, 'no-google-sheet', 'Таблица для публикации свода не зарегистрирована: PUT /api/v1/region/google-sheet {"spreadsheet": "<ссылка>"}.');
    res.json(await shown(region.googleSheet, 'write'));
  });

  router.put('/region/google-sheet', requireCoordinator, json, async (req, res) => {
    const regionId = regionOf(req);
    await requireRegion(store, regionId);
    const link = { spreadsheetId: parseSpreadsheetId(spreadsheetOf((req.body ?? {}) as Record<string, unknown>)), registeredAt: now().toISOString() };
    await changeRegion(store, regionId, (r) => {
      r.googleSheet = link;
    });
    await store.audit.append({ action: 'google-sheet-registered', actor: actor(req), region: regionId, target: 'region', details: { spreadsheetId: link.spreadsheetId } });
    res.json(await shown(link, 'write'));
  });

  router.delete('/region/google-sheet', requireCoordinator, async (req, res) => {
    const regionId = regionOf(req);
    const region = await requireRegion(store, regionId);
    if (!region.googleSheet) throw new HttpError(404, 'no-google-sheet', 'Таблица для публикации свода не зарегистрирована.');
    const { spreadsheetId } = region.googleSheet;
    await changeRegion(store, regionId, (r) => {
      delete r.googleSheet;
    });
    await store.audit.append({ action: 'google-sheet-removed', actor: actor(req), region: regionId, target: 'region', details: { spreadsheetId } });
    res.json({ removed: spreadsheetId, message: 'Таблица для публикации свода больше не зарегистрирована; опубликованные листы в ней остались.' });
  });

  // One publication at a time: two at once into the same spreadsheet would delete each other's sheets.
  let publishing: Promise<unknown> = Promise.resolve();
  router.post('/region/google-sheet/publish', requireCoordinator, json, async (req, res) => {
    const regionId = regionOf(req);
    const region = await requireRegion(store, regionId);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const named = spreadsheetOf(body);
    if (named === undefined && !region.googleSheet) {
      throw new HttpError(400, 'no-google-sheet', 'Укажите таблицу для публикации: {"spreadsheet": "<ссылка на Google Таблицу>"}, или зарегистрируйте её заранее: PUT /api/v1/region/google-sheet.');
    }
    const spreadsheetId = named === undefined ? region.googleSheet!.spreadsheetId : parseSpreadsheetId(named);
    const run = publishing.then(async () => {
      const at = now();
      const { input, result } = await view.consolidation(regionId, at);
      return publishRegionalWorkbook(gateway, spreadsheetId, buildRegionalWorkbook(input, result));
    });
    publishing = run.catch(() => undefined);
    const published = await run;
    await store.audit.append({ action: 'google-publish', actor: actor(req), region: regionId, target: 'region', details: { spreadsheetId, sheets: published.sheets.map((s) => s.title), replaced: published.replaced } });
    res.json({
      ...published,
      url: spreadsheetUrl(spreadsheetId),
      message:
        `Свод опубликован в Google Таблицу «${published.title}»: листы ${published.sheets.map((s) => `«${s.title}»`).join(', ')}` +
        (published.replaced ? `; листы прошлой публикации (${published.replaced}) заменены.` : '.'),
    });
  });

  // Google's failures carry their own status (503 for missing credentials, 502 when Google is down): answered here,
  // because the app's handler shows a message only for 4xx.
  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!(err instanceof GoogleError)) return next(err);
    log.warn('google request failed', { method: req.method, path: req.path, status: err.status, code: err.code, ...(err.detail ? { detail: err.detail } : {}) });
    if (err.retryAfter) res.set('Retry-After', String(err.retryAfter));
    res.status(err.status).json({ error: { code: err.code, message: err.message } });
  });

  return router;
}
