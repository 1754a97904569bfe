import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { StartupError, startServer } from '../src/server';
import { COORDINATOR } from './helpers';

describe('starting the server', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const d = mkdtempSync(join(tmpdir(), 'svod-start-'));
    dirs.push(d);
    return d;
  };
  let output = '';
  let spy: jest.SpyInstance;
  beforeEach(() => {
    output = '';
    spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output += String(chunk);
      return true;
    });
  });
  afterEach(() => spy.mockRestore());
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  const env = (dir: string, extra: Record<string, string> = {}) => ({ PORT: '0', HOST: '127.0.0.1', SVOD_DATA_DIR: dir, SVOD_LOG_LEVEL: 'silent', ...extra });

  it('creates the region on an empty data directory and prints the tokens once, demo included', async () => {
    const dir = fresh();
    const first = await startServer(env(dir));
    const tokens = [...output.matchAll(/(svod_[A-Za-z0-9_-]{43})/g)].map((m) => m[1]!);
    expect(tokens).toHaveLength(4); // the coordinator and three demo municipalities
    expect(output).toContain('Координатор: svod_');
    const res = await request(first.server).get('/api/v1/region/status').set('Authorization', `Bearer ${tokens[0]}`).expect(200);
    expect(res.body.municipalities).toHaveLength(3);
    const region = await request(first.server).get('/api/v1/region').set('Authorization', `Bearer ${tokens[0]}`).expect(200);
    expect(region.body.template.indicators).toBe(25);
    await first.stop();

    output = '';
    const again = await startServer(env(dir));
    expect(output).not.toMatch(/svod_/); // never shown twice
    await request(again.server).get('/api/v1/region').set('Authorization', `Bearer ${tokens[0]}`).expect(200);
    await again.stop();
  });

  it('uses SVOD_COORDINATOR_TOKEN instead of a generated token, and SVOD_DEMO=0 leaves the demo out', async () => {
    const started = await startServer(env(fresh(), { SVOD_COORDINATOR_TOKEN: COORDINATOR, SVOD_DEMO: '0' }));
    expect(output).not.toMatch(/svod_/);
    const res = await request(started.server).get('/api/v1/region/status').set('Authorization', `Bearer ${COORDINATOR}`).expect(200);
    expect(res.body.municipalities).toEqual([]);
    await started.stop();
  });

  describe('SVOD_COORDINATOR_TOKEN on a data directory that already has a region (issue #8, defect 5)', () => {
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
    // A failed expectation must not leave a server listening (jest would wait for it).
    const running = new Set<Awaited<ReturnType<typeof startServer>>>();
    const start = async (e: Parameters<typeof startServer>[0]) => {
      const started = await startServer(e);
      running.add(started);
      return { ...started, stop: () => (running.delete(started), started.stop()) };
    };
    afterEach(async () => {
      for (const r of running) await r.stop();
      running.clear();
    });
    const warnings = () =>
      output
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { level: string; msg: string })
        .filter((l) => l.level === 'warn')
        .map((l) => l.msg);

    it('does not bring a rotated coordinator token back at the next start, and says why in Russian', async () => {
      const dir = fresh();
      const first = await start(env(dir, { SVOD_COORDINATOR_TOKEN: COORDINATOR, SVOD_DEMO: '0' }));
      const rotated = (await request(first.server).post('/api/v1/tokens/coordinator/rotate').set(auth(COORDINATOR)).expect(201)).body.token as string;
      await request(first.server).get('/api/v1/region').set(auth(COORDINATOR)).expect(401);
      await first.stop();

      for (let round = 0; round < 2; round++) {
        output = '';
        const again = await start(env(dir, { SVOD_COORDINATOR_TOKEN: COORDINATOR, SVOD_DEMO: '0', SVOD_LOG_LEVEL: 'warn' }));
        await request(again.server).get('/api/v1/region').set(auth(COORDINATOR)).expect(401);
        await request(again.server).get('/api/v1/region').set(auth(rotated)).expect(200);
        expect(warnings()).toEqual([
          'SVOD_COORDINATOR_TOKEN не действует: этот токен координатора отозван (его сменили через POST /api/v1/tokens/coordinator/rotate). ' +
            'Переменная задаёт токен только при первом запуске на пустом каталоге данных. Входите с новым токеном и уберите переменную или запишите в неё новый токен.',
        ]);
        await again.stop();
      }
      const db = JSON.parse(readFileSync(join(dir, 'db.json'), 'utf8')) as { tokens: Array<{ role: string; revokedAt: string | null }> };
      expect(db.tokens.filter((t) => t.role === 'coordinator').map((t) => t.revokedAt === null)).toEqual([false, true]);
      const audit = readFileSync(join(dir, 'audit.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { action: string; details?: unknown });
      expect(audit.filter((e) => e.action === 'token-from-environment-ignored').map((e) => e.details)).toEqual([{ revoked: true }, { revoked: true }]);
    });

    it('ignores a token first set after the region was created, and the coordinator’s token keeps working', async () => {
      const dir = fresh();
      const first = await start(env(dir, { SVOD_DEMO: '0' }));
      const coordinator = /^ {2}Координатор: (svod_\S+)$/m.exec(output)![1]!;
      await first.stop();
      output = '';
      const again = await start(env(dir, { SVOD_COORDINATOR_TOKEN: COORDINATOR, SVOD_DEMO: '0', SVOD_LOG_LEVEL: 'warn' }));
      await request(again.server).get('/api/v1/region').set(auth(COORDINATOR)).expect(401);
      await request(again.server).get('/api/v1/region').set(auth(coordinator)).expect(200);
      expect(warnings()).toEqual([
        'SVOD_COORDINATOR_TOKEN не действует: такого токена координатора в каталоге данных нет. ' +
          'Переменная задаёт токен только при первом запуске на пустом каталоге данных; действует токен координатора, выданный раньше.',
      ]);
      await again.stop();
    });

    it('keeps working across restarts while it is not rotated, with no warning', async () => {
      const dir = fresh();
      for (let round = 0; round < 2; round++) {
        output = '';
        const started = await start(env(dir, { SVOD_COORDINATOR_TOKEN: COORDINATOR, SVOD_DEMO: '0', SVOD_LOG_LEVEL: 'warn' }));
        await request(started.server).get('/api/v1/region').set(auth(COORDINATOR)).expect(200);
        expect(warnings()).toEqual([]);
        await started.stop();
      }
    });
  });

  it('refuses a second server on the same data directory with a Russian message', async () => {
    const dir = fresh();
    const first = await startServer(env(dir, { SVOD_DEMO: '0' }));
    await expect(startServer(env(dir, { SVOD_DEMO: '0' }))).rejects.toThrow(/уже занят сервером Svod/);
    await first.stop();
  });

  describe('a first start that cannot serve', () => {
    let blocker: Server;
    let busyPort: number;
    beforeEach(async () => {
      blocker = createServer();
      await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok));
      busyPort = (blocker.address() as AddressInfo).port;
    });
    afterEach(() => new Promise<void>((ok) => blocker.close(() => ok())));

    it('fails on a busy port with a Russian message, creates no region, and the next start prints the tokens', async () => {
      const dir = fresh();
      const failed = startServer(env(dir, { PORT: String(busyPort) }));
      await expect(failed).rejects.toBeInstanceOf(StartupError);
      await expect(failed).rejects.toThrow(`Порт ${busyPort} на 127.0.0.1 уже занят другим процессом: задайте другой через PORT.`);
      expect(output).not.toMatch(/svod_/);
      const db = join(dir, 'db.json');
      if (existsSync(db)) expect(JSON.parse(readFileSync(db, 'utf8')).region ?? null).toBeNull();

      const started = await startServer(env(dir));
      const coordinator = /^ {2}Координатор: (svod_\S+)$/m.exec(output)?.[1];
      expect(coordinator).toBeDefined();
      expect([...output.matchAll(/^ {2}.+ \(id: [a-z-]+\): svod_\S+$/gm)]).toHaveLength(3);
      const res = await request(started.server).get('/api/v1/region/status').set('Authorization', `Bearer ${coordinator}`).expect(200);
      expect(res.body.municipalities).toHaveLength(3);
      await started.stop();
    });
  });

  it('prints each demo municipality with the id the API takes', async () => {
    const started = await startServer(env(fresh()));
    const coordinator = /^ {2}Координатор: (svod_\S+)$/m.exec(output)![1]!;
    const demo = [
      ['petropavlovsk', 'Петропавловск-Камчатский городской округ'],
      ['elizovsky', 'Елизовский муниципальный район'],
      ['ust-kamchatsky', 'Усть-Камчатский муниципальный район'],
    ];
    for (const [id, name] of demo) expect(output).toMatch(new RegExp(`^ {2}${name} \\(id: ${id}\\): svod_[A-Za-z0-9_-]{43}$`, 'm'));
    const res = await request(started.server).get('/api/v1/municipalities').set('Authorization', `Bearer ${coordinator}`).expect(200);
    expect(res.body.municipalities.map((m: { id: string }) => m.id).sort()).toEqual(demo.map(([id]) => id).sort());
    await started.stop();
  });

  describe('SVOD_COORDINATOR_TOKEN the server could never accept', () => {
    it.each([
      ['shorter than 32 characters', 'svod_too-short-0123456789', /SVOD_COORDINATOR_TOKEN слишком короткий: 25 симв., нужно не меньше 32/],
      ['longer than 200 characters', `svod_${'x'.repeat(200)}`, /SVOD_COORDINATOR_TOKEN слишком длинный: 205 симв./],
      ['containing a space', 'svod_a token with spaces 0123456789abcdef', /не пройдёт в заголовке Authorization/],
      ['containing Cyrillic letters', 'svod_токен-кириллицей-0123456789abcdef', /не пройдёт в заголовке Authorization/],
    ])('refuses one %s and creates nothing', async (_case, token, message) => {
      const dir = join(fresh(), 'data');
      await expect(startServer(env(dir, { SVOD_COORDINATOR_TOKEN: token }))).rejects.toThrow(message);
      expect(existsSync(dir)).toBe(false);
    });

    it('stops `npm start` with the Russian message on stderr and exit code 1, the token not repeated', async () => {
      const root = join(__dirname, '..', '..');
      const dir = join(fresh(), 'data');
      const token = 'svod_short-0123456789abc';
      const run = promisify(execFile)(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'sync-server', 'src', 'server.ts')], {
        cwd: root,
        env: { ...process.env, ...env(dir, { SVOD_COORDINATOR_TOKEN: token }) },
        timeout: 60_000,
      });
      const failure = await run.then(
        () => null,
        (e: { code?: number; stderr?: string }) => e,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toMatch(/^SVOD_COORDINATOR_TOKEN слишком короткий: 24 симв., нужно не меньше 32\./);
      expect(failure?.stderr).not.toContain(token);
      expect(existsSync(dir)).toBe(false);
      expect(readdirSync(join(dir, '..'))).toEqual([]);
    });
  });
});

