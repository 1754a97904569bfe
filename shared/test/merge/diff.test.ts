import { diffSubmissions, indicatorKey, type IndicatorEntry, type RoadmapEntry, type SubmissionContent } from '../../src/merge';

const item = (number: string | null, activity: string, extra: Partial<RoadmapEntry> = {}): RoadmapEntry => ({
  section: '1. Организационные мероприятия',
  number,
  activity,
  deadline: 'март 2023 г.',
  executor: 'УО',
  result: 'Протокол',
  ...extra,
});

const ind = (name: string, values: IndicatorEntry['values'], extra: Partial<IndicatorEntry> = {}): IndicatorEntry => ({
  key: indicatorKey(name),
  name,
  number: null,
  unit: '%',
  section: 'I. Результаты',
  values,
  ...extra,
});

const BEFORE: SubmissionContent = {
  roadmap: [
    item('1.1', 'Совещание с руководителями ОО'),
    item('1.2', 'Семинар для заместителей директоров'),
    item('1.3', 'Анкетирование'),
    item(null, 'Размещение информации на сайте'),
  ],
  indicators: [
    ind('Доля школ с программами', { 2023: 80, 2024: 90 }),
    ind('Количество семинаров', { 2023: 3, 2024: 4 }, { unit: 'шт.' }),
    ind('Наличие муниципальной программы', { 2023: 'да', 2024: 'да' }, { unit: 'да/нет' }),
  ],
};

describe('diffSubmissions', () => {
  it('finds nothing between equal versions, nor in spacing and numbers typed as text', () => {
    expect(diffSubmissions(BEFORE, structuredClone(BEFORE))).toEqual({ added: [], removed: [], changed: [] });
    const noisy: SubmissionContent = {
      roadmap: BEFORE.roadmap.map((e) => ({ ...e, activity: `  ${e.activity.replace(/ /g, '  ')} ` })),
      indicators: BEFORE.indicators.map((e) => ({ ...e, values: Object.fromEntries(Object.entries(e.values).map(([y, v]) => [y, typeof v === 'number' ? String(v) : v === 'да' ? 'Да' : v])) })),
    };
    expect(diffSubmissions(BEFORE, noisy)).toEqual({ added: [], removed: [], changed: [] });
  });

  it('reports added, removed and changed roadmap items, matched by number', () => {
    const after: SubmissionContent = {
      ...BEFORE,
      roadmap: [
        item('1.1', 'Совещание с руководителями ОО', { deadline: 'апрель 2023 г.', executor: 'УО, МБУ ИМЦ' }),
        item('1.3', 'Анкетирование'),
        item('1.4', 'Методический десант'),
        item(null, 'Размещение информации на сайте', { result: 'Новости на сайте' }),
      ],
    };
    expect(diffSubmissions(BEFORE, after)).toEqual({
      added: [{ kind: 'roadmap', key: '1.4', label: '1.4 Методический десант' }],
      removed: [{ kind: 'roadmap', key: '1.2', label: '1.2 Семинар для заместителей директоров' }],
      changed: [
        {
          kind: 'roadmap',
          key: '1.1',
          label: '1.1 Совещание с руководителями ОО',
          fields: [
            { field: 'deadline', before: 'март 2023 г.', after: 'апрель 2023 г.' },
            { field: 'executor', before: 'УО', after: 'УО, МБУ ИМЦ' },
          ],
        },
        {
          kind: 'roadmap',
          key: 'мероприятие: размещение информации на сайте',
          label: 'Размещение информации на сайте',
          fields: [{ field: 'result', before: 'Протокол', after: 'Новости на сайте' }],
        },
      ],
    });
  });

  it('reports a changed activity and a moved section of the same number', () => {
    const after: SubmissionContent = { ...BEFORE, roadmap: [item('1.1', 'Совещание', { section: '2. Методическое' }), ...BEFORE.roadmap.slice(1)] };
    expect(diffSubmissions(BEFORE, after).changed).toEqual([
      {
        kind: 'roadmap',
        key: '1.1',
        label: '1.1 Совещание',
        fields: [
          { field: 'activity', before: 'Совещание с руководителями ОО', after: 'Совещание' },
          { field: 'section', before: '1. Организационные мероприятия', after: '2. Методическое' },
        ],
      },
    ]);
  });

  it('tells apart items whose numbers restart in every section', () => {
    const before: SubmissionContent = { indicators: [], roadmap: [item('1', 'А', { section: '1. Раздел' }), item('1', 'Б', { section: '2. Раздел' })] };
    const after: SubmissionContent = { indicators: [], roadmap: [item('1', 'А', { section: '1. Раздел' }), item('1', 'Б', { section: '2. Раздел', deadline: 'май 2023 г.' })] };
    expect(diffSubmissions(before, after)).toEqual({
      added: [],
      removed: [],
      changed: [{ kind: 'roadmap', key: '2. Раздел › 1', label: '1 Б', fields: [{ field: 'deadline', before: 'март 2023 г.', after: 'май 2023 г.' }] }],
    });
  });

  it('reports an indicator year value that changed, and added and removed indicators', () => {
    const after: SubmissionContent = {
      ...BEFORE,
      indicators: [
        ind('Доля школ с программами', { 2023: 80, 2024: 95 }),
        ind('Наличие муниципальной программы', { 2023: 'да', 2024: 'нет' }, { unit: 'да/нет' }),
        ind('Доля педагогов, прошедших курсы', { 2023: 30, 2024: 40 }),
      ],
    };
    expect(diffSubmissions(BEFORE, after)).toEqual({
      added: [{ kind: 'indicator', key: 'доля педагогов прошедших курсы', label: 'Доля педагогов, прошедших курсы' }],
      removed: [{ kind: 'indicator', key: 'количество семинаров', label: 'Количество семинаров' }],
      changed: [
        { kind: 'indicator', key: 'доля школ с программами', label: 'Доля школ с программами', fields: [{ field: '2024', before: 90, after: 95 }] },
        { kind: 'indicator', key: 'наличие муниципальной программы', label: 'Наличие муниципальной программы', fields: [{ field: '2024', before: 'да', after: 'нет' }] },
      ],
    });
  });

  it('reports a changed unit, a year added, and a corrected misspelling as a change of the name', () => {
    const name = 'Число педагогов, прошедших курсы повышения квалификации';
    const before: SubmissionContent = { roadmap: [], indicators: [ind('Число педагогов, прошедших курсы повышения квалификацыи', { 2023: 5 }, { unit: 'чел' })] };
    const after: SubmissionContent = { roadmap: [], indicators: [ind(name, { 2023: 5, 2024: 7 }, { unit: 'чел.' })] };
    expect(diffSubmissions(before, after)).toEqual({
      added: [],
      removed: [],
      changed: [
        {
          kind: 'indicator',
          key: indicatorKey(name),
          label: name,
          fields: [
            { field: 'name', before: 'Число педагогов, прошедших курсы повышения квалификацыи', after: name },
            { field: 'unit', before: 'чел', after: 'чел.' },
            { field: '2024', before: null, after: 7 },
          ],
        },
      ],
    });
  });
});
