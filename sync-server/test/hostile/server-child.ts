/**
 * The sync server in a process of its own, for `server.test.ts`: `node --require tsx/cjs server-child.ts` with
 * SVOD_DATA_DIR and SVOD_COORDINATOR_TOKEN. The app as `server.ts` builds it (default upload limits, the parse worker
 * pool), on 127.0.0.1 and a free port, with one difference: no rate limit, so hundreds of hostile uploads from one
 * token reach the upload layer instead of a 429. Prints `{"port": N}` once listening; logs errors (and only errors)
 * as JSON lines on stdout, so the test sees any 5xx the server logged. SIGTERM stops it cleanly.
 */
import http from 'node:http';
import { createApp } from '../../src/app';
import { bootstrap } from '../../src/bootstrap';
import { createLogger } from '../../src/http/log';
import { openStore } from '../../src/store/store';
import { closeParsePool } from '../../src/uploads/parse-xlsx';

async function main(): Promise<void> {
  const dir = process.env.SVOD_DATA_DIR;
  const token = process.env.SVOD_COORDINATOR_TOKEN;
  if (!dir || !token) throw new Error('SVOD_DATA_DIR and SVOD_COORDINATOR_TOKEN are required');
  const log = createLogger('error');
  const store = await openStore(dir);
  await bootstrap(store, { regionName: 'Камчатский край', coordinatorToken: token, demo: false, now: new Date() }, log);
  const app = createApp({ store, log, rateLimitPerMinute: false });
  const server = http.createServer(app);
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', ok));
  const address = server.address();
  process.stdout.write(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }) + '\n');
  process.once('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
    void closeParsePool()
      .then(() => store.close())
      .then(() => process.exit(0));
  });
}

main().catch((e: unknown) => {
  process.stderr.write(`server-child: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
