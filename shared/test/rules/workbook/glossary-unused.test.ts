import rule from '../../../src/rules/workbook/glossary-unused';
import { ruleTester } from '../../rule-tester';

const glossary = (...entries: Array<[string, string]>) => [['Используемые сокращения'], ['Сокращение', 'Полное наименование'], ...entries];
const plan = (...executors: string[]) => ({
  name: 'План',
  rows: [
    ['План мероприятий на 2023-2024 годы'],
    ['№ п/п', 'Мероприятие', 'Срок', 'Исполнитель', 'Результат'],
    ...executors.map((e, i) => [`${i + 1}.`, 'Проведение совещания', 'март 2023 г.', e, 'Протокол']),
  ],
});

ruleTester(rule, {
  valid: [
    { name: 'every entry used by an executor', sheet: glossary(['УО', 'Управление образования'], ['ИМЦ', 'Информационно-методический центр']), otherSheets: [plan('УО', 'МБУ ИМЦ, ОО')] },
    {
      name: 'a multi-word entry used in another form (seed 000)',
      sheet: glossary(['Участники Проекта', 'общеобразовательные организации края']),
      otherSheets: [{ name: 'План', rows: [['План мероприятий на 2023 год'], ['№ п/п', 'Мероприятие', 'Срок', 'Исполнитель', 'Результат'], ['1.', 'Идентификация школ-Участников Проекта', 'март 2023 г.', 'КГАУ КЦИОКО', 'Перечень']] }],
    },
    { name: 'used in a title, not only in a table', sheet: glossary(['ШНОР', 'школы с низкими результатами']), otherSheets: [{ name: 'Паспорт', rows: [['Программа поддержки ШНОР']] }] },
    { name: 'a workbook without a glossary', sheet: [['Паспорт программы']] },
  ],
  invalid: [
    {
      name: 'an entry nothing uses',
      sheet: glossary(['УО', 'Управление образования'], ['ИМЦ', 'Информационно-методический центр']),
      otherSheets: [plan('УО')],
      errors: [{ cell: 'A4', messageId: 'unused', data: { abbreviation: 'ИМЦ' }, message: 'Сокращение «ИМЦ» нигде не используется.' }],
    },
    {
      name: 'a short abbreviation must match a word exactly, not a part of one',
      sheet: glossary(['ОО', 'образовательная организация']),
      otherSheets: [plan('Управление образования, ООО «Учёба»')],
      errors: [{ cell: 'A3', messageId: 'unused', data: { abbreviation: 'ОО' } }],
    },
    {
      name: 'the glossary’s own lines do not count as use (seed 003)',
      sheet: [['Термины и сокращения'], ['ГИА – государственная итоговая аттестация'], ['ОГЭ – основной государственный экзамен, часть ГИА']],
      otherSheets: [{ name: 'Паспорт', rows: [['Подготовка к ОГЭ']] }],
      errors: [{ cell: 'A2', messageId: 'unused', data: { abbreviation: 'ГИА' } }],
    },
  ],
});
