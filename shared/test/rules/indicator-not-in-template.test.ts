import rule from '../../src/rules/indicators/indicator-not-in-template';
import { indicatorKey } from '../../src/merge/key';
import { ruleTester } from '../rule-tester';

/** Names from the Kamchatka template (seed 000). */
const TEMPLATE = {
  indicators: [
    'Доля обучающихся, получивших неудовлетворительный результат на ЕГЭ по математике (базовый уровень) ¹',
    'Доля обучающихся, не справившихся с выполнением ВПР по математике (5 класс)',
    'Количество разработанных дополнительных профессиональных программ повышения квалификации',
    'Качество обученности',
  ],
};

const ILANSKY_HEADER = ['ПОКАЗАТЕЛИ', 'ИНДИКАТОР', '2021', '2022'];

ruleTester(rule, {
  valid: [
    {
      name: 'no template: the rule does not run',
      rows: [['1.', 'Доля школ, разработавших программы перехода в эффективный режим', '%', 50, 100]],
    },
    {
      name: 'every indicator is in the template',
      rows: [
        ['1.1', 'Доля обучающихся, получивших неудовлетворительный результат на ЕГЭ по математике (базовый уровень) ¹', '%', 5, 4],
        ['1.2', 'Доля обучающихся, не справившихся с выполнением ВПР по математике (5 класс)', '%', 10, 8],
        ['1.3', 'Качество обученности', '%', 40, 45],
      ],
      config: { template: TEMPLATE },
    },
    {
      name: 'footnotes, a number in the name, «из них:», case, ё and spaces do not matter',
      rows: [
        ['1.', '1.1. ДОЛЯ обучающихся,  получивших неудовлетворительный результат на ЕГЭ по математике (базовый уровень)²', '%', 5, 4],
        ['2.', 'Количество разработанных дополнительных профессиональных программ повышения квалификации, из них:', 'шт.', 3, 4],
        ['3.', 'Качество  обученности', '%', 40, 45],
      ],
      config: { template: TEMPLATE },
    },
    {
      name: 'a misspelling of a long name still meets the template',
      rows: [['1.', 'Доля обучающихся, не справившихся с выполнением ВПР по матиматике (5 класс)', '%', 10, 8]],
      config: { template: TEMPLATE },
    },
    {
      name: 'the template given as keys (as the sync server passes it)',
      rows: [['1.', 'Качество обученности ²', '%', 40, 45]],
      config: { template: { indicators: TEMPLATE.indicators.map(indicatorKey) } },
    },
    {
      name: 'a name split by a page break is read whole',
      rows: [
        ['1.', 'Доля обучающихся, не справившихся с', '%', 10, 8],
        [null, 'выполнением ВПР по математике (5 класс)'],
      ],
      config: { template: TEMPLATE },
    },
  ],
  invalid: [
    {
      name: 'an indicator the template does not have',
      rows: [
        ['1.', 'Качество обученности', '%', 40, 45],
        ['2.', 'Доля школ, разработавших программы перехода в эффективный режим', '%', 50, 100],
      ],
      config: { template: TEMPLATE },
      errors: [
        {
          cell: 'B6',
          messageId: 'notInTemplate',
          message: 'Показателя «Доля школ, разработавших программы перехода в эффективный режим» нет в региональном шаблоне.',
        },
      ],
    },
    {
      name: 'another class is another indicator, however close the letters',
      rows: [['1.', 'Доля обучающихся, не справившихся с выполнением ВПР по математике (6 класс)', '%', 10, 8]],
      config: { template: TEMPLATE },
      errors: [{ cell: 'B5', messageId: 'notInTemplate' }],
    },
    {
      name: 'a short name is matched exactly only',
      rows: [['1.', 'Качество обучения', '%', 40, 45]],
      config: { template: TEMPLATE },
      errors: [{ cell: 'B5', message: 'Показателя «Качество обучения» нет в региональном шаблоне.' }],
    },
    {
      name: 'seed 003 layout: no number column, names in column A',
      sheet: [
        ['Муниципальная программа Иланского района реализуется с 2021 года по 2022 год.'],
        [],
        ILANSKY_HEADER,
        ['Наличие пакета документов, регламентирующих деятельность муниципальных органов управления', 'да/нет', 'да', 'да'],
        ['Качество обученности', 'процент', 40, 45],
      ],
      config: { template: TEMPLATE },
      errors: [{ cell: 'A4', messageId: 'notInTemplate' }],
    },
    {
      name: 'an empty template: every indicator is reported',
      rows: [
        ['1.', 'Качество обученности', '%', 40, 45],
        ['2.', 'Степень обученности', '%', 60, 65],
      ],
      config: { template: { indicators: [] } },
      errors: [
        { cell: 'B5', messageId: 'notInTemplate' },
        { cell: 'B6', messageId: 'notInTemplate' },
      ],
    },
  ],
});
