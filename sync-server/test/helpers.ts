import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Express } from 'express';
import request from 'supertest';
import { createApp, type AppDeps } from '../src/app';
import { bootstrap } from '../src/bootstrap';
import { createLogger } from '../src/http/log';
import { openStore, type Store } from '../src/store/store';
import { DEFAULT_REGION_ID } from '../src/store/schema';
import { openTestPostgresStore } from './support/postgres';
import { closeParsePool } from '../src/uploads/parse-xlsx';
import { assertSafeWorkbook } from './support/scan-workbook';

export const SEEDS = join(__dirname, '..', '..', 'tests', 'fixtures', 'seeds');
export const COORDINATOR = 'svod_test-coordinator-token-0123456789abcdef';
/** The federal coordinator's token every test server is started with (SVOD_FEDERAL_TOKEN). */
export const FEDERAL = 'svod_test-federal-token-0123456789abcdef0123';

/** The region every test server creates (the tenant all single-region suites work in). */
export const REGION = DEFAULT_REGION_ID;

/**
 * Which store the server suites run on: the embedded lowdb store, or PostgreSQL when SVOD_TEST_STORE=postgres (the
 * jest project `server-postgres` runs the same suites so; its database comes from SVOD_TEST_DATABASE_URL).
 */
export const TEST_STORE: 'lowdb' | 'postgres' = process.env.SVOD_TEST_STORE === 'postgres' ? 'postgres' : 'lowdb';

/** A fresh empty store of the kind the suite runs on: a temporary data directory, or a schema of its own. */
export async function testStore(dir: string, now: () => Date): Promise<{ store: Store; close(): Promise<void> }> {
  if (TEST_STORE === 'postgres') {
    const store = await openTestPostgresStore(now);
    return { store, close: () => store.close() };
  }
  const store = await openStore(dir, now);
  return { store, close: () => store.close() };
}

export interface TestServer {
  app: Express;
  store: Store;
  dir: string;
  now: { value: Date };
  close(): Promise<void>;
}

