/**
 * Evidence «Crash safety» (issue #8): the real server on a fresh data directory, four municipalities submitting at
 * once, SIGKILL at seeded random moments (some during start-up), restart, again. At the end every submission that got
 * a 2xx is listed with the version it was given and its stored bytes are the bytes sent; no request ever got a 5xx.
 * A request that got no answer (the kill cut it off) is sent again with the same Idempotency-Key until it gets one,
 * and must not have made a second version. `npm test`: 20 kills; `npm run soak` (SVOD_SOAK=1): 200. SVOD_SEED repeats
 * a run's schedule.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, freePort, RealServer, sleep, type Answer } from './real-server';
import { reportFigures, runSeed, seeded, SOAK } from './soak-report';

const KILLS = SOAK ? 200 : 20;
const CLIENTS = 4;
const COORDINATOR = 'svod_crash-coordinator-token-0123456789abcdef';

interface Sent {
  n: number;
  key: string;
  bytes: Buffer;
  id: string;
  version: number;
  /** Answered 200 to a resend: the first attempt had been stored, its answer lost in a kill. */
  replay: boolean;
}

/** A small roadmap in the add-in's JSON form, different for every submission (identical content would be a 200). */
function roadmap(client: number, n: number): Buffer {
  const rows: string[][] = [['№', 'Мероприятие', 'Срок', 'Исполнитель']];
  for (let r = 1; r <= 1 + (n % 4); r++) rows.push([`${r}.`, `Совещание руководителей школ № ${client}-${n}-${r}`, 'март 2026 г.', 'Управление образования']);
  return Buffer.from(JSON.stringify({ sheets: [{ name: 'Дорожная карта', rows }] }));
}

class Client {
  readonly sent: Sent[] = [];
  /** Requests that got no answer: refused, reset, cut off. */
  unanswered = 0;
  answers = 0;
  rateLimited = 0;
  readonly serverErrors: Array<{ key: string; status: number; body: string }> = [];
  readonly unexpected: Array<{ key: string; status: number; body: string }> = [];
  inFlight = false;
  private stopping = false;

  constructor(
    readonly index: number,
    readonly municipalityId: string,
    readonly token: string,
    private readonly port: number,
  ) {}

  stop(): void {
    this.stopping = true;
  }

  /** Submits one after another; each until it has an answer, resent with its key after every lost one. */
  async run(): Promise<void> {
    for (let n = 0; !this.stopping; n++) {
      const bytes = roadmap(this.index, n);
      const key = `crash-${this.index}-${n}`;
      for (let attempt = 0; ; attempt++) {
        if (attempt > 5_000) throw new Error(`${key}: no answer after 5000 attempts`);
        let answer: Answer;
        this.inFlight = true;
        try {
          answer = await call(this.port, 'POST', '/api/v1/submissions', {
            headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json', 'idempotency-key': key },
            body: bytes,
          });
        } catch {
          this.unanswered++;
          await sleep(20);
          continue;
        } finally {
          this.inFlight = false;
        }
        this.answers++;
        const text = answer.body.toString('utf8');
        if (answer.status >= 500) {
          this.serverErrors.push({ key, status: answer.status, body: text.slice(0, 300) });
          await sleep(20);
          continue; // the submission still has to get through, and once only
        }
        if (answer.status === 429) {
          // The limit is per token and process; the next restart resets it. Not an answer about the submission.
          this.rateLimited++;
          await sleep(200);
          continue;
        }
        if (answer.status === 200 || answer.status === 201) {
          const body = JSON.parse(text) as { id: string; version: number };
          this.sent.push({ n, key, bytes, id: body.id, version: body.version, replay: answer.status === 200 });
        } else {
          this.unexpected.push({ key, status: answer.status, body: text.slice(0, 300) });
        }
        break;
      }
    }
  }
}

