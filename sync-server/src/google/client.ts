/**
 * The one place that talks to Google: a service-account JWT client (google-auth-library) and the Sheets API v4 client
 * (@googleapis/sheets) over it, with bounded retries, and every failure turned into a GoogleError in Russian.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { sheets as sheetsApi, type sheets_v4 } from '@googleapis/sheets';
import { JWT } from 'google-auth-library';
import { fromGoogleFailure, notConfigured, unreadableKey, type GoogleError } from './errors';

/** Google's token endpoint; google-auth-library posts there whatever the key file says, so a different `token_uri` is honoured by rewriting. */
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
/** Read the municipalities' sheets, write the regional one: nothing on Drive. */
const SCOPES = ['https://www.googleapis.com/auth/spreadsheets'];

export interface RetrySettings {
  /** Retries after the first attempt, for 429 and 5xx (and a request that got no answer). */
  retries: number;
  /** The first wait; each next one doubles, up to `maxDelayMs`. */
  delayMs: number;
  maxDelayMs: number;
}

export interface GoogleSettings {
  /** Path of the service account's JSON key (`SVOD_GOOGLE_CREDENTIALS`); null: Google Sheets are not set up. */
  credentialsFile: string | null;
  /** The Sheets API's root, `https://sheets.googleapis.com/` unless a test points it at its stand-in. */
  rootUrl?: string;
  retry: RetrySettings;
  /** Minutes between scheduled pulls (`SVOD_GOOGLE_PULL_MINUTES`); null: none. */
  pullMinutes: number | null;
}

export const DEFAULT_RETRY: RetrySettings = { retries: 4, delayMs: 1000, maxDelayMs: 16_000 };

export function googleSettingsFromEnv(env: Record<string, string | undefined>): GoogleSettings {
  const minutes = Number(env.SVOD_GOOGLE_PULL_MINUTES);
  return {
    credentialsFile: env.SVOD_GOOGLE_CREDENTIALS?.trim() || null,
    retry: DEFAULT_RETRY,
    pullMinutes: Number.isFinite(minutes) && minutes > 0 ? Math.max(1, minutes) : null,
  };
}

interface ServiceAccountKey {
  clientEmail: string;
  privateKey: string;
  privateKeyId?: string;
  tokenUri: string;
}

/** Parses the key file; a wrong file gets a message that says what is wrong with it, never its content. */
function parseKey(text: string, path: string): ServiceAccountKey {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw unreadableKey(path, 'не является файлом JSON');
  }
  const k = (json ?? {}) as Record<string, unknown>;
  if (k.type !== 'service_account' || typeof k.client_email !== 'string' || typeof k.private_key !== 'string') {
    throw unreadableKey(path, 'не похож на ключ сервисного аккаунта (нужны поля type: "service_account", client_email и private_key)');
  }
  const tokenUri = typeof k.token_uri === 'string' && k.token_uri !== '' ? k.token_uri : GOOGLE_TOKEN_URL;
  // The signed assertion goes there: never in clear text over the network (plain http only to this machine).
  let url: URL | null = null;
  try {
    url = new URL(tokenUri);
  } catch {
    url = null;
  }
  const local = url !== null && url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (!url || (url.protocol !== 'https:' && !local)) throw unreadableKey(path, 'указывает token_uri не на https-адрес; в ключе, скачанном из Google Cloud, это https://oauth2.googleapis.com/token');
  return { clientEmail: k.client_email, privateKey: k.private_key, ...(typeof k.private_key_id === 'string' ? { privateKeyId: k.private_key_id } : {}), tokenUri };
}

/** A connection to Google as the service account: the API client and what error messages need to name. */
export interface GoogleConnection {
  api: sheets_v4.Sheets;
  serviceAccount: string;
  tokenUri: string;
  /** Runs one API call and turns its failure into a GoogleError. */
  call<T>(spreadsheetId: string, access: 'read' | 'write', run: () => Promise<{ data: T }>): Promise<T>;
}

/**
 * Gives a connection per key: the key file is read on every use (so a corrected file works without a restart), the
 * client and its cached access token are kept while the file stays the same.
 */
export class GoogleGateway {
  private cached: { hash: string; connection: GoogleConnection } | null = null;

  constructor(readonly settings: GoogleSettings) {}

  async connect(): Promise<GoogleConnection> {
    const path = this.settings.credentialsFile;
    if (!path) throw notConfigured();
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw unreadableKey(path, code === 'ENOENT' ? 'не найден: файла по этому пути нет' : code === 'EACCES' ? 'не читается: у сервера нет прав на этот файл' : 'не читается');
    }
    const hash = createHash('sha256').update(text).digest('hex');
    if (this.cached?.hash === hash) return this.cached.connection;
    const connection = this.open(parseKey(text, path));
    this.cached = { hash, connection };
    return connection;
  }

  private open(key: ServiceAccountKey): GoogleConnection {
    const auth = new JWT({
      email: key.clientEmail,
      key: key.privateKey,
      ...(key.privateKeyId ? { keyId: key.privateKeyId } : {}),
      scopes: SCOPES,
      // Node's own fetch: gaxios would otherwise import node-fetch dynamically, which jest's VM cannot do.
      transporterOptions: { fetchImplementation: fetch },
    });
    if (key.tokenUri !== GOOGLE_TOKEN_URL) {
      const target = new URL(key.tokenUri);
      auth.transporter.interceptors.request.add({
        resolved: async (config) => {
          if (String(config.url) === GOOGLE_TOKEN_URL) config.url = target;
          return config;
        },
      });
    }
    const { retries, delayMs, maxDelayMs } = this.settings.retry;
    const api = sheetsApi({
      version: 'v4',
      // The Sheets client is typed against its own copy of google-auth-library; the JWT is the same class.
      auth: auth as unknown as sheets_v4.Options['auth'],
      ...(this.settings.rootUrl ? { rootUrl: this.settings.rootUrl } : {}),
      retryConfig: {
        retry: retries,
        retryDelay: delayMs,
        retryDelayMultiplier: 2,
        maxRetryDelay: maxDelayMs,
        noResponseRetries: Math.min(retries, 2),
        // A 429 or 5xx answer means the request was not carried out (or is safe to repeat: writes replace whole ranges).
        httpMethodsToRetry: ['GET', 'POST', 'PUT'],
        statusCodesToRetry: [
          [429, 429],
          [500, 599],
        ],
        // Exponential from `delayMs`, not gaxios's own seconds-based curve: the waits stay bounded and tests keep them tiny.
        retryBackoff: (err, _delay) => {
          const attempt = err.config.retryConfig?.currentRetryAttempt ?? 1;
          return new Promise<void>((ok) => setTimeout(ok, Math.min(maxDelayMs, delayMs * 2 ** Math.max(0, attempt - 1))));
        },
      },
    });
    const connection: GoogleConnection = {
      api,
      serviceAccount: key.clientEmail,
      tokenUri: key.tokenUri,
      async call<T>(spreadsheetId: string, access: 'read' | 'write', run: () => Promise<{ data: T }>): Promise<T> {
        try {
          return (await run()).data;
        } catch (e) {
          throw fromGoogleFailure(e, { serviceAccount: key.clientEmail, spreadsheetId, tokenUri: key.tokenUri, access }) satisfies GoogleError;
        }
      },
    };
    return connection;
  }
}
