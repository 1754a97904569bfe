/**
 * Evidence «Backup and restore» (issue #8): `npm run backup -- DIR` while the server serves (a submission in the
 * middle of its commit, others arriving), `npm run restore -- DIR` into a fresh directory, a server started there,
 * and the regional workbook it builds is byte for byte the original's at the same moment. Restore refuses a non-empty
 * directory, a running server's directory, and a damaged backup, in Russian.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app';
import { bootstrap } from '../src/bootstrap';
import { createLogger } from '../src/http/log';
import { openStore, type LowdbStore as Store } from '../src/store/store';
import { closeParsePool } from '../src/uploads/parse-xlsx';
import { FaultyFs } from './fault-fs';
import { filledKamchatka } from './helpers';
import { call, freePort, RealServer, ROOT, serveLocally, sleep, type Answer } from './real-server';
import { reportFigures } from './soak-report';
import { assertSafeWorkbook } from './support/scan-workbook';

const COORDINATOR = 'svod_backup-coordinator-token-0123456789abcdef';
const NOW = new Date('2026-11-20T09:00:00Z');
const DB_TEMP = /\/\.db\.json\.\d+\.[0-9a-f-]+\.tmp$/;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run backup|restore -- DIR`, as an operator types it, in a process of its own. */
const figures = { suite: 'backup-restore', backups: 0, restores: 0, refused: 0, identicalWorkbooks: 0, submissionsInFlight: 0, seconds: 0 };
const started = Date.now();

function npmRun(script: 'backup' | 'restore', dir: string, dataDir: string): Promise<Run> {
  return new Promise((ok) => {
    execFile(
      'npm',
      ['run', '--silent', script, '--', dir],
      { cwd: ROOT, env: { ...process.env, SVOD_DATA_DIR: dataDir, INIT_CWD: ROOT }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        if (code === 0) figures[script === 'backup' ? 'backups' : 'restores']++;
        else figures.refused++;
        ok({ code, stdout, stderr });
      },
    );
  });
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const json = <T>(a: Answer) => JSON.parse(a.body.toString('utf8')) as T;

function multipart(bytes: Buffer, name: string): { headers: Record<string, string>; body: Buffer } {
  const boundary = `svod-${randomUUID()}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`;
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]) };
}

function roadmap(label: string): Buffer {
  const rows = [['№', 'Мероприятие', 'Срок', 'Исполнитель'], ['1.', `Совещание руководителей школ (${label})`, 'март 2026 г.', 'Управление образования']];
  return Buffer.from(JSON.stringify({ sheets: [{ name: 'Дорожная карта', rows }] }));
}

/** An in-process server on a store over `fs`, on the test clock. */
async function localServer(dir: string, fs?: FaultyFs) {
  const store: Store = await openStore(dir, () => NOW, fs ? { fs } : {});
  const log = createLogger('silent');
  const app = createApp({ store, log, now: () => NOW, rateLimitPerMinute: false });
  const http = await serveLocally(app);
  return {
    store,
    port: http.port,
    request: (method: string, path: string, token: string, extra: { headers?: Record<string, string>; body?: Buffer } = {}) =>
      call(http.port, method, path, { headers: { ...auth(token), ...extra.headers }, ...(extra.body ? { body: extra.body } : {}) }),
    async close() {
      await http.close();
      await store.close();
    },
  };
}

