/**
 * `npm run bench:server`: the sync server under the load of a region (issue #3's evidence, issue #10's figures).
 *
 *   submissions  latency of POST /api/v1/submissions at 1, 20 and 60 concurrent clients, each client sending
 *                sequentially (40, 200 and 180 submissions), half the add-in's JSON form and half xlsx multipart files
 *                (a ~300-row roadmap + 60 indicators each, different for every version); p50/p95/p99/max per kind and
 *                overall, and the throughput, at each level; target p99 ≤ 250 ms at 1 and 20 clients (60 is for
 *                information). Then where the main thread's time goes: a CPU profile of 40 more submissions at 20
 *                clients (not in the latency figures) split into the core's check() and extractSubmission(), the store,
 *                the upload layer, GC and the rest.
 *   merge        GET /api/v1/region/workbook.xlsx with 60 municipalities accepted: the first request (cold), and the
 *                first after one more submission invalidated the cached file (five times, the median against the target); target ≤ 300 ms. The pure
 *                model (`buildRegionalWorkbook`) and the xlsx rendering (`renderRegionalWorkbook`) are timed directly
 *                too: from scratch, and incrementally after one more version (with the memos the server keeps).
 *
 * The real app (`createApp` + `http.createServer`) listens on 127.0.0.1 only, on a port the OS picks, with a fresh
 * temporary data directory that is removed at the end. Everything is bounded in count and time (a watchdog ends the
 * run after BUDGET_MS); the run prints a table with PASS/MISS and always exits 0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  buildRegionalWorkbook,
  check,
  consolidate,
  extractSubmission,
  type GridWorkbook,
  type MergeInput,
  type RegionalBuildMemo,
} from '@svod/shared';
import { createApp } from '../sync-server/src/app';
import { bootstrap } from '../sync-server/src/bootstrap';
import { createLogger, type Logger } from '../sync-server/src/http/log';
import { submissionConfig } from '../sync-server/src/services/submissions';
import { regionView } from '../sync-server/src/services/status';
import { openStore } from '../sync-server/src/store/store';
import { closeParsePool, PARSE_POOL_SIZE, parsePoolStats } from '../sync-server/src/uploads/parse-xlsx';
import { RenderMemo, renderRegionalWorkbook } from '../sync-server/src/workbook/write';
import { jsonForm, multipart, municipalities, submissionWorkbook, templateWorkbook, workbookXlsx } from './server/generate';
import { splitProfile, startProfile } from './server/profile';
import { acceptedVersion } from './server/region';
import { DEFAULT_REGION_ID } from '../sync-server/src/store/schema';

const MUNICIPALITIES = 60;
const ROADMAP_ROWS = 300;
/** Concurrent clients and submissions per level, in the order they run; `target`: p99 ≤ TARGET_P99_MS is the goal there. */
const LEVELS: ReadonlyArray<{ clients: number; submissions: number; target: boolean }> = [
  { clients: 1, submissions: 40, target: true },
  { clients: 20, submissions: 200, target: true },
  { clients: 60, submissions: 180, target: false },
];
/** The level the profiled pass runs at. */
const PROFILE_CLIENTS = 20;
const MAX_CLIENTS = Math.max(...LEVELS.map((l) => l.clients));
const WARM_UP = 4;
/** Submissions of the second, profiled pass (not in the latency figures). */
const PROFILED = 40;
/** New versions after the cold merge, each followed by a GET of the workbook. */
const MERGE_AFTER = 5;
const TARGET_MERGE_MS = 300;
const TARGET_P99_MS = 250;
const REQUEST_TIMEOUT_MS = 30_000;
/** The whole run, set-up included; past it the watchdog prints what it has and ends the process. */
const BUDGET_MS = 280_000;
/** Each level stops taking new jobs after this long (its answers so far are reported). */
const LEVEL_BUDGET_MS = 50_000;
const COORDINATOR = 'svod_bench-coordinator-token-0123456789abcdef';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const now = () => performance.now();
const loadAverage = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const ms = (x: number) => `${x.toFixed(x < 100 ? 1 : 0)} ms`;
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
/** Nearest-rank percentile. */
const percentile = (xs: readonly number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

// ---------------------------------------------------------------------------------------------------------------
// HTTP client: node:http over one keep-alive agent, bodies built before the clock starts.

interface Reply {
  status: number;
  body: Buffer;
  ms: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_CLIENTS });

