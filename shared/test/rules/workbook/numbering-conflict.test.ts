import rule from '../../../src/rules/workbook/numbering-conflict';
import { ruleTester } from '../../rule-tester';

const HEADER = ['№ п/п', 'Мероприятие', 'Срок', 'Исполнитель', 'Результат'];
const roadmap = (title: string, items: Array<[string, string]>) => [[title], HEADER, ...items.map(([n, a]) => [n, a, 'март 2023 г.', 'УО', 'Протокол'])];
const PLAN: Array<[string, string]> = [
  ['1.1', 'Проведение установочного совещания с участниками проекта'],
  ['1.2', 'Разработка муниципальной дорожной карты по реализации проекта'],
  ['1.3', 'Организация консультаций для кураторов по работе с рисковыми профилями'],
  ['1.4', 'Мониторинг сайтов школ по размещению концептуальных документов'],
];

ruleTester(rule, {
  valid: [
    { name: 'a copy of the plan on another sheet', sheet: roadmap('План мероприятий на 2023 год (копия)', PLAN), otherSheets: [{ name: 'План', rows: roadmap('План мероприятий на 2023 год', PLAN) }] },
    {
      name: 'a plan and a support plan restart numbering with other activities (seed 001)',
      sheet: roadmap('Муниципальный план мероприятий по поддержке школы', [
        ['1.1', 'Участие в индивидуальных собеседованиях школы с министерством'],
        ['1.2', 'Организация помощи в преподавании уроков математики и физики'],
        ['1.3', 'Размещение на официальном сайте информации о мероприятиях'],
        ['1.4', 'Подготовка аналитической справки по результатам работы'],
      ]),
      otherSheets: [{ name: 'План', rows: roadmap('План мероприятий на 2023 год', PLAN) }],
    },
    {
      name: 'an edited wording of the same activity',
      sheet: roadmap('План мероприятий на 2023 год (редакция 2)', [...PLAN.slice(0, 2), ['1.3', 'Организация консультаций кураторов по работе с рисковыми профилями школ'], PLAN[3]!]),
      otherSheets: [{ name: 'План', rows: roadmap('План мероприятий на 2023 год', PLAN) }],
    },
    { name: 'too few shared numbers to judge', sheet: roadmap('План', [['1.1', 'Проведение конкурса']]), otherSheets: [{ name: 'План', rows: roadmap('План мероприятий на 2023 год', PLAN) }] },
  ],
  invalid: [
    {
      name: 'a version of the plan where one number means another activity',
      sheet: roadmap('План мероприятий на 2023 год (редакция 2)', [...PLAN.slice(0, 2), ['1.3', 'Проведение районного конкурса педагогического мастерства'], PLAN[3]!]),
      otherSheets: [{ name: 'План', rows: roadmap('План мероприятий на 2023 год', PLAN) }],
      errors: [
        {
          cell: 'A5',
          messageId: 'conflict',
          data: { number: '1.3', sheet: 'План', other: 'Организация консультаций для кураторов по работе с рисковыми профилями' },
          message: 'На листе «План» пункт 1.3 — другое мероприятие: «Организация консультаций для кураторов по работе с рисковыми профилями».',
        },
      ],
    },
    {
      name: 'said once, at the first of the two sheets',
      sheet: roadmap('План мероприятий на 2023 год', PLAN),
      otherSheets: [{ name: 'План (редакция 2)', rows: roadmap('План мероприятий на 2023 год (редакция 2)', [...PLAN.slice(0, 2), ['1.3', 'Проведение районного конкурса педагогического мастерства'], PLAN[3]!]) }],
      errors: [
        {
          cell: 'A5',
          messageId: 'conflict',
          data: { number: '1.3', sheet: 'План (редакция 2)', other: 'Проведение районного конкурса педагогического мастерства' },
        },
      ],
    },
  ],
});
