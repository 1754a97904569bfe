import rule from '../../src/rules/roadmap/executor-missing';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'executors present', rows: [['1.', 'Совещание', 'март 2023 г.', 'УО', 'Протокол']] },
    {
      name: 'one executor merged over several rows (seed 004, 20.x)',
      rows: [['20.1', 'Отчёты', 'в течение года', 'ИРО', ''], ['20.2', 'Сводный отчёт', '15-31 декабря', null, ''], ['20.3', 'Контроль', 'в течение года', null, '']],
      merges: ['D5:D7'],
    },
    { name: 'a group item heads its children and needs no executor (seed 004, 3.)', rows: [['3.', 'Подготовка приказов:', '', '', ''], ['3.1', 'Приказ', 'февраль', 'Минобразования', 'приказ']] },
    { name: 'an executor continued after a page break', rows: [['2.5', 'Анализ', 'март', '', 'справка'], ['', '', '', 'куратор школы', '']] },
  ],
  invalid: [
    { name: 'no executor', rows: [['1.', 'Совещание', 'март 2023 г.', '', 'Протокол']], errors: [{ cell: 'D5', messageId: 'missing', message: 'Не указан исполнитель.' }] },
  ],
});
