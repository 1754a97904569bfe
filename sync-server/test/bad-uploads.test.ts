import request from 'supertest';
import { zip } from './uploads/helpers';
import { addMunicipality, bearer, COORDINATOR, filledKamchatka, readBack, binary, seed, testServer, type TestServer, REGION } from './helpers';

/** A one-entry zip: enough to look like an xlsx to a name-trusting server. */
const zipOf = (name: string, content: Buffer) => zip([{ name, data: content }]);

const BROKEN = 'Файл повреждён или это не книга Excel (.xlsx). Сохраните таблицу заново в Excel и отправьте ещё раз.';
const NOT_A_TABLE = 'Это не книга Excel (.xlsx) и не таблица CSV. Откройте таблицу в Excel, сохраните её как «Книга Excel (*.xlsx)» и отправьте ещё раз.';
const ZIP_BOMB =
  'Файл похож на «zip-бомбу»: при распаковке он разрастается во много раз сильнее, чем настоящая книга Excel. Такие файлы не принимаются. ' +
  'Сохраните таблицу заново в Excel и отправьте ещё раз.';

/** Each bad upload, and exactly what it must get back. */
const BAD: ReadonlyArray<[string, () => Buffer, string, number, { code: string; message: string }]> = [
  ['a truncated xlsx', () => seed('seed-001-kirov.xlsx').subarray(0, 4000), 'kirov.xlsx', 422, { code: 'broken-file', message: BROKEN }],
  ['random bytes named .xlsx', () => Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251)), 'random.xlsx', 415, { code: 'unsupported-type', message: NOT_A_TABLE }],
  ['a zip bomb (40 MB of zeros in one entry)', () => zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(40 * 1024 * 1024)), 'bomb.xlsx', 413, { code: 'zip-bomb', message: ZIP_BOMB }],
  [
    'a zip that is no workbook (a Word document)',
    () => zipOf('word/document.xml', Buffer.from('<w:document/>')),
    'letter.xlsx',
    415,
    { code: 'not-a-workbook', message: 'Это документ Word, а не таблица Excel. Отправьте книгу Excel (.xlsx) с таблицей.' },
  ],
  ['a PDF', () => Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n'), 'report.pdf', 415, { code: 'unsupported-type', message: NOT_A_TABLE }],
  ['an upload over the size limit', () => Buffer.alloc(2 * 1024 * 1024 + 10, 65), 'big.csv', 413, { code: 'file-too-large', message: 'Файл слишком большой для отправки.' }],
];

describe('POST /api/v1/submissions with bad input', () => {
  let s: TestServer;
  let token: string;
  beforeAll(async () => {
    s = await testServer({ deps: { limits: { maxBytes: 2 * 1024 * 1024 } } });
    token = await addMunicipality(s.app, 'alpha', 'Альфинский район');
    // The same region whichever test runs first or alone.
    await request(s.app).put('/api/v1/region/template').set(bearer(COORDINATOR)).attach('file', seed('seed-000-kamchatka.xlsx'), 't.xlsx').expect(200);
  });
  afterAll(() => s.close());

  const send = (file: Buffer, name: string) => request(s.app).post('/api/v1/submissions').set(bearer(token)).attach('file', file, name);

  it.each(BAD)('refuses %s with its status and Russian message', async (_what, make, name, status, error) => {
    const res = await send(make(), name);
    expect([res.status, res.body]).toEqual([status, { error }]);
  });

  it('refuses a body that is neither multipart nor JSON with 415', async () => {
    const res = await request(s.app).post('/api/v1/submissions').set(bearer(token)).set('Content-Type', 'text/plain').send('hello');
    expect([res.status, res.body]).toEqual([415, { error: { code: 'unsupported-type', message: 'Отправьте файл как multipart/form-data (поле file) или JSON вида {"sheets": [...]}.' } }]);
  });

  it('reads a CSV with =cmd cells as text, and the regional workbook writes them as text, never as formulas', async () => {
    const csv = '\ufeffПлан мероприятий на 2026 год\n№ п/п;Мероприятие;Срок реализации;Исполнитель;Результат\n1.;=cmd|\' /C calc\'!A0;март 2026 г.;@SUM(A1);+1\n2.;Семинар;апрель 2026 г.;-2+3;протокол\n';
    const res = await send(Buffer.from(csv, 'utf8'), 'plan.csv').expect(201);
    expect(res.body).toMatchObject({ kind: 'csv', status: 'accepted' });
    const book = await request(s.app).get('/api/v1/region/workbook.xlsx').set(bearer(COORDINATOR)).buffer(true).parse(binary).expect(200);
    const { wb } = await readBack(book.body as Buffer);
    const formulas: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.formula || cell.type === 6 /* Formula */ || cell.hyperlink) formulas.push(cell.address);
        }),
      ),
    );
    expect(formulas).toEqual([]);
    const texts: unknown[] = [];
    wb.getWorksheet('Дорожные карты')!.eachRow((row) => row.eachCell((c) => texts.push(c.value)));
    expect(texts).toEqual(expect.arrayContaining(["=cmd|' /C calc'!A0", '@SUM(A1)', '+1', '-2+3']));
  });

  it('keeps serving after every one of them, and stores none', async () => {
    for (const [what, make, name, status] of BAD) expect([what, (await send(make(), name)).status]).toEqual([what, status]);
    const res = await send(await filledKamchatka(2), 'ok.xlsx').expect(201);
    expect(res.body.status).toBe('accepted');
    const names = (await s.store.submissions(REGION)).map((x) => x.fileName);
    for (const [, , name] of BAD) expect(names).not.toContain(name);
  });
});
