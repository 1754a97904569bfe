/**
 * The portal's client of /api/v1 (same origin, `Authorization: Bearer`). Every failure becomes an `ApiError` with a
 * Russian sentence: the server's own message as it is, or what went wrong on the way. Shapes are the core's contracts,
 * imported as types only (zod stays out of the bundle). Modelled on the task pane's client (addin/src/api/client.ts).
 */
import type {
  ApiErrorBody,
  FederalRegion,
  FederalRegions,
  MunicipalityCreated,
  RegionCreated,
  RegionInfo,
  RegionStatus,
  SubmissionDetails,
  SubmissionList,
  SubmissionReceipt,
  TemplateAccepted,
} from '@svod/shared';
import type { z } from 'zod';
import type { IndicatorValues, MunicipalityState, MunicipalityStates, ReturnList, ReturnNote, Session, TemplatePreview } from '../../shared/src/contracts/portal';
import type { submissionComparison } from '../../shared/src/contracts/receipt';

export type SubmissionComparison = z.infer<typeof submissionComparison>;
export type { IndicatorValues, MunicipalityState, ReturnNote, Session, TemplatePreview };

export const SERVER_UNREACHABLE = 'Сервер не отвечает. Проверьте подключение к сети и повторите.';
const TIMEOUT_MS = 120_000;

export class ApiError extends Error {
  constructor(
    message: string,
    /** HTTP status; 0 when there was no answer. */
    readonly status = 0,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What to tell the official about any failure: a Russian sentence, never an English stack. */
export function errorText(e: unknown, fallback: string): string {
  if (e instanceof ApiError) return e.message;
  return fallback;
}

async function errorFrom(status: number, text: string): Promise<ApiError> {
  try {
    const body = JSON.parse(text) as Partial<ApiErrorBody>;
    const message = body.error?.message;
    if (typeof message === 'string' && message.trim()) return new ApiError(message, status, body.error?.code ?? null);
  } catch {
    /* not JSON: a proxy's page */
  }
  if (status === 413) return new ApiError('Файл слишком большой для сервера.', status);
  return new ApiError(`Сервер ответил ошибкой ${status}. Повторите позже.`, status);
}

/** The name the server gives a download (RFC 5987 `filename*`), or the fallback. */
function fileNameOf(res: { headers: { get(name: string): string | null } }, fallback: string): string {
  const given = /filename\*=UTF-8''([^;]+)/i.exec(res.headers.get('Content-Disposition') ?? '')?.[1];
  if (!given) return fallback;
  try {
    return decodeURIComponent(given);
  } catch {
    return fallback;
  }
}

/** Hands bytes to the browser as a download under a name. */
export function saveBlob(blob: Blob, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 30_000);
}

export type Progress = (done: number, total: number | null) => void;

export interface Api {
  token: string;
  json<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T>;
  /** Downloads a file, reporting received bytes; saves it under the server's name. */
  download(path: string, fallbackName: string, onProgress?: Progress): Promise<string>;
  /** Sends a file as multipart (field `file`), reporting sent bytes. */
  upload<T>(path: string, method: 'POST' | 'PUT', file: File, onProgress?: Progress): Promise<{ status: number; body: T }>;
}

export function createApi(token: string): Api {
  const auth = { Authorization: `Bearer ${token}` };

  async function request(path: string, init: RequestInit = {}): Promise<Response> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    let res: Response;
    try {
      res = await fetch(`/api/v1${path}`, { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) }, signal: controller.signal });
    } catch {
      throw new ApiError(SERVER_UNREACHABLE);
    } finally {
      clearTimeout(timer);
    }
    if (!res.ok) throw await errorFrom(res.status, await res.text().catch(() => ''));
    return res;
  }

  return {
    token,
    async json<T>(path: string, init: { method?: string; body?: unknown } = {}) {
      const res = await request(path, {
        method: init.method ?? 'GET',
        ...(init.body !== undefined ? { body: JSON.stringify(init.body), headers: { 'Content-Type': 'application/json' } } : {}),
      });
      try {
        return (await res.json()) as T;
      } catch {
        throw new ApiError('Сервер прислал ответ, который не удалось прочитать.', res.status);
      }
    },
    async download(path, fallbackName, onProgress) {
      const res = await request(path);
      const total = Number(res.headers.get('Content-Length')) || null;
      const chunks: Uint8Array[] = [];
      let done = 0;
      try {
        const reader = res.body?.getReader();
        if (!reader) chunks.push(new Uint8Array(await res.arrayBuffer()));
        else
          for (;;) {
            const { done: end, value } = await reader.read();
            if (end) break;
            chunks.push(value);
            done += value.length;
            onProgress?.(done, total);
          }
      } catch {
        throw new ApiError('Загрузка файла прервалась. Повторите.');
      }
      const name = fileNameOf(res, fallbackName);
      saveBlob(new Blob(chunks as BlobPart[], { type: res.headers.get('Content-Type') ?? 'application/octet-stream' }), name);
      return name;
    },
    upload<T>(path: string, method: 'POST' | 'PUT', file: File, onProgress?: Progress) {
      // XMLHttpRequest, not fetch: only it reports how much of the body has gone.
      return new Promise<{ status: number; body: T }>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open(method, `/api/v1${path}`);
        xhr.setRequestHeader('Authorization', auth.Authorization);
        xhr.timeout = TIMEOUT_MS;
        xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.lengthComputable ? e.total : null);
        xhr.onerror = () => reject(new ApiError(SERVER_UNREACHABLE));
        xhr.ontimeout = () => reject(new ApiError('Сервер слишком долго не отвечает. Повторите позже.'));
        xhr.onload = async () => {
          if (xhr.status < 200 || xhr.status >= 300) return reject(await errorFrom(xhr.status, xhr.responseText));
          try {
            resolve({ status: xhr.status, body: JSON.parse(xhr.responseText) as T });
          } catch {
            reject(new ApiError('Сервер прислал ответ, который не удалось прочитать.', xhr.status));
          }
        };
        const form = new FormData();
        form.append('file', file, file.name);
        xhr.send(form);
      });
    },
  };
}

export type { FederalRegion, FederalRegions, MunicipalityCreated, MunicipalityStates, RegionCreated, RegionInfo, RegionStatus, ReturnList, SubmissionDetails, SubmissionList, SubmissionReceipt, TemplateAccepted };
