/**
 * The JSON form's contract: what passes comes back unchanged, and every kind of bad field gets its Russian sentence,
 * status and code, both from the level-by-level reading the server uses and from the whole-form schema with the error
 * map a client uses. No message is zod's English.
 */
import { firstFormIssue, formErrorMap, readSubmissionForm, submissionForm, submissionFormSchemas, type FormProblem } from '../../src/contracts';

const ADDIN = 'Обновите надстройку Svod и отправьте ещё раз.';
const sheet = (rows: unknown[], extra: Record<string, unknown> = {}) => ({ sheets: [{ name: 'План', rows, ...extra }] });

function problem(body: unknown, limits?: Parameters<typeof readSubmissionForm>[1]): FormProblem {
  const read = readSubmissionForm(body, limits);
  if (read.ok) throw new Error('the form was accepted');
  return read.problem;
}

/** The message the whole-form schema gives a client with the Russian error map. */
function clientMessage(body: unknown): string {
  const r = submissionForm.safeParse(body, { error: formErrorMap(body) });
  if (r.success) throw new Error('the form was accepted');
  return firstFormIssue(r.error.issues).message;
}

describe('round trips', () => {
  const form = {
    sheets: [
      { name: 'План мероприятий', rows: [['№', 'Мероприятие', null, true], [1.5, '=СУММ(A1:A3)', '', false], []], merges: ['A1:B1', 'C2', 'E3:D2'] },
      { name: 'Показатели', rows: [['Доля', -0.25, '14.05.2021']] },
    ],
  };

  it('a valid form reads back equal, in fresh arrays', () => {
    const read = readSubmissionForm(form);
    expect(read).toEqual({ ok: true, form });
    if (read.ok) expect(read.form.sheets[0]!.rows[0]).not.toBe(form.sheets[0]!.rows[0]);
  });

  it('the whole-form schema and the JSON text agree with the reading', () => {
    expect(submissionForm.parse(form)).toEqual(form);
    expect(submissionForm.parse(JSON.parse(JSON.stringify(form)))).toEqual(form);
    expect(readSubmissionForm(JSON.parse(JSON.stringify(form)))).toEqual({ ok: true, form });
  });

  it('the bounds are inclusive', () => {
    const limits = { maxSheets: 2, maxRows: 3, maxColumns: 2, maxCellChars: 4 };
    const full = { sheets: [{ name: 'Ш'.repeat(31), rows: [['abcd', 1], [null, true], []] }, { name: 'Б', rows: [] }] };
    expect(readSubmissionForm(full, limits).ok).toBe(true);
    expect(submissionFormSchemas(limits).form.safeParse(full).success).toBe(true);
  });
});

