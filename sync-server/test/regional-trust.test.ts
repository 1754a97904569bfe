/**
 * Issue #7: a regional workbook the coordinator can trust. Each describe is one defect found by trying Svod as a new
 * coordinator would, driven through the API with the seed fixtures and read back from the downloaded workbook.
 */
import request from 'supertest';
import { rangeToA1, type GridWorkbook } from '@svod/shared';
import { kamchatkaTemplate } from '../src/demo/kamchatka-template';
import { addMunicipality, bearer, binary, COORDINATOR, filledKamchatka, readBack, seed, testServer, type TestServer } from './helpers';

const coordinator = bearer(COORDINATOR);

/** A grid workbook in the API's JSON form (the add-in's). */
function jsonForm(workbook: GridWorkbook) {
  return { sheets: workbook.sheets.map((s) => ({ name: s.name, rows: s.rows, merges: (s.merges ?? []).map(rangeToA1) })) };
}

/** The demo template with one indicator's name changed. */
function templateWith(edit: (name: string, number: string) => string | null): GridWorkbook {
  const grid = kamchatkaTemplate();
  const sheet = grid.sheets[0]!;
  sheet.rows = sheet.rows.flatMap((row) => {
    if (typeof row[0] !== 'string' || typeof row[1] !== 'string' || !/^\d+\.\d+$/.test(row[0])) return [row];
    const name = edit(row[1], row[0]);
    return name === null ? [] : [[row[0], name, ...row.slice(2)]];
  });
  // Section merges follow their rows: recompute them for rows that moved.
  sheet.merges = sheet.rows.flatMap((row, r) => (typeof row[0] === 'string' && /^[IVX]+\./.test(row[0]) ? [{ top: r, left: 0, bottom: r, right: 6 }] : []));
  return grid;
}

async function putTemplate(s: TestServer, grid: GridWorkbook) {
  return request(s.app).put('/api/v1/region/template').set(coordinator).send(jsonForm(grid)).expect(200);
}

async function workbook(s: TestServer) {
  const res = await request(s.app).get('/api/v1/region/workbook.xlsx').set(coordinator).buffer(true).parse(binary).expect(200);
  return { res, book: await readBack(res.body as Buffer) };
}

/** The rows of an indicator's block in «Свод показателей»: [label, value of the year] for each municipality and the region. */
function block(values: unknown[][], number: string, year: number): unknown[][] {
  const col = values.find((r) => r?.[0] === '№')!.indexOf(year);
  const at = values.findIndex((r) => r?.[0] === number);
  if (at < 0) return [];
  const out: unknown[][] = [];
  for (let r = at + 1; r < values.length && values[r]?.[0] === number && values[r]?.[1] != null; r++) out.push([values[r]![1], values[r]![col]]);
  return out;
}

let s: TestServer;
afterEach(async () => {
  await s?.close();
});

