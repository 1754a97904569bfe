import { approvalDateFromText, periodFromText } from '../../src/reader/title';

describe('plan period in title rows', () => {
  it.each([
    ['на период 2020 – 2023 гг.', 2020, 2023],
    ['Дорожная карта … на период 2020-2023 гг.', 2020, 2023],
    ['Муниципальная программа … Иланского района на 2021-2024 годы', 2021, 2024],
    ['реализуется с 2021 года по 2024 год.', 2021, 2024],
    ['… в Забайкальском крае в 2018 году', 2018, 2018],
    ['План мероприятий на 2018 год', 2018, 2018],
    ['2 года (2023 – 2024 гг.)', 2023, 2024],
  ])('%j', (text, from, to) => {
    expect(periodFromText(text)).toEqual({ from, to });
  });

  it.each(['Приказ от 22.10.2020 № 911', 'Указ № 204 на период до 2024 года', 'ДОРОЖНАЯ КАРТА по реализации проекта 500+'])('%j states no period', (text) => {
    expect(periodFromText(text)).toBeNull();
  });
});

describe('approval date in title rows', () => {
  it('reads numeric and worded dates, and marks impossible ones', () => {
    expect(approvalDateFromText('Приложение № 2 к приказу от 22.10.2020 № 911')).toEqual({ text: 'от 22.10.2020', date: '2020-10-22' });
    expect(approvalDateFromText('от «31» января 2018 года № 134')!.date).toBe('2018-01-31');
    expect(approvalDateFromText('от «31» сентября 2018 года № 184')).toEqual({ text: 'от «31» сентября 2018 года', date: null });
    expect(approvalDateFromText('от 18.01.32021 № 1')!.date).toBeNull();
    expect(approvalDateFromText('без даты')).toBeNull();
  });
});

describe('collapseWhitespace', () => {
  it.each([
    ['Совещание', 'Совещание'],
    ['  Совещание  руководителей ', 'Совещание руководителей'],
    ['До 15 марта\n2023 г.', 'До 15 марта 2023 г.'],
    ['не менее\u00a090 %', 'не менее 90 %'],
    ['а\tб', 'а б'],
    ['', ''],
    [' ', ''],
  ])('%j → %j', async (text, expected) => {
    const { collapseWhitespace, isCollapsed } = await import('../../src/text/normalize');
    expect(collapseWhitespace(text)).toBe(expected);
    expect(isCollapsed(expected)).toBe(true);
  });
});
