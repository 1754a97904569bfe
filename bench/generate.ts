/**
 * Deterministic (seeded) benchmark workbooks shaped like the ministry forms: a 10,000-row roadmap and a 2,000-row
 * target-indicator sheet. Same seed → same grids → same xlsx content.
 */
import ExcelJS from 'exceljs';
import type { CellRange, CellValue, Grid } from '@svod/shared';

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const pad = (n: number) => String(n).padStart(2, '0');

const MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
const MONTHS_GEN = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** Deadline texts in the spellings of the ministry orders (seeds 000–004). */
function deadline(random: () => number, from: number, to: number): string {
  const year = from + Math.floor(random() * (to - from + 1));
  const m = Math.floor(random() * 12);
  const m2 = Math.min(11, m + 1 + Math.floor(random() * 3));
  const day = 1 + Math.floor(random() * 28);
  const forms: Array<() => string> = [
    () => `${pad(day)}.${pad(m + 1)}.${year}`,
    () => `${MONTHS[m]} – ${MONTHS[m2]} ${year} г.`,
    () => `${cap(MONTHS[m]!)} - ${MONTHS[m2]} ${year} г.`,
    () => 'в течение года',
    () => `в течение ${year} года`,
    () => `до ${pad(day)}.${pad(m + 1)}.${year}`,
    () => `До ${day} ${MONTHS_GEN[m]} ${year} г.`,
    () => 'ежемесячно',
    () => 'ежеквартально',
    () => `ежегодно, до ${day} ${MONTHS_GEN[m]}`,
    () => `${cap(MONTHS[m]!)} ${year} г.`,
    () => `${['I', 'II', 'III', 'IV'][Math.floor(m / 3)]} квартал ${year} г.`,
    () => `${from}-${to} гг.`,
    () => `${from} – ${to} г.г.`,
    () => 'по мере необходимости',
    () => 'постоянно',
    () => 'в соответствии с планом работы',
    () => `не позднее ${pad(day)}.${pad(m + 1)}.${year}`,
    () => `${MONTHS[m]}, ${MONTHS[m2]} ${year} г.`,
    () => `сентябрь ${Math.min(year, to - 1)} – май ${Math.min(year, to - 1) + 1}`,
    () => `${pad(day)}.${pad(m + 1)}.${year} - ${pad(Math.min(28, day + 5))}.${pad(m2 + 1)}.${year}`,
    () => 'по графику',
  ];
  return pick(random, forms)();
}

const EXECUTORS = [
  'Управление образования администрации муниципального района',
  'МБУ «Информационно-методический центр»',
  'МБУ ИМЦ',
  'Отдел общего образования',
  'Отдел дополнительного образования и воспитания',
  'Руководители общеобразовательных организаций',
  'Заместители директоров по УВР',
  'Муниципальный координатор проекта',
  'Кураторы школ',
  'Руководители районных методических объединений',
  'КГАУ ДПО «Институт развития образования»',
  'Региональный центр оценки качества образования',
  'ГАУ ДПО «Институт развития образования Забайкальского края»',
  'КОГОАУ ДПО «ИРО Кировской области»',
  'Центр психолого-педагогической, медицинской и социальной помощи',
  'Педагоги-психологи',
  'Социальные педагоги',
  'Классные руководители',
  'Учителя-предметники',
  'Администрация школы',
  'Школьная служба медиации',
  'Методический совет',
  'Территориальная психолого-медико-педагогическая комиссия',
  'Муниципальная опорная школа',
  'Центр образования цифрового и гуманитарного профилей «Точка роста»',
  'Управляющий совет школы',
  'Родительский комитет',
  'Специалисты управления образования',
  'Главный специалист по общему образованию',
  'Ведущий специалист по мониторингу',
  'Отдел опеки и попечительства',
  'Комиссия по делам несовершеннолетних',
  'Муниципальная методическая служба',
  'Районная ассоциация учителей математики',
  'Районная ассоциация учителей русского языка',
  'Школьные методические объединения',
  'Ответственные за ВСОКО',
  'Наставники молодых педагогов',
  'Библиотекари школ',
  'Центр непрерывного повышения профессионального мастерства',
];

const ACTIVITY_VERBS = ['Проведение', 'Организация', 'Подготовка', 'Участие в', 'Анализ', 'Мониторинг', 'Разработка', 'Обновление', 'Корректировка', 'Обеспечение'];
const ACTIVITY_OBJECTS = [
  'совещания с руководителями общеобразовательных организаций',
  'семинара для заместителей директоров по учебно-воспитательной работе',
  'результатов всероссийских проверочных работ',
  'плана-графика повышения квалификации педагогов',
  'методических рекомендаций по работе с обучающимися группы риска',
  'программ антирисковых мер',
  'диагностики профессиональных дефицитов учителей',
  'взаимопосещения уроков в рамках сетевого взаимодействия',
  'муниципального этапа конкурса профессионального мастерства',
  'школьной системы оценки качества образования',
  'вебинара по вопросам адресной методической помощи',
  'индивидуальных образовательных маршрутов педагогов',
  'информации на официальном сайте управления образования',
  'родительских собраний по вопросам подготовки к ГИА',
  'курсов повышения квалификации по программам ФГОС',
];
const RESULTS = [
  'Протокол совещания',
  'Аналитическая справка',
  'Приказ управления образования',
  'Информационно-аналитическая справка по итогам мониторинга',
  'Повышение качества образования',
  'Методические рекомендации',
  'План-график',
  'Отчёт о проведении',
  'Доля педагогов, прошедших обучение, не менее 80 %',
  'Размещение информации на сайте',
];
const SECTIONS = [
  'Организационно-управленческие мероприятия',
  'Методическое сопровождение общеобразовательных организаций',
  'Работа с педагогическими кадрами',
  'Мониторинг и оценка качества образования',
  'Работа с обучающимися и родителями',
  'Информационное сопровождение',
];

