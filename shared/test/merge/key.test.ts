import { indicatorKey } from '../../src/merge';

describe('indicatorKey', () => {
  it('drops footnote marks, a leading number and a trailing «из них:»; case, ё and punctuation do not matter', () => {
    const key = 'доля школ в которых создана рабочая группа';
    expect(indicatorKey('Доля школ, в которых создана рабочая группа')).toBe(key);
    expect(indicatorKey('1.2. Доля школ, в которых создана рабочая группа ¹')).toBe(key);
    expect(indicatorKey('I. Доля школ, в которых создана рабочая группа²³')).toBe(key);
    expect(indicatorKey('3 Доля школ, в которых создана рабочая группа')).toBe(key);
    expect(indicatorKey('2) ДОЛЯ  школ,\nв которых создана рабочая группа, из них:')).toBe(key);
    expect(indicatorKey('Доля школ, в которых создана рабочая группа, в том числе:')).toBe(key);
    expect(indicatorKey('Количество учащихся, прошедших ещё раз')).toBe('количество учащихся прошедших еще раз');
  });

  it('is idempotent: a key given where a name is expected (the server passes template keys) stays the same key', () => {
    for (const name of ['1.2. Доля школ¹, из них:', '100% школ с программами', 'Качество обученности (ВПР, 5 класс) ²', 'I. Количество «школ-лидеров»']) {
      expect(indicatorKey(indicatorKey(name))).toBe(indicatorKey(name));
    }
  });

  it('keeps numbers that belong to the name', () => {
    expect(indicatorKey('Доля обучающихся, не справившихся с ВПР (5 класс)')).toBe('доля обучающихся не справившихся с впр 5 класс');
    expect(indicatorKey('100% школ с программами')).toBe('100% школ с программами');
  });
});

