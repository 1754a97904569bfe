/**
 * `npm run bench:scale`: Svod at federal scale on PostgreSQL (issue #13's evidence). Two sizes of the same shape,
 * each on a fresh schema with two server processes (the real `npm start`, sync-server/test/real-server.ts) behind
 * no balancer: the clients alternate between them.
 *
 *   small  30 regions × 27 municipalities on average (810), the largest region 60;
 *   full   89 regions × 27 (2,403), the largest region 60 — the same largest region, so its pages should not grow.
 *
 * For each size:
 *   generation   the regions (POST /federal/regions), the Kamchatka-like template of bench:server and a deadline in
 *                each, the municipalities, then one version of every municipality (a 300-row roadmap + the 60
 *                indicators filled in, the add-in's JSON form) from 60 concurrent clients: wall time, versions/s, p50/p99;
 *   submissions  a steady phase of 600 more versions at 60 clients (half JSON, half xlsx multipart): throughput,
 *                p50/p95/p99 per kind and overall;
 *   status       GET /region/status of the largest region, the first request after the load and warm (median of 5);
 *                GET /federal/regions, first and warm (median of 3), its counts checked against what was sent;
 *   merge        GET /region/workbook.xlsx of the largest region: first, cached, and after one more version sent to
 *                the other process (median of 3), the bytes compared between the processes;
 *   federal      GET /federal/workbook.xlsx, median of 3 (the first is also shown); during the last federal list and
 *                the last summary, GET /healthz at the same process, one after another: the longest says how long
 *                the process answered nobody else;
 *   footprint    peak RSS (VmHWM) of each server process, the schema's size on disk.
 * Then the growth of each figure from small to full next to what it should grow by.
 *
 * Database: SVOD_BENCH_DATABASE_URL (schemas `svod_scale_*` are created there and dropped), else a private throwaway
 * cluster (scripts/test-postgres.cjs: fsync and synchronous_commit off, so commits cost less than on a real server).
 * Sizes: SVOD_SCALE_REGIONS (the two region counts, default `30,89`), SVOD_SCALE_PER_REGION (27),
 * SVOD_SCALE_LARGEST (60), SVOD_SCALE_CLIENTS (60), SVOD_SCALE_STEADY (600). `--quick`: tiny sizes, for development.
 * The servers' rate limits stay on (120 requests a minute per token, counted in PostgreSQL): every municipality
 * sends one or two versions, every coordinator well under 120 requests; SVOD_RATE_LIMIT_PER_MINUTE reaches the
 * servers from the environment. Everything is bounded (a watchdog prints what there is); the run always exits 0.
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { municipalities, submissionWorkbook, jsonForm, multipart, templateWorkbook, workbookXlsx } from './server/generate';
import { compareWorkbooks } from './scale/cells';
import { dropSchema, freshSchemaName, openDatabase, startServers, storageSize, type Database, type ServerPair } from './scale/cluster';
import { api, closedLoop, expect, inPool, jsonBody, median, now, parsed, percentile, withHealthProbe, XLSX, type Job, type Sent, type Timed } from './scale/load';
import { printResults, type Figure, type SizeResult } from './scale/report';
import { federation, shuffled, type BenchRegion, type ScaleSize } from './scale/shape';

const QUICK = process.argv.includes('--quick');
const intEnv = (name: string, fallback: number) => {
  const v = process.env[name];
  const n = v === undefined || v === '' ? fallback : Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: «${v}» is not a positive integer`);
  return n;
};
const REGION_COUNTS = (process.env.SVOD_SCALE_REGIONS || (QUICK ? '3,6' : '30,89')).split(',').map((s) => Number(s.trim()));
const PER_REGION = intEnv('SVOD_SCALE_PER_REGION', QUICK ? 4 : 27);
const LARGEST = intEnv('SVOD_SCALE_LARGEST', QUICK ? 9 : 60);
const CLIENTS = intEnv('SVOD_SCALE_CLIENTS', QUICK ? 12 : 60);
const STEADY = intEnv('SVOD_SCALE_STEADY', QUICK ? 24 : 600);
/** As bench:server's submissions. */
const ROADMAP_ROWS = 300;
const POOL = '10';
/** One more version each, before a GET of the merge. */
const MERGE_AFTER = 3;
const STATUS_WARM = 5;
const FEDERAL_REPEATS = 3;
/** The whole run; past it the watchdog prints what there is and ends the process. */
const BUDGET_MS = QUICK ? 240_000 : 14 * 60_000;
const DEADLINE_DATE = '2099-12-15';