describe('backup and restore', () => {
  const base = mkdtempSync(join(tmpdir(), 'svod-backup-'));
  afterAll(async () => {
    figures.seconds = Math.round((Date.now() - started) / 1000);
    reportFigures(figures);
    await closeParsePool();
    rmSync(base, { recursive: true, force: true });
  });

  it('backs up a serving server with a submission mid-commit; the restored copy builds a byte-identical workbook', async () => {
    const original = join(base, 'original');
    const backupDir = join(base, 'copy-a');
    const restored = join(base, 'restored-a');
    const fs = new FaultyFs();
    {
      const store = await openStore(original, () => NOW);
      await bootstrap(store, { regionName: 'Камчатский край', coordinatorToken: COORDINATOR, demo: true, now: NOW }, createLogger('silent'));
      await store.close();
    }
    const s = await localServer(original, fs);
    let inflight: Promise<Answer> | null = null;
    let workbook0: Buffer = Buffer.alloc(0);
    let files0: Array<{ id: string; bytes: Buffer }> = [];
    let held: { reached: Promise<void>; release: () => void } | null = null;
    try {
      const tokens: Record<string, string> = {};
      for (const [i, id] of ['alpha', 'beta', 'gamma'].entries()) {
        const made = await s.request('POST', '/api/v1/municipalities', COORDINATOR, { headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ id, name: `Муниципалитет ${id}` })) });
        tokens[id] = json<{ token: string }>(made).token;
        const upload = multipart(await filledKamchatka(3 + i * 4), `${id}.xlsx`);
        expect((await s.request('POST', '/api/v1/submissions', tokens[id]!, upload)).status).toBe(201);
      }
      expect((await s.request('POST', '/api/v1/submissions', tokens.gamma!, { headers: { 'content-type': 'application/json' }, body: roadmap('gamma') })).status).toBe(201);
      const before = await s.request('GET', '/api/v1/region/workbook.xlsx', COORDINATOR);
      expect(before.status).toBe(200);
      await assertSafeWorkbook(before.body);
      workbook0 = before.body;
      const listBefore = json<{ submissions: Array<{ id: string; version: number }> }>(await s.request('GET', '/api/v1/submissions', COORDINATOR)).submissions;
      expect(listBefore).toHaveLength(4);
      files0 = await Promise.all(listBefore.map(async (x) => ({ id: x.id, bytes: (await s.request('GET', `/api/v1/submissions/${x.id}/file`, COORDINATOR)).body })));

      // A new version of alpha: its files are stored, its db.json write is held just before the rename.
      held = fs.gate('rename', DB_TEMP);
      inflight = s.request('POST', '/api/v1/submissions', tokens.alpha!, multipart(await filledKamchatka(40), 'alpha-2.xlsx'));
      const early = await Promise.race([held.reached.then(() => null), inflight.then((a) => a)]);
      if (early) throw new Error(`the new version was answered before its commit: ${early.status} ${early.body.toString().slice(0, 300)}`);
      figures.submissionsInFlight++;

      const backup = npmRun('backup', backupDir, original);
      let served = 0;
      for (let done = false; !done; ) {
        const health = await s.request('GET', '/api/v1/region/status', COORDINATOR);
        expect(health.status).toBe(200);
        served++;
        done = await Promise.race([backup.then(() => true), sleep(50).then(() => false)]);
      }
      const made = await backup;
      expect({ code: made.code, stderr: made.stderr }).toEqual({ code: 0, stderr: '' });
      expect(made.stdout).toMatch(/^Резервная копия .+ готова: .+ — муниципалитетов: 6, версий: 4, файлов: \d+ \(\d+,\d (КБ|МБ)\); снимок от /);
      expect(served).toBeGreaterThan(0);

      held.release();
      expect((await inflight).status).toBe(201);
      inflight = null;
      const after = await s.request('GET', '/api/v1/region/workbook.xlsx', COORDINATOR);
      expect(after.body.equals(before.body)).toBe(false); // the workbook does show the new version: the comparison below can tell

      const back = await npmRun('restore', backupDir, restored);
      expect({ code: back.code, stderr: back.stderr }).toEqual({ code: 0, stderr: '' });
      expect(back.stdout).toContain(`Восстановлено в ${restored}`);
    } finally {
      fs.clear();
      held?.release();
      await inflight?.catch(() => undefined);
      await s.close();
    }

    // Byte-identical at the same moment; the version that was mid-commit is not half there.
    const r = await localServer(restored);
    try {
      const book = await r.request('GET', '/api/v1/region/workbook.xlsx', COORDINATOR);
      expect(book.status).toBe(200);
      expect(book.body.equals(workbook0)).toBe(true);
      figures.identicalWorkbooks++;
      const listed = json<{ submissions: Array<{ id: string; municipalityId: string; version: number }> }>(await r.request('GET', '/api/v1/submissions', COORDINATOR)).submissions;
      expect(listed.map((x) => x.id).sort()).toEqual(files0.map((x) => x.id).sort());
      for (const f of files0) expect((await r.request('GET', `/api/v1/submissions/${f.id}/file`, COORDINATOR)).body.equals(f.bytes)).toBe(true);
      expect(readdirSync(restored).sort()).toEqual(['audit.jsonl', 'blobs', 'db.json', 'server.lock']);
    } finally {
      await r.close();
    }
  }, 180_000);

  it('backs up a real server under live submissions: the copy is a whole prefix, and a server on it builds the same workbook', async () => {
    const original = join(base, 'live');
    const port = await freePort();
    const server = new RealServer(port, { SVOD_DATA_DIR: original, SVOD_COORDINATOR_TOKEN: COORDINATOR, SVOD_DEMO: '0' });
    let restoredServer: RealServer | null = null;
    server.start();
    try {
      await server.ready();
      const tokens: string[] = [];
      for (const id of ['north', 'south']) {
        const made = await call(port, 'POST', '/api/v1/municipalities', { headers: { ...auth(COORDINATOR), 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ id, name: `Район ${id}` })) });
        expect(made.status).toBe(201);
        tokens.push(json<{ token: string }>(made).token);
      }
      // Two municipalities submit one version after another until told to stop.
      let stop = false;
      const sent = tokens.map(() => [] as Array<{ id: string; version: number; bytes: Buffer; answeredAt: number }>);
      const traffic = tokens.map(async (token, c) => {
        for (let n = 0; !stop; n++) {
          const bytes = roadmap(`${c}-${n}`);
          const a = await call(port, 'POST', '/api/v1/submissions', { headers: { ...auth(token), 'content-type': 'application/json', 'idempotency-key': `live-${c}-${n}` }, body: bytes });
          if (a.status === 429) break; // the per-token limit: enough traffic
          expect(a.status).toBe(201);
          sent[c]!.push({ ...json<{ id: string; version: number }>(a), bytes, answeredAt: Date.now() });
        }
      });
      while (sent.some((x) => x.length < 3)) await sleep(20);
      const startedAt = Date.now();
      const copy = join(base, 'copy-live');
      const made = await npmRun('backup', copy, original);
      stop = true;
      await Promise.all(traffic);
      expect({ code: made.code, stderr: made.stderr }).toEqual({ code: 0, stderr: '' });

      // The copy holds, per municipality, versions 1…k of what was sent: everything answered before it began, then
      // possibly a few more, never a gap and never a version without its file.
      const copied = JSON.parse(readFileSync(join(copy, 'db.json'), 'utf8')) as { submissions: Array<{ id: string; municipalityId: string; version: number }> };
      for (const [c, id] of ['north', 'south'].entries()) {
        const mine = copied.submissions.filter((x) => x.municipalityId === id).sort((a, b) => a.version - b.version);
        expect(mine.map((x) => x.id)).toEqual(sent[c]!.slice(0, mine.length).map((x) => x.id));
        expect(mine.length).toBeGreaterThanOrEqual(sent[c]!.filter((x) => x.answeredAt < startedAt).length);
      }

      // Quiet now: a second copy, restored, started, against the original at the same moment (the real clock).
      const quiet = join(base, 'copy-quiet');
      expect((await npmRun('backup', quiet, original)).code).toBe(0);
      const restored = join(base, 'restored-live');
      const back = await npmRun('restore', quiet, restored);
      expect({ code: back.code, stderr: back.stderr }).toEqual({ code: 0, stderr: '' });
      const port2 = await freePort();
      const rs = new RealServer(port2, { SVOD_DATA_DIR: restored, SVOD_COORDINATOR_TOKEN: COORDINATOR, SVOD_DEMO: '0' });
      restoredServer = rs;
      rs.start();
      await rs.ready();
      const book = (p: number) => call(p, 'GET', '/api/v1/region/workbook.xlsx', { headers: auth(COORDINATOR) });
      let pair = await Promise.all([book(port), book(port2)]);
      // The workbook depends on the day (and the zone's offset); if midnight fell between the two, ask again.
      if (pair[0].headers['content-disposition'] !== pair[1].headers['content-disposition']) pair = await Promise.all([book(port), book(port2)]);
      expect(pair.map((a) => a.status)).toEqual([200, 200]);
      expect(pair[1].body.equals(pair[0].body)).toBe(true);
      await assertSafeWorkbook(pair[0].body);
      figures.identicalWorkbooks++;
      for (const [c, token] of tokens.entries()) {
        for (const x of sent[c]!) {
          const file = await call(port2, 'GET', `/api/v1/submissions/${x.id}/file`, { headers: auth(token) });
          expect(file.status).toBe(200);
          expect(file.body.equals(x.bytes)).toBe(true);
        }
      }
    } finally {
      await server.stop();
      await restoredServer?.stop();
    }
  }, 180_000);

  describe('refuses, in Russian, and writes nothing', () => {
    let copy: string;
    beforeAll(async () => {
      const data = join(base, 'small');
      const store = await openStore(data, () => NOW);
      await bootstrap(store, { regionName: 'Камчатский край', coordinatorToken: COORDINATOR, demo: true, now: NOW }, createLogger('silent'));
      await store.close();
      copy = join(base, 'copy-small');
      expect((await npmRun('backup', copy, data)).code).toBe(0);
    });

    it('a restore into a directory that is not empty', async () => {
      const target = join(base, 'not-empty');
      mkdirSync(target);
      writeFileSync(join(target, 'notes.txt'), 'чужие данные');
      const run = await npmRun('restore', copy, target);
      expect(run).toEqual({ code: 1, stdout: '', stderr: `Каталог ${target} не пуст: восстановление пишется только в новый или пустой каталог, чтобы ничего не перезаписать.\n` });
      expect(readdirSync(target)).toEqual(['notes.txt']);
    });

    it('a restore into the directory of a running server', async () => {
      const target = join(base, 'running');
      const port = await freePort();
      const server = new RealServer(port, { SVOD_DATA_DIR: target, SVOD_COORDINATOR_TOKEN: COORDINATOR, SVOD_DEMO: '0' });
      server.start();
      try {
        await server.ready();
        const pid = (JSON.parse(readFileSync(join(target, 'server.lock'), 'utf8')) as { pid: number }).pid;
        const before = readFileSync(join(target, 'db.json'));
        const run = await npmRun('restore', copy, target);
        expect(run).toEqual({
          code: 1,
          stdout: '',
          stderr: `В каталоге данных ${target} работает сервер Svod (процесс ${pid}): восстанавливать поверх работающего сервера нельзя. Остановите его или укажите новый каталог.\n`,
        });
        expect(readFileSync(join(target, 'db.json')).equals(before)).toBe(true);
      } finally {
        await server.stop();
      }
    });

    it('a damaged backup (one stored file changed)', async () => {
      const damaged = join(base, 'copy-damaged');
      mkdirSync(damaged);
      const { cpSync } = await import('node:fs');
      cpSync(copy, damaged, { recursive: true });
      const shard = readdirSync(join(damaged, 'blobs'))[0]!;
      const blob = readdirSync(join(damaged, 'blobs', shard))[0]!;
      writeFileSync(join(damaged, 'blobs', shard, blob), 'подменено');
      const target = join(base, 'from-damaged');
      const run = await npmRun('restore', damaged, target);
      expect(run).toEqual({ code: 1, stdout: '', stderr: `Резервная копия ${damaged} повреждена: файл ${blob} не совпадает со своей контрольной суммой. Ничего не восстановлено.\n` });
      expect(existsSync(target)).toBe(false);
      expect(readdirSync(base).filter((n) => n.endsWith('.partial'))).toEqual([]);
    });

    it('a directory that is not a backup, and a backup into a directory that is not empty', async () => {
      const notBackup = join(base, 'not-a-backup');
      mkdirSync(notBackup);
      const run = await npmRun('restore', notBackup, join(base, 'nowhere'));
      expect(run).toEqual({ code: 1, stdout: '', stderr: `${notBackup} — не резервная копия Svod (нет backup.json). Укажите каталог, который сделала команда npm run backup.\n` });
      const again = await npmRun('backup', copy, join(base, 'small'));
      expect(again).toEqual({ code: 1, stdout: '', stderr: `Каталог ${copy} не пуст: резервная копия пишется только в новый или пустой каталог, чтобы ничего не перезаписать.\n` });
      expect(existsSync(join(base, 'nowhere'))).toBe(false);
    });
  });
});
