import { deflateRawSync } from 'node:zlib';
import { DEFAULT_LIMITS, UploadError, inspectXlsx } from '../../src/uploads';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readXlsx } from '@svod/shared/xlsx';
import { DtdScanner, checkRelationships, inspectAndRepackXlsx } from '../../src/uploads/inspect-xlsx';
import { SEED_PATH, countCalls, countInflated, seedBytes, seedPart, seedWith, timed, unzip, zip } from './helpers';

async function rejection(bytes: Uint8Array, limits?: Parameters<typeof inspectXlsx>[1]): Promise<UploadError> {
  try {
    await inspectXlsx(bytes, limits);
  } catch (e) {
    if (e instanceof UploadError) return e;
    throw e;
  }
  throw new Error('inspectXlsx accepted the file');
}

const MINIMAL_PARTS = {
  '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
  'xl/workbook.xml': '<?xml version="1.0"?><workbook/>',
};

function minimalWith(extra: { name: string; data: string | Buffer; declaredSize?: number; raw?: Buffer }[]): Buffer {
  return zip([...Object.entries(MINIMAL_PARTS).map(([name, data]) => ({ name, data })), ...extra]);
}

/** The module object itself (an `import * as` namespace is a copy, and spying on a copy sees nothing). */
const zlib = require('node:zlib') as typeof import('node:zlib');

const FIFTY_MB = 50 * 1024 * 1024;
/** One deflate stream of 50 MB of zeros (about 50 KB), built once for all the bomb tests. */
const bombStream = deflateRawSync(Buffer.alloc(FIFTY_MB));

describe('inspectXlsx: what passes', () => {
  test('the seed workbook passes', async () => {
    await expect(inspectXlsx(seedBytes())).resolves.toBeUndefined();
  });

  test('every seed passes, and its repacked copy holds the same parts and reads to the same grids', async () => {
    const dir = dirname(SEED_PATH);
    const seeds = readdirSync(dir).filter((f) => f.endsWith('.xlsx'));
    expect(seeds.length).toBeGreaterThanOrEqual(5);
    for (const file of seeds) {
      const original = readFileSync(join(dir, file));
      const repacked = Buffer.from(await inspectAndRepackXlsx(original));
      expect(await unzip(repacked)).toEqual(await unzip(original));
      expect((await readXlsx(repacked)).grids).toEqual((await readXlsx(original)).grids);
    }
  });

  test('the repacked copy leaves out what the inspection did not see', async () => {
    const entries = [...(await unzip(seedBytes()))].map(([name, data]) => ({ name, data }));
    const crafted = zip([...entries, { name: 'xl/vbaProject.bin', data: 'VBA' }], { declaredCount: entries.length });
    const repacked = Buffer.from(await inspectAndRepackXlsx(crafted));
    expect([...(await unzip(repacked)).keys()]).toEqual(entries.map((e) => e.name));
  });

  test('a hyperlink to a web page in a sheet is not an external link', async () => {
    const bytes = await seedWith({
      'xl/worksheets/_rels/sheet1.xml.rels':
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://edu.gov.ru/" TargetMode="External"/></Relationships>',
    });
    await expect(inspectXlsx(bytes)).resolves.toBeUndefined();
  });

  test('a small part that compresses extremely well is within the grace size', async () => {
    const bytes = minimalWith([{ name: 'xl/worksheets/sheet1.xml', data: `<worksheet>${' '.repeat(90 * 1024)}</worksheet>` }]);
    await expect(inspectXlsx(bytes)).resolves.toBeUndefined();
  });
});

