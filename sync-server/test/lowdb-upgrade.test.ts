/**
 * A data directory an older server wrote (db.json schema 1: one region, records without region ids) opens on this
 * one unchanged in substance (issue #13): the region gets an id, every record the region it belongs to, the file is
 * written upgraded at once, and the old tokens, versions and files keep working.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../src/app';
import { hashToken } from '../src/auth/tokens';
import { createLogger } from '../src/http/log';
import { sha256 } from '../src/store/blobs';
import { openStore } from '../src/store/store';
import { binary } from './helpers';

const COORDINATOR = 'svod_old-coordinator-token-0123456789abcdef';
const LAZO = 'svod_old-lazo-token-0123456789abcdef0123456';

describe('a schema-1 data directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'svod-upgrade-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is upgraded on open, and serves its old tokens and versions', async () => {
    // The files first, as the old server left them: a JSON-form version and its derived blobs.
    const first = await openStore(dir);
    const file = JSON.stringify({ sheets: [{ name: 'План', rows: [['№', 'Мероприятие'], ['1', 'Совещание']] }] });
    const content = JSON.stringify({ roadmaps: [], indicators: [], glossary: [] });
    const hashes = await Promise.all([file, content, '[]'].map((b) => first.blobs.put(b)));
    await first.close();
    const old = {
      schema: 1,
      region: { name: 'Лазовский край', timeZone: 'Asia/Vladivostok', deadline: '2026-12-15', template: null, createdAt: '2026-01-10T00:00:00.000Z' },
      tokens: [
        { id: 't1', hash: hashToken(COORDINATOR), role: 'coordinator', municipalityId: null, createdAt: '2026-01-10T00:00:00.000Z', revokedAt: null },
        { id: 't2', hash: hashToken(LAZO), role: 'municipality', municipalityId: 'lazo', createdAt: '2026-01-10T00:00:00.000Z', revokedAt: null },
      ],
      municipalities: [{ id: 'lazo', name: 'Лазовский район', createdAt: '2026-01-10T00:00:00.000Z' }],
      submissions: [
        {
          id: 's1', municipalityId: 'lazo', version: 1, submittedAt: '2026-02-01T00:00:00.000Z', kind: 'json', fileName: null,
          fileHash: hashes[0], contentHash: hashes[1], status: 'accepted', summary: { errors: 0, warnings: 0, infos: 0 }, diagnosticsHash: hashes[2], idempotencyKey: 'k1', templateFree: true,
        },
      ],
    };
    writeFileSync(join(dir, 'db.json'), JSON.stringify(old));

    const store = await openStore(dir, () => new Date('2026-12-01T00:00:00Z'), { regionId: 'lazo-krai' });
    try {
      const onDisk = JSON.parse(readFileSync(join(dir, 'db.json'), 'utf8'));
      expect(onDisk.schema).toBe(2);
      expect(onDisk.regions).toEqual([{ id: 'lazo-krai', ...old.region }]);
      expect(onDisk.tokens.map((t: { regionId: string }) => t.regionId)).toEqual(['lazo-krai', 'lazo-krai']);
      expect(onDisk.municipalities).toEqual([{ ...old.municipalities[0], regionId: 'lazo-krai' }]);
      expect(onDisk.submissions).toEqual([{ ...old.submissions[0], regionId: 'lazo-krai' }]);

      const app = createApp({ store, log: createLogger('silent'), rateLimitPerMinute: false });
      const region = await request(app).get('/api/v1/region').set('Authorization', `Bearer ${LAZO}`).expect(200);
      expect([region.body.name, region.body.deadline]).toEqual(['Лазовский край', '2026-12-15']);
      const version = await request(app).get('/api/v1/submissions/s1/file').set('Authorization', `Bearer ${COORDINATOR}`).buffer(true).parse(binary).expect(200);
      expect(sha256(new Uint8Array(version.body as Buffer))).toBe(hashes[0]);
      // The old key is still the version's: a retry answers with it, no second version.
      const retry = await request(app).post('/api/v1/submissions').set('Authorization', `Bearer ${LAZO}`).set('Idempotency-Key', 'k1').set('Content-Type', 'application/json').send(file);
      expect([retry.status, retry.body.id, retry.body.version]).toEqual([200, 's1', 1]);
    } finally {
      await store.close();
    }
    // A second open finds schema 2 and changes nothing.
    const before = readFileSync(join(dir, 'db.json'), 'utf8');
    await (await openStore(dir)).close();
    expect(readFileSync(join(dir, 'db.json'), 'utf8')).toBe(before);
  });
});
