import { indicatorKey, matchIndicators, type IndicatorMapping } from '../../src/merge';

const k = (...names: string[]) => names.map((name) => ({ key: indicatorKey(name) }));
const merged = (template: number, how: string) => ({ outcome: 'merged', template, how });

describe('matchIndicators', () => {
  const template = k(
    'Доля обучающихся, не справившихся с выполнением ВПР по математике (5 класс)',
    'Доля обучающихся, не справившихся с выполнением ВПР по математике (6 класс)',
    'Качество обученности',
    'Степень обученности (успешности)',
  );

  it('pairs by the same name first: punctuation, case, spaces, ё/е, footnotes and a leading number do not matter', () => {
    const entries = k('СТЕПЕНЬ  обученности «успешности»', '1.1. Доля обучающихся, не справившихся с выполнением ВПР по математике (5 класс) ¹', 'Качество обучённости');
    expect(matchIndicators(entries, template)).toEqual([merged(3, 'exact'), merged(0, 'exact'), merged(2, 'exact')]);
  });

  it('pairs a long name misspelt by at most two letters when nothing else is as close', () => {
    const entries = k('Доля обучающихся, не справившихся с выполнением ВПР по матиматике (6 класс)');
    expect(matchIndicators(entries, template)).toEqual([merged(1, 'spelling')]);
  });

  it('never pairs names that differ in their numbers, however close, and says which template names are near', () => {
    const [m] = matchIndicators(k('Доля обучающихся, не справившихся с выполнением ВПР по математике (7 класс)'), template);
    expect(m).toEqual({ outcome: 'unmatched', candidates: [0, 1] });
  });

  it('does not pair a short name by letters: «Качество обучения» is another indicator', () => {
    expect(matchIndicators(k('Качество обучения'), template)).toEqual([{ outcome: 'unmatched', candidates: [2] }]);
  });

  it('pairs a name with one trailing word more or less (the Kamchatka 2.2 that lost «педагогов»)', () => {
    const full = 'Доля педагогических работников, прошедших повышение квалификации по дополнительным профессиональным программам, направленным на повышение профессиональной компетентности педагогов';
    const cut = full.replace(/ педагогов$/, '');
    expect(matchIndicators(k(full), k(cut))).toEqual([merged(0, 'trailing-word')]);
    expect(matchIndicators(k(cut), k(full))).toEqual([merged(0, 'trailing-word')]);
    // Two words are not one.
    expect(matchIndicators(k(`${full} и руководителей`), k(cut))[0]!.outcome).toBe('unmatched');
  });

  it('leaves it to the coordinator when two template indicators are about as close («базовый» and «профильный»)', () => {
    const levels = k('Доля обучающихся, получивших неудовлетворительный результат на ЕГЭ по математике (базовый уровень)', 'Доля обучающихся, получивших неудовлетворительный результат на ЕГЭ по математике (профильный уровень)');
    // The exact names go where they belong.
    expect(matchIndicators(levels, levels)).toEqual([merged(0, 'exact'), merged(1, 'exact')]);
    // A name without the level is near both, and goes to neither by itself.
    const [bare] = matchIndicators(k('Доля обучающихся, получивших неудовлетворительный результат на ЕГЭ по математике'), levels);
    expect(bare).toEqual({ outcome: 'unmatched', candidates: [0, 1] });
    // One trailing word off one of them, with the other a word away too: ambiguous.
    const near = k('Доля педагогов, прошедших курсы по математике', 'Доля педагогов, прошедших курсы по информатике');
    expect(matchIndicators(k('Доля педагогов, прошедших курсы по'), near)).toEqual([{ outcome: 'ambiguous', candidates: [0, 1] }]);
  });

  it('takes each template row at most once, the exact owner first; a second row for it is a duplicate', () => {
    const entries = k(
      'Доля обучающихся, не справившихся с выполнением ВПР по матиматике (5 класс)',
      'Доля обучающихся, не справившихся с выполнением ВПР по математике (5 класс)',
      'Качество обученности',
      'Качество обученности',
    );
    const out = matchIndicators(entries, template);
    expect(out[1]).toEqual(merged(0, 'exact'));
    expect(out[0]!.outcome).not.toBe('merged');
    expect(out.slice(2)).toEqual([merged(2, 'exact'), { outcome: 'duplicate', template: 2 }]);
  });

  it('pairs repeated template names in order', () => {
    const tpl = k('Для управленческих команд', 'Для управленческих команд');
    expect(matchIndicators(k('Для управленческих команд', 'Для управленческих команд', 'Для управленческих команд'), tpl)).toEqual([
      merged(0, 'exact'),
      merged(1, 'exact'),
      { outcome: 'duplicate', template: 0 },
    ]);
  });

  it('follows the coordinator’s mappings: a name to a template indicator, or out of the Свод', () => {
    const mappings: IndicatorMapping[] = [
      { from: indicatorKey('Качество обучения'), name: 'Качество обучения', to: indicatorKey('Качество обученности') },
      { from: indicatorKey('Собственный показатель района'), name: 'Собственный показатель района', to: null },
    ];
    expect(matchIndicators(k('Качество обучения', 'Собственный показатель района', 'Качество обученности'), template, { mappings })).toEqual([
      merged(2, 'mapped'),
      { outcome: 'ignored' },
      { outcome: 'duplicate', template: 2 },
    ]);
  });

  it('reads a row without a name as unnamed', () => {
    expect(matchIndicators([{ key: '' }], template)).toEqual([{ outcome: 'unnamed' }]);
  });
});
