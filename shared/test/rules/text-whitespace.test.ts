import rule, { tidyWhitespace, whitespaceIssues } from '../../src/rules/common/text-whitespace';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'tidy text with a meaningful line break', rows: [['1.1.3.', 'Отбор школ', 'До 15 марта\n2023 г.', 'УО', 'перечень']] },
    { name: 'a lone non-breaking space is typography (Word puts one after «№» and «в»), not a stray space', rows: [['1.', 'Семинар в\u00A0МБОУ СОШ №\u00A01', 'март 2023 г.', 'УО', 'протокол']] },
  ],
  invalid: [
    {
      name: 'each cell says which space: leading line break, doubled space, space before a line break, runs (seed 002)',
      rows: [['\n3.2.6.', 'Размещение  материалов', 'До 15 марта \n2023 г.', 'УО', 'не менее     90 % ШНОР']],
      errors: [
        { cell: 'A5', messageId: 'leadingBreak', message: 'Пустая строка в начале текста (перед «3.2.6.»).', data: { after: '3.2.6.' } },
        { cell: 'B5', messageId: 'doubleSpace', message: 'Двойной пробел после «Размещение».' },
        { cell: 'C5', messageId: 'lineEnd', message: 'Пробел перед переносом строки (после «До 15 марта»).' },
        { cell: 'E5', messageId: 'spaceRun', message: 'Несколько пробелов подряд (5) после «не менее».', data: { count: 5, before: 'не менее' } },
      ],
      output: [['3.2.6.', 'Размещение материалов', 'До 15 марта\n2023 г.', 'УО', 'не менее 90 % ШНОР']],
    },
    {
      name: 'leading and trailing spaces name the first and the last words; long contexts are cut at a word',
      rows: [['1.', '   4. Привлечение ресурсов иных федеральных проектов', 'март 2023 г.', 'УО', 'включен в список муниципальных координаторов регионального проекта ']],
      errors: [
        { cell: 'B5', messageId: 'leadingSpace', message: 'Пробел в начале текста (перед «4. Привлечение…»).' },
        // «регионального проекта» is 21 characters, one over the 20 kept: the cut falls at the word boundary.
        { cell: 'E5', messageId: 'trailingSpace', message: 'Пробел в конце текста (после «…проекта»).' },
      ],
      output: [['1.', '4. Привлечение ресурсов иных федеральных проектов', 'март 2023 г.', 'УО', 'включен в список муниципальных координаторов регионального проекта']],
    },
    {
      name: 'an empty line inside, a space at the start of a line, an empty line at the end',
      rows: [['1.', 'Семинар', 'март 2023 г.', 'ХК ИРО,\n\nМБУ ИМЦ', 'протокол,\n справка\n']],
      errors: [
        { cell: 'D5', messageId: 'emptyLine', message: 'Пустая строка внутри текста (после «ХК ИРО,»).' },
        { cell: 'E5', messageId: 'several', message: 'Лишние пробелы в нескольких местах (2): пробел в начале строки (перед «справка»); пустая строка в конце текста (после «справка»).' },
      ],
      output: [['1.', 'Семинар', 'март 2023 г.', 'ХК ИРО,\nМБУ ИМЦ', 'протокол,\nсправка']],
    },
    {
      name: 'a tab and a Windows line end (CR LF) are named as such',
      rows: [['1.', 'Семинар\tдля учителей', 'март\r\n2023 г.', 'УО', 'протокол']],
      errors: [
        { cell: 'B5', messageId: 'tab', message: 'Знак табуляции после «Семинар».' },
        { cell: 'C5', messageId: 'carriageReturn', message: 'Перенос строки с лишним символом возврата каретки (CR) после «март».' },
      ],
      output: [['1.', 'Семинар для учителей', 'март\n2023 г.', 'УО', 'протокол']],
    },
    {
      name: 'more than three places: three are spelled out, the rest counted',
      rows: [['1.', 'Март \nапрель \nмай \nиюнь ', 'март 2023 г.', 'УО', 'протокол']],
      errors: [
        {
          cell: 'B5',
          messageId: 'several',
          message: 'Лишние пробелы в нескольких местах (4): пробел перед переносом строки (после «Март»); пробел перед переносом строки (после «апрель»); пробел перед переносом строки (после «май»); и ещё 1 место.',
        },
      ],
      output: [['1.', 'Март\nапрель\nмай\nиюнь', 'март 2023 г.', 'УО', 'протокол']],
    },
    {
      name: 'a non-breaking space next to a space is a doubled space',
      rows: [['1.', 'Семинар \u00A0для учителей', 'март 2023 г.', 'УО', 'протокол']],
      errors: [{ cell: 'B5', messageId: 'doubleSpace', message: 'Двойной пробел после «Семинар».' }],
      output: [['1.', 'Семинар для учителей', 'март 2023 г.', 'УО', 'протокол']],
    },
  ],
});

describe('tidyWhitespace', () => {
  it('keeps single line breaks and drops empty lines', () => {
    expect(tidyWhitespace(' ХК ИРО, \n\nМБУ ИМЦ, \nОО ')).toBe('ХК ИРО,\nМБУ ИМЦ,\nОО');
  });

  it('keeps a lone non-breaking space between words and trims one at the end', () => {
    expect(tidyWhitespace('№\u00A01 ')).toBe('№\u00A01');
    expect(tidyWhitespace('в\u00A0школе\u00A0')).toBe('в\u00A0школе');
  });
});

describe('whitespaceIssues', () => {
  it('names every place tidyWhitespace changes, in reading order', () => {
    expect(whitespaceIssues(' ХК ИРО, \n\nМБУ ИМЦ, \nОО ').map((i) => i.messageId)).toEqual(['leadingSpace', 'lineEnd', 'emptyLine', 'lineEnd', 'trailingSpace']);
  });

  it('a cell of spaces only', () => {
    expect(whitespaceIssues('  \n ')).toEqual([{ messageId: 'onlySpaces', data: {} }]);
    expect(tidyWhitespace('  \n ')).toBe('');
  });

  it('finds nothing in tidy text', () => {
    expect(whitespaceIssues('До 15 марта\n2023 г.')).toEqual([]);
  });

  it('cuts a long word that has no space to its last 20 characters', () => {
    expect(whitespaceIssues('Межмуниципальноеобъединениеучителей  школ')[0]!.data.before).toBe('…еобъединениеучителей');
  });
});
