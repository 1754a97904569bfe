import express, { Router } from 'express';
import { actorOf, regionOf, requireCoordinator } from '../auth/middleware';
import { HttpError } from '../http/errors';
import type { Store } from '../store/store';
import { removeMapping, requireRegion, setDeadline, setMappings, setTemplate, setTimeZone, templateMode, workbookFileName, WorkbookCaches } from '../services/region';
import { regionStatus, regionView, timeZoneOf } from '../services/status';
import { awaitsMapping, collectsIndicators, zoneLabel, type IndicatorMatches, type RegionInfo, type RegionStatus, type TemplateAccepted } from '@svod/shared';
import { readUpload, type UploadLimits } from '../uploads';
import { readBody, uploadBody } from './submissions';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function regionRouter(store: Store, limits: UploadLimits, now: () => Date): Router {
  const router = Router();
  const caches = new WorkbookCaches();
  const raw = express.raw({ type: [XLSX, 'application/octet-stream'], limit: limits.maxBytes });
  const form = uploadBody(limits);

  router.get('/', async (req, res) => {
    const region = await requireRegion(store, regionOf(req));
    const timeZone = timeZoneOf(region);
    res.json({
      name: region.name,
      timeZone,
      zone: zoneLabel(timeZone, now()),
      deadline: region.deadline,
      /** `indicators`: indicators and roadmaps are collected; `roadmaps-only`: the template has no indicator table. */
      collects: templateMode(region.template) ?? 'roadmaps-only',
      template: region.template
        ? { fileName: region.template.fileName, uploadedAt: region.template.uploadedAt, indicators: region.template.content.indicators.length, years: region.template.content.years, sections: region.template.content.sections }
        : null,
    } satisfies RegionInfo);
  });

  /** The template as multipart (field file) or as the raw xlsx body. */
  router.put(
    '/template',
    requireCoordinator,
    (req, res, next) => (req.is(XLSX) || req.is('application/octet-stream') ? raw(req, res, next) : next()),
    (req, res, next) => (Buffer.isBuffer(req.body) ? next() : form(req, res, next)),
    async (req, res) => {
      let upload;
      if (Buffer.isBuffer(req.body)) {
        const bytes = new Uint8Array(req.body);
        const read = await readUpload(bytes, 'template.xlsx', limits);
        upload = { workbook: read.workbook, bytes, fileName: null };
      } else {
        const body = await readBody(req, limits);
        upload = { workbook: body.workbook, bytes: body.bytes, fileName: body.fileName };
      }
      const { template, mode, message } = await setTemplate(store, regionOf(req), upload.workbook, upload.bytes, upload.fileName, now(), actorOf(req));
      res.json({ indicators: template.content.indicators.length, years: template.content.years, sections: template.content.sections, uploadedAt: template.uploadedAt, collects: mode ?? 'roadmaps-only', message } satisfies TemplateAccepted);
    },
  );

  router.put('/deadline', requireCoordinator, express.json({ limit: '4kb' }), async (req, res) => {
    const body = (req.body ?? {}) as { deadline?: unknown };
    if (!('deadline' in body)) throw new HttpError(400, 'bad-deadline', 'Передайте {"deadline": "2026-12-15"}.');
    res.json({ deadline: await setDeadline(store, regionOf(req), body.deadline, actorOf(req)) });
  });

  router.put('/time-zone', requireCoordinator, express.json({ limit: '4kb' }), async (req, res) => {
    const body = (req.body ?? {}) as { timeZone?: unknown };
    res.json({ timeZone: await setTimeZone(store, regionOf(req), body.timeZone, actorOf(req)) });
  });

  router.get('/status', requireCoordinator, async (req, res) => {
    const status = await regionStatus(store, regionOf(req), now());
    if (!status) throw new HttpError(409, 'no-region', 'Регион ещё не создан.');
    res.json(status satisfies RegionStatus);
  });

  /**
   * Submitted indicator names of the versions in the Свод that did not meet the template by themselves, grouped by
   * name, with the template names they may be: what the coordinator confirms once (PUT /indicator-mappings).
   */
  router.get('/indicator-matches', requireCoordinator, async (req, res) => {
    const { input, result } = await regionView(store).consolidation(regionOf(req), now());
    const template = input.template;
    const groups = new Map<string, IndicatorMatches['unmatched'][number]>();
    if (collectsIndicators(template)) {
      for (const m of result.municipalities) {
        const entries = m.input.accepted?.content.indicators ?? [];
        m.report?.matches.forEach((match, i) => {
          if (match.outcome !== 'ambiguous' && match.outcome !== 'unmatched') return;
          const entry = entries[i]!;
          let group = groups.get(entry.key);
          if (!group) {
            groups.set(entry.key, (group = { name: entry.name, outcome: awaitsMapping(match) ? 'awaiting' : 'not-in-template', municipalities: [], candidates: match.candidates.map((c) => template.indicators[c]!.name) }));
          }
          if (!group.municipalities.includes(m.input.id)) group.municipalities.push(m.input.id);
        });
      }
    }
    res.json({ unmatched: [...groups.values()], mappings: input.mappings, template: template ? template.indicators.map((i) => ({ number: i.number, name: i.name })) : [] } satisfies IndicatorMatches);
  });

  router.put('/indicator-mappings', requireCoordinator, express.json({ limit: '1mb' }), async (req, res) => {
    res.json({ mappings: await setMappings(store, regionOf(req), req.body, actorOf(req)) });
  });

  router.delete('/indicator-mappings', requireCoordinator, async (req, res) => {
    res.json({ mappings: await removeMapping(store, regionOf(req), req.query.name, actorOf(req)) });
  });

  router.get('/workbook.xlsx', requireCoordinator, async (req, res) => {
    const at = now();
    const { bytes, region } = await caches.of(regionOf(req)).get(store, at);
    const { name, ascii } = workbookFileName(region, at);
    res.set('Content-Type', XLSX);
    res.set('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`);
    res.send(Buffer.from(bytes));
  });

  return router;
}
