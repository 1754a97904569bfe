/**
 * office.js served by Svod itself from the @microsoft/office-js package (under /office-js/), so the task pane loads
 * where Microsoft's CDN is blocked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startServer } from '../src/server';
import { COORDINATOR, testServer } from './helpers';

const officeJsDir = join(require.resolve('@microsoft/office-js/package.json'), '..', 'dist');

describe('office.js under /office-js/', () => {
  it('answers GET /office-js/office.js with the package’s JavaScript', async () => {
    const server = await testServer({ deps: { officeJsDir } });
    try {
      const res = await request(server.app).get('/office-js/office.js').expect(200);
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.text.length).toBeGreaterThan(10_000);
      expect(res.text).toContain('Office');
      // The host-specific scripts office.js loads next sit beside it.
      await request(server.app).get('/office-js/excel-win32-16.01.js').expect(200);
    } finally {
      await server.close();
    }
  });

  it('is not served when no directory is given', async () => {
    const server = await testServer();
    try {
      await request(server.app).get('/office-js/office.js').expect(404);
    } finally {
      await server.close();
    }
  });

  it('is wired in server.ts: a started server serves it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'svod-officejs-'));
    const started = await startServer({ PORT: '0', HOST: '127.0.0.1', SVOD_DATA_DIR: dir, SVOD_LOG_LEVEL: 'silent', SVOD_DEMO: '0', SVOD_COORDINATOR_TOKEN: COORDINATOR });
    try {
      const res = await request(started.server).get('/office-js/office.js').expect(200);
      expect(res.headers['content-type']).toMatch(/javascript/);
    } finally {
      await started.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the add-in files', () => {
  it('serves the task pane and the ribbon icons the manifest names', async () => {
    const { join } = await import('node:path');
    const request = (await import('supertest')).default;
    const { testServer } = await import('./helpers');
    const s = await testServer({ deps: { addinDir: join(__dirname, '..', '..', 'addin', 'dist') } });
    try {
      await request(s.app).get('/addin/taskpane.html').expect(200).expect('Content-Type', /html/);
      for (const size of [16, 32, 64, 80]) await request(s.app).get(`/addin/assets/icon-${size}.png`).expect(200).expect('Content-Type', 'image/png');
    } finally {
      await s.close();
    }
  });
});
