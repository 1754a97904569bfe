import rule from '../../src/rules/roadmap/deadline-typo';
import { ruleTester } from '../rule-tester';

const row = (deadline: string) => ['1.', 'Совещание', deadline, 'УО', 'Протокол'];

ruleTester(rule, {
  valid: [{ name: 'months spelt right, in any case', rows: [row('Сентябрь 2023 г.'), row('до сентября 2023 г.'), row('ФЕВРАЛЬ 2024')] }],
  invalid: [
    {
      name: 'a letter missing in a month',
      rows: [row('сентяря 2023 г.')],
      errors: [{ cell: 'C5', messageId: 'typo', message: 'Опечатка в сроке: «сентяря» вместо «сентября».' }],
      output: [row('сентября 2023 г.')],
    },
    { name: 'a capitalised month with swapped letters', rows: [row('Окрябрь 2023 г.')], errors: [{ cell: 'C5', messageId: 'typo' }], output: [row('Октябрь 2023 г.')] },
  ],
});
