import {
  deadlineFromCell,
  deadlineSpan,
  formatDeadline,
  fuzzyMonth,
  lookupMonth,
  parseDeadline,
  type Deadline,
  type DeadlineContext,
  type DeadlineProblem,
  type RecurrenceUnit,
} from '../../src/deadline';

// ——— helpers ———

const NONE: DeadlineContext = {};
const Y2021: DeadlineContext = { period: { from: 2021, to: 2021 } };
const MULTI: DeadlineContext = { period: { from: 2020, to: 2023 } };

type Part = Extract<Deadline, { kind: 'date' | 'interval' }>;

const date = (d: string): Part => ({ kind: 'date', date: d });
const iv = (from: string | null, to: string | null): Part => ({ kind: 'interval', from, to });
const several = (...parts: Part[]): Deadline => ({ kind: 'several', parts });
const every = (unit: RecurrenceUnit, times = 1, within: { from: string | null; to: string | null } | null = null): Deadline => ({
  kind: 'recurrence',
  every: unit,
  times,
  within,
});
const nfd = (reason: Extract<Deadline, { kind: 'no-fixed-date' }>['reason']): Deadline => ({ kind: 'no-fixed-date', reason });
const rel = (event: string, maxDays: number | null): Deadline => ({ kind: 'relative', event, maxDays });
const month = (y: number, m: number): Part => {
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return iv(`${y}-${mm}-01`, `${y}-${mm}-${last}`);
};
const year = (y: number): Part => iv(`${y}-01-01`, `${y}-12-31`);

const UNPARSED: DeadlineProblem[] = [{ code: 'unparsed' }];
const MISSING_YEAR: DeadlineProblem[] = [{ code: 'missing-year' }];
const invalid = (fragment: string): DeadlineProblem[] => [{ code: 'invalid-date', fragment }];

/** [text, context, value, yearInferred, problems] */
type Case = [string, DeadlineContext, Deadline | null, boolean, DeadlineProblem[]];

// ——— the table: every form of the brief, then the broken ones ———

const MONTHS: Case[] = [
  ['февраль 2021', NONE, month(2021, 2), false, []],
  ['февраль 2024', NONE, iv('2024-02-01', '2024-02-29'), false, []],
  ['Февраль 2000', NONE, iv('2000-02-01', '2000-02-29'), false, []],
  ['март – апрель', Y2021, iv('2021-03-01', '2021-04-30'), true, []],
  ['март – апрель', MULTI, null, false, MISSING_YEAR],
  ['декабрь – январь', Y2021, iv('2021-12-01', '2022-01-31'), true, []],
  ['до сентября 2020 г.', NONE, iv(null, '2020-08-31'), false, []],
  ['с ноября 2020 г.', NONE, iv('2020-11-01', null), false, []],
  ['до 14.05.2021', NONE, iv(null, '2021-05-14'), false, []],
  ['До 05 апреля 2023 г.', NONE, iv(null, '2023-04-05'), false, []],
  ['не позднее 01.10.2021', NONE, iv(null, '2021-10-01'), false, []],
  ['до 30 марта', Y2021, iv(null, '2021-03-30'), true, []],
  ['до 30 марта', MULTI, null, false, MISSING_YEAR],
  ['ДЕКАБРЬ 2021', NONE, month(2021, 12), false, []],
  ['в марте 2021 г.', NONE, month(2021, 3), false, []],
  ['сент. 2021', NONE, month(2021, 9), false, []],
  ['дек 2021', NONE, month(2021, 12), false, []],
  ['нояб. 2021 г.', NONE, month(2021, 11), false, []],
];

