import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cors from 'cors';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { auditRefusals, clientAddress, identify, requireAuthenticated } from './auth/middleware';
import { RefusalAudit } from './auth/refusals';
import { errorHandler, HttpError, notFound } from './http/errors';
import type { Logger } from './http/log';
import { coordinatorTokenRouter, municipalitiesRouter } from './routes/municipalities';
import { federalRouter } from './routes/federal';
import { googleRouter } from './routes/google';
import { openapi } from './routes/openapi';
import { portalRouter } from './routes/portal';
import { regionRouter } from './routes/region';
import { submissionsRouter } from './routes/submissions';
import type { Store } from './store/store';
import { DEFAULT_LIMITS, type UploadLimits } from './uploads';

export interface AppDeps {
  store: Store;
  log: Logger;
  now?: () => Date;
  limits?: Partial<UploadLimits>;
  /** The only origin allowed to call the API from a browser: where the Excel add-in is served. */
  addinOrigin?: string;
  /** Requests per minute and token; `false` switches both limits off (benchmarks). */
  rateLimitPerMinute?: number | false;
  /** Failed authentications per minute and client address; after that the address gets 429 until the minute ends. */
  failedAuthPerMinute?: number;
  /** Where refusals go in the audit log; the caller that passes one flushes it before closing the store. */
  refusalAudit?: RefusalAudit;
  /** Built task pane files to serve under /addin/ (issue #4), if present. */
  addinDir?: string;
  /** office.js to serve under /office-js/, so the pane loads where Microsoft's CDN is blocked. */
  officeJsDir?: string;
  /** Registers work to end before the store closes (background timers); the server's shutdown runs them. */
  onStop?: (stop: () => Promise<void> | void) => void;
}

/** Office hosts the task pane in a frame on these origins; everything else may not frame Svod. */
const OFFICE_FRAME_ANCESTORS = [
  "'self'",
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.officeapps.live.com',
  'https://*.microsoft.com',
  'https://*.sharepoint.com',
  'https://*.live.com',
];

const PUBLIC_DIR = join(__dirname, '..', 'public');
const DIST_DIR = join(__dirname, '..', 'dist');

/** Builds the app; listening is the caller's business (server.ts, or supertest in the tests). */
export function createApp(deps: AppDeps): Express {
  const { store, log } = deps;
  const now = deps.now ?? (() => new Date());
  const limits: UploadLimits = { ...DEFAULT_LIMITS, ...deps.limits };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);

  app.use((req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const id = randomUUID();
    res.set('X-Request-Id', id);
    res.on('finish', () => {
      log.info('request', { id, method: req.method, path: req.path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6, role: req.principal?.role });
    });
    next();
  });

  app.use(
    helmet({
      // The task pane lives in Office's frame: framing is allowed to Office's origins only (CSP), not denied.
      frameguard: false,
      crossOriginEmbedderPolicy: false,
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", 'https://appsforoffice.microsoft.com'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: OFFICE_FRAME_ANCESTORS,
          upgradeInsecureRequests: null,
        },
      },
    }),
  );

  // For a load balancer: answers 503 when the store does not (a database gone away), so traffic goes elsewhere.
  app.get('/healthz', async (_req, res) => {
    const regions = await store.regions();
    res.json({ status: 'ok', store: store.kind, region: regions.length === 1 ? regions[0]!.name : null, regions: regions.length });
  });

  const api = express.Router();
  api.use(
    cors({
      origin: (origin, callback) => callback(null, !origin || origin === (deps.addinOrigin ?? 'https://localhost:3000')),
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
      methods: ['GET', 'POST', 'PUT', 'DELETE'],
      maxAge: 600,
    }),
  );
  api.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  const refusals = deps.refusalAudit ?? new RefusalAudit(store.audit, log, {}, now);
  api.use(auditRefusals(refusals));
  if (deps.rateLimitPerMinute !== false) {
    const storeOption = (prefix: string) => {
      const shared = store.rateLimitStore(prefix);
      return shared ? { store: shared } : {};
    };
    // Keyed after authentication, not on the raw header: a new bogus token per request would be a new bucket. Failed
    // attempts count per address, calls with a live token per token id, so one address's failures never use up a
    // token's budget and a token's calls never lock its address out.
    const refused = (reason: 'rate-limit-token' | 'rate-limit-address', message: string) => (req: Request, _res: Response, next: NextFunction) => {
      req.refusal = reason;
      const detail = reason === 'rate-limit-token' ? `token ${req.principal?.tokenId}` : `address ${clientAddress(req)}`;
      next(Object.assign(new HttpError(429, 'rate-limited', message), { detail }));
    };
    const failedLimit = deps.failedAuthPerMinute ?? 20;
    const failedAuth = rateLimit({
      windowMs: 60_000,
      limit: failedLimit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      keyGenerator: (req) => clientAddress(req),
      skip: (req) => req.principal !== undefined,
      // Several processes on one database count together; one process counts in its memory.
      ...storeOption('auth'),
      handler: refused('rate-limit-address', 'Слишком много попыток с неверным токеном доступа с этого адреса. Подождите минуту и повторите.'),
    });
    const perToken = rateLimit({
      windowMs: 60_000,
      limit: deps.rateLimitPerMinute ?? 120,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      identifier: 'token',
      keyGenerator: (req) => req.principal!.tokenId,
      skip: (req) => req.principal === undefined,
      ...storeOption('token'),
      handler: refused('rate-limit-token', 'Слишком много запросов. Подождите минуту и повторите.'),
    });
    api.use(identify(store, async (req) => ((await failedAuth.getKey(clientAddress(req)))?.totalHits ?? 0) >= failedLimit));
    api.use(failedAuth, perToken);
  } else {
    api.use(identify(store));
  }
  api.use(requireAuthenticated);
  api.use('/municipalities', municipalitiesRouter(store, now));
  api.use('/tokens/coordinator', coordinatorTokenRouter(store, now));
  api.use('/region', regionRouter(store, limits, now));
  api.use('/submissions', submissionsRouter(store, limits, now));
  api.use(googleRouter(deps, limits, now));
  api.use(portalRouter(store, limits, now));
  api.use('/federal', federalRouter(store, now));
  app.use('/api/v1', api);

  app.use('/dashboard', express.static(join(PUBLIC_DIR, 'dashboard'), { index: 'index.html' }), express.static(join(DIST_DIR, 'dashboard')));
  // The web portal of both roles (issue #12): its page and bundle as scripts/build.mjs leaves them (pages are hash routes).
  app.use('/portal', express.static(join(DIST_DIR, 'portal'), { index: 'index.html' }));
  app.get('/', (_req, res) => res.redirect('/portal/'));
  if (deps.addinDir && existsSync(deps.addinDir)) app.use('/addin', express.static(deps.addinDir));
  if (deps.officeJsDir && existsSync(deps.officeJsDir)) app.use('/office-js', express.static(deps.officeJsDir));

  app.use(notFound);
  app.use(errorHandler(log));
  return app;
}
