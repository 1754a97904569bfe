import type { CellValue } from '../../src/grid/grid';
import { rangeToA1 } from '../../src/grid/address';
import {
  aggregate,
  buildRegionalWorkbook,
  indicatorKey,
  orderRoadmap,
  type AcceptedSubmission,
  type IndicatorEntry,
  type MergeInput,
  type RegionalSheet,
  type RegionalTemplate,
  type RoadmapEntry,
  type StatusRow,
} from '../../src/merge';

const tpl = (number: string, name: string, unit: string, section: string): RegionalTemplate['indicators'][number] => ({
  key: indicatorKey(name),
  name,
  number,
  unit,
  section,
});

const S1 = 'I. Образовательные результаты';
const S2 = 'II. Кадровое обеспечение';
const TEMPLATE: RegionalTemplate = {
  indicators: [
    tpl('1.1', 'Доля школ с программами', '%', S1),
    tpl('1.2', 'Количество семинаров', 'шт.', S1),
    tpl('2.1', 'Наличие муниципальной программы', 'да/нет', S2),
    tpl('2.2', 'Число педагогов, прошедших курсы повышения квалификации', 'чел.', S2),
  ],
  years: [2023, 2024],
  sections: [],
};

const ind = (name: string, unit: string, v2023: CellValue, v2024: CellValue): IndicatorEntry => ({
  key: indicatorKey(name),
  name,
  number: null,
  unit,
  section: null,
  values: { 2023: v2023, 2024: v2024 },
});

const item = (section: string | null, number: string | null, activity: string, extra: Partial<RoadmapEntry> = {}): RoadmapEntry => ({
  section,
  number,
  activity,
  deadline: 'март 2023 г.',
  executor: 'УО',
  result: 'Протокол',
  ...extra,
});

const SUBMISSIONS: AcceptedSubmission[] = [
  {
    municipalityId: 'yak',
    name: 'Яковлевский муниципальный округ',
    version: 2,
    submittedAt: '2024-02-20T10:00:00+10:00',
    content: {
      indicators: [
        ind('Доля школ с программами', '%', 75, null),
        ind('Количество семинаров', 'шт.', '-', 2),
        ind('Наличие муниципальной программы', 'да/нет', 'да', 'нет'),
        ind('Число педагогов, прошедших курсы повышения квалификации', 'чел.', null, 3),
      ],
      roadmap: [item('1. Организационные мероприятия', '1.1', 'Совещание в Яковлевском')],
    },
  },
  {
    municipalityId: 'anu',
    name: 'Анучинский муниципальный округ',
    version: 1,
    submittedAt: '2024-02-18T09:30:00+10:00',
    content: {
      indicators: [
        ind('Доля школ с программами', '%', 80, '90 %'),
        ind('Количество семинаров', 'шт.', 5, 6),
        ind('Наличие муниципальной программы', 'да/нет', 'да', 'Да'),
        ind('Число педагогов, прошедших курсы повышения квалификации', 'чел.', 10, '-'),
        ind('Показатель, которого нет в шаблоне', 'шт.', 1, 1),
      ],
      roadmap: [
        item('1. Организационные мероприятия', '1.10', 'Десятое'),
        item('1. Организационные мероприятия', '1.9', 'Девятое'),
        item('1. Организационные мероприятия', null, 'Без номера после девятого'),
        item('2. Методическое сопровождение', '2.1', 'Семинар', { executor: '', result: '' }),
        item('1. Организационные мероприятия', '1.2', 'Второе'),
      ],
    },
  },
  {
    municipalityId: 'kir',
    name: 'Кировский муниципальный район',
    version: 3,
    submittedAt: '2024-02-25T16:45:00+10:00',
    content: {
      indicators: [
        ind('Доля школ с программами', '%', 60, 70),
        ind('Количество семинаров', 'шт.', 3, null),
        ind('Наличие муниципальной программы', 'да/нет', 'нет', 'да'),
        // A misspelling: two letters off a long name still meets the template.
        ind('Число педагогов, прошедших курсы повышения квалификацыи', 'чел.', 5, 7),
      ],
      roadmap: [],
    },
  },
];

const status = (id: string, name: string, s: StatusRow['status'], version: number | null, submittedAt: string | null, errors = 0, warnings = 0): StatusRow => ({
  municipalityId: id,
  name,
  status: s,
  version,
  submittedAt,
  errors,
  warnings,
});

