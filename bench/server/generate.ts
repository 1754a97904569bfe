/**
 * Deterministic workbooks for `npm run bench:server`: the regional template (60 indicators in four sections, years
 * 2023–2026) and municipality submissions (a ~300-row roadmap and the 60 indicators filled in), as grids, as the
 * add-in's JSON form and as xlsx multipart bodies. Same arguments → same content.
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { rangeToA1, type CellRange, type CellValue, type Grid, type GridWorkbook } from '@svod/shared';
import { rng, roadmapSheet } from '../generate';

export const YEARS = [2023, 2024, 2025, 2026] as const;

const SECTIONS: Array<readonly [string, ReadonlyArray<readonly [string, '%' | 'шт.']>]> = [
  [
    'I. Образовательные результаты обучающихся',
    [
      ['Доля обучающихся, получивших неудовлетворительный результат на ОГЭ по математике', '%'],
      ['Доля обучающихся, получивших неудовлетворительный результат на ОГЭ по русскому языку', '%'],
      ['Доля обучающихся, не набравших минимальный балл ЕГЭ по русскому языку', '%'],
      ['Доля обучающихся, не набравших минимальный балл ЕГЭ по математике (профильный уровень)', '%'],
      ['Доля обучающихся, не справившихся с ВПР по математике', '%'],
      ['Доля обучающихся, не справившихся с ВПР по русскому языку', '%'],
      ['Доля обучающихся, не справившихся с ВПР по окружающему миру', '%'],
      ['Доля обучающихся, не справившихся с ВПР по истории', '%'],
      ['Доля обучающихся, не справившихся с ВПР по биологии', '%'],
      ['Доля обучающихся, не справившихся с ВПР по географии', '%'],
      ['Доля обучающихся, не справившихся с диагностикой функциональной грамотности', '%'],
      ['Степень обученности (успешности)', '%'],
      ['Качество обученности', '%'],
      ['Доля выпускников, получивших аттестат с отличием', '%'],
      ['Доля обучающихся, ставших призёрами муниципального этапа олимпиады', '%'],
    ],
  ],
  [
    'II. Кадровое обеспечение',
    [
      ['Доля руководителей, прошедших повышение квалификации по управленческим программам', '%'],
      ['Доля педагогов, прошедших повышение квалификации по программам из федерального реестра', '%'],
      ['Доля педагогов с выявленными профессиональными дефицитами', '%'],
      ['Доля педагогов, прошедших диагностику профессиональных компетенций', '%'],
      ['Доля молодых педагогов, закреплённых за наставниками', '%'],
      ['Доля педагогов с первой и высшей квалификационной категорией', '%'],
      ['Доля педагогов в возрасте до 35 лет', '%'],
      ['Количество вакансий педагогических работников', 'шт.'],
      ['Количество педагогов, привлечённых по программе «Земский учитель»', 'шт.'],
      ['Количество педагогов-наставников', 'шт.'],
      ['Количество победителей конкурсов профессионального мастерства', 'шт.'],
      ['Доля педагогов, участвующих в работе методических объединений', '%'],
      ['Доля педагогов, использующих цифровые образовательные ресурсы', '%'],
      ['Доля педагогов, прошедших обучение по работе с детьми с ОВЗ', '%'],
      ['Доля заместителей директоров, прошедших стажировку в школах-лидерах', '%'],
    ],
  ],
  [
    'III. Методическое сопровождение',
    [
      ['Количество проведённых муниципальных методических мероприятий', 'шт.'],
      ['Количество семинаров для заместителей директоров по УВР', 'шт.'],
      ['Количество вебинаров по адресной методической помощи', 'шт.'],
      ['Количество разработанных индивидуальных образовательных маршрутов педагогов', 'шт.'],
      ['Количество сетевых проектов школ', 'шт.'],
      ['Количество пар школ, заключивших договоры о партнёрстве', 'шт.'],
      ['Количество посещённых уроков в рамках взаимопосещения', 'шт.'],
      ['Количество разработанных программ антирисковых мер', 'шт.'],
      ['Доля школ, обеспеченных методическими рекомендациями', '%'],
      ['Доля школ с обновлённой системой оценки качества образования', '%'],
      ['Доля школ, разместивших отчёт о самообследовании', '%'],
      ['Количество муниципальных опорных школ', 'шт.'],
      ['Количество выездных консультаций кураторов', 'шт.'],
      ['Количество публикаций опыта в региональных изданиях', 'шт.'],
      ['Количество школ, вышедших из списка с низкими результатами', 'шт.'],
    ],
  ],
  [
    'IV. Условия и родители',
    [
      ['Доля обучающихся, охваченных дополнительным образованием', '%'],
      ['Доля обучающихся, охваченных внеурочной деятельностью', '%'],
      ['Доля обучающихся, состоящих на профилактическом учёте', '%'],
      ['Доля обучающихся, занимающихся в «Точках роста»', '%'],
      ['Доля школ с высокоскоростным доступом к сети Интернет', '%'],
      ['Доля школ, оснащённых современным учебным оборудованием', '%'],
      ['Доля родителей, удовлетворённых качеством образования', '%'],
      ['Доля родителей, участвующих в управляющих советах', '%'],
      ['Количество проведённых родительских собраний по вопросам ГИА', 'шт.'],
      ['Количество обращений родителей в службу медиации', 'шт.'],
      ['Количество консультаций педагогов-психологов', 'шт.'],
      ['Количество обучающихся, получивших психолого-педагогическую помощь', 'шт.'],
      ['Доля школ, реализующих программы профориентации', '%'],
      ['Доля обучающихся 9 классов, прошедших профессиональные пробы', '%'],
      ['Доля школ, в которых работают школьные службы примирения', '%'],
    ],
  ],
];

export interface TemplateIndicator {
  section: string;
  number: string;
  name: string;
  unit: '%' | 'шт.';
}

export const INDICATORS: readonly TemplateIndicator[] = SECTIONS.flatMap(([section, list], s) =>
  list.map(([name, unit], i) => ({ section, number: `${s + 1}.${i + 1}`, name, unit })),
);

/** The indicator sheet: title with the period, `№ | Показатель | Ед. изм. | 2023…2026`, section rows merged across. */
function indicatorGrid(values: ((indicator: TemplateIndicator, index: number) => CellValue[]) | null): Grid {
  const rows: CellValue[][] = [['Целевые показатели реализации муниципального проекта «Эффективная школа» на период 2023 – 2026 гг.'], []];
  const merges: CellRange[] = [{ top: 0, left: 0, bottom: 0, right: 2 + YEARS.length }];
  rows.push(['№ п/п', 'Показатель (индикатор)', 'Ед. изм.', ...YEARS.map(String)]);
  let section = '';
  INDICATORS.forEach((indicator, i) => {
    if (indicator.section !== section) {
      section = indicator.section;
      merges.push({ top: rows.length, left: 0, bottom: rows.length, right: 2 + YEARS.length });
      rows.push([section]);
    }
    rows.push([indicator.number, indicator.name, indicator.unit, ...(values ? values(indicator, i) : [])]);
  });
  return { name: 'Целевые показатели', rows, merges };
}

