import express, { Router, type Request } from 'express';
import { isPlainObject, newMunicipality, parseColumns, type ColumnRole, type MunicipalityColumns, type MunicipalityCreated, type MunicipalityList } from '@svod/shared';
import { generateToken, newTokenRecord } from '../auth/tokens';
import { actorOf, principalOf, regionOf, requireCoordinator } from '../auth/middleware';
import { HttpError } from '../http/errors';
import type { Store } from '../store/store';
import type { MunicipalityRecord } from '../store/schema';
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
    // `/municipalities/me/…` is the caller's own municipality: no municipality may be called that.
    if (body.id === 'me') throw new HttpError(400, 'bad-id', 'Код «me» зарезервирован: выберите другой код муниципалитета.');
    const regionId = regionOf(req);
    const token = generateToken();
    const municipality = { regionId, id: body.id, name: body.name.trim(), createdAt: now().toISOString() };
    if (!(await store.addMunicipality(municipality, newTokenRecord(token, 'municipality', regionId, municipality.id, now())))) {
      throw new HttpError(409, 'exists', `Муниципалитет «${body.id}» уже зарегистрирован.`);
    }
    await store.audit.append({ action: 'municipality-created', actor: actorOf(req), region: regionId, target: municipality.id });
    res.status(201).json({ id: municipality.id, name: municipality.name, token } satisfies MunicipalityCreated);
  });

  router.get('/', requireCoordinator, async (req, res) => {
    const view = regionView(store);
    const snapshot = await view.snapshot(regionOf(req));
    const { result } = await view.consolidation(regionOf(req), now(), snapshot);
    const status = new Map(result.municipalities.map((m) => [m.row.municipalityId, m.row]));
    res.json({
      municipalities: snapshot.municipalities.map((m) => ({ id: m.id, name: m.name, createdAt: m.createdAt, submission: status.get(m.id) ?? null })),
    } satisfies MunicipalityList);
  });

  // The column mapping: a municipality its own (`me`), the coordinator anyone's. Before `/:id/…`, which `me` would match.
  router.get('/me/columns', requireOwnMunicipality, async (req, res) => {
    res.json(columnsAnswer(await ownMunicipality(store, req)));
  });
  router.put('/me/columns', requireOwnMunicipality, express.json({ limit: '64kb' }), async (req, res) => {
    const municipality = await ownMunicipality(store, req);
    res.json(columnsAnswer(await setColumns(store, municipality, readColumnsBody(req.body), actorOf(req))));
  });
  router.get('/:id/columns', requireCoordinator, async (req, res) => {
    res.json(columnsAnswer(await municipalityById(store, regionOf(req), req.params.id as string)));
  });
  router.put('/:id/columns', requireCoordinator, express.json({ limit: '64kb' }), async (req, res) => {
    const municipality = await municipalityById(store, regionOf(req), req.params.id as string);
    res.json(columnsAnswer(await setColumns(store, municipality, readColumnsBody(req.body), actorOf(req))));
  });

  /** Rotation: a new token, the old ones revoked at once. */
  router.post('/:id/token', requireCoordinator, async (req, res) => {
    const regionId = regionOf(req);
    const municipality = await municipalityById(store, regionId, req.params.id as string);
    const token = generateToken();
    await store.replaceTokens({ role: 'municipality', regionId, municipalityId: municipality.id }, newTokenRecord(token, 'municipality', regionId, municipality.id, now()), now().toISOString());
    await store.audit.append({ action: 'token-rotated', actor: actorOf(req), region: regionId, target: municipality.id });
    res.status(201).json({ id: municipality.id, token });
  });

  return router;
}

/** Headers a mapping may name, and how long each may be: far beyond any real table, bounded against a hostile body. */
const MAX_COLUMNS = 200;
const MAX_HEADER = 500;
const BODY_SHAPE = 'Тело запроса должно быть вида {"columns": {"заголовок столбца": "мероприятие"}}; {"columns": {}} забывает сопоставление.';

