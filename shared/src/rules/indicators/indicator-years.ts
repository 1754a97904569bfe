import { defineRule, type RuleReport } from '../../engine/rule';

export default defineRule({
  meta: {
    id: 'indicator-years',
    kind: 'indicators',
    defaultSeverity: 'warning',
    description: 'Столбцы лет повторяются, идут с пропуском или выходят за период плана.',
    fixable: false,
    messages: {
      duplicate: 'Столбец {{year}} года повторяется.',
      gap: 'Нет столбца {{year}} года между {{before}} и {{after}}.',
      outside: 'Столбец {{year}} года вне периода плана {{from}}–{{to}}.',
      uncovered: 'В таблице нет столбца {{year}} года, хотя он входит в период плана {{from}}–{{to}}.',
    },
  },
  check(context) {
    const { years, headerRows, range } = context.table;
    if (!years.length) return [];
    const out: RuleReport[] = [];
    const headerRow = headerRows[headerRows.length - 1]!;
    const seen = new Set<number>();
    for (const y of years) {
      if (seen.has(y.year)) out.push({ messageId: 'duplicate', data: { year: y.year }, cell: { row: headerRow, col: y.col } });
      seen.add(y.year);
    }
    const sorted = [...seen].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) {
      for (let missing = sorted[i - 1]! + 1; missing < sorted[i]!; missing++) {
        const after = years.find((y) => y.year === sorted[i])!;
        out.push({ messageId: 'gap', data: { year: missing, before: sorted[i - 1]!, after: sorted[i]! }, cell: { row: headerRow, col: after.col } });
      }
    }
    const period = context.period;
    if (period && (period.source === 'title' || period.source === 'config' || period.source === 'workbook')) {
      const data = { from: period.from, to: period.to };
      for (const y of years) {
        if (y.year < period.from || y.year > period.to) out.push({ messageId: 'outside', data: { ...data, year: y.year }, cell: { row: headerRow, col: y.col } });
      }
      for (let year = period.from; year <= period.to; year++) {
        if (!seen.has(year) && (year < sorted[0]! || year > sorted[sorted.length - 1]!)) {
          out.push({ messageId: 'uncovered', data: { ...data, year }, cell: { row: headerRow, col: range.left } });
        }
      }
    }
    return out;
  },
});
