/**
 * Uploads of LibreOffice's own format (.ods) on a real server on 127.0.0.1: a submission and the region's template
 * written by LibreOffice (seeds converted once) are read through the same inspection and pool as their xlsx and give
 * the same findings; the stored version keeps the .ods bytes as sent; hostile .ods files get their Russian refusals.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import request from 'supertest';
import { bombZip, contentXml, oneSheet, sofficeConvert, tr, ts } from '../../shared/test/ods-books';
import { addMunicipality, bearer, binary, COORDINATOR, listenLocal, seed, SEEDS, testServer, type TestServer, REGION } from './helpers';

let s: TestServer;
let http: Awaited<ReturnType<typeof listenLocal>>;
let dir: string;
let kirovOds: Buffer;
let kamchatkaOds: Buffer;
let alpha: string;
let beta: string;
let gamma: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'svod-ods-upload-'));
  const [kirov, kamchatka] = sofficeConvert([join(SEEDS, 'seed-001-kirov.xlsx'), join(SEEDS, 'seed-000-kamchatka.xlsx')], 'ods', dir);
  kirovOds = readFileSync(kirov!);
  kamchatkaOds = readFileSync(kamchatka!);
  s = await testServer();
  http = await listenLocal(s.app);
  alpha = await addMunicipality(http.server, 'alpha', 'Альфинский район');
  beta = await addMunicipality(http.server, 'beta', 'Бетинский район');
  gamma = await addMunicipality(http.server, 'gamma', 'Гамминский район');
}, 120_000);

afterAll(async () => {
  await http?.close();
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

const submit = (token: string, file: Uint8Array, name: string) => request(http.server).post('/api/v1/submissions').set(bearer(token)).attach('file', Buffer.from(file), name);

describe('POST /api/v1/submissions with an .ods', () => {
  test('an .ods LibreOffice wrote gets the findings its xlsx gets, and its version keeps the .ods bytes', async () => {
    const fromXlsx = await submit(alpha, seed('seed-001-kirov.xlsx'), 'kirov.xlsx');
    const fromOds = await submit(beta, kirovOds, 'Киров.ods');
    expect(fromXlsx.status).toBe(201);
    expect(fromOds.status).toBe(201);
    expect(fromOds.body.summary).toEqual(fromXlsx.body.summary);
    expect(fromOds.body.status).toBe(fromXlsx.body.status);
    const strip = (ds: Array<Record<string, unknown>>) => ds.map(({ ruleId, cell, sheet, message, severity }) => ({ ruleId, cell, sheet, message, severity }));
    expect(strip(fromOds.body.diagnostics)).toEqual(strip(fromXlsx.body.diagnostics));
    expect(fromOds.body.summary.errors + fromOds.body.summary.warnings).toBeGreaterThan(0);
    // The version says what was sent, and the file comes back as sent, with its own type.
    expect(fromOds.body.kind).toBe('ods');
    expect(fromXlsx.body.kind).toBe('xlsx');
    const file = await request(http.server).get(`/api/v1/submissions/${fromOds.body.id}/file`).set(bearer(COORDINATOR)).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(file.body as Buffer, kirovOds)).toBe(0);
    expect(file.headers['content-type']).toBe('application/vnd.oasis.opendocument.spreadsheet');
    expect(file.headers['content-disposition']).toContain(encodeURIComponent('Киров.ods'));
  });

  test('its annotated copy is an xlsx built from its values, every finding listed', async () => {
    const sent = await submit(gamma, kirovOds, 'Киров2.ods');
    const res = await request(http.server).get(`/api/v1/submissions/${sent.body.id}/annotated.xlsx`).set(bearer(COORDINATOR)).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const excel = new ExcelJS.Workbook();
    await excel.xlsx.load(res.body as unknown as ExcelJS.Buffer);
    const list = excel.getWorksheet('Замечания Svod')!;
    expect(list.rowCount - 1).toBeGreaterThanOrEqual(sent.body.diagnostics.length);
  });

  test('an .ods under any name is read by its content', async () => {
    const res = await submit(alpha, kirovOds, 'kirov.bin');
    expect([200, 201]).toContain(res.status);
    expect(res.body.summary).toBeDefined();
  });
});

describe('PUT /api/v1/region/template with an .ods', () => {
  test('the template LibreOffice wrote gives the indicators its xlsx gives', async () => {
    const fromXlsx = await request(http.server).put('/api/v1/region/template').set(bearer(COORDINATOR)).attach('file', seed('seed-000-kamchatka.xlsx'), 't.xlsx').expect(200);
    const fromOds = await request(http.server).put('/api/v1/region/template').set(bearer(COORDINATOR)).attach('file', kamchatkaOds, 't.ods').expect(200);
    expect({ ...fromOds.body, uploadedAt: null }).toEqual({ ...fromXlsx.body, uploadedAt: null });
    expect(fromOds.body.indicators).toBeGreaterThan(0);
  });
});

describe('hostile .ods uploads', () => {
  const refusal = async (bytes: Uint8Array, name = 'table.ods') => {
    const res = await submit(alpha, bytes, name);
    return { status: res.status, code: res.body.error?.code as string, message: res.body.error?.message as string };
  };

  test('a zip bomb: 5 MB of zeros from 5 KB', async () => {
    const r = await refusal(bombZip(5 * 1024 * 1024));
    expect([r.status, r.code]).toEqual([413, 'zip-bomb']);
    expect(r.message).toMatch(/^Файл похож на «zip-бомбу»/);
  });

  test('a DTD with entities in content.xml', async () => {
    const content = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>' + contentXml({ sheets: [{ name: 'Лист1', body: tr(ts('&b;')) }] }).replace(/^<\?xml[^>]*>/, '');
    const r = await refusal(oneSheet('', { content }));
    expect([r.status, r.code]).toEqual([422, 'xml-dtd']);
    expect(r.message).toMatch(/^В файле есть объявления DTD/);
  });

  test('a filled cell repeated 10⁹ times is too many columns, said before any grid is built', async () => {
    const r = await refusal(oneSheet(tr(ts('№'), '<table:table-cell table:number-columns-repeated="1000000000" office:value-type="float" office:value="1"/>')));
    expect([r.status, r.code]).toEqual([422, 'too-many-columns']);
    expect(r.message).toMatch(/^На листе «Лист1» строка 1 занимает 1\s000\s000\s001 столбец \(до [A-Z]+\), а можно не больше 200 \(до GR\)\. Удалите лишние столбцы справа и отправьте ещё раз\.$/);
  });

  test('an .ods without content.xml', async () => {
    const bytes = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }], 'META-INF/manifest.xml': strToU8('<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>') });
    const r = await refusal(bytes);
    expect([r.status, r.code]).toEqual([422, 'broken-file']);
    expect(r.message).toBe('Файл повреждён: это таблица OpenDocument (.ods) без содержимого (в ней нет части content.xml). Сохраните таблицу заново в LibreOffice и отправьте ещё раз.');
  });

  test('LibreOffice Basic macros in the zip', async () => {
    const r = await refusal(oneSheet(tr(ts('x')), { extra: { 'Basic/Standard/Module1.xml': '<script:module/>' } }));
    expect([r.status, r.code]).toEqual([422, 'macros']);
    expect(r.message).toMatch(/^В таблице есть макросы/);
  });

  test('a sheet linked to another file', async () => {
    const body = '<table:table-source xlink:href="file:///C:/secret.ods" table:table-name="Лист1"/>' + tr(ts('x'));
    const r = await refusal(oneSheet(body));
    expect([r.status, r.code]).toEqual([422, 'external-links']);
    expect(r.message).toMatch(/^В таблице есть связи с другими файлами/);
  });

  test('an OpenDocument text is named as such', async () => {
    const r = await refusal(oneSheet(tr(ts('x')), { mimetype: 'application/vnd.oasis.opendocument.text' }), 'letter.odt');
    expect([r.status, r.code]).toEqual([415, 'not-a-workbook']);
    expect(r.message).toBe('Это текстовый документ LibreOffice (.odt), а не таблица. Отправьте таблицу: книгу Excel (.xlsx) или таблицу LibreOffice (.ods).');
  });

  test('a password-protected .ods', async () => {
    const manifest =
      '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">' +
      '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"/></manifest:file-entry></manifest:manifest>';
    const r = await refusal(oneSheet(tr(ts('x')), { manifest }));
    expect([r.status, r.code]).toEqual([415, 'xls-or-encrypted']);
    expect(r.message).toMatch(/^Таблица защищена паролем/);
  });

  test('a refused .ods stores nothing', async () => {
    const before = (await s.store.submissions(REGION)).length;
    await refusal(bombZip(5 * 1024 * 1024));
    expect((await s.store.submissions(REGION)).length).toBe(before);
  });
});
