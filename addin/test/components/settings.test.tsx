/** The add-in's settings: in localStorage under svod.*, in memory when storage is refused. */
import { flag, memorySettings, setFlag, storageSettings, type StorageLike } from '../../src/state/settings';

function fakeStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('settings', () => {
  it('keeps values in storage under svod.*, and removes empty ones', () => {
    const storage = fakeStorage();
    const settings = storageSettings(storage);
    settings.set('serverUrl', 'https://svod.example.ru');
    settings.set('municipalityToken', 'svod_abc');
    expect([...storage.data]).toEqual([
      ['svod.serverUrl', 'https://svod.example.ru'],
      ['svod.municipalityToken', 'svod_abc'],
    ]);
    // A new pane (a new store over the same storage) sees them.
    expect(storageSettings(storage).get('municipalityToken')).toBe('svod_abc');
    settings.set('municipalityToken', '');
    expect(storage.data.has('svod.municipalityToken')).toBe(false);
    expect(settings.get('municipalityToken')).toBeNull();
  });

  it('falls back to memory when storage throws (a locked-down browser)', () => {
    const refusing: StorageLike = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const settings = storageSettings(refusing);
    settings.set('coordinatorToken', 'svod_coord');
    expect(settings.get('coordinatorToken')).toBe('svod_coord');
    settings.set('coordinatorToken', null);
    expect(settings.get('coordinatorToken')).toBeNull();
    expect(storageSettings(null).get('serverUrl')).toBeNull();
  });

  it('stores switches as flags', () => {
    const settings = memorySettings({ autoCheck: '1' });
    expect(flag(settings, 'autoCheck')).toBe(true);
    expect(flag(settings, 'allSheets')).toBe(false);
    setFlag(settings, 'autoCheck', false);
    setFlag(settings, 'allSheets', true);
    expect([settings.get('autoCheck'), settings.get('allSheets')]).toEqual([null, '1']);
  });
});
