/**
 * `npm start`: the sync server on http://localhost:3000 (PORT), data in ./data (SVOD_DATA_DIR); HTTPS when
 * SVOD_TLS_CERT and SVOD_TLS_KEY name PEM files (the Excel add-in needs HTTPS).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { resolve, join } from 'node:path';
import { createApp } from './app';
import { DEFAULT_TIME_ZONE, isTimeZone, REGION_ID } from '@svod/shared';
import { RefusalAudit } from './auth/refusals';
import { chosenTokenProblem } from './auth/tokens';
import { bootstrap } from './bootstrap';
import { createLogger, type Level } from './http/log';
import { DataDirLockedError } from './store/lock';
import { openStore, type Store } from './store/store';
import { openPostgresStore } from './store/postgres';
import type { Logger } from './http/log';
import { closeParsePool } from './uploads/parse-xlsx';

export interface ServerEnv {
  PORT?: string;
  HOST?: string;
  SVOD_DATA_DIR?: string;
  SVOD_COORDINATOR_TOKEN?: string;
  /** The federal coordinator's token (issue #13): reads every region. */
  SVOD_FEDERAL_TOKEN?: string;
  SVOD_DEMO?: string;
  SVOD_REGION_NAME?: string;
  SVOD_TIME_ZONE?: string;
  SVOD_TLS_CERT?: string;
  SVOD_TLS_KEY?: string;
  SVOD_ADDIN_ORIGIN?: string;
  SVOD_LOG_LEVEL?: string;
  SVOD_MAX_UPLOAD_MB?: string;
  /** PostgreSQL instead of the data directory: several processes may then serve the same data. */
  SVOD_DATABASE_URL?: string;
  /** Connections per process to PostgreSQL (default 10). */
  SVOD_DATABASE_POOL?: string;
  /** The PostgreSQL schema Svod's tables live in (default `public`): several deployments may share one database. */
  SVOD_DATABASE_SCHEMA?: string;
  /** Requests per minute and token (default 120); `off` switches the limits off (a benchmark, a proxy that limits). */
  SVOD_RATE_LIMIT_PER_MINUTE?: string;
  /** The first region's id (the tenant key), when the store is empty. */
  SVOD_REGION_ID?: string;
}

/** A start refused for a reason the operator can fix: its Russian message is all there is to print. */
export class StartupError extends Error {}

