import express, { Router } from 'express';
import { isPlainObject, newMunicipality, type MunicipalityCreated, type MunicipalityList } from '@svod/shared';
import { generateToken, newTokenRecord } from '../auth/tokens';
import { principalOf, requireCoordinator } from '../auth/middleware';
import { HttpError } from '../http/errors';
import type { Store } from '../store/store';
import { regionView } from '../services/status';

/** The coordinator registers municipalities and issues or rotates their tokens. */
export function municipalitiesRouter(store: Store, now: () => Date): Router {
  const router = Router();

  router.post('/', requireCoordinator, express.json({ limit: '16kb' }), async (req, res) => {
    // The contract's schema words each field's refusal; the code names the first bad field (`bad-id`, `bad-name`).
    const parsed = newMunicipality.safeParse(isPlainObject(req.body) ? req.body : {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new HttpError(400, `bad-${String(issue.path[0] ?? 'id')}`, issue.message);
    }
    const body = parsed.data;
    const data = store.db.data;
    if (data.municipalities.some((m) => m.id === body.id)) throw new HttpError(409, 'exists', `Муниципалитет «${body.id}» уже зарегистрирован.`);
    const token = generateToken();
    const municipality = { id: body.id, name: body.name.trim(), createdAt: now().toISOString() };
    data.municipalities.push(municipality);
    data.tokens.push(newTokenRecord(token, 'municipality', municipality.id, now()));
    await store.db.write();
    await store.audit.append({ action: 'municipality-created', actor: `coordinator:${principalOf(req).tokenId}`, target: municipality.id });
    res.status(201).json({ id: municipality.id, name: municipality.name, token } satisfies MunicipalityCreated);
  });

  router.get('/', requireCoordinator, async (_req, res) => {
    const { result } = await regionView(store).consolidation(now());
    const status = new Map(result.municipalities.map((m) => [m.row.municipalityId, m.row]));
    res.json({
      municipalities: store.db.data.municipalities.map((m) => ({ id: m.id, name: m.name, createdAt: m.createdAt, submission: status.get(m.id) ?? null })),
    } satisfies MunicipalityList);
  });

  /** Rotation: a new token, the old ones revoked at once. */
  router.post('/:id/token', requireCoordinator, async (req, res) => {
    const data = store.db.data;
    const municipality = data.municipalities.find((m) => m.id === req.params.id);
    if (!municipality) throw new HttpError(404, 'not-found', 'Такого муниципалитета нет.');
    const at = now().toISOString();
    for (const t of data.tokens) if (t.municipalityId === municipality.id && t.revokedAt === null) t.revokedAt = at;
    const token = generateToken();
    data.tokens.push(newTokenRecord(token, 'municipality', municipality.id, now()));
    await store.db.write();
    await store.audit.append({ action: 'token-rotated', actor: `coordinator:${principalOf(req).tokenId}`, target: municipality.id });
    res.status(201).json({ id: municipality.id, token });
  });

  return router;
}

/** The coordinator rotates their own token; the old one stops working immediately. */
export function coordinatorTokenRouter(store: Store, now: () => Date): Router {
  const router = Router();
  router.post('/rotate', requireCoordinator, async (req, res) => {
    const principal = principalOf(req);
    const data = store.db.data;
    const at = now().toISOString();
    for (const t of data.tokens) if (t.role === 'coordinator' && t.revokedAt === null) t.revokedAt = at;
    const token = generateToken();
    data.tokens.push(newTokenRecord(token, 'coordinator', null, now()));
    await store.db.write();
    await store.audit.append({ action: 'token-rotated', actor: `coordinator:${principal.tokenId}`, target: 'coordinator' });
    res.status(201).json({ token });
  });
  return router;
}