const DAYS: Case[] = [
  ['22.01.2021', NONE, date('2021-01-22'), false, []],
  ['19 апреля', Y2021, date('2021-04-19'), true, []],
  ['19 апреля', MULTI, null, false, MISSING_YEAR],
  ['19 апреля', NONE, null, false, MISSING_YEAR],
  ['15-31 декабря', Y2021, iv('2021-12-15', '2021-12-31'), true, []],
  ['1 февраля-1 марта', Y2021, iv('2021-02-01', '2021-03-01'), true, []],
  ['10 января-15 февраля', Y2021, iv('2021-01-10', '2021-02-15'), true, []],
  ['20 января – 15 февраля', Y2021, iv('2021-01-20', '2021-02-15'), true, []],
  ['28.01.2021 – 20.02.2021', NONE, iv('2021-01-28', '2021-02-20'), false, []],
  ['28.01.2021—20.02.2021', NONE, iv('2021-01-28', '2021-02-20'), false, []],
  ['28.01.2021-20.02.2021', NONE, iv('2021-01-28', '2021-02-20'), false, []],
  ['с 28.01.2021 по 20.02.2021', NONE, iv('2021-01-28', '2021-02-20'), false, []],
  ['с 15 по 31 декабря 2021 г.', NONE, iv('2021-12-15', '2021-12-31'), false, []],
  ['11.2021', NONE, month(2021, 11), false, []],
  ['03.2021', NONE, month(2021, 3), false, []],
  ['01.10.21', NONE, date('2021-10-01'), false, []],
  ['1.4.2021', NONE, date('2021-04-01'), false, []],
  ['22/01/2021', NONE, date('2021-01-22'), false, []],
  ['2021-01-22', NONE, date('2021-01-22'), false, []],
  ['01 апреля 2021г.', NONE, date('2021-04-01'), false, []],
  ['к 1 сентября 2021', NONE, iv(null, '2021-09-01'), false, []],
  ['29 февраля', { period: { from: 2024, to: 2024 } }, date('2024-02-29'), true, []],
  ['15.01-15.02.2021', NONE, iv('2021-01-15', '2021-02-15'), false, []],
];

const YEARS: Case[] = [
  ['2023 г.', NONE, year(2023), false, []],
  ['2023', NONE, year(2023), false, []],
  ['в 2023 году', NONE, year(2023), false, []],
  ['2020-2023 гг.', NONE, iv('2020-01-01', '2023-12-31'), false, []],
  ['в течение 2020-2023 гг.', NONE, iv('2020-01-01', '2023-12-31'), false, []],
  ['в течение 2020-2023 г.г.', NONE, iv('2020-01-01', '2023-12-31'), false, []],
  ['в течение 2020-2023гг.', NONE, iv('2020-01-01', '2023-12-31'), false, []],
  ['В течение 2023, 2024 гг.', NONE, iv('2023-01-01', '2024-12-31'), false, []],
  ['2021, 2023 гг.', NONE, several(year(2021), year(2023)), false, []],
  ['до конца 2021 года', NONE, iv(null, '2021-12-31'), false, []],
  ['до конца года', Y2021, iv(null, '2021-12-31'), true, []],
  ['до 2022 года', NONE, iv(null, '2021-12-31'), false, []],
];

