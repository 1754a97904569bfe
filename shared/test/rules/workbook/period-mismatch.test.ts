import rule from '../../../src/rules/workbook/period-mismatch';
import { ruleTester } from '../../rule-tester';

const indicators = (...years: string[]) => [
  ['Целевые показатели'],
  ['№ п/п', 'Показатель', 'Ед. изм.', ...years],
  ['1.', 'Доля педагогов, прошедших курсы повышения квалификации', '%', ...years.map((_, i) => 10 + i)],
];
const plan = (title: string) => ({
  name: 'План',
  rows: [[title], ['№ п/п', 'Мероприятие', 'Срок', 'Исполнитель', 'Результат'], ['1.', 'Проведение совещания', 'март 2023 г.', 'УО', 'Протокол']],
});

ruleTester(rule, {
  valid: [
    { name: 'the same years', sheet: indicators('2023', '2024'), otherSheets: [plan('План мероприятий на 2023-2024 годы')] },
    { name: 'a base year before the period', sheet: indicators('2022', '2023', '2024'), otherSheets: [plan('План мероприятий на 2023-2024 годы')] },
    { name: 'no roadmap to compare with', sheet: indicators('2023', '2024', '2025') },
    {
      name: 'a roadmap whose period only its deadlines imply',
      sheet: indicators('2023', '2024', '2025'),
      otherSheets: [plan('План мероприятий')],
    },
  ],
  invalid: [
    {
      name: 'indicators for a year after the plan (2023–2025 against 2023–2024)',
      sheet: indicators('2023', '2024', '2025'),
      otherSheets: [plan('План мероприятий на 2023-2024 годы')],
      errors: [
        {
          cell: 'F2',
          messageId: 'mismatch',
          data: { years: '2023–2025', sheet: 'План', period: '2023–2024' },
          message: 'Годы показателей (2023–2025) не совпадают с периодом плана на листе «План» (2023–2024).',
        },
      ],
    },
    {
      name: 'indicators that start two years before the plan',
      sheet: indicators('2021', '2022', '2023', '2024'),
      otherSheets: [plan('План мероприятий на 2023-2024 годы')],
      errors: [{ cell: 'D2', messageId: 'mismatch', data: { years: '2021–2024', sheet: 'План', period: '2023–2024' } }],
    },
    {
      name: 'indicators that stop before the plan ends',
      sheet: indicators('2023'),
      otherSheets: [plan('План мероприятий на 2023-2024 годы')],
      errors: [{ cell: 'D2', messageId: 'mismatch', data: { years: '2023', sheet: 'План', period: '2023–2024' } }],
    },
  ],
});
