import rule from '../../src/rules/roadmap/deadline-out-of-period';
import { ruleTester } from '../rule-tester';

const row = (deadline: string) => ['1.', 'Совещание', deadline, 'УО', 'Протокол'];

const perYear = (cell2021: string) => [
  ['Программа на 2021-2022 годы'],
  [],
  ['№ п/п', 'Мероприятие', 'Ключевые мероприятия', null, 'Ответственный исполнитель', 'Документ, закрепляющий результат'],
  [null, null, '2021', '2022', null, null],
  ['1', 'Разработка документов', cell2021, 'Заседания (январь 2022)', 'Рабочая группа', 'Приказ'],
];
const perYearMerges = ['A3:A4', 'B3:B4', 'C3:D3', 'E3:E4', 'F3:F4'];

ruleTester(rule, {
  valid: [
    { name: 'inside 2023–2024', rows: [row('март 2023 г.'), row('До 30 декабря 2024 г.'), row('в течение 2023-2024 гг.')] },
    { name: 'a school year inside a two-year plan (#11)', rows: [row('сентябрь 2023 – май 2024 г.'), row('сентябрь – май 2024 г.')] },
    { name: 'per-year plan dates in their own year (seed 003)', sheet: perYear('Назначение координатора (май 2021) Создание группы (май-июнь 2021)'), merges: perYearMerges },
  ],
  invalid: [
    { name: 'after the plan', rows: [row('май 2025 г.')], errors: [{ cell: 'C5', messageId: 'outside', message: 'Срок «май 2025 г.» выходит за период плана (2023–2024 гг.).' }] },
    { name: 'before the plan', rows: [row('22.12.2022')], errors: [{ cell: 'C5', messageId: 'outside' }] },
    {
      name: 'a range that starts inside the plan and runs past it (#11)',
      rows: [row('декабрь 2024 – январь 2025 гг.')],
      errors: [{ cell: 'C5', messageId: 'outside', data: { text: 'декабрь 2024 – январь 2025 гг.', period: '2023–2024 гг.' } }],
    },
    {
      name: 'a yearless school year in a plan for one calendar year runs into the next (#11)',
      title: ['План мероприятий на 2024 год'],
      rows: [row('сентябрь – май')],
      errors: [{ cell: 'C4', messageId: 'outside', data: { text: 'сентябрь – май', period: '2024 г.' } }],
    },
    {
      name: 'a 2022 date in the 2021 column',
      sheet: perYear('Назначение координатора (май 2022)'),
      merges: perYearMerges,
      errors: [{ cell: 'C5', messageId: 'wrongYear', message: 'Срок «май 2022» стоит в столбце 2021 года, но относится к другому году.' }],
    },
  ],
});
