import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Role, TokenRecord } from '../store/schema';

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

export function newTokenRecord(token: string, role: Role, municipalityId: string | null, now: Date): TokenRecord {
  return { id: randomUUID(), hash: hashToken(token), role, municipalityId, createdAt: now.toISOString(), revokedAt: null };
}

/** Finds the live token record for a presented token, comparing hashes in constant time. */
export function findToken(tokens: readonly TokenRecord[], presented: string): TokenRecord | null {
  if (presented.length < MIN_PRESENTED_TOKEN_LENGTH || presented.length > MAX_TOKEN_LENGTH) return null;
  const candidate = Buffer.from(hashToken(presented), 'hex');
  let found: TokenRecord | null = null;
  for (const t of tokens) {
    // Every live record is compared, so the time taken does not tell which one matched.
    const equal = timingSafeEqual(candidate, Buffer.from(t.hash, 'hex'));
    if (equal && t.revokedAt === null) found = t;
  }
  return found;
}

/**
 * The revoked record a presented token belongs to, for the audit only (a rotated token still in use is worth knowing
 * about); the client gets the same 401 either way.
 */
export function findRevokedToken(tokens: readonly TokenRecord[], presented: string): TokenRecord | null {
  if (presented.length < MIN_PRESENTED_TOKEN_LENGTH || presented.length > MAX_TOKEN_LENGTH) return null;
  const hash = hashToken(presented);
  return tokens.find((t) => t.revokedAt !== null && t.hash === hash) ?? null;
}