describe('1. indicators are matched as a careful person would', () => {
  it('Kamchatka 2.2 reaches the Свод although the template lacks its last word «педагогов»', async () => {
    s = await testServer();
    await putTemplate(s, templateWith((name) => name.replace(/ педагогов$/, '')));
    const token = await addMunicipality(s.app, 'alpha', 'Альфинский район');
    const res = await request(s.app).post('/api/v1/submissions').set(bearer(token)).attach('file', await filledKamchatka(1), 'a.xlsx').expect(201);
    expect(res.body.status).toBe('accepted');
    expect(res.body.indicators).toMatchObject({ merged: res.body.indicators.submitted, awaiting: 0, notInTemplate: 0 });
    expect(res.body.diagnostics.filter((d: { ruleId: string }) => d.ruleId === 'indicator-not-in-template')).toEqual([]);
    const { book } = await workbook(s);
    // filledKamchatka(1): a % indicator gets 51, 56, 61, 66 for 2020–2023.
    expect(block(book.values('Свод показателей'), '2.2', 2020)).toEqual([['Альфинский район', 51], ['Регион: среднее', 51]]);
  });

  it('a sheet none of whose 51 indicators is in the template is not silently «принято»; the coordinator’s mapping is remembered', async () => {
    s = await testServer();
    await putTemplate(s, kamchatkaTemplate());
    const token = await addMunicipality(s.app, 'ilansky', 'Иланский район');
    const res = await request(s.app).post('/api/v1/submissions').set(bearer(token)).attach('file', seed('seed-003-ilansky.xlsx'), 'i.xlsx').expect(201);
    expect(res.body.status).toBe('accepted');
    expect(res.body.indicators).toMatchObject({ submitted: 51, merged: 0 });
    expect(res.body.indicators.message).toMatch(/^В свод вошло 0 из 51 показателя/);
    const findings = res.body.diagnostics.filter((d: { ruleId: string }) => d.ruleId === 'indicator-not-in-template');
    expect(findings).toHaveLength(51);
    // Full names in every message, never cut.
    for (const f of findings) expect(f.message).not.toContain('…');

    const status = await request(s.app).get('/api/v1/region/status').set(coordinator).expect(200);
    const row = status.body.municipalities[0];
    expect(row).toMatchObject({ status: 'ждёт сопоставления', inSvod: { version: 1 }, indicators: { submitted: 51, merged: 0 } });
    expect(row.note).toContain('В свод вошло 0 из 51 показателя');

    const matches = await request(s.app).get('/api/v1/region/indicator-matches').set(coordinator).expect(200);
    expect(matches.body.unmatched).toHaveLength(51);
    const first = matches.body.unmatched[0] as { name: string; municipalities: string[] };
    expect(first.municipalities).toEqual(['ilansky']);
    const target = 'Доля обучающихся, получивших неудовлетворительный результат на ЕГЭ по математике (базовый уровень)';
    await request(s.app).put('/api/v1/region/indicator-mappings').set(coordinator).send({ mappings: [{ name: first.name, to: 'Несуществующий показатель' }] }).expect(422);
    const mapped = await request(s.app).put('/api/v1/region/indicator-mappings').set(coordinator).send({ mappings: [{ name: first.name, to: target }] }).expect(200);
    expect(mapped.body.mappings).toHaveLength(1);

    const again = await request(s.app).get(`/api/v1/submissions/${res.body.id}`).set(bearer(token)).expect(200);
    expect(again.body.indicators).toMatchObject({ submitted: 51, merged: 1 });
    expect(again.body.diagnostics.filter((d: { ruleId: string }) => d.ruleId === 'indicator-not-in-template')).toHaveLength(50);
    // A later version of any municipality with the same name meets the same mapping.
    const other = await addMunicipality(s.app, 'kansk', 'Канский район');
    const second = await request(s.app).post('/api/v1/submissions').set(bearer(other)).attach('file', seed('seed-003-ilansky.xlsx'), 'k.xlsx').expect(201);
    expect(second.body.indicators.merged).toBe(1);

    const removed = await request(s.app).delete('/api/v1/region/indicator-mappings').query({ name: first.name }).set(coordinator).expect(200);
    expect(removed.body.mappings).toEqual([]);
    const after = await request(s.app).get(`/api/v1/submissions/${res.body.id}`).set(bearer(token)).expect(200);
    expect(after.body.indicators.merged).toBe(0);
  });
});