export interface BenchSheet {
  grid: Grid;
  /** Header row index (0-based) and the last data row. */
  headerRow: number;
  dataRows: number;
}

/** A roadmap: title with the period, header, sections every ~25 rows (merged A:E), `rows` numbered items. */
export function roadmapSheet(rows = 10_000, seed = 20230313): BenchSheet {
  const random = rng(seed);
  const from = 2023;
  const to = 2026;
  const merges: CellRange[] = [];
  const out: CellValue[][] = [];
  const grid: Grid = { name: 'Дорожная карта', rows: out, merges };
  out.push([null, null, null, null, 'Приложение к приказу Управления образования от 14.02.2023 № 112']);
  out.push(['План мероприятий («дорожная карта») по повышению качества образования в общеобразовательных организациях на 2023–2026 годы']);
  merges.push({ top: 1, left: 0, bottom: 1, right: 4 });
  out.push([]);
  const headerRow = out.length;
  out.push(['№ п/п', 'Мероприятие', 'Срок реализации', 'Исполнитель', 'Ожидаемый результат']);
  let section = 0;
  let item = 0;
  let produced = 0;
  let untilSection = 0;
  while (produced < rows) {
    if (untilSection === 0) {
      section++;
      item = 0;
      untilSection = 20 + Math.floor(random() * 11); // 20–30 items: a section every ~25 rows
      const r = out.length;
      out.push([`${section}. ${pick(random, SECTIONS)}`]);
      merges.push({ top: r, left: 0, bottom: r, right: 4 });
      produced++;
      continue;
    }
    item++;
    untilSection--;
    out.push([
      `${section}.${item}.`,
      `${pick(random, ACTIVITY_VERBS)} ${pick(random, ACTIVITY_OBJECTS)}`,
      deadline(random, from, to),
      random() < 0.15 ? `${pick(random, EXECUTORS)}, ${pick(random, EXECUTORS)}` : pick(random, EXECUTORS),
      pick(random, RESULTS),
    ]);
    produced++;
  }
  return { grid, headerRow, dataRows: produced };
}

const INDICATORS: ReadonlyArray<readonly [string, '%' | 'шт.' | 'да/нет']> = [
  ['Доля обучающихся, успешно выполнивших ВПР по математике', '%'],
  ['Доля обучающихся, не преодолевших минимальный порог ОГЭ', '%'],
  ['Доля педагогов, прошедших курсы повышения квалификации', '%'],
  ['Количество школ с низкими образовательными результатами', 'шт.'],
  ['Количество проведённых методических мероприятий', 'шт.'],
  ['Количество педагогов-наставников', 'шт.'],
  ['Наличие программы антирисковых мер', 'да/нет'],
  ['Наличие школьной системы оценки качества образования', 'да/нет'],
  ['Доля обучающихся, охваченных дополнительным образованием', '%'],
  ['Количество сетевых проектов', 'шт.'],
];

/** Target indicators: `№ | Показатель | Ед. изм. | 2023 | 2024 | 2025 | 2026`, `rows` numbered rows. */
export function indicatorSheet(rows = 2_000, seed = 20230314): BenchSheet {
  const random = rng(seed);
  const merges: CellRange[] = [];
  const out: CellValue[][] = [];
  const grid: Grid = { name: 'Целевые показатели', rows: out, merges };
  out.push(['Целевые показатели реализации муниципального проекта на 2023–2026 годы']);
  merges.push({ top: 0, left: 0, bottom: 0, right: 6 });
  out.push([]);
  const headerRow = out.length;
  out.push(['№', 'Показатель', 'Ед. изм.', 2023, 2024, 2025, 2026]);
  for (let i = 1; i <= rows; i++) {
    const [name, unit] = pick(random, INDICATORS);
    const values: CellValue[] = [];
    // «не преодолевших», «с низкими результатами»: the plan goes down; everything else goes up.
    const sign = /не преодолевш|низкими/.test(name) ? -1 : 1;
    if (unit === '%') {
      let v = Math.round(sign > 0 ? 40 + random() * 40 : 20 + random() * 20);
      for (let y = 0; y < 4; y++) values.push((v = Math.max(0, Math.min(100, v + sign * Math.floor(random() * 5)))));
    } else if (unit === 'шт.') {
      let v = Math.floor(sign > 0 ? random() * 30 : 15 + random() * 15);
      for (let y = 0; y < 4; y++) values.push((v = Math.max(0, v + sign * Math.floor(random() * 4))));
    } else {
      for (let y = 0; y < 4; y++) values.push(random() < 0.3 && y === 0 ? 'нет' : 'да');
    }
    out.push([`${i}.`, `${name} (школа № ${1 + (i % 60)})`, unit, ...values]);
  }
  return { grid, headerRow, dataRows: rows };
}

/** Writes grids as an xlsx with modest formatting (bold header, borders on the header, wrap, widths, merges). */
export async function writeBenchXlsx(sheets: readonly BenchSheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(Date.UTC(2023, 0, 1));
  wb.modified = wb.created;
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.grid.name);
    const width = Math.max(...s.grid.rows.map((r) => r.length));
    ws.columns = Array.from({ length: width }, (_, c) => ({ width: c === 1 ? 60 : c === 0 ? 8 : 25 }));
    s.grid.rows.forEach((row, r) => {
      if (row.length) ws.getRow(r + 1).values = row as ExcelJS.CellValue[];
    });
    const header = ws.getRow(s.headerRow + 1);
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
      cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    });
    for (const m of s.grid.merges ?? []) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
