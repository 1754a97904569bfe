/**
 * Splits a deadline text into number, word and punctuation tokens that remember where they came from,
 * so problems can quote the original fragment.
 */

export type TokenKind = 'num' | 'word' | 'punct';

export interface Token {
  kind: TokenKind;
  /** Lower case, ё → е; words may be corrected by the typo pass. */
  s: string;
  /** Offsets into the (whitespace-collapsed) text. */
  start: number;
  end: number;
  /** Whitespace precedes the token: `10..2021` differs from `10. .2021` only here. */
  gap: boolean;
}

/** Digits, letters (Latin for Roman numerals; і for a Ukrainian «І» typed as Roman one), or one other character. */
const TOKEN = /\d+|[a-zа-я\u0456]+|\S/g;
const HAS_LATIN = /[a-z]/;
const HAS_CYRILLIC = /[а-я]/;
const LATIN_LOOKALIKE = /[aceopxykmthb]/g;

/** Latin letters that look like Cyrillic ones; Word pastes mix them into Russian words («сeнтябрь»). */
const LOOKALIKES: Readonly<Record<string, string>> = {
  a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', k: 'к', m: 'м', t: 'т', h: 'н', b: 'в',
};

/** Lower case and ё → е without changing the length, so offsets in the key are offsets in the text. */
export function matchingKey(text: string): string {
  const lower = text.toLowerCase();
  const key = lower.length === text.length ? lower : Array.from(text, (ch) => (ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch)).join('');
  return key.includes('ё') ? key.replace(/ё/g, 'е') : key;
}

function normaliseWord(word: string): string {
  if (!HAS_LATIN.test(word)) return word.includes('\u0456') ? word.replace(/\u0456/g, 'i') : word;
  // A word in both scripts is a Russian word with lookalike Latin letters.
  return HAS_CYRILLIC.test(word) ? word.replace(LATIN_LOOKALIKE, (ch) => LOOKALIKES[ch] ?? ch) : word;
}

function kindOf(code: number): TokenKind {
  if (code >= 48 && code <= 57) return 'num';
  const letter = (code >= 97 && code <= 122) || (code >= 0x430 && code <= 0x44f) || code === 0x456;
  return letter ? 'word' : 'punct';
}

export function tokenize(key: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let prevEnd = 0;
  for (let m = TOKEN.exec(key); m !== null; m = TOKEN.exec(key)) {
    const s = m[0];
    const start = m.index;
    const kind = kindOf(s.charCodeAt(0));
    tokens.push({ kind, s: kind === 'word' ? normaliseWord(s) : s, start, end: start + s.length, gap: start > prevEnd });
    prevEnd = start + s.length;
  }
  return tokens;
}