function send(port: number, method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const started = now();
    const req = http.request(
      { host: '127.0.0.1', port, method, path, agent, headers: { ...headers, ...(body ? { 'Content-Length': String(body.length) } : {}) }, timeout: REQUEST_TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), ms: now() - started }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

async function expectStatus(reply: Promise<Reply>, status: number, what: string): Promise<Reply> {
  const r = await reply;
  if (r.status !== status) throw new Error(`${what}: HTTP ${r.status} ${r.body.toString('utf8').slice(0, 300)}`);
  return r;
}

// ---------------------------------------------------------------------------------------------------------------

interface Job {
  municipality: number;
  attempt: number;
  kind: 'json' | 'xlsx';
  body: Buffer;
  contentType: string;
  /** The grids the server will see, for timing the core on exactly this content. */
  workbook: GridWorkbook;
}

async function makeJob(municipality: number, attempt: number, kind: Job['kind']): Promise<Job> {
  const workbook = submissionWorkbook(municipality, attempt, ROADMAP_ROWS);
  if (kind === 'json') return { municipality, attempt, kind, body: Buffer.from(JSON.stringify(jsonForm(workbook)), 'utf8'), contentType: 'application/json', workbook };
  const form = multipart('file', `Дорожная карта ${municipality + 1}, версия ${attempt + 1}.xlsx`, await workbookXlsx(workbook), XLSX);
  return { municipality, attempt, kind, body: form.body, contentType: form.contentType, workbook };
}

interface Row {
  what: string;
  value: string;
  target: string;
  /** null: a number without a target. */
  pass: boolean | null;
}

/** Server-side request times from the app's own `request` log line (arrival to the last byte written). */
function capturingLogger(sink: Array<{ path: string; method: string; status: number; ms: number }>): Logger {
  const quiet = createLogger('warn', (line) => process.stderr.write(line));
  return {
    ...quiet,
    info(msg, fields) {
      if (msg === 'request' && fields) sink.push({ path: String(fields.path), method: String(fields.method), status: Number(fields.status), ms: Number(fields.ms) });
    },
  };
}

interface Result {
  kind: Job['kind'];
  ms: number;
  status: number;
  verdict: string;
}

/** Sends `jobs` from `clients` concurrent clients, each one at a time; stops taking new jobs at `deadline`. */
async function load(port: number, clients: number, jobs: readonly Job[], tokens: readonly string[], deadline: number): Promise<{ results: Result[]; failures: string[] }> {
  const results: Result[] = [];
  const failures: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < jobs.length && now() < deadline) {
        const job = jobs[next++]!;
        try {
          const r = await send(port, 'POST', '/api/v1/submissions', { ...auth(tokens[job.municipality]!), 'Content-Type': job.contentType }, job.body);
          const verdict = r.status === 201 ? (JSON.parse(r.body.toString('utf8')) as { status: string }).status : `HTTP ${r.status}`;
          results.push({ kind: job.kind, ms: r.ms, status: r.status, verdict });
          if (r.status !== 201) failures.push(`${job.kind} m${job.municipality}: HTTP ${r.status} ${r.body.toString('utf8').slice(0, 200)}`);
        } catch (e) {
          failures.push(`${job.kind} m${job.municipality}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }),
  );
  return { results, failures };
}


async function main(rows: Row[], notes: string[], breakdown: string[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'svod-bench-server-'));
  const requests: Array<{ path: string; method: string; status: number; ms: number }> = [];
  const log = capturingLogger(requests);
  const store = await openStore(dir);
  const server = http.createServer();
  try {
    await bootstrap(store, { regionName: 'Камчатский край', coordinatorToken: COORDINATOR, demo: false, now: new Date() }, log);
    const app = createApp({ store, log, rateLimitPerMinute: false });
    server.on('request', app);
    await new Promise<void>((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', ok));
    const port = (server.address() as { port: number }).port;

    // Set-up: the template, the deadline, the municipalities, the request bodies.
    const setUp = now();
    const template = await workbookXlsx(templateWorkbook());
    const t = await expectStatus(send(port, 'PUT', '/api/v1/region/template', { ...auth(COORDINATOR), 'Content-Type': XLSX }, template), 200, 'template');
    const tInfo = JSON.parse(t.body.toString('utf8')) as { indicators: number; years: number[] };
    await expectStatus(send(port, 'PUT', '/api/v1/region/deadline', { ...auth(COORDINATOR), 'Content-Type': 'application/json' }, Buffer.from('{"deadline":"2099-12-15"}')), 200, 'deadline');
    const list = municipalities(MUNICIPALITIES);
    const tokens: string[] = [];
    for (const m of list) {
      const r = await expectStatus(send(port, 'POST', '/api/v1/municipalities', { ...auth(COORDINATOR), 'Content-Type': 'application/json' }, Buffer.from(JSON.stringify(m))), 201, 'municipality');
      tokens.push((JSON.parse(r.body.toString('utf8')) as { token: string }).token);
    }
    // Job k of a level: municipality k mod 60, its version `first + k div 60`; JSON and xlsx alternate per municipality
    // and version. The levels' versions do not overlap, so every submission is new content.
    const jobsFor = async (count: number, first: number): Promise<Job[]> => {
      const out: Job[] = [];
      for (let k = 0; k < count; k++) {
        const municipality = k % MUNICIPALITIES;
        const attempt = first + Math.floor(k / MUNICIPALITIES);
        out.push(await makeJob(municipality, attempt, (municipality + attempt) % 2 === 0 ? 'json' : 'xlsx'));
      }
      return out;
    };
    const levels: Array<{ clients: number; target: boolean; jobs: Job[] }> = [];
    let attempts = 0;
    for (const l of LEVELS) {
      levels.push({ clients: l.clients, target: l.target, jobs: await jobsFor(l.submissions, attempts) });
      attempts += Math.ceil(l.submissions / MUNICIPALITIES);
    }
    const warm = await Promise.all(Array.from({ length: WARM_UP }, (_, i) => makeJob(i, 1000, i % 2 === 0 ? 'json' : 'xlsx')));
    const all = levels.flatMap((l) => l.jobs);
    const avg = (kind: Job['kind']) => {
      const of = all.filter((j) => j.kind === kind);
      return `${(of.reduce((s, j) => s + j.body.length, 0) / of.length / 1024).toFixed(0)} KB`;
    };
    notes.push(
      `template: ${tInfo.indicators} indicators, years ${tInfo.years.join(', ')}; ${MUNICIPALITIES} municipalities; ` +
        `bodies: JSON ${avg('json')}, xlsx ${avg('xlsx')} on average (set-up ${ms(now() - setUp)})`,
    );

    // Warm-up (not measured): one JSON and one xlsx path through the JIT and the parse worker.
    for (const job of warm) {
      await expectStatus(send(port, 'POST', '/api/v1/submissions', { ...auth(tokens[job.municipality]!), 'Content-Type': job.contentType }, job.body), 201, 'warm-up');
    }

    const stats = (label: string, xs: number[], target: boolean) => {
      if (!xs.length) {
        rows.push({ what: `submission latency, ${label}`, value: 'no answers', target: target ? `p99 ≤ ${TARGET_P99_MS} ms` : '(info)', pass: target ? false : null });
        return;
      }
      const p99 = percentile(xs, 99);
      rows.push({
        what: `submission latency, ${label} (n=${xs.length})`,
        value: `p50 ${ms(percentile(xs, 50))}, p95 ${ms(percentile(xs, 95))}, p99 ${ms(p99)}, max ${ms(Math.max(...xs))}`,
        target: target ? `p99 ≤ ${TARGET_P99_MS} ms` : '(info)',
        pass: target ? p99 <= TARGET_P99_MS : null,
      });
    };

    // The load, level by level: `clients` clients, each sending its next job as soon as the previous answer arrives.
    let busy = { ms: 0, submissions: 0 };
    for (const level of levels) {
      const elu0 = performance.eventLoopUtilization();
      const cpu0 = process.cpuUsage();
      const loadStart = now();
      const firstRequest = requests.length;
      const { results, failures } = await load(port, level.clients, level.jobs, tokens, loadStart + LEVEL_BUDGET_MS);
      const loadMs = now() - loadStart;
      const elu = performance.eventLoopUtilization(elu0);
      const cpu = process.cpuUsage(cpu0);
      // Only submissions are sent during the load (the app logs the path as the router saw it, so match the method).
      const serverSide = requests.slice(firstRequest).filter((r) => r.method === 'POST' && r.status === 201);
      const ok = results.filter((r) => r.status === 201);
      const at = `${level.clients} client${level.clients === 1 ? '' : 's'}`;
      stats(`${at}, JSON`, ok.filter((r) => r.kind === 'json').map((r) => r.ms), level.target);
      stats(`${at}, xlsx`, ok.filter((r) => r.kind === 'xlsx').map((r) => r.ms), level.target);
      stats(`${at}, all`, ok.map((r) => r.ms), level.target);
      stats(`${at}, all, server-side`, serverSide.map((r) => r.ms), false);
      const accepted = ok.filter((r) => r.verdict === 'accepted').length;
      rows.push({
        what: `throughput at ${at}`,
        value:
          `${(results.length / (loadMs / 1000)).toFixed(1)} submissions/s (${results.length} in ${ms(loadMs)}; ${accepted} accepted, ${ok.length - accepted} rejected, ${failures.length} failed; ` +
          `event loop ${(elu.utilization * 100).toFixed(0)}% busy, process CPU ${((cpu.user + cpu.system) / 1000 / (loadMs / 1000) / 10).toFixed(0)}% of one core)`,
        target: `${level.jobs.length} answered`,
        pass: results.length === level.jobs.length && failures.length === 0,
      });
      for (const f of failures.slice(0, 3)) notes.push(`failure at ${at}: ${f}`);
      if (level.clients === PROFILE_CLIENTS) busy = { ms: elu.active, submissions: results.length };
    }

    // Where the main thread's time goes: its busy time per submission during the load, then a CPU profile of a second,
    // unmeasured pass (the profiler slows the server down) split by what the stack is doing, and the core timed alone.
    rows.push({
      what: `main thread busy per submission at ${PROFILE_CLIENTS} clients`,
      value: ms(busy.ms / Math.max(1, busy.submissions)),
      target: '(info)',
      pass: null,
    });
    const profiled = await jobsFor(PROFILED, attempts);
    attempts += Math.ceil(PROFILED / MUNICIPALITIES);
    const stop = await startProfile();
    const pass = await load(port, PROFILE_CLIENTS, profiled, tokens, now() + LEVEL_BUDGET_MS / 2);
    const split = splitProfile(await stop());
    const answered = pass.results.length;
    for (const part of split.parts) {
      if (part.ms / split.busyMs < 0.005) continue;
      breakdown.push(`${(part.ms / Math.max(1, answered)).toFixed(1).padStart(6)} ms  ${((part.ms / split.busyMs) * 100).toFixed(0).padStart(3)}%  ${part.name}`);
    }
    breakdown.unshift(`main thread per submission, CPU profile of ${answered} more submissions at ${PROFILE_CLIENTS} clients (busy ${ms(split.busyMs / Math.max(1, answered))} each):`);
    const checkShare = split.parts.find((p) => p.name.startsWith('core check()'))!;
    rows.push({
      what: 'core check() share of the main thread',
      value:
        `${((checkShare.ms / split.busyMs) * 100).toFixed(0)}% (${ms(checkShare.ms / Math.max(1, answered))} per submission, profiled` +
        `${checkShare.ms === 0 ? '; check() runs in the check worker, off the main thread' : ''})`,
      target: '(info)',
      pass: null,
    });

    const config = submissionConfig();
    const sample = [...all.filter((j) => j.kind === 'json').slice(0, 10), ...all.filter((j) => j.kind === 'xlsx').slice(0, 10)];
    for (const j of sample.slice(0, 2)) check(j.workbook, config); // warm
    const checkMs: number[] = [];
    const extractMs: number[] = [];
    for (const j of sample) {
      const a = now();
      check(j.workbook, config);
      const b = now();
      extractSubmission(j.workbook);
      checkMs.push(b - a);
      extractMs.push(now() - b);
    }
    rows.push({
      what: 'core check() / extractSubmission() alone',
      value: `${ms(median(checkMs))} / ${ms(median(extractMs))} per submission (median of ${sample.length}, serial, idle server)`,
      target: '(info)',
      pass: null,
    });

    // The request bodies and grids of the load (a few hundred MB) are dropped before the merge: a heap that size would
    // make the merge's garbage collection the server's real heap never has.
    for (const list of [all, profiled, warm, sample, ...levels.map((l) => l.jobs)]) list.length = 0;
    await new Promise((resolve) => setTimeout(resolve, 100));

    // The merge. All 60 have an accepted version by now (the first level's 40 jobs and the second's 60 cover them all).
    const status = await expectStatus(send(port, 'GET', '/api/v1/region/status', auth(COORDINATOR)), 200, 'status');
    const acceptedNow = (JSON.parse(status.body.toString('utf8')) as { municipalities: Array<{ status: string }> }).municipalities.filter((m) => m.status === 'принято').length;
    const get = () => expectStatus(send(port, 'GET', '/api/v1/region/workbook.xlsx', auth(COORDINATOR)), 200, 'workbook');
    const load1 = loadAverage();
    const cold = await get();
    const cached = await get();
    const after: number[] = [];
    let last = cold;
    for (let i = 0; i < MERGE_AFTER; i++) {
      const extra = await makeJob((i * 17) % MUNICIPALITIES, 2000 + i, 'json');
      await expectStatus(send(port, 'POST', '/api/v1/submissions', { ...auth(tokens[(i * 17) % MUNICIPALITIES]!), 'Content-Type': extra.contentType }, extra.body), 201, 'invalidating submission');
      last = await get();
      after.push(last.ms);
    }
    notes.push(`regional workbook: ${(last.body.length / 1024).toFixed(0)} KB, ${acceptedNow} of ${MUNICIPALITIES} municipalities accepted; load average before the merge ${load1}`);
    notes.push(`xlsx parse workers started in the whole run: ${parsePoolStats().started}`);
    rows.push({ what: `merge GET workbook.xlsx, cold (${acceptedNow} accepted)`, value: ms(cold.ms), target: `≤ ${TARGET_MERGE_MS} ms`, pass: cold.ms <= TARGET_MERGE_MS && acceptedNow === MUNICIPALITIES });
    rows.push({
      what: `merge GET workbook.xlsx, after one more version (×${after.length})`,
      value: `median ${ms(median(after))} (${after.map(ms).join(', ')})`,
      target: `≤ ${TARGET_MERGE_MS} ms`,
      pass: after.length > 0 && median(after) <= TARGET_MERGE_MS,
    });
    rows.push({ what: 'merge GET workbook.xlsx, cached', value: ms(cached.ms), target: '(info)', pass: null });

    // The same work timed directly, on the server's merge input: from scratch (no memo), and the way the server does
    // it after one more version (memos kept from the build before).
    const input = await regionView(store).mergeInput(DEFAULT_REGION_ID, new Date());
    const timed = async (what: MergeInput, memo?: { build: RegionalBuildMemo; render: RenderMemo }) => {
      const a = now();
      const c = consolidate(what, memo?.build);
      const b = now();
      const model = buildRegionalWorkbook(what, c, memo?.build);
      const d = now();
      await renderRegionalWorkbook(model, memo?.render);
      return { consolidate: b - a, build: d - b, render: now() - d, model };
    };
    const scratch: Array<Awaited<ReturnType<typeof timed>>> = [];
    for (let i = 0; i < 3; i++) scratch.push(await timed(input));
    const incremental: Array<Awaited<ReturnType<typeof timed>>> = [];
    for (let i = 0; i < 3; i++) {
      const memo = { build: {} as RegionalBuildMemo, render: new RenderMemo() };
      await timed(input, memo);
      const k = (i * 23 + 5) % input.municipalities.length;
      const v = acceptedVersion(k, 3000 + i, ROADMAP_ROWS);
      const next: MergeInput = { ...input, municipalities: input.municipalities.map((m, j) => (j === k ? { ...m, latest: v, accepted: v } : m)) };
      incremental.push(await timed(next, memo));
    }
    const med = (xs: Array<Awaited<ReturnType<typeof timed>>>, f: 'consolidate' | 'build' | 'render') => ms(median(xs.map((x) => x[f])));
    const cells = scratch[0]!.model.sheets.map((s) => `${s.name} ${s.rows.length}×${s.columns.length}`).join(', ');
    rows.push({ what: 'merge from scratch: consolidate / build / render (median of 3)', value: `${med(scratch, 'consolidate')} / ${med(scratch, 'build')} / ${med(scratch, 'render')}`, target: '(info)', pass: null });
    rows.push({ what: 'merge after one more version: consolidate / build / render (median of 3)', value: `${med(incremental, 'consolidate')} / ${med(incremental, 'build')} / ${med(incremental, 'render')}`, target: '(info)', pass: null });
    notes.push(`regional workbook sheets: ${cells}`);
  } finally {
    await new Promise<void>((ok) => {
      server.close(() => ok());
      server.closeAllConnections?.();
    });
    agent.destroy();
    await closeParsePool();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function printTable(rows: Row[], notes: string[], breakdown: string[]): void {
  const header: Row = { what: 'measurement', value: 'value', target: 'target', pass: null };
  const all = [header, ...rows];
  const w = {
    what: Math.max(...all.map((r) => r.what.length)),
    value: Math.max(...all.map((r) => r.value.length)),
    target: Math.max(...all.map((r) => r.target.length)),
  };
  const verdict = (r: Row) => (r === header ? 'result' : r.pass === null ? '      ' : r.pass ? 'PASS  ' : 'MISS  ');
  const line = (r: Row) => `| ${r.what.padEnd(w.what)} | ${r.value.padEnd(w.value)} | ${r.target.padEnd(w.target)} | ${verdict(r)} |`;
  console.log(line(header));
  console.log(`|${'-'.repeat(w.what + 2)}|${'-'.repeat(w.value + 2)}|${'-'.repeat(w.target + 2)}|--------|`);
  for (const r of rows) console.log(line(r));
  if (notes.length) console.log('');
  for (const n of notes) console.log(`  ${n}`);
  if (breakdown.length) console.log('');
  for (const [i, b] of breakdown.entries()) console.log(i === 0 ? b : `  ${b}`);
}

const rows: Row[] = [];
const notes: string[] = [];
const breakdown: string[] = [];
console.log(`Svod server benchmark — node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}`);
console.log(
  `${MUNICIPALITIES} municipalities × (${ROADMAP_ROWS} roadmap rows + 60 indicators); submissions at ${LEVELS.map((l) => `${l.clients} (${l.submissions})`).join(', ')} concurrent clients on 127.0.0.1; ` +
    `xlsx parse pool of ${PARSE_POOL_SIZE}; load average at start ${loadAverage()}`,
);
console.log('');
const watchdog = setTimeout(() => {
  notes.push(`stopped by the watchdog after ${BUDGET_MS / 1000} s`);
  printTable(rows, notes, breakdown);
  process.exit(0);
}, BUDGET_MS);
watchdog.unref();
main(rows, notes, breakdown)
  .catch((e: unknown) => {
    notes.push(`benchmark failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  })
  .finally(() => {
    clearTimeout(watchdog);
    printTable(rows, notes, breakdown);
    process.exitCode = 0;
  });
