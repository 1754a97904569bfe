import { defineRule } from '../../engine/rule';

const pad = (n: number) => String(n).padStart(2, '0');

/** Item numbers a spreadsheet's type detection changed (the reader restored them as `TableRow.converted`). */
export default defineRule({
  meta: {
    id: 'numbering-converted',
    kind: 'any',
    defaultSeverity: 'warning',
    description: 'Программа сама превратила номер пункта в дату или число (3.2. → 03.02.2026, 1.10 → 1.1) при вставке или сохранении.',
    howToFix: 'Верните номер текстом, как в приказе (например, «1.1.»), и задайте столбцу № текстовый формат, чтобы программа не меняла его снова.',
    fixable: 'safe',
    messages: {
      date: 'Номер пункта превратился в дату {{shown}}: было «{{text}}».',
      number: 'Номер пункта превратился в число {{shown}}, ноль в конце пропал: было «{{text}}».',
    },
  },
  create({ table, facts, report }) {
    const col = table.columns.number;
    return {
      row(row) {
        if (!row.converted || col === undefined) return;
        const value = facts.value(row.row, col);
        const shown = value instanceof Date ? `${pad(value.getUTCDate())}.${pad(value.getUTCMonth() + 1)}.${value.getUTCFullYear()}` : String(value).replace('.', ',');
        const cell = facts.cellOf(row.row, col);
        report({
          messageId: row.converted.from,
          data: { shown, text: row.converted.text },
          cell,
          fix: { description: `Вернуть номер «${row.converted.text}» текстом`, edits: [{ cell, value: row.converted.text }] },
        });
      },
    };
  },
});
