import { headerRole, yearOfHeader } from '../../src/reader/vocabulary';

describe('headerRole: every header text of the ministry orders, and neighbours', () => {
  it.each([
    ['№', 'number'], ['№ п/п', 'number'], ['№\nп/п', 'number'], ['N п/п', 'number'], ['№ п.п.', 'number'],
    ['Мероприятие', 'activity'], ['Наименование мероприятия', 'activity'], ['Наименование основного мероприятия (мероприятия)', 'activity'],
    ['Перечень мероприятий и взаимосвязанных действий по их выполнению', 'activity'], ['Задачи', 'activity'], ['МЕРОПРИЯТИЯ', 'activity'],
    ['Наиме-\nнование мероприятия', 'activity'],
    ['Срок реализации', 'deadline'], ['Сроки реализации', 'deadline'], ['Срок исполнения', 'deadline'], ['Срок (период) выполнения отдельного действия', 'deadline'],
    ['СРОКИ', 'deadline'], ['Сроки  исполнения', 'deadline'],
    ['Исполнитель', 'executor'], ['Исполнители', 'executor'], ['Ответственный исполнитель', 'executor'], ['Ответственные исполнители', 'executor'],
    ['Ответственный\nисполнитель (наименование\nорганизации)', 'executor'], ['Ответственный', 'executor'],
    ['Результат исполнения', 'result'], ['Ожидаемый результат', 'result'], ['Прогнозируемый результат (количественные характеристики результата)', 'result'],
    ['Региональный показатель реализации', 'result'], ['Документ, закрепляющий результат', 'result'],
    ['Ключевые мероприятия', 'yearPlan'],
    ['Показатель (индикатор) наименование', 'indicator'], ['ПОКАЗАТЕЛИ', 'indicator'], ['Наименование показателя', 'indicator'],
    ['Ед. изм.', 'unit'], ['Единица измерения', 'unit'], ['ИНДИКАТОР', 'unit'], ['ед.изм', 'unit'],
    ['Методика расчета', 'method'], ['Методика расчёта', 'method'],
    ['2020', 'year'], ['2021 г.', 'year'], ['2022 год', 'year'], ['2023 (план)', 'year'],
    ['Сокращение', 'abbreviation'], ['Полное наименование', 'fullName'],
  ])('%j → %s', (text, role) => {
    expect(headerRole(text)).toBe(role);
  });

  it.each(['', '   ', 'Примечание', '1', 'Итого'])('%j is no known column', (text) => {
    expect(headerRole(text)).toBeNull();
  });

  it('reads years from numbers and texts', () => {
    expect(yearOfHeader(2024)).toBe(2024);
    expect(yearOfHeader(' 2021 г. ')).toBe(2021);
    expect(yearOfHeader(1)).toBeNull();
    expect(yearOfHeader('2021-2024')).toBeNull();
  });
});