const STATUS: StatusRow[] = [
  status('yak', 'Яковлевский муниципальный округ', 'принято', 2, '2024-02-20T10:00:00+10:00', 0, 3),
  status('mih', 'Михайловский муниципальный район', 'не сдано', null, null),
  status('anu', 'Анучинский муниципальный округ', 'принято', 1, '2024-02-18T09:30:00+10:00', 0, 1),
  status('kir', 'Кировский муниципальный район', 'сдано с ошибками', 4, '2024-02-26T08:00:00Z', 2, 5),
];

const INPUT: MergeInput = { regionName: 'Министерство образования Приморского края', template: TEMPLATE, deadline: '2024-03-01', submissions: SUBMISSIONS, status: STATUS };

const sheet = (input: MergeInput, name: string): RegionalSheet => buildRegionalWorkbook(input).sheets.find((s) => s.name === name)!;
const rowOf = (s: RegionalSheet, first: CellValue, col = 0) => s.rows.find((r) => r.cells[col] === first)!;
const merges = (s: RegionalSheet) => s.merges.map(rangeToA1);

describe('buildRegionalWorkbook', () => {
  it('has three sheets in order', () => {
    expect(buildRegionalWorkbook(INPUT).sheets.map((s) => s.name)).toEqual(['Свод показателей', 'Дорожные карты', 'Статус']);
  });

  describe('Свод показателей', () => {
    const s = sheet(INPUT, 'Свод показателей');
    const MUNICIPALITIES = ['Анучинский муниципальный округ', 'Кировский муниципальный район', 'Михайловский муниципальный район', 'Яковлевский муниципальный округ'];

    it('starts with the title rows and a two-row header: years over municipalities plus the region', () => {
      expect(s.rows.slice(0, 4).map((r) => [r.kind, r.cells[0]])).toEqual([
        ['title', 'Министерство образования Приморского края'],
        ['title', 'Свод целевых показателей'],
        ['note', 'Срок сдачи: 01.03.2024'],
        ['note', 'Приняты данные 3 из 4 муниципалитетов.'],
      ]);
      const [h1, h2] = s.rows.filter((r) => r.kind === 'header');
      expect(h1!.cells).toEqual(['№', 'Показатель', 'Ед. изм.', 2023, null, null, null, null, 2024, null, null, null, null]);
      expect(h2!.cells).toEqual([null, null, null, ...MUNICIPALITIES, 'Регион', ...MUNICIPALITIES, 'Регион']);
      expect(merges(s)).toEqual(expect.arrayContaining(['A6:A7', 'B6:B7', 'C6:C7', 'D6:H6', 'I6:M6']));
      expect(s.freeze).toEqual({ rows: 7, cols: 3 });
      expect(s.columns).toHaveLength(13);
      expect(s.columns[1]!.width).toBeGreaterThanOrEqual(50);
    });

    it('keeps the template order and its sections as merged section rows', () => {
      const table = s.rows.slice(7);
      expect(table.map((r) => [r.kind, r.cells[0]])).toEqual([
        ['section', S1],
        ['data', '1.1'],
        ['data', '1.2'],
        ['section', S2],
        ['data', '2.1'],
        ['data', '2.2'],
      ]);
      expect(merges(s)).toEqual(expect.arrayContaining(['A8:C8', 'A11:C11']));
    });

    it('aggregates: mean of %, sum of counts, number of «да»; `-` and empty ignored; a municipality that did not submit stays empty', () => {
      //                                    Ан   Кир   Мих   Як   Регион
      expect(rowOf(s, '1.1').cells.slice(1)).toEqual(['Доля школ с программами', '%', 80, 60, null, 75, 71.67, '90 %', 70, null, null, 80]);
      expect(rowOf(s, '1.2').cells.slice(3)).toEqual([5, 3, null, '-', 8, 6, null, null, 2, 8]);
      expect(rowOf(s, '2.1').cells.slice(3)).toEqual(['да', 'нет', null, 'да', 2, 'Да', 'да', null, 'нет', 2]);
      expect(rowOf(s, '2.2').cells.slice(3)).toEqual([10, 5, null, null, 15, '-', 7, null, 3, 10]);
      expect(rowOf(s, '1.1').formats).toEqual([null, null, null, null, null, null, null, '0.0', null, null, null, null, '0.0']);
      expect(rowOf(s, '1.2').formats![7]).toBe('0');
    });

    it('leaves out indicators the template does not have', () => {
      expect(s.rows.some((r) => r.cells.includes('Показатель, которого нет в шаблоне'))).toBe(false);
    });

    it('gives long names a taller row', () => {
      const input: MergeInput = { ...INPUT, template: { ...TEMPLATE, indicators: [tpl('1.1', 'Очень длинное название показателя '.repeat(8), '%', S1)] } };
      const row = rowOf(sheet(input, 'Свод показателей'), '1.1');
      expect(row.height).toBeGreaterThanOrEqual(45);
    });
  });

  describe('aggregate', () => {
    it('reads values as a person would', () => {
      expect(aggregate('percent', [50, '75 %', '-', null, 'н/д'])).toEqual({ value: 62.5, format: '0.0' });
      expect(aggregate('percent', [1, 2, 2])).toEqual({ value: 1.67, format: '0.0' });
      expect(aggregate('count', ['1 200', 300, 'да'])).toEqual({ value: 1500, format: '0' });
      expect(aggregate('number', [1.5, 2.25])).toEqual({ value: 3.75, format: null });
      expect(aggregate('boolean', ['да', 'Да', 'нет', 1, null, true])).toEqual({ value: 3, format: '0' });
      expect(aggregate('boolean', [null, '-'])).toEqual({ value: null, format: null });
      expect(aggregate('percent', [null, null])).toEqual({ value: null, format: null });
      expect(aggregate(null, [1, 2])).toEqual({ value: null, format: null });
    });
  });

  describe('Дорожные карты', () => {
    const s = sheet(INPUT, 'Дорожные карты');

    it('has provenance columns then the roadmap columns, frozen', () => {
      const header = s.rows.find((r) => r.kind === 'header')!;
      expect(header.cells).toEqual(['Муниципалитет', 'Версия', '№', 'Мероприятие', 'Срок', 'Исполнитель', 'Результат']);
      expect(s.freeze).toEqual({ rows: s.rows.indexOf(header) + 1, cols: 3 });
    });

    it('lists municipalities by name, items by number inside their sections, section rows kept', () => {
      const table = s.rows.filter((r) => r.kind === 'section' || r.kind === 'data');
      expect(table.map((r) => [r.kind, r.cells[0], r.cells[1], r.kind === 'section' ? r.cells[2] : r.cells[2] ?? r.cells[3]])).toEqual([
        ['section', 'Анучинский муниципальный округ', 1, '1. Организационные мероприятия'],
        ['data', 'Анучинский муниципальный округ', 1, '1.2'],
        ['data', 'Анучинский муниципальный округ', 1, '1.9'],
        ['data', 'Анучинский муниципальный округ', 1, 'Без номера после девятого'],
        ['data', 'Анучинский муниципальный округ', 1, '1.10'],
        ['section', 'Анучинский муниципальный округ', 1, '2. Методическое сопровождение'],
        ['data', 'Анучинский муниципальный округ', 1, '2.1'],
        ['section', 'Яковлевский муниципальный округ', 2, '1. Организационные мероприятия'],
        ['data', 'Яковлевский муниципальный округ', 2, '1.1'],
      ]);
      const first = s.rows.findIndex((r) => r.kind === 'section');
      expect(merges(s)).toContain(`C${first + 1}:G${first + 1}`);
      expect(rowOf(s, '2.1', 2).cells).toEqual(['Анучинский муниципальный округ', 1, '2.1', 'Семинар', 'март 2023 г.', null, null]);
    });

    it('writes a roadmap planned by years as lines under the activity', () => {
      const plan = { 2021: 'Создание рабочих групп', 2022: 'Заседания групп' };
      const input: MergeInput = {
        ...INPUT,
        submissions: [{ ...SUBMISSIONS[0]!, content: { indicators: [], roadmap: [item(null, '1', 'Работа групп', { deadline: '', plan })] } }],
      };
      const row = rowOf(sheet(input, 'Дорожные карты'), '1', 2);
      expect(row.cells.slice(3, 5)).toEqual(['Работа групп\n2021: Создание рабочих групп\n2022: Заседания групп', '2021–2022']);
    });

    it('nests sections as they are nested in the roadmap', () => {
      const path = ['1. Трек 1.', '1.1. Организационные мероприятия'];
      const input: MergeInput = {
        ...INPUT,
        submissions: [
          {
            ...SUBMISSIONS[0]!,
            content: {
              indicators: [],
              roadmap: [
                item(path[1]!, '1.1.1.', 'Первое', { sectionPath: path }),
                item(path[1]!, '1.1.2.', 'Второе', { sectionPath: path }),
                item('1.2. Методическое', '1.2.1.', 'Третье', { sectionPath: [path[0]!, '1.2. Методическое'] }),
              ],
            },
          },
        ],
      };
      const rows = sheet(input, 'Дорожные карты').rows.filter((r) => r.kind === 'section' || r.kind === 'data');
      expect(rows.map((r) => r.cells[2])).toEqual(['1. Трек 1.', '1.1. Организационные мероприятия', '1.1.1.', '1.1.2.', '1.2. Методическое', '1.2.1.']);
    });
  });

  describe('Статус', () => {
    const s = sheet(INPUT, 'Статус');
    it('lists every municipality by name with its status, version, time, errors and warnings', () => {
      expect(s.rows[2]!.cells[0]).toBe('Срок сдачи: 01.03.2024');
      const header = s.rows.find((r) => r.kind === 'header')!;
      expect(header.cells).toEqual(['Муниципалитет', 'Статус', 'Версия', 'Сдано', 'Ошибок', 'Предупреждений']);
      const data = s.rows.filter((r) => r.kind === 'data').map((r) => r.cells);
      expect(data).toEqual([
        ['Анучинский муниципальный округ', 'принято', 1, new Date(Date.UTC(2024, 1, 18, 9, 30)), 0, 1],
        ['Кировский муниципальный район', 'сдано с ошибками', 4, new Date(Date.UTC(2024, 1, 26, 8, 0)), 2, 5],
        ['Михайловский муниципальный район', 'не сдано', null, null, 0, 0],
        ['Яковлевский муниципальный округ', 'принято', 2, new Date(Date.UTC(2024, 1, 20, 10, 0)), 0, 3],
      ]);
      expect(s.rows[s.rows.length - 1]).toMatchObject({ kind: 'total', cells: ['Итого', 'принято 2 из 4', null, null, 2, 9] });
      expect(s.columns[3]!.numberFormat).toBe('dd.mm.yyyy hh:mm');
    });

    it('says when there is no deadline', () => {
      expect(sheet({ ...INPUT, deadline: null }, 'Статус').rows[2]!.cells[0]).toBe('Срок сдачи не установлен');
    });
  });

  describe('determinism', () => {
    it('gives the same cells for the same input', () => {
      expect(buildRegionalWorkbook(INPUT)).toEqual(buildRegionalWorkbook(structuredClone(INPUT)));
    });

    it('does not depend on the order of submissions and status rows', () => {
      const shuffled: MergeInput = { ...INPUT, submissions: [SUBMISSIONS[2]!, SUBMISSIONS[0]!, SUBMISSIONS[1]!], status: STATUS.slice().reverse() };
      expect(buildRegionalWorkbook(shuffled)).toEqual(buildRegionalWorkbook(INPUT));
    });

    it('does not change its input', () => {
      const copy = structuredClone(INPUT);
      buildRegionalWorkbook(INPUT);
      expect(INPUT).toEqual(copy);
    });

    it('takes the latest of two accepted versions of one municipality, whatever their order', () => {
      const older: AcceptedSubmission = { ...SUBMISSIONS[0]!, version: 1, content: { indicators: [ind('Доля школ с программами', '%', 10, 10)], roadmap: [] } };
      const a = buildRegionalWorkbook({ ...INPUT, submissions: [older, ...SUBMISSIONS] });
      const b = buildRegionalWorkbook({ ...INPUT, submissions: [...SUBMISSIONS, older] });
      expect(a).toEqual(b);
      expect(a).toEqual(buildRegionalWorkbook(INPUT));
    });
  });
});

describe('orderRoadmap', () => {
  it('sorts by number components inside a section, sections in the order they first appear', () => {
    const entries = [item('A', '1.10', 'x'), item('B', '2.1', 'y'), item('A', '1.2', 'z'), item('A', '1.9', 'w')];
    expect(orderRoadmap(entries).map((e) => e.number)).toEqual(['1.2', '1.9', '1.10', '2.1']);
  });
});
