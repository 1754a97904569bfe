/** Glossaries without a header row (issue #11): whatever layout an official writes under a title is read. */
import type { CellValue, Grid } from '../../src/grid/grid';
import { readWorkbook } from '../../src/reader/read';
import { check } from '../../src';

const book = (rows: CellValue[][]) => ({ sheets: [{ name: 'Сокращения', rows, merges: [] } as Grid] });
const entries = (rows: CellValue[][]) => readWorkbook(book(rows)).glossary.map((g) => [g.abbreviation, g.fullName, g.cell]);

describe('a glossary under a title, without a header row', () => {
  it('reads «abbreviation | full name» cells', () => {
    expect(
      entries([
        ['Используемые сокращения'],
        ['ШНОР', 'школы с низкими результатами обучения'],
        ['ИРО', 'институт развития образования'],
        ['ОО', 'общеобразовательная организация'],
      ]),
    ).toEqual([
      ['ШНОР', 'школы с низкими результатами обучения', { row: 1, col: 0 }],
      ['ИРО', 'институт развития образования', { row: 2, col: 0 }],
      ['ОО', 'общеобразовательная организация', { row: 3, col: 0 }],
    ]);
  });

  it('reads numbered rows «1 | ШНОР | …» and a title in the second column', () => {
    expect(
      entries([
        [null, 'Список сокращений'],
        ['1', 'МОУО', 'муниципальный орган управления образованием'],
        ['2.', 'ЦНППМ', 'центр непрерывного повышения профессионального мастерства'],
      ]),
    ).toEqual([
      ['МОУО', 'муниципальный орган управления образованием', { row: 1, col: 1 }],
      ['ЦНППМ', 'центр непрерывного повышения профессионального мастерства', { row: 2, col: 1 }],
    ]);
  });

  it('reads «ШНОР: …» and «ШНОР – …» lines', () => {
    expect(entries([['Принятые сокращения:'], ['ШНОР: школы с низкими результатами'], ['ИРО – институт развития образования']]).map((e) => e[0])).toEqual(['ШНОР', 'ИРО']);
  });

  it('stops at the first row that is no entry and needs two entries', () => {
    const rows: CellValue[][] = [['Используемые сокращения'], ['ШНОР', 'школы с низкими результатами обучения'], ['ИРО', 'институт развития образования'], ['Глава района подписал этот документ первого марта.']];
    expect(entries(rows).map((e) => e[0])).toEqual(['ШНОР', 'ИРО']);
    expect(entries([['Используемые сокращения'], ['ШНОР', 'школы с низкими результатами обучения']])).toEqual([]);
  });

  it('does not take a title over a text as a glossary', () => {
    expect(entries([['Сокращения штатов в 2024 году'], ['Это абзац текста о том, что было сделано.'], ['И ещё один абзац.']])).toEqual([]);
  });

  it('lets executor-unknown use it', () => {
    const workbook = {
      sheets: [
        {
          name: 'План',
          rows: [
            ['№', 'Мероприятие', 'Срок', 'Ответственный', 'Результат'],
            ['1.', 'Проведение совещания', 'март 2024 г.', 'ИРО', 'Протокол'],
            ['2.', 'Проведение семинара', 'апрель 2024 г.', 'ЦНППМ', 'Программа'],
            ['3.', 'Разработка плана', 'май 2024 г.', 'ИРО', 'План'],
          ],
          merges: [],
        } as Grid,
        { name: 'Сокращения', rows: [['Используемые сокращения'], ['ИРО', 'институт развития образования'], ['ОО', 'общеобразовательная организация']], merges: [] } as Grid,
      ],
    };
    const unknown = check(workbook, {}).sheets[0]!.diagnostics.filter((d) => d.ruleId === 'executor-unknown');
    expect(unknown.map((d) => [d.cell, d.message])).toEqual([['D3', expect.stringContaining('ЦНППМ')]]);
  });
});
