/** The sync-server client over a fake `fetch`: what it sends, and a Russian sentence for every way it can fail. */
import {
  ApiError,
  BAD_SERVER_URL,
  bytesToBase64,
  createApiClient,
  createIdempotencyKeys,
  newIdempotencyKey,
  normalizeServerUrl,
  SERVER_UNREACHABLE,
  TOKEN_MISSING,
  type FetchLike,
} from '../../src/api/client';

interface Sent {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
}

function fakeFetch(respond: (sent: Sent) => Response | Promise<Response>) {
  const sent: Sent[] = [];
  const fetch: FetchLike = async (url, init = {}) => {
    const s: Sent = { url, method: init.method ?? 'GET', headers: new Headers(init.headers), body: init.body === undefined ? undefined : JSON.parse(String(init.body)) };
    sent.push(s);
    return respond(s);
  };
  return { fetch, sent };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const access = { baseUrl: 'https://svod.example.ru/', token: ' svod_municipality ' };
const body = { sheets: [{ name: 'План', rows: [['№'], [1, 'Совещание']], merges: ['A1:E1'] }] };

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error('expected a failure');
}

describe('the API client', () => {
  it('submits the JSON form with the bearer token and the idempotency key, and reads the receipt', async () => {
    const receipt = { id: 's1', municipalityId: 'lazo', version: 1, submittedAt: '2026-11-23T10:15:00.000Z', status: 'accepted', kind: 'json', fileName: null, summary: { errors: 0, warnings: 2, infos: 0 }, diagnostics: [], duplicate: false };
    const { fetch, sent } = fakeFetch(() => json(201, receipt));
    const result = await createApiClient({ fetch }).submit(access, body, 'key-1');
    expect(result).toEqual(receipt);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('https://svod.example.ru/api/v1/submissions');
    expect(sent[0]!.method).toBe('POST');
    expect(sent[0]!.headers.get('Authorization')).toBe('Bearer svod_municipality');
    expect(sent[0]!.headers.get('Idempotency-Key')).toBe('key-1');
    expect(sent[0]!.headers.get('Content-Type')).toBe('application/json');
    expect(sent[0]!.body).toEqual(body);
  });

  it('marks a 200 answer without the flag as a duplicate', async () => {
    const { fetch } = fakeFetch(() => json(200, { id: 's1', version: 3, status: 'rejected', summary: { errors: 1, warnings: 0, infos: 0 } }));
    const result = await createApiClient({ fetch }).submit(access, body, 'k');
    expect(result).toMatchObject({ version: 3, duplicate: true, diagnostics: [] });
  });

  it('shows the server\'s Russian error message as it is', async () => {
    const message = 'Токен доступа не подходит или отозван. Попросите координатора выдать новый.';
    const { fetch } = fakeFetch(() => json(401, { error: { code: 'unauthorized', message } }));
    const e = await failure(createApiClient({ fetch }).listSubmissions(access));
    expect(e).toMatchObject({ kind: 'http', status: 401, code: 'unauthorized', message });
  });

  it('says the server is unreachable when fetch fails, and when it does not answer in time', async () => {
    const refused = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await failure(createApiClient({ fetch: refused.fetch }).regionStatus(access))).toMatchObject({ kind: 'network', message: SERVER_UNREACHABLE });

    const hung: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    expect(await failure(createApiClient({ fetch: hung, timeoutMs: 20 }).listSubmissions(access))).toMatchObject({ kind: 'network', message: SERVER_UNREACHABLE });
    expect(SERVER_UNREACHABLE).toBe('Сервер недоступен: проверьте адрес и подключение. Проверка работает и без сервера.');
  });

  it('explains an answer that is not Svod\'s', async () => {
    const notFound = fakeFetch(() => new Response('<html>Not found</html>', { status: 404 }));
    expect((await failure(createApiClient({ fetch: notFound.fetch }).listSubmissions(access))).message).toMatch(/нет сервера Svod/);
    const proxy = fakeFetch(() => new Response('Bad gateway', { status: 502 }));
    expect((await failure(createApiClient({ fetch: proxy.fetch }).listSubmissions(access))).message).toBe('Сервер ответил ошибкой 502. Попробуйте ещё раз позже.');
    const html = fakeFetch(() => new Response('<html></html>', { status: 200 }));
    expect((await failure(createApiClient({ fetch: html.fetch }).regionStatus(access))).message).toMatch(/не удалось прочитать/);
  });

  it('refuses to call without an address or a token, without touching the network', async () => {
    const { fetch, sent } = fakeFetch(() => json(200, {}));
    const client = createApiClient({ fetch });
    expect(await failure(client.listSubmissions({ baseUrl: 'не адрес вовсе', token: 't' }))).toMatchObject({ kind: 'input', message: BAD_SERVER_URL });
    expect(await failure(client.listSubmissions({ baseUrl: 'https://svod.example.ru', token: '  ' }))).toMatchObject({ kind: 'input', message: TOKEN_MISSING });
    expect(sent).toHaveLength(0);
  });

  it('reads the region status and the own versions', async () => {
    const { fetch, sent } = fakeFetch((s) =>
      s.url.endsWith('/region/status')
        ? json(200, { region: 'Камчатский край', deadline: '2026-12-15', municipalities: [{ municipalityId: 'lazo', name: 'Лазо', status: 'принято', version: 1, submittedAt: null, errors: 0, warnings: 0 }] })
        : json(200, { submissions: [{ id: 's1', version: 1 }] }),
    );
    const client = createApiClient({ fetch });
    expect((await client.regionStatus(access)).municipalities[0]!.status).toBe('принято');
    expect((await client.listSubmissions(access)).map((s) => s.version)).toEqual([1]);
    expect(sent.map((s) => s.url)).toEqual(['https://svod.example.ru/api/v1/region/status', 'https://svod.example.ru/api/v1/submissions']);
  });

  it('fetches the regional workbook as base64, and refuses what is not an xlsx', async () => {
    const zip = new Uint8Array(200_000);
    zip.set([0x50, 0x4b, 0x03, 0x04]);
    for (let i = 4; i < zip.length; i++) zip[i] = (i * 7919) % 256;
    const ok = fakeFetch(() => new Response(zip, { status: 200 }));
    const base64 = await createApiClient({ fetch: ok.fetch }).regionWorkbookBase64(access);
    expect(base64).toBe(Buffer.from(zip).toString('base64'));
    expect(ok.sent[0]!.url).toBe('https://svod.example.ru/api/v1/region/workbook.xlsx');
    const page = fakeFetch(() => new Response('<!doctype html>', { status: 200 }));
    expect((await failure(createApiClient({ fetch: page.fetch }).regionWorkbookBase64(access))).message).toMatch(/не книгу Excel/);
  });
});

