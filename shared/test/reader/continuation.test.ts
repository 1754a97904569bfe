/**
 * Rows and cells split by a page break in Word, on small hand-made grids (issue #7, item 6): what the reader marks,
 * and what each item then reads through the table's facts and the merge extraction.
 */
import { parseRangeA1 } from '../../src/grid/address';
import type { CellValue, Grid } from '../../src/grid/grid';
import { readSheet } from '../../src/reader/read';
import { plainlyContinues } from '../../src/reader/split';
import type { SheetModel, Table } from '../../src/reader/model';
import { TableFacts } from '../../src/facts/table-facts';
import { WorkbookFacts } from '../../src/facts/workbook-facts';
import { extractSubmission } from '../../src/merge/extract';
import { fix } from '../../src';

const HEADER = ['№', 'Перечень мероприятий', 'Срок', 'Ответственный исполнитель', 'Ожидаемый результат'];
const grid = (rows: CellValue[][], merges: string[] = []): Grid => ({ name: 'Лист1', rows, merges: merges.map((m) => parseRangeA1(m)!) });
const roles = (t: Table) => t.rows.map((r) => r.role);

function read(rows: CellValue[][], merges: string[] = []): { sheet: SheetModel; table: Table; context: TableFacts } {
  const sheet = readSheet(grid(rows, merges));
  const table = sheet.tables[0]!;
  const context = new WorkbookFacts({ sheets: [sheet], glossary: [] }, {}).tables[0]!;
  return { sheet, table, context };
}

const results = (rows: CellValue[][], merges: string[]) =>
  extractSubmission({ sheets: [grid(rows, merges)] }).roadmap.map((e) => [e.number, e.executor, e.result]);

describe('a cell split across a repeated header into a vertical merge (seed 004, 16.2 → E42:E45)', () => {
  const rows: CellValue[][] = [
    HEADER,
    ['16.2.', 'вебинар «Технологии оценки»', '29 июня', 'ИРО', 'Проведен семинар «Поддержка школ, функционирующих в сложных'],
    HEADER,
    ['16.3.', 'проблемный семинар', '28 сентября', 'ИРО', 'социальных условиях» (2 дня);'],
    ['16.4.', 'вебинар «Технологии преподавания»', '28 сентября', 'ИРО', null],
    ['16.5.', 'вебинар «Модели сопровождения»', '23 ноября', 'ИРО', null],
    ['17.', 'Проведение семинаров', 'май', 'ИРО', 'Проведены семинары'],
  ];
  const merges = ['E4:E6'];
  const WHOLE = 'Проведен семинар «Поддержка школ, функционирующих в сложных социальных условиях» (2 дня);';

  it('marks the result cell of the row opening the page as the tail of the item before the header', () => {
    const { table } = read(rows, merges);
    expect(roles(table)).toEqual(['item', 'repeated-header', 'item', 'item', 'item', 'item']);
    expect(table.rows[2]!.number!.raw).toBe('16.3.');
    expect(table.rows[2]!.tail).toEqual({ of: 0, cols: [4] });
    expect(table.rows.map((r) => r.tail)).toEqual([undefined, undefined, { of: 0, cols: [4] }, undefined, undefined, undefined]);
  });

  it('reads the item the page broke whole, and the rows under the tail share that whole cell, not the bare tail', () => {
    const { context } = read(rows, merges);
    expect([0, 2, 3, 4, 5].map((i) => context.fullText(i, 4))).toEqual([WHOLE, WHOLE, WHOLE, WHOLE, 'Проведены семинары']);
    expect(results(rows, merges)).toEqual([
      ['16.2.', 'ИРО', WHOLE],
      ['16.3.', 'ИРО', WHOLE],
      ['16.4.', 'ИРО', WHOLE],
      ['16.5.', 'ИРО', WHOLE],
      ['17.', 'ИРО', 'Проведены семинары'],
    ]);
  });
});

describe('an executor name split across a repeated header into a vertical merge (seed 004, 20 → D58:D60)', () => {
  const rows: CellValue[][] = [
    HEADER,
    ['20.', 'Организация мониторинга', 'в течение всего периода', 'Минобразования', 'Отчеты о мониторинге.'],
    HEADER,
    ['20.1', 'Подготовка квартальных отчетов', 'в течение всего периода', 'Забайкальского края', null],
    ['20.2', 'Подготовка сводного отчета', '15-31 декабря', null, null],
    ['20.3', 'Контроль за освоением средств', 'в течение всего периода', null, null],
    ['21.', 'Подготовка описания практик', 'в течение всего периода', 'ИРО Забайкальского края', 'описание практик'],
  ];
  const merges = ['D4:D6'];

  it('takes the genitive «Забайкальского края» for the end of «Минобразования», not for a name', () => {
    const { table } = read(rows, merges);
    expect(table.rows[2]!.tail).toEqual({ of: 0, cols: [3] });
    expect(results(rows, merges).map(([n, executor]) => [n, executor])).toEqual([
      ['20.', 'Минобразования Забайкальского края'],
      ['20.1', 'Минобразования Забайкальского края'],
      ['20.2', 'Минобразования Забайкальского края'],
      ['20.3', 'Минобразования Забайкальского края'],
      ['21.', 'ИРО Забайкальского края'],
    ]);
  });
});

