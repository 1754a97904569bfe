/**
 * The document's own settings over the Office common API (`Office.context.document.settings`, requirement set
 * Settings 1.1): kept inside the workbook, so a column mapping travels with it. `get` reads what Office loaded with
 * the document (no round trip); `set` writes and calls `saveAsync`, one round trip. Excel keeps them in the file
 * when the workbook itself is saved.
 */
import type { DocumentSettingKey, DocumentSettings } from '../host/port';

const PREFIX = 'svod.';

function settings(): Office.Settings {
  const s = typeof Office === 'undefined' ? undefined : Office.context?.document?.settings;
  if (!s) throw new Error('Excel не даёт панели хранить настройки в этой книге: сопоставление столбцов запомнится только до закрытия панели.');
  return s;
}

export function createDocumentSettings(): DocumentSettings {
  return {
    async get(key: DocumentSettingKey) {
      const value: unknown = settings().get(PREFIX + key);
      return typeof value === 'string' ? value : null;
    },
    async set(key: DocumentSettingKey, value: string | null) {
      const s = settings();
      if (value === null) s.remove(PREFIX + key);
      else s.set(PREFIX + key, value);
      await new Promise<void>((resolve, reject) => {
        s.saveAsync((result) => {
          if (result.status === Office.AsyncResultStatus.Succeeded) resolve();
          else reject(new Error('Не удалось сохранить настройку в книге: повторите или сохраните книгу и откройте панель снова.'));
        });
      });
    },
  };
}
