import rule, { isUncheckable } from '../../../src/rules/quality/result-uncheckable';
import { ruleTester } from '../../rule-tester';

const row = (result: string, n = '1.') => [n, 'Проведение семинара', 'март 2023 г.', 'УО', result];

ruleTester(rule, {
  valid: [
    { name: 'a document, a number, a share', rows: [row('Протокол совещания'), row('не менее 90 % ОО', '2.'), row('приказ', '3.'), row('Аналитическая справка', '4.'), row('проведено 5 семинаров', '5.'), row('План', '6.')] },
    { name: 'what was done, concretely (seed 001)', rows: [row('куратор принял участие в вебинаре'), row('проведен анализ результатов ВПР', '2.')] },
    { name: 'an empty result is result-missing’s', rows: [row('')] },
  ],
  invalid: [
    {
      name: 'a bare verdict',
      rows: [row('Выполнено'), row('да', '2.'), row('+', '3.'), row('ok', '4.'), row('Проведено.', '5.')],
      errors: [
        { cell: 'E5', messageId: 'vague', data: { text: 'Выполнено' }, message: 'Результат «Выполнено» нельзя проверить: укажите документ, число, долю или дату.' },
        { cell: 'E6', messageId: 'vague', data: { text: 'да' } },
        { cell: 'E7', messageId: 'vague', data: { text: '+' } },
        { cell: 'E8', messageId: 'vague', data: { text: 'ok' } },
        { cell: 'E9', messageId: 'vague', data: { text: 'Проведено.' } },
      ],
    },
    {
      name: 'a deadline or a formula as the result (seed 004, 16.)',
      rows: [row('в течение года'), row('В соответствии с целями и задачами', '2.'), row('по плану', '3.')],
      errors: [
        { cell: 'E5', messageId: 'vague', data: { text: 'в течение года' } },
        { cell: 'E6', messageId: 'vague', data: { text: 'В соответствии с целями и задачами' } },
        { cell: 'E7', messageId: 'vague', data: { text: 'по плану' } },
      ],
    },
  ],
});

describe('isUncheckable', () => {
  it('needs every word to be vague, and no digit', () => {
    expect(isUncheckable('выполнено в полном объеме')).toBe(true);
    expect(isUncheckable('выполнено: 3 семинара')).toBe(false);
    expect(isUncheckable('утвержден план')).toBe(false);
  });
});
