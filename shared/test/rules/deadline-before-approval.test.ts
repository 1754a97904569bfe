import rule from '../../src/rules/roadmap/deadline-before-approval';
import { ruleTester } from '../rule-tester';

const row = (deadline: string) => ['1.', 'Совещание', deadline, 'УО', 'Протокол'];

ruleTester(rule, {
  valid: [
    { name: 'after the approval of 10.01.2023', rows: [row('март 2023 г.'), row('10.01.2023'), row('с 01.01.2023 по 31.12.2023')] },
    { name: 'no approval date known', title: ['План мероприятий на 2023-2024 годы'], rows: [row('01.01.2023')] },
  ],
  invalid: [
    {
      name: 'finished before the order was signed (seed 001)',
      title: ['Приложение 1 к приказу управления образования от 12.05.2021 № 60/1', 'ДОРОЖНАЯ КАРТА на 2021 год'],
      rows: [row('22.01.2021'), row('март'), row('до 14.05.2021')],
      errors: [
        { cell: 'C5', messageId: 'before', message: 'Срок «22.01.2021» истёк до утверждения документа (12.05.2021).' },
        { cell: 'C6', messageId: 'before' },
      ],
    },
    { name: 'the approval date from the configuration', config: { approvalDate: '2023-06-01' }, rows: [row('май 2023 г.')], errors: [{ cell: 'C5', messageId: 'before' }] },
  ],
});
