import { compareNumbers, isPrefixOf, leadingNumber, parseItemNumber } from '../../src/reader/numbering';

describe('item numbers', () => {
  it.each([
    ['1.1', [1, 1], false],
    ['1.1.', [1, 1], true],
    ['1.1.1.', [1, 1, 1], true],
    ['16.2.', [16, 2], true],
    ['1.', [1], true],
    ['4', [4], false],
    ['\n3.2.6.', [3, 2, 6], true],
    ['I.', [1], true],
    ['IV', [4], false],
  ])('%j', (text, components, dot) => {
    const n = parseItemNumber(text)!;
    expect(n.components).toEqual(components);
    expect(n.trailingDot).toBe(dot);
  });

  it.each(['', 'п.1', '1а', 'СОШ 1', '0', '1 кластер'])('%j is not an item number', (text) => {
    expect(parseItemNumber(text)).toBeNull();
  });

  it('orders 1.10 after 1.9 and knows parents', () => {
    expect(compareNumbers(parseItemNumber('1.10')!, parseItemNumber('1.9')!)).toBeGreaterThan(0);
    expect(isPrefixOf(parseItemNumber('1.')!, parseItemNumber('1.2')!)).toBe(true);
    expect(isPrefixOf(parseItemNumber('1.1')!, parseItemNumber('1.10')!)).toBe(false);
  });

  it('finds the number of a numbered heading', () => {
    expect(leadingNumber('1. Трек 1. Адресная помощь')!.number.components).toEqual([1]);
    expect(leadingNumber('1.1. Организационные мероприятия')!.number.components).toEqual([1, 1]);
    expect(leadingNumber('II. Кадровое обеспечение')!.number.components).toEqual([2]);
    expect(leadingNumber('2023 г. план')).toBeNull();
    expect(leadingNumber('Организационные мероприятия')).toBeNull();
  });
});
