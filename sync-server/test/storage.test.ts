import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { openStore } from '../src/store/store';
import { DataDirLockedError } from '../src/store/lock';
import { addMunicipality, bearer, COORDINATOR, filledKamchatka, testServer } from './helpers';

describe('storage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'svod-storage-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has an acknowledged submission on disk, and keeps it across a restart', async () => {
    const first = await testServer({ dir });
    const token = await addMunicipality(first.app, 'alpha', 'Альфинский район');
    const bytes = await filledKamchatka(3);
    const sent = await request(first.app).post('/api/v1/submissions').set(bearer(token)).attach('file', bytes, 'alpha.xlsx').expect(201);

    // Before any shutdown: the metadata is in db.json and the original bytes are in the blob store.
    const db = JSON.parse(readFileSync(join(dir, 'db.json'), 'utf8'));
    expect(db.submissions.map((x: { id: string }) => x.id)).toEqual([sent.body.id]);
    const blobFiles = readdirSync(join(dir, 'blobs'), { recursive: true }).map(String);
    expect(blobFiles.some((f) => f.endsWith(db.submissions[0].fileHash))).toBe(true);
    expect(readFileSync(join(dir, 'audit.jsonl'), 'utf8')).toContain('"action":"submission"');
    // Diagnostics live in the blob store, not in db.json (rewritten whole on every write), and are still served.
    expect(db.submissions[0].diagnostics).toBeUndefined();
    expect(blobFiles.some((f) => f.endsWith(db.submissions[0].diagnosticsHash))).toBe(true);
    const one = await request(first.app).get(`/api/v1/submissions/${sent.body.id}`).set(bearer(token)).expect(200);
    expect(one.body.diagnostics).toEqual(sent.body.diagnostics);
    expect(one.body.diagnostics.length).toBeGreaterThan(0);
    await first.close();

    const second = await testServer({ dir });
    const file = await request(second.app).get(`/api/v1/submissions/${sent.body.id}/file`).set(bearer(COORDINATOR)).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(file.status).toBe(200);
    expect(Buffer.compare(file.body as Buffer, bytes)).toBe(0);
    await second.close();
  });

  it('refuses a second server on the same data directory', async () => {
    const running = await testServer({ dir });
    await expect(openStore(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await running.close();
    // Released on close: the next server opens it.
    const next = await openStore(dir);
    await next.close();
  });
});
