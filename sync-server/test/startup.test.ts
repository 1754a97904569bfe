import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startServer } from '../src/server';
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

  it('refuses a second server on the same data directory with a Russian message', async () => {
    const dir = fresh();
    const first = await startServer(env(dir, { SVOD_DEMO: '0' }));
    await expect(startServer(env(dir, { SVOD_DEMO: '0' }))).rejects.toThrow(/уже занят сервером Svod/);
    await first.stop();
  });
});