describe('2. findings that depend on the template follow the template', () => {
  it('a new template recomputes the «нет в шаблоне» findings and counts of versions sent before it', async () => {
    s = await testServer();
    await putTemplate(s, kamchatkaTemplate());
    const token = await addMunicipality(s.app, 'alpha', 'Альфинский район');
    const sent = await request(s.app).post('/api/v1/submissions').set(bearer(token)).attach('file', await filledKamchatka(1), 'a.xlsx').expect(201);
    const template = (d: { ruleId: string }) => d.ruleId === 'indicator-not-in-template';
    expect(sent.body.diagnostics.filter(template)).toEqual([]);
    const warningsBefore = sent.body.summary.warnings as number;

    // The new template drops 3.3.
    const put = await putTemplate(s, templateWith((name, number) => (number === '3.3' ? null : name)));
    expect(put.body.message).toMatch(/пересчитана/);
    const version = await request(s.app).get(`/api/v1/submissions/${sent.body.id}`).set(bearer(token)).expect(200);
    expect(version.body.diagnostics.filter(template).map((d: { cell: string; message: string }) => d.message)).toEqual([
      'Показателя «Количество реализованных мероприятий (семинаров, встреч, ВКС, круглых столов и т.д.)» нет в региональном шаблоне: в свод он не войдёт.',
    ]);
    expect(version.body.summary.warnings).toBe(warningsBefore + 1);
    const status = await request(s.app).get('/api/v1/region/status').set(coordinator).expect(200);
    expect(status.body.municipalities[0]).toMatchObject({ warnings: warningsBefore + 1, indicators: { notInTemplate: 1 } });
    const list = await request(s.app).get('/api/v1/submissions').set(bearer(token)).expect(200);
    expect(list.body.submissions[0].summary.warnings).toBe(warningsBefore + 1);

    const { book } = await workbook(s);
    expect(block(book.values('Свод показателей'), '3.3', 2020)).toEqual([]);
    const out = book.values('Не вошло в свод').filter((r) => r?.[0] === 'Альфинский район');
    expect(out.map((r) => [r[3], r[5]])).toEqual([['Количество реализованных мероприятий (семинаров, встреч, ВКС, круглых столов и т.д.)', 'нет в региональном шаблоне']]);
  });
});

describe('3. a region without indicators', () => {
  it('a roadmap-only template is accepted as a roadmap-only collection, and says so', async () => {
    s = await testServer();
    const res = await request(s.app).put('/api/v1/region/template').set(coordinator).attach('file', seed('seed-001-kirov.xlsx'), 'kirov.xlsx').expect(200);
    expect(res.body).toMatchObject({ indicators: 0, collects: 'roadmaps-only' });
    expect(res.body.message).toContain('регион собирает только дорожные карты');
    const region = await request(s.app).get('/api/v1/region').set(coordinator).expect(200);
    expect(region.body.collects).toBe('roadmaps-only');
    const token = await addMunicipality(s.app, 'kirov', 'Верхнекамский район');
    await request(s.app).post('/api/v1/submissions').set(bearer(token)).attach('file', await filledKamchatka(1), 'k.xlsx').expect(201);
    const { book } = await workbook(s);
    expect(book.wb.worksheets.map((w) => w.name)).toEqual(['Дорожные карты', 'Статус', 'Не вошло в свод', 'Сокращения']);
    // The indicators it sent are not silently dropped: the workbook says why they are not there.
    const out = book.values('Не вошло в свод').filter((r) => r?.[0] === 'Верхнекамский район');
    expect(out.map((r) => r[5])).toEqual(['у региона нет шаблона целевых показателей: показатели не сводятся']);
  });

  it('with no template at all the workbook still has the roadmaps and the status', async () => {
    s = await testServer();
    const token = await addMunicipality(s.app, 'lazo', 'Район имени Лазо');
    await request(s.app).post('/api/v1/submissions').set(bearer(token)).attach('file', seed('seed-002-lazo.xlsx'), 'l.xlsx').expect(201);
    const { book } = await workbook(s);
    expect(book.wb.worksheets.map((w) => w.name).slice(0, 3)).toEqual(['Дорожные карты', 'Статус', 'Не вошло в свод']);
    expect(book.values('Дорожные карты').filter((r) => r?.[0] === 'Район имени Лазо').length).toBeGreaterThan(50);
  });
});

