/**
 * Issue #10: a submission's JSON form and xlsx are read in the check's worker (the grids never cross threads), and
 * the database and audit writes of concurrent submissions share their fsyncs. What a client sees must not change: the
 * same refusals of a broken body, in the same words; the file served back is the one sent; every 201 is on disk.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { createApp } from '../src/app';
import { bootstrap } from '../src/bootstrap';
import { createLogger } from '../src/http/log';
import { openStore } from '../src/store/store';
import { closeParsePool } from '../src/uploads/parse-xlsx';
import { FaultyFs } from './fault-fs';
import { addMunicipality, bearer, binary, COORDINATOR, filledKamchatka, listenLocal, REGION, roadmapJson, testServer, type TestServer } from './helpers';

const NOT_JSON = { code: 'bad-json', message: 'Тело запроса — не корректный JSON.' };
const ADDIN = 'Обновите надстройку Svod и отправьте ещё раз.';

describe('POST /api/v1/submissions: the JSON form read in the worker', () => {
  let s: TestServer;
  let local: Awaited<ReturnType<typeof listenLocal>>;
  let token: string;
  beforeAll(async () => {
    s = await testServer();
    local = await listenLocal(s.app);
    token = await addMunicipality(s.app, 'alpha', 'Альфинский район');
  });
  afterAll(async () => {
    await local.close();
    await s.close();
  });

  /** The body's bytes exactly as given (supertest would serialise a Buffer as JSON). */
  const post = async (body: Buffer, headers: Record<string, string> = {}) => {
    const res = await fetch(`${local.url}/api/v1/submissions`, { method: 'POST', headers: { ...bearer(token), 'Content-Type': 'application/json', ...headers }, body: new Uint8Array(body) });
    const answer = { status: res.status, body: (await res.json()) as Record<string, any> };
    return { ...answer, expect: (status: number) => (expect(answer.status).toBe(status), answer) };
  };
  const versions = async () => (await s.store.submissions(REGION)).length;

  it.each([
    ['a body cut short', '{"sheets": ['],
    ['a JSON string, not an object', '"текст"'],
    ['a number', '42'],
    ['text that is not JSON', 'sheets=1'],
  ])('refuses %s with 400 bad-json, in the words of a body that is not JSON', async (_case, text) => {
    const before = await versions();
    const res = await post(Buffer.from(text, 'utf8'));
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual(NOT_JSON);
    expect(await versions()).toBe(before);
  });

  it('reads an empty body as {} and refuses it for the form, as before', async () => {
    const res = await post(Buffer.alloc(0));
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: 'bad-json', message: `Данные книги не распознаны: поле «sheets» должно быть списком листов. ${ADDIN}` });
  });

  it('refuses JSON that is not the form (an array) with the form’s words', async () => {
    const res = await post(Buffer.from('[{"name": "a", "rows": []}]'));
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: 'bad-json', message: `Данные книги не распознаны: ожидался объект вида { "sheets": [ … ] }. ${ADDIN}` });
  });

  it('takes a body with a BOM and surrounding whitespace, keeps the bytes as sent and serves them back', async () => {
    const text = `\n  ${roadmapJson([['1.', 'Совещание с BOM', 'март 2025 г.', 'Управление образования', 'Проведено']])} `;
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    const res = (await post(body)).expect(201);
    expect(res.body).toMatchObject({ municipalityId: 'alpha', kind: 'json', status: 'accepted' });
    const file = await request(s.app).get(`/api/v1/submissions/${res.body.id}/file`).set(bearer(token)).buffer(true).parse(binary);
    expect(Buffer.compare(file.body as Buffer, body)).toBe(0);
    // The same bytes again: the version already stored, not a new one.
    const again = (await post(body)).expect(200);
    expect(again.body).toMatchObject({ id: res.body.id, duplicate: true });
  });

  it('takes a gzip-compressed body and keeps it as decompressed, and a UTF-16 body through the general reader', async () => {
    const text = roadmapJson([['1.', 'Совещание в gzip', 'март 2025 г.', 'Управление образования', 'Проведено']]);
    const zipped = (await post(gzipSync(Buffer.from(text, 'utf8')), { 'Content-Encoding': 'gzip' })).expect(201);
    const file = await request(s.app).get(`/api/v1/submissions/${zipped.body.id}/file`).set(bearer(token)).buffer(true).parse(binary);
    expect((file.body as Buffer).toString('utf8')).toBe(text);

    const utf16 = roadmapJson([['1.', 'Совещание в UTF-16', 'март 2025 г.', 'Управление образования', 'Проведено']]);
    const res = (await post(Buffer.from(utf16, 'utf16le'), { 'Content-Type': 'application/json; charset=utf-16le' })).expect(201);
    expect(res.body).toMatchObject({ kind: 'json', status: 'accepted', version: zipped.body.version + 1 });
  });

  it('answers a reused Idempotency-Key with a broken body by the body’s fault, and with a valid other body by the conflict', async () => {
    const key = 'key-broken-body';
    (await post(Buffer.from(roadmapJson([['1.', 'Совещание с ключом', 'март 2025 г.', 'Управление образования', 'Проведено']])), { 'Idempotency-Key': key })).expect(201);
    const broken = await post(Buffer.from('{"sheets": ['), { 'Idempotency-Key': key });
    expect(broken.status).toBe(400);
    expect(broken.body.error).toEqual(NOT_JSON);
    const other = await post(Buffer.from(roadmapJson([['1.', 'Другое совещание', 'март 2025 г.', 'Управление образования', 'Проведено']])), { 'Idempotency-Key': key });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency-conflict');
  });

  it('keeps an xlsx as uploaded, though the worker parses the inspected copy', async () => {
    const bytes = await filledKamchatka(7);
    const res = await request(s.app).post('/api/v1/submissions').set(bearer(token)).attach('file', bytes, 'alpha.xlsx').expect(201);
    expect(res.body).toMatchObject({ kind: 'xlsx', fileName: 'alpha.xlsx' });
    const file = await request(s.app).get(`/api/v1/submissions/${res.body.id}/file`).set(bearer(COORDINATOR)).buffer(true).parse(binary);
    expect(Buffer.compare(file.body as Buffer, bytes)).toBe(0);
  });
});