const FEDERAL = `svod-bench-federal-${randomBytes(24).toString('hex')}`;
const COORDINATOR = `svod-bench-coordinator-${randomBytes(24).toString('hex')}`;

const loadAverage = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const mb = (bytes: number) => bytes / 1024 / 1024;
const fmt = (x: number) => `${x.toFixed(x < 100 ? 1 : 0)} ms`;

interface Municipality {
  region: BenchRegion;
  regionIndex: number;
  id: string;
  token: string;
  /** Its place among all municipalities of the size: the seed of its generated content. */
  global: number;
}

/** Steady-phase bodies by job number: the same content at both sizes, built once before any clock runs. */
const steadyBodies = new Map<number, { kind: Job['kind']; body: Job['body'] }>();

async function steadyBody(k: number): Promise<{ kind: Job['kind']; body: Job['body'] }> {
  let b = steadyBodies.get(k);
  if (!b) {
    // Attempt 1 + k: never the generation's content (attempt 0) of any municipality, never repeated.
    const workbook = submissionWorkbook(k, 1 + k, ROADMAP_ROWS);
    if (k % 2 === 0) b = { kind: 'json', body: jsonBody(jsonForm(workbook)) };
    else {
      const form = multipart('file', `Дорожная карта, версия ${k + 2}.xlsx`, await workbookXlsx(workbook), XLSX);
      b = { kind: 'xlsx', body: { bytes: form.body, contentType: form.contentType } };
    }
    steadyBodies.set(k, b);
  }
  return b;
}

function latencyFigures(prefix: string, label: string, sent: readonly Sent[], kinds: ReadonlyArray<Job['kind'] | 'all'>): Figure[] {
  const out: Figure[] = [];
  for (const kind of kinds) {
    const xs = sent.filter((s) => s.status === 201 && (kind === 'all' || s.kind === kind)).map((s) => s.ms);
    if (!xs.length) continue;
    const of = `${label}${kind === 'all' ? '' : `, ${kind === 'json' ? 'JSON' : 'xlsx'}`}`;
    out.push({ key: `${prefix}-${kind}-p50`, label: `${of} p50`, value: percentile(xs, 50), unit: 'ms', scope: 'load' });
    out.push({ key: `${prefix}-${kind}-p99`, label: `${of} p99`, value: percentile(xs, 99), unit: 'ms', scope: 'load', detail: `p95 ${fmt(percentile(xs, 95))}, max ${fmt(Math.max(...xs))}, n=${xs.length}` });
  }
  return out;
}