describe('inspectXlsx: broken and foreign zips', () => {
  test('a truncated workbook is a broken file', async () => {
    const seed = seedBytes();
    const e = await rejection(seed.subarray(0, Math.floor(seed.length / 2)));
    expect([e.status, e.code]).toEqual([422, 'broken-file']);
    expect(e.message).toBe('Файл повреждён или это не книга Excel (.xlsx). Сохраните таблицу заново в Excel и отправьте ещё раз.');
  });

  test('random bytes behind a zip signature are a broken file', async () => {
    let seed = 7;
    const junk = Buffer.from(new Uint8Array(4096).map(() => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16));
    junk.writeUInt32LE(0x04034b50, 0);
    expect((await rejection(junk)).code).toBe('broken-file');
  });

  test('a zip without xl/workbook.xml is not a workbook', async () => {
    const e = await rejection(await seedWith({ 'xl/workbook.xml': null }));
    expect([e.status, e.code]).toEqual([415, 'not-a-workbook']);
    expect(e.message).toBe(
      'Это архив ZIP, а не книга Excel: в нём нет листов книги. Откройте таблицу в Excel, сохраните её как «Книга Excel (*.xlsx)» и отправьте ещё раз.',
    );
  });

  test('a Word document and an OpenDocument spreadsheet are named as such', async () => {
    const docx = zip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: '<w:document/>' },
    ]);
    expect((await rejection(docx)).message).toBe('Это документ Word, а не таблица Excel. Отправьте книгу Excel (.xlsx) с таблицей.');
    const ods = zip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', method: 0 },
      { name: 'content.xml', data: '<office:document-content/>' },
    ]);
    const e = await rejection(ods);
    expect(e.code).toBe('not-a-workbook');
    expect(e.message).toMatch(/^Это таблица LibreOffice или OpenOffice \(\.ods\)/);
  });

  test('a zip without [Content_Types].xml is a broken file', async () => {
    expect((await rejection(await seedWith({ '[Content_Types].xml': null }))).code).toBe('broken-file');
  });

  test('two entries of one name are a broken file', async () => {
    const bytes = minimalWith([{ name: 'xl/workbook.xml', data: '<workbook/>' }]);
    const e = await rejection(bytes);
    expect(e.code).toBe('broken-file');
    expect(e.detail).toBe('duplicate entry xl/workbook.xml');
  });
});

describe('inspectXlsx: zip bombs', () => {
  test('one entry of 50 MB of zeros is refused from the central directory, without inflating', async () => {
    const bytes = minimalWith([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(0), raw: bombStream, declaredSize: FIFTY_MB }]);
    expect(bytes.length).toBeLessThan(100 * 1024);
    const inflate = countCalls(zlib, 'createInflateRaw');
    const inflated = countInflated(zlib);
    try {
      const { error } = await timed(() => inspectXlsx(bytes));
      expect(error).toBeInstanceOf(UploadError);
      const e = error as UploadError;
      expect([e.status, e.code]).toEqual([413, 'zip-bomb']);
      expect(e.message).toBe(
        'Файл похож на «zip-бомбу»: при распаковке он разрастается во много раз сильнее, чем настоящая книга Excel. ' +
          'Такие файлы не принимаются. Сохраните таблицу заново в Excel и отправьте ещё раз.',
      );
      expect(e.detail).toMatch(/^xl\/worksheets\/sheet1\.xml: declared 52428800 bytes from \d+ \(more than 100:1\)$/);
      // Nothing inflated: how fast and how little memory that takes is bench/guards.bench.ts’s business.
      expect(inflate.count()).toBe(0);
      expect(inflated.bytes()).toBe(0);
    } finally {
      inflated.restore();
      inflate.restore();
    }
  });

  test('a central directory that lies about the size is caught while inflating, after one chunk', async () => {
    // Declares 1000 bytes (ratio far below 100:1), inflates to 50 MB.
    const bytes = minimalWith([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(0), raw: bombStream, declaredSize: 1000 }]);
    const inflate = countCalls(zlib, 'createInflateRaw');
    const inflated = countInflated(zlib);
    const { error } = await timed(() => inspectXlsx(bytes));
    // The same spy as in the test above does see yauzl inflate here: its silence above means something.
    inflated.restore();
    inflate.restore();
    expect(inflate.count()).toBe(3);
    const e = error as UploadError;
    expect(e).toBeInstanceOf(UploadError);
    expect([e.status, e.code]).toEqual([413, 'zip-bomb']);
    expect(e.detail).toMatch(/^xl\/worksheets\/sheet1\.xml: /);
    // The two small parts and one chunk of the bomb (zlib's 16 KiB; up to four allowed), not its 50 MB.
    expect(inflated.bytes()).toBeGreaterThan(1000);
    expect(inflated.bytes()).toBeLessThanOrEqual(1000 + 64 * 1024);
  });

  test('a lie within the ratio (declares 4 MB, inflates to 50 MB) is caught at 4 MB', async () => {
    const declared = 4 * 1024 * 1024;
    const bytes = minimalWith([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(0), raw: bombStream, declaredSize: declared }]);
    const inflated = countInflated(zlib);
    const { error } = await timed(() => inspectXlsx(bytes));
    inflated.restore();
    expect((error as UploadError).code).toBe('zip-bomb');
    expect(inflated.bytes()).toBeGreaterThan(declared);
    expect(inflated.bytes()).toBeLessThanOrEqual(declared + 64 * 1024);
  });

  test('the declared total is capped', async () => {
    const part = Buffer.alloc(3 * 1024 * 1024, 'a');
    const bytes = minimalWith([
      { name: 'xl/media/a.bin', data: part },
      { name: 'xl/media/b.bin', data: part },
    ]);
    const e = await rejection(bytes, { maxUncompressedBytes: 5 * 1024 * 1024, maxRatio: 10_000 });
    expect([e.status, e.code]).toEqual([413, 'zip-too-large']);
    expect(e.message).toBe(
      'Книга слишком большая: в распакованном виде она занимает больше 5 МБ. Удалите лишние листы, строки и картинки или отправьте только нужный лист.',
    );
  });

  test('too many entries are refused from the end record, before the directory is read', async () => {
    const many = Array.from({ length: DEFAULT_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `xl/media/p${i}.bin`, data: 'x' }));
    const e = await rejection(minimalWith(many));
    expect([e.status, e.code]).toEqual([413, 'zip-too-many-entries']);
    expect(e.message).toBe(
      'В файле слишком много внутренних частей: 1\u00a0003, а можно не больше 1\u00a0000. ' +
        'Так бывает с повреждёнными или специально испорченными файлами. Сохраните таблицу заново в Excel и отправьте ещё раз.',
    );
    expect((await rejection(minimalWith(many.slice(0, 9)), { maxEntries: 10 })).code).toBe('zip-too-many-entries');
  });
});

