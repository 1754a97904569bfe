import type { NextFunction, Request, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { HttpError } from '../http/errors';
import type { Store } from '../store/store';
import type { Role } from '../store/schema';
import type { RefusalAudit, RefusalReason } from './refusals';
import { lookupToken } from './tokens';

export interface Principal {
  role: Role;
  /** The region the token belongs to (null for the federal role): every read and write of the request is in it. */
  regionId: string | null;
  municipalityId: string | null;
  tokenId: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
    /** Why authentication failed, for the limiter, the 401 and the audit; the id of a revoked token it recognised. */
    authFailure?: { reason: AuthFailureReason; tokenId?: string };
    /** Set where a request is refused; audited when the response closes. */
    refusal?: RefusalReason;
  }
}

/** `not-checked`: the address had used up its failed attempts, so the token was not looked at (the answer is 429). */
type AuthFailureReason = Extract<RefusalReason, 'missing-token' | 'malformed-token' | 'unknown-token' | 'revoked-token'> | 'not-checked';

const NO_TOKEN = 'Нужен токен доступа: заголовок Authorization: Bearer <токен>.';
const BAD_TOKEN = 'Токен доступа не подходит или отозван. Попросите координатора выдать новый.';

/**
 * The client's address as the rate limit and the audit key it: an IPv6 client controls at least a /64 (usually a /56),
 * so keying on its full address would hand it billions of buckets; `ipKeyGenerator` keys the /56 instead.
 */
export function clientAddress(req: Request): string {
  return ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? '');
}

/**
 * Who is calling, from `Authorization: Bearer <token>` (never a token in the query string). Sets `req.principal`, or
 * `req.authFailure` and leaves refusing to `requireAuthenticated`, so the failed-authentication limit sees the failure
 * first. `blocked` (an address that used up its failed attempts) skips the check: a guess from there is not even
 * looked at, so guessing gets nowhere once the limit is reached.
 */
export function identify(store: Store, blocked?: (req: Request) => Promise<boolean>) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const header = req.get('authorization');
    const m = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) {
      req.authFailure = { reason: header === undefined ? 'missing-token' : 'malformed-token' };
      return next();
    }
    if (blocked && (await blocked(req))) {
      req.authFailure = { reason: 'not-checked' };
      return next();
    }
    const record = await lookupToken(store, m[1]!);
    if (record && record.revokedAt === null) {
      req.principal = { role: record.role, regionId: record.regionId, municipalityId: record.municipalityId, tokenId: record.id };
    } else {
      req.authFailure = record ? { reason: 'revoked-token', tokenId: record.id } : { reason: 'unknown-token' };
    }
    next();
  };
}

export function requireAuthenticated(req: Request, _res: Response, next: NextFunction): void {
  if (req.principal) return next();
  const reason = req.authFailure?.reason ?? 'missing-token';
  req.refusal = reason === 'not-checked' ? 'unknown-token' : reason;
  throw new HttpError(401, 'unauthorized', reason === 'missing-token' || reason === 'malformed-token' ? NO_TOKEN : BAD_TOKEN);
}

export function requireCoordinator(req: Request, _res: Response, next: NextFunction): void {
  if (req.principal?.role !== 'coordinator') {
    req.refusal = 'coordinator-only';
    throw new HttpError(403, 'forbidden', 'Это действие доступно только региональному координатору.');
  }
  next();
}

export function requireFederal(req: Request, _res: Response, next: NextFunction): void {
  if (req.principal?.role !== 'federal') {
    req.refusal = 'federal-only';
    throw new HttpError(403, 'forbidden', 'Это доступно только федеральному координатору.');
  }
  next();
}

export function requireMunicipality(req: Request, _res: Response, next: NextFunction): void {
  if (req.principal?.role !== 'municipality') {
    req.refusal = 'municipality-only';
    throw new HttpError(403, 'forbidden', 'Отправлять таблицы может только муниципалитет со своим токеном.');
  }
  next();
}

export function principalOf(req: Request): Principal {
  if (!req.principal) throw new HttpError(401, 'unauthorized', 'Нужен токен доступа.');
  return req.principal;
}

/**
 * The region of the request: the token's, never one named in the request, so no token reaches another region's data.
 * The federal role has none: it reads regions through /federal/….
 */
export function regionOf(req: Request): string {
  const principal = principalOf(req);
  if (principal.regionId === null) {
    req.refusal = 'region-only';
    throw new HttpError(403, 'forbidden', 'Федеральный токен не относится к одному региону: сведения регионов — в разделе /api/v1/federal/.');
  }
  return principal.regionId;
}

/** The actor of the audit log for the request's principal. */
export function actorOf(req: Request): string {
  const p = principalOf(req);
  return p.role === 'municipality' ? `municipality:${p.municipalityId}` : `${p.role}:${p.tokenId}`;
}

/**
 * Puts every refusal of the API into the audit log when its response closes (whatever produced the answer), through
 * `RefusalAudit`, which bounds how much refusals can write.
 */
export function auditRefusals(refusals: RefusalAudit) {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.once('close', () => {
      const reason = req.refusal;
      if (!reason || res.statusCode < 400) return;
      const p = req.principal;
      refusals.record({
        status: res.statusCode,
        reason,
        actor: p ? (p.role === 'municipality' ? `municipality:${p.municipalityId}` : `${p.role}:${p.tokenId}`) : `address:${clientAddress(req)}`,
        ...(p ? { tokenId: p.tokenId } : req.authFailure?.tokenId ? { tokenId: req.authFailure.tokenId } : {}),
        method: req.method,
        path: req.originalUrl.split('?')[0] ?? '',
      });
    });
    next();
  };
}
