/**
 * `npm run coordinator-token`: a new coordinator token when the current one is lost (it was rotated and the new one
 * not written down, or the person who kept it has left). Only whoever can reach the data directory on the server can
 * do this, and only while the server is stopped: the store's lock refuses a running one. Every other coordinator
 * token is revoked, and the audit log records it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { generateToken, newTokenRecord } from '../auth/tokens';
import { openStore } from '../store/store';

export class TokenResetError extends Error {}

export interface TokenReset {
  token: string;
  revoked: number;
}

export async function resetCoordinatorToken(dataDir: string, now: () => Date = () => new Date()): Promise<TokenReset> {
  if (!existsSync(join(dataDir, 'db.json'))) {
    throw new TokenResetError(`В каталоге ${dataDir} нет данных Svod (db.json): укажите каталог данных сервера (SVOD_DATA_DIR или --data).`);
  }
  const store = await openStore(dataDir, now); // throws DataDirLockedError while a server holds the directory
  try {
    const data = store.db.data;
    if (!data.region) throw new TokenResetError(`В каталоге ${dataDir} регион ещё не создан: запустите сервер, он выдаст токен координатора.`);
    const at = now().toISOString();
    let revoked = 0;
    for (const t of data.tokens) {
      if (t.role === 'coordinator' && t.revokedAt === null) {
        t.revokedAt = at;
        revoked++;
      }
    }
    const token = generateToken();
    data.tokens.push(newTokenRecord(token, 'coordinator', null, now()));
    await store.db.write();
    await store.audit.append({ action: 'token-reset', actor: 'operator', target: 'coordinator', details: { revoked } });
    return { token, revoked };
  } finally {
    await store.close();
  }
}
