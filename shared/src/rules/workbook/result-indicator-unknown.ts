import { defineWorkbookRule } from '../../engine/rule';
import { INDICATOR_OPENERS } from '../quality/vocabulary';
import { contentWords, coverage, words } from '../quality/words';

const OPENERS = new Set(INDICATOR_OPENERS);
/** «достижение показателя «Доля …»», «показатель: «Количество …»». */
const QUOTED = /показател[а-яё]*\s*[:–-]?\s*«([^«»]{8,})»/gi;
/** Two texts name one indicator when either says at least this share of what the other says. */
const SAME_INDICATOR = 0.75;

/** The indicator names a result cell gives: in quotes after «показатель», or the cell itself under an indicator column. */
export function namedIndicators(text: string, indicatorColumn: boolean): string[] {
  const out = [...text.matchAll(QUOTED)].map((m) => m[1]!.trim());
  if (out.length || !indicatorColumn) return out;
  // «Доля педагогов, прошедших курсы, – 100 %»: the name is what comes before the value.
  for (const part of text.split(/[;\n]/)) {
    const name = part.replace(/\s[-–—]?\s*\d.*$/s, '').trim();
    if (OPENERS.has(words(name)[0] ?? '') && contentWords(name).length >= 3) out.push(name);
  }
  return out;
}

export default defineWorkbookRule({
  meta: {
    id: 'result-indicator-unknown',
    kind: 'workbook',
    defaultSeverity: 'warning',
    description: 'Результат мероприятия называет показатель («показатель «…»», столбец «Региональный показатель реализации»), которого нет в таблице показателей книги.',
    howToFix: 'Назовите показатель так, как он записан в таблице показателей, или добавьте его в эту таблицу.',
    fixable: false,
    messages: { unknown: 'Показателя «{{name}}» нет в таблице показателей на листе «{{sheet}}».' },
  },
  create: ({ workbook, report }) => ({
    workbook() {
      const indicatorTables = workbook.tables.filter((t) => t.table.kind === 'indicators');
      const indicators = indicatorTables.flatMap((t) => t.indicators.map((i) => contentWords(i.name))).filter((w) => w.length);
      // Without an indicator table there is nothing to compare with: the rule has nothing to say.
      if (!indicators.length) return;
      const sheet = indicatorTables[0]!.table.sheet;
      for (const t of workbook.tables) {
        const col = t.col('result');
        if (t.table.kind !== 'roadmap' || col === undefined) continue;
        const indicatorColumn = /показател/i.test(t.table.headers[col] ?? '');
        t.table.rows.forEach((row, index) => {
          if (row.role !== 'item' || t.splitSource(index, col) >= 0 || t.mergedFromAbove(row.row, col)) return;
          for (const name of namedIndicators(t.fullText(index, col), indicatorColumn)) {
            const said = contentWords(name);
            if (!said.length || indicators.some((i) => coverage(said, i) >= SAME_INDICATOR || coverage(i, said) >= SAME_INDICATOR)) continue;
            report({
              sheet: t.table.sheet,
              table: t.table.range,
              cell: t.cellOf(row.row, col),
              messageId: 'unknown',
              data: { name: name.length > 80 ? name.slice(0, 77) + '…' : name, sheet },
            });
          }
        });
      }
    },
  }),
});