describe('4. numbers written as text go into the Свод as numbers', () => {
  it('«11,5» and «6» in a % column are numbers in the Свод and in its mean', async () => {
    s = await testServer();
    await putTemplate(s, kamchatkaTemplate());
    const grid = kamchatkaTemplate();
    const rows = grid.sheets[0]!.rows;
    const r11 = rows.findIndex((r) => r[0] === '1.1');
    rows[r11] = [...rows[r11]!.slice(0, 3), '11,5', '6', '6 %', 'не менее 5'];
    const token = await addMunicipality(s.app, 'alpha', 'Альфинский район');
    await request(s.app).post('/api/v1/submissions').set(bearer(token)).send(jsonForm(grid)).expect(201);
    const { book } = await workbook(s);
    const values = book.values('Свод показателей');
    expect([2020, 2021, 2022, 2023].map((y) => block(values, '1.1', y)[0]![1])).toEqual([11.5, 6, 6, 'не менее 5']);
    const ws = book.wb.getWorksheet('Свод показателей')!;
    let found = 0;
    ws.eachRow((row) => {
      if (row.getCell(2).value === 'Альфинский район' && row.getCell(4).value === 11.5) {
        found++;
        expect(row.getCell(4).type).toBe(2); // ExcelJS.ValueType.Number
      }
    });
    expect(found).toBe(1);
  });
});

describe('5. status and Свод say the same thing', () => {
  it('a rejected latest version: the status says so and names the version in the Свод; one count on every sheet', async () => {
    s = await testServer();
    await putTemplate(s, kamchatkaTemplate());
    const alpha = await addMunicipality(s.app, 'alpha', 'Альфинский район');
    await addMunicipality(s.app, 'beta', 'Бетинский район');
    await request(s.app).post('/api/v1/submissions').set(bearer(alpha)).attach('file', await filledKamchatka(1), 'a.xlsx').expect(201);
    const broken = await filledKamchatka(5, (_ws, wb) => {
      wb.getWorksheet('Дорожная карта')!.eachRow((row) => {
        if (row.getCell(1).value === '1.3') row.getCell(1).value = '1.2'; // a duplicate number: an error
      });
    });
    const v2 = await request(s.app).post('/api/v1/submissions').set(bearer(alpha)).attach('file', broken, 'a2.xlsx').expect(201);
    expect(v2.body).toMatchObject({ version: 2, status: 'rejected', indicators: null });

    const status = await request(s.app).get('/api/v1/region/status').set(coordinator).expect(200);
    expect(status.body).toMatchObject({ inSvod: 1, total: 2 });
    const row = status.body.municipalities.find((m: { municipalityId: string }) => m.municipalityId === 'alpha');
    expect(row).toMatchObject({ status: 'сдано с ошибками', version: 2, inSvod: { version: 1 } });
    expect(row.note).toMatch(/^Версия 2 отклонена \(\d+ ошибк\S*\)\. В своде версия 1 от \d\d\.\d\d\.\d{4} \d\d:\d\d МСК\./);

    const { book } = await workbook(s);
    // The Свод holds version 1 (21 for 1.1, lower is better, in 2020), not the rejected version 2 (25).
    expect(block(book.values('Свод показателей'), '1.1', 2020)).toEqual([['Альфинский район', 21], ['Регион: среднее', 21]]);
    const lines = ['Свод показателей', 'Дорожные карты', 'Статус'].map((name) => book.values(name).map((r) => r?.[0]).filter((v) => typeof v === 'string' && v.startsWith('В своде данные')));
    for (const l of lines) expect(l).toEqual([expect.stringMatching(/^В своде данные 1 из 2 муниципалитетов/)]);
    const statusRow = book.values('Статус').find((r) => r?.[0] === 'Альфинский район')!;
    expect([statusRow[1], statusRow[2], statusRow[6]]).toEqual(['сдано с ошибками', 2, 1]);
    const total = book.values('Статус').find((r) => r?.[0] === 'Итого')!;
    expect(total[1]).toBe('в своде 1 из 2');
    const out = book.values('Не вошло в свод').find((r) => r?.[0] === 'Альфинский район')!;
    expect([out[1], out[3]]).toEqual([2, '(вся версия)']);
    expect(String(out[5])).toMatch(/^версия отклонена .*в своде версия 1$/);
  });
});

