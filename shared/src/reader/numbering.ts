/**
 * Item numbers as officials write them: `1.1`, `1.1.`, `1.1.1.`, `1.`, `16.2.`, `4`, and section numbers that may be
 * Roman (`I.`, `II.`). Kept as components so that `1.10` sorts after `1.9`.
 */
export interface ItemNumber {
  /** As written, trimmed. */
  raw: string;
  components: number[];
  trailingDot: boolean;
  roman: boolean;
}

const ARABIC = /^(\d{1,4}(?:\.\d{1,4})*)(\.?)$/;
const ROMAN = /^([IVXLCivxlc]{1,7})(\.?)$/;
const ROMAN_VALUES: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };

function romanToNumber(text: string): number | null {
  let total = 0;
  const s = text.toLowerCase();
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN_VALUES[s[i]!]!;
    const next = i + 1 < s.length ? ROMAN_VALUES[s[i + 1]!]! : 0;
    total += v < next ? -v : v;
  }
  return total > 0 && total < 200 ? total : null;
}

/**
 * The usual cell, `12.3.` or `4`, read by a scan (the reader asks for every row of a sheet): the number, null for a
 * text that cannot be one (starts with a letter other than a Roman digit), undefined to leave it to the patterns.
 */
function plainArabic(value: string): ItemNumber | null | undefined {
  const n = value.length;
  if (n === 0) return null;
  const first = value.charCodeAt(0);
  if (first < 48 || first > 57) return first >= 0x400 && first <= 0x4ff ? null : undefined; // Cyrillic first: a text
  const components: number[] = [];
  let current = 0;
  let digits = 0;
  for (let i = 0; i < n; i++) {
    const code = value.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      if (++digits > 4) return undefined;
      current = current * 10 + (code - 48);
    } else if (code === 46 && digits > 0) {
      components.push(current);
      current = 0;
      digits = 0;
    } else return undefined;
  }
  const trailingDot = digits === 0;
  if (!trailingDot) components.push(current);
  if (components.length === 1 && components[0] === 0) return null;
  return { raw: value, components, trailingDot, roman: false };
}

/** Reads a cell that should hold only an item number; null when it holds anything else. */
export function parseItemNumber(value: unknown): ItemNumber | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) return null;
    // A number cell like 1.1 was typed as a number by Excel: its text is what the user sees.
    const raw = String(value);
    return parseItemNumber(raw);
  }
  if (typeof value !== 'string') return null;
  const plain = plainArabic(value);
  if (plain !== undefined) return plain;
  const raw = /\s/.test(value) ? value.replace(/\s+/g, '') : value;
  if (raw === '') return null;
  const a = ARABIC.exec(raw);
  if (a) {
    const components = a[1]!.split('.').map(Number);
    if (components.some((c) => c === 0 && components.length === 1)) return null;
    return { raw, components, trailingDot: a[2] === '.', roman: false };
  }
  const r = ROMAN.exec(raw);
  if (r) {
    const n = romanToNumber(r[1]!);
    if (n !== null) return { raw, components: [n], trailingDot: r[2] === '.', roman: true };
  }
  return null;
}

/** A heading that starts with its own number: `1. Нормативно-правовое …`, `I. Организационные …`, `1.1. Организационные мероприятия`, `1. Трек 1. …`. */
const LEADING_NUMBER = /^\s*((?:\d{1,3}\.)+\d{0,3}|\d{1,3}|[IVXLC]{1,6}\.?)\s+(?=\S)/;

export function leadingNumber(text: string): { number: ItemNumber; rest: string } | null {
  const m = LEADING_NUMBER.exec(text);
  if (!m) return null;
  const number = parseItemNumber(m[1]!);
  if (!number) return null;
  // "2023 г." or "100 %" are not numbered headings.
  if (!number.roman && number.components.length === 1 && !number.trailingDot && number.components[0]! > 99) return null;
  return { number, rest: text.slice(m[0].length) };
}

export function numberKey(n: ItemNumber): string {
  return n.components.join('.');
}

export function isPrefixOf(parent: ItemNumber, child: ItemNumber): boolean {
  if (parent.components.length >= child.components.length) return false;
  return parent.components.every((c, i) => child.components[i] === c);
}

export function compareNumbers(a: ItemNumber, b: ItemNumber): number {
  const n = Math.min(a.components.length, b.components.length);
  for (let i = 0; i < n; i++) {
    const d = a.components[i]! - b.components[i]!;
    if (d !== 0) return d;
  }
  return a.components.length - b.components.length;
}

export function formatNumber(components: number[], trailingDot: boolean): string {
  return components.join('.') + (trailingDot ? '.' : '');
}
