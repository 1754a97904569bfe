import type { NextFunction, Request, Response } from 'express';
import { HttpError } from '../http/errors';
import type { Store } from '../store/store';
import type { Role } from '../store/schema';
import { findToken } from './tokens';

export interface Principal {
  role: Role;
  municipalityId: string | null;
  tokenId: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

/** `Authorization: Bearer <token>`; never a token in the query string. */
export function authenticate(store: Store) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const header = req.get('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new HttpError(401, 'unauthorized', 'Нужен токен доступа: заголовок Authorization: Bearer <токен>.');
    const record = findToken(store.db.data.tokens, m[1]!);
    if (!record) throw new HttpError(401, 'unauthorized', 'Токен доступа не подходит или отозван. Попросите координатора выдать новый.');
    req.principal = { role: record.role, municipalityId: record.municipalityId, tokenId: record.id };
    next();
  };
}

export function requireCoordinator(req: Request, _res: Response, next: NextFunction): void {
  if (req.principal?.role !== 'coordinator') throw new HttpError(403, 'forbidden', 'Это действие доступно только региональному координатору.');
  next();
}

export function requireMunicipality(req: Request, _res: Response, next: NextFunction): void {
  if (req.principal?.role !== 'municipality') throw new HttpError(403, 'forbidden', 'Отправлять таблицы может только муниципалитет со своим токеном.');
  next();
}

export function principalOf(req: Request): Principal {
  if (!req.principal) throw new HttpError(401, 'unauthorized', 'Нужен токен доступа.');
  return req.principal;
}