async function runSize(size: ScaleSize, db: Database, template: Buffer, budgetEnd: number, result: SizeResult): Promise<void> {
  const { figures, notes } = result;
  const regions = federation(size);
  const schema = freshSchemaName(size.label);
  const first = regions[0]!;
  notes.push(`shape: ${regions.length} regions, ${result.municipalities} municipalities; the largest ${first.id} «${first.name}» ${first.municipalities}, the others ${Math.min(...regions.slice(1).map((r) => r.municipalities))}–${Math.max(...regions.slice(1).map((r) => r.municipalities))}; schema ${schema}`);
  const env: Record<string, string> = {
    SVOD_DATABASE_URL: db.url,
    SVOD_DATABASE_SCHEMA: schema,
    SVOD_DATABASE_POOL: POOL,
    SVOD_FEDERAL_TOKEN: FEDERAL,
    SVOD_COORDINATOR_TOKEN: COORDINATOR,
    SVOD_DEMO: '0',
    SVOD_LOG_LEVEL: 'warn',
    SVOD_REGION_ID: first.id,
    SVOD_REGION_NAME: first.name,
    SVOD_TIME_ZONE: first.timeZone,
  };
  let pair: ServerPair | null = null;
  try {
    const started = now();
    pair = await startServers(env);
    const ports = pair.ports;
    const [a, b] = ports;
    notes.push(`two server processes up in ${fmt(now() - started)} (ports ${a}, ${b}; pool ${POOL} connections each)`);

    // Set-up: regions (federal), template and deadline (each coordinator), municipalities.
    const setUp = now();
    const coordinators = [COORDINATOR];
    for (const [i, r] of regions.slice(1).entries()) {
      const created = await expect(api(ports[i % 2]!, 'POST', '/federal/regions', FEDERAL, jsonBody({ id: r.id, name: r.name, timeZone: r.timeZone })), 201, `POST /federal/regions ${r.id}`);
      coordinators.push(parsed<{ coordinatorToken: string }>(created).coordinatorToken);
    }
    await inPool(regions, 8, async (r, i) => {
      await expect(api(ports[i % 2]!, 'PUT', '/region/template', coordinators[i]!, { bytes: template, contentType: XLSX }), 200, `PUT /region/template ${r.id}`);
      await expect(api(ports[(i + 1) % 2]!, 'PUT', '/region/deadline', coordinators[i]!, jsonBody({ deadline: DEADLINE_DATE })), 200, `PUT /region/deadline ${r.id}`);
    });
    const wanted = regions.flatMap((region, regionIndex) => municipalities(region.municipalities).map((m) => ({ region, regionIndex, m })));
    const all: Municipality[] = await inPool(wanted, CLIENTS, async ({ region, regionIndex, m }, global) => {
      const r = await expect(api(ports[global % 2]!, 'POST', '/municipalities', coordinators[regionIndex]!, jsonBody(m)), 201, `POST /municipalities ${region.id}/${m.id}`);
      return { region, regionIndex, id: m.id, token: parsed<{ token: string }>(r).token, global };
    });
    figures.push({ key: 'setup', label: 'set-up: regions, templates, deadlines, municipalities', value: (now() - setUp) / 1000, unit: 's', scope: 'federal' });

    // Generation: every municipality's first version, in a fixed shuffled order, bodies built before the clock.
    const order = shuffled(all.length);
    let jobs: Job[] = order.map((g) => {
      const m = all[g]!;
      return { token: m.token, kind: 'json', body: jsonBody(jsonForm(submissionWorkbook(m.global, 0, ROADMAP_ROWS))), who: `${m.region.id}/${m.id}` };
    });
    const loadBefore = loadAverage();
    const gen = await closedLoop(ports, CLIENTS, jobs, budgetEnd);
    jobs = [];
    const genAccepted = gen.sent.filter((s) => s.verdict === 'accepted').length;
    figures.push({ key: 'gen-wall', label: `generation: one version of each municipality (JSON, ${CLIENTS} clients)`, value: gen.wallMs / 1000, unit: 's', scope: 'federal' });
    figures.push({ key: 'gen-rate', label: 'generation throughput', value: gen.sent.length / (gen.wallMs / 1000), unit: '/s', scope: 'load', lowerIsBetter: false });
    figures.push(...latencyFigures('gen', 'generation latency', gen.sent, ['all']));
    notes.push(`generation: ${gen.sent.length} of ${all.length} answered, ${genAccepted} accepted, ${gen.failures.length} failed (load average before ${loadBefore})`);
    for (const f of gen.failures.slice(0, 5)) notes.push(`FAILURE ${f}`);

    // Steady phase: new versions of municipalities in another fixed order, JSON and xlsx alternating.
    const again = shuffled(all.length, 0x9e3779b9);
    const steadyJobs: Job[] = [];
    for (let k = 0; k < STEADY; k++) {
      const m = all[again[k % all.length]!]!;
      const { kind, body } = await steadyBody(k);
      steadyJobs.push({ token: m.token, kind, body, who: `${m.region.id}/${m.id}` });
    }
    const steadyLoad = loadAverage();
    const steady = await closedLoop(ports, CLIENTS, steadyJobs, budgetEnd);
    const steadyAccepted = steady.sent.filter((s) => s.verdict === 'accepted').length;
    figures.push({ key: 'steady-rate', label: `submissions: throughput at ${CLIENTS} clients over 2 processes`, value: steady.sent.length / (steady.wallMs / 1000), unit: '/s', scope: 'load', lowerIsBetter: false });
    figures.push(...latencyFigures('steady', 'submissions', steady.sent, ['json', 'xlsx', 'all']));
    const perProcess = [0, 1].map((p) => steady.sent.filter((s) => s.process === p).length);
    notes.push(
      `submissions: ${steady.sent.length} of ${STEADY} answered in ${fmt(steady.wallMs)}, ${steadyAccepted} accepted, ${steady.failures.length} failed; ` +
        `${perProcess.join(' / ')} per process (load average before ${steadyLoad})`,
    );
    for (const f of steady.failures.slice(0, 5)) notes.push(`FAILURE ${f}`);
    const sentOk = gen.failures.length === 0 && steady.failures.length === 0;

    // The status page of the largest region.
    const largest = coordinators[0]!;
    const status = (port: number) => expect(api(port, 'GET', '/region/status', largest), 200, 'GET /region/status');
    const firstStatus = await status(a);
    const warm: number[] = [];
    for (let i = 0; i < STATUS_WARM; i++) warm.push((await status(ports[i % 2]!)).ms);
    const st = parsed<{ inSvod: number; total: number; municipalities: Array<{ status: string }> }>(firstStatus);
    figures.push({ key: 'status-first', label: `status page of the largest region (${first.municipalities}), first after the load`, value: firstStatus.ms, unit: 'ms', scope: 'region' });
    figures.push({ key: 'status-warm', label: 'status page of the largest region, warm (median of 5)', value: median(warm), unit: 'ms', scope: 'region' });
    notes.push(`status of ${first.id}: in the Svod ${st.inSvod} of ${st.total} (${(firstStatus.body.length / 1024).toFixed(0)} KB)${st.total === first.municipalities ? '' : ` — COUNT MISMATCH: ${first.municipalities} created`}`);

    // Every region's line.
    const fed = () => expect(api(ports[1]!, 'GET', '/federal/regions', FEDERAL), 200, 'GET /federal/regions');
    const firstFed = await fed();
    const fedWarm: number[] = [];
    for (let i = 0; i < FEDERAL_REPEATS - 1; i++) fedWarm.push((await fed()).ms);
    const fedProbe = await withHealthProbe(ports[1]!, fed);
    fedWarm.push(fedProbe.result.ms);
    figures.push({ key: 'fed-regions-first', label: 'GET /federal/regions, first', value: firstFed.ms, unit: 'ms', scope: 'federal' });
    figures.push({ key: 'fed-regions-warm', label: 'GET /federal/regions, warm (median of 3)', value: median(fedWarm), unit: 'ms', scope: 'federal' });
    figures.push({ key: 'fed-regions-blocked', label: 'longest GET /healthz at that process while GET /federal/regions runs', value: fedProbe.maxHealthMs, unit: 'ms', scope: 'federal', detail: `${fedProbe.probes} probes` });
    const lines = parsed<{ regions: Array<{ id: string; inSvod: number; total: number }> }>(firstFed).regions;
    const totals = lines.reduce((s, l) => s + l.total, 0);
    const inSvod = lines.reduce((s, l) => s + l.inSvod, 0);
    const byRegion = new Map(lines.map((l) => [l.id, l]));
    const wrong = regions.filter((r) => byRegion.get(r.id)?.total !== r.municipalities).map((r) => `${r.id}: ${byRegion.get(r.id)?.total ?? 'missing'} ≠ ${r.municipalities}`);
    notes.push(
      `federal list: ${lines.length} regions, ${totals} municipalities, ${inSvod} in the Svod (${(firstFed.body.length / 1024).toFixed(0)} KB)` +
        (lines.length !== regions.length || totals !== all.length || wrong.length ? ` — COUNT MISMATCH: ${regions.length} regions, ${all.length} municipalities created; ${wrong.slice(0, 5).join(', ')}` : '') +
        (sentOk && inSvod < all.length ? ` — ${all.length - inSvod} municipalities not in the Svod` : ''),
    );

    // The regional merge of the largest region.
    const workbook = (port: number) => expect(api(port, 'GET', '/region/workbook.xlsx', largest), 200, 'GET /region/workbook.xlsx');
    const cold = await workbook(a);
    const cached = await workbook(a);
    const after: number[] = [];
    const largestMunicipalities = all.filter((m) => m.regionIndex === 0);
    let lastA: Timed = cold;
    for (let i = 0; i < MERGE_AFTER; i++) {
      const m = largestMunicipalities[(i * 7) % largestMunicipalities.length]!;
      const extra = jsonBody(jsonForm(submissionWorkbook(m.global, 5000 + i, ROADMAP_ROWS)));
      await expect(api(b, 'POST', '/submissions', m.token, extra), 201, `POST /submissions ${m.region.id}/${m.id} (one more version)`);
      lastA = await workbook(a);
      after.push(lastA.ms);
    }
    const lastB = await workbook(b);
    figures.push({ key: 'merge-cold', label: 'regional merge of the largest region, first', value: cold.ms, unit: 'ms', scope: 'region' });
    figures.push({ key: 'merge-cached', label: 'regional merge, cached', value: cached.ms, unit: 'ms', scope: 'region' });
    figures.push({ key: 'merge-after', label: 'regional merge, after one more version at the other process (median of 3)', value: median(after), unit: 'ms', scope: 'region', detail: after.map(fmt).join(', ') });
    notes.push(
      `regional workbook of ${first.id}: ${(lastA.body.length / 1024).toFixed(0)} KB; after the last version the two processes gave ` +
        (await compareWorkbooks(lastA.body, lastB.body)),
    );

    // The federal summary.
    const summaries: Timed[] = [];
    const summary = (port: number) => expect(api(port, 'GET', '/federal/workbook.xlsx', FEDERAL), 200, 'GET /federal/workbook.xlsx');
    for (let i = 0; i < FEDERAL_REPEATS - 1; i++) summaries.push(await summary(ports[i % 2]!));
    const summaryProbe = await withHealthProbe(ports[0]!, () => summary(ports[0]!));
    summaries.push(summaryProbe.result);
    figures.push({ key: 'fed-summary', label: 'federal summary workbook (median of 3)', value: median(summaries.map((s) => s.ms)), unit: 'ms', scope: 'federal', detail: `first ${fmt(summaries[0]!.ms)}` });
    figures.push({ key: 'fed-summary-blocked', label: 'longest GET /healthz at that process while the federal summary is built', value: summaryProbe.maxHealthMs, unit: 'ms', scope: 'federal', detail: `${summaryProbe.probes} probes` });
    notes.push(`federal summary: ${(summaries[0]!.body.length / 1024).toFixed(0)} KB; from the two processes ${await compareWorkbooks(summaries[0]!.body, summaries[1]!.body)}`);

    // Footprint.
    const rss = pair.peakRssMb();
    rss.forEach((r, i) => figures.push({ key: `rss-${i}`, label: `peak RSS, server process ${i + 1}`, value: r ?? NaN, unit: 'MB', scope: 'federal' }));
    const storage = await storageSize(db.url, schema);
    figures.push({ key: 'schema-size', label: 'schema size on disk (tables, indexes, TOAST)', value: mb(storage.schemaBytes), unit: 'MB', scope: 'federal' });
    const versions = all.length + steady.sent.length + MERGE_AFTER;
    notes.push(
      `storage: ${(storage.schemaBytes / versions / 1024).toFixed(0)} KB per version (${versions} versions); ` +
        storage.tables.filter((t) => t.bytes >= 1024 * 1024).map((t) => `${t.name} ${mb(t.bytes).toFixed(1)} MB`).join(', ') +
        `; the whole database ${mb(storage.databaseBytes).toFixed(0)} MB`,
    );
  } finally {
    if (pair) {
      const said = pair.servers.map((s, i) => [i, s.stderr.trim()] as const).filter(([, e]) => e);
      await pair.stop();
      for (const [i, e] of said) notes.push(`server process ${i + 1} stderr (last lines): ${e.split('\n').slice(-5).join(' ⏎ ').slice(0, 800)}`);
    }
    await dropSchema(db.url, schema).catch((e: unknown) => notes.push(`could not drop ${schema}: ${e instanceof Error ? e.message : String(e)}`));
  }
}

