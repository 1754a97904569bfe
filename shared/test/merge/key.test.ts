import { indicatorKey, keysMatch, matchToTemplate } from '../../src/merge';

const k = (...names: string[]) => names.map((key) => ({ key: indicatorKey(key) }));

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

describe('matchToTemplate', () => {
  const template = k(
    'Доля обучающихся, не справившихся с выполнением ВПР по математике (5 класс)',
    'Доля обучающихся, не справившихся с выполнением ВПР по математике (6 класс)',
    'Качество обученности',
    'Степень обученности (успешности)',
  );

  it('pairs by exact key first, then a long name misspelt by at most two letters', () => {
    const entries = k(
      'Степень обученности (успешности)',
      'Доля обучающихся, не справившихся с выполнением ВПР по матиматике (6 класс)', // one letter off
      '1.1. Доля обучающихся, не справившихся с выполнением ВПР по математике (5 класс) ¹',
      'Качество обучения', // a short name: exact only
      'Доля педагогов, прошедших курсы',
    );
    expect(matchToTemplate(entries, template)).toEqual([3, 1, 0, null, null]);
  });

  it('never pairs names that differ in their numbers, however close', () => {
    const entries = k('Доля обучающихся, не справившихся с выполнением ВПР по математике (7 класс)');
    expect(matchToTemplate(entries, template)).toEqual([null]);
    expect(keysMatch(template[0]!.key, template[1]!.key)).toBe(false);
  });

  it('takes each template row at most once, the exact owner first', () => {
    const entries = k(
      'Доля обучающихся, не справившихся с выполнением ВПР по матиматике (5 класс)',
      'Доля обучающихся, не справившихся с выполнением ВПР по математике (5 класс)',
    );
    expect(matchToTemplate(entries, template)).toEqual([null, 0]);
  });

  it('pairs repeated names in order', () => {
    const tpl = k('Для управленческих команд', 'Для управленческих команд');
    expect(matchToTemplate(k('Для управленческих команд', 'Для управленческих команд', 'Для управленческих команд'), tpl)).toEqual([0, 1, null]);
  });
});