describe('server addresses, keys and base64', () => {
  it('normalises what the official types', () => {
    expect(normalizeServerUrl('svod.example.ru')).toBe('https://svod.example.ru');
    expect(normalizeServerUrl('  https://svod.example.ru:8443/ ')).toBe('https://svod.example.ru:8443');
    expect(normalizeServerUrl('http://127.0.0.1:3000/addin/taskpane.html')).toBe('http://127.0.0.1:3000');
    expect(normalizeServerUrl('https://host/svod/api/v1/')).toBe('https://host/svod');
    expect(normalizeServerUrl('ftp://host')).toBeNull();
    expect(normalizeServerUrl('')).toBeNull();
    expect(normalizeServerUrl('http://')).toBeNull();
  });

  it('keeps the idempotency key while the content is the same', () => {
    let n = 0;
    const keys = createIdempotencyKeys(() => `k${++n}`);
    expect(keys.keyFor('{"sheets":[1]}')).toBe('k1');
    expect(keys.keyFor('{"sheets":[1]}')).toBe('k1');
    expect(keys.keyFor('{"sheets":[2]}')).toBe('k2');
    expect(keys.keyFor('{"sheets":[1]}')).toBe('k3');
  });

  it('makes distinct idempotency keys', () => {
    const keys = new Set(Array.from({ length: 50 }, newIdempotencyKey));
    expect(keys.size).toBe(50);
    for (const k of keys) expect(k.length).toBeGreaterThanOrEqual(32);
  });

  it('encodes bytes as base64 across chunk boundaries', () => {
    for (const n of [0, 1, 2, 3, 0x8000, 0x8001, 100_003]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31) % 256);
      expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
});
