import express, { Router } from 'express';
import { principalOf, requireCoordinator } from '../auth/middleware';
import { HttpError } from '../http/errors';
import type { Store } from '../store/store';
import { requireRegion, setDeadline, setTemplate, WorkbookCache } from '../services/region';
import { statusRows } from '../services/status';
import { readUpload, type UploadLimits } from '../uploads';
import { readBody, uploadBody } from './submissions';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function regionRouter(store: Store, limits: UploadLimits, now: () => Date): Router {
  const router = Router();
  const cache = new WorkbookCache();
  const raw = express.raw({ type: [XLSX, 'application/octet-stream'], limit: limits.maxBytes });
  const form = uploadBody(limits);

  router.get('/', (_req, res) => {
    const region = requireRegion(store);
    res.json({
      name: region.name,
      deadline: region.deadline,
      template: region.template
        ? { fileName: region.template.fileName, uploadedAt: region.template.uploadedAt, indicators: region.template.content.indicators.length, years: region.template.content.years, sections: region.template.content.sections }
        : null,
    });
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
      const template = await setTemplate(store, upload.workbook, upload.bytes, upload.fileName, now(), `coordinator:${principalOf(req).tokenId}`);
      res.json({ indicators: template.content.indicators.length, years: template.content.years, sections: template.content.sections, uploadedAt: template.uploadedAt });
    },
  );

  router.put('/deadline', requireCoordinator, express.json({ limit: '4kb' }), async (req, res) => {
    const body = (req.body ?? {}) as { deadline?: unknown };
    if (!('deadline' in body)) throw new HttpError(400, 'bad-deadline', 'Передайте {"deadline": "2026-12-15"}.');
    res.json({ deadline: await setDeadline(store, body.deadline, `coordinator:${principalOf(req).tokenId}`) });
  });

  router.get('/status', requireCoordinator, (_req, res) => {
    const region = requireRegion(store);
    res.json({ region: region.name, deadline: region.deadline, municipalities: statusRows(store.db.data, now()) });
  });

  router.get('/workbook.xlsx', requireCoordinator, async (_req, res) => {
    const bytes = await cache.get(store, now());
    res.set('Content-Type', XLSX);
    res.set('Content-Disposition', `attachment; filename="svod.xlsx"; filename*=UTF-8''${encodeURIComponent('Свод.xlsx')}`);
    res.send(Buffer.from(bytes));
  });

  return router;
}
