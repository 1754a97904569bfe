/** POST /api/v1/municipalities validates with the contract's schema and answers each bad field in Russian, with its code. */
import request from 'supertest';
import { bearer, COORDINATOR, testServer, type TestServer, REGION } from '../helpers';

const BAD_ID = { code: 'bad-id', message: 'Код муниципалитета: 2–40 латинских строчных букв, цифр или дефисов, например "ilansky".' };
const BAD_NAME = { code: 'bad-name', message: 'Укажите название муниципалитета (от 2 до 200 символов).' };

describe('POST /api/v1/municipalities', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer();
  });
  afterAll(() => s.close());

  const post = (body: unknown) => request(s.app).post('/api/v1/municipalities').set(bearer(COORDINATOR)).send(body as object);

  it.each<[string, unknown, object]>([
    ['no id', { name: 'Лазовский район' }, BAD_ID],
    ['an id that is not text', { id: 7, name: 'Лазовский район' }, BAD_ID],
    ['an id with capitals', { id: 'Lazo', name: 'Лазовский район' }, BAD_ID],
    ['a bad id and a bad name: the id first', { id: 'x', name: '' }, BAD_ID],
    ['no name', { id: 'lazo' }, BAD_NAME],
    ['a name of spaces', { id: 'lazo', name: '   a ' }, BAD_NAME],
    ['a name too long', { id: 'lazo', name: 'Я'.repeat(201) }, BAD_NAME],
    ['a list instead of an object', [{ id: 'lazo', name: 'Лазовский район' }], BAD_ID],
  ])('%s: 400 with its code and sentence', async (_name, body, error) => {
    const res = await post(body).expect(400);
    expect(res.body).toEqual({ error });
    expect(await s.store.municipalities(REGION)).toEqual([]);
  });

  it('a good one is created, its name trimmed', async () => {
    const res = await post({ id: 'lazo', name: ' Лазовский район ' }).expect(201);
    expect([res.body.id, res.body.name, typeof res.body.token]).toEqual(['lazo', 'Лазовский район', 'string']);
  });
});
