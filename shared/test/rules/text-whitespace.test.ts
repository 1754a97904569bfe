import rule, { tidyWhitespace } from '../../src/rules/common/text-whitespace';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'tidy text with a meaningful line break', rows: [['1.1.3.', 'Отбор школ', 'До 15 марта\n2023 г.', 'УО', 'перечень']] },
  ],
  invalid: [
    {
      name: 'trailing spaces, doubled spaces and a leading line break (seed 002)',
      rows: [['\n3.2.6.', 'Размещение  материалов', 'До 15 марта \n2023 г. ', 'УО', 'не менее     90 % ШНОР']],
      errors: [{ cell: 'A5', messageId: 'whitespace' }, { cell: 'B5' }, { cell: 'C5' }, { cell: 'E5', message: 'Лишние пробелы или пустые строки в тексте.' }],
      output: [['3.2.6.', 'Размещение материалов', 'До 15 марта\n2023 г.', 'УО', 'не менее 90 % ШНОР']],
    },
  ],
});

describe('tidyWhitespace', () => {
  it('keeps single line breaks and drops empty lines', () => {
    expect(tidyWhitespace(' ХК ИРО, \n\nМБУ ИМЦ, \nОО ')).toBe('ХК ИРО,\nМБУ ИМЦ,\nОО');
  });
});
