import { UploadError, workbookFromJson } from '../../src/uploads';

function refusal(body: unknown, limits?: Parameters<typeof workbookFromJson>[1]): UploadError {
  try {
    workbookFromJson(body, limits);
  } catch (e) {
    if (e instanceof UploadError) return e;
    throw e;
  }
  throw new Error('workbookFromJson accepted the body');
}

/** [status, code, message] of the refusal, for exact comparison. */
function refused(body: unknown, limits?: Parameters<typeof workbookFromJson>[1]): [number, string, string] {
  const e = refusal(body, limits);
  return [e.status, e.code, e.message];
}

const ADDIN = 'Обновите надстройку Svod и отправьте ещё раз.';
const sheet = (rows: unknown[], extra: Record<string, unknown> = {}) => ({ sheets: [{ name: 'План', rows, ...extra }] });

describe('workbookFromJson: what passes', () => {
  test('a valid form becomes a GridWorkbook, merges as 0-based ranges', () => {
    const body = {
      sheets: [
        {
          name: 'План мероприятий',
          rows: [
            ['№', 'Мероприятие', 'Срок', null],
            [1, '=СУММ(A1:A3)', 'март – апрель', true],
            [],
          ],
          merges: ['A1:B1', 'C2', 'E3:D2'],
        },
        { name: 'Показатели', rows: [['Доля', 45.5, -0.25, false, '@x', '+7', '-5']] },
      ],
    };
    const workbook = workbookFromJson(body);
    expect(workbook).toEqual({
      sheets: [
        {
          name: 'План мероприятий',
          rows: [
            ['№', 'Мероприятие', 'Срок', null],
            [1, '=СУММ(A1:A3)', 'март – апрель', true],
            [],
          ],
          merges: [
            { top: 0, left: 0, bottom: 0, right: 1 },
            { top: 1, left: 2, bottom: 1, right: 2 },
            { top: 1, left: 3, bottom: 2, right: 4 },
          ],
        },
        { name: 'Показатели', rows: [['Доля', 45.5, -0.25, false, '@x', '+7', '-5']], merges: [] },
      ],
    });
    // Fresh arrays: nothing of the request body is kept by reference.
    expect(workbook.sheets[0]!.rows[0]).not.toBe(body.sheets[0]!.rows[0]);
  });

  test('a JSON text is parsed first; the limits are exactly inclusive', () => {
    expect(workbookFromJson('{"sheets":[{"name":"Лист1","rows":[["a"]]}]}').sheets[0]!.rows).toEqual([['a']]);
    const name31 = 'Ш'.repeat(31);
    const full = { sheets: [{ name: name31, rows: Array.from({ length: 5 }, () => new Array(4).fill('x'.repeat(10))) }] };
    expect(() => workbookFromJson(full, { maxRows: 5, maxColumns: 4, maxCellChars: 10 })).not.toThrow();
  });
});

