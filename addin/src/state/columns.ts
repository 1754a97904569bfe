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
  /**
   * The mapping a check must read with: waits for the document's setting and, once per server address and token,
   * asks the server for the municipality's (a server that does not answer is noted, and the check goes on without it).
   */
  resolve(): Promise<Columns | undefined>;
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

const keyOf = (access: ServerAccess | null) => (access ? `${access.baseUrl}\u0001${access.token}` : '');

export function useColumns(port: HostPort, api: ApiClient, access: ServerAccess | null): ColumnsStore {
  const settings = port.documentSettings;
  const [state, setState] = useState<ColumnsState>({ document: null, server: null, serverStatus: 'off', serverError: null, loaded: !settings, persistent: !!settings });
  const stateRef = useRef(state);
  stateRef.current = state;
  /** Applied to the ref at once too: a check right after a load must see it before React renders. */
  const patch = useCallback((p: Partial<ColumnsState>) => {
    stateRef.current = { ...stateRef.current, ...p };
    setState((s) => ({ ...s, ...p }));
  }, []);

  // The document's setting, read once (Excel has it loaded with the workbook, the Sheets page arrives with it).
  const documentLoad = useRef<Promise<void> | null>(null);
  const loadDocument = useCallback(() => {
    if (!settings) return Promise.resolve();
    documentLoad.current ??= settings.get('columns').then(
      (text) => patch({ document: parseRemembered(text), loaded: true }),
      // A host that cannot read its settings: checks go on without the mapping, which then lasts for this session.
      () => patch({ loaded: true, persistent: false }),
    );
    return documentLoad.current;
  }, [settings, patch]);
  useEffect(() => {
    void loadDocument();
  }, [loadDocument]);

  // The municipality's mapping: asked for at the first check (or save) after the address or the token changed, not
  // at every keystroke of the token field, and not again after a failure until one of them changes.
  const server = usableAccess(access);
  const serverRef = useRef(server);
  serverRef.current = server;
  const serverLoad = useRef<{ key: string; done: Promise<void> } | null>(null);
  const serverKey = keyOf(server);
  useEffect(() => {
    if (serverLoad.current && serverLoad.current.key !== serverKey) {
      serverLoad.current = null;
      patch({ server: null, serverStatus: 'off', serverError: null });
    }
  }, [serverKey, patch]);
  const loadServer = useCallback(() => {
    const current = serverRef.current;
    const key = keyOf(current);
    if (!current) return Promise.resolve();
    if (serverLoad.current?.key === key) return serverLoad.current.done;
    patch({ serverStatus: 'loading' });
    const done = api.municipalityColumns(current).then(
      (columns) => {
        if (serverLoad.current?.key === key) patch({ server: columns, serverStatus: 'ready', serverError: null });
      },
      (e: unknown) => {
        if (serverLoad.current?.key === key) patch({ server: null, serverStatus: 'error', serverError: errorText(e, 'Сопоставление столбцов муниципалитета не загрузилось с сервера.') });
      },
    );
    serverLoad.current = { key, done };
    return done;
  }, [api, patch]);

  const effective = useMemo(() => mergeColumns(state.server, state.document), [state.server, state.document]);

  const resolve = useCallback(async () => {
    await Promise.all([loadDocument(), loadServer()]);
    return mergeColumns(stateRef.current.server, stateRef.current.document);
  }, [loadDocument, loadServer]);

  /** Writes the workbook's and the municipality's new mappings; says what was kept where. */
  const store = useCallback(
    async (nextDocument: Columns | null, nextServer: (current: Columns) => Columns, done: Record<'document' | 'both' | 'session' | 'sessionAndServer', string>): Promise<SaveResult> => {
      // The municipality's other remembered headers must survive a save: know them first.
      await Promise.all([loadDocument(), loadServer()]);
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
      if (current && s.serverStatus === 'ready') {
        try {
          serverColumns = await api.saveMunicipalityColumns(current, nextServer(s.server ?? {}));
          savedOnServer = true;
        } catch (e) {
          problems.push(`На сервер не сохранено: ${errorText(e, 'сервер не ответил.')}`);
        }
      } else if (current && s.serverError) problems.push(`На сервер не сохранено: ${s.serverError}`);
      patch({ document: documentColumns, server: serverColumns, ...(savedOnServer ? { serverStatus: 'ready' as const, serverError: null } : {}) });
      const effectiveNow = mergeColumns(serverColumns, documentColumns);
      const where = !settings || !s.persistent ? (savedOnServer ? done.sessionAndServer : done.session) : savedOnServer ? done.both : done.document;
      return { effective: effectiveNow, text: [where, ...problems].join(' '), intent: problems.length ? 'warning' : 'success' };
    },
    [settings, api, patch, loadDocument, loadServer],
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

  return { state, effective, resolve, save, forget };
}
