/**
 * What the add-on keeps in `PropertiesService`: the highlight snapshot in the document's properties (so a reopened
 * sidebar, or another person's, can still restore), chunked under the 9 KB per-value limit; the pane's settings
 * (server address, tokens, switches) in the user's own properties, never in the document or the script.
 */
import { HIGHLIGHT_SETTING, parseSnapshot, type HighlightSnapshot } from '../../src/host/highlight';

type Properties = GoogleAppsScript.Properties.Properties;

/** Characters per chunk: at most 3 UTF-8 bytes each (Cyrillic is 2), under the 9 KB a value may hold. */
export const CHUNK_CHARS = 2800;
/** The document's properties hold 500 KB in all; a highlight must leave room for the rest. */
export const MAX_SNAPSHOT_CHARS = 120_000;

const chunkKey = (i: number) => `${HIGHLIGHT_SETTING}.${i}`;

export function loadSnapshot(props: Properties): HighlightSnapshot | null {
  const all = props.getProperties();
  const count = Number(all[HIGHLIGHT_SETTING]);
  if (!Number.isInteger(count) || count <= 0) return null;
  let text = '';
  for (let i = 0; i < count; i++) {
    const part = all[chunkKey(i)];
    if (part === undefined) return null;
    text += part;
  }
  return parseSnapshot(text);
}

export function snapshotText(snapshot: HighlightSnapshot): string {
  return JSON.stringify(snapshot);
}

export function tooLarge(text: string): Error | null {
  return text.length > MAX_SNAPSHOT_CHARS
    ? new Error('Слишком много ячеек, чтобы подсветить их все и потом точно восстановить. Скройте часть замечаний фильтром (например, сведения) и подсветите снова.')
    : null;
}

/** Writes the snapshot (or removes it, for null) in one `setProperties`, then drops chunks the old one had beyond it. */
export function saveSnapshot(props: Properties, snapshot: HighlightSnapshot | null): void {
  const old = Number(props.getProperty(HIGHLIGHT_SETTING)) || 0;
  let count = 0;
  if (snapshot && snapshot.cells.length > 0) {
    const text = snapshotText(snapshot);
    const values: Record<string, string> = {};
    for (let i = 0; i * CHUNK_CHARS < text.length; i++) values[chunkKey(i)] = text.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS);
    count = Object.keys(values).length;
    values[HIGHLIGHT_SETTING] = String(count);
    props.setProperties(values);
  } else props.deleteProperty(HIGHLIGHT_SETTING);
  for (let i = count; i < old; i++) props.deleteProperty(chunkKey(i));
}

/** The pane's setting keys (`SettingKey` of addin/src/state/settings.ts) under the user's properties. */
export const SETTING_KEYS = ['serverUrl', 'municipalityToken', 'coordinatorToken', 'autoCheck', 'allSheets'] as const;
const SETTING_PREFIX = 'svod.';

export function loadSettings(): Record<string, string> {
  const all = PropertiesService.getUserProperties().getProperties();
  const out: Record<string, string> = {};
  for (const key of SETTING_KEYS) {
    const value = all[SETTING_PREFIX + key];
    if (typeof value === 'string' && value !== '') out[key] = value;
  }
  return out;
}

export function svodSaveSetting(key: string, value: string | null): void {
  if (!(SETTING_KEYS as readonly string[]).includes(key)) throw new Error('Такой настройки у Svod нет: обновите надстройку.');
  const props = PropertiesService.getUserProperties();
  if (value === null || value === '') props.deleteProperty(SETTING_PREFIX + key);
  else props.setProperty(SETTING_PREFIX + key, value.slice(0, 4000));
}

/** The pane's document settings (`DocumentSettingKey` of addin/src/host/port.ts) under the document's properties. */
export const DOCUMENT_KEYS = ['columns'] as const;
/** One property value holds 9 KB; a mapping is far smaller, and a bigger one is refused rather than cut. */
export const MAX_DOCUMENT_SETTING_CHARS = 8000;

export function loadDocumentSettings(): Record<string, string> {
  const all = PropertiesService.getDocumentProperties().getProperties();
  const out: Record<string, string> = {};
  for (const key of DOCUMENT_KEYS) {
    const value = all[SETTING_PREFIX + key];
    if (typeof value === 'string' && value !== '') out[key] = value;
  }
  return out;
}

export function svodSaveDocumentSetting(key: string, value: string | null): void {
  if (!(DOCUMENT_KEYS as readonly string[]).includes(key)) throw new Error('Такой настройки документа у Svod нет: обновите надстройку.');
  if (value !== null && value.length > MAX_DOCUMENT_SETTING_CHARS) throw new Error('Сопоставление столбцов слишком большое, чтобы сохранить его в таблице: уберите лишние столбцы.');
  const props = PropertiesService.getDocumentProperties();
  if (value === null || value === '') props.deleteProperty(SETTING_PREFIX + key);
  else props.setProperty(SETTING_PREFIX + key, value);
}
