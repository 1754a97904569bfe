/**
 * Page-break splits in two real orders, as the regional workbook receives them (issue #7, item 6). The expected texts
 * are the documents' own (shared/seeds/003_*.txt lines 251–252, 004_*.txt lines 82–88 and 101–106).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractSubmission, fix, type RoadmapEntry } from '@svod/shared';
import { readXlsx } from '@svod/shared/xlsx';

const SEEDS = join(__dirname, '..', 'fixtures', 'seeds');

async function roadmapOf(file: string): Promise<RoadmapEntry[]> {
  const { grids } = await readXlsx(readFileSync(join(SEEDS, file)));
  return extractSubmission(grids).roadmap;
}

const byNumber = (entries: RoadmapEntry[], numbers: string[]) => numbers.map((n) => entries.find((e) => e.number === n));

describe('seed 004 (Zabaikalsky): cells split by a page break inside vertical merges', () => {
  let roadmap: RoadmapEntry[];
  beforeAll(async () => {
    roadmap = await roadmapOf('seed-004-zabaikalsky.xlsx');
  });

  // E40 ends «…в сложных»; after the repeated header the merged E42:E45 holds «социальных условиях» (…);».
  const RESULT_16 =
    'Проведен межрегиональный семинар-вебинар «Распространение и внедрение в субъектах Российской Федерации моделей и ' +
    'механизмов финансовой и методической поддержки школ с низкими результатами обучения и школ, функционирующих в сложных ' +
    'социальных условиях» (продолжительность – 2 дня, 50 участников из 5 регионов);';

  it('gives 16.2 its whole result, and 16.3–16.6, under the rest of that merged cell, the same whole result', () => {
    expect(byNumber(roadmap, ['16.2.', '16.3.', '16.4.', '16.5.', '16.6.'])).toEqual([
      {
        section: null,
        number: '16.2.',
        activity:
          'межрегиональный вебинар «Современные технологии оценки результатов обучения: формирующее оценивание, самооценка, ' +
          'взаимооценка, независимая оценка» с привлечением региональных и межрегиональных сетевых педагогических сообществ в ' +
          'рамках летней Краевой научно-образовательной инновационной сессии.',
        deadline: '29 июня',
        executor: 'ИРО Забайкальского края',
        result: RESULT_16,
      },
      {
        section: null,
        number: '16.3.',
        activity:
          'проблемный семинар «Эффективное управление: от качества образовательной среды – к качеству результатов ' +
          'образовательной деятельности» в рамках Межрегиональной научно-практической конференции «Итоги и перспективы ' +
          'введения ФГОС общего образования: модернизация содержания и технологий обучения».',
        deadline: '28 сентября',
        executor: 'ИРО Забайкальского края',
        result: RESULT_16,
      },
      {
        section: null,
        number: '16.4.',
        activity:
          'межрегиональный вебинар «Современные технологии преподавания и повышения образовательных результатов в рамках ' +
          'предметных областей: «русский язык», «литература», «математика», «обществознание» (3 вебинара) с привлечением ' +
          'предметных ассоциаций, региональных и межрегиональных сетевых педагогических сообществ.',
        deadline: '28 сентября',
        executor: 'ИРО Забайкальского края',
        result: RESULT_16,
      },
      {
        section: null,
        number: '16.5.',
        activity:
          'межрегиональный вебинар «Модели комплексного сопровождения участников образовательных отношений в школах с низкими ' +
          'результатами обучения и школах, функционирующих в сложных социальных условиях» в рамках всероссийской ' +
          'научно-практической конференции «Актуальные проблемы современного детства»',
        deadline: '23 ноября',
        executor: 'ИРО Забайкальского края',
        result: RESULT_16,
      },
      {
        section: null,
        number: '16.6.',
        activity:
          'межрегиональный семинар-вебинар «Распространение и внедрение в субъектах Российской Федерации моделей и механизмов ' +
          'финансовой и методической поддержки школ с низкими результатами обучения и школ, функционирующих в сложных ' +
          'социальных условиях» (продолжительность – 2 дня, 50 участников из 5 регионов)',
        deadline: '14 декабря',
        executor: 'ИРО Забайкальского края',
        result: RESULT_16,
      },
    ]);
  });

  it('no item takes the bare tail «социальных условиях» … as its result', () => {
    expect(roadmap.filter((e) => e.result.startsWith('социальных условиях'))).toEqual([]);
  });

  it('reads «Минобразования» (D56) + «Забайкальского края» (D58:D60) as one executor of 20 and of 20.1–20.3', () => {
    expect(byNumber(roadmap, ['20.', '20.1', '20.2', '20.3'])).toEqual([
      {
        section: null,
        number: '20.',
        activity: 'Организация мониторинга результатов реализации Мероприятия в Забайкальском крае',
        deadline: 'в течение всего периода',
        executor: 'Минобразования Забайкальского края',
        result: 'Отчеты о мониторинге результатов реализации Мероприятия в Забайкальском крае.',
      },
      {
        section: null,
        number: '20.1',
        activity:
          'Подготовка квартальных аналитических отчетов по выполнению плана работы по реализации Мероприятия (ежеквартально ' +
          'до 15 числа, месяца, следующего за отчетным).',
        deadline: 'в течение всего периода',
        executor: 'Минобразования Забайкальского края',
        result: '',
      },
      {
        section: null,
        number: '20.2',
        activity: 'Подготовка сводного аналитического отчета по реализации Мероприятия',
        deadline: '15-31 декабря',
        executor: 'Минобразования Забайкальского края',
        result: '',
      },
      {
        section: null,
        number: '20.3',
        activity: 'Осуществление контроля за освоением средств регионального и федерального бюджета по Мероприятию',
        deadline: 'в течение всего периода',
        executor: 'Минобразования Забайкальского края',
        result: '',
      },
    ]);
  });
});

describe('seed 004 (Zabaikalsky): the suggested join', () => {
  it('writes each split cell whole into both of its parts, so that no item changes its reading', async () => {
    const { grids } = await readXlsx(readFileSync(join(SEEDS, 'seed-004-zabaikalsky.xlsx')));
    const fixed = fix(grids, {}, { suggestions: true, ruleIds: ['continuation-row'] });
    const values = Object.fromEntries(fixed.edits.map((e) => [e.cell, e.value]));
    expect(values).toEqual({
      E40: expect.stringMatching(/^Проведен межрегиональный семинар-вебинар «Распространение .* в сложных социальных условиях» \(продолжительность – 2 дня, 50 участников из 5 регионов\);$/),
      E42: values.E40,
      D56: 'Минобразования Забайкальского края',
      D58: 'Минобразования Забайкальского края',
    });
    expect(fixed.report.sheets.flatMap((s) => s.diagnostics).filter((d) => d.ruleId === 'continuation-row')).toEqual([]);
    const numbered = (entries: RoadmapEntry[]) => entries.filter((e) => /^(16|20)\./.test(e.number ?? ''));
    expect(numbered(extractSubmission(fixed.workbook).roadmap)).toEqual(numbered(extractSubmission(grids).roadmap));
  });
});

describe('seed 003 (Ilansky): the unnumbered row 14 is a second line of item 2, not a split', () => {
  const SECTION_2 =
    '2. Создание условий для совершенствования системы управления качеством образования в школе на основании анализа ' +
    'данных в рамках школьной системы оценки качества образования';
  const SCHOOL_PROGRAMMES = 'Корректировка школьных программ повышения качества образования (перехода школы в эффективный режим работы)';

  let roadmap: RoadmapEntry[];
  beforeAll(async () => {
    roadmap = await roadmapOf('seed-003-ilansky.xlsx');
  });

  it('keeps item 2 and its sub-row apart, each with its own executor, result and plan', () => {
    const at = roadmap.findIndex((e) => e.section === SECTION_2 && e.number === '2');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(roadmap.slice(at, at + 2)).toEqual([
      {
        section: SECTION_2,
        number: '2',
        activity:
          'Разработка нормативно-правовых актов, регламентирующих деятельность муниципальной системы образования по ' +
          'повышению качества образования и поддержки школ',
        deadline: '',
        executor: 'Муниципальная рабочая группа',
        result: 'Муниципальная программа повышения качества образования.',
        plan: {
          '2021': 'Разработка муниципальной программы повышения качества образования (май-июнь 2021)',
          '2022': 'Корректировка муниципальной программы повышения качества образования (август 2022)',
          '2023': 'Корректировка муниципальной программы повышения качества образования (август 2023)',
          '2024': 'Корректировка муниципальной программы повышения качества образования (август 2024)',
        },
      },
      {
        section: SECTION_2,
        number: null,
        activity: '',
        deadline: '',
        executor: 'Руководители ОО Школьная рабочая группа',
        result: 'Школьные программы повышения качества образования (перехода школы в эффективный режим работы)',
        plan: {
          '2021': `${SCHOOL_PROGRAMMES} (август-сентябрь 2021)`,
          '2022': `${SCHOOL_PROGRAMMES} (август-сентябрь 2022)`,
          '2023': `${SCHOOL_PROGRAMMES} (август-сентябрь 2023)`,
          '2024': `${SCHOOL_PROGRAMMES} (август-сентябрь 2024)`,
        },
      },
    ]);
  });

  it('still joins the real splits of that section: item 1 with row 12 («Муниципальная» + «рабочая группа»)', () => {
    const item1 = roadmap.find((e) => e.section === SECTION_2 && e.number === '1');
    expect(item1?.executor).toBe('Муниципальная рабочая группа');
    expect(item1?.result).toBe('Рефлексивно-аналитическая записка по итогам мониторинга');
  });
});