describe('a split row after a repeated header whose tail cell is merged over the items below', () => {
  const rows: CellValue[][] = [
    HEADER,
    ['1.4', 'Участие координатора с представителями', '28.01.2021', 'ФГБУ ФИОКО', 'Проведено участие в вебинарах для'],
    HEADER,
    ['', 'министерства образования', '', '', 'школ с низкими результатами'],
    ['1.5', 'Разработка карты', 'март', 'УО', null],
    ['1.6', 'Согласование карты', 'апрель', 'УО', null],
  ];
  const merges = ['E4:E6'];

  it('joins the row to 1.4 and gives 1.5 and 1.6 the whole cell, not its tail', () => {
    const { table, context } = read(rows, merges);
    expect(roles(table)).toEqual(['item', 'repeated-header', 'continuation', 'item', 'item']);
    expect(table.rows[2]!.continues).toBe(0);
    const whole = 'Проведено участие в вебинарах для школ с низкими результатами';
    expect([0, 3, 4].map((i) => context.fullText(i, 4))).toEqual([whole, whole, whole]);
    expect(results(rows, merges).map(([n, , result]) => [n, result])).toEqual([
      ['1.4', whole],
      ['1.5', whole],
      ['1.6', whole],
    ]);
  });
});

describe('what a row opening a page may start with and still be its own', () => {
  it('keeps a lower-case result of its own after an unfinished-looking result above (seed 004, 18: «обеспечено …»)', () => {
    const { table } = read([
      HEADER,
      ['17.5', 'Проведение дискуссионной площадки', '12 декабря', 'Минобразования', 'описание лучших практик (не менее 16)'],
      HEADER,
      ['18.', 'Проведение курсов', 'январь-декабрь', 'ИРО', 'обеспечено повышение квалификации'],
    ]);
    expect(table.rows[2]!.role).toBe('item');
    expect(table.rows[2]!.tail).toBeUndefined();
  });

  it('keeps a capitalised executor and a result after a complete one (a merged cell of their own)', () => {
    const { table, context } = read(
      [
        HEADER,
        ['17.', 'Проведение семинаров', 'май', 'ИРО Забайкальского края', 'Проведены мероприятия.'],
        HEADER,
        ['17.1', 'Презентация практик', '6 апреля', 'ИРО Забайкальского края', 'Презентованы практики'],
        ['17.2', 'Презентация практик', '29 июня', null, null],
      ],
      ['D4:D5', 'E4:E5'],
    );
    expect(table.rows.map((r) => r.tail)).toEqual([undefined, undefined, undefined, undefined]);
    expect(context.fullText(3, 3)).toBe('ИРО Забайкальского края');
    expect(context.fullText(0, 3)).toBe('ИРО Забайкальского края');
  });

  it('never takes the activity of a numbered row for a tail, even in lower case after an unfinished one', () => {
    const { table } = read([
      HEADER,
      ['16.1', 'межрегиональный вебинар «Развитие моделей»', '19 апреля', 'ИРО', 'проведены вебинары'],
      HEADER,
      ['16.2.', 'межрегиональный вебинар «Современные технологии»', '29 июня', 'ИРО', 'Проведен семинар'],
    ]);
    expect(table.rows[2]!.tail).toBeUndefined();
  });
});

describe('a complete unnumbered sub-row under an item (seed 003, row 14)', () => {
  const ROADMAP_HEADER = ['№ п/п', 'Мероприятие', 'Срок реализации', 'Ответственный исполнитель', 'Документ, закрепляющий результат'];

  it('is an item of its own, a second line of the item above, when its executor and result are its own', () => {
    const { table } = read([
      ROADMAP_HEADER,
      ['2', 'Разработка нормативно-правовых актов', 'май-июнь 2021', 'Муниципальная рабочая группа', 'Муниципальная программа.'],
      ['', '', 'август-сентябрь 2021', 'Руководители ОО Школьная рабочая группа', 'Школьные программы'],
      ['3', 'Оказание консультационной помощи', 'в течение года', 'Руководитель ОО', 'Приказ'],
    ]);
    expect(roles(table)).toEqual(['item', 'item', 'item']);
    expect(table.rows[1]!.number).toBeNull();
    expect(table.rows[1]!.continues).toBeUndefined();
    expect(table.rows[1]!.subRowOf).toBe(0);
  });

  it('is still a continuation when its executor or result goes on in lower case (seed 003, row 12)', () => {
    const { table } = read([
      ROADMAP_HEADER,
      ['1', 'Анализ и оценка', 'май 2021', 'Муниципальная', 'Рефлексивно-'],
      ['', 'реализации деятельности', '', 'рабочая группа', 'аналитическая записка'],
    ]);
    expect(roles(table)).toEqual(['item', 'continuation']);
    expect(table.rows[1]!.continues).toBe(0);
    expect(table.rows[1]!.subRowOf).toBeUndefined();
  });

  it('is still a continuation when a capitalised text closes a quote left open above', () => {
    const { table } = read([
      ROADMAP_HEADER,
      ['1.4', 'Участие в вебинаре', '28.01.2021', 'ФГБУ «Федеральный институт', 'Участие'],
      ['', '', '', 'Оценки Качества Образования»', 'Протокол'],
    ]);
    expect(roles(table)).toEqual(['item', 'continuation']);
  });

  it('is still a continuation when the item above has no executor or result to be a line of', () => {
    const { table } = read([
      ROADMAP_HEADER,
      ['1.8', 'Диагностика компетенций', 'с ноября 2023 г.', 'Участники Проекта', ''],
      ['', '', 'по отдельному графику', 'ИРО', 'Протокол'],
    ]);
    expect(roles(table)).toEqual(['item', 'continuation']);
  });
});

