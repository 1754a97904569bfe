/**
 * The Excel adapter's document settings (issue #11): the remembered column mapping in `Office.context.document.settings`,
 * saved with one `saveAsync`; a host without settings, or a failed save, is a Russian sentence.
 */
import { createDocumentSettings } from '../../src/office/settings';

type Callback = (result: { status: string }) => void;

function installOffice(settings: unknown): () => void {
  const g = globalThis as Record<string, unknown>;
  const before = g.Office;
  g.Office = { context: { document: { settings } }, AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' } };
  return () => {
    g.Office = before;
  };
}

function fakeSettings(saveStatus = 'succeeded') {
  const values = new Map<string, unknown>();
  const saved: Array<Record<string, unknown>> = [];
  return {
    values,
    saved,
    get: (name: string) => (values.has(name) ? values.get(name) : null),
    set: (name: string, value: unknown) => void values.set(name, value),
    remove: (name: string) => void values.delete(name),
    saveAsync: (callback: Callback) => {
      saved.push(Object.fromEntries(values));
      setTimeout(() => callback({ status: saveStatus }), 0);
    },
  };
}

describe('document settings in Excel', () => {
  let restore: () => void = () => undefined;
  afterEach(() => restore());

  it('keeps a value under svod.* in the workbook and saves it once per change', async () => {
    const s = fakeSettings();
    restore = installOffice(s);
    const settings = createDocumentSettings();
    expect(await settings.get('columns')).toBeNull();
    await settings.set('columns', '{"Что делаем":"activity"}');
    expect(s.saved).toEqual([{ 'svod.columns': '{"Что делаем":"activity"}' }]);
    expect(await settings.get('columns')).toBe('{"Что делаем":"activity"}');
    await settings.set('columns', null);
    expect(s.saved).toEqual([{ 'svod.columns': '{"Что делаем":"activity"}' }, {}]);
    expect(await settings.get('columns')).toBeNull();
  });

  it('a value that is not text (set by something else) reads as none', async () => {
    const s = fakeSettings();
    s.values.set('svod.columns', { not: 'text' });
    restore = installOffice(s);
    expect(await createDocumentSettings().get('columns')).toBeNull();
  });

  it('says in Russian when the save fails or the host keeps no settings', async () => {
    restore = installOffice(fakeSettings('failed'));
    await expect(createDocumentSettings().set('columns', '{}')).rejects.toThrow(/Не удалось сохранить настройку в книге/);
    restore();
    restore = installOffice(undefined);
    await expect(createDocumentSettings().get('columns')).rejects.toThrow(/не даёт панели хранить настройки/);
  });
});
