/**
 * The real server as a child process (`node --import tsx sync-server/src/server.ts`, what `npm start` runs), on
 * 127.0.0.1, for tests that kill it, back its directory up while it serves, or start another one on a restored copy.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { testDatabaseUrl, uniqueSchemaName, withAdmin } from './support/postgres';

export const ROOT = join(__dirname, '..', '..');
export const SERVER_ENTRY = join(ROOT, 'sync-server', 'src', 'server.ts');

/** An in-process app on 127.0.0.1 (never every interface); `close()` drops kept-alive connections too. */
export async function serveLocally(app: http.RequestListener): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer(app);
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', ok));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

export const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

/** A port nobody listens on now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail).listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => ok(port));
    });
  });
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/**
 * One request on a connection of its own. Resolves with a complete answer; rejects when there was none (refused,
 * reset, cut off mid-answer by a kill, or no answer within `timeoutMs`).
 */
export function call(port: number, method: string, path: string, options: { headers?: Record<string, string>; body?: Buffer; timeoutMs?: number } = {}): Promise<Answer> {
  return new Promise((ok, fail) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path, agent: false, headers: { ...options.headers, ...(options.body ? { 'content-length': String(options.body.length) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => (res.complete ? ok({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }) : fail(new Error('answer cut off'))));
        res.on('aborted', () => fail(new Error('answer cut off')));
        res.on('error', fail);
      },
    );
    req.setTimeout(options.timeoutMs ?? 60_000, () => req.destroy(new Error('no answer in time')));
    req.on('error', fail);
    req.end(options.body);
  });
}

export class RealServer {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  /** What the server wrote to stderr, across all its starts (the last 20,000 characters). */
  stderr = '';
  starts = 0;

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get running(): boolean {
    return this.child !== null;
  }

  start(): void {
    if (this.child) throw new Error('already running');
    const child = spawn(process.execPath, ['--import', 'tsx', SERVER_ENTRY], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', PORT: String(this.port), HOST: '127.0.0.1', SVOD_LOG_LEVEL: 'silent', ...this.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.starts++;
    child.stderr!.on('data', (c: Buffer) => {
      this.stderr = (this.stderr + c.toString('utf8')).slice(-20_000);
    });
    this.child = child;
    this.exited = new Promise((ok) =>
      child.once('exit', () => {
        if (this.child === child) this.child = null;
        ok();
      }),
    );
  }

  /** Waits until `/healthz` answers 200; fails if the process exits first or `timeoutMs` passes. */
  async ready(timeoutMs = 60_000): Promise<void> {
    const child = this.child;
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.child !== child || !child) throw new Error(`the server exited before it served:\n${this.stderr}`);
      const ok = await call(this.port, 'GET', '/healthz', { timeoutMs: 5_000 }).then(
        (a) => a.status === 200,
        () => false,
      );
      if (ok) return;
      await sleep(20);
    }
    throw new Error(`the server did not answer /healthz within ${timeoutMs} ms:\n${this.stderr}`);
  }

  /** SIGKILL, and waits until the process is gone. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (the server's own shutdown), and waits; the exit code. */
  async stop(): Promise<number | null> {
    const child = this.child;
    if (!child) return null;
    child.kill('SIGTERM');
    await this.exited;
    return child.exitCode;
  }

  async restart(): Promise<void> {
    await this.stop();
    this.start();
    await this.ready();
  }
}

/** An answer of the JSON API: the status, and the body parsed (null when it is not JSON). */
export interface ApiAnswer extends Answer {
  json: Record<string, unknown> | null;
}

/**
 * One API call with a bearer token: `body` goes as application/json (a string as it is, anything else stringified),
 * `key` as Idempotency-Key. Rejects, like `call`, when there was no answer.
 */
export async function callApi(
  port: number,
  method: string,
  path: string,
  token: string,
  options: { body?: unknown; key?: string; timeoutMs?: number } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  let body: Buffer | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = Buffer.from(typeof options.body === 'string' ? options.body : JSON.stringify(options.body));
  }
  if (options.key !== undefined) headers['idempotency-key'] = options.key;
  const answer = await call(port, method, `/api/v1${path}`, { headers, ...(body ? { body } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
  let json: Record<string, unknown> | null = null;
  if (String(answer.headers['content-type'] ?? '').startsWith('application/json')) json = JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>;
  return { ...answer, json };
}

/**
 * A database of its own on the test server (SVOD_TEST_DATABASE_URL), for real servers: they take only a URL, and a
 * test that refuses connections to its database (ALTER DATABASE … ALLOW_CONNECTIONS) must not refuse anyone else's.
 * `drop()` ends whatever is still connected and drops it.
 */
export async function freshDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `svod_${uniqueSchemaName()}`;
  await withAdmin((c) => c.query(`create database ${name}`));
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => withAdmin(async (c) => void (await c.query(`drop database if exists ${name} with (force)`))),
  };
}
