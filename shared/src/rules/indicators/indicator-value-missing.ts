import { defineRule } from '../../engine/rule';

export default defineRule({
  meta: {
    id: 'indicator-value-missing',
    kind: 'indicators',
    defaultSeverity: 'warning',
    description: 'Не заполнено значение показателя за год («-» означает «не применимо» и не считается пропуском).',
    howToFix: 'Впишите значение за год или поставьте «-», если показатель за этот год не применим.',
    fixable: false,
    messages: {
      missing: 'Не заполнено значение за {{year}} год.',
      template: 'Значения показателей не заполнены ни за один год: таблица — пустой шаблон.',
    },
  },
  create: ({ facts, report }) => ({
    table() {
      const rows = facts.indicators;
      const cells = rows.flatMap((r) => r.values);
      if (cells.length === 0) return;
      // A wholly empty sheet is a template waiting to be filled: one diagnostic, not hundreds.
      if (cells.every((v) => v.value.kind === 'empty')) return report({ messageId: 'template', cell: cells[0]!.cell });
      for (const r of rows) {
        // A heading of «из них:» children may be left to its children; a row with no unit and no values is a heading.
        if ((r.row.hasChildren || !r.unitText) && r.values.every((v) => v.value.kind === 'empty')) continue;
        for (const v of r.values) if (v.value.kind === 'empty' && !v.repeat) report({ messageId: 'missing', data: { year: v.year }, cell: v.cell });
      }
    },
  }),
});
