/**
 * Inputs of the federal summary for the tests (shared and server): regions with Kamchatka-like indicators (the seed
 * template's numbers, names and units), built by hand as `indicatorValues` would give them.
 */
import type { IndicatorValues } from '../../src/contracts/portal';
import type { FederalRegionInput, FederalSummaryInput } from '../../src/federal';

type Indicator = IndicatorValues['indicators'][number];

/** The seed template's indicators (tests/fixtures/seeds/seed-000-kamchatka.xlsx), a selection. */
export const KAMCHATKA_INDICATORS: ReadonlyArray<[string, string, string]> = [
  ['1.1', 'Доля обучающихся, получивших неудовлетворительный результат на ЕГЭ по математике (базовый уровень) ¹', '%'],
  ['1.2', 'Доля обучающихся, не набравших минимальный балл на ЕГЭ по математике (профильный уровень)', '%'],
  ['1.3', 'Доля обучающихся, не набравших минимальный балл ЕГЭ по русскому языку', '%'],
  ['1.18', 'Степень обученности (успешности)', '%'],
  ['1.19', 'Качество обученности', '%'],
  ['2.1', 'Доля административных работников, прошедших повышение квалификации по дополнительным профессиональным программам, направленным на формирование профессиональных и лидерских компетенций', '%'],
  ['2.3', 'Доля педагогических работников с выявленными профессиональными дефицитами (проблемными компонентами)', '%'],
  ['3.2', 'Количество разработанных дополнительных профессиональных программ повышения квалификации', 'шт.'],
  ['3.3', 'Количество реализованных мероприятий (семинаров, встреч, ВКС, круглых столов и т.д.)', 'шт.'],
];

/** One indicator with its regional values by year (`null`: no value) and, when `sent`, one municipality that sent them. */
export function indicator(number: string | null, name: string, unit: string, region: Record<string, number | null>, sent = true): Indicator {
  const count = unit === 'шт.';
  return {
    number,
    name,
    unit,
    section: null,
    lowerIsBetter: false,
    aggregate: count ? 'сумма' : 'среднее',
    region,
    municipalities: sent
      ? [{ municipalityId: 'm1', name: 'Муниципалитет 1', version: 1, values: { ...region }, numbers: { ...region }, outliers: [] }]
      : [],
  };
}

export function region(over: Partial<FederalRegionInput> & { id: string; name: string }): FederalRegionInput {
  return { deadline: '2026-12-15', timeZone: 'Asia/Kamchatka', total: 12, inSvod: 12, collects: 'indicators', values: { years: [], indicators: [] }, ...over };
}

/** Kamchatka-like values for `years`, shifted by `base` so that regions differ. */
export function kamchatkaValues(years: number[], base: number): IndicatorValues {
  return {
    years,
    indicators: KAMCHATKA_INDICATORS.map(([number, name, unit], i) => {
      const values: Record<string, number | null> = {};
      years.forEach((y, k) => (values[String(y)] = unit === 'шт.' ? base + i * 3 + k : Math.round((base / 3 + i * 1.7 + k * 0.45) * 100) / 100));
      return indicator(number, name, unit, values);
    }),
  };
}

/** Four regions as the federal role sees them: two in the summary (one with a gap), one without a template, one roadmaps-only. */
export function realisticInput(): FederalSummaryInput {
  const kamchatka = kamchatkaValues([2021, 2022, 2023], 10);
  // Nobody sent 3.3 in Kamchatka yet: the row stays, marked.
  kamchatka.indicators[8] = indicator('3.3', KAMCHATKA_INDICATORS[8]![1], 'шт.', { '2021': null, '2022': null, '2023': null }, false);
  return {
    now: '2026-12-01T11:05:00.000Z',
    regions: [
      region({ id: 'kamchatka', name: 'Камчатский край', total: 27, inSvod: 12, values: kamchatka }),
      region({ id: 'kirov', name: 'Кировская область', deadline: '2026-12-20', timeZone: 'Europe/Kirov', total: 39, inSvod: 35, values: kamchatkaValues([2022, 2023, 2024], 25) }),
      region({ id: 'tyva', name: 'Республика Тыва', deadline: null, timeZone: 'Asia/Krasnoyarsk', total: 19, inSvod: 0, collects: null }),
      region({ id: 'lazo', name: 'Приморский край', deadline: '2027-01-10', timeZone: 'Asia/Vladivostok', total: 34, inSvod: 8, collects: 'roadmaps-only' }),
    ],
  };
}

/** `regions` regions of `indicators` indicators each over 2020–2026: the size of the whole federation. */
export function federationInput(regions = 89, indicators = 30): FederalSummaryInput {
  const years = [2020, 2021, 2022, 2023, 2024, 2025, 2026];
  return {
    now: '2026-12-01T11:05:00.000Z',
    regions: Array.from({ length: regions }, (_, r) =>
      region({
        id: `r${r + 1}`,
        name: `Регион № ${r + 1}`,
        total: 20 + (r % 40),
        inSvod: 10 + (r % 10),
        values: {
          years,
          indicators: Array.from({ length: indicators }, (_, i) => {
            const values: Record<string, number | null> = {};
            years.forEach((y, k) => (values[String(y)] = (r + i + k) % 9 === 0 ? null : Math.round((r * 1.3 + i * 2.1 + k * 0.7) * 100) / 100));
            return indicator(`${Math.floor(i / 10) + 1}.${(i % 10) + 1}`, `Показатель ${i + 1}: доля обучающихся, получивших результат по предмету`, i % 4 === 0 ? 'шт.' : '%', values);
          }),
        },
      }),
    ),
  };
}
