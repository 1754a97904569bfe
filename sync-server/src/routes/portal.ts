/**
 * The routes the web portal needs beyond the submission API (issue #12), under /api/v1 next to the areas they belong
 * to: who is signed in, renaming and switching off a municipality, «вернуть на доработку», the template as read (a
 * preview before it replaces the old one, the current one and its file), and the indicator values of the Свод.
 */
import express, { Router } from 'express';
import ExcelJS from 'exceljs';
import { isPlainObject, type GridWorkbook } from '@svod/shared';
import { municipalityUpdate, returnBody, type MunicipalityStates, type ReturnList, type Session } from '../../../shared/src/contracts/portal';
import { actorOf, principalOf, regionOf, requireCoordinator } from '../auth/middleware';
import { HttpError } from '../http/errors';
import type { Store } from '../store/store';
import { currentTemplate, indicatorValues, municipalityState, previewTemplate, returnForRework, returnNotes, updateMunicipality } from '../services/portal';
import { requireRegion } from '../services/region';
import { regionView } from '../services/status';
import { readUpload, workbookFromJson, type UploadLimits } from '../uploads';
import { readBody, uploadBody } from './submissions';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ODS = 'application/vnd.oasis.opendocument.spreadsheet';

/** The first zod issue of a body as the API's refusal (`bad-<field>`). */
function parsed<T>(result: { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } }, fallback: string): T {
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new HttpError(400, `bad-${String(issue?.path[0] ?? 'body')}`, issue?.message && issue.path.length ? issue.message : fallback);
}

async function gridsToXlsx(workbook: GridWorkbook): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Svod';
  for (const grid of workbook.sheets) {
    const ws = wb.addWorksheet(grid.name);
    for (const row of grid.rows) ws.addRow(row.map((c) => (c instanceof Date ? c : c)));
    for (const m of grid.merges ?? []) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export function portalRouter(store: Store, limits: UploadLimits, now: () => Date): Router {
  const router = Router();
  const form = uploadBody(limits);
  const raw = express.raw({ type: [XLSX, 'application/octet-stream'], limit: limits.maxBytes });

  router.get('/me', async (req, res) => {
    const principal = principalOf(req);
    if (principal.regionId === null) {
      res.json({ role: principal.role, municipality: null, region: '', status: null } satisfies Session);
      return;
    }
    const view = regionView(store);
    const snapshot = await view.snapshot(principal.regionId);
    const m = principal.municipalityId ? snapshot.municipalities.find((x) => x.id === principal.municipalityId) : undefined;
    // A municipality sees its own row of the status (the coordinator has the whole table).
    const status = m && snapshot.region ? ((await view.consolidation(principal.regionId, now(), snapshot)).result.municipalities.find((x) => x.row.municipalityId === m.id)?.row ?? null) : null;
    res.json({ role: principal.role, municipality: m ? { id: m.id, name: m.name } : null, region: snapshot.region?.name ?? '', status } satisfies Session);
  });

  router.get('/municipalities/states', requireCoordinator, async (req, res) => {
    const regionId = regionOf(req);
    const [municipalities, live] = await Promise.all([store.municipalities(regionId), store.liveTokens(regionId)]);
    res.json({ municipalities: municipalities.map((m) => municipalityState(m, live)) } satisfies MunicipalityStates);
  });

  router.put('/municipalities/:id', requireCoordinator, express.json({ limit: '16kb' }), async (req, res) => {
    const change = parsed(municipalityUpdate.safeParse(isPlainObject(req.body) ? req.body : null), 'Передайте {"name": "Новое название"} и/или {"active": false}.');
    if (change.name === undefined && change.active === undefined) throw new HttpError(400, 'bad-body', 'Передайте {"name": "Новое название"} и/или {"active": false}.');
    res.json(await updateMunicipality(store, regionOf(req), req.params.id as string, change, now(), actorOf(req)));
  });

  router.post('/submissions/:id/return', requireCoordinator, express.json({ limit: '32kb' }), async (req, res) => {
    const regionId = regionOf(req);
    if (!(await store.submission(regionId, req.params.id as string))) throw new HttpError(404, 'not-found', 'Такой отправки нет.');
    const { comment } = parsed(returnBody.safeParse(isPlainObject(req.body) ? req.body : null), 'Передайте {"comment": "что исправить"}.');
    res.status(201).json(await returnForRework(store, regionId, req.params.id as string, comment, now(), actorOf(req)));
  });

  /** The comments of returned versions: the coordinator's all (or one municipality's), a municipality's own. */
  router.get('/returns', async (req, res) => {
    const principal = principalOf(req);
    const wanted = principal.role === 'coordinator' ? (typeof req.query.municipality === 'string' ? req.query.municipality : null) : (principal.municipalityId ?? '');
    const returns = (await store.submissions(regionOf(req), wanted ?? undefined))
      .filter((s) => s.returns?.length)
      .flatMap(returnNotes)
      // Newest first; of one version's returns at the same instant, the later one (a stable sort of the reversed list).
      .reverse()
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    res.json({ returns } satisfies ReturnList);
  });

  /** What a workbook would become as the template, stored nowhere: the portal shows it before «Заменить шаблон». */
  router.post(
    '/region/template/preview',
    requireCoordinator,
    (req, res, next) => (req.is(XLSX) || req.is('application/octet-stream') ? raw(req, res, next) : next()),
    (req, res, next) => (Buffer.isBuffer(req.body) ? next() : form(req, res, next)),
    async (req, res) => {
      await requireRegion(store, regionOf(req));
      if (Buffer.isBuffer(req.body)) {
        const read = await readUpload(new Uint8Array(req.body), 'template.xlsx', limits);
        res.json(previewTemplate(read.workbook, null));
        return;
      }
      const body = await readBody(req, limits);
      res.json(previewTemplate(body.workbook, body.fileName));
    },
  );

  router.get('/region/template', async (req, res) => {
    res.json(currentTemplate(await requireRegion(store, regionOf(req))));
  });

  /** The template's file for municipalities to fill in: as uploaded, or (a JSON or CSV form) written as an xlsx. */
  router.get('/region/template/file', async (req, res) => {
    const region = await requireRegion(store, regionOf(req));
    const template = region.template;
    if (!template) throw new HttpError(404, 'no-template', 'Региональный шаблон ещё не загружен.');
    let bytes = await store.blobs.get(template.fileHash);
    const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
    const ods = zip && /\.ods$/i.test(template.fileName ?? '');
    if (!zip) bytes = await gridsToXlsx(bytes[0] === 0x7b ? workbookFromJson(bytes, limits) : (await readUpload(bytes, undefined, limits)).workbook);
    const base = (template.fileName ?? `Шаблон — ${region.name}`).replace(/\.(xlsx|xlsm|ods|csv|txt|json)$/i, '');
    res.attachment(`${base}.${ods ? 'ods' : 'xlsx'}`);
    res.set('Content-Type', ods ? ODS : XLSX);
    res.set('X-Content-Type-Options', 'nosniff');
    res.set('Cache-Control', 'no-store');
    res.send(Buffer.from(bytes));
  });

  router.get('/region/indicators', requireCoordinator, async (req, res) => {
    await requireRegion(store, regionOf(req));
    res.json(await indicatorValues(store, regionOf(req), now()));
  });

  return router;
}
