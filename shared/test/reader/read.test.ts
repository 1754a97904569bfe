import { parseRangeA1, rangeToA1 } from '../../src/grid/address';
import type { CellValue, Grid } from '../../src/grid/grid';
import { readSheet, readWorkbook } from '../../src/reader/read';
import type { Table } from '../../src/reader/model';

const grid = (rows: CellValue[][], merges: string[] = [], name = 'Лист1'): Grid => ({ name, rows, merges: merges.map((m) => parseRangeA1(m)!) });
const roles = (t: Table) => t.rows.map((r) => r.role);

describe('readSheet', () => {
  it('finds a roadmap under title rows, whatever the column order and header wording', () => {
    const sheet = readSheet(
      grid([
        ['ПЛАН-ГРАФИК'],
        ['реализации мероприятий на 2023-2024 годы'],
        [],
        ['№ п/п', 'Сроки реализации', 'Задачи', 'Ответственный\nисполнитель (наименование\nорганизации)', 'Прогнозируемый результат'],
        [1, 2, 3, 4, 5],
        ['1.1. Организационные мероприятия'],
        ['1.1.1.', 'До 05 апреля 2023 г.', 'Разработка проекта', 'Управление образования', 'разработан проект'],
      ], ['A6:E6']),
    );
    expect(sheet.tables).toHaveLength(1);
    const t = sheet.tables[0]!;
    expect(t.kind).toBe('roadmap');
    expect(rangeToA1(t.range)).toBe('A4:E7');
    expect(t.columns).toMatchObject({ number: 0, deadline: 1, activity: 2, executor: 3, result: 4 });
    expect(roles(t)).toEqual(['column-numbers', 'section', 'item']);
    expect(t.period).toMatchObject({ from: 2023, to: 2024, source: 'title' });
    expect(t.titleRows).toEqual([0, 1]);
  });

  it('takes an unlabelled first column of item numbers as the number column (seed 000)', () => {
    const t = readSheet(
      grid([
        ['', 'Наименование основного мероприятия (мероприятия)', 'Ответственные исполнители', 'Сроки реализации'],
        ['', 'I. Организационные мероприятия', '', ''],
        ['1.1', 'Идентификация школ', 'КГАУ КЦИОКО', 'до сентября 2020 г.'],
        ['1.2', 'Разработка документации', 'Минобразования', 'октябрь 2020 г.'],
      ]),
    ).tables[0]!;
    expect(t.columns.number).toBe(0);
    expect(roles(t)).toEqual(['section', 'item', 'item']);
    expect(t.rows[0]!.number!.components).toEqual([1]);
  });

  it('recognises repeated headers and rows split by page breaks', () => {
    const header = ['№', 'Мероприятие', 'Срок', 'Исполнитель', 'Результат'];
    const t = readSheet(
      grid([
        header,
        ['1.4', 'Участие координатора с представителями', '28.01.2021', 'ФГБУ «Федеральный институт', 'участие'],
        header,
        ['', 'министерства образования в вебинаре', '', 'оценки качества образования»', '500+ в вебинаре'],
        ['1.5', 'Разработка карты', 'Март-апрель', 'Управление', 'проект'],
      ]),
    ).tables[0]!;
    expect(roles(t)).toEqual(['item', 'repeated-header', 'continuation', 'item']);
    expect(t.rows[2]!.continues).toBe(0);
  });

  it('treats a lower-case single text as a continuation and an upper-case one as a section', () => {
    const t = readSheet(
      grid([
        ['ПОКАЗАТЕЛИ', 'ИНДИКАТОР', '2021', '2022'],
        ['Создание структуры управления', '', '', ''],
        ['Наличие адресных рекомендаций по результатам анализа их', 'да/нет', 'да', 'да'],
        ['деятельности для нескольких групп субъектов', '', '', ''],
      ]),
    ).tables[0]!;
    expect(t.kind).toBe('indicators');
    expect(t.years.map((y) => y.year)).toEqual([2021, 2022]);
    expect(roles(t)).toEqual(['section', 'item', 'continuation']);
  });

  it('reads a two-row header with years under «Ключевые мероприятия» (seed 003)', () => {
    const t = readSheet(
      grid(
        [
          ['№ п/п', 'Мероприятие', 'Ключевые мероприятия', null, null, 'Ответственный исполнитель', 'Документ, закрепляющий результат'],
          [null, null, '2021', '2022', '2023', null, null],
          ['1. Создание структуры'],
          ['1', 'Разработка документов', 'Назначение координатора (май 2021)', 'Заседания (январь 2022)', 'Заседания', 'Рабочая группа', 'Приказ'],
        ],
        ['A1:A2', 'B1:B2', 'C1:E1', 'F1:F2', 'G1:G2', 'A3:G3'],
      ),
    ).tables[0]!;
    expect(t.kind).toBe('roadmap');
    expect(t.headerRows).toEqual([0, 1]);
    expect(t.years).toEqual([{ year: 2021, col: 2 }, { year: 2022, col: 3 }, { year: 2023, col: 4 }]);
    expect(t.columns).toMatchObject({ number: 0, activity: 1, yearPlan: 2, executor: 5, result: 6 });
    expect(roles(t)).toEqual(['section', 'item']);
  });

  it('finds several tables on one sheet and ends a table at two blank rows', () => {
    const sheet = readSheet(
      grid([
        ['№', 'Мероприятие', 'Срок', 'Исполнитель'],
        ['1.', 'Совещание', 'март', 'ОМСУ'],
        [],
        [],
        ['Используемые сокращения:'],
        ['Сокращение', 'Полное наименование'],
        ['ОМСУ', 'органы местного самоуправления'],
      ]),
    );
    expect(sheet.tables.map((t) => [t.kind, rangeToA1(t.range)])).toEqual([
      ['roadmap', 'A1:D2'],
      ['glossary', 'A6:B7'],
    ]);
  });

  it('reads a glossary written as «ШНОР – …» lines, two entries on one line included (seed 003)', () => {
    const model = readWorkbook({
      sheets: [grid(['Термины и сокращения', 'ШНОР – школы с низкими образовательными результатами', 'МППКО – муниципальная программа ВПР – Всероссийские проверочные работы', 'ОО – образовательная организация'].map((t) => [t]))],
    });
    expect(model.glossary.map((g) => g.abbreviation)).toEqual(['ШНОР', 'МППКО', 'ВПР', 'ОО']);
    expect(model.glossary[2]!.fullName).toBe('Всероссийские проверочные работы');
  });

  it('reads the school results matrix with grade bands and an unlabelled score column (seed 003)', () => {
    const t = readSheet(
      grid(
        [
          ['ОУ', 'ВПР, 4 класс', null, null, null, 'ОГЭ, 9 класс', null, null, null, null],
          [null, 'Русский язык', null, 'Математика', null, 'Русский язык', null, 'Математика', null, null],
          [null, '4, 5', '2', '4, 5', '2', '4, 5', '2', '4, 5', '2', null],
          ['1 кластер'],
          ['СОШ 1', 0.73, 0.05, 0.76, 0.07, 0.4, 0.06, 0.64, 0.1, 82.5],
        ],
        ['A1:A3', 'B1:E1', 'F1:I1', 'B2:C2', 'D2:E2', 'F2:G2', 'H2:I2'],
      ),
    ).tables[0]!;
    expect(t.kind).toBe('results');
    expect(rangeToA1(t.range)).toBe('A1:J5');
    expect(t.shares).toHaveLength(8);
    expect(t.shares[0]).toEqual({ col: 1, group: 'ВПР, 4 класс / Русский язык', band: '4, 5' });
    expect(roles(t)).toEqual(['section', 'item']);
  });

  it('reads children under «из них:» and «в том числе:» until the next capitalised indicator', () => {
    const t = readSheet(
      grid([
        ['Показатель', 'Ед. изм.', '2023'],
        ['Количество школ, получивших поддержку, из них:', 'шт.', 6],
        ['Школа молодого педагога', 'шт.', 2],
        ['число проведённых семинаров', 'шт.', 3],
        ['Количество мероприятий, в том числе:', 'шт.', 4],
        ['для управленческих команд', 'шт.', 2],
      ]),
    ).tables[0]!;
    expect(t.rows.map((r) => [r.hasChildren ?? false, r.parent ?? null])).toEqual([
      [true, null],
      [false, 0],
      [false, 0],
      [true, null],
      [false, 3],
    ]);
  });

  it('pairs grade bands under subjects whose merges were lost in copying', () => {
    const t = readSheet(
      grid([
        ['ОУ', 'ВПР, 4 класс', null, null, null],
        [null, 'Русский язык', null, 'Математика', null],
        [null, '4, 5', '2', '4, 5', '2'],
        ['СОШ 1', 0.73, 0.05, 0.76, 0.07],
      ]),
    ).tables[0]!;
    expect(t.shares.map((s) => `${s.group} ${s.band}`)).toEqual([
      'ВПР, 4 класс / Русский язык 4, 5',
      'ВПР, 4 класс / Русский язык 2',
      'ВПР, 4 класс / Математика 4, 5',
      'ВПР, 4 класс / Математика 2',
    ]);
  });

  it('does not take indicator rows of plain numbers 2 3 4 5 under a row naming ВПР for a results matrix', () => {
    const sheet = readSheet(
      grid([
        ['Целевые показатели на 2023–2026 годы'],
        ['№', 'Показатель', 'Ед. изм.', '2023', '2024', '2025', '2026'],
        ['1.', 'Доля обучающихся, выполнивших ВПР', '%', 61, 62, 65, 68],
        ['2.', 'Количество наставников', 'шт.', 3, 4, 5, 5],
        ['3.', 'Количество проектов', 'шт.', 2, 3, 4, 5],
      ]),
    );
    expect(sheet.tables.map((t) => [t.kind, rangeToA1(t.range)])).toEqual([['indicators', 'A2:G5']]);
  });

  it('shares a period stated once in a passport sheet with the other sheets (seed 002)', () => {
    const model = readWorkbook({
      sheets: [
        grid([['УТВЕРЖДЕН'], ['приказом Управления образования'], ['от 13.03.2023 № 119'], [], ['Сроки\nреализации Проекта', '2 года (2023 – 2024 гг.)']], [], 'Паспорт'),
        grid([['ПЛАН-ГРАФИК'], ['№ п/п', 'Сроки реализации', 'Задачи', 'Исполнитель'], ['1.1.', 'Март – апрель', 'Отбор', 'УО']], [], 'План-график'),
      ],
    });
    const t = model.sheets[1]!.tables[0]!;
    expect(t.period).toMatchObject({ from: 2023, to: 2024, source: 'workbook' });
    expect(t.approval).toMatchObject({ date: '2023-03-13', sheet: 'Паспорт' });
  });

  it('never throws on odd sheets', () => {
    const odd: CellValue[][][] = [[], [[]], [[null, null]], [['№']], [['№', '№'], ['№', '№']], [[new Date(NaN), Infinity, -0, true]]];
    for (const rows of odd) expect(() => readSheet(grid(rows, ['A1:A1']))).not.toThrow();
  });
});
