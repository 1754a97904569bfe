import rule from '../../src/rules/roadmap/executor-unknown';
import { ruleTester } from '../rule-tester';

const glossary = {
  name: 'Сокращения',
  rows: [
    ['Используемые сокращения'],
    ['Сокращение', 'Полное наименование'],
    ['КГАУ КЦИОКО', 'краевое государственное автономное учреждение «Камчатский центр информатизации и оценки качества образования»'],
    ['КГАУ ДПО «Камчатский ИРО»', 'краевое государственное автономное учреждение дополнительного профессионального образования «Камчатский институт развития образования»'],
    ['ОМСУ', 'органы местного самоуправления'],
  ],
};

ruleTester(rule, {
  valid: [
    { name: 'no glossary in the workbook: nothing to compare with', rows: [['1.', 'Совещание', 'март 2023 г.', 'ООО «Ромашка»', 'x']] },
    {
      name: 'glossary names, roles, and a name containing an abbreviation (seed 000)',
      rows: [['1.', 'Совещание', 'март 2023 г.', 'КГАУ КЦИОКО; КГАУ ДПО «Камчатский ИРО»; ОМСУ', 'x'], ['2.', 'Анализ', 'апрель 2023 г.', 'Руководители Участников Проекта, муниципальный координатор', 'x']],
      otherSheets: [glossary],
    },
    { name: 'an executor from the configuration', rows: [['1.', 'Совещание', 'март 2023 г.', 'ФИОКО', 'x']], otherSheets: [glossary], config: { executors: ['ФИОКО'] } },
  ],
  invalid: [
    {
      name: 'an organisation the glossary does not know',
      rows: [['1.', 'Совещание', 'март 2023 г.', 'КГАУ КЦИОКО; ФГБУ ФИОКО', 'x']],
      otherSheets: [glossary],
      errors: [{ cell: 'D5', messageId: 'unknown', message: 'Исполнитель «ФГБУ ФИОКО» не найден в списке сокращений.' }],
    },
  ],
});
