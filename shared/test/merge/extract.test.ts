import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GridWorkbook } from '../../src/grid/grid';
import { parseRangeA1 } from '../../src/grid/address';
import { extractSubmission, extractTemplate } from '../../src/merge';
import { readXlsx } from '../../src/xlsx';

const SEEDS = join(__dirname, '..', '..', '..', 'tests', 'fixtures', 'seeds');
const seed = async (file: string): Promise<GridWorkbook> => (await readXlsx(readFileSync(join(SEEDS, file)))).grids;

describe('extractTemplate', () => {
  it('reads the Kamchatka indicator template (seed 000): indicators with sections I–III, years 2020–2023, roadmap sections', async () => {
    const template = extractTemplate(await seed('seed-000-kamchatka.xlsx'));
    expect(template.indicators.length).toBeGreaterThanOrEqual(19);
    expect(template.years).toEqual([2020, 2021, 2022, 2023]);
    const sections = [...new Set(template.indicators.map((i) => i.section))];
    expect(sections.map((s) => s?.split(' ')[0])).toEqual(['I.', 'II.', 'III.']);
    const first = template.indicators[0]!;
    expect(first).toMatchObject({ number: '1.1', unit: '%', section: expect.stringMatching(/^I\. Образовательные результаты/) });
    // The footnote mark stays in the name but not in the key.
    expect(first.name).toMatch(/¹$/);
    expect(first.key).toBe('доля обучающихся получивших неудовлетворительный результат на егэ по математике базовый уровень');
    expect(template.indicators.find((i) => i.number === '3.2')).toMatchObject({ unit: 'шт.', section: 'III. Методическое сопровождение' });
    // 1.9 is split by a page break: «… не справившихся с» + «выполнением ВПР по русскому языку (6 класс)».
    expect(template.indicators.find((i) => i.number === '1.9')!.name).toBe('Доля обучающихся, не справившихся с выполнением ВПР по русскому языку (6 класс)');
    expect(template.sections).toEqual([expect.stringMatching(/^I\. Организационные, мониторинговые/), expect.stringMatching(/^II\. Организационно-методические/)]);
    expect(template.indicators.every((i) => !('values' in i))).toBe(true);
  });
});

