/**
 * The writing-quality rules' vocabulary: data, not logic, so a methodologist can extend it without reading the rules.
 * Every word is lower case with «е» for «ё». Each list says what it is for and which seed row showed the need.
 */

/** Endings of Russian verbal nouns: «Проведение», «Организация», «Разработка», «Мониторинг», «Инструктаж». */
export const VERBAL_NOUN_ENDINGS: readonly string[] = ['ание', 'яние', 'ение', 'тие', 'вие', 'ция', 'сия', 'зия', 'иза', 'ка', 'инг', 'аж'];

/** Verbal nouns without such an ending (the action itself): «Анализ», «Контроль», «Участие» is covered by «тие». */
export const VERBAL_NOUNS: readonly string[] = [
  'анализ', 'самоанализ', 'контроль', 'сбор', 'отбор', 'выбор', 'набор', 'обмен', 'прием', 'учет', 'аудит', 'обзор', 'опрос',
  'осмотр', 'пересмотр', 'перевод', 'переход', 'запуск', 'выпуск', 'обход', 'расчет', 'ремонт', 'монтаж', 'заказ', 'закуп',
  'экспертиза', 'помощь', 'сопровождение', 'патронаж', 'надзор', 'показ', 'обновление', 'работа', 'деятельность',
];

/**
 * Endings of adjectives an activity may open with before its noun: «Промежуточный анализ …» (seed 001, 4.2) is an
 * action, «Районный семинар …» is an event. At most `MAX_LEADING_ADJECTIVES` of them are looked through.
 */
export const ADJECTIVE_ENDINGS: readonly string[] = ['ый', 'ий', 'ой', 'ая', 'яя', 'ое', 'ее', 'ые', 'кие', 'гие', 'хие', 'чие', 'щие'];
export const MAX_LEADING_ADJECTIVES = 3;

/**
 * Events that, given a name or theme in quotes, say exactly what happens: «Районный семинар … «Цифровая
 * образовательная среда …»» (seed 002, 1.2.x) is a plan-graph's usual entry and is not reported; an unnamed one
 * («Совещание с директорами», «Курсы повышения квалификации по выявленным дефицитам») is.
 */
export const EVENT_NOUNS: readonly string[] = [
  'семинар', 'вебинар', 'практикум', 'совещание', 'конференция', 'форум', 'конкурс', 'фестиваль', 'олимпиада', 'марафон',
  'десант', 'объединение', 'заседание', 'собрание', 'стол', 'мастер', 'курсы', 'курс', 'школа', 'тренинг', 'лекторий', 'чтения',
  'акция', 'выставка', 'слет', 'встреча', 'консультация', 'педсовет', 'неделя', 'декада', 'квест', 'турнир', 'смотр',
  'интенсив', 'лаборатория', 'клуб', 'площадка', 'сессия', 'игра', 'урок', 'уроки', 'мероприятие', 'программа', 'проект',
];

/**
 * Nouns that have a verbal-noun ending but name an event, a document or a body, not the action: «Совещание с
 * директорами» should read «Проведение совещания с директорами». The first word of an activity must not be one. Words
 * that name the act as often as the event («Презентация», «Консультация», «Постановка») are left out: a miss is cheaper
 * than a false alarm.
 */
export const NOT_VERBAL_NOUNS: readonly string[] = [
  'совещание', 'заседание', 'собрание', 'мероприятие', 'мероприятия', 'положение', 'соглашение', 'задание', 'занятие', 'занятия',
  'издание', 'объединение', 'учреждение', 'управление', 'предложение', 'расписание', 'здание', 'знание', 'образование',
  'приложение', 'выступление', 'конференция', 'секция', 'комиссия', 'лекция', 'акция', 'позиция', 'традиция', 'справка',
  'заявка', 'площадка', 'методика', 'практика', 'тематика', 'рубрика', 'выставка', 'встреча', 'неделя',
  'декада', 'олимпиада', 'сессия', 'экскурсия', 'дискуссия', 'экспозиция', 'брифинг', 'тренинг', 'рейтинг', 'митинг',
  'форсайт',
];

/**
 * Words an activity may open with before its verbal noun: «В рамках федерального проекта «Успех каждого ребенка»
 * организация участия ОО …» (seed 002, 4.1). After one of these the verbal noun is looked for further on.
 */
export const LEADING_PREPOSITIONS: readonly string[] = ['в', 'во', 'с', 'со', 'для', 'по', 'на', 'при', 'совместно', 'согласно'];

/** How many words after a leading preposition the verbal noun may come (seed 002, 4.4: the seventh word). */
export const VERBAL_NOUN_SEARCH_WORDS = 12;

/**
 * Words that say nothing checkable as a result on their own: a result made only of these («Выполнено», «да», «в
 * течение года», «В соответствии с целями и задачами» — seed 004, 16.) names no document, number, share or date.
 */
export const VAGUE_RESULT_WORDS: readonly string[] = [
  'ok', 'ок', 'окей', 'да', 'нет', 'есть', 'имеется', 'v', 'x', 'х',
  'выполнено', 'выполнен', 'выполнена', 'выполнены', 'исполнено', 'исполнен', 'исполнена', 'сделано', 'проведено', 'проведен',
  'проведена', 'проведены', 'реализовано', 'реализован', 'реализована', 'реализованы', 'организовано', 'организован',
  'организована', 'осуществлено', 'осуществляется', 'выполняется', 'проводится', 'ведется', 'обеспечено', 'достигнуто',
  'работа', 'работы', 'участие', 'мероприятие', 'мероприятия', 'результат', 'результаты', 'положительный', 'положительные',
  'в', 'во', 'с', 'со', 'и', 'по', 'на', 'течение', 'года', 'год', 'всего', 'периода', 'период', 'весь', 'постоянно',
  'ежегодно', 'ежемесячно', 'регулярно', 'своевременно', 'полностью', 'полном', 'объеме', 'срок', 'сроки', 'плану',
  'планом', 'графику', 'соответствии', 'согласно', 'целями', 'задачами', 'цели', 'задачи', 'необходимости', 'мере',
];

/**
 * The words an indicator's name opens with («Доля обучающихся …», «Количество ШНОР …»): a result phrased so names an
 * indicator, which the indicator sheet should then have.
 */
export const INDICATOR_OPENERS: readonly string[] = ['доля', 'количество', 'число', 'численность', 'наличие', 'уровень', 'процент', 'охват', 'удельный', 'средний'];

/** Function words that carry no meaning when two texts are compared word by word. */
export const FUNCTION_WORDS: readonly string[] = [
  'и', 'в', 'во', 'на', 'с', 'со', 'по', 'для', 'из', 'к', 'ко', 'о', 'об', 'от', 'до', 'за', 'при', 'а', 'но', 'или', 'не', 'что',
  'как', 'их', 'его', 'ее', 'том', 'числе', 'т', 'д', 'др', 'г', 'гг', 'года', 'годы', 'году', 'год',
];