describe('workbookFromJson: the shape (400)', () => {
  test('not an object, not JSON, an unknown field, sheets not a list', () => {
    const notObject = `Данные книги не распознаны: ожидался объект вида { "sheets": [ … ] }. ${ADDIN}`;
    expect(refused(null)).toEqual([400, 'bad-json', notObject]);
    expect(refused([{ name: 'a', rows: [] }])).toEqual([400, 'bad-json', notObject]);
    expect(refused(new Map())).toEqual([400, 'bad-json', notObject]);
    expect(refused('{"sheets": [')).toEqual([400, 'bad-json', `Данные книги не читаются: это не JSON. ${ADDIN}`]);
    expect(refused(JSON.parse('{"sheets": [], "__proto__": {"x": 1}}'))).toEqual([
      400,
      'bad-json',
      `Данные книги не распознаны: неизвестное поле «__proto__». ${ADDIN}`,
    ]);
    expect(refused({ sheets: { name: 'a' } })).toEqual([400, 'bad-json', `Данные книги не распознаны: поле «sheets» должно быть списком листов. ${ADDIN}`]);
  });

  test('a sheet that is not an object, or has an unknown field, is named by its number', () => {
    expect(refused({ sheets: [{ name: 'a', rows: [] }, 'Лист2'] })).toEqual([
      400,
      'bad-json',
      `Лист №2 не распознан: ожидался объект с полями «name» и «rows». ${ADDIN}`,
    ]);
    expect(refused({ sheets: [{ name: 'a', rows: [], hidden: true }] })).toEqual([400, 'bad-json', `Лист №1: неизвестное поле «hidden». ${ADDIN}`]);
    expect(refused({ sheets: [{ name: 7, rows: [] }] })).toEqual([400, 'bad-json', `Лист №1: название листа должно быть текстом. ${ADDIN}`]);
  });

  test('rows, a row and a cell of the wrong kind are named by sheet and position', () => {
    expect(refused({ sheets: [{ name: 'План' }] })).toEqual([400, 'bad-json', `Лист «План»: поле «rows» должно быть списком строк. ${ADDIN}`]);
    expect(refused(sheet([['a'], ['b'], 'c']))).toEqual([400, 'bad-json', `Лист «План», строка 3: ожидался список ячеек. ${ADDIN}`]);
    const cellMessage = (cell: string, what: string) =>
      `Лист «План», ячейка ${cell}: недопустимое значение (${what}). В ячейке может быть текст, число, логическое значение или пусто. ${ADDIN}`;
    expect(refused(sheet([['a', 'b'], ['c', { formula: '=1' }]]))).toEqual([400, 'bad-json', cellMessage('B2', 'объект')]);
    expect(refused(sheet([[null, null, [1]]]))).toEqual([400, 'bad-json', cellMessage('C1', 'список')]);
    expect(refused(sheet([[undefined]]))).toEqual([400, 'bad-json', cellMessage('A1', 'нет значения')]);
    expect(refused(sheet([['a', , 'c']]))).toEqual([400, 'bad-json', cellMessage('B1', 'нет значения')]);
  });

  test('merges of the wrong kind', () => {
    expect(refused(sheet([['a']], { merges: 'A1:B2' }))).toEqual([400, 'bad-json', `Лист «План»: поле «merges» должно быть списком диапазонов вида A1:B2. ${ADDIN}`]);
    expect(refused(sheet([['a']], { merges: ['A1:B1', { top: 0 }] }))).toEqual([
      400,
      'bad-json',
      `Лист «План», объединение №2: ожидался диапазон вида A1:B2. ${ADDIN}`,
    ]);
  });
});