describe('extractSubmission', () => {
  it('reads the Ilansky indicators (seed 003): да and numbers as written, sections without numbers', async () => {
    const content = extractSubmission(await seed('seed-003-ilansky.xlsx'));
    expect(content.indicators.length).toBe(51);
    const first = content.indicators[0]!;
    expect(first).toMatchObject({
      number: null,
      unit: 'да/нет',
      section: expect.stringMatching(/^Создание структуры управления качеством/),
      values: { 2021: 'да', 2022: 'да', 2023: 'да', 2024: 'да' },
    });
    expect(content.indicators.find((i) => i.unit === 'процент')!.values).toEqual({ 2021: 80, 2022: 100, 2023: 100, 2024: 100 });
    expect(content.indicators.find((i) => i.name === 'Школа молодого педагога')).toMatchObject({ unit: 'числовой', values: { 2021: 6, 2022: 6, 2023: 6, 2024: 6 } });
    expect(new Set(content.indicators.map((i) => i.section)).size).toBe(6);
  });

  it('reads the Ilansky roadmap planned by year columns, its section split by a page break joined', async () => {
    const { roadmap } = extractSubmission(await seed('seed-003-ilansky.xlsx'));
    const five = roadmap.filter((e) => e.section?.startsWith('5.'));
    expect(five[0]!.section).toMatch(/направленную на повышение качества образования в школах муниципалитета$/);
    const item = roadmap.find((e) => e.section?.startsWith('2.') && e.number === '1')!;
    // «Рефлексивно-» + «аналитическая записка»: a word broken at its hyphen is joined without a space.
    expect(item.result).toBe('Рефлексивно-аналитическая записка по итогам мониторинга');
    expect(item.executor).toBe('Муниципальная рабочая группа');
    expect(Object.keys(item.plan!)).toEqual(['2021', '2022', '2023', '2024']);
    expect(item.plan!['2021']).toMatch(/^Выработка предложений и рекомендаций на основе данных мониторинга/);
  });

  it('reads a roadmap: sections kept, continuations joined (Kirov, seed 001)', async () => {
    const { roadmap, indicators } = extractSubmission(await seed('seed-001-kirov.xlsx'));
    expect(indicators).toEqual([]);
    const item = roadmap.find((e) => e.number === '1.4')!;
    expect(item).toEqual({
      section: expect.stringMatching(/^1\. Нормативно-правовое и организационное обеспечение/),
      number: '1.4',
      activity: 'Участие муниципального координатора с представителями министерства образования Кировской области в вебинаре',
      deadline: '28.01.2021',
      executor: 'ФГБУ «Федеральный институт оценки качества образования»',
      result: 'участие муниципального координатора проекта 500+ в вебинаре',
    });
    // Both roadmap tables of the workbook (two sheets), the duplicated 4.2 of the second kept as written.
    expect(roadmap.filter((e) => e.number === '4.2').map((e) => e.section!.slice(0, 30))).toEqual([
      '4. Уникальные практики в регио',
      '4. Анализ проведения работы с ',
      '4. Анализ проведения работы с ',
    ]);
    expect(roadmap.filter((e) => e.number === '1.1').map((e) => e.section!.slice(0, 30))).toEqual(['1. Нормативно-правовое и орган', '1. Нормативно-правовое обеспеч']);
  });

  it('keeps nested sections of the Lazo roadmap (seed 002) as a path', async () => {
    const { roadmap } = extractSubmission(await seed('seed-002-lazo.xlsx'));
    const item = roadmap.find((e) => e.number === '1.2.3.')!;
    expect(item.section).toBe('1.2. Научно-методическое сопровождение участников проекта');
    expect(item.sectionPath).toEqual([expect.stringMatching(/^1\. Трек 1\. Адресная методическая помощь/), '1.2. Научно-методическое сопровождение участников проекта']);
    expect(roadmap.find((e) => e.number === '3.2.6.')).toBeDefined();
  });

  it('shares a merged executor and result with every row they cover', () => {
    const workbook: GridWorkbook = {
      sheets: [
        {
          name: 'План',
          rows: [
            ['План мероприятий на 2023 год'],
            [],
            ['№', 'Мероприятие', 'Срок', 'Исполнитель', 'Результат'],
            ['1. Организационные мероприятия'],
            ['1.1', 'Совещание с руководителями', 'март 2023 г.', 'МБУ ИМЦ', 'Протокол'],
            ['1.2', 'Семинар для заместителей', 'апрель 2023 г.', null, null],
            ['1.3', 'Анкетирование', 'май 2023 г.', 'УО', 'Справка'],
          ],
          merges: ['A4:E4', 'D5:D6', 'E5:E6'].map((a) => parseRangeA1(a)!),
        },
      ],
    };
    const { roadmap } = extractSubmission(workbook);
    expect(roadmap.map((e) => [e.number, e.section, e.executor, e.result])).toEqual([
      ['1.1', '1. Организационные мероприятия', 'МБУ ИМЦ', 'Протокол'],
      ['1.2', '1. Организационные мероприятия', 'МБУ ИМЦ', 'Протокол'],
      ['1.3', '1. Организационные мероприятия', 'УО', 'Справка'],
    ]);
  });

  it('never throws on an empty or tableless workbook', () => {
    expect(extractSubmission({ sheets: [] })).toEqual({ indicators: [], roadmap: [], glossary: [] });
    expect(extractSubmission({ sheets: [{ name: 'Лист1', rows: [['просто текст']] }] })).toEqual({ indicators: [], roadmap: [], glossary: [] });
    expect(extractTemplate({ sheets: [] })).toEqual({ indicators: [], years: [], sections: [] });
  });
});