const SEVERAL: Case[] = [
  ['июль 2021 г., сентябрь 2021 г.', NONE, several(month(2021, 7), month(2021, 9)), false, []],
  ['Сентябрь 2023 г. Март 2024 г.', NONE, several(month(2023, 9), month(2024, 3)), false, []],
  ['Январь, апрель 2023 г.', NONE, several(month(2023, 1), month(2023, 4)), false, []],
  [
    'Март, август, ноябрь 2023, 2024 гг.',
    NONE,
    several(month(2023, 3), month(2023, 8), month(2023, 11), month(2024, 3), month(2024, 8), month(2024, 11)),
    false,
    [],
  ],
  ['Июль – август 2023, 2024 гг.', NONE, several(iv('2023-07-01', '2023-08-31'), iv('2024-07-01', '2024-08-31')), false, []],
  ['Март 2023 г. – декабрь 2024 г.', NONE, iv('2023-03-01', '2024-12-31'), false, []],
  ['ноябрь 2020 – февраль 2021 гг.', NONE, iv('2020-11-01', '2021-02-28'), false, []],
  ['декабрь 2021 – январь 2022 гг.', NONE, iv('2021-12-01', '2022-01-31'), false, []],
  ['декабрь – январь 2022 г.', NONE, iv('2021-12-01', '2022-01-31'), false, []],
  ['сентябрь-октябрь 2020 г.', NONE, iv('2020-09-01', '2020-10-31'), false, []],
  ['Март \n2023 г. – декабрь 2024 г.', NONE, iv('2023-03-01', '2024-12-31'), false, []],
  ['Апрель – \nноябрь', Y2021, iv('2021-04-01', '2021-11-30'), true, []],
  ['Январь, апрель', Y2021, several(month(2021, 1), month(2021, 4)), true, []],
  ['декабрь 2021, январь', NONE, several(month(2021, 12), month(2022, 1)), false, []],
  ['с января по март 2021 г.', NONE, iv('2021-01-01', '2021-03-31'), false, []],
];

const RECURRENCE: Case[] = [
  ['ежемесячно', NONE, every('month'), false, []],
  ['Ежемесячно', MULTI, every('month'), false, []],
  ['ежеквартально', NONE, every('quarter'), false, []],
  ['ежегодно', NONE, every('year'), false, []],
  ['еженедельно', NONE, every('week'), false, []],
  ['Не реже одного раза в квартал', NONE, every('quarter'), false, []],
  ['не реже 1 раза в полгода', NONE, every('half-year'), false, []],
  ['не реже двух раз в год', NONE, every('year', 2), false, []],
  ['не реже два раза в год', NONE, every('year', 2), false, []],
  ['не реже 2 раз в год', NONE, every('year', 2), false, []],
  ['не реже трех раз в год', NONE, every('year', 3), false, []],
  ['не реже трёх раз в год', NONE, every('year', 3), false, []],
  ['не реже три раза в год', NONE, every('year', 3), false, []],
  ['не реже 3 раз в год', NONE, every('year', 3), false, []],
  ['не реже четырех раз в год', NONE, every('year', 4), false, []],
  ['не реже четыре раза в год', NONE, every('year', 4), false, []],
  ['не реже 4 раз в год', NONE, every('year', 4), false, []],
  ['один раз в месяц', NONE, every('month'), false, []],
  ['дважды в год', NONE, every('year', 2), false, []],
  [
    'ежегодно 2021-2023 гг. не реже 1 раза в полгода',
    NONE,
    every('half-year', 1, { from: '2021-01-01', to: '2023-12-31' }),
    false,
    [],
  ],
  ['в течение года, ежемесячно, …', Y2021, every('month', 1, { from: '2021-01-01', to: '2021-12-31' }), true, []],
  ['в течение года, ежемесячно, …', MULTI, every('month'), false, []],
  ['в течение года, ежемесячно, …', NONE, every('month'), false, []],
  ['Ежеквартально, в течение 2021-2023 гг.', NONE, every('quarter', 1, { from: '2021-01-01', to: '2023-12-31' }), false, []],
  ['Ежемесячно, до 5 числа', NONE, every('month'), false, []],
  ['ежегодно, до 5 мая', Y2021, every('year'), false, []],
  ['ежемесячно до 15.12.2021', NONE, every('month', 1, { from: null, to: '2021-12-15' }), false, []],
  ['2021-2023 гг., ежегодно', NONE, every('year', 1, { from: '2021-01-01', to: '2023-12-31' }), false, []],
  ['в течение всего периода, ежеквартально', MULTI, every('quarter', 1, { from: '2020-01-01', to: '2023-12-31' }), true, []],
];