describe('concurrent submissions under group commit', () => {
  it('writes the versions that come while one is being written in one more database write, each 201 only once in db.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'svod-group-app-'));
    const fs = new FaultyFs();
    const now = new Date('2026-11-20T09:00:00Z');
    const store = await openStore(dir, () => now, { fs });
    try {
      const log = createLogger('silent');
      await bootstrap(store, { regionName: 'Камчатский край', coordinatorToken: COORDINATOR, demo: false, now }, log);
      const app = createApp({ store, log, now: () => now, rateLimitPerMinute: false });
      const tokens: string[] = [];
      for (let i = 0; i < 12; i++) tokens.push(await addMunicipality(app, `m${i}`, `Район ${i}`));
      const DB_TEMP = /\.db\.json\.\d+\.[0-9a-f-]+\.tmp$/;
      const dbWrites = () => fs.calls.filter((c) => c.op === 'open' && DB_TEMP.test(c.path)).length;
      const auditSyncs = () => fs.calls.filter((c) => c.op === 'fsync' && c.path.endsWith('audit.jsonl')).length;
      const [writesBefore, syncsBefore] = [dbWrites(), auditSyncs()];
      const onDiskAtAnswer: boolean[] = [];
      // The first version's write is held before its rename until the other eleven are in memory, waiting to be written.
      const held = fs.gate('rename', DB_TEMP);
      const sent = Promise.all(
        tokens.map((token, i) =>
          request(app)
            .post('/api/v1/submissions')
            .set(bearer(token))
            .set('Content-Type', 'application/json')
            .send(roadmapJson([['1.', `Совещание ${i}`, 'март 2025 г.', 'Управление образования', 'Проведено']]))
            .then((res) => {
              const db = JSON.parse(readFileSync(join(dir, 'db.json'), 'utf8')) as { submissions: Array<{ id: string }> };
              onDiskAtAnswer.push(db.submissions.some((x) => x.id === res.body.id));
              return res;
            }),
        ),
      );
      await held.reached;
      const waitFrom = Date.now();
      while (store.db.data.submissions.length < 12) {
        if (Date.now() - waitFrom > 30_000) throw new Error('the other submissions never reached their commit');
        await new Promise((ok) => setTimeout(ok, 5));
      }
      expect(onDiskAtAnswer).toEqual([]);
      held.release();
      const answers = await sent;
      expect(answers.map((r) => r.status)).toEqual(Array(12).fill(201));
      expect(onDiskAtAnswer).toEqual(Array(12).fill(true));
      // One write held, one more for the eleven that came meanwhile.
      expect(dbWrites() - writesBefore).toBe(2);
      expect(auditSyncs() - syncsBefore).toBeLessThanOrEqual(12);
      const audit = readFileSync(join(dir, 'audit.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"action":"submission"'));
      expect(audit).toHaveLength(12);
    } finally {
      await closeParsePool();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
