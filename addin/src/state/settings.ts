/**
 * The add-in's own settings: the server address, the tokens and the pane's switches. They live in the add-in's
 * `localStorage` (per user and per origin), never in the document: a token must not travel with the workbook.
 */

export type SettingKey = 'serverUrl' | 'municipalityToken' | 'coordinatorToken' | 'autoCheck' | 'allSheets';

export interface SettingsStore {
  get(key: SettingKey): string | null;
  /** `null` (or an empty string) removes the setting. */
  set(key: SettingKey, value: string | null): void;
}

/** The part of the Web Storage API the store needs. */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PREFIX = 'svod.';

/** Settings kept in memory only: tests, and a browser that refuses storage. */
export function memorySettings(initial: Partial<Record<SettingKey, string>> = {}): SettingsStore {
  const values = new Map<SettingKey, string>(Object.entries(initial) as Array<[SettingKey, string]>);
  return {
    get: (key) => values.get(key) ?? null,
    set: (key, value) => {
      if (value === null || value === '') values.delete(key);
      else values.set(key, value);
    },
  };
}

/**
 * Settings in Web Storage under `svod.*`. Storage can be switched off or full (private modes, locked-down Office):
 * then the values are kept in memory for this session and the pane still works.
 */
export function storageSettings(storage: StorageLike | null | undefined): SettingsStore {
  const fallback = memorySettings();
  if (!storage) return fallback;
  return {
    get(key) {
      try {
        return storage.getItem(PREFIX + key) ?? fallback.get(key);
      } catch {
        return fallback.get(key);
      }
    },
    set(key, value) {
      fallback.set(key, value);
      try {
        if (value === null || value === '') storage.removeItem(PREFIX + key);
        else storage.setItem(PREFIX + key, value);
      } catch {
        // Kept in memory only.
      }
    },
  };
}

/** `window.localStorage`, or null where touching it throws (a sandboxed frame). */
export function browserLocalStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function flag(store: SettingsStore, key: SettingKey): boolean {
  return store.get(key) === '1';
}

export function setFlag(store: SettingsStore, key: SettingKey, on: boolean): void {
  store.set(key, on ? '1' : null);
}