const NO_FIXED_DATE: Case[] = [
  ['Постоянно', NONE, nfd('permanent'), false, []],
  ['постоянно', MULTI, nfd('permanent'), false, []],
  ['в течение всего периода', MULTI, nfd('whole-period'), false, []],
  ['в течение года', Y2021, year(2021), true, []],
  ['В течение года', Y2021, year(2021), true, []],
  ['В течение года', MULTI, nfd('throughout-year'), false, []],
  ['в течение года', NONE, nfd('throughout-year'), false, []],
  ['по отдельному графику', NONE, nfd('by-schedule'), false, []],
  ['по графику', NONE, nfd('by-schedule'), false, []],
  ['в соответствии с планом мероприятий', NONE, nfd('by-plan'), false, []],
  ['в соответствии с планом мероприятий проекта', NONE, nfd('by-plan'), false, []],
  ['в соответствии с планом курсовых мероприятий', NONE, nfd('by-plan'), false, []],
  ['в соответствии и с планом курсовых мероприятий', NONE, nfd('by-plan'), false, []],
  ['по плану работы методических служб, …', NONE, nfd('by-plan'), false, []],
  ['в течение года по плану профильных ресурсных центров Кировской области', Y2021, nfd('by-plan'), false, []],
  ['в течение года по плану профильных ресурсных центров Кировской области', MULTI, nfd('by-plan'), false, []],
  ['по запросам и согласованию', NONE, nfd('on-request'), false, []],
  ['по запросу', NONE, nfd('on-request'), false, []],
  ['по мере необходимости', NONE, nfd('as-needed'), false, []],
  ['в течение учебного года', Y2021, nfd('throughout-year'), false, []],
];

const RELATIVE: Case[] = [
  ['Не позднее 10 дней со дня проведения мероприятия', NONE, rel('проведения мероприятия', 10), false, []],
  [
    'в течение 5 рабочих дней после утверждения приказа',
    NONE,
    { kind: 'relative', event: 'утверждения приказа', maxDays: 5, workingDays: true },
    false,
    [],
  ],
  ['через 2 недели после окончания курсов', NONE, rel('окончания курсов', 14), false, []],
  ['после проведения мероприятия', NONE, rel('проведения мероприятия', null), false, []],
];

const PERIODS: Case[] = [
  ['I квартал 2021 г.', NONE, iv('2021-01-01', '2021-03-31'), false, []],
  ['1 кв. 2021', NONE, iv('2021-01-01', '2021-03-31'), false, []],
  ['1-й квартал 2022', NONE, iv('2022-01-01', '2022-03-31'), false, []],
  ['II полугодие 2022 г.', NONE, iv('2022-07-01', '2022-12-31'), false, []],
  ['в первом полугодии 2022 года', NONE, iv('2022-01-01', '2022-06-30'), false, []],
  ['IV квартал', Y2021, iv('2021-10-01', '2021-12-31'), true, []],
  ['IV квартал', MULTI, null, false, MISSING_YEAR],
  ['I-II квартал 2021 г.', NONE, iv('2021-01-01', '2021-06-30'), false, []],
  ['IV квартал 2021 г. – I квартал 2022 г.', NONE, iv('2021-10-01', '2022-03-31'), false, []],
  ['2020/2021 учебный год', NONE, iv('2020-09-01', '2021-08-31'), false, []],
  ['2020-2021 учебный год', NONE, iv('2020-09-01', '2021-08-31'), false, []],
  ['2020/21 уч. год', NONE, iv('2020-09-01', '2021-08-31'), false, []],
];

