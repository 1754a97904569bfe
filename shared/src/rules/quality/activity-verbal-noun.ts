import { defineRule } from '../../engine/rule';
import {
  ADJECTIVE_ENDINGS,
  EVENT_NOUNS,
  LEADING_PREPOSITIONS,
  MAX_LEADING_ADJECTIVES,
  NOT_VERBAL_NOUNS,
  VERBAL_NOUN_ENDINGS,
  VERBAL_NOUN_SEARCH_WORDS,
  VERBAL_NOUNS,
} from './vocabulary';
import { words } from './words';

const NOUNS = new Set(VERBAL_NOUNS);
const NOT_NOUNS = new Set(NOT_VERBAL_NOUNS);
const PREPOSITIONS = new Set(LEADING_PREPOSITIONS);
const EVENTS = new Set(EVENT_NOUNS);

const isAdjective = (word: string) => !NOT_NOUNS.has(word) && word.length >= 5 && ADJECTIVE_ENDINGS.some((e) => word.endsWith(e));

/** «Проведение», «Организация», «Анализ»: an action named by a noun, as the methodological recommendations ask. */
export function isVerbalNoun(word: string): boolean {
  if (NOT_NOUNS.has(word)) return false;
  if (NOUNS.has(word)) return true;
  // Compounds read by their last part: «Научно-методическое» is not one, «Само-диагностика» is.
  return word.length >= 5 && VERBAL_NOUN_ENDINGS.some((e) => word.endsWith(e));
}

/** The activity's text without what a title in quotes says: «Семинар «Организация работы …»» opens with «Семинар». */
function outsideQuotes(text: string): string {
  return text.replace(/«[^«»]*»|"[^"]*"/g, ' ');
}

export default defineRule({
  meta: {
    id: 'activity-verbal-noun',
    kind: 'roadmap',
    defaultSeverity: 'info',
    description: 'Мероприятие начинается не с отглагольного существительного («Проведение», «Организация», «Разработка»…), а с названия события или документа.',
    howToFix: 'Начните с действия: «Проведение совещания …» вместо «Совещание …», «Подготовка приказа …» вместо «Приказ …».',
    fixable: false,
    messages: { noun: 'Мероприятие начинается со слова «{{word}}», а не с действия: например, «Проведение …», «Организация …», «Разработка …».' },
  },
  create({ facts, report }) {
    const col = facts.col('activity');
    if (col === undefined) return {};
    const { rows } = facts.table;
    return {
      row(row, index) {
        if (row.role !== 'item' || row.subRowOf !== undefined) return;
        if (facts.splitSource(index, col) >= 0 || facts.mergedFromAbove(row.row, col)) return;
        const text = facts.fullText(index, col);
        if (!text) return;
        // A list under a heading item («Подготовка приказов …:» over «- об утверждении перечня …») continues its
        // heading's action; so does a line that opens with a dash or in lower case under a parent item.
        const parent = row.parent !== undefined ? rows[row.parent] : undefined;
        if (parent?.role === 'item') {
          const heading = facts.fullText(row.parent!, col).trim();
          if (heading.endsWith(':') || /^[-–—•·]/.test(text) || /^[a-zа-яё]/.test(text)) return;
        }
        const all = words(outsideQuotes(text)).filter((w) => !/^\d+$/.test(w));
        const first = all[0];
        if (first === undefined) return;
        // «Промежуточный анализ …»: the noun after its adjectives.
        let k = 0;
        while (k < MAX_LEADING_ADJECTIVES && k < all.length - 1 && !isVerbalNoun(all[k]!) && isAdjective(all[k]!)) k++;
        const head = all[k]!;
        if (isVerbalNoun(head)) return;
        // A named event («Районный семинар … «Тема»», «Методический десант» …) says what happens.
        if (/«[^«»]{3,}»/.test(text) && (/^\s*«/.test(text) || EVENTS.has(head))) return;
        // «В рамках федерального проекта «…» организация участия …»: the action after an opening phrase.
        if (PREPOSITIONS.has(first) && all.slice(1, VERBAL_NOUN_SEARCH_WORDS).some(isVerbalNoun)) return;
        const shown = /[a-zа-яё0-9]+/i.exec(outsideQuotes(text))?.[0] ?? first;
        report({ messageId: 'noun', data: { word: shown }, cell: facts.cellOf(row.row, col) });
      },
    };
  },
});
