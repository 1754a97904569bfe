import request from 'supertest';
import { zip } from './uploads/helpers';
import { addMunicipality, bearer, COORDINATOR, filledKamchatka, readBack, binary, seed, testServer, type TestServer } from './helpers';

/** A one-entry zip: enough to look like an xlsx to a name-trusting server. */
const zipOf = (name: string, content: Buffer) => zip([{ name, data: content }]);

describe('POST /api/v1/submissions with bad input', () => {
  let s: TestServer;
  let token: string;
  beforeAll(async () => {
    s = await testServer({ deps: { limits: { maxBytes: 2 * 1024 * 1024 } } });
    token = await addMunicipality(s.app, 'alpha', 'Альфинский район');
  });
  afterAll(() => s.close());

  const send = (file: Buffer, name: string) => request(s.app).post('/api/v1/submissions').set(bearer(token)).attach('file', file, name);

  it.each([
    ['a truncated xlsx', () => seed('seed-001-kirov.xlsx').subarray(0, 4000), 'kirov.xlsx'],
    ['random bytes named .xlsx', () => Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251)), 'random.xlsx'],
    ['a zip bomb (40 MB of zeros in one entry)', () => zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(40 * 1024 * 1024)), 'bomb.xlsx'],
    ['a zip that is no workbook', () => zipOf('word/document.xml', Buffer.from('<w:document/>')), 'letter.xlsx'],
    ['a PDF', () => Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n'), 'report.pdf'],
  ])('refuses %s with a Russian 4xx', async (_what, make, name) => {
    const res = await send(make(), name);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.error.message).toMatch(/[А-Яа-яЁё]/);
    expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it('refuses an oversized upload with 413', async () => {
    const res = await send(Buffer.alloc(2 * 1024 * 1024 + 10, 65), 'big.csv').expect(413);
    expect(res.body.error.code).toBe('file-too-large');
  });

  it('refuses a body that is neither multipart nor JSON with 415', async () => {
    const res = await request(s.app).post('/api/v1/submissions').set(bearer(token)).set('Content-Type', 'text/plain').send('hello').expect(415);
    expect(res.body.error.message).toMatch(/multipart\/form-data/);
  });

  it('reads a CSV with =cmd cells as text, and the regional workbook writes them as text, never as formulas', async () => {
    await request(s.app).put('/api/v1/region/template').set(bearer(COORDINATOR)).attach('file', seed('seed-000-kamchatka.xlsx'), 't.xlsx').expect(200);
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

  it('keeps serving after all of that', async () => {
    const res = await send(await filledKamchatka(2), 'ok.xlsx').expect(201);
    expect(res.body.status).toBe('accepted');
  });
});
