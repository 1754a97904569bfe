import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { addMunicipality, bearer, COORDINATOR, REGION } from '../helpers';
import { emptySheet, type FakeSpreadsheet } from './fake-google';
import { googleHarness, SERVICE_ACCOUNT, spreadsheetId, writeKeyFile, type GoogleHarness } from './support';

/** A one-sheet roadmap as a municipality keeps it in Google Sheets. */
function roadmapSpreadsheet(id: string): FakeSpreadsheet {
  const sheet = emptySheet(7, 'План', 0);
  const rows = [
    ['План мероприятий на 2025-2026 годы'],
    [],
    ['№ п/п', 'Мероприятие', 'Срок реализации', 'Исполнитель', 'Результат'],
    ['1', 'Совещание с руководителями школ', 'до 15.03.2025', 'Управление образования', 'Протокол совещания'],
  ];
  rows.forEach((row, r) => row.forEach((v, c) => sheet.cells.set(`${r},${c}`, { value: { stringValue: v } })));
  return { spreadsheetId: id, title: 'Дорожная карта Лазо', sheets: [sheet], readers: new Set([SERVICE_ACCOUNT]), editors: new Set() };
}

async function registered(h: GoogleHarness, id = spreadsheetId(10)): Promise<void> {
  await addMunicipality(h.server.app, 'lazo', 'Лазовский');
  await request(h.server.app).put('/api/v1/municipalities/lazo/google-sheet').set(bearer(COORDINATOR)).send({ spreadsheet: id }).expect(200);
}
const pull = (h: GoogleHarness) => request(h.server.app).post('/api/v1/municipalities/lazo/google-sheet/pull').set(bearer(COORDINATOR));
const gridReads = (h: GoogleHarness) => h.google.apiRequests().filter((r) => r.query.get('includeGridData') === 'true');

