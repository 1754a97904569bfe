import rule from '../../src/rules/roadmap/deadline-missing';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'deadline present', rows: [['1.', 'Совещание', 'март 2023 г.', 'УО', 'Протокол']] },
    { name: 'a group item (seed 004, 16.)', rows: [['16.', 'Семинары:', '', '', 'В соответствии с целями'], ['16.1', 'Вебинар', '19 апреля', 'ИРО', 'проведён']] },
    { name: 'the deadline arrives on the continuation row (seed 000, 2.7)', rows: [['2.7', 'Обеспечение', '', 'ИРО', 'x'], ['', 'сопровождения', 'в течение 2023-2024 гг.', '', '']] },
  ],
  invalid: [
    { name: 'no deadline', rows: [['1.', 'Совещание', '', 'УО', 'Протокол']], errors: [{ cell: 'C5', messageId: 'missing', message: 'Не указан срок.' }] },
  ],
});
