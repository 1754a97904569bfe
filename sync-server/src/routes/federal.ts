/**
 * The federal coordinator's routes (issue #13), under /api/v1/federal: every region's status, a new region, one
 * region's status, the federal summary workbook. Every route is the federal role's; none changes a region's data.
 */
import express, { Router } from 'express';
import { DEFAULT_TIME_ZONE, isPlainObject, localDate, newRegion, type FederalRegions, type RegionCreated } from '@svod/shared';
import { actorOf, requireFederal } from '../auth/middleware';
import { HttpError } from '../http/errors';
import { createRegion, federalRegions, federalRegionStatus, federalSummaryInput } from '../services/federal';
import type { Store } from '../store/store';
import { buildFederalSummary } from '@svod/shared';
import { renderFederalSummary } from '../workbook/federal';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function federalRouter(store: Store, now: () => Date): Router {
  const router = Router();
  router.use(requireFederal);

  router.get('/regions', async (_req, res) => {
    res.json({ regions: await federalRegions(store, now()) } satisfies FederalRegions);
  });

  router.post('/regions', express.json({ limit: '16kb' }), async (req, res) => {
    const parsed = newRegion.safeParse(isPlainObject(req.body) ? req.body : {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new HttpError(400, `bad-${String(issue.path[0] ?? 'id')}`, issue.message);
    }
    res.status(201).json((await createRegion(store, parsed.data, now(), actorOf(req))) satisfies RegionCreated);
  });

  router.get('/regions/:id/status', async (req, res) => {
    res.json(await federalRegionStatus(store, req.params.id as string, now()));
  });

  router.get('/workbook.xlsx', async (_req, res) => {
    const at = now();
    const bytes = await renderFederalSummary(buildFederalSummary(await federalSummaryInput(store, at)));
    // The federal institute's date: Moscow's.
    const date = localDate(at, DEFAULT_TIME_ZONE);
    res.set('Content-Type', XLSX);
    res.attachment(`Федеральный свод — ${date}.xlsx`);
    res.set('X-Content-Type-Options', 'nosniff');
    res.send(Buffer.from(bytes));
  });

  return router;
}
