import rule from '../../src/rules/roadmap/result-missing';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'results present', rows: [['1.', 'Совещание', 'март 2023 г.', 'УО', 'Протокол']] },
    {
      name: 'no result column, no result needed',
      sheet: [['План на 2023 год'], [], ['№', 'Мероприятие', 'Срок', 'Исполнитель'], ['1.', 'Совещание', 'март', 'УО']],
    },
    {
      name: 'one result merged over several items (seed 004, 16.x)',
      rows: [['16.1', 'Вебинар', '19 апреля', 'ИРО', 'проведены вебинары'], ['16.2', 'Вебинар', '29 июня', 'ИРО', null]],
      merges: ['E5:E6'],
    },
  ],
  invalid: [
    {
      name: 'empty results (seed 001, 3.2–3.5)',
      rows: [['3.2', 'Курсы', 'в соответствии с планом курсовых мероприятий', 'ИРО', ''], ['3.3', 'Семинары', 'по плану', 'ИРО', null]],
      errors: [
        { cell: 'E5', messageId: 'missing', message: 'Не указан ожидаемый результат.' },
        { cell: 'E6', messageId: 'missing' },
      ],
    },
  ],
});
