import rule from '../../src/rules/roadmap/deadline-range-reversed';
import { ruleTester } from '../rule-tester';

const row = (deadline: string) => ['1.', 'Совещание', deadline, 'УО', 'Протокол'];

ruleTester(rule, {
  valid: [
    { name: 'forward ranges, and December–January crossing the new year', rows: [row('28.01.2023 – 20.02.2023'), row('декабрь 2023 – январь 2024 гг.'), row('декабрь – январь')] },
    { name: 'a school year across the two years of the plan (#11)', rows: [row('сентябрь – май 2024 г.')] },
  ],
  invalid: [
    { name: 'dates the wrong way round', rows: [row('20.02.2023 – 28.01.2023')], errors: [{ cell: 'C5', messageId: 'reversed', message: 'Конец срока раньше начала: «20.02.2023 – 28.01.2023».' }] },
    { name: 'months of two years the wrong way round', rows: [row('март 2024 – январь 2023')], errors: [{ cell: 'C5', messageId: 'reversed' }] },
    {
      name: 'a year stated at the end that cannot cross back out of a plan for one year (#11)',
      title: ['План мероприятий на 2024 год'],
      rows: [row('май – март 2024 г.')],
      errors: [{ cell: 'C4', messageId: 'reversed', data: { fragment: 'май - март 2024' } }],
    },
  ],
});