describe('kill -9 under four submitting municipalities', () => {
  const dir = mkdtempSync(join(tmpdir(), 'svod-crash-'));
  let server: RealServer | null = null;
  afterAll(async () => {
    await server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    `loses no acknowledged submission across ${KILLS} kills, makes no duplicate version, and never answers 5xx`,
    async () => {
      const seed = runSeed();
      const random = seeded(seed);
      const started = Date.now();
      const port = await freePort();
      const live = new RealServer(port, { SVOD_DATA_DIR: dir, SVOD_COORDINATOR_TOKEN: COORDINATOR, SVOD_DEMO: '0' });
      server = live;
      live.start();
      await live.ready();

      const clients: Client[] = [];
      for (let c = 0; c < CLIENTS; c++) {
        const id = `crash-${c}`;
        const res = await call(port, 'POST', '/api/v1/municipalities', {
          headers: { authorization: `Bearer ${COORDINATOR}`, 'content-type': 'application/json' },
          body: Buffer.from(JSON.stringify({ id, name: `Район № ${c}` })),
        });
        expect(res.status).toBe(201);
        clients.push(new Client(c, id, (JSON.parse(res.body.toString()) as { token: string }).token, port));
      }
      const running = clients.map((c) => c.run());
      const answered = () => clients.reduce((n, c) => n + c.answers, 0);

      let kills = 0;
      let killsInStartup = 0;
      let requestsCutOff = 0;
      for (let k = 0; k < KILLS; k++) {
        if (k > 0) {
          live.start();
          if (random() < 0.15) {
            // Somewhere in start-up: taking the lock, reading db.json, binding the port, or just after.
            await sleep(Math.floor(random() * 900));
            await live.kill();
            kills++;
            killsInStartup++;
            continue;
          }
          await live.ready();
        }
        if (random() < 0.3) {
          await sleep(Math.floor(random() * 1500)); // whatever it is doing: warming up, or in the first requests
        } else {
          // In the thick of it: once it is answering again (the first check after a start warms a worker up).
          const before = answered();
          for (let waited = 0; answered() === before && waited < 30_000; waited += 10) await sleep(10);
          await sleep(Math.floor(random() * 700));
        }
        requestsCutOff += clients.filter((c) => c.inFlight).length;
        await live.kill();
        kills++;
      }

      live.start();
      await live.ready();
      for (const c of clients) c.stop();
      await Promise.all(running);
      const context = `seed ${seed} (SVOD_SEED=${seed} repeats the schedule)`;

      // The listing: exactly the acknowledged versions, numbered 1…N in the order they were sent.
      let verifyRestarts = 0;
      const get = async (path: string, token: string): Promise<Answer> => {
        for (;;) {
          const answer = await call(port, 'GET', path, { headers: { authorization: `Bearer ${token}` } });
          if (answer.status !== 429) return answer;
          verifyRestarts++; // the rate limit is per process: a restart is quicker than waiting out the minute
          await live.restart();
        }
      };
      let lost = 0;
      const badBytes: string[] = [];
      for (const c of clients) {
        expect({ client: c.index, sentInOrder: c.sent.map((s) => s.n) }).toEqual({ client: c.index, sentInOrder: c.sent.map((_, i) => i) });
        expect({ client: c.index, versions: c.sent.map((s) => s.version) }).toEqual({ client: c.index, versions: c.sent.map((_, i) => i + 1) });
        const listed = JSON.parse((await get('/api/v1/submissions', c.token)).body.toString()) as { submissions: Array<{ id: string; version: number }> };
        const byVersion = [...listed.submissions].sort((a, b) => a.version - b.version);
        lost += c.sent.filter((s) => !listed.submissions.some((l) => l.id === s.id)).length;
        expect({ client: c.index, listed: byVersion.map((l) => [l.version, l.id]) }).toEqual({ client: c.index, listed: c.sent.map((s) => [s.version, s.id]) });
        for (const s of c.sent) {
          const file = await get(`/api/v1/submissions/${s.id}/file`, c.token);
          if (file.status !== 200 || !file.body.equals(s.bytes)) badBytes.push(`${s.key}: ${file.status}`);
        }
      }
      const exitCode = await live.stop();
      server = null;

      const acknowledged = clients.reduce((n, c) => n + c.sent.length, 0);
      const serverErrors = clients.flatMap((c) => c.serverErrors);
      const figures = {
        suite: 'crash',
        kills,
        killsInStartup,
        requestsCutOff,
        acknowledged,
        replays: clients.reduce((n, c) => n + c.sent.filter((s) => s.replay).length, 0),
        unanswered: clients.reduce((n, c) => n + c.unanswered, 0),
        answers: clients.reduce((n, c) => n + c.answers, 0),
        rateLimited: clients.reduce((n, c) => n + c.rateLimited, 0),
        lost: lost + badBytes.length,
        '5xx': serverErrors.length,
        verifyRestarts,
        seconds: Math.round((Date.now() - started) / 1000),
        seed,
      };
      reportFigures(figures);

      expect({ kills, context }).toEqual({ kills: KILLS, context });
      expect({ serverErrors, context }).toEqual({ serverErrors: [], context });
      expect({ unexpected: clients.flatMap((c) => c.unexpected), context }).toEqual({ unexpected: [], context });
      expect({ badBytes, context }).toEqual({ badBytes: [], context });
      expect(lost).toBe(0);
      expect(exitCode).toBe(0);
      // Clients really were cut off and really resent: otherwise the kills tested nothing.
      expect(acknowledged).toBeGreaterThanOrEqual(KILLS);
      expect(figures.unanswered).toBeGreaterThan(0);

      // On disk: db.json whole, no temp file of a cut-off write left once the server has started again, every audit
      // line whole.
      const db = JSON.parse(readFileSync(join(dir, 'db.json'), 'utf8')) as { submissions: unknown[] };
      expect(db.submissions).toHaveLength(acknowledged);
      expect(readdirSync(dir, { recursive: true }).map(String).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      const audit = readFileSync(join(dir, 'audit.jsonl'), 'utf8').split('\n').filter(Boolean);
      for (const line of audit) expect(() => JSON.parse(line)).not.toThrow();
      expect(existsLock(dir)).toBe(false);
    },
    SOAK ? 3_600_000 : 180_000,
  );
});

function existsLock(dir: string): boolean {
  return readdirSync(dir).includes('server.lock');
}
