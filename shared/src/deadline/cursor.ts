/**
 * A position in a token list with the small look-ahead helpers the grammar needs.
 * Every `take…` either consumes what it matched or leaves the position where it was.
 */

import type { Token } from './tokens';

/** Phrases indexed by their first word, longest first, so a lookup is one map access. */
export class PhraseTable<T> {
  readonly byFirstWord = new Map<string, Array<readonly [readonly string[], T]>>();

  constructor(readonly entries: ReadonlyArray<readonly [readonly string[], T]>) {
    for (const entry of entries) {
      const first = entry[0][0] ?? '';
      const list = this.byFirstWord.get(first) ?? [];
      list.push(entry);
      this.byFirstWord.set(first, list);
    }
    for (const list of this.byFirstWord.values()) list.sort((a, b) => b[0].length - a[0].length);
  }
}

export class Cursor {
  i = 0;

  constructor(readonly tokens: readonly Token[]) {}

  get done(): boolean {
    return this.i >= this.tokens.length;
  }

  tok(k = 0): Token | undefined {
    return this.tokens[this.i + k];
  }

  /** The word at offset `k`, or '' when that token is not a word. */
  word(k = 0): string {
    const t = this.tokens[this.i + k];
    return t !== undefined && t.kind === 'word' ? t.s : '';
  }

  isPunct(p: string, k = 0): boolean {
    const t = this.tokens[this.i + k];
    return t !== undefined && t.kind === 'punct' && t.s === p;
  }

  num(k = 0): Token | undefined {
    const t = this.tokens[this.i + k];
    return t !== undefined && t.kind === 'num' ? t : undefined;
  }

  takePunct(p: string): boolean {
    if (!this.isPunct(p)) return false;
    this.i++;
    return true;
  }

  takeWord(w: string): boolean {
    if (this.word() !== w) return false;
    this.i++;
    return true;
  }

  /** Consumes the whole word sequence or nothing. */
  takeWords(words: readonly string[]): boolean {
    if (!this.startsWith(words)) return false;
    this.i += words.length;
    return true;
  }

  /** The word sequence starts here (nothing is consumed). */
  startsWith(words: readonly string[]): boolean {
    for (let k = 0; k < words.length; k++) if (this.word(k) !== words[k]) return false;
    return true;
  }

  /** The longest phrase of `table` that starts here, consumed; null when none does. */
  takeLongest<T>(table: PhraseTable<T>): T | null {
    const candidates = table.byFirstWord.get(this.word());
    if (candidates === undefined) return null;
    for (const [words, value] of candidates) {
      if (this.takeWords(words)) return value;
    }
    return null;
  }

  /** Text offset where the previous token ends. */
  prevEnd(): number {
    return this.tokens[this.i - 1]?.end ?? 0;
  }
}