describe('7. deadlines on the region’s clock', () => {
  it('a version after the end of the deadline day is «сдано с опозданием», with its time', async () => {
    s = await testServer();
    const token = await addMunicipality(s.app, 'alpha', 'Альфинский район');
    s.now.value = new Date('2026-11-20T20:30:00Z'); // 23:30 in Moscow
    await request(s.app).put('/api/v1/region/deadline').set(coordinator).send({ deadline: '2026-11-20' }).expect(200);
    await request(s.app).post('/api/v1/submissions').set(bearer(token)).attach('file', seed('seed-002-lazo.xlsx'), 'l.xlsx').expect(201);
    let row = (await request(s.app).get('/api/v1/region/status').set(coordinator).expect(200)).body.municipalities[0];
    expect(row).toMatchObject({ status: 'принято', late: false });

    s.now.value = new Date('2026-11-20T21:30:00Z'); // 00:30 the next day in Moscow
    await request(s.app).post('/api/v1/submissions').set(bearer(token)).attach('file', seed('seed-004-zabaikalsky.xlsx'), 'z.xlsx').expect(201);
    row = (await request(s.app).get('/api/v1/region/status').set(coordinator).expect(200)).body.municipalities[0];
    expect(row).toMatchObject({ status: 'сдано с опозданием', late: true, version: 2, inSvod: { version: 2, late: true } });
    expect(row.note).toBe('В своде версия 2 от 21.11.2026 00:30 МСК, после срока.');
    const { book } = await workbook(s);
    const statusRow = book.values('Статус').find((r) => r?.[0] === 'Альфинский район')!;
    expect(statusRow[1]).toBe('сдано с опозданием');
    expect(statusRow[3]).toEqual(new Date(Date.UTC(2026, 10, 21, 0, 30)));
    expect(book.values('Статус')[7]![3]).toBe('Прислана (МСК)');
  });

  it('the region’s own time zone moves the end of the day and every time shown', async () => {
    s = await testServer();
    const token = await addMunicipality(s.app, 'alpha', 'Альфинский район');
    await request(s.app).put('/api/v1/region/time-zone').set(coordinator).send({ timeZone: 'Mars/Olympus' }).expect(400);
    await request(s.app).put('/api/v1/region/time-zone').set(coordinator).send({ timeZone: 'Asia/Kamchatka' }).expect(200);
    await request(s.app).put('/api/v1/region/deadline').set(coordinator).send({ deadline: '2026-11-20' }).expect(200);
    s.now.value = new Date('2026-11-20T12:30:00Z'); // 00:30 on the 21st in Kamchatka, still the 20th in Moscow
    await request(s.app).post('/api/v1/submissions').set(bearer(token)).attach('file', seed('seed-002-lazo.xlsx'), 'l.xlsx').expect(201);
    const status = (await request(s.app).get('/api/v1/region/status').set(coordinator).expect(200)).body;
    expect(status).toMatchObject({ timeZone: 'Asia/Kamchatka', zone: 'UTC+12' });
    expect(status.municipalities[0]).toMatchObject({ status: 'сдано с опозданием', note: 'В своде версия 1 от 21.11.2026 00:30 UTC+12, после срока.' });
    const { res, book } = await workbook(s);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain("filename*=UTF-8''Свод — Камчатский край — 2026-11-21.xlsx");
    expect(book.values('Статус')[7]![3]).toBe('Прислана (UTC+12)');
  });

  it('an impossible deadline is refused', async () => {
    s = await testServer();
    for (const deadline of ['2026-02-30', '2026-13-01', '2026-04-31', '31.12.2026']) {
      const res = await request(s.app).put('/api/v1/region/deadline').set(coordinator).send({ deadline }).expect(400);
      expect(res.body.error.message).toMatch(/^Срок сдачи должен быть существующей датой/);
    }
    await request(s.app).put('/api/v1/region/deadline').set(coordinator).send({ deadline: '2028-02-29' }).expect(200);
  });
});
