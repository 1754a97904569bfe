/**
 * `npm run coordinator-token`: a new coordinator token when the current one is lost (it was rotated and the new one
 * not written down, or the person who kept it has left). Only whoever can reach the data directory on the server can
 * do this, and only while the server is stopped: the store's lock refuses a running one. Every other coordinator
 * token is revoked, and the audit log records it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { generateToken, newTokenRecord } from '../auth/tokens';
import { openStore, type Store } from '../store/store';

export class TokenResetError extends Error {}

export interface TokenReset {
  token: string;
  revoked: number;
}

export async function resetCoordinatorToken(dataDir: string, now: () => Date = () => new Date(), regionId?: string): Promise<TokenReset> {
  if (!existsSync(join(dataDir, 'db.json'))) {
    throw new TokenResetError(`В каталоге ${dataDir} нет данных Svod (db.json): укажите каталог данных сервера (SVOD_DATA_DIR или --data).`);
  }
  const store = await openStore(dataDir, now); // throws DataDirLockedError while a server holds the directory
  try {
    return await resetIn(store, now, regionId, `В каталоге ${dataDir}`);
  } finally {
    await store.close();
  }
}

/**
 * The reset in an open store (the data directory's, or PostgreSQL's while servers run: its transaction revokes the old
 * tokens and stores the new one in one step). `regionId`: which region's coordinator; may be left out when there is one.
 */
export async function resetIn(store: Store, now: () => Date, regionId: string | undefined, where: string): Promise<TokenReset> {
  const regions = await store.regions();
  if (regions.length === 0) throw new TokenResetError(`${where} регион ещё не создан: запустите сервер, он выдаст токен координатора.`);
  const region = regionId === undefined ? (regions.length === 1 ? regions[0] : undefined) : regions.find((r) => r.id === regionId);
  if (!region) {
    const ids = regions.map((r) => r.id).join(', ');
    throw new TokenResetError(regionId === undefined ? `${where} несколько регионов (${ids}): укажите, чей токен выдать, через --region КОД.` : `${where} нет региона «${regionId}». Есть: ${ids}.`);
  }
  const token = generateToken();
  const revoked = await store.replaceTokens({ role: 'coordinator', regionId: region.id }, newTokenRecord(token, 'coordinator', region.id, null, now()), now().toISOString());
  await store.audit.append({ action: 'token-reset', actor: 'operator', region: region.id, target: 'coordinator', details: { revoked } });
  return { token, revoked };
}

/** A new federal coordinator's token; every earlier federal token is revoked in the same step. */
export async function issueFederalToken(store: Store, now: () => Date): Promise<TokenReset> {
  const token = generateToken();
  const revoked = await store.replaceTokens({ role: 'federal' }, newTokenRecord(token, 'federal', null, null, now()), now().toISOString());
  await store.audit.append({ action: 'token-reset', actor: 'operator', target: 'federal', details: { revoked } });
  return { token, revoked };
}

export async function issueFederalTokenInDir(dataDir: string, now: () => Date = () => new Date()): Promise<TokenReset> {
  if (!existsSync(join(dataDir, 'db.json'))) {
    throw new TokenResetError(`В каталоге ${dataDir} нет данных Svod (db.json): укажите каталог данных сервера (SVOD_DATA_DIR или --data).`);
  }
  const store = await openStore(dataDir, now);
  try {
    return await issueFederalToken(store, now);
  } finally {
    await store.close();
  }
}
