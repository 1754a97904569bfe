import rule from '../../src/rules/common/approval-date-invalid';
import { ruleTester } from '../rule-tester';

const rows = [['1.', 'Совещание', 'март', 'УО', 'x']];

ruleTester(rule, {
  valid: [
    { name: 'a real date', title: ['Приложение к приказу министерства от 31.01.2018 № 134', 'Перечень мероприятий на 2018 год'], rows },
    { name: 'a worded real date', title: ['Приложение к приказу от «31» января 2018 года № 134'], rows },
  ],
  invalid: [
    {
      name: '31 September (seed 004)',
      title: ['Приложение к приказу Министерства образования', 'от «31» сентября 2018 года № 184', 'Перечень мероприятий в 2018 году'],
      rows,
      errors: [{ cell: 'A2', messageId: 'invalid', message: 'Дата утверждения «от «31» сентября 2018 года» не существует.' }],
    },
    { name: 'a numeric impossible date', title: ['Утверждён приказом от 30.02.2023 № 7'], rows, errors: [{ cell: 'A1', messageId: 'invalid' }] },
  ],
});