describe('workbookFromJson: the content (422)', () => {
  test('no sheets, too many sheets', () => {
    expect(refused({ sheets: [] })).toEqual([422, 'no-sheets', 'В книге нет ни одного листа. Откройте книгу с таблицей и отправьте её ещё раз.']);
    const many = { sheets: Array.from({ length: 51 }, (_, i) => ({ name: `Лист${i + 1}`, rows: [] })) };
    expect(refused(many)).toEqual([
      422,
      'too-many-sheets',
      'В книге 51 лист, а можно не больше 50. Удалите лишние листы или разделите книгу на несколько файлов и отправьте ещё раз.',
    ]);
  });

  test('sheet names: missing, empty, longer than 31, forbidden signs, twice', () => {
    expect(refused({ sheets: [{ name: 'a', rows: [] }, { rows: [] }] })).toEqual([
      422,
      'bad-sheet-name',
      'У листа №2 нет названия. Дайте листу название и отправьте ещё раз.',
    ]);
    expect(refused({ sheets: [{ name: '  ', rows: [] }] })).toEqual([422, 'bad-sheet-name', 'У листа №1 пустое название. Дайте листу название и отправьте ещё раз.']);
    const long = 'Дорожная карта Кировской области 2025';
    expect(refused({ sheets: [{ name: long, rows: [] }] })).toEqual([
      422,
      'bad-sheet-name',
      `Название листа «${long}» длиннее 31 символа (37): Excel не допускает таких названий. Сократите название и отправьте ещё раз.`,
    ]);
    expect(refused({ sheets: [{ name: 'План 2024/2025', rows: [] }] })).toEqual([
      422,
      'bad-sheet-name',
      'В названии листа «План 2024/2025» есть недопустимый знак «/»: в названиях листов Excel нельзя использовать : \\ / ? * [ ], ' +
        'а апостроф — в начале и в конце. Переименуйте лист и отправьте ещё раз.',
    ]);
    expect(refused({ sheets: [{ name: 'План', rows: [] }, { name: 'план', rows: [] }] })).toEqual([
      422,
      'bad-sheet-name',
      'Листы «План» и «план» называются одинаково (Excel не различает заглавные и строчные буквы). Переименуйте один из них и отправьте ещё раз.',
    ]);
    expect(refused({ sheets: [{ name: 'План', rows: [] }, { name: 'План', rows: [] }] })[2]).toBe(
      'Два листа называются «План». Переименуйте один из них и отправьте ещё раз.',
    );
  });

  test('too many rows, too many columns', () => {
    expect(refused(sheet(new Array(100_001).fill([])))).toEqual([
      422,
      'too-many-rows',
      'На листе «План» 100\u00a0001 строка, а можно не больше 100\u00a0000. Удалите лишние строки или разделите таблицу на несколько файлов и отправьте ещё раз.',
    ]);
    expect(refused(sheet([['a'], new Array(201).fill(null)]))).toEqual([
      422,
      'too-many-columns',
      'На листе «План» строка 2 занимает 201 столбец (до GS), а можно не больше 200 (до GR). Удалите лишние столбцы справа и отправьте ещё раз.',
    ]);
  });

  test('a text longer than 32 767 characters, a number that is not finite', () => {
    expect(refused(sheet([['a'], ['b', 'x'.repeat(32_768)]]))).toEqual([
      422,
      'cell-too-long',
      'Лист «План», ячейка B2: текст длиннее 32\u00a0767 символов (32\u00a0768), столько ячейка Excel не вмещает. Сократите текст и отправьте ещё раз.',
    ]);
    expect(refused('{"sheets":[{"name":"План","rows":[[1, 1e999]]}]}')).toEqual([
      422,
      'bad-cell',
      'Лист «План», ячейка B1: число Infinity не является конечным. Исправьте значение и отправьте ещё раз.',
    ]);
    expect(refused(sheet([[NaN]]))[2]).toBe('Лист «План», ячейка A1: число NaN не является конечным. Исправьте значение и отправьте ещё раз.');
  });

  test('merges: not a range, outside the sheet, overlapping', () => {
    expect(refused(sheet([['a']], { merges: ['A1:B2', 'Лист1!A1:B2'] }))).toEqual([
      422,
      'bad-merge',
      `Лист «План», объединение №2 («Лист1!A1:B2»): ожидался диапазон вида A1:B2. ${ADDIN}`,
    ]);
    expect(refused(sheet([['a']], { merges: ['a1:b2'] }))[1]).toBe('bad-merge');
    expect(refused(sheet([['a']], { merges: ['A0:B2'] }))[1]).toBe('bad-merge');
    expect(refused(sheet([['a']], { merges: ['A1:GS1'] }))).toEqual([
      422,
      'bad-merge',
      `Лист «План», объединение A1:GS1 выходит за пределы листа: можно не дальше строки 100\u00a0000 и столбца GR. ${ADDIN}`,
    ]);
    expect(refused(sheet([['a']], { merges: ['A1:B2', 'D1:E1', 'B2:C3'] }))).toEqual([
      422,
      'bad-merge',
      'Лист «План»: объединения A1:B2 и B2:C3 пересекаются. Снимите одно из них и отправьте ещё раз.',
    ]);
  });

  test('the merged area is capped, so the overlap check stays bounded', () => {
    const e = refusal(sheet([['a']], { merges: ['A1:GR100000', 'A1:A2'] }));
    expect([e.status, e.code]).toEqual([422, 'too-many-merged-cells']);
    expect(e.message).toBe(
      'В книге объединено слишком много ячеек: 20\u00a0000\u00a0002, а можно не больше 1\u00a0000\u00a0000. Снимите лишние объединения (особенно целых столбцов и строк) и отправьте ещё раз.',
    );
  });
});