/** A leading reading wins over a qualifier clause; anything else after it makes the text unreadable. */
const QUALIFIERS: Case[] = [
  ['22.01.2021, по согласованию', NONE, date('2021-01-22'), false, []],
  ['июль 2021 г., сентябрь qwerty', NONE, month(2021, 7), false, []],
  ['2021 г. в том числе по плану', NONE, year(2021), false, []],
  ['Сентябрь 2021 г. по отдельному графику', NONE, month(2021, 9), false, []],
  ['Сентябрь 2021 г. – май 2022 г. (в том числе по отдельному графику)', NONE, iv('2021-09-01', '2022-05-31'), false, []],
  ['до 01.03.2021 (план)', NONE, iv(null, '2021-03-01'), false, []],
  ['Апрель 2021 года включительно', NONE, month(2021, 4), false, []],
  ['Постоянно, по мере необходимости', NONE, nfd('permanent'), false, []],
  ['Постоянно (по мере поступления)', NONE, nfd('permanent'), false, []],
  ['в течение года по отдельному графику', Y2021, nfd('by-schedule'), false, []],
  ['22.01.2021 qwerty', NONE, null, false, UNPARSED],
  ['постоянно qwerty', NONE, null, false, UNPARSED],
];

const BROKEN: Case[] = [
  ['31.09.2021', NONE, null, false, invalid('31.09.2021')],
  ['30 февраля 2021', NONE, null, false, invalid('30 февраля 2021')],
  ['30 февраля', MULTI, null, false, invalid('30 февраля')],
  ['29.02.2021', NONE, null, false, invalid('29.02.2021')],
  ['29 февраля', Y2021, null, false, invalid('29 февраля')],
  ['18.01.32021', NONE, null, false, invalid('18.01.32021')],
  ['13.2021', NONE, null, false, invalid('13.2021')],
  ['00.05.2021', NONE, null, false, invalid('00.05.2021')],
  ['сентябрь 2200', NONE, null, false, invalid('сентябрь 2200')],
  ['2020/2022 учебный год', NONE, null, false, invalid('2020/2022 учебный год')],
  ['.10.2021', NONE, month(2021, 10), false, [{ code: 'incomplete', fragment: '.10.2021' }]],
  ['10..2021', NONE, null, false, [{ code: 'incomplete', fragment: '10..2021' }]],
  ['20.02.2021 – 28.01.2021', NONE, iv('2021-02-20', '2021-01-28'), false, [{ code: 'reversed', fragment: '20.02.2021 - 28.01.2021' }]],
  ['март 2022 – январь 2021', NONE, iv('2022-03-01', '2021-01-31'), false, [{ code: 'reversed', fragment: 'март 2022 - январь 2021' }]],
  ['31-15 декабря 2021', NONE, iv('2021-12-31', '2021-12-15'), false, [{ code: 'reversed', fragment: '31-15 декабря 2021' }]],
  [
    'сентяря 2021',
    NONE,
    month(2021, 9),
    false,
    [{ code: 'typo', fragment: 'сентяря', expected: 'сентября', suggestion: 'сентября 2021' }],
  ],
  [
    'Сентяря 2021',
    NONE,
    month(2021, 9),
    false,
    [{ code: 'typo', fragment: 'Сентяря', expected: 'сентября', suggestion: 'Сентября 2021' }],
  ],
  [
    'Сентбрь 2021 г.',
    NONE,
    month(2021, 9),
    false,
    [{ code: 'typo', fragment: 'Сентбрь', expected: 'сентябрь', suggestion: 'Сентябрь 2021 г.' }],
  ],
  ['июна 2021', NONE, month(2021, 6), false, [{ code: 'typo', fragment: 'июна', expected: 'июня', suggestion: 'июня 2021' }]],
  [
    'сентяря, октябр 2021',
    NONE,
    several(month(2021, 9), month(2021, 10)),
    false,
    [
      { code: 'typo', fragment: 'сентяря', expected: 'сентября', suggestion: 'сентября, октябрь 2021' },
      { code: 'typo', fragment: 'октябр', expected: 'октябрь', suggestion: 'сентября, октябрь 2021' },
    ],
  ],
  [
    'сентяря',
    MULTI,
    null,
    false,
    [{ code: 'missing-year' }, { code: 'typo', fragment: 'сентяря', expected: 'сентября', suggestion: 'сентября' }],
  ],
  ['Сентябрь 2023 г', NONE, month(2023, 9), false, []],
  ['qwerty', NONE, null, false, UNPARSED],
  ['???', NONE, null, false, UNPARSED],
  ['12345', NONE, null, false, UNPARSED],
  ['в скором времени', NONE, null, false, UNPARSED],
  ['', NONE, null, false, UNPARSED],
  ['   \n ', NONE, null, false, UNPARSED],
  ['постояно', NONE, nfd('permanent'), false, [{ code: 'typo', fragment: 'постояно', expected: 'постоянно', suggestion: 'постоянно' }]],
  ['Постояно', NONE, nfd('permanent'), false, [{ code: 'typo', fragment: 'Постояно', expected: 'постоянно', suggestion: 'Постоянно' }]],
  [
    'ежемесячо',
    NONE,
    every('month'),
    false,
    [{ code: 'typo', fragment: 'ежемесячо', expected: 'ежемесячно', suggestion: 'ежемесячно' }],
  ],
  [
    'в течении года',
    Y2021,
    year(2021),
    true,
    [{ code: 'typo', fragment: 'течении', expected: 'течение', suggestion: 'в течение года' }],
  ],
];