async function main(results: SizeResult[], notes: string[]): Promise<void> {
  const budgetEnd = now() + BUDGET_MS - 30_000;
  const sizes: ScaleSize[] = REGION_COUNTS.map((regions, i) => ({ label: REGION_COUNTS.length === 2 ? (i === 0 ? 'small' : 'full') : `size${i + 1}`, regions, perRegion: PER_REGION, largest: LARGEST }));
  for (const s of sizes) federation(s); // a shape that cannot be made fails before anything starts
  const prepared = now();
  const template = await workbookXlsx(templateWorkbook());
  for (let k = 0; k < STEADY; k++) await steadyBody(k);
  notes.push(`steady-phase bodies (${STEADY}, half xlsx) built in ${fmt(now() - prepared)}, before any clock`);
  const db = await openDatabase();
  notes.push(`database: ${db.where}`);
  try {
    for (const size of sizes) {
      if (now() > budgetEnd) {
        notes.push(`${size.label} skipped: out of time`);
        break;
      }
      const result: SizeResult = { label: size.label, regions: size.regions, municipalities: size.regions * size.perRegion, figures: [], notes: [] };
      results.push(result);
      const t = now();
      try {
        await runSize(size, db, template, budgetEnd, result);
      } catch (e) {
        result.notes.push(`FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
      result.notes.push(`${size.label} took ${((now() - t) / 1000).toFixed(0)} s`);
    }
  } finally {
    await db.stop();
  }
}

const results: SizeResult[] = [];
const notes: string[] = [];
const print = () => {
  printResults(results, CLIENTS);
  if (notes.length) console.log('');
  for (const n of notes) console.log(`  ${n}`);
};
console.log(`Svod scale benchmark${QUICK ? ' (--quick)' : ''} — node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, load average at start ${loadAverage()}`);
console.log(
  `sizes: ${REGION_COUNTS.map((r) => `${r} regions × ${PER_REGION} = ${r * PER_REGION}`).join(', ')} municipalities (largest region ${LARGEST}); ` +
    `${CLIENTS} clients over 2 server processes; ${STEADY} steady-phase versions; each version ${ROADMAP_ROWS} roadmap rows + 60 indicators`,
);
console.log('');
const watchdog = setTimeout(() => {
  notes.push(`stopped by the watchdog after ${BUDGET_MS / 1000} s`);
  print();
  process.exit(0);
}, BUDGET_MS);
watchdog.unref();
const started = now();
main(results, notes)
  .catch((e: unknown) => {
    notes.push(`benchmark failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  })
  .finally(() => {
    clearTimeout(watchdog);
    notes.push(`whole run ${((now() - started) / 1000).toFixed(0)} s; load average at the end ${loadAverage()}`);
    print();
    process.exitCode = 0;
  });