describe('Russian messages, status and code for each kind of bad field', () => {
  const cases: Array<[string, unknown, FormProblem]> = [
    ['not an object', [1], { status: 400, code: 'bad-json', message: `Данные книги не распознаны: ожидался объект вида { "sheets": [ … ] }. ${ADDIN}` }],
    ['an unknown top field', { sheets: [], version: 2 }, { status: 400, code: 'bad-json', message: `Данные книги не распознаны: неизвестное поле «version». ${ADDIN}` }],
    ['sheets not a list', { sheets: 'План' }, { status: 400, code: 'bad-json', message: `Данные книги не распознаны: поле «sheets» должно быть списком листов. ${ADDIN}` }],
    ['no sheets', { sheets: [] }, { status: 422, code: 'no-sheets', message: 'В книге нет ни одного листа. Откройте книгу с таблицей и отправьте её ещё раз.' }],
    ['a sheet not an object', { sheets: [7] }, { status: 400, code: 'bad-json', message: `Лист №1 не распознан: ожидался объект с полями «name» и «rows». ${ADDIN}` }],
    ['an unknown sheet field', { sheets: [{ name: 'a', rows: [], color: 'red' }] }, { status: 400, code: 'bad-json', message: `Лист №1: неизвестное поле «color». ${ADDIN}` }],
    ['no name', { sheets: [{ rows: [] }] }, { status: 422, code: 'bad-sheet-name', message: 'У листа №1 нет названия. Дайте листу название и отправьте ещё раз.' }],
    ['a name not text', { sheets: [{ name: 1, rows: [] }] }, { status: 400, code: 'bad-json', message: `Лист №1: название листа должно быть текстом. ${ADDIN}` }],
    ['a blank name', { sheets: [{ name: ' ', rows: [] }] }, { status: 422, code: 'bad-sheet-name', message: 'У листа №1 пустое название. Дайте листу название и отправьте ещё раз.' }],
    [
      'a long name',
      { sheets: [{ name: 'Я'.repeat(32), rows: [] }] },
      { status: 422, code: 'bad-sheet-name', message: `Название листа «${'Я'.repeat(32)}» длиннее 31 символа (32): Excel не допускает таких названий. Сократите название и отправьте ещё раз.` },
    ],
    [
      'a forbidden sign',
      { sheets: [{ name: 'План?', rows: [] }] },
      {
        status: 422,
        code: 'bad-sheet-name',
        message: 'В названии листа «План?» есть недопустимый знак «?»: в названиях листов Excel нельзя использовать : \\ / ? * [ ], а апостроф — в начале и в конце. Переименуйте лист и отправьте ещё раз.',
      },
    ],
    [
      'twin names',
      { sheets: [{ name: 'План', rows: [] }, { name: 'ПЛАН', rows: [] }] },
      { status: 422, code: 'bad-sheet-name', message: 'Листы «План» и «ПЛАН» называются одинаково (Excel не различает заглавные и строчные буквы). Переименуйте один из них и отправьте ещё раз.' },
    ],
    ['rows not a list', { sheets: [{ name: 'План', rows: {} }] }, { status: 400, code: 'bad-json', message: `Лист «План»: поле «rows» должно быть списком строк. ${ADDIN}` }],
    ['a row not a list', sheet([[], 'x']), { status: 400, code: 'bad-json', message: `Лист «План», строка 2: ожидался список ячеек. ${ADDIN}` }],
    [
      'a cell of a wrong kind',
      sheet([['a', { v: 1 }]]),
      { status: 400, code: 'bad-json', message: `Лист «План», ячейка B1: недопустимое значение (объект). В ячейке может быть текст, число, логическое значение или пусто. ${ADDIN}` },
    ],
    ['a number not finite', sheet([[null], [Infinity]]), { status: 422, code: 'bad-cell', message: 'Лист «План», ячейка A2: число Infinity не является конечным. Исправьте значение и отправьте ещё раз.' }],
    [
      'a text too long',
      sheet([['x'.repeat(32_768)]]),
      { status: 422, code: 'cell-too-long', message: 'Лист «План», ячейка A1: текст длиннее 32\u00a0767 символов (32\u00a0768), столько ячейка Excel не вмещает. Сократите текст и отправьте ещё раз.' },
    ],
    ['merges not a list', sheet([], { merges: 'A1:B1' }), { status: 400, code: 'bad-json', message: `Лист «План»: поле «merges» должно быть списком диапазонов вида A1:B2. ${ADDIN}` }],
    ['a merge not text', sheet([], { merges: [3] }), { status: 400, code: 'bad-json', message: `Лист «План», объединение №1: ожидался диапазон вида A1:B2. ${ADDIN}` }],
    ['a merge not a range', sheet([], { merges: ['A1:B1', 'a1:b1'] }), { status: 422, code: 'bad-merge', message: `Лист «План», объединение №2 («a1:b1»): ожидался диапазон вида A1:B2. ${ADDIN}` }],
    [
      'a merge outside the sheet',
      sheet([], { merges: ['A100001'] }),
      { status: 422, code: 'bad-merge', message: `Лист «План», объединение A100001 выходит за пределы листа: можно не дальше строки 100\u00a0000 и столбца GR. ${ADDIN}` },
    ],
  ];

  it.each(cases)('%s', (_name, body, expected) => {
    expect(problem(body)).toEqual(expected);
  });

  it.each(cases)('%s: the same sentence from the whole-form schema and its error map', (_name, body, expected) => {
    expect(clientMessage(body)).toBe((expected as { message: string }).message);
  });

  it('sizes over the bounds come as data, for the server to word as it words xlsx uploads', () => {
    const limits = { maxSheets: 1, maxRows: 2, maxColumns: 2, maxCellChars: 10 };
    expect(problem({ sheets: [{ name: 'a', rows: [] }, { name: 'b', rows: [] }] }, limits)).toEqual({ oversize: { kind: 'sheets', count: 2 } });
    expect(problem(sheet([[], [], []]), limits)).toEqual({ oversize: { kind: 'rows', sheet: 'План', count: 3 } });
    expect(problem(sheet([[], [1, 2, 3]]), limits)).toEqual({ oversize: { kind: 'columns', sheet: 'План', row: 1, count: 3 } });
  });

  it('the client error map words sizes in Russian too', () => {
    const many = { sheets: Array.from({ length: 51 }, (_, i) => ({ name: `Лист${i + 1}`, rows: [] })) };
    expect(clientMessage(many)).toBe('В книге 51 листов при пределе 50. Удалите лишние листы и отправьте ещё раз.');
  });

  it('the first problem in reading order: an unknown key before the fields, the cells before the merges', () => {
    expect(problem({ sheets: 5, extra: 1 })).toMatchObject({ message: `Данные книги не распознаны: неизвестное поле «extra». ${ADDIN}` });
    expect(problem(sheet([[{}]], { merges: 'x' }))).toMatchObject({ message: expect.stringContaining('ячейка A1') });
    expect(problem({ sheets: [{ name: 'a', rows: [] }, { name: 'b', rows: [[[]]] }, { rows: [] }] })).toMatchObject({ message: expect.stringContaining('Лист «b», ячейка A1') });
  });

  it('a row of a million bad cells is refused by its length, before any cell is looked at', () => {
    const row = new Array(1_000_000).fill({});
    expect(problem(sheet([row]))).toEqual({ oversize: { kind: 'columns', sheet: 'План', row: 0, count: 1_000_000 } });
  });

  it('no message of zod in English reaches a person, whatever the body', () => {
    const bodies: unknown[] = [null, 'x', { sheets: [{ name: 'a', rows: [[1n]] }] }, { sheets: [{ name: 'a', rows: [[Symbol('s')]] }] }, { sheets: [null] }, { sheets: [{ name: 'a', rows: [], merges: [null] }] }];
    for (const body of bodies) {
      const p = problem(body);
      const message = 'message' in p ? p.message : '';
      expect([body, /[А-Яа-яЁё]/.test(message), /\b(Invalid|expected|received|Unrecognized)\b/.test(message)]).toEqual([body, true, false]);
    }
  });
});
