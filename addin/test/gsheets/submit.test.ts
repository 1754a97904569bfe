/**
 * «Отправить» from Google Sheets against a REAL sync server on 127.0.0.1: the pane's API client (the JSON form, an
 * `Idempotency-Key`) over `svodFetch`, i.e. `UrlFetchApp.fetch` on Google's side (synchronous here too: the fake makes
 * the request in a child process, so the server runs in another: `npm start`'s own). One `google.script.run` call per HTTP request; nothing is written to the sheet.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '@svod/shared';
import { freePort, RealServer } from '../../../sync-server/test/real-server';
import { ApiError, createApiClient, type ApiClient } from '../../src/api/client';
import { submissionBody } from '../../src/api/workbook-json';
import { scriptFetch } from '../../gsheets/sidebar/bridge';
import { setupSeed, uninstall, type Setup } from './helpers';

const COORDINATOR = 'svod_gsheets-submit-test-coordinator-0123456789';

describe('submission through UrlFetchApp', () => {
  let server: RealServer;
  let url: string;
  let token: string;
  const dir = mkdtempSync(join(tmpdir(), 'svod-gsheets-submit-'));

  beforeAll(async () => {
    // UrlFetchApp.fetch blocks this process until the answer comes, as Google's does: the server must be another one.
    const port = await freePort();
    server = new RealServer(port, { SVOD_DATA_DIR: dir, SVOD_COORDINATOR_TOKEN: COORDINATOR, SVOD_DEMO: '0' });
    server.start();
    await server.ready();
    url = `http://127.0.0.1:${port}`;
    const res = await fetch(`${url}/api/v1/municipalities`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${COORDINATOR}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'lazo', name: 'Лазовский муниципальный округ' }),
    });
    expect(res.status).toBe(201);
    token = ((await res.json()) as { token: string }).token;
  }, 60_000);

  afterAll(async () => {
    uninstall();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  let s: Setup;
  let api: ApiClient;
  beforeEach(async () => {
    s = await setupSeed('seed-002-lazo.xlsx', 'План-график');
    api = createApiClient({ fetch: scriptFetch(s.remote) });
  });

  test('sends the JSON form with an Idempotency-Key: version 1; the same body and key again is the same version', async () => {
    const workbook = await s.port.readSheets('all');
    const body = submissionBody(workbook);
    const { result: receipt, runs, calls } = await s.measure(() => api.submit({ baseUrl: url, token }, body, 'key-gsheets-1'));
    expect(runs).toEqual(['svodFetch']);
    expect(calls.filter((c) => c === 'UrlFetchApp.fetch')).toHaveLength(1);
    expect(calls.filter((c) => /\.set|insert|activate/.test(c))).toEqual([]);
    expect(receipt).toMatchObject({ version: 1, municipalityId: 'lazo', kind: 'json', duplicate: false });
    expect(receipt.summary).toEqual({
      errors: check(workbook).summary.errors,
      warnings: check(workbook).summary.warnings,
      infos: check(workbook).summary.infos,
    });
    const sent = s.book.fetches[0]!;
    expect(sent.url).toBe(`${url}/api/v1/submissions`);
    expect(sent.params).toMatchObject({ method: 'post', muteHttpExceptions: true, contentType: 'application/json' });
    expect(sent.params.headers).toMatchObject({ authorization: `Bearer ${token}`, 'idempotency-key': 'key-gsheets-1' });
    expect(JSON.parse(String(sent.params.payload))).toEqual(body);

    const again = await api.submit({ baseUrl: url, token }, body, 'key-gsheets-1');
    expect(again).toMatchObject({ id: receipt.id, version: 1 });
    const list = await api.listSubmissions({ baseUrl: url, token });
    expect(list.map((v) => v.version)).toEqual([1]);
  });

  test('the server refuses a wrong token: its Russian message reaches the pane', async () => {
    const body = submissionBody(await s.port.readSheets('active'));
    const error = await api.submit({ baseUrl: url, token: 'svod_wrong-token-0123456789abcdef' }, body, 'k2').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect((error as ApiError).message).toMatch(/[А-Яа-я]/);
  });

  test('the coordinator gets the regional workbook as bytes (base64 through the bridge)', async () => {
    const base64 = await api.regionWorkbookBase64({ baseUrl: url, token: COORDINATOR });
    const bytes = Buffer.from(base64, 'base64');
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(bytes.length).toBeGreaterThan(1000);
  });

  test('an address the add-on was not built for is refused in Russian, before any request', async () => {
    uninstall();
    s = await setupSeed('seed-002-lazo.xlsx', 'План-график', { build: { serverUrl: 'https://svod.example.ru/', allowedPrefixes: ['https://svod.example.ru/'] } });
    api = createApiClient({ fetch: scriptFetch(s.remote) });
    const error = (await api.listSubmissions({ baseUrl: url, token }).catch((e: unknown) => e)) as ApiError;
    expect(error.message).toContain('только к серверу https://svod.example.ru/');
    expect(s.book.fetches).toEqual([]);
  });

  test('no answer at all (nothing listens there) is a Russian sentence, not Google\'s English', async () => {
    const error = (await api.listSubmissions({ baseUrl: 'http://127.0.0.1:9', token }).catch((e: unknown) => e)) as ApiError;
    expect(error.message).toMatch(/^Сервер Svod не ответил/);
  });
});
