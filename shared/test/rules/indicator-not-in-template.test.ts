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
      name: 'one trailing word more or less (Kamchatka 2.2 without «педагогов»)',
      rows: [['1.', 'Количество разработанных дополнительных профессиональных программ повышения квалификации педагогов', 'шт.', 3, 4]],
      config: { template: TEMPLATE },
    },
    {
      name: 'a coordinator’s mapping: the name goes where it was mapped, or is left out on purpose',
      rows: [
        ['1.', 'Качество обучения', '%', 40, 45],
        ['2.', 'Собственный показатель района', 'шт.', 1, 2],
      ],
      config: {
        template: {
          indicators: TEMPLATE.indicators,
          mappings: [
            { from: indicatorKey('Качество обучения'), name: 'Качество обучения', to: indicatorKey('Качество обученности') },
            { from: indicatorKey('Собственный показатель района'), name: 'Собственный показатель района', to: null },
          ],
        },
      },
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
          message: 'Показателя «Доля школ, разработавших программы перехода в эффективный режим» нет в региональном шаблоне: в свод он не войдёт.',
        },
      ],
    },
    {
      name: 'another class is another indicator, however close the letters: the coordinator is asked, with the full name',
      rows: [['1.', 'Доля обучающихся, не справившихся с выполнением ВПР по математике (6 класс)', '%', 10, 8]],
      config: { template: TEMPLATE },
      errors: [
        {
          cell: 'B5',
          messageId: 'didYouMean',
          message:
            'Показателя «Доля обучающихся, не справившихся с выполнением ВПР по математике (6 класс)» нет в региональном шаблоне; возможно, имелся в виду «Доля обучающихся, не справившихся с выполнением ВПР по математике (5 класс)». В свод он войдёт, когда координатор подтвердит соответствие.',
        },
      ],
    },
    {
      name: 'a short name is matched exactly only',
      rows: [['1.', 'Качество обучения', '%', 40, 45]],
      config: { template: TEMPLATE },
      errors: [{ cell: 'B5', message: 'Показателя «Качество обучения» нет в региональном шаблоне; возможно, имелся в виду «Качество обученности». В свод он войдёт, когда координатор подтвердит соответствие.' }],
    },
    {
      name: 'a name near two template indicators waits for the coordinator’s choice',
      rows: [['1.', 'Доля педагогов, прошедших курсы по', '%', 10, 8]],
      config: { template: { indicators: ['Доля педагогов, прошедших курсы по математике', 'Доля педагогов, прошедших курсы по информатике'] } },
      errors: [
        {
          cell: 'B5',
          messageId: 'ambiguous',
          message:
            'Показатель «Доля педагогов, прошедших курсы по» одинаково близок к нескольким показателям шаблона: «Доля педагогов, прошедших курсы по математике» или «Доля педагогов, прошедших курсы по информатике». В свод он войдёт, когда координатор выберет нужный.',
        },
      ],
    },
    {
      name: 'a second row for the same template indicator',
      rows: [
        ['1.', 'Качество обученности', '%', 40, 45],
        ['2.', 'Качество обученности', '%', 41, 46],
      ],
      config: { template: TEMPLATE },
      errors: [{ cell: 'B6', messageId: 'duplicate', message: 'Показатель «Качество обученности» повторяет показатель шаблона «Качество обученности», уже взятый из строки выше: в свод войдёт первая строка.' }],
    },
    {
      name: 'a long name is quoted whole, never cut before the words that differ',
      rows: [['1.', `${'Доля педагогических работников, прошедших повышение квалификации по дополнительным профессиональным программам, '}направленным на развитие цифровых компетенций`, '%', 10, 8]],
      config: { template: TEMPLATE },
      errors: [{ cell: 'B5', message: 'Показателя «Доля педагогических работников, прошедших повышение квалификации по дополнительным профессиональным программам, направленным на развитие цифровых компетенций» нет в региональном шаблоне: в свод он не войдёт.' }],
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
