import rule from '../../src/rules/roadmap/deadline-unparsed';
import type { CellValue } from '../../src/grid/grid';
import { ruleTester } from '../rule-tester';

const row = (deadline: CellValue) => ['1.', 'Совещание', deadline, 'УО', 'Протокол'];

ruleTester(rule, {
  valid: [
    { name: 'the deadline zoo of the seeds', rows: ['22.01.2021', 'март – апрель 2023 г.', 'в течение года', 'Постоянно', 'по отдельному графику', 'Не позднее 10 дней со дня проведения мероприятия', 'ежегодно 2023-2024 гг. не реже 1 раза в полгода'].map((d, i) => [`${i + 1}.`, 'Совещание', d, 'УО', 'Протокол']) },
    { name: 'a real Excel date', rows: [row(new Date(Date.UTC(2023, 4, 14)))] },
    { name: 'an empty deadline is the business of deadline-missing', rows: [row('')] },
  ],
  invalid: [
    {
      name: 'text that is no deadline',
      rows: [row('в скором времени')],
      errors: [{ cell: 'C5', messageId: 'unparsed', message: 'Срок «в скором времени» не распознан: укажите дату (22.01.2021), период (март – апрель 2023 г.) или периодичность («ежемесячно»).' }],
    },
    { name: 'garbage', rows: [row('???'), ['2.', 'Семинар', 'qwerty', 'УО', 'x']], errors: [{ cell: 'C5', messageId: 'unparsed' }, { cell: 'C6', messageId: 'unparsed' }] },
  ],
});
