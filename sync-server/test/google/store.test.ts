import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { addMunicipality, bearer, COORDINATOR, testServer } from '../helpers';
import { spreadsheetId } from './support';

describe('registered spreadsheets in the store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'svod-google-store-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('survive a restart, through the durable write of db.json', async () => {
    const google = { credentialsFile: null, retry: { retries: 0, delayMs: 1, maxDelayMs: 1 }, pullMinutes: null };
    const first = await testServer({ dir, deps: { google } });
    await addMunicipality(first.app, 'lazo', 'Лазовский');
    await request(first.app).put('/api/v1/municipalities/lazo/google-sheet').set(bearer(COORDINATOR)).send({ spreadsheet: spreadsheetId(40), sheets: ['План'] }).expect(200);
    await request(first.app).put('/api/v1/region/google-sheet').set(bearer(COORDINATOR)).send({ spreadsheet: spreadsheetId(41) }).expect(200);
    await first.close();
    const db = JSON.parse(readFileSync(join(dir, 'db.json'), 'utf8'));
    expect(db.municipalities[0].googleSheet).toMatchObject({ spreadsheetId: spreadsheetId(40), sheets: ['План'] });

    const again = await testServer({ dir, deps: { google } });
    try {
      expect((await request(again.app).get('/api/v1/municipalities/lazo/google-sheet').set(bearer(COORDINATOR)).expect(200)).body.sheets).toEqual(['План']);
      expect((await request(again.app).get('/api/v1/region/google-sheet').set(bearer(COORDINATOR)).expect(200)).body.spreadsheetId).toBe(spreadsheetId(41));
    } finally {
      await again.close();
    }
  });

  it('a data file written before the fields existed opens, and has none registered', async () => {
    const google = { credentialsFile: null, retry: { retries: 0, delayMs: 1, maxDelayMs: 1 }, pullMinutes: null };
    const first = await testServer({ dir, deps: { google } });
    await addMunicipality(first.app, 'lazo', 'Лазовский');
    await first.close();
    // As an older server left it: no googleSheet anywhere, no source on versions.
    const db = JSON.parse(readFileSync(join(dir, 'db.json'), 'utf8'));
    expect(JSON.stringify(db)).not.toContain('googleSheet');
    writeFileSync(join(dir, 'db.json'), JSON.stringify(db));
    const again = await testServer({ dir, deps: { google } });
    try {
      const res = await request(again.app).get('/api/v1/municipalities/lazo/google-sheet').set(bearer(COORDINATOR)).expect(404);
      expect(res.body.error.message).toMatch(/не зарегистрирована/);
      await request(again.app).get('/api/v1/region/google-sheet').set(bearer(COORDINATOR)).expect(404);
    } finally {
      await again.close();
    }
  });
});
