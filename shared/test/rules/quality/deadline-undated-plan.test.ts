import rule from '../../../src/rules/quality/deadline-undated-plan';
import { ruleTester } from '../../rule-tester';

const row = (deadline: string, n: number) => [`${n}.`, 'Проведение семинара', deadline, 'УО', 'Протокол'];
const rows = (...deadlines: string[]) => deadlines.map((d, i) => row(d, i + 1));

ruleTester(rule, {
  valid: [
    { name: 'dated milestones', rows: rows('март 2023 г.', 'май 2023 г.', 'до 01.10.2023', 'декабрь 2024 г.') },
    { name: 'half undated is not most', rows: rows('Постоянно', 'в течение всего периода', 'март 2023 г.', 'май 2024 г.') },
    { name: 'too short a plan to judge by shares', rows: rows('Постоянно', 'Постоянно', 'Постоянно') },
    { name: 'one year of a two-year plan is a span, not the whole period', rows: rows('в течение 2023 г.', 'в течение 2023 г.', 'в течение 2024 г.', 'в течение 2024 г.') },
  ],
  invalid: [
    {
      name: 'most items only «постоянно», the whole period or «по плану»',
      rows: rows('Постоянно', 'в течение всего периода', 'в течение 2023-2024 гг.', 'по плану работы методических служб', 'март 2023 г.'),
      errors: [
        {
          cell: 'C4',
          messageId: 'undated',
          data: { count: 4, total: 5, example: 'Постоянно' },
          message: 'У 4 из 5 пунктов плана срок без даты («Постоянно» и подобные): поставьте контрольные даты хотя бы ключевым этапам.',
        },
      ],
    },
  ],
});