export function templateWorkbook(): GridWorkbook {
  return { sheets: [indicatorGrid(null)] };
}

const ROOTS = [
  'Алеутский', 'Быстринский', 'Вилючинский', 'Елизовский', 'Карагинский', 'Мильковский', 'Олюторский', 'Пенжинский',
  'Соболевский', 'Тигильский', 'Усть-Большерецкий', 'Усть-Камчатский', 'Иланский', 'Канский', 'Абанский', 'Ачинский',
  'Балахтинский', 'Бирилюсский', 'Богучанский', 'Большемуртинский', 'Дзержинский', 'Емельяновский', 'Ермаковский',
  'Идринский', 'Казачинский', 'Каратузский', 'Кежемский', 'Козульский', 'Краснотуранский', 'Курагинский', 'Манский',
  'Минусинский', 'Мотыгинский', 'Назаровский', 'Нижнеингашский', 'Новоселовский', 'Партизанский', 'Пировский',
  'Рыбинский', 'Саянский', 'Северо-Енисейский', 'Сухобузимский', 'Таймырский', 'Тасеевский', 'Туруханский',
  'Тюхтетский', 'Ужурский', 'Уярский', 'Шарыповский', 'Шушенский', 'Эвенкийский', 'Верхнекамский', 'Даровской',
  'Зуевский', 'Кильмезский', 'Котельничский', 'Лузский', 'Малмыжский', 'Немский', 'Опаринский',
];
const KINDS = ['муниципальный район', 'муниципальный округ', 'район'];