function requireOwnMunicipality(req: Request, _res: unknown, next: () => void): void {
  if (req.principal?.role !== 'municipality') {
    req.refusal = 'municipality-only';
    throw new HttpError(403, 'forbidden', 'Это сопоставление столбцов своего муниципалитета: нужен токен муниципалитета. Координатор задаёт его через /municipalities/{код}/columns.');
  }
  next();
}

async function ownMunicipality(store: Store, req: Request): Promise<MunicipalityRecord> {
  const municipality = await store.municipality(regionOf(req), principalOf(req).municipalityId ?? '');
  if (!municipality) throw new HttpError(403, 'forbidden', 'Муниципалитет этого токена не зарегистрирован.');
  return municipality;
}

export async function municipalityById(store: Store, regionId: string, id: string): Promise<MunicipalityRecord> {
  const municipality = await store.municipality(regionId, id);
  if (!municipality) throw new HttpError(404, 'not-found', 'Такого муниципалитета нет.');
  return municipality;
}

/** The body's mapping, checked with the words of `columns` in svod.config.json; null forgets. Refused whole, never in part. */
function readColumnsBody(body: unknown): Record<string, ColumnRole> | null {
  if (!isPlainObject(body) || !('columns' in body) || Object.keys(body).length !== 1) throw new HttpError(400, 'bad-columns', BODY_SHAPE);
  const input = body['columns'];
  if (input === null) return null;
  if (isPlainObject(input)) {
    const headers = Object.keys(input);
    if (headers.length > MAX_COLUMNS) throw new HttpError(400, 'bad-columns', `В сопоставлении больше ${MAX_COLUMNS} столбцов.`);
    const long = headers.find((h) => h.length > MAX_HEADER);
    if (long !== undefined) throw new HttpError(400, 'bad-columns', `Заголовок столбца «${long.slice(0, 40)}…» длиннее ${MAX_HEADER} символов.`);
  }
  const errors: string[] = [];
  const columns = parseColumns(input, errors);
  if (errors.length) throw new HttpError(400, 'bad-columns', errors.join(' '));
  return columns ?? null;
}

async function setColumns(store: Store, municipality: MunicipalityRecord, columns: Record<string, ColumnRole> | null, actor: string): Promise<MunicipalityRecord> {
  let before = 0;
  // A failed write stores nothing: the old mapping stays, the client gets 503.
  const changed = await store.updateMunicipality(municipality.regionId, municipality.id, (m) => {
    before = Object.keys(m.columns ?? {}).length;
    if (columns) m.columns = columns;
    else delete m.columns;
  });
  if (!changed) throw new HttpError(404, 'not-found', 'Такого муниципалитета нет.');
  await store.audit.append({
    action: columns ? 'columns-set' : 'columns-cleared',
    actor,
    region: municipality.regionId,
    target: municipality.id,
    // The mapping itself when it is of a usual size: the audit line stays small whatever a body holds.
    details: { before, after: Object.keys(columns ?? {}).length, ...(columns && JSON.stringify(columns).length <= 4000 ? { columns } : {}) },
  });
  return changed;
}

function columnsAnswer(municipality: MunicipalityRecord): MunicipalityColumns {
  return { id: municipality.id, columns: { ...(municipality.columns ?? {}) } };
}

/** The coordinator rotates their own token; the old one stops working immediately. */
export function coordinatorTokenRouter(store: Store, now: () => Date): Router {
  const router = Router();
  router.post('/rotate', requireCoordinator, async (req, res) => {
    const regionId = regionOf(req);
    const token = generateToken();
    await store.replaceTokens({ role: 'coordinator', regionId }, newTokenRecord(token, 'coordinator', regionId, null, now()), now().toISOString());
    await store.audit.append({ action: 'token-rotated', actor: actorOf(req), region: regionId, target: 'coordinator' });
    res.status(201).json({ token });
  });
  return router;
}
