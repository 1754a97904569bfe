/**
 * `npm start`: the sync server on http://localhost:3000 (PORT), data in ./data (SVOD_DATA_DIR); HTTPS when
 * SVOD_TLS_CERT and SVOD_TLS_KEY name PEM files (the Excel add-in needs HTTPS).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { resolve, join } from 'node:path';
import { createApp } from './app';
import { bootstrap } from './bootstrap';
import { createLogger, type Level } from './http/log';
import { DataDirLockedError } from './store/lock';
import { openStore } from './store/store';
import { closeParsePool } from './uploads/parse-xlsx';

export interface ServerEnv {
  PORT?: string;
  HOST?: string;
  SVOD_DATA_DIR?: string;
  SVOD_COORDINATOR_TOKEN?: string;
  SVOD_DEMO?: string;
  SVOD_REGION_NAME?: string;
  SVOD_TLS_CERT?: string;
  SVOD_TLS_KEY?: string;
  SVOD_ADDIN_ORIGIN?: string;
  SVOD_LOG_LEVEL?: string;
  SVOD_MAX_UPLOAD_MB?: string;
}

export async function startServer(env: ServerEnv = process.env as ServerEnv) {
  const log = createLogger((env.SVOD_LOG_LEVEL as Level | 'silent' | undefined) ?? 'info');
  const dataDir = resolve(env.SVOD_DATA_DIR ?? 'data');
  const store = await openStore(dataDir);
  const tls = env.SVOD_TLS_CERT && env.SVOD_TLS_KEY ? { cert: readFileSync(env.SVOD_TLS_CERT), key: readFileSync(env.SVOD_TLS_KEY) } : null;
  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? 'localhost';
  const origin = `${tls ? 'https' : 'http'}://${host}:${port}`;
  const boot = await bootstrap(
    store,
    {
      regionName: env.SVOD_REGION_NAME ?? 'Камчатский край',
      ...(env.SVOD_COORDINATOR_TOKEN ? { coordinatorToken: env.SVOD_COORDINATOR_TOKEN } : {}),
      demo: env.SVOD_DEMO !== '0',
      now: new Date(),
    },
    log,
  );
  const maxMb = Number(env.SVOD_MAX_UPLOAD_MB ?? 10);
  const app = createApp({
    store,
    log,
    addinOrigin: env.SVOD_ADDIN_ORIGIN ?? origin,
    limits: { maxBytes: Math.max(1, maxMb) * 1024 * 1024 },
    addinDir: join(__dirname, '..', '..', 'addin', 'dist'),
    officeJsDir: join(require.resolve('@microsoft/office-js/package.json'), '..', 'dist'),
  });
  const server = tls ? https.createServer(tls, app) : http.createServer(app);
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(port, host, ok));
  log.info('listening', { url: origin, dataDir });
  if (boot.printed.length) {
    // Shown once: only hashes are stored.
    const lines = [`Svod: ${origin}  (панель координатора: ${origin}/dashboard/)`, 'Токены доступа (показываются один раз, сохраните их):'];
    for (const p of boot.printed) lines.push(`  ${p.who}: ${p.token}`);
    process.stdout.write(lines.join('\n') + '\n');
  }
  let closing = false;
  const stop = async () => {
    if (closing) return;
    closing = true;
    server.close();
    server.closeAllConnections?.();
    await closeParsePool();
    await store.close();
  };
  return { server, store, origin, stop };
}

if (require.main === module) {
  startServer()
    .then(({ stop }) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop().then(() => process.exit(0)));
    })
    .catch((e: unknown) => {
      const message = e instanceof DataDirLockedError ? e.message : e instanceof Error && /EADDRINUSE/.test(e.message) ? 'Порт уже занят другим процессом: задайте другой через PORT.' : 'Сервер Svod не запустился.';
      process.stderr.write(`${message}\n`);
      if (!(e instanceof DataDirLockedError)) process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    });
}