/** A server on a fresh temporary data directory, with a known coordinator token and no demo. */
export async function testServer(options: { demo?: boolean; deps?: Partial<AppDeps>; dir?: string } = {}): Promise<TestServer> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'svod-server-'));
  const now = { value: new Date('2026-11-20T09:00:00Z') };
  const opened = await testStore(dir, () => now.value);
  const store = opened.store;
  const log = createLogger('silent');
  await bootstrap(store, { regionName: 'Камчатский край', coordinatorToken: COORDINATOR, federalToken: FEDERAL, demo: options.demo ?? false, now: now.value }, log);
  const app = createApp({ store, log, now: () => now.value, rateLimitPerMinute: false, ...options.deps });
  return {
    app,
    store,
    dir,
    now,
    async close() {
      await closeParsePool();
      await opened.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * The app on a real HTTP server on 127.0.0.1 (supertest's own `listen(0)` binds every interface): pass `server` to
 * `request()`. `close()` drops kept-alive connections too, so nothing stays open.
 */
export async function listenLocal(app: Express): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const server = createServer(app);
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

/** The add-in's JSON form of a one-sheet roadmap: a title, the header, and the given items. */
export function roadmapJson(items: ReadonlyArray<ReadonlyArray<string>>, title = 'План мероприятий на 2025-2026 годы'): string {
  const rows = [[title], [], ['№ п/п', 'Мероприятие', 'Срок реализации', 'Исполнитель', 'Результат'], ...items];
  return JSON.stringify({ sheets: [{ name: 'План', rows }] });
}

export async function addMunicipality(app: Express | Server, id: string, name: string): Promise<string> {
  const res = await request(app).post('/api/v1/municipalities').set(bearer(COORDINATOR)).send({ id, name }).expect(201);
  return res.body.token as string;
}

export function seed(name: string): Buffer {
  return readFileSync(join(SEEDS, name));
}

/**
 * A municipality's filled copy of the Kamchatka template (seed 000): the indicator sheet with values for 2020–2023,
 * `base` shifting them so each municipality differs, and the seed's roadmap sheet as it is.
 */
export async function filledKamchatka(base: number, edit?: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(seed('seed-000-kamchatka.xlsx') as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet('Целевые показатели')!;
  ws.eachRow((row) => {
    const unit = String(row.getCell(3).value ?? '').trim();
    if (unit !== '%' && unit !== 'шт.') return;
    const name = String(row.getCell(2).value ?? '');
    const lowerIsBetter = /не справивш|не набравш|неудовлетвор|дефицит/.test(name);
    for (let y = 0; y < 4; y++) {
      const v = unit === '%' ? (lowerIsBetter ? 20 + base - y * 2 : 50 + base + y * 5) : 2 + base + y;
      row.getCell(5 + y).value = v;
    }
  });
  edit?.(ws, wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads a downloaded regional workbook back (scanned for output safety first): sheet name → rows of cell values. */
export async function readBack(bytes: Buffer): Promise<{ wb: ExcelJS.Workbook; values(sheet: string): unknown[][] }> {
  // Every regional workbook a test reads back is scanned first (issue #8, output safety).
  await assertSafeWorkbook(bytes);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return {
    wb,
    values(sheet: string) {
      const ws = wb.getWorksheet(sheet);
      if (!ws) throw new Error(`no sheet ${sheet}`);
      const out: unknown[][] = [];
      ws.eachRow({ includeEmpty: true }, (row, n) => {
        out[n - 1] = Array.from((row.values as unknown[]).slice(1), (v) =>
          v === undefined ? null : v && typeof v === 'object' && 'richText' in (v as object) ? (v as { richText: Array<{ text: string }> }).richText.map((r) => r.text).join('') : v,
        );
      });
      return out;
    },
  };
}

/** Supertest collects binary bodies as a Buffer with this parser. */
export function binary(res: request.Response, done: (err: Error | null, body: Buffer) => void): void {
  // At this point superagent hands over the raw response stream.
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: unknown;
}

/** The routes Express actually has: the router stack of the app, mounted routers followed with their mount paths. */
export function servedRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: readonly Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const path = layer.route.path === '/' && prefix ? prefix : `${prefix}${layer.route.path}`;
        for (const [method, on] of Object.entries(layer.route.methods)) if (on) found.push(`${method.toUpperCase()} ${path}`);
      } else if (Array.isArray(layer.handle?.stack)) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return found.sort();
}

/** One event of the audit log, as audit.jsonl writes it (and as PostgreSQL's audit_events gives it back). */
export interface AuditEntry {
  at: string;
  action: string;
  actor: string;
  region?: string;
  target?: string;
  details?: Record<string, any>;
}

/**
 * The audit log of a test server's store, oldest first, whichever store it is: audit.jsonl of the data directory, or
 * the audit_events table.
 */
export async function auditLog(s: { store: Store; dir: string }): Promise<AuditEntry[]> {
  if (s.store.kind === 'lowdb') {
    return readFileSync(join(s.dir, 'audit.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as AuditEntry);
  }
  const pool = (s.store as unknown as { pool: import('pg').Pool }).pool;
  const { rows } = await pool.query<{ at: Date; region: string | null; action: string; actor: string; target: string | null; details: Record<string, any> | null }>(
    'select at, region, action, actor, target, details from audit_events order by id',
  );
  return rows.map((r) => ({
    at: r.at.toISOString(),
    ...(r.region !== null ? { region: r.region } : {}),
    action: r.action,
    actor: r.actor,
    ...(r.target !== null ? { target: r.target } : {}),
    ...(r.details !== null ? { details: r.details } : {}),
  }));
}

/** The audit log as text, one JSON line an event (for checks that no line carries a secret). */
export async function auditText(s: { store: Store; dir: string }): Promise<string> {
  return (await auditLog(s)).map((e) => JSON.stringify(e)).join('\n');
}