const ODDITIES: Case[] = [
  // Word pastes: Latin lookalikes inside Russian words, non-breaking spaces, bullets.
  ['ceнтябрь 2021', NONE, month(2021, 9), false, []],
  ['до\u00a014.05.2021', NONE, iv(null, '2021-05-14'), false, []],
  ['- 22.01.2021', NONE, date('2021-01-22'), false, []],
  ['2021 2021', NONE, year(2021), false, []],
  ['1.'.repeat(250), NONE, null, false, UNPARSED],
  ['по плану ' + 'работы '.repeat(100), NONE, nfd('by-plan'), false, []],
  ['22.01.2021 ' + 'x'.repeat(600), NONE, null, false, UNPARSED],
  ['Постоянно, ' + 'x'.repeat(600), NONE, nfd('permanent'), false, []],
];

const ALL_CASES: Case[] = [...MONTHS, ...DAYS, ...YEARS, ...SEVERAL, ...RECURRENCE, ...NO_FIXED_DATE, ...RELATIVE, ...PERIODS, ...QUALIFIERS, ...BROKEN, ...ODDITIES];

function label(ctx: DeadlineContext): string {
  if (!ctx.period) return 'no period';
  return ctx.period.from === ctx.period.to ? `plan ${ctx.period.from}` : `plan ${ctx.period.from}-${ctx.period.to}`;
}

describe('parseDeadline', () => {
  it.each(ALL_CASES.map(([text, ctx, value, inferred, problems]) => [JSON.stringify(text.slice(0, 60)), label(ctx), text, ctx, value, inferred, problems] as const))(
    '%s (%s)',
    (_name, _label, text, ctx, value, inferred, problems) => {
      const result = parseDeadline(text, ctx);
      expect(result.value).toEqual(value);
      expect(result.yearInferred).toBe(inferred);
      expect(result.problems).toEqual(problems);
    },
  );

  it('returns the whitespace-collapsed text', () => {
    expect(parseDeadline('  Март \n2023 г. –\u00a0декабрь 2024 г. ').text).toBe('Март 2023 г. - декабрь 2024 г.');
  });

  it('hands out independent results for repeated texts', () => {
    const first = parseDeadline('июль 2021 г., сентябрь 2021 г.');
    if (first.value?.kind === 'several') first.value.parts.length = 0;
    first.problems.push({ code: 'unparsed' });
    const second = parseDeadline('июль 2021 г., сентябрь 2021 г.');
    expect(second.value).toEqual(several(month(2021, 7), month(2021, 9)));
    expect(second.problems).toEqual([]);
  });
});

