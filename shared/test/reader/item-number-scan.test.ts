/**
 * The reader's scan for the usual item number (`12.3.`, `4`) must read exactly what the patterns read: compared here
 * with the patterns themselves, written out again, over generated cells.
 */
import { parseItemNumber } from '../../src/reader/numbering';

/** The pattern reading of an arabic number, as `parseItemNumber` had it before the scan. */
function byPattern(value: string): { raw: string; components: number[]; trailingDot: boolean } | null {
  const raw = /\s/.test(value) ? value.replace(/\s+/g, '') : value;
  if (raw === '') return null;
  const a = /^(\d{1,4}(?:\.\d{1,4})*)(\.?)$/.exec(raw);
  if (!a) return null;
  const components = a[1]!.split('.').map(Number);
  if (components.length === 1 && components[0] === 0) return null;
  return { raw, components, trailingDot: a[2] === '.' };
}

describe('the item number scan', () => {
  it('reads every generated digit-and-dot cell as the patterns do', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = ['0', '1', '2', '9', '.', '.', ' ', 'а', '\u00a0', '\u2003', 'x'];
    let numbers = 0;
    for (let n = 0; n < 20_000; n++) {
      const value = Array.from({ length: 1 + Math.floor(next() * 7) }, () => alphabet[Math.floor(next() * alphabet.length)]!).join('');
      const expected = byPattern(value);
      const got = parseItemNumber(value);
      if (expected) numbers++;
      expect(got && !got.roman ? { raw: got.raw, components: got.components, trailingDot: got.trailingDot } : null).toEqual(expected);
    }
    expect(numbers).toBeGreaterThan(1000);
  });

  it('reads the usual forms', () => {
    expect(parseItemNumber('12.3.')).toEqual({ raw: '12.3.', components: [12, 3], trailingDot: true, roman: false });
    expect(parseItemNumber('4')).toEqual({ raw: '4', components: [4], trailingDot: false, roman: false });
    expect(parseItemNumber('0')).toBeNull();
    expect(parseItemNumber('12345')).toBeNull();
    expect(parseItemNumber('\u2003 1.')).toEqual({ raw: '1.', components: [1], trailingDot: true, roman: false });
    expect(parseItemNumber('Раздел')).toBeNull();
  });
});
