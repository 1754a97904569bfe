import rule from '../../../src/rules/workbook/approval-after-start';
import { ruleTester } from '../../rule-tester';

const roadmap = (approval: string, period: string) => [
  [`Приложение к приказу управления образования от ${approval} № 5`],
  [`План мероприятий на ${period} годы`],
  [],
  ['№ п/п', 'Мероприятие', 'Срок', 'Исполнитель', 'Результат'],
  ['1.', 'Проведение совещания', 'декабрь 2024 г.', 'УО', 'Протокол'],
];
const plan = (title: string) => ({
  name: 'План-график',
  rows: [[title], [], ['№ п/п', 'Срок', 'Мероприятие', 'Исполнитель', 'Результат'], ['1.', 'Декабрь 2024 г.', 'Проведение совещания', 'УО', 'Протокол']],
});

ruleTester(rule, {
  valid: [
    { name: 'approved in the first year', sheet: roadmap('10.01.2023', '2023-2024') },
    { name: 'approved the year before', sheet: roadmap('20.12.2022', '2023-2024') },
    {
      name: 'an amended version approved mid-period',
      sheet: [['Приложение к приказу от 15.03.2024 № 12 (в редакции приказа от 15.03.2024 № 12)'], ['План мероприятий на 2023-2024 годы'], [], ['№ п/п', 'Мероприятие', 'Срок', 'Исполнитель', 'Результат'], ['1.', 'Проведение совещания', 'декабрь 2024 г.', 'УО', 'Протокол']],
    },
    { name: 'no stated period', sheet: [['Приложение к приказу от 10.01.2025 № 5'], ['План мероприятий'], [], ['№ п/п', 'Мероприятие', 'Срок', 'Исполнитель', 'Результат'], ['1.', 'Проведение совещания', 'март 2023 г.', 'УО', 'Протокол']] },
    { name: 'an approval on a passport sheet in time (seed 002)', sheet: [['УТВЕРЖДЕН'], ['приказом Управления образования от 13.03.2023 № 119']], otherSheets: [plan('ПЛАН-ГРАФИК на 2023-2024 годы')] },
  ],
  invalid: [
    {
      name: 'approved after the first year ended',
      sheet: roadmap('15.03.2024', '2023-2024'),
      errors: [
        {
          cell: 'A1',
          messageId: 'afterFirstYear',
          data: { period: '2023–2024 годы', date: '15.03.2024', year: 2023 },
          message: 'План на 2023–2024 годы утверждён 15.03.2024, уже после окончания 2023 года: проверьте дату утверждения или период.',
        },
      ],
    },
    { name: 'approved after the whole period', sheet: roadmap('10.01.2025', '2023-2024'), errors: [{ cell: 'A1', messageId: 'afterEnd', data: { period: '2023–2024 годы', date: '10.01.2025', year: 2023 } }] },
    { name: 'approved years before the start', sheet: roadmap('10.01.2020', '2023-2024'), errors: [{ cell: 'A1', messageId: 'longBefore' }] },
    {
      name: 'a late approval on the passport sheet (seed 002 layout)',
      sheet: [['УТВЕРЖДЕН'], ['приказом Управления образования от 13.03.2025 № 119']],
      otherSheets: [plan('ПЛАН-ГРАФИК на 2023-2024 годы')],
      errors: [{ cell: 'A2', messageId: 'afterEnd', data: { period: '2023–2024 годы', date: '13.03.2025', year: 2023 } }],
    },
  ],
});