describe('deadlineFromCell', () => {
  it.each([
    ['empty string', '', null],
    ['whitespace', ' \n\t ', null],
    ['null', null, null],
  ] as const)('%s → null', (_name, cell, expected) => {
    expect(deadlineFromCell(cell, Y2021)).toBe(expected);
  });

  it.each([
    ['a Date (UTC parts)', new Date(Date.UTC(2021, 0, 22)), '22.01.2021', date('2021-01-22'), []],
    ['a Date late in the UTC day', new Date(Date.UTC(2021, 11, 31, 23, 30)), '31.12.2021', date('2021-12-31'), []],
    ['a Date from 1899', new Date(Date.UTC(1899, 11, 30)), '30.12.1899', null, invalid('30.12.1899')],
    ['an invalid Date', new Date(Number.NaN), '', null, UNPARSED],
    ['a year', 2021, '2021', year(2021), []],
    ['a year at the range end', 2100, '2100', year(2100), []],
    ['a number below the range', 1989, '1989', null, UNPARSED],
    ['a fraction', 2021.5, '2021.5', null, UNPARSED],
    ['an Excel serial', 44218, '44218', null, UNPARSED],
    ['a boolean', true, 'да', null, UNPARSED],
    ['a string', 'февраль 2021', 'февраль 2021', month(2021, 2), []],
  ] as const)('%s', (_name, cell, text, value, problems) => {
    const result = deadlineFromCell(cell, NONE);
    expect(result).toEqual({ text, value, yearInferred: false, problems });
  });
});

describe('deadlineSpan and formatDeadline', () => {
  it.each([
    [date('2021-01-22'), { from: '2021-01-22', to: '2021-01-22' }, '22.01.2021'],
    [iv('2020-11-01', null), { from: '2020-11-01', to: null }, 'с 01.11.2020'],
    [iv(null, '2021-05-14'), { from: null, to: '2021-05-14' }, 'до 14.05.2021'],
    [month(2021, 2), { from: '2021-02-01', to: '2021-02-28' }, '01.02.2021–28.02.2021'],
    [several(month(2021, 7), date('2021-09-15')), { from: '2021-07-01', to: '2021-09-15' }, '01.07.2021–31.07.2021, 15.09.2021'],
    [several(iv(null, '2021-03-01'), month(2021, 7)), { from: null, to: '2021-07-31' }, 'до 01.03.2021, 01.07.2021–31.07.2021'],
    [every('month'), null, 'ежемесячно'],
    [every('year', 2), null, '2 раза в год'],
    [every('half-year', 1, { from: '2021-01-01', to: '2023-12-31' }), { from: '2021-01-01', to: '2023-12-31' }, 'раз в полгода (01.01.2021–31.12.2023)'],
    [nfd('permanent'), null, 'без фиксированной даты: постоянно'],
    [nfd('by-plan'), null, 'без фиксированной даты: по плану'],
    [rel('проведения мероприятия', 10), null, '10 дн. после: проведения мероприятия'],
    [rel('проведения мероприятия', null), null, 'после: проведения мероприятия'],
  ] as const)('%j', (deadline, span, text) => {
    expect(deadlineSpan(deadline)).toEqual(span);
    expect(formatDeadline(deadline)).toBe(text);
  });
});

