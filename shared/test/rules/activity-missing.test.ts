import rule from '../../src/rules/roadmap/activity-missing';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'every item has an activity', rows: [['1.', 'Совещание', 'март 2023 г.', 'УО', 'Протокол']] },
    { name: 'an activity split by a page break counts', rows: [['1.', 'Проведение', 'март 2023 г.', 'УО', 'Протокол'], ['', 'совещания', '', '', '']] },
  ],
  invalid: [
    {
      name: 'an empty activity',
      rows: [['1.', '', 'март 2023 г.', 'УО', 'Протокол'], ['2.', '  ', 'апрель 2023 г.', 'УО', 'Протокол']],
      errors: [
        { cell: 'B5', messageId: 'missing' },
        { cell: 'B6', messageId: 'missing' },
      ],
    },
    { name: 'a group item needs an activity too', rows: [['3.', '', '', '', ''], ['3.1', 'Совещание', 'май 2023 г.', 'УО', 'Протокол']], errors: [{ cell: 'B5', messageId: 'missing', message: 'Не указано мероприятие.' }] },
  ],
});
