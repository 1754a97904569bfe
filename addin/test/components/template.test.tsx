/** The template form: the period as typed, the executors from the glossary. */
import { readWorkbook } from '@svod/shared';
import { templateExecutors, validatePeriod } from '../../src/state/template';

describe('the template form', () => {
  it('accepts a period of years and explains a wrong one in Russian', () => {
    expect(validatePeriod('2025', ' 2027 ')).toEqual({ ok: true, value: { from: 2025, to: 2027 } });
    expect(validatePeriod('2025', '2025')).toEqual({ ok: true, value: { from: 2025, to: 2025 } });
    expect(validatePeriod('25', '2027')).toMatchObject({ ok: false, field: 'from', message: 'Год начала: четыре цифры, от 2000 до 2100.' });
    expect(validatePeriod('2025', '')).toMatchObject({ ok: false, field: 'to' });
    expect(validatePeriod('2027', '2025')).toMatchObject({ ok: false, field: 'to', message: 'Год окончания раньше года начала.' });
    expect(validatePeriod('2020', '2035')).toMatchObject({ ok: false, field: 'to' });
  });

  it('takes the executors from the workbook\'s glossary, each once, in order', () => {
    const model = readWorkbook({
      sheets: [
        {
          name: 'Сокращения',
          rows: [
            ['Сокращение', 'Полное наименование'],
            ['МКУ ИМЦ', 'Муниципальное казённое учреждение «Информационно-методический центр»'],
            ['ШНОР', 'Школы с низкими образовательными результатами'],
            ['мку  имц', 'Повтор'],
            ['Администрация', 'Администрация района'],
          ],
        },
      ],
    });
    expect(model.glossary.length).toBeGreaterThan(0);
    expect(templateExecutors(model.glossary)).toEqual(['Администрация', 'МКУ ИМЦ', 'ШНОР']);
    expect(templateExecutors([])).toEqual([]);
  });
});
