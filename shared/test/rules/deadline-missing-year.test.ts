import rule from '../../src/rules/roadmap/deadline-missing-year';
import { ruleTester } from '../rule-tester';

const row = (deadline: string) => ['1.', 'Совещание', deadline, 'УО', 'Протокол'];

ruleTester(rule, {
  valid: [
    { name: 'a single-year plan settles the year (seed 004)', title: ['Перечень мероприятий в 2018 году'], rows: [row('10 января-15 февраля'), row('февраля'), row('до 30 марта')] },
    { name: 'years written out', rows: [row('март – апрель 2023 г.'), row('В течение года')] },
    { name: 'the deadlines of an untitled plan share one year', title: ['ДОРОЖНАЯ КАРТА'], rows: [row('22.01.2021'), row('март'), row('до 14.05.2021')] },
  ],
  invalid: [
    {
      name: 'a two-year plan (seed 002)',
      rows: [row('Март – апрель'), row('До 30 декабря')],
      errors: [
        { cell: 'C5', messageId: 'multiYear', message: 'В сроке «Март – апрель» не указан год, а план рассчитан на 2023–2024 гг.: укажите год.' },
        { cell: 'C6', messageId: 'multiYear' },
      ],
    },
    {
      name: 'no period anywhere and deadlines of two years',
      title: ['План мероприятий'],
      rows: [row('22.12.2020'), row('март'), row('01.10.2021')],
      errors: [{ cell: 'C5', messageId: 'noPeriod', message: 'В сроке «март» не указан год, а период плана в заголовке не найден: укажите год.' }],
    },
  ],
});
