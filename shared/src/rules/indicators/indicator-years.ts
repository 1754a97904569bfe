import { defineRule } from '../../engine/rule';

/** «2023 (план)», «2022 (факт)»: the qualifier of a year header. */
const QUALIFIER = /(план|факт|прогноз)/i;

export default defineRule({
  meta: {
    id: 'indicator-years',
    kind: 'indicators',
    defaultSeverity: 'warning',
    description: 'Столбцы лет повторяются, идут с пропуском или выходят за период плана.',
    howToFix: 'Оставьте по одному столбцу на каждый год периода плана, без пропусков и лишних лет.',
    fixable: false,
    messages: {
      duplicate: 'Столбец {{year}} года повторяется.',
      gap: 'Нет столбца {{year}} года между {{before}} и {{after}}.',
      outside: 'Столбец {{year}} года вне периода плана {{from}}–{{to}}.',
      uncovered: 'В таблице нет столбца {{year}} года, хотя он входит в период плана {{from}}–{{to}}.',
    },
  },
  create: ({ facts, table, report }) => ({
    table() {
      const { years, headerRows, headers } = table;
      if (!years.length) return;
      const headerRow = headerRows[headerRows.length - 1]!;
      const qualifier = (col: number) => QUALIFIER.exec(headers[col] ?? '')?.[1]?.toLowerCase() ?? '';
      // «2023 (факт)» next to «2023 (план)» are two columns of one year, not a repeat.
      const seenAs = new Set<string>();
      for (const y of years) {
        const key = `${y.year}|${qualifier(y.col)}`;
        if (seenAs.has(key)) report({ messageId: 'duplicate', data: { year: y.year }, cell: { row: headerRow, col: y.col } });
        seenAs.add(key);
      }
      const seen = new Set(years.map((y) => y.year));
      const sorted = [...seen].sort((a, b) => a - b);
      for (let i = 1; i < sorted.length; i++) {
        for (let missing = sorted[i - 1]! + 1; missing < sorted[i]!; missing++) {
          const after = years.find((y) => y.year === sorted[i])!;
          report({ messageId: 'gap', data: { year: missing, before: sorted[i - 1]!, after: sorted[i]! }, cell: { row: headerRow, col: after.col } });
        }
      }
      const { period } = facts;
      if (period && (period.source === 'title' || period.source === 'config' || period.source === 'workbook')) {
        const data = { from: period.from, to: period.to };
        for (const y of years) {
          // The actual value of a year before the plan («2022 (факт)») is its baseline.
          if (y.year < period.from && qualifier(y.col) === 'факт') continue;
          if (y.year < period.from || y.year > period.to) report({ messageId: 'outside', data: { ...data, year: y.year }, cell: { row: headerRow, col: y.col } });
        }
        // A year missing before the first column or after the last is reported at that column.
        const first = years.find((y) => y.year === sorted[0])!;
        const last = years.find((y) => y.year === sorted[sorted.length - 1])!;
        for (let year = period.from; year <= period.to; year++) {
          if (seen.has(year) || (year > first.year && year < last.year)) continue;
          report({ messageId: 'uncovered', data: { ...data, year }, cell: { row: headerRow, col: (year < first.year ? first : last).col } });
        }
      }
  },
  }),
});
