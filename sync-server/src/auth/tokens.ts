import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Role, TokenRecord } from '../store/schema';

/** 256 random bits, URL-safe; the `svod_` prefix makes a leaked token easy to recognise in logs and scanners. */
export function generateToken(): string {
  return `svod_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newTokenRecord(token: string, role: Role, municipalityId: string | null, now: Date): TokenRecord {
  return { id: randomUUID(), hash: hashToken(token), role, municipalityId, createdAt: now.toISOString(), revokedAt: null };
}

/** Finds the live token record for a presented token, comparing hashes in constant time. */
export function findToken(tokens: readonly TokenRecord[], presented: string): TokenRecord | null {
  if (presented.length < 16 || presented.length > 200) return null;
  const candidate = Buffer.from(hashToken(presented), 'hex');
  let found: TokenRecord | null = null;
  for (const t of tokens) {
    // Every live record is compared, so the time taken does not tell which one matched.
    const equal = timingSafeEqual(candidate, Buffer.from(t.hash, 'hex'));
    if (equal && t.revokedAt === null) found = t;
  }
  return found;
}