function listenError(e: unknown, host: string, port: number): Error {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return new StartupError(`Порт ${port} на ${host} уже занят другим процессом: задайте другой через PORT.`);
  if (code === 'EACCES') return new StartupError(`Нет прав слушать порт ${port} на ${host}: задайте другой через PORT (например, больше 1024).`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new StartupError(`Адрес ${host} недоступен на этой машине: задайте другой через HOST.`);
  return e instanceof Error ? e : new Error(String(e));
}

/** PostgreSQL when SVOD_DATABASE_URL is set, the data directory otherwise. */
export async function openConfiguredStore(env: ServerEnv, dataDir: string, log: Logger): Promise<Store> {
  if (env.SVOD_REGION_ID !== undefined && !REGION_ID.test(env.SVOD_REGION_ID)) {
    throw new StartupError(`SVOD_REGION_ID: «${env.SVOD_REGION_ID}» — не годится. Код региона: латинские буквы, цифры и дефис, до 40 символов, например kamchatka или 41.`);
  }
  if (!env.SVOD_DATABASE_URL) return openStore(dataDir, undefined, env.SVOD_REGION_ID ? { regionId: env.SVOD_REGION_ID } : {});
  const pool = env.SVOD_DATABASE_POOL === undefined ? 10 : Number(env.SVOD_DATABASE_POOL);
  if (!Number.isInteger(pool) || pool < 1 || pool > 500) throw new StartupError(`SVOD_DATABASE_POOL: «${env.SVOD_DATABASE_POOL}» — нужно целое число соединений от 1 до 500.`);
  try {
    return await openPostgresStore({ connectionString: env.SVOD_DATABASE_URL, poolSize: pool, log, ...(env.SVOD_DATABASE_SCHEMA ? { schema: env.SVOD_DATABASE_SCHEMA } : {}) });
  } catch (e) {
    throw new StartupError(e instanceof Error ? e.message : String(e));
  }
}

export async function startServer(env: ServerEnv = process.env as ServerEnv) {
  // Checked before the data directory is touched: a refused start leaves nothing behind.
  const envToken = env.SVOD_COORDINATOR_TOKEN || undefined;
  const tokenProblem = envToken === undefined ? null : chosenTokenProblem('SVOD_COORDINATOR_TOKEN', envToken);
  if (tokenProblem) throw new StartupError(tokenProblem);
  const federalToken = env.SVOD_FEDERAL_TOKEN || undefined;
  const federalProblem = federalToken === undefined ? null : chosenTokenProblem('SVOD_FEDERAL_TOKEN', federalToken);
  if (federalProblem) throw new StartupError(federalProblem);
  if (federalToken !== undefined && federalToken === envToken) throw new StartupError('SVOD_FEDERAL_TOKEN совпадает с SVOD_COORDINATOR_TOKEN: у федерального координатора и координатора региона должны быть разные токены.');
  const timeZone = env.SVOD_TIME_ZONE || DEFAULT_TIME_ZONE;
  if (!isTimeZone(timeZone)) throw new StartupError(`SVOD_TIME_ZONE: «${timeZone}» — не часовой пояс. Укажите название из базы IANA, например Europe/Moscow или Asia/Kamchatka.`);
  const limit = env.SVOD_RATE_LIMIT_PER_MINUTE;
  const rateLimitPerMinute = limit === undefined || limit === '' ? undefined : limit === 'off' ? false : Number(limit);
  if (typeof rateLimitPerMinute === 'number' && !(Number.isInteger(rateLimitPerMinute) && rateLimitPerMinute >= 1)) {
    throw new StartupError(`SVOD_RATE_LIMIT_PER_MINUTE: «${limit}» — нужно целое число запросов в минуту (от 1) или off.`);
  }
  const log = createLogger((env.SVOD_LOG_LEVEL as Level | 'silent' | undefined) ?? 'info');
  const dataDir = resolve(env.SVOD_DATA_DIR ?? 'data');
  const tls = env.SVOD_TLS_CERT && env.SVOD_TLS_KEY ? { cert: readFileSync(env.SVOD_TLS_CERT), key: readFileSync(env.SVOD_TLS_KEY) } : null;
  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? 'localhost';
  const origin = `${tls ? 'https' : 'http'}://${host}:${port}`;
  const store = await openConfiguredStore(env, dataDir, log);
  const maxMb = Number(env.SVOD_MAX_UPLOAD_MB ?? 10);
  const refusalAudit = new RefusalAudit(store.audit, log);
  const stoppers: Array<() => Promise<void> | void> = [];
  let app: ReturnType<typeof createApp>;
  try {
    app = createApp({
      store,
      log,
      onStop: (f) => void stoppers.push(f),
      addinOrigin: env.SVOD_ADDIN_ORIGIN ?? origin,
      limits: { maxBytes: Math.max(1, maxMb) * 1024 * 1024 },
      refusalAudit,
      ...(rateLimitPerMinute !== undefined ? { rateLimitPerMinute } : {}),
      addinDir: join(__dirname, '..', '..', 'addin', 'dist'),
      officeJsDir: join(require.resolve('@microsoft/office-js/package.json'), '..', 'dist'),
    });
  } catch (e) {
    await store.close(); // the data directory is free again for the next start
    throw e;
  }
  // The port is bound before the region is created: a start that cannot serve (the port is busy) creates no tokens,
  // so the next start still finds an empty directory and prints them. Requests that arrive while the region is being
  // created wait for it.
  let booted = false;
  let opened!: () => void;
  const ready = new Promise<void>((ok) => (opened = ok));
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (booted) app(req, res);
    else void ready.then(() => app(req, res));
  };
  const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
  let closing = false;
  const stop = async () => {
    if (closing) return;
    closing = true;
    server.close();
    server.closeAllConnections?.();
    for (const f of stoppers) await f(); // background work (scheduled pulls) before the store goes
    await closeParsePool();
    await refusalAudit.flush(); // the refusals counted so far, before the audit log closes
    await store.close();
  };
  try {
    await new Promise<void>((ok, fail) => server.once('error', fail).listen(port, host, ok)).catch((e: unknown) => {
      throw listenError(e, host, port);
    });
    log.info('listening', { url: origin, store: store.kind, ...(store.kind === 'lowdb' ? { dataDir } : {}) });
    const boot = await bootstrap(
      store,
      {
        regionName: env.SVOD_REGION_NAME ?? 'Камчатский край',
        ...(env.SVOD_REGION_ID ? { regionId: env.SVOD_REGION_ID } : {}),
        timeZone,
        ...(envToken ? { coordinatorToken: envToken } : {}),
        ...(federalToken ? { federalToken } : {}),
        demo: env.SVOD_DEMO !== '0',
        now: new Date(),
      },
      log,
    );
    if (boot.printed.length) {
      // Shown once: only hashes are stored.
      const lines = [`Svod: ${origin}  (панель координатора: ${origin}/dashboard/)`, 'Токены доступа (показываются один раз, сохраните их):'];
      for (const p of boot.printed) lines.push(`  ${p.who}${p.municipalityId ? ` (id: ${p.municipalityId})` : ''}: ${p.token}`);
      process.stdout.write(lines.join('\n') + '\n');
    }
  } catch (e) {
    await stop();
    throw e;
  }
  booted = true;
  opened();
  return { server, store, origin, stop };
}

if (require.main === module) {
  startServer()
    .then(({ stop }) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop().then(() => process.exit(0)));
    })
    .catch((e: unknown) => {
      const known = e instanceof DataDirLockedError || e instanceof StartupError;
      process.stderr.write(`${known ? e.message : 'Сервер Svod не запустился.'}\n`);
      if (!known) process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    });
}