describe('inspectXlsx: DTDs', () => {
  const DOCTYPE = '<!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>';

  test('a DOCTYPE in a worksheet is refused', async () => {
    const sheet = await seedPart('xl/worksheets/sheet1.xml');
    const bytes = await seedWith({ 'xl/worksheets/sheet1.xml': sheet.replace('?>', `?>${DOCTYPE}`) });
    const e = await rejection(bytes);
    expect([e.status, e.code]).toEqual([422, 'xml-dtd']);
    expect(e.message).toBe(
      'В файле есть объявления DTD (<!DOCTYPE>, <!ENTITY>), которых в книгах Excel не бывает: такой файл может быть опасным. ' +
        'Откройте таблицу в Excel, сохраните её как «Книга Excel (*.xlsx)» и отправьте ещё раз.',
    );
    expect(e.detail).toBe('<!DOCTYPE in xl/worksheets/sheet1.xml');
  });

  test('a DOCTYPE in [Content_Types].xml, in lower case, is refused', async () => {
    const types = await seedPart('[Content_Types].xml');
    const bytes = await seedWith({ '[Content_Types].xml': types.replace('?>', '?><!doctype Types SYSTEM "http://attacker/x.dtd">') });
    const e = await rejection(bytes);
    expect(e.code).toBe('xml-dtd');
    expect(e.detail).toBe('<!DOCTYPE in [Content_Types].xml');
  });

  test('an ENTITY alone, in shared strings, is refused', async () => {
    const strings = await seedPart('xl/sharedStrings.xml');
    const bytes = await seedWith({ 'xl/sharedStrings.xml': strings.replace('?>', '?><!ENTITY x SYSTEM "file:///etc/passwd">') });
    expect((await rejection(bytes)).detail).toBe('<!ENTITY in xl/sharedStrings.xml');
  });

  test('a DOCTYPE in UTF-16 is refused', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`<?xml version="1.0" encoding="UTF-16"?>${DOCTYPE}<styleSheet/>`, 'utf16le')]);
    const bytes = await seedWith({ 'xl/styles.xml': utf16 });
    expect((await rejection(bytes)).code).toBe('xml-dtd');
  });

  test('the scanner finds a DOCTYPE split across chunks, and passes comments and CDATA', () => {
    const text = `<a><!-- c --><![CDATA[x]]>${'y'.repeat(100)}<!DOCTYPE x></a>`;
    for (let cut = 1; cut < text.length; cut++) {
      const s = new DtdScanner();
      const first = s.push(Buffer.from(text.slice(0, cut)));
      const second = s.push(Buffer.from(text.slice(cut)));
      expect(first ?? second).toBe('<!DOCTYPE');
    }
    expect(new DtdScanner().push(Buffer.from('<a><!-- DOCTYPE --><![CDATA[<!x]]></a>'))).toBeNull();
  });
});

