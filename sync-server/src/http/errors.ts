import type { NextFunction, Request, Response } from 'express';
import { StorageError } from '../store/fs';
import { BAD_JSON_BODY } from '../uploads/errors';
import type { Logger } from './log';

/** An error the client should see: HTTP status, a stable code and a Russian message. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Our own refusals: HttpError and the upload layer's UploadError, whose message is a Russian sentence. Other errors
 * with a 4xx status and a string code (zlib's `Z_DATA_ERROR` from an inflated body, say) carry an English internal
 * message and never reach the client as they are.
 */
function isClientError(err: unknown): err is Error & { status: number; code: string } {
  if (!(err instanceof HttpError) && !(err instanceof Error && err.name === 'UploadError')) return false;
  const { status, code } = err as Error & { status?: unknown; code?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && typeof code === 'string';
}

interface ErrorLike {
  status?: number;
  statusCode?: number;
  code?: string;
  type?: string;
  message?: string;
}

/** Maps every failure to `{ error: { code, message } }`; never a stack trace or an internal message on a 500. */
export function errorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const e = err as ErrorLike;
    let status = 500;
    let code = 'internal';
    let message = 'Внутренняя ошибка сервера. Попробуйте ещё раз позже.';
    if (err instanceof StorageError) {
      // The disk refused a write (full, failing): nothing of the request was kept, so it is safe to send again, with
      // the same Idempotency-Key. 503 and not 500: a condition of the server that clears, not a fault of the request
      // or a bug; 503 with Retry-After is what clients and proxies already treat as «try again later».
      status = 503;
      code = err.code;
      message = err.message;
      res.set('Retry-After', '30');
    } else if (e?.type === 'entity.too.large' || e?.code === 'LIMIT_FILE_SIZE') {
      status = 413;
      code = 'file-too-large';
      message = 'Файл слишком большой для отправки.';
    } else if (e?.type === 'entity.parse.failed') {
      status = 400;
      code = 'bad-json';
      message = BAD_JSON_BODY;
    } else if (e?.type === 'encoding.unsupported') {
      status = 415;
      code = 'unsupported-encoding';
      message = 'Сжатие тела запроса (Content-Encoding) не поддерживается: отправьте его без сжатия или в gzip.';
    } else if (e?.type === 'charset.unsupported') {
      status = 415;
      code = 'unsupported-charset';
      message = 'Кодировка тела запроса не поддерживается: отправьте JSON в UTF-8.';
    } else if (typeof e?.code === 'string' && e.code.startsWith('Z_')) {
      status = 400;
      code = 'bad-encoding';
      message = 'Сжатое тело запроса не удалось распаковать: оно повреждено или сжато не тем способом, что указан в Content-Encoding.';
    } else if (e?.type === 'request.aborted' || e?.type === 'request.size.invalid') {
      status = 400;
      code = 'incomplete-request';
      message = 'Запрос пришёл не полностью. Отправьте его ещё раз.';
    } else if (typeof e?.code === 'string' && e.code.startsWith('LIMIT_')) {
      status = 400;
      code = 'bad-upload';
      message = 'Неверная форма отправки файла: нужно одно поле file.';
    } else if (isClientError(err)) {
      // HttpError and the upload layer's UploadError: a 4xx status, a stable code and a Russian message.
      status = err.status;
      code = err.code;
      message = err.message;
    } else if (typeof (e?.status ?? e?.statusCode) === 'number' && (e.status ?? e.statusCode)! < 500) {
      status = (e.status ?? e.statusCode)!;
      code = 'bad-request';
      message = 'Неверный запрос.';
    }
    if (err instanceof StorageError) log.error('storage failed', { method: req.method, path: req.path, what: err.what, code: err.systemCode, error: err.cause instanceof Error ? err.cause.message : String(err.cause) });
    else if (status >= 500) log.error('request failed', { method: req.method, path: req.path, error: err instanceof Error ? err.stack : String(err) });
    else if (status !== 401 && status !== 404) {
      // What was wrong with an upload (which part, which size) is for the log, never for the response.
      const detail = (err as { detail?: unknown }).detail;
      log.warn('request refused', { method: req.method, path: req.path, status, code, ...(typeof detail === 'string' ? { detail } : {}) });
    }
    res.status(status).json({ error: { code, message } });
  };
}

export function notFound(_req: Request, res: Response): void {
  res.status(404).json({ error: { code: 'not-found', message: 'Такого адреса нет.' } });
}
