/**
 * buildRegionalWorkbook and consolidate with a memo kept between calls give what they give without one, over a
 * sequence of changes; and the memo is really used (unchanged municipalities' rows are the same objects).
 */
import type { CellValue } from '../src/grid/grid';
import { buildRegionalWorkbook, consolidate, indicatorKey, type MergeInput, type MunicipalityInput, type RegionalBuildMemo, type RegionalTemplate, type SubmissionContent, type VersionInput } from '../src/merge';

const NAMES = ['Доля обучающихся, не справившихся с ВПР', 'Количество педагогов-наставников', 'Наличие муниципальной программы', 'Доля школ с доступом к сети Интернет'];
const UNITS = ['%', 'чел.', 'да/нет', '%'];

const TEMPLATE: RegionalTemplate = {
  indicators: NAMES.map((name, i) => ({ key: indicatorKey(name), name, number: `${1 + (i >> 1)}.${1 + (i % 2)}`, unit: UNITS[i]!, section: i < 2 ? 'I. Результаты' : 'II. Условия' })),
  years: [2024, 2025],
  sections: [],
};

function content(m: number, attempt: number): SubmissionContent {
  const items = 6 + ((m + attempt) % 4);
  return {
    indicators: NAMES.map((name, i) => ({
      key: indicatorKey(name),
      name,
      number: null,
      unit: i === 1 && m % 2 ? 'шт.' : UNITS[i]!,
      section: null,
      values: (i === 2 ? { 2024: m % 2 ? 'да' : 'нет', 2025: 'да' } : { 2024: 10 * m + i + attempt, 2025: `${5 + m + attempt} %`, 2026: 1 }) as Record<string, CellValue>,
    })),
    roadmap: Array.from({ length: items }, (_, k) => ({
      section: k < 3 ? '1. Организация' : '2. Кадры',
      sectionPath: k < 3 ? ['1. Организация'] : ['2. Кадры', '2.1. Повышение квалификации'],
      number: `${k < 3 ? 1 : 2}.${items - k}`,
      activity: `Мероприятие ${k} муниципалитета ${m}, версия ${attempt}: достаточно длинный текст, чтобы строка переносилась`,
      deadline: k % 2 ? 'март 2025' : '',
      executor: 'Управление образования',
      result: k === 1 ? '=1+1' : 'Справка',
      ...(k === 2 ? { plan: { 2024: 'подготовка', 2025: 'проведение' } } : {}),
    })),
    glossary: [{ abbreviation: 'УО', fullName: 'Управление образования' }],
  };
}

const version = (m: number, attempt: number, n = attempt + 1): VersionInput => ({
  version: n,
  submittedAt: new Date(Date.UTC(2025, 1, 1 + attempt, 6, m)).toISOString(),
  accepted: true,
  errors: 0,
  warnings: 0,
  content: content(m, attempt),
});

function start(): MergeInput {
  const municipalities: MunicipalityInput[] = Array.from({ length: 5 }, (_, m) => {
    const v = version(m, 0);
    return { id: `m${m}`, name: `Муниципалитет ${String.fromCharCode(0x410 + ((m * 7) % 5))}`, latest: v, accepted: v };
  });
  return { regionName: 'Регион', timeZone: 'Europe/Moscow', template: TEMPLATE, deadline: '2025-02-03', mappings: [], municipalities, now: '2025-02-10T09:00:00Z' };
}

const replace = (input: MergeInput, i: number, change: (m: MunicipalityInput) => MunicipalityInput): MergeInput => ({ ...input, municipalities: input.municipalities.map((m, k) => (k === i ? change(m) : m)) });

function sequence(): Array<[string, MergeInput]> {
  const out: Array<[string, MergeInput]> = [];
  let input = start();
  const step = (name: string, next: MergeInput) => void out.push([name, (input = next)]);
  step('cold', input);
  const v = version(2, 1);
  step('one more version', replace(input, 2, (m) => ({ ...m, latest: v, accepted: v })));
  step('renamed', replace(input, 0, (m) => ({ ...m, name: 'Другое название' })));
  step('a mapping', { ...input, mappings: [{ from: TEMPLATE.indicators[1]!.key, name: NAMES[1]!, to: null }] });
  step('a new template', { ...input, template: { ...TEMPLATE, indicators: TEMPLATE.indicators.slice(1), years: [2024, 2025, 2026] } });
  step('rejected', replace(input, 3, (m) => ({ ...m, latest: { ...m.accepted!, version: 2, accepted: false, errors: 1, content: { indicators: [], roadmap: [] } } })));
  step('same content, new version number', replace(input, 4, (m) => ({ ...m, latest: { ...m.accepted!, version: 5 }, accepted: { ...m.accepted!, version: 5 } })));
  // «Вернуть на доработку» of the version in the Свод: no new content, yet its rows must leave and come back.
  const returned = (m: MunicipalityInput): MunicipalityInput => {
    const v = { ...m.accepted!, returned: { at: '2025-02-11T08:00:00Z', comment: 'Проверьте значения 2024 года.' } };
    return { ...m, latest: m.latest === m.accepted ? v : m.latest, accepted: v };
  };
  step('returned', replace(input, 1, returned));
  step('returned again, another comment', replace(input, 1, (m) => ({ ...m, accepted: { ...m.accepted!, returned: { at: '2025-02-12T08:00:00Z', comment: 'Иначе.' } }, latest: { ...m.accepted!, returned: { at: '2025-02-12T08:00:00Z', comment: 'Иначе.' } } })));
  const fresh = version(1, 2);
  step('a newer version after the return', replace(input, 1, (m) => ({ ...m, latest: fresh, accepted: fresh })));
  step('switched off', replace(input, 0, (m) => ({ ...m, deactivatedAt: '2025-02-11T09:00:00Z' })));
  step('switched on again', replace(input, 0, (m) => ({ ...m, deactivatedAt: null })));
  step('switched off while returned', replace(replace(input, 2, returned), 2, (m) => ({ ...m, deactivatedAt: '2025-02-13T09:00:00Z' })));
  step('roadmaps only', { ...input, template: null });
  step('roadmaps only, switched on again', replace(input, 2, (m) => ({ ...m, deactivatedAt: null })));
  step('nothing changed', { ...input });
  return out;
}

