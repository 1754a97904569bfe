import rule, { isVerbalNoun } from '../../../src/rules/quality/activity-verbal-noun';
import { ruleTester } from '../../rule-tester';

const row = (activity: string, n = '1.') => [n, activity, 'март 2023 г.', 'УО', 'Протокол'];

ruleTester(rule, {
  valid: [
    { name: 'actions as verbal nouns', rows: [row('Проведение совещания с руководителями ОО'), row('Организация работы кураторов', '2.'), row('Разработка муниципальной дорожной карты', '3.'), row('Участие в ВПР для обучающихся 5-9 классов', '4.')] },
    { name: 'actions without a verbal-noun ending', rows: [row('Мониторинг сайтов ШНОР'), row('Анализ результатов ВПР', '2.'), row('Контроль за освоением средств', '3.'), row('Корректировка программ развития', '4.'), row('Взаимодействие со школами-кураторами', '5.'), row('Работа профессиональных сообществ', '6.')] },
    { name: 'an adjective before the action (seed 001, 4.2)', rows: [row('Промежуточный анализ организации работы ОО')] },
    { name: 'a named event (seed 002, 1.2.x)', rows: [row('Районный семинар-практикум для заместителей руководителей ОО «Цифровая образовательная среда»'), row('«Методический десант» по вопросам реализации обновленных ФГОС', '2.'), row('Курсы повышения квалификации «Развитие управленческих компетенций»', '3.')] },
    { name: 'the action after an opening phrase (seed 002, 4.1)', rows: [row('В рамках федерального проекта «Успех каждого ребенка» организация участия ОО в мероприятиях')] },
    {
      name: 'a list under a heading item continues its action (seed 004, 3.1)',
      rows: [row('Подготовка приказов министерства:', '3.'), row('- об утверждении перечня школ-участниц', '3.1'), row('межрегиональный вебинар по оценке', '3.2')],
    },
    { name: 'no activity is activity-missing’s', rows: [['1.', '', 'март 2023 г.', 'УО', 'Протокол']] },
  ],
  invalid: [
    {
      name: 'an event or a document instead of an action',
      rows: [row('Совещание с директорами'), row('Приказ об утверждении плана', '2.'), row('совещание с кураторами', '3.')],
      errors: [
        { cell: 'B5', messageId: 'noun', data: { word: 'Совещание' }, message: 'Мероприятие начинается со слова «Совещание», а не с действия: например, «Проведение …», «Организация …», «Разработка …».' },
        { cell: 'B6', messageId: 'noun', data: { word: 'Приказ' } },
        { cell: 'B7', messageId: 'noun', data: { word: 'совещание' } },
      ],
    },
    {
      name: 'an unnamed event and a programme’s part (seed 003)',
      rows: [row('Курсы повышения квалификации по выявленным дефицитам'), row('Районный семинар для заместителей директоров', '2.'), row('Школа молодого педагога', '3.')],
      errors: [
        { cell: 'B5', messageId: 'noun', data: { word: 'Курсы' } },
        { cell: 'B6', messageId: 'noun', data: { word: 'Районный' } },
        { cell: 'B7', messageId: 'noun', data: { word: 'Школа' } },
      ],
    },
    {
      name: 'a named document is still a document',
      rows: [row('Приказ «Об утверждении плана мероприятий»')],
      errors: [{ cell: 'B5', messageId: 'noun', data: { word: 'Приказ' } }],
    },
  ],
});

describe('isVerbalNoun', () => {
  it('tells actions from events by the vocabulary', () => {
    expect(['проведение', 'организация', 'разработка', 'участие', 'мониторинг', 'анализ', 'инструктаж'].filter(isVerbalNoun)).toHaveLength(7);
    expect(['совещание', 'семинар', 'приказ', 'конференция', 'школа', 'справка'].filter(isVerbalNoun)).toEqual([]);
  });
});
