/**
 * The sync server's API as the pane uses it (`/api/v1`, `Authorization: Bearer`). Every failure becomes an `ApiError`
 * with a Russian sentence: the server's own message as it is, or what went wrong on the way.
 */
import { parseColumns } from '@svod/shared';
import type { ApiErrorBody, ColumnRole, MunicipalityColumns, RegionStatus as RegionStatusBody, SubmissionList, SubmissionReceipt, SubmissionSummary } from '@svod/shared';
import type { SubmissionBody } from './workbook-json';

export const SERVER_UNREACHABLE = 'Сервер недоступен: проверьте адрес и подключение. Проверка работает и без сервера.';
export const BAD_SERVER_URL = 'Адрес сервера не распознан: укажите его полностью, например https://svod.example.ru.';
export const TOKEN_MISSING = 'Укажите токен доступа.';

// The shapes are the core's contracts (shared/src/contracts), the ones the server validates with and documents. The
// pane imports their types only: validating with zod here would add some 460 KB to the pane's bundle.
export type { SubmissionReceipt, SubmissionSummary };
export type SubmissionStatus = SubmissionSummary['status'];

/** What the pane shows of the region's status. */
export type RegionStatus = Pick<RegionStatusBody, 'region' | 'deadline' | 'municipalities'>;

/** Where to send and who is asking. */
export interface ServerAccess {
  baseUrl: string;
  token: string;
}

export type ApiErrorKind = 'network' | 'http' | 'input';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    /** The HTTP status, 0 when there was no answer. */
    readonly status = 0,
    /** The server's error code (`unauthorized`, `bad-json`, …) when it sent one. */
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiClient {
  submit(access: ServerAccess, body: SubmissionBody, idempotencyKey: string): Promise<SubmissionReceipt>;
  listSubmissions(access: ServerAccess): Promise<SubmissionSummary[]>;
  regionStatus(access: ServerAccess): Promise<RegionStatus>;
  /** The regional workbook, base64 (what `insertWorksheetsFromBase64` takes). */
  regionWorkbookBase64(access: ServerAccess): Promise<string>;
  /** The municipality's remembered column mapping (its own token): header text → role; `{}` when none. */
  municipalityColumns(access: ServerAccess): Promise<Record<string, ColumnRole>>;
  /** Replaces it (`{}` forgets it); answers what the server keeps. */
  saveMunicipalityColumns(access: ServerAccess, columns: Record<string, ColumnRole>): Promise<Record<string, ColumnRole>>;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  fetch: FetchLike;
  /** Give up waiting after this many milliseconds (default 60 s): a hung proxy must not hang the pane. */
  timeoutMs?: number;
}

/**
 * The server's address as the user typed it, made usable: spaces trimmed, `https://` added when no scheme is given,
 * trailing slashes and a pasted `/api/v1` or `/addin/…` path dropped. Null when it is not an address at all.
 */
export function normalizeServerUrl(input: string): string | null {
  let text = input.trim();
  if (!text) return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (!url.hostname) return null;
  const path = url.pathname.replace(/\/(api\/v1|addin)(\/.*)?$/, '').replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/** ArrayBuffer → base64 in chunks (a regional workbook can be megabytes; one giant apply() would overflow the stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + CHUNK)));
  }
  return btoa(binary);
}

/** A fresh random key for `Idempotency-Key`. */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Idempotency keys per content: sending the same body again (after a lost answer, a timeout, a double click) reuses
 * its key, so the server records one version; different content gets a fresh key.
 */
export function createIdempotencyKeys(make: () => string = newIdempotencyKey): { keyFor(bodyText: string): string } {
  let last: { body: string; key: string } | null = null;
  return {
    keyFor(bodyText) {
      if (last?.body !== bodyText) last = { body: bodyText, key: make() };
      return last.key;
    },
  };
}

/** The contract's error body, as received: anything may be missing (a proxy's page, an older server). */
type ErrorBody = { error?: { [K in keyof ApiErrorBody['error']]?: unknown } };

async function errorFrom(res: Response): Promise<ApiError> {
  let body: ErrorBody | null = null;
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    body = null;
  }
  const message = body?.error?.message;
  const code = body?.error?.code;
  if (typeof message === 'string' && message.trim()) {
    return new ApiError('http', message, res.status, typeof code === 'string' ? code : null);
  }
  if (res.status === 404) {
    return new ApiError('http', 'По этому адресу нет сервера Svod (ответ 404): проверьте адрес сервера.', 404);
  }
  return new ApiError('http', `Сервер ответил ошибкой ${res.status}. Попробуйте ещё раз позже.`, res.status);
}