describe('month vocabulary', () => {
  it.each([
    ['январь', 1, 'nominative'],
    ['Января', 1, 'genitive'],
    ['в январе'.split(' ')[1] ?? '', 1, 'prepositional'],
    ['МАЯ', 5, 'genitive'],
    ['февр.', 2, 'abbreviation'],
    ['сент.', 9, 'abbreviation'],
    ['нояб', 11, 'abbreviation'],
    ['дек.', 12, 'abbreviation'],
    ['декабрю', 12, 'dative'],
  ] as const)('lookupMonth(%s)', (word, monthNumber, grammaticalCase) => {
    expect(lookupMonth(word)).toMatchObject({ month: monthNumber, case: grammaticalCase });
  });

  it.each([
    ['сентяря', 9, 'сентября'], // one deletion
    ['сентбярь', 9, 'сентябрь'], // a swap
    ['Октябр', 10, 'октябрь'],
    ['авгста', 8, 'августа'],
    ['феврял', 2, 'февраль'], // two edits in a long form
  ] as const)('fuzzyMonth(%s)', (word, monthNumber, form) => {
    expect(fuzzyMonth(word)).toMatchObject({ month: monthNumber, form });
  });

  it.each(['май', 'мой', 'июхь', 'июкя', 'qwerty', 'декабрь', 'сен'])('fuzzyMonth(%s) is null (exact, too short, too far or ambiguous)', (word) => {
    expect(fuzzyMonth(word)).toBeNull();
  });
});

describe('robustness', () => {
  /** mulberry32: a small seeded generator, so failures reproduce. */
  function random(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  const PIECES = [
    '2021', '2023', '32021', '21', '1', '15', '31', '00', '13', '.', '..', ',', ' ', ' ', ' ', '-', '–', '/', '(', ')', 'г.', 'гг.',
    'года', 'январь', 'февраля', 'марте', 'сент.', 'сентяря', 'квартал', 'IV', 'полугодие', 'с', 'по', 'до', 'не позднее', 'в течение',
    'ежемесячно', 'не реже', 'раз в', 'двух', 'дней', 'со дня', 'постоянно', 'по плану', 'учебный год', 'и', '\n', '\u00a0', 'ё', 'qwerty',
    '?', '…', 'Ѣ', '😀', '\u200b',
  ];

  function garbage(next: () => number): string {
    const n = 1 + Math.floor(next() * 12);
    let s = '';
    for (let k = 0; k < n; k++) s += PIECES[Math.floor(next() * PIECES.length)] ?? '';
    return s;
  }

  const NULL_CODES = new Set(['unparsed', 'invalid-date', 'missing-year', 'incomplete']);

  it('never throws, and value is null exactly when a problem says why', () => {
    const next = random(20240601);
    const contexts = [NONE, Y2021, MULTI];
    for (let k = 0; k < 600; k++) {
      const text = garbage(next);
      const ctx = contexts[k % contexts.length] ?? NONE;
      let result: ReturnType<typeof parseDeadline> | undefined;
      expect(() => {
        result = parseDeadline(text, ctx);
      }).not.toThrow();
      if (!result) throw new Error('no result');
      const codes = result.problems.map((p) => p.code);
      const blocking = codes.some((c) => c === 'unparsed' || c === 'invalid-date' || c === 'missing-year');
      if (result.value === null) {
        expect(codes.some((c) => NULL_CODES.has(c))).toBe(true);
      } else {
        expect(blocking).toBe(false);
      }
      if (codes.includes('unparsed')) expect(result.problems).toEqual(UNPARSED);
    }
  });

  it('parses 10,000 varied rows and cell-long repetitive texts without a pathological slowdown', () => {
    const next = random(7);
    const rows = Array.from({ length: 10_000 }, (_, k) =>
      k % 20 === 0 ? garbage(next) : (ALL_CASES[Math.floor(next() * ALL_CASES.length)]?.[0] ?? ''),
    );
    // Every piece repeated up to Excel's cell limit (32,767 characters): where a backtracking pattern would show.
    for (const piece of PIECES) rows.push(piece.repeat(Math.floor(32_767 / piece.length)));
    const started = Date.now();
    let parsed = 0;
    for (const row of rows) if (Array.isArray(parseDeadline(row, MULTI).problems)) parsed++;
    expect(parsed).toBe(rows.length);
    // A guard, not a speed claim (the speed is bench/guards.bench.ts's figure): all this takes well under a second,
    // a pattern quadratic in the text's length takes minutes, and the bound sits far from both, so it cannot flake.
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