describe('Google failures, as the coordinator sees them', () => {
  let h: GoogleHarness;
  afterEach(async () => {
    await h.close();
  });

  describe('with the key configured', () => {
    beforeEach(async () => {
      h = await googleHarness();
    });

    it('403: says which address to share the spreadsheet with', async () => {
      const s = h.google.add(roadmapSpreadsheet(spreadsheetId(10)));
      s.readers.clear();
      await registered(h);
      const res = await pull(h).expect(403);
      expect(res.body.error.code).toBe('google-no-access');
      expect(res.body.error.message).toContain(`Откройте доступ для ${SERVICE_ACCOUNT}`);
      expect(res.body.error.message).toContain('«читатель»');
      expect(await h.server.store.submissions(REGION)).toHaveLength(0);
    });

    it('404: the spreadsheet is not found', async () => {
      await registered(h);
      const res = await pull(h).expect(404);
      expect(res.body.error).toMatchObject({ code: 'google-not-found' });
      expect(res.body.error.message).toContain(spreadsheetId(10));
      expect(res.body.error.message).toMatch(/не найдена/);
    });

    it('429 then success: retried, and the pull goes through', async () => {
      h.google.add(roadmapSpreadsheet(spreadsheetId(10)));
      await registered(h);
      h.google.failures.push({ status: 429 });
      const res = await pull(h).expect(201);
      expect(res.body.version).toBe(1);
      expect(gridReads(h)).toHaveLength(2);
    });

    it('5xx twice then success: retried', async () => {
      h.google.add(roadmapSpreadsheet(spreadsheetId(10)));
      await registered(h);
      h.google.failures.push({ status: 503 }, { status: 500 });
      await pull(h).expect(201);
      expect(gridReads(h)).toHaveLength(3);
    });

    it('429 that does not clear: a bounded number of attempts, then a Russian quota message with Retry-After', async () => {
      h.google.add(roadmapSpreadsheet(spreadsheetId(10)));
      await registered(h);
      for (let i = 0; i < 10; i++) h.google.failures.push({ status: 429 });
      const res = await pull(h).expect(429);
      expect(res.body.error.code).toBe('google-quota');
      expect(res.body.error.message).toMatch(/Подождите минуту/);
      expect(res.headers['retry-after']).toBe('60');
      // The first attempt and `retries` (3) more.
      expect(gridReads(h)).toHaveLength(4);
      expect(await h.server.store.submissions(REGION)).toHaveLength(0);
    });

    it('a 5xx that does not clear becomes 502 with a Russian message', async () => {
      h.google.add(roadmapSpreadsheet(spreadsheetId(10)));
      await registered(h);
      for (let i = 0; i < 10; i++) h.google.failures.push({ status: 503 });
      const res = await pull(h).expect(502);
      expect(res.body.error.code).toBe('google-unavailable');
      expect(res.body.error.message).toMatch(/Google Таблицы сейчас не отвечают/);
    });
  });

  describe('access tokens', () => {
    it('a token that is still valid is reused: one token request for two pulls', async () => {
      h = await googleHarness();
      h.google.tokenLifetime = 3600;
      h.google.add(roadmapSpreadsheet(spreadsheetId(10)));
      await registered(h);
      await pull(h).expect(201);
      await pull(h).expect(200);
      expect(h.google.tokenRequests()).toHaveLength(1);
      const tokens = new Set(h.google.apiRequests().map((r) => r.authorization));
      expect(tokens.size).toBe(1);
    });

    it('an expired token is refreshed: the token endpoint gives a short-lived one, the call after its expiry gets a new one', async () => {
      h = await googleHarness();
      // A minute: inside the client's five-minute margin, so the client treats it as about to expire.
      h.google.tokenLifetime = 60;
      h.google.add(roadmapSpreadsheet(spreadsheetId(10)));
      await registered(h);
      await pull(h).expect(201);
      const first = h.google.apiRequests()[0]!.authorization!;
      // Google no longer accepts the first token.
      h.google.expired.add(first.replace(/^Bearer /, ''));
      await pull(h).expect(200);
      expect(h.google.tokenRequests()).toHaveLength(2);
      const last = h.google.apiRequests().at(-1)!.authorization!;
      expect(last).not.toBe(first);
      // The grant was the documented JWT bearer one.
      expect(h.google.tokenRequests()[1]!.body).toMatchObject({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer' });
    });

    it('a key Google does not accept (deleted or another account): 503 that says to create a new key', async () => {
      h = await googleHarness();
      {
        // Same file shape, but a key pair the stand-in has never seen for this account.
        const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
        writeFileSync(
          h.keyFile,
          JSON.stringify({ type: 'service_account', client_email: SERVICE_ACCOUNT, private_key: other.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), token_uri: `${h.google.url}/token` }),
        );
        h.google.add(roadmapSpreadsheet(spreadsheetId(10)));
        await registered(h);
        const res = await pull(h).expect(503);
        expect(res.body.error.code).toBe('google-credentials-rejected');
        expect(res.body.error.message).toContain(SERVICE_ACCOUNT);
        expect(res.body.error.message).toContain('SVOD_GOOGLE_CREDENTIALS');
      }
    });
  });

  describe('credentials', () => {
    it('none configured: 503 that says what to configure, for pull and publish alike', async () => {
      h = await googleHarness({ credentialsFile: null });
      await registered(h);
      const res = await pull(h).expect(503);
      expect(res.body.error.code).toBe('google-not-configured');
      expect(res.body.error.message).toContain('SVOD_GOOGLE_CREDENTIALS');
      expect(res.body.error.message).toMatch(/сервисный аккаунт/);
      const pub = await request(h.server.app).post('/api/v1/region/google-sheet/publish').set(bearer(COORDINATOR)).send({ spreadsheet: spreadsheetId(11) }).expect(503);
      expect(pub.body.error.code).toBe('google-not-configured');
      // Registering works without Google, and the answer says the server is not set up yet.
      const got = await request(h.server.app).get('/api/v1/municipalities/lazo/google-sheet').set(bearer(COORDINATOR)).expect(200);
      expect(got.body.serviceAccount).toBeNull();
      expect(got.body.message).toContain('SVOD_GOOGLE_CREDENTIALS');
      expect(h.google.requests).toHaveLength(0);
    });

    it('a path with no file: 503 naming the path', async () => {
      h = await googleHarness({ credentialsFile: '/nonexistent/svod-key.json' });
      await registered(h);
      const res = await pull(h).expect(503);
      expect(res.body.error.code).toBe('google-credentials-unreadable');
      expect(res.body.error.message).toContain('/nonexistent/svod-key.json');
      expect(res.body.error.message).toMatch(/не найден/);
    });

    it('a file that is not a service-account key: 503 that says so, without its content', async () => {
      h = await googleHarness();
      writeFileSync(h.keyFile, JSON.stringify({ installed: { client_id: 'x', client_secret: 'very-secret' } }));
      await registered(h);
      const res = await pull(h).expect(503);
      expect(res.body.error.message).toMatch(/не похож на ключ сервисного аккаунта/);
      expect(JSON.stringify(res.body)).not.toContain('very-secret');
    });

    it('a key whose token_uri is plain http to another machine is refused before anything is sent', async () => {
      h = await googleHarness();
      writeKeyFile(join(h.keyFile, '..'), 'http://token.example.com/token');
      await registered(h);
      const res = await pull(h).expect(503);
      expect(res.body.error.message).toMatch(/token_uri не на https-адрес/);
      expect(h.google.requests).toHaveLength(0);
    });

    it('a corrected key file works without a restart', async () => {
      h = await googleHarness();
      writeFileSync(h.keyFile, 'not json');
      h.google.add(roadmapSpreadsheet(spreadsheetId(10)));
      await registered(h);
      expect((await pull(h).expect(503)).body.error.message).toMatch(/не является файлом JSON/);
      writeKeyFile(join(h.keyFile, '..'), `${h.google.url}/token`);
      await pull(h).expect(201);
    });
  });
});
