/**
 * The sidebar's HTTP requests to the sync server, made by `UrlFetchApp` on Google's side (a sidebar page may not call
 * another origin itself). One call per request; HTTP errors come back as answers (`muteHttpExceptions`), so the API
 * client reads the server's Russian message; no answer at all becomes a Russian sentence in `error`.
 */
import type { FetchRequest, FetchResult } from '../shared/wire';
import { buildConfig } from './config';

const TEXT_TYPES = /^(?:application\/(?:json|problem\+json|xml)|text\/)/i;

function headerMap(raw: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  return out;
}

export function svodFetch(request: FetchRequest): FetchResult {
  const { allowedPrefixes, serverUrl } = buildConfig();
  if (allowedPrefixes.length > 0 && !allowedPrefixes.some((p) => request.url.startsWith(p))) {
    return {
      status: 0,
      headers: {},
      error: `Эта надстройка может обращаться только к серверу ${serverUrl}: другой адрес Google не пропустит. Укажите этот адрес или попросите администратора собрать надстройку для вашего сервера (SVOD_SERVER_URL).`,
    };
  }
  const headers: Record<string, string> = {};
  let contentType: string | undefined;
  for (const [key, value] of Object.entries(request.headers)) {
    if (key.toLowerCase() === 'content-type') contentType = value;
    else headers[key] = value;
  }
  const params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = { method: request.method, headers, muteHttpExceptions: true, followRedirects: false };
  if (request.body !== undefined) {
    params.payload = request.body;
    params.contentType = contentType ?? 'application/json';
  }
  let response: GoogleAppsScript.URL_Fetch.HTTPResponse;
  try {
    response = UrlFetchApp.fetch(request.url, params);
  } catch {
    return { status: 0, headers: {}, error: 'Сервер Svod не ответил: проверьте адрес сервера и что он доступен из интернета (запросы идут с серверов Google). Проверка работает и без сервера.' };
  }
  const out = headerMap(response.getAllHeaders());
  const status = response.getResponseCode();
  const type = out['content-type'] ?? '';
  if (TEXT_TYPES.test(type) || type === '') return { status, headers: out, text: response.getContentText('UTF-8') };
  return { status, headers: out, base64: Utilities.base64Encode(response.getContent()) };
}