describe('inspectXlsx: macros', () => {
  test('xl/vbaProject.bin is refused by its name', async () => {
    const e = await rejection(await seedWith({ 'xl/vbaProject.bin': Buffer.from([0xd0, 0xcf, 0x11, 0xe0]) }));
    expect([e.status, e.code]).toEqual([422, 'macros']);
    expect(e.message).toBe(
      'В книге есть макросы. Книги с макросами не принимаются: сохраните книгу как «Книга Excel (*.xlsx)» — Excel сам уберёт макросы — и отправьте ещё раз.',
    );
  });

  test('an .xlsm content type is refused', async () => {
    const types = await seedPart('[Content_Types].xml');
    const xlsm = types.replace(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
      'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
    );
    expect(xlsm).not.toBe(types);
    expect((await rejection(await seedWith({ '[Content_Types].xml': xlsm }))).code).toBe('macros');
  });

  test('the VBA project content type is refused', async () => {
    const types = await seedPart('[Content_Types].xml');
    const withVba = types.replace('</Types>', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>');
    expect((await rejection(await seedWith({ '[Content_Types].xml': withVba }))).code).toBe('macros');
  });

  test('a vbaProject relationship is refused', () => {
    expect(() =>
      checkRelationships(
        'xl/_rels/workbook.xml.rels',
        '<Relationships><Relationship Id="rId9" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vba.bin"/></Relationships>',
      ),
    ).toThrow(expect.objectContaining({ code: 'macros' }));
  });
});

describe('inspectXlsx: external links', () => {
  const MESSAGE =
    'В книге есть связи с другими файлами. Разорвите их в Excel: «Данные» → «Изменить связи» (в новых версиях «Связи книги») → «Разорвать связь», сохраните книгу и отправьте ещё раз.';

  test('xl/externalLinks/externalLink1.xml is refused', async () => {
    const e = await rejection(await seedWith({ 'xl/externalLinks/externalLink1.xml': '<externalLink/>' }));
    expect([e.status, e.code, e.message]).toEqual([422, 'external-links', MESSAGE]);
  });

  test('a TargetMode="External" relationship of the workbook is refused', async () => {
    const rels = await seedPart('xl/_rels/workbook.xml.rels');
    const external = rels.replace(
      '</Relationships>',
      '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="file:///C:/secret.xlsx" TargetMode="External"/></Relationships>',
    );
    const e = await rejection(await seedWith({ 'xl/_rels/workbook.xml.rels': external }));
    expect(e.code).toBe('external-links');
    expect(e.detail).toMatch(/^xl\/_rels\/workbook\.xml\.rels: external target file:\/\/\/C:\/secret\.xlsx/);
  });

  test('an externalLink relationship is refused', async () => {
    const rels = await seedPart('xl/_rels/workbook.xml.rels');
    const linked = rels.replace(
      '</Relationships>',
      '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>',
    );
    expect((await rejection(await seedWith({ 'xl/_rels/workbook.xml.rels': linked }))).code).toBe('external-links');
  });

  test('an external image in a drawing, spelt with an entity and single quotes, is refused; a `>` in a value hides nothing', () => {
    const rels =
      "<Relationships><Relationship Id='rId1' Target='http://attacker/a>b.png' Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/image' TargetMode='&#69;xternal'/></Relationships>";
    expect(() => checkRelationships('xl/drawings/_rels/drawing1.xml.rels', rels)).toThrow(expect.objectContaining({ code: 'external-links' }));
  });

  test('the relationship patterns do not backtrack catastrophically on hostile text', () => {
    // 5 MB of text: a linear scan takes about a tenth of a second, a pattern that backtracks quadratically about
    // six minutes (measured: 3.7 s on a tenth of it). The bound sits far from both, so it cannot flake and still
    // catches the regression; the speed itself is a benchmark figure (bench/guards.bench.ts), not asserted here.
    const hostile = `<Relationship ${'a'.repeat(2_000_000)}<Relationship ${'"'.repeat(10_000)}${'<Relationship x'.repeat(200_000)}`;
    const start = Date.now();
    expect(() => checkRelationships('x.rels', hostile)).not.toThrow();
    expect(Date.now() - start).toBeLessThan(15_000);
  });
});
