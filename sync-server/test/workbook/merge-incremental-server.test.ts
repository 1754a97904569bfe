/**
 * GET /api/v1/region/workbook.xlsx, built by the server with its memos as versions, mappings and the deadline change,
 * is byte for byte the workbook built from scratch from the same region (its merge input, no memo).
 */
import request from 'supertest';
import { buildRegionalWorkbook } from '@svod/shared';
import { regionView } from '../../src/services/status';
import { renderRegionalWorkbook } from '../../src/workbook/write';
import { jsonForm, municipalities, submissionWorkbook, templateWorkbook, workbookXlsx } from '../../../bench/server/generate';
import { addMunicipality, bearer, binary, COORDINATOR, testServer, type TestServer, REGION } from '../helpers';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('the regional workbook the server sends, as it changes', () => {
  let s: TestServer;
  const tokens: string[] = [];

  beforeAll(async () => {
    s = await testServer();
    await request(s.app).put('/api/v1/region/template').set(bearer(COORDINATOR)).set('Content-Type', XLSX).send(await workbookXlsx(templateWorkbook())).expect(200);
    for (const m of municipalities(5)) tokens.push(await addMunicipality(s.app, m.id, m.name));
  });
  afterAll(() => s.close());

  const submit = (m: number, attempt: number) =>
    request(s.app)
      .post('/api/v1/submissions')
      .set(bearer(tokens[m]!))
      .send(jsonForm(submissionWorkbook(m, attempt, 25 + attempt * 7)))
      .expect(201);

  async function sameAsFromScratch(): Promise<Buffer> {
    const res = await request(s.app).get('/api/v1/region/workbook.xlsx').set(bearer(COORDINATOR)).buffer(true).parse(binary).expect(200);
    const served = res.body as Buffer;
    const fresh = Buffer.from(await renderRegionalWorkbook(buildRegionalWorkbook(await regionView(s.store).mergeInput(REGION, s.now.value))));
    expect(served.length).toBe(fresh.length);
    expect(served.equals(fresh)).toBe(true);
    return served;
  }

  it('is the workbook built from scratch after every change', async () => {
    const seen: Buffer[] = [];
    for (let m = 0; m < 5; m++) await submit(m, 0);
    seen.push(await sameAsFromScratch());
    await submit(2, 1);
    seen.push(await sameAsFromScratch());
    await submit(0, 2);
    seen.push(await sameAsFromScratch());
    const name = 'Количество педагогов-наставников';
    await request(s.app).put('/api/v1/region/indicator-mappings').set(bearer(COORDINATOR)).send({ mappings: [{ name, to: null }] }).expect(200);
    seen.push(await sameAsFromScratch());
    await request(s.app).put('/api/v1/region/deadline').set(bearer(COORDINATOR)).send({ deadline: '2026-11-01' }).expect(200);
    seen.push(await sameAsFromScratch());
    await submit(4, 3);
    seen.push(await sameAsFromScratch());
    // Every step changed the file (so the comparisons compared something new each time).
    expect(seen.map((b, i) => i === 0 || !b.equals(seen[i - 1]!))).toEqual(seen.map(() => true));
  });
});
