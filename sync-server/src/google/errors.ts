/**
 * What goes wrong between Svod and Google, as answers the coordinator can act on. The global error handler shows
 * only 4xx messages (a 5xx is a server fault there), so the Google router answers these itself, whatever the status.
 */
import { HttpError } from '../http/errors';

export class GoogleError extends HttpError {
  constructor(
    status: number,
    code: string,
    message: string,
    /** What Google said, for the log only. */
    readonly detail?: string,
    /** Seconds, for `Retry-After`. */
    readonly retryAfter?: number,
  ) {
    super(status, code, message);
    this.name = 'GoogleError';
  }
}

export const CREDENTIALS_VARIABLE = 'SVOD_GOOGLE_CREDENTIALS';

const HOW_TO_CONFIGURE =
  'Создайте сервисный аккаунт в Google Cloud (включите для проекта Google Sheets API), скачайте его ключ в формате JSON, ' +
  `укажите путь к файлу ключа в переменной окружения ${CREDENTIALS_VARIABLE} и перезапустите сервер Svod.`;

export function notConfigured(): GoogleError {
  return new GoogleError(503, 'google-not-configured', `Работа с Google Таблицами не настроена: на сервере не указан ключ сервисного аккаунта Google. ${HOW_TO_CONFIGURE}`);
}

export function unreadableKey(path: string, why: string): GoogleError {
  return new GoogleError(503, 'google-credentials-unreadable', `Ключ сервисного аккаунта Google (${CREDENTIALS_VARIABLE}=${path}) ${why}. ${HOW_TO_CONFIGURE}`);
}

/** What Gaxios puts on a failed request: the response, if there was one, and the request's URL. */
interface FailedRequest {
  status?: number;
  code?: string | number;
  message?: string;
  config?: { url?: string | URL };
  response?: { status?: number; data?: unknown; headers?: unknown };
}

export interface FailureContext {
  serviceAccount: string;
  spreadsheetId: string;
  tokenUri: string;
  /** Publishing writes, pulling reads: the access the coordinator has to give. */
  access: 'read' | 'write';
}

/** A failure of the Sheets API or of the token endpoint (after the retries), as a GoogleError. */
export function fromGoogleFailure(error: unknown, ctx: FailureContext): GoogleError {
  if (error instanceof GoogleError) return error;
  const e = (error ?? {}) as FailedRequest;
  const status = e.response?.status ?? (typeof e.status === 'number' ? e.status : undefined);
  const data = e.response?.data as { error?: unknown; error_description?: unknown } | undefined;
  const apiError = data && typeof data.error === 'object' && data.error ? (data.error as { message?: unknown; status?: unknown }) : null;
  const detail = [status, apiError?.status, apiError?.message ?? data?.error, data?.error_description ?? e.message].filter((x) => x !== undefined && x !== '').join(' ');
  const url = String(e.config?.url ?? '');
  const fromTokenEndpoint = url !== '' && url.split('?')[0] === ctx.tokenUri.split('?')[0];
  const sheet = `Google Таблица ${ctx.spreadsheetId}`;

  if (status === undefined) {
    return new GoogleError(
      502,
      'google-unreachable',
      'Не удалось связаться с Google: сервер Svod не получил ответа. Проверьте, что у сервера есть доступ в интернет к googleapis.com, и повторите.',
      detail,
      60,
    );
  }
  if (fromTokenEndpoint || status === 401) {
    return new GoogleError(
      503,
      'google-credentials-rejected',
      `Google не принял ключ сервисного аккаунта ${ctx.serviceAccount}: ключ удалён или отозван, либо аккаунт отключён. ` +
        `Создайте для аккаунта новый ключ JSON в Google Cloud, укажите путь к нему в ${CREDENTIALS_VARIABLE} и перезапустите сервер Svod.`,
      detail,
    );
  }
  if (status === 403) {
    const role = ctx.access === 'write' ? 'редактор' : 'читатель';
    const disabled = typeof apiError?.message === 'string' && /has not been used|is disabled|SERVICE_DISABLED/i.test(apiError.message);
    if (disabled) {
      return new GoogleError(403, 'google-api-disabled', 'В проекте Google Cloud сервисного аккаунта выключен Google Sheets API. Включите его (APIs & Services → Library → Google Sheets API) и повторите через несколько минут.', detail);
    }
    return new GoogleError(
      403,
      'google-no-access',
      `У Svod нет доступа к таблице ${ctx.spreadsheetId}. Откройте доступ для ${ctx.serviceAccount}: в таблице «Настройки доступа» добавьте этот адрес с ролью «${role}» и повторите.`,
      detail,
    );
  }
  if (status === 404) {
    return new GoogleError(404, 'google-not-found', `${sheet} не найдена: проверьте ссылку или идентификатор. Если таблицу удалили, зарегистрируйте новую.`, detail);
  }
  if (status === 429) {
    return new GoogleError(429, 'google-quota', 'Google ограничил число запросов к таблицам (квота Google Sheets API). Подождите минуту и повторите.', detail, 60);
  }
  if (status >= 500) {
    return new GoogleError(502, 'google-unavailable', 'Google Таблицы сейчас не отвечают (ошибка на стороне Google). Повторите через несколько минут.', detail, 60);
  }
  const said = typeof apiError?.message === 'string' ? ` Google ответил: «${apiError.message.slice(0, 300)}».` : '';
  return new GoogleError(422, 'google-refused', `Google отклонил запрос к таблице ${ctx.spreadsheetId}.${said} Проверьте таблицу и повторите.`, detail);
}
