/** The sidebar's adapters over `google.script.run` that are not the port: settings and the API client's fetch. */
import type { FetchLike } from '../../src/api/client';
import { memorySettings, type SettingKey, type SettingsStore } from '../../src/state/settings';
import { debounce, type Debounced } from '../../src/state/schedule';
import type { Remote } from './gas';

/**
 * Settings held in memory for the pane and saved to the user's properties (never the document's). Typing into a field
 * changes a setting at every key: the save waits `delayMs` after the last change of that key, so a typed address is one
 * call, not one per character; `flush` saves what is waiting (the sidebar calls it when it is hidden).
 */
export function userSettings(remote: Remote, initial: Record<string, string>, delayMs = 600): SettingsStore & { flush(): void } {
  const memory = memorySettings(initial as Partial<Record<SettingKey, string>>);
  const waiting = new Map<SettingKey, Debounced>();
  const save = (key: SettingKey) => {
    waiting.delete(key);
    // Kept for this session when saving fails; the next change tries again.
    remote.svodSaveSetting(key, memory.get(key)).catch(() => undefined);
  };
  return {
    get: (key) => memory.get(key),
    set(key, value) {
      memory.set(key, value);
      let later = waiting.get(key);
      if (!later) waiting.set(key, (later = debounce(() => save(key), delayMs)));
      later.trigger();
    },
    flush() {
      for (const [key, later] of [...waiting]) {
        later.cancel();
        save(key);
      }
    },
  };
}

function base64Bytes(base64: string): ArrayBuffer {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

/** The API client's `fetch`, through `svodFetch` (UrlFetchApp): a sidebar page cannot reach another origin itself. */
export function scriptFetch(remote: Remote): FetchLike {
  return async (input, init = {}) => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => (headers[key] = value));
    const method = (init.method ?? 'GET').toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'patch';
    const result = await remote.svodFetch({ url: input, method, headers, ...(typeof init.body === 'string' ? { body: init.body } : {}) });
    if (result.error) {
      // No answer at all: Google's side says why, as the server would (the client shows `error.message`).
      return new Response(JSON.stringify({ error: { code: 'no-answer', message: result.error } }), { status: 502, headers: { 'content-type': 'application/json' } });
    }
    const empty = result.status === 204 || result.status === 205 || result.status === 304;
    const body = empty ? null : result.base64 !== undefined ? base64Bytes(result.base64) : (result.text ?? '');
    return new Response(body, { status: result.status, headers: result.headers });
  };
}
