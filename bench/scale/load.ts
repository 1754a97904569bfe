/**
 * The clients of `npm run bench:scale`: API calls with a bearer token over `call` (one connection per request, as
 * separate municipalities' machines would), a bounded pool for set-up, and the closed loop of N clients that the
 * submission figures come from, each client alternating between the two server processes.
 */
import { performance } from 'node:perf_hooks';
import { call, type Answer } from '../../sync-server/test/real-server';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const REQUEST_TIMEOUT_MS = 180_000;

export const now = () => performance.now();

export interface Timed extends Answer {
  ms: number;
}

export async function api(port: number, method: string, path: string, token: string, body?: { bytes: Buffer; contentType: string }): Promise<Timed> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body) headers['content-type'] = body.contentType;
  const started = now();
  const answer = await call(port, method, `/api/v1${path}`, { headers, ...(body ? { body: body.bytes } : {}), timeoutMs: REQUEST_TIMEOUT_MS });
  return { ...answer, ms: now() - started };
}

export const jsonBody = (value: unknown) => ({ bytes: Buffer.from(JSON.stringify(value), 'utf8'), contentType: 'application/json' });

/** The answer when its status is `status`; otherwise an error naming the request and the server's words. */
export async function expect(answer: Promise<Timed>, status: number, what: string): Promise<Timed> {
  const a = await answer;
  if (a.status !== status) throw new Error(`${what}: HTTP ${a.status} ${a.body.toString('utf8').slice(0, 300)}`);
  return a;
}

export const parsed = <T>(a: Answer) => JSON.parse(a.body.toString('utf8')) as T;

/** `work` over `items`, at most `concurrency` at a time; the first failure fails the whole. */
export async function inPool<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!, i);
      }
    }),
  );
  return out;
}

export interface Job {
  token: string;
  kind: 'json' | 'xlsx';
  body: { bytes: Buffer; contentType: string };
  /** For messages: region/municipality. */
  who: string;
}

export interface Sent {
  kind: Job['kind'];
  ms: number;
  status: number;
  /** `accepted` / `rejected` from a 201, else `HTTP <status>`. */
  verdict: string;
  process: number;
}

/**
 * `clients` concurrent clients, each sending its next job as soon as its previous answer arrived; client c's n-th
 * request goes to process (c + n) mod 2. Stops taking jobs at `deadline` (what was answered is reported).
 */
export async function closedLoop(ports: readonly number[], clients: number, jobs: readonly Job[], deadline: number): Promise<{ sent: Sent[]; failures: string[]; wallMs: number }> {
  const sent: Sent[] = [];
  const failures: string[] = [];
  let next = 0;
  const started = now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let n = 0; next < jobs.length && now() < deadline; n++) {
        const job = jobs[next++]!;
        const proc = (c + n) % ports.length;
        try {
          const a = await api(ports[proc]!, 'POST', '/submissions', job.token, job.body);
          const verdict = a.status === 201 ? parsed<{ status: string }>(a).status : `HTTP ${a.status}`;
          sent.push({ kind: job.kind, ms: a.ms, status: a.status, verdict, process: proc });
          if (a.status !== 201) failures.push(`POST /submissions (${job.kind}, ${job.who}, process ${proc + 1}): HTTP ${a.status} ${a.body.toString('utf8').slice(0, 200)}`);
        } catch (e) {
          failures.push(`POST /submissions (${job.kind}, ${job.who}, process ${proc + 1}): ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }),
  );
  return { sent, failures, wallMs: now() - started };
}

export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Nearest-rank percentile. */
export const percentile = (xs: readonly number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

/**
 * `request` with GET /healthz sent to `port` one after another while it runs: the longest /healthz answer says how
 * long the process could answer nobody else (its event loop busy with the request, not waiting for the database).
 */
export async function withHealthProbe<T>(port: number, request: () => Promise<T>): Promise<{ result: T; maxHealthMs: number; probes: number }> {
  let done = false;
  let maxHealthMs = 0;
  let probes = 0;
  const probing = (async () => {
    while (!done) {
      const started = now();
      await call(port, 'GET', '/healthz', { timeoutMs: REQUEST_TIMEOUT_MS }).catch(() => undefined);
      maxHealthMs = Math.max(maxHealthMs, now() - started);
      probes++;
      await new Promise((ok) => setTimeout(ok, 50));
    }
  })();
  try {
    return { result: await request(), maxHealthMs, probes };
  } finally {
    done = true;
    await probing;
  }
}