/** The server's mapping as the pane uses it: roles it does not know (a newer server) are left out, not guessed. */
function columnsOf(body: Partial<MunicipalityColumns>): Record<string, ColumnRole> {
  return parseColumns(body.columns ?? {}, []) ?? {};
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const timeoutMs = options.timeoutMs ?? 60_000;

  async function request(access: ServerAccess, path: string, init: RequestInit = {}): Promise<Response> {
    const base = normalizeServerUrl(access.baseUrl);
    if (!base) throw new ApiError('input', BAD_SERVER_URL);
    const token = access.token.trim();
    if (!token) throw new ApiError('input', TOKEN_MISSING);
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${token}`);
    const controller = typeof AbortController === 'undefined' ? null : new AbortController();
    const timer = controller ? setTimeout(() => controller.abort(), timeoutMs) : null;
    let res: Response;
    try {
      res = await options.fetch(`${base}/api/v1${path}`, { ...init, headers, ...(controller ? { signal: controller.signal } : {}) });
    } catch {
      // fetch rejects for a refused connection, a DNS failure, a CORS refusal, a certificate problem or our timeout.
      throw new ApiError('network', SERVER_UNREACHABLE);
    } finally {
      if (timer !== null) clearTimeout(timer);
    }
    if (!res.ok) throw await errorFrom(res);
    return res;
  }

  async function json<T>(res: Response): Promise<T> {
    try {
      return (await res.json()) as T;
    } catch {
      throw new ApiError('http', 'Сервер прислал ответ, который не удалось прочитать: проверьте адрес сервера.', res.status);
    }
  }

  return {
    async submit(access, body, idempotencyKey) {
      const res = await request(access, '/submissions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
        body: JSON.stringify(body),
      });
      const receipt = await json<Partial<SubmissionReceipt>>(res);
      return { ...(receipt as SubmissionReceipt), diagnostics: receipt.diagnostics ?? [], duplicate: receipt.duplicate ?? res.status === 200 };
    },
    async listSubmissions(access) {
      const res = await request(access, '/submissions');
      return (await json<Partial<SubmissionList>>(res)).submissions ?? [];
    },
    async regionStatus(access) {
      const res = await request(access, '/region/status');
      const body = await json<Partial<RegionStatusBody>>(res);
      return { region: body.region ?? '', deadline: body.deadline ?? null, municipalities: body.municipalities ?? [] };
    },
    async municipalityColumns(access) {
      const res = await request(access, '/municipalities/me/columns');
      return columnsOf(await json<Partial<MunicipalityColumns>>(res));
    },
    async saveMunicipalityColumns(access, columns) {
      const res = await request(access, '/municipalities/me/columns', {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ columns }),
      });
      return columnsOf(await json<Partial<MunicipalityColumns>>(res));
    },
    async regionWorkbookBase64(access) {
      const res = await request(access, '/region/workbook.xlsx');
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await res.arrayBuffer());
      } catch {
        throw new ApiError('network', SERVER_UNREACHABLE);
      }
      if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
        throw new ApiError('http', 'Сервер прислал не книгу Excel: проверьте адрес сервера.', res.status);
      }
      return bytesToBase64(bytes);
    },
  };
}