describe('plainlyContinues', () => {
  it.each([
    ['Минобразования', 'Забайкальского края'],
    ['Проведен семинар «Поддержка школ в сложных', 'социальных условиях» (2 дня);'],
    ['Проведение анализа (по итогам', 'Четверти)'],
    ['Рефлексивно-', 'аналитическая записка'],
    ['Минобразования Камчатского края,', 'КГАУ КЦИОКО'],
    ['Документ с', 'Описанием методики'],
    ['Управление образования', 'Кировской области'],
  ])('«%s» + «%s»: one text cut in two', (head, tail) => {
    expect(plainlyContinues(head, tail)).toBe(true);
  });

  it.each([
    ['Минобразования', 'ИРО Забайкальского края'],
    ['описание лучших практик (не менее 16)', 'обеспечено повышение квалификации'],
    ['Проведен семинар «Поддержка школ»', '«Модели» проведены'],
    ['Отчеты о мониторинге.', 'социальных условиях'],
    ['Рефлексивно-', 'Аналитическая записка'],
    ['', 'Забайкальского края'],
    ['Координатор', 'Много участников'],
  ])('«%s» + «%s»: two texts', (head, tail) => {
    expect(plainlyContinues(head, tail)).toBe(false);
  });
});

describe('after the suggested join', () => {
  const joinTwice = (rows: CellValue[][], merges: string[]) => {
    const fixed = fix({ sheets: [grid(rows, merges)] }, {}, { suggestions: true, ruleIds: ['continuation-row'] });
    return { passes: fixed.passes, rows: fixed.workbook.sheets[0]!.rows, left: fixed.report.sheets.flatMap((s) => s.diagnostics) };
  };

  it('a merged cell split at a page break is whole in both parts and is not split again', () => {
    const { passes, rows, left } = joinTwice(
      [
        HEADER,
        ['20.', 'Организация мониторинга', 'в течение года', 'Минобразования', 'Отчеты.'],
        HEADER,
        ['20.1', 'Подготовка отчетов', 'в течение года', 'Забайкальского края', 'Отчеты'],
        ['20.2', 'Подготовка сводного отчета', '15-31 декабря', null, 'Отчет'],
      ],
      ['D4:D5'],
    );
    expect(passes).toBe(1);
    expect(rows.map((r) => r[3])).toEqual([HEADER[3], 'Минобразования Забайкальского края', HEADER[3], 'Минобразования Забайкальского края', null]);
    expect(left.filter((d) => d.ruleId === 'continuation-row')).toEqual([]);
  });

  it('a split row whose tail is merged over the items below keeps it whole there, and the row is no longer a split', () => {
    const whole = 'Проведено участие в вебинарах для школ с низкими результатами';
    const input: CellValue[][] = [
      HEADER,
      ['1.4', 'Участие координатора', '28.01.2021', 'ФГБУ ФИОКО', 'Проведено участие в вебинарах для'],
      HEADER,
      ['', 'с представителями министерства', '', '', 'школ с низкими результатами'],
      ['1.5', 'Разработка карты', 'март', 'УО', null],
    ];
    const { passes, rows, left } = joinTwice(input, ['E4:E5']);
    expect(passes).toBe(1);
    expect(rows.map((r) => r[4])).toEqual([HEADER[4], whole, HEADER[4], whole, null]);
    expect(left.filter((d) => d.ruleId === 'continuation-row')).toEqual([]);
    expect(results(rows, ['E4:E5'])).toEqual([
      ['1.4', 'ФГБУ ФИОКО', whole],
      ['1.5', 'УО', whole],
    ]);
    expect(read(rows, ['E4:E5']).table.rows.map((r) => r.role)).toEqual(['item', 'repeated-header', 'blank', 'item']);
  });
});
