import type { CellValue } from '../../src/grid/grid';
import { rangeToA1 } from '../../src/grid/address';
import {
  aggregate,
  buildRegionalWorkbook,
  indicatorKey,
  orderRoadmap,
  svodValue,
  type IndicatorEntry,
  type MergeInput,
  type RegionalSheet,
  type RegionalTemplate,
  type RoadmapEntry,
} from '../../src/merge';
import { regionInput, type AcceptedVersion } from '../../../tests/support/region-input';

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

const SUBMISSIONS: AcceptedVersion[] = [
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

const INPUT: MergeInput = regionInput({
  regionName: 'Министерство образования Приморского края',
  template: TEMPLATE,
  deadline: '2024-03-01',
  timeZone: 'Asia/Vladivostok',
  submissions: SUBMISSIONS,
  // Кировский sent a version 4 with two errors after its accepted version 3; Михайловский sent nothing.
  rejected: { kir: { errors: 2, warnings: 5, submittedAt: '2024-02-26T08:00:00Z' } },
  silent: { mih: 'Михайловский муниципальный район' },
  now: '2024-02-29T00:00:00Z',
});

const sheet = (input: MergeInput, name: string): RegionalSheet => buildRegionalWorkbook(input).sheets.find((s) => s.name === name)!;
const rowOf = (s: RegionalSheet, first: CellValue, col = 0) => s.rows.find((r) => r.cells[col] === first)!;
const merges = (s: RegionalSheet) => s.merges.map(rangeToA1);
const withSubmissions = (submissions: AcceptedVersion[]): MergeInput => regionInput({ regionName: 'Регион', template: TEMPLATE, deadline: '2024-03-01', submissions });

describe('buildRegionalWorkbook', () => {
  it('has the Свод, the roadmaps, the status and what did not go in, in order', () => {
    expect(buildRegionalWorkbook(INPUT).sheets.map((s) => s.name)).toEqual(['Свод показателей', 'Дорожные карты', 'Статус', 'Не вошло в свод']);
  });

  describe('Свод показателей', () => {
    const s = sheet(INPUT, 'Свод показателей');

    it('starts with the title rows and a one-row header: number, name, unit, one column per year', () => {
      expect(s.rows.slice(0, 5).map((r) => [r.kind, r.cells[0]])).toEqual([
        ['title', 'Министерство образования Приморского края'],
        ['title', 'Свод целевых показателей'],
        ['note', 'Срок сдачи: 01.03.2024, до 23:59 (UTC+10).'],
        ['note', 'В своде данные 3 из 4 муниципалитетов (какая версия и почему — на листе «Статус»).'],
        ['note', 'Не вошло в свод: 2 — что и почему, на листе «Не вошло в свод».'],
      ]);
      const headers = s.rows.filter((r) => r.kind === 'header');
      expect(headers.map((r) => r.cells)).toEqual([['№', 'Показатель, муниципалитет', 'Ед. изм.', 2023, 2024]]);
      expect(s.freeze).toEqual({ rows: 7, cols: 0 });
      expect(s.orientation).toBe('portrait');
      expect(s.columns[1]!.width).toBeGreaterThanOrEqual(50);
    });

    it('keeps the template order and its sections; each indicator heads a block of the municipalities in the Свод and the region', () => {
      const table = s.rows.slice(7);
      const MUNICIPALITIES = ['Анучинский муниципальный округ', 'Кировский муниципальный район', 'Яковлевский муниципальный округ'];
      const block = (number: string, label: string) => [['group', number], ...MUNICIPALITIES.map((m) => ['data', m]), ['total', label]];
      expect(table.map((r) => [r.kind, r.kind === 'group' || r.kind === 'section' ? r.cells[0] : r.cells[1]])).toEqual([
        ['section', S1],
        ...block('1.1', 'Регион: среднее'),
        ...block('1.2', 'Регион: сумма'),
        ['section', S2],
        ...block('2.1', 'Регион: число «да»'),
        ...block('2.2', 'Регион: сумма'),
      ]);
      expect(merges(s)).toEqual(expect.arrayContaining(['A8:E8', 'A19:E19']));
    });

    it('writes every number as a number (text «90 %» included) and aggregates what it shows: mean of %, sum of counts, number of «да»', () => {
      const block = (number: string) => {
        const at = s.rows.findIndex((r) => r.kind === 'group' && r.cells[0] === number);
        return s.rows.slice(at, at + 5).map((r) => r.cells.slice(1));
      };
      expect(block('1.1')).toEqual([
        ['Доля школ с программами', '%', null, null],
        ['Анучинский муниципальный округ', null, 80, 90],
        ['Кировский муниципальный район', null, 60, 70],
        ['Яковлевский муниципальный округ', null, 75, null],
        ['Регион: среднее', null, 71.67, 80],
      ]);
      expect(block('1.2').slice(1)).toEqual([
        ['Анучинский муниципальный округ', null, 5, 6],
        ['Кировский муниципальный район', null, 3, null],
        ['Яковлевский муниципальный округ', null, '-', 2],
        ['Регион: сумма', null, 8, 8],
      ]);
      expect(block('2.1').slice(1).map((r) => r.slice(2))).toEqual([['да', 'Да'], ['нет', 'да'], ['да', 'нет'], [2, 2]]);
      // The misspelt name of Кировский («квалификацыи») still meets 2.2.
      expect(block('2.2').slice(1).map((r) => r.slice(2))).toEqual([[10, '-'], [5, 7], [null, 3], [15, 10]]);
      const regional = s.rows.filter((r) => r.kind === 'total');
      expect(regional.map((r) => r.formats?.slice(3))).toEqual([['0.0', '0.0'], ['0', '0'], ['0', '0'], ['0', '0']]);
    });

    it('leaves out indicators the template does not have, and says so on «Не вошло в свод»', () => {
      expect(s.rows.some((r) => r.cells.includes('Показатель, которого нет в шаблоне'))).toBe(false);
      const out = sheet(INPUT, 'Не вошло в свод').rows.filter((r) => r.kind === 'data').map((r) => r.cells.slice(0, 6));
      expect(out).toEqual([
        ['Анучинский муниципальный округ', 1, null, 'Показатель, которого нет в шаблоне', '2023: 1; 2024: 1', 'нет в региональном шаблоне'],
        ['Кировский муниципальный район', 4, null, '(вся версия)', null, 'версия отклонена (2 ошибки): в своде версия 3'],
      ]);
    });

    it('gives long names a taller row', () => {
      const input: MergeInput = { ...INPUT, template: { ...TEMPLATE, indicators: [tpl('1.1', 'Очень длинное название показателя '.repeat(8), '%', S1)] } };
      const row = rowOf(sheet(input, 'Свод показателей'), '1.1');
      expect(row.height).toBeGreaterThanOrEqual(45);
    });

    it('is not built for a region that collects roadmaps only', () => {
      const names = buildRegionalWorkbook({ ...INPUT, template: null }).sheets.map((x) => x.name);
      expect(names).toEqual(['Дорожные карты', 'Статус', 'Не вошло в свод']);
      const roadmapOnly = buildRegionalWorkbook({ ...INPUT, template: { indicators: [], years: [], sections: ['1. Организационные мероприятия'] } });
      expect(roadmapOnly.sheets.map((x) => x.name)).toEqual(['Дорожные карты', 'Статус', 'Не вошло в свод']);
    });
  });

  describe('svodValue and aggregate', () => {
    it('turns text that is only a number into a number, and nothing else', () => {
      expect(['11,5', '6', '6 %', '1 200', ' 75 ', 'не менее 75', '-', 'да', null, 3].map((v) => svodValue('percent', v))).toEqual([11.5, 6, 6, 1200, 75, 'не менее 75', '-', 'да', null, 3]);
      expect(svodValue('boolean', 'да')).toBe('да');
    });

    it('adds up what the Свод shows as numbers', () => {
      expect(aggregate('percent', [50, 75, '-', null, 'н/д'])).toEqual({ value: 62.5, format: '0.0' });
      expect(aggregate('percent', [1, 2, 2])).toEqual({ value: 1.67, format: '0.0' });
      expect(aggregate('count', [1200, 300, 'да', 'не менее 5'])).toEqual({ value: 1500, format: '0' });
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
      const input = withSubmissions([{ ...SUBMISSIONS[0]!, content: { indicators: [], roadmap: [item(null, '1', 'Работа групп', { deadline: '', plan })] } }]);
      const row = rowOf(sheet(input, 'Дорожные карты'), '1', 2);
      expect(row.cells.slice(3, 5)).toEqual(['Работа групп\n2021: Создание рабочих групп\n2022: Заседания групп', '2021–2022']);
    });

    it('nests sections as they are nested in the roadmap', () => {
      const path = ['1. Трек 1.', '1.1. Организационные мероприятия'];
      const input = withSubmissions([
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
        ]);
      const rows = sheet(input, 'Дорожные карты').rows.filter((r) => r.kind === 'section' || r.kind === 'data');
      expect(rows.map((r) => r.cells[2])).toEqual(['1. Трек 1.', '1.1. Организационные мероприятия', '1.1.1.', '1.1.2.', '1.2. Методическое', '1.2.1.']);
    });
  });

  describe('Статус', () => {
    const s = sheet(INPUT, 'Статус');
    it('lists every municipality with its status, its last version and the version in the Свод, times on the region’s clock', () => {
      expect(s.rows.slice(2, 6).map((r) => r.cells[0])).toEqual([
        'Срок сдачи: 01.03.2024, до 23:59 (UTC+10).',
        'В своде данные 3 из 4 муниципалитетов.',
        'По статусам: принято — 2, сдано с ошибками — 1, не сдано — 1.',
        'Время — UTC+10 (Asia/Vladivostok).',
      ]);
      const header = s.rows.find((r) => r.kind === 'header')!;
      expect(header.cells).toEqual(['Муниципалитет', 'Статус', 'Последняя версия', 'Прислана (UTC+10)', 'Ошибок', 'Предупреждений', 'В своде версия', 'Показателей в своде', 'Примечание']);
      const data = s.rows.filter((r) => r.kind === 'data').map((r) => r.cells);
      expect(data).toEqual([
        ['Анучинский муниципальный округ', 'принято', 1, new Date(Date.UTC(2024, 1, 18, 9, 30)), 0, 1, 1, '4 из 5', 'В своде версия 1 от 18.02.2024 09:30 UTC+10. В свод вошло 4 из 5 показателей; нет в шаблоне: 1.'],
        ['Кировский муниципальный район', 'сдано с ошибками', 4, new Date(Date.UTC(2024, 1, 26, 18, 0)), 2, 5, 3, '4 из 4', 'Версия 4 отклонена (2 ошибки). В своде версия 3 от 25.02.2024 16:45 UTC+10. В свод вошло 4 из 4 показателей.'],
        ['Михайловский муниципальный район', 'не сдано', null, null, null, null, null, null, 'Ещё ничего не прислано.'],
        ['Яковлевский муниципальный округ', 'принято', 2, new Date(Date.UTC(2024, 1, 20, 10, 0)), 0, 0, 2, '4 из 4', 'В своде версия 2 от 20.02.2024 10:00 UTC+10. В свод вошло 4 из 4 показателей.'],
      ]);
      expect(s.rows[s.rows.length - 1]).toMatchObject({ kind: 'total', cells: ['Итого', 'в своде 3 из 4', null, null, 2, 6, null, null, null] });
      expect(s.columns[3]!.numberFormat).toBe('dd.mm.yyyy hh:mm');
    });

    it('says when there is no deadline', () => {
      expect(sheet({ ...INPUT, deadline: null }, 'Статус').rows[2]!.cells[0]).toBe('Срок сдачи не установлен.');
    });
  });

  describe('determinism', () => {
    it('gives the same cells for the same input', () => {
      expect(buildRegionalWorkbook(INPUT)).toEqual(buildRegionalWorkbook(structuredClone(INPUT)));
    });

    it('does not depend on the order of municipalities', () => {
      const shuffled: MergeInput = { ...INPUT, municipalities: INPUT.municipalities.slice().reverse() };
      expect(buildRegionalWorkbook(shuffled)).toEqual(buildRegionalWorkbook(INPUT));
    });

    it('does not change its input', () => {
      const copy = structuredClone(INPUT);
      buildRegionalWorkbook(INPUT);
      expect(INPUT).toEqual(copy);
    });
  });
});

describe('orderRoadmap', () => {
  it('sorts by number components inside a section, sections in the order they first appear', () => {
    const entries = [item('A', '1.10', 'x'), item('B', '2.1', 'y'), item('A', '1.2', 'z'), item('A', '1.9', 'w')];
    expect(orderRoadmap(entries).map((e) => e.number)).toEqual(['1.2', '1.9', '1.10', '2.1']);
  });
});
