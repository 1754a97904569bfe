/**
 * `npm run coordinator-token` (issue #8): a lost coordinator token is replaced from the server's data directory while
 * the server is stopped; every earlier coordinator token stops working and the audit log says who did it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { bearer, COORDINATOR, testServer } from './helpers';
import { ROOT } from './real-server';

jest.setTimeout(180_000);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function resetToken(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((ok) => {
    execFile('npm', ['run', '--silent', 'coordinator-token', '--', ...args], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 120_000 }, (error, stdout, stderr) =>
      ok({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

const tokenIn = (stdout: string) => /^\s+(\S{40,})$/m.exec(stdout)?.[1] ?? null;

describe('npm run coordinator-token', () => {
  it('issues a new coordinator token after the rotated one was lost, and revokes every other', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'svod-token-reset-'));
    try {
      let server = await testServer({ dir });
      const rotated = await request(server.app).post('/api/v1/tokens/coordinator/rotate').set(bearer(COORDINATOR));
      expect(rotated.status).toBe(201);
      const lost = (rotated.body as { token: string }).token; // nobody wrote it down
      await server.close();

      const run = await resetToken(['--data', dir]);
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(/Новый токен координатора/);
      expect(run.stdout).toMatch(/Прежние токены координатора \(1\) больше не действуют/);
      const fresh = tokenIn(run.stdout);
      expect(fresh).not.toBeNull();
      expect([COORDINATOR, lost]).not.toContain(fresh);

      server = await testServer({ dir });
      try {
        expect((await request(server.app).get('/api/v1/region/status').set(bearer(fresh!))).status).toBe(200);
        expect((await request(server.app).get('/api/v1/region/status').set(bearer(lost))).status).toBe(401);
        expect((await request(server.app).get('/api/v1/region/status').set(bearer(COORDINATOR))).status).toBe(401);
      } finally {
        await server.close();
      }
      const audit = readFileSync(join(dir, 'audit.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { action: string; actor: string; details?: { revoked?: number } });
      expect(audit.filter((e) => e.action === 'token-reset')).toEqual([expect.objectContaining({ actor: 'operator', details: { revoked: 1 } })]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses while a server holds the data directory, and changes nothing', async () => {
    const server = await testServer();
    try {
      const before = readFileSync(join(server.dir, 'db.json'), 'utf8');
      const run = await resetToken(['--data', server.dir]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/уже занят сервером Svod.*Остановите сервер и повторите команду\./s);
      expect(run.stdout).toBe('');
      expect(readFileSync(join(server.dir, 'db.json'), 'utf8')).toBe(before);
      expect((await request(server.app).get('/api/v1/region/status').set(bearer(COORDINATOR))).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('says what is wrong with a directory that holds no Svod data, and with extra words', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'svod-token-empty-'));
    try {
      const run = await resetToken([], { SVOD_DATA_DIR: empty });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/нет данных Svod \(db\.json\): укажите каталог данных сервера/);
      const extra = await resetToken(['--data', empty, 'please']);
      expect(extra.code).toBe(2);
      expect(extra.stderr).toMatch(/^Лишние слова: please\.\nИспользование: npm run coordinator-token/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