export interface BenchMunicipality {
  id: string;
  name: string;
}

export function municipalities(count: number): BenchMunicipality[] {
  return Array.from({ length: count }, (_, i) => ({ id: `m${String(i + 1).padStart(3, '0')}`, name: `${ROOTS[i % ROOTS.length]} ${KINDS[i % KINDS.length]}${i >= ROOTS.length ? ` ${Math.floor(i / ROOTS.length) + 1}` : ''}` }));
}

/**
 * A municipality's workbook: its roadmap (about `roadmapRows` rows, sections every ~25 items, seeded by municipality
 * and attempt so every version differs) and the template's indicators filled with plausible values.
 */
export function submissionWorkbook(municipality: number, attempt: number, roadmapRows = 300): GridWorkbook {
  const seed = 1_000_003 * (municipality + 1) + 7919 * attempt;
  const roadmap = roadmapSheet(roadmapRows, seed).grid;
  const random = rng(seed ^ 0x5bd1e995);
  const indicators = indicatorGrid((indicator) => {
    const down = /не справивш|не набравш|неудовлетвор|дефицит|вакансий|учёте|обращений/.test(indicator.name);
    const out: CellValue[] = [];
    if (indicator.unit === '%') {
      let v = Math.round(down ? 15 + random() * 20 : 40 + random() * 40);
      for (let y = 0; y < YEARS.length; y++) out.push((v = Math.max(0, Math.min(100, v + (down ? -1 : 1) * Math.floor(random() * 4)))));
    } else {
      let v = Math.floor(down ? 5 + random() * 15 : 1 + random() * 20);
      for (let y = 0; y < YEARS.length; y++) out.push((v = Math.max(0, v + (down ? -1 : 1) * Math.floor(random() * 3))));
    }
    return out;
  });
  return { sheets: [indicators, roadmap] };
}

/** The add-in's JSON form: `{ sheets: [ { name, rows, merges: ["A1:E1", …] } ] }`. */
export function jsonForm(workbook: GridWorkbook): { sheets: Array<{ name: string; rows: CellValue[][]; merges: string[] }> } {
  return { sheets: workbook.sheets.map((g) => ({ name: g.name, rows: g.rows, merges: (g.merges ?? []).map(rangeToA1) })) };
}

/** Grids as an xlsx with the formatting officials' files have: widths, bold bordered header, wrapped text, merges. */
export async function workbookXlsx(workbook: GridWorkbook): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Svod bench';
  wb.created = new Date(Date.UTC(2023, 0, 1));
  wb.modified = wb.created;
  for (const grid of workbook.sheets) {
    const ws = wb.addWorksheet(grid.name);
    const width = Math.max(...grid.rows.map((r) => r.length));
    ws.columns = Array.from({ length: width }, (_, c) => ({ width: c === 1 ? 60 : c === 0 ? 8 : 20 }));
    const header = grid.rows.findIndex((r) => typeof r[0] === 'string' && r[0].startsWith('№'));
    grid.rows.forEach((row, r) => {
      if (!row.length) return;
      const xl = ws.getRow(r + 1);
      xl.values = row as ExcelJS.CellValue[];
      if (r === header) {
        xl.font = { bold: true };
        xl.eachCell((cell) => {
          cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
          cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
        });
      }
    });
    for (const m of grid.merges ?? []) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A multipart/form-data body with one file field, built once so the load loop only sends bytes. */
export function multipart(field: string, fileName: string, bytes: Uint8Array, contentType: string): { body: Buffer; contentType: string } {
  const boundary = `----svod-bench-${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}`;
  const head = Buffer.from(
    // The name as browsers send it: UTF-8 bytes, quotes escaped.
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName.replace(/"/g, '%22')}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return { body: Buffer.concat([head, bytes, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}
