import { defineRule, type RuleReport } from '../../engine/rule';
import { indicatorRows } from './indicator-rows';

export default defineRule({
  meta: {
    id: 'indicator-value-missing',
    kind: 'indicators',
    defaultSeverity: 'warning',
    description: 'Не заполнено значение показателя за год («-» означает «не применимо» и не считается пропуском).',
    fixable: false,
    messages: {
      missing: 'Не заполнено значение за {{year}} год.',
      template: 'Значения показателей не заполнены ни за один год: таблица — пустой шаблон.',
    },
  },
  check(context) {
    const rows = indicatorRows(context);
    const cells = rows.flatMap((r) => r.values);
    if (cells.length === 0) return [];
    // A wholly empty sheet is a template waiting to be filled: one diagnostic, not hundreds.
    if (cells.every((v) => v.value.kind === 'empty')) return [{ messageId: 'template', cell: cells[0]!.cell }];
    const out: RuleReport[] = [];
    for (const r of rows) {
      // A heading of «из них:» children may be left to its children; a row with no unit and no values is a heading.
      if ((r.row.hasChildren || !r.unitText) && r.values.every((v) => v.value.kind === 'empty')) continue;
      for (const v of r.values) if (v.value.kind === 'empty' && !v.repeat) out.push({ messageId: 'missing', data: { year: v.year }, cell: v.cell });
    }
    return out;
  },
});
