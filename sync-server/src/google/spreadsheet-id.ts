/**
 * What the coordinator pastes to name a Google spreadsheet: its id, or the link from the browser's address bar
 * (`https://docs.google.com/spreadsheets/d/<id>/edit#gid=0`). Pure; the messages are for the coordinator.
 */
import { HttpError } from '../http/errors';

/** Google's spreadsheet ids: letters, digits, `-` and `_` (44 characters today; a range, in case that changes). */
const ID = /^[A-Za-z0-9_-]{20,128}$/;
const IN_URL = /\/spreadsheets\/(?:u\/\d+\/)?d\/([A-Za-z0-9_-]+)/;

export function parseSpreadsheetId(input: unknown, field = 'spreadsheet'): string {
  if (typeof input !== 'string' || input.trim() === '') {
    throw new HttpError(400, 'bad-spreadsheet', `Укажите Google Таблицу в поле «${field}»: её ссылку из адресной строки браузера или идентификатор.`);
  }
  const text = input.trim();
  if (text.length > 2000) throw new HttpError(400, 'bad-spreadsheet', 'Ссылка на Google Таблицу слишком длинная: скопируйте её из адресной строки браузера ещё раз.');
  if (ID.test(text)) return text;
  if (/^https?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new HttpError(400, 'bad-spreadsheet', 'Ссылка на Google Таблицу не распознана: скопируйте её из адресной строки браузера целиком.');
    }
    if (url.hostname !== 'docs.google.com') {
      throw new HttpError(400, 'bad-spreadsheet', 'Это ссылка не на Google Таблицу: нужна ссылка вида https://docs.google.com/spreadsheets/d/…/edit.');
    }
    if (/\/spreadsheets\/d\/e\//.test(url.pathname)) {
      throw new HttpError(
        400,
        'bad-spreadsheet',
        'Это ссылка на опубликованную в интернете копию таблицы, через неё таблицу не прочитать. Откройте саму таблицу и скопируйте ссылку из адресной строки браузера.',
      );
    }
    const m = IN_URL.exec(url.pathname);
    if (m && ID.test(m[1]!)) return m[1]!;
    throw new HttpError(400, 'bad-spreadsheet', 'В ссылке не найден идентификатор Google Таблицы: нужна ссылка вида https://docs.google.com/spreadsheets/d/…/edit.');
  }
  throw new HttpError(400, 'bad-spreadsheet', 'Это не ссылка на Google Таблицу и не её идентификатор: скопируйте ссылку из адресной строки браузера.');
}

/** The sheets to read, as the coordinator listed them; null or absent: every sheet. */
export function parseSheetNames(input: unknown): string[] | null {
  if (input === undefined || input === null) return null;
  if (!Array.isArray(input)) throw new HttpError(400, 'bad-sheets', 'Поле «sheets» — список названий листов, например ["Дорожная карта", "Показатели"], или null, чтобы читать все листы.');
  if (input.length === 0) return null;
  if (input.length > 50) throw new HttpError(400, 'bad-sheets', 'Укажите не больше 50 листов.');
  const out: string[] = [];
  const seen = new Set<string>();
  for (const name of input) {
    if (typeof name !== 'string' || name.trim() === '' || name.length > 100) {
      throw new HttpError(400, 'bad-sheets', 'Каждое название листа — непустой текст до 100 символов, как на ярлычке листа в Google Таблице.');
    }
    const key = name.toLowerCase();
    if (seen.has(key)) throw new HttpError(400, 'bad-sheets', `Лист «${name}» указан дважды.`);
    seen.add(key);
    out.push(name);
  }
  return out;
}

export function spreadsheetUrl(spreadsheetId: string): string {
  return `https://docs.google.com/spreadsheets/d/${spreadsheetId}/edit`;
}
