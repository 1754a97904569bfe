/**
 * Text normalisation shared by the table reader and the deadline parser.
 * Word-to-Excel pastes bring non-breaking spaces, soft hyphens, three kinds of dash, ё/е and stray markup;
 * matching must not care about any of them.
 */

const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const SPACES = /[\u00A0\u2000-\u200A\u202F\u205F\u3000\t]/g;
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/** Unifies dashes to `-`, spaces to ` `, drops invisible characters; keeps case and line breaks. */
export function unifyCharacters(text: string): string {
  return text.replace(INVISIBLE, '').replace(DASHES, '-').replace(SPACES, ' ').replace(/\r\n?/g, '\n');
}

/** Whitespace other than a plain space: tabs, line breaks, non-breaking and typographic spaces. */
function isOtherSpace(code: number): boolean {
  return (code >= 9 && code <= 13) || code === 0xa0 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** True when the text has single plain spaces only, none at either end: what most cells already are. */
export function isCollapsed(text: string): boolean {
  const n = text.length;
  if (n === 0) return true;
  if (text.charCodeAt(0) === 32 || text.charCodeAt(n - 1) === 32) return false;
  let previousSpace = false;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code === 32) {
      if (previousSpace) return false;
      previousSpace = true;
    } else if (code < 33 || code === 0xa0 || code >= 0x2000) {
      if (isOtherSpace(code)) return false;
      previousSpace = false;
    } else previousSpace = false;
  }
  return true;
}

/** Collapses every run of whitespace (line breaks included) to one space and trims. */
export function collapseWhitespace(text: string): string {
  // Most cells are already tidy: a scan is cheaper than rebuilding the string.
  return isCollapsed(text) ? text : text.replace(/\s+/g, ' ').trim();
}

const keyCache = new Map<string, string>();
const KEY_CACHE_LIMIT = 50_000;

/**
 * The key used to compare header texts and names: lower case, ё→е, one space, no punctuation noise.
 * Memoised: the same header and executor texts come back on every row.
 */
export function matchKey(text: string): string {
  const hit = keyCache.get(text);
  if (hit !== undefined) return hit;
  const key = computeMatchKey(text);
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
  keyCache.set(text, key);
  return key;
}

function computeMatchKey(text: string): string {
  return collapseWhitespace(
    unifyCharacters(text)
      .toLowerCase()
      .replace(/ё/g, 'е')
      // "Наимено-\nвание" and "Наимено- вание": hyphenation from narrow Word columns.
      .replace(/([а-я])-\s*\n\s*([а-я])/g, '$1$2')
      .replace(/[«»"“”„'`’()[\]{}:;,.!?*№#/\\|_]+/g, ' ')
      .replace(/-/g, ' '),
  );
}

/** Plain text of a cell value for matching (numbers and dates become their display text). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const d = String(value.getUTCDate()).padStart(2, '0');
    const m = String(value.getUTCMonth() + 1).padStart(2, '0');
    return `${d}.${m}.${value.getUTCFullYear()}`;
  }
  return String(value);
}
