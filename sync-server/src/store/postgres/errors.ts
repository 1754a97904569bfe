import { StorageError } from '../fs';

/** SQLSTATE of a pg error (`23505`), or a Node system code of a failed connection (`ECONNREFUSED`). */
export function sqlState(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Failures a transaction may simply be run again after: a lost race on a unique key, a serialisation failure, a
 * deadlock. Nothing of the failed attempt is stored.
 */
export function isRetryable(e: unknown): boolean {
  const code = sqlState(e);
  return code === '23505' || code === '40001' || code === '40P01';
}

/**
 * An error of a caller's callback (`change`, `decide`) on its way out of a transaction: rolled back, then rethrown as
 * the very error object, never turned into a StorageError (callers throw their HttpError from there).
 */
export class CallbackError {
  constructor(readonly error: unknown) {}
}

/** Runs a caller's callback, marking what it throws as the caller's own. */
export function callback<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    throw new CallbackError(e);
  }
}

/** Whatever failed in a store method, as the caller is to see it: its callback's error, or a StorageError. */
export function storeFailure(what: string, e: unknown): unknown {
  if (e instanceof CallbackError) return e.error;
  if (e instanceof StorageError) return e;
  return new StorageError(what, e, 'database');
}

/** Where the connection string points, for a message: host and port, never the user's password. */
export function describeServer(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    const host = decodeURIComponent(url.hostname) || url.searchParams.get('host') || 'localhost';
    const port = url.port || url.searchParams.get('port') || '5432';
    const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
    return `${host.includes(':') ? `[${host}]` : host}:${port}${database ? `, база «${database}»` : ''}`;
  } catch {
    return 'адрес из SVOD_DATABASE_URL';
  }
}

/** Why a connection failed, in words an administrator acts on; pg's own message (which never holds the password) else. */
function reason(e: unknown): string {
  switch (sqlState(e)) {
    case 'ECONNREFUSED':
      return 'сервер не принимает подключения (не запущен или слушает другой адрес/порт)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'такое имя хоста не найдено';
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'сервер не отвечает';
    case '28P01':
    case '28000':
      return 'неверное имя пользователя или пароль, или доступ с этого адреса запрещён (pg_hba.conf)';
    case '3D000':
      return 'такой базы данных нет';
    case '42501':
      return 'у пользователя нет прав на эту базу или схему';
    default: {
      const message = e instanceof Error ? e.message : String(e);
      return message === 'timeout expired' || /timeout/i.test(message) ? 'сервер не ответил вовремя' : message;
    }
  }
}

/** The server could not open the database: says where it tried and why, in Russian, without the password. */
export function openError(connectionString: string, e: unknown): Error {
  return new Error(`Не удалось подключиться к PostgreSQL (${describeServer(connectionString)}): ${reason(e)}.`, { cause: e });
}
