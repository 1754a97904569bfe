/**
 * The remembered column mappings (issue #11): this workbook's, kept in the document's own settings through the port
 * (it travels with the workbook; nothing secret is in it), and the municipality's on the server when the pane has a
 * municipality token. Every check reads with both merged, the workbook's winning.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { mergeColumns, parseColumns, updatedColumns, type ColumnChoices, type ColumnRole } from '@svod/shared';
import type { ApiClient, ServerAccess } from '../api/client';
import { normalizeServerUrl } from '../api/client';
import type { HostPort } from '../host/port';
import { errorText } from './errors';

export type Columns = Record<string, ColumnRole>;

/** Far above any real table's header, and under the 9 KB a Google document property holds. */
export const MAX_COLUMNS_TEXT = 8000;

/** The stored text as a mapping: anything unreadable (a hand-edited setting, an older add-in) is dropped, never fatal. */
export function parseRemembered(text: string | null): Columns | null {
  if (!text) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  return parseColumns(json, []) ?? null;
}

/** The text kept in the document; null (the setting removed) for an empty mapping. */
export function rememberedText(columns: Columns | null | undefined): string | null {
  if (!columns || Object.keys(columns).length === 0) return null;
  const text = JSON.stringify(columns);
  if (text.length > MAX_COLUMNS_TEXT) throw new Error('Сопоставление столбцов слишком большое, чтобы сохранить его в книге: уберите лишние столбцы.');
  return text;
}

export type ServerState = 'off' | 'loading' | 'ready' | 'error';

export interface ColumnsState {
  /** This workbook's mapping (null: none). */
  document: Columns | null;
  /** The municipality's mapping on the server (null: not connected or not loaded). */
  server: Columns | null;
  serverStatus: ServerState;
  /** Why the server's mapping could not be loaded or saved, in Russian. */
  serverError: string | null;
  /** The document's setting has been read (the first check waits for it). */
  loaded: boolean;
  /** False where the host keeps no document settings: the mapping lasts for this session only. */
  persistent: boolean;
}

export interface SaveResult {
  /** The mapping every check now reads with. */
  effective: Columns | undefined;
  /** What happened, in Russian: where it was saved, and what could not be. */
  text: string;
  intent: 'success' | 'warning';
}

export interface ColumnsStore {
  state: ColumnsState;
  /** The merged mapping for the checks: the municipality's, then this workbook's. */
  effective: Columns | undefined;
  /** Saves the step's choices: the headers it showed are decided by them, other remembered headers stay. */
  save(choices: ColumnChoices): Promise<SaveResult>;
  /** Forgets the workbook's mapping and, when connected, the municipality's. */
  forget(): Promise<SaveResult>;
}

/** The server to use, or null: no token, or an address that is not one. */
function usableAccess(access: ServerAccess | null): ServerAccess | null {
  if (!access || !access.token.trim() || !normalizeServerUrl(access.baseUrl)) return null;
  return access;
}

/** How long the token and address must stay unchanged before the municipality's mapping is asked for. */
const SERVER_DELAY_MS = 600;

export function useColumns(port: HostPort, api: ApiClient, access: ServerAccess | null): ColumnsStore {
  const settings = port.documentSettings;
  const [state, setState] = useState<ColumnsState>({ document: null, server: null, serverStatus: 'off', serverError: null, loaded: !settings, persistent: !!settings });
  const stateRef = useRef(state);
  stateRef.current = state;
  const patch = useCallback((p: Partial<ColumnsState>) => setState((s) => ({ ...s, ...p })), []);

  useEffect(() => {
    if (!settings) return;
    let alive = true;
    settings.get('columns').then(
      (text) => alive && patch({ document: parseRemembered(text), loaded: true }),
      // A host that cannot read its settings: checks go on without the mapping, which then lasts for this session.
      () => alive && patch({ loaded: true, persistent: false }),
    );
    return () => {
      alive = false;
    };
  }, [settings, patch]);

  const server = usableAccess(access);
  const serverKey = server ? `${server.baseUrl}\u0001${server.token}` : '';
  const serverRef = useRef(server);
  serverRef.current = server;
  useEffect(() => {
    const current = serverRef.current;
    if (!current) {
      patch({ server: null, serverStatus: 'off', serverError: null });
      return;
    }
    let alive = true;
    const timer = setTimeout(() => {
      patch({ serverStatus: 'loading' });
      api.municipalityColumns(current).then(
        (columns) => alive && patch({ server: columns, serverStatus: 'ready', serverError: null }),
        (e: unknown) => alive && patch({ server: null, serverStatus: 'error', serverError: errorText(e, 'Сопоставление столбцов муниципалитета не загрузилось с сервера.') }),
      );
    }, SERVER_DELAY_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [serverKey, api, patch]);

  const effective = useMemo(() => mergeColumns(state.server, state.document), [state.server, state.document]);

  /** Writes the workbook's and the municipality's new mappings; says what was kept where. */
  const store = useCallback(
    async (nextDocument: Columns | null, nextServer: (current: Columns) => Columns, done: Record<'document' | 'both' | 'session' | 'sessionAndServer', string>): Promise<SaveResult> => {
      const s = stateRef.current;
      const problems: string[] = [];
      let documentColumns = nextDocument && Object.keys(nextDocument).length ? nextDocument : null;
      if (settings && s.persistent) {
        try {
          await settings.set('columns', rememberedText(documentColumns));
        } catch (e) {
          problems.push(errorText(e, 'Не удалось сохранить сопоставление в книге.'));
          documentColumns = s.document;
        }
      }
      let serverColumns = s.server;
      const current = serverRef.current;
      let savedOnServer = false;
      if (current) {
        try {
          serverColumns = await api.saveMunicipalityColumns(current, nextServer(s.server ?? {}));
          savedOnServer = true;
        } catch (e) {
          problems.push(`На сервер не сохранено: ${errorText(e, 'сервер не ответил.')}`);
        }
      }
      patch({ document: documentColumns, server: serverColumns, ...(savedOnServer ? { serverStatus: 'ready' as const, serverError: null } : {}) });
      const effectiveNow = mergeColumns(serverColumns, documentColumns);
      const where = !settings || !s.persistent ? (savedOnServer ? done.sessionAndServer : done.session) : savedOnServer ? done.both : done.document;
      return { effective: effectiveNow, text: [where, ...problems].join(' '), intent: problems.length ? 'warning' : 'success' };
    },
    [settings, api, patch],
  );

  const save = useCallback(
    (choices: ColumnChoices) =>
      store(updatedColumns(stateRef.current.document, choices), (current) => updatedColumns(current, choices), {
        document: 'Сопоставление столбцов запомнено в этой книге.',
        both: 'Сопоставление столбцов запомнено в этой книге и на сервере для вашего муниципалитета.',
        session: 'Сопоставление столбцов действует до закрытия панели: эта книга не хранит настроек Svod.',
        sessionAndServer: 'Сопоставление столбцов запомнено на сервере для вашего муниципалитета (в самой книге настроек Svod не хранится).',
      }),
    [store],
  );

  const forget = useCallback(
    () =>
      store(null, () => ({}), {
        document: 'Сопоставление столбцов забыто в этой книге.',
        both: 'Сопоставление столбцов забыто в этой книге и на сервере.',
        session: 'Сопоставление столбцов забыто.',
        sessionAndServer: 'Сопоставление столбцов забыто, и на сервере тоже.',
      }),
    [store],
  );

  return { state, effective, save, forget };
}
