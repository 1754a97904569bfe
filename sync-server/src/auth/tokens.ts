import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Role, TokenRecord } from '../store/schema';
import type { Store } from '../store/store';

/** 256 random bits, URL-safe; the `svod_` prefix makes a leaked token easy to recognise in logs and scanners. */
export function generateToken(): string {
  return `svod_${randomBytes(32).toString('base64url')}`;
}

/** What `findToken` lets through: shorter or longer tokens are refused before hashing. */
export const MIN_PRESENTED_TOKEN_LENGTH = 16;
export const MAX_TOKEN_LENGTH = 200;
/** A token chosen by hand (SVOD_COORDINATOR_TOKEN) must be at least this long: a generated one has 48 characters. */
export const MIN_CHOSEN_TOKEN_LENGTH = 32;

/**
 * Why a token chosen by hand could never be used, or would be too easy to guess; null when it is fine. The middleware
 * takes `Bearer <token>` with no spaces, and HTTP headers carry only ASCII: anything else would never match its hash.
 * The message never repeats the token.
 */
export function chosenTokenProblem(name: string, token: string): string | null {
  if (token.length < MIN_CHOSEN_TOKEN_LENGTH) {
    return `${name} слишком короткий: ${token.length} симв., нужно не меньше ${MIN_CHOSEN_TOKEN_LENGTH}. Задайте длинный случайный токен (например, из \`openssl rand -hex 32\`) или уберите переменную: тогда сервер создаст токен сам и покажет его при первом запуске.`;
  }
  if (token.length > MAX_TOKEN_LENGTH) return `${name} слишком длинный: ${token.length} симв., можно не больше ${MAX_TOKEN_LENGTH}.`;
  if (!/^[\x21-\x7e]+$/.test(token)) {
    return `${name} содержит пробел, управляющий символ или букву не из латиницы: такой токен не пройдёт в заголовке Authorization. Используйте латинские буквы, цифры и знаки препинания.`;
  }
  return null;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** `regionId`: null for a federal token only; `municipalityId`: a municipality's token only. */
export function newTokenRecord(token: string, role: Role, regionId: string | null, municipalityId: string | null, now: Date): TokenRecord {
  return { id: randomUUID(), hash: hashToken(token), role, regionId, municipalityId, createdAt: now.toISOString(), revokedAt: null };
}

/**
 * The record of a presented token, live or revoked (the caller tells them apart: a rotated token still in use is worth
 * an audit line; the client gets the same 401 either way). Looked up by the token's SHA-256: what an index lookup's
 * timing could reveal is about the hash of the attacker's own guess, which tells nothing of any stored token.
 */
export async function lookupToken(store: Pick<Store, 'tokenByHash'>, presented: string): Promise<TokenRecord | null> {
  if (presented.length < MIN_PRESENTED_TOKEN_LENGTH || presented.length > MAX_TOKEN_LENGTH) return null;
  return store.tokenByHash(hashToken(presented));
}