describe('the regional merge with a memo', () => {
  const memo: RegionalBuildMemo = {};
  const steps = sequence();
  const built = steps.map(([name, input]) => {
    const c = consolidate(input, memo);
    return { name, input, c, model: buildRegionalWorkbook(input, c, memo) };
  });

  it.each(built.map((b) => [b.name, b] as const))('builds what a fresh build builds: %s', (_name, b) => {
    expect(b.c).toEqual(consolidate(b.input));
    expect(b.model).toEqual(buildRegionalWorkbook(b.input));
  });

  it('takes a returned version and a switched-off municipality out, and puts them back', () => {
    const at = (name: string) => built.find((b) => b.name === name)!;
    const svodNames = (name: string) => new Set(at(name).model.sheets.find((s) => s.name === 'Свод показателей')!.rows.filter((r) => r.kind === 'data').map((r) => r.cells[1]));
    const who = (name: string, i: number) => at(name).input.municipalities[i]!.name;
    expect(svodNames('rejected').has(who('rejected', 1))).toBe(true);
    expect(svodNames('returned').has(who('returned', 1))).toBe(false);
    expect(svodNames('a newer version after the return').has(who('returned', 1))).toBe(true);
    expect(svodNames('switched off').has(who('switched off', 0))).toBe(false);
    expect(svodNames('switched on again').has(who('switched off', 0))).toBe(true);
    expect(at('switched off').c.total).toBe(4);
    expect(at('switched on again').c.total).toBe(5);
  });

  it('reuses the rows of the municipalities that did not change', () => {
    const rows = (i: number, sheet: string) => built[i]!.model.sheets.find((s) => s.name === sheet)!.rows;
    const before = new Set(rows(0, 'Дорожные карты'));
    const after = rows(1, 'Дорожные карты');
    const changed = built[1]!.input.municipalities[2]!.name;
    expect(after.filter((r) => r.cells[0] === changed).every((r) => !before.has(r))).toBe(true);
    expect(after.filter((r) => r.kind !== 'title' && r.kind !== 'note' && r.kind !== 'header' && r.cells[0] !== changed).every((r) => before.has(r))).toBe(true);
    const svodBefore = new Set(rows(0, 'Свод показателей'));
    const data = rows(1, 'Свод показателей').filter((r) => r.kind === 'data');
    expect(data.filter((r) => r.cells[1] !== changed).every((r) => svodBefore.has(r))).toBe(true);
    expect(data.filter((r) => r.cells[1] === changed).some((r) => svodBefore.has(r))).toBe(false);
  });
});

describe('returns and switch-offs in the consolidation', () => {
  const base = start();
  const one = (m: MunicipalityInput): MergeInput => ({ ...base, municipalities: [m] });
  const v1 = version(0, 0);
  const back = { at: '2025-02-11T08:00:00Z', comment: 'Исправьте.' };

  it('a returned rejected version: the accepted one before it stays in the Свод, the status names the return', () => {
    const v2 = { ...version(0, 1), accepted: false, errors: 3, returned: back };
    const c = consolidate(one({ id: 'a', name: 'А', latest: v2, accepted: v1 }));
    expect(c.municipalities[0]!.row).toMatchObject({ status: 'возвращено на доработку', inSvod: { version: 1 }, returned: { version: 2, ...back } });
    expect(c.municipalities[0]!.row.note).toMatch(/^Версия 2 возвращена на доработку 11\.02\.2025\. В своде версия 1 от /);
    expect(c.notMerged.map((n) => n.reason)).toContain('версия отклонена (3 ошибки): в своде версия 1; возвращена на доработку 11.02.2025: Исправьте.');
    expect([c.inSvod, c.total]).toEqual([1, 1]);
  });

  it('a rejected version after a returned one: nothing in the Свод, the return still named', () => {
    const v2 = { ...version(0, 1), accepted: false, errors: 1 };
    const c = consolidate(one({ id: 'a', name: 'А', latest: v2, accepted: { ...v1, returned: back } }));
    expect(c.municipalities[0]!.row).toMatchObject({ status: 'сдано с ошибками', inSvod: null, returned: { version: 1 } });
    expect(c.municipalities[0]!.merged).toBeNull();
    expect(c.notMerged.filter((n) => n.version === 1).every((n) => n.reason === 'версия 1 возвращена на доработку 11.02.2025: Исправьте.')).toBe(true);
    expect(c.notMerged.filter((n) => n.version === 1)).toHaveLength(1 + v1.content.indicators.length);
    expect([c.inSvod, c.total]).toEqual([0, 1]);
  });

  it('a switched-off municipality with nothing sent is «отключён», not «просрочено», and not counted', () => {
    const c = consolidate({ ...base, municipalities: [{ id: 'a', name: 'А', latest: null, accepted: null, deactivatedAt: '2025-02-09T08:00:00Z' }, { id: 'b', name: 'Б', latest: v1, accepted: v1 }] });
    expect(c.municipalities[0]!.row.status).toBe('отключён');
    expect(c.notMerged.filter((n) => n.municipalityId === 'a')).toEqual([]);
    expect([c.inSvod, c.total]).toEqual([1, 1]);
  });
});
