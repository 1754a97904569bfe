import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { readXlsx, readXlsxWithExcelJS } from '@svod/shared/xlsx';
import { DEFAULT_LIMITS, UploadError, readUpload } from '../../src/uploads';
import { PARSE_POOL_SIZE, closeParsePool, parsePoolStats, parseXlsxInWorker } from '../../src/uploads/parse-xlsx';
import { gridFromCsv } from '@svod/shared/csv';
import { countInflated, cp1251, seedBytes, seedPart, seedWith, timed, unzip, zip } from './helpers';

// The CSV grid builder, watched (and still the real one), so a test can see that a refused file built no grid.
jest.mock('@svod/shared/csv', () => {
  const actual = jest.requireActual<typeof import('@svod/shared/csv')>('@svod/shared/csv');
  return { ...actual, gridFromCsv: jest.fn(actual.gridFromCsv) };
});

/** The module object itself, so that counting inflated bytes sees yauzl's streams. */
const zlib = require('node:zlib') as typeof import('node:zlib');

afterAll(() => closeParsePool());

/** The module object itself, so that counting `new Worker` sees the calls parse-xlsx.ts makes. */
const workerThreads = require('node:worker_threads') as typeof import('node:worker_threads');

type Limits = Parameters<typeof readUpload>[2];

async function rejection(bytes: Uint8Array, name?: string, limits?: Limits): Promise<UploadError> {
  try {
    await readUpload(bytes, name, limits);
  } catch (e) {
    if (e instanceof UploadError) return e;
    throw e;
  }
  throw new Error('readUpload accepted the file');
}

/** How each watched worker ended, recorded from its start: an exit can come before a test asks about it. */
const exits = new WeakMap<import('node:worker_threads').Worker, Promise<number>>();

/** Every worker parse-xlsx.ts starts during `fn`, so a test can see that none was, or wait for one to end. */
async function watchingWorkers<T>(fn: (started: import('node:worker_threads').Worker[]) => Promise<T>): Promise<T> {
  const Real = workerThreads.Worker;
  const started: import('node:worker_threads').Worker[] = [];
  workerThreads.Worker = class extends Real {
    constructor(...args: ConstructorParameters<typeof Real>) {
      super(...args);
      exits.set(this, new Promise((resolve) => this.once('exit', resolve)));
      started.push(this);
    }
  };
  try {
    return await fn(started);
  } finally {
    workerThreads.Worker = Real;
  }
}

function exited(worker: import('node:worker_threads').Worker): Promise<number> {
  return exits.get(worker) ?? new Promise((resolve) => worker.once('exit', resolve));
}

const WORKER_TEST_MS = 30_000;

describe('readUpload: xlsx through the worker', () => {
  test(
    'the seed workbook yields the same grids as readXlsx',
    async () => {
      const seed = seedBytes();
      const result = await readUpload(seed, 'seed-001-kirov.xlsx');
      expect(result.kind).toBe('xlsx');
      expect(result.workbook).toEqual((await readXlsx(seed)).grids);
    },
    WORKER_TEST_MS,
  );

  test(
    'a workbook wider than the cap is refused with the sheet and the row named',
    async () => {
      const excel = new ExcelJS.Workbook();
      const ws = excel.addWorksheet('Показатели');
      ws.getCell('A1').value = 'Показатель';
      ws.getCell(3, 12).value = 5;
      const bytes = new Uint8Array((await excel.xlsx.writeBuffer()) as ArrayBuffer);
      const e = await rejection(bytes, 'x.xlsx', { maxColumns: 10 });
      expect([e.status, e.code]).toEqual([422, 'too-many-columns']);
      expect(e.message).toBe(
        'На листе «Показатели» строка 3 занимает 12 столбцов (до L), а можно не больше 10 (до J). Удалите лишние столбцы справа и отправьте ещё раз.',
      );
    },
    WORKER_TEST_MS,
  );

  test(
    'a zip whose workbook part has no sheets is not a workbook',
    async () => {
      const bytes = await seedWith({
        'xl/workbook.xml':
          '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>',
      });
      const e = await rejection(bytes);
      expect([e.status, e.code]).toEqual([415, 'not-a-workbook']);
    },
    WORKER_TEST_MS,
  );

  test(
    'a part hidden from the inspection (a central directory longer than its entry count) never reaches the parser',
    async () => {
      const parts = await unzip(seedBytes());
      const sheet = await seedPart('xl/worksheets/sheet1.xml');
      const hidden = sheet.replace(/<sheetData>[\s\S]*<\/sheetData>/, '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>СКРЫТО</t></is></c></row></sheetData>');
      expect(hidden).not.toBe(sheet);
      // yauzl reads the declared count of entries; JSZip reads every central header, and the later sheet1.xml wins.
      const entries = [...parts].map(([name, data]) => ({ name, data }));
      const crafted = zip([...entries, { name: 'xl/worksheets/sheet1.xml', data: hidden }], { declaredCount: entries.length });
      // ExcelJS alone is fooled (it still loads the workbook for the CLI's --fix); the fast reader reads as yauzl does.
      expect((await readXlsxWithExcelJS(crafted)).grids.sheets[0]!.rows[0]).toEqual(['СКРЫТО']);
      const result = await readUpload(crafted, 'crafted.xlsx');
      expect(result.workbook).toEqual((await readXlsx(seedBytes())).grids);
      // The bytes to keep are the inspected copy, not the upload: Excel opening a stored version sees no hidden part.
      expect((await readXlsx(result.bytes)).grids).toEqual((await readXlsx(seedBytes())).grids);
    },
    WORKER_TEST_MS,
  );

  test(
    'a parse that takes longer than parseTimeoutMs is stopped, and the next parse succeeds',
    async () => {
      await closeParsePool(); // a cold pool: the timeout also covers the worker's start
      await watchingWorkers(async (started) => {
        const e = await rejection(seedBytes(), 'seed.xlsx', { parseTimeoutMs: 1 });
        expect([e.status, e.code]).toEqual([422, 'parse-timeout']);
        expect(e.message).toBe(
          'Книгу не удалось прочитать за 1 с: она слишком большая или сложная. Удалите лишние листы, строки, картинки и оформление или отправьте только нужный лист.',
        );
        expect(started).toHaveLength(2); // the worker that took the job, and its replacement
        await exited(started[0]!); // terminated, not left running
        const ok = await readUpload(seedBytes(), 'seed.xlsx');
        expect(ok.workbook.sheets.map((s) => s.name)).toEqual((await readXlsx(seedBytes())).grids.sheets.map((s) => s.name));
      });
    },
    WORKER_TEST_MS,
  );

  test(
    'a worker stays for the next parse: two parses, one worker start',
    async () => {
      await closeParsePool();
      await watchingWorkers(async (started) => {
        const expected = (await readXlsx(seedBytes())).grids;
        expect((await readUpload(seedBytes(), 'a.xlsx')).workbook).toEqual(expected);
        expect((await readUpload(seedBytes(), 'b.xlsx')).workbook).toEqual(expected);
        expect(started).toHaveLength(1);
        expect(parsePoolStats()).toMatchObject({ workers: 1, busy: 0, queued: 0 });
      });
    },
    WORKER_TEST_MS,
  );

  test(
    'a warm worker that overruns parseTimeoutMs is terminated and replaced; the next parse runs on the replacement',
    async () => {
      await closeParsePool();
      await watchingWorkers(async (started) => {
        await readUpload(seedBytes(), 'warm.xlsx');
        expect(started).toHaveLength(1);
        const e = await rejection(seedBytes(), 'seed.xlsx', { parseTimeoutMs: 1 });
        expect([e.status, e.code]).toEqual([422, 'parse-timeout']);
        await exited(started[0]!);
        expect(started).toHaveLength(2);
        expect(parsePoolStats()).toMatchObject({ workers: 1, busy: 0 });
        const ok = await readUpload(seedBytes(), 'seed.xlsx');
        expect(ok.workbook).toEqual((await readXlsx(seedBytes())).grids);
        expect(started).toHaveLength(2); // no third start
      });
    },
    WORKER_TEST_MS,
  );

  test(
    `at most ${PARSE_POOL_SIZE} parses at a time (the pool size); the rest wait in the queue and all succeed`,
    async () => {
      await closeParsePool();
      expect(PARSE_POOL_SIZE).toBeGreaterThanOrEqual(1);
      expect(PARSE_POOL_SIZE).toBeLessThanOrEqual(4);
      const seed = seedBytes();
      const expected = (await readXlsx(seed)).grids;
      await watchingWorkers(async (started) => {
        const parses = Array.from({ length: PARSE_POOL_SIZE + 3 }, () => parseXlsxInWorker(seed));
        expect(parsePoolStats()).toMatchObject({ workers: PARSE_POOL_SIZE, busy: PARSE_POOL_SIZE, queued: 3 });
        const first = await Promise.race(parses);
        expect(first).toEqual(expected);
        expect(parsePoolStats().busy).toBeLessThanOrEqual(PARSE_POOL_SIZE);
        for (const workbook of await Promise.all(parses)) expect(workbook).toEqual(expected);
        expect(started).toHaveLength(PARSE_POOL_SIZE);
        expect(parsePoolStats()).toMatchObject({ workers: PARSE_POOL_SIZE, busy: 0, queued: 0 });
      });
    },
    WORKER_TEST_MS,
  );

  test(
    'closing the pool refuses the parses waiting and in flight, and a later parse starts it again',
    async () => {
      await closeParsePool();
      const seed = seedBytes();
      const parses = Array.from({ length: PARSE_POOL_SIZE + 1 }, () => parseXlsxInWorker(seed).then(() => 'parsed', (e: Error) => e.message));
      await closeParsePool();
      expect(await Promise.all(parses)).toEqual(new Array(PARSE_POOL_SIZE + 1).fill('The xlsx parse pool was closed (the server is stopping).'));
      expect(parsePoolStats()).toMatchObject({ workers: 0, busy: 0, queued: 0 });
      expect((await readUpload(seed, 'again.xlsx')).kind).toBe('xlsx');
    },
    WORKER_TEST_MS,
  );

  test(
    'a parse that outgrows parseMemoryMb is stopped by the heap limit, and the next parse succeeds',
    async () => {
      const excel = new ExcelJS.Workbook();
      const ws = excel.addWorksheet('План');
      for (let r = 1; r <= 40_000; r++) ws.addRow([r, `Мероприятие ${r}`, `до ${(r % 28) + 1}.05.2025`, `Исполнитель ${r % 97}`, `Результат ${r}`]);
      const big = new Uint8Array((await excel.xlsx.writeBuffer()) as ArrayBuffer);
      // 24 MB is enough for the worker to start and read the seed, not for 40,000 rows (the fast reader needs far less
      // than ExcelJS did, which outgrew it at 8,000).
      await closeParsePool();
      await watchingWorkers(async (started) => {
        const e = await rejection(big, 'big.xlsx', { parseMemoryMb: 24 });
        expect([e.status, e.code]).toEqual([413, 'parse-memory']);
        expect(e.message).toBe(
          'Книга слишком большая: для её чтения не хватило памяти. Удалите лишние листы, строки, картинки и оформление или отправьте только нужный лист.',
        );
        await exited(started[0]!);
        expect(started).toHaveLength(2); // replaced, with the same heap limit
        const ok = await readUpload(seedBytes(), 'seed.xlsx', { parseMemoryMb: 24 });
        expect(ok.workbook).toEqual((await readXlsx(seedBytes())).grids);
        expect(started).toHaveLength(2);
      });
    },
    WORKER_TEST_MS,
  );

  test(
    'parses run side by side (a pool of workers, the rest wait) and all succeed',
    async () => {
      const seed = seedBytes();
      const results = await Promise.all([1, 2, 3].map(() => readUpload(seed, undefined)));
      const expected = (await readXlsx(seed)).grids;
      for (const r of results) expect(r.workbook).toEqual(expected);
    },
    WORKER_TEST_MS,
  );

  test(
    'works when the server runs under tsx (node --import tsx), not only under jest',
    async () => {
      const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(__dirname, 'tsx-main.ts')], {
        cwd: join(__dirname, '../../..'),
        encoding: 'utf8',
        timeout: 25_000,
      });
      expect(run.stderr).toBe('');
      const names = (await readXlsx(seedBytes())).grids.sheets.map((s) => s.name);
      expect(JSON.parse(run.stdout)).toEqual({ kind: 'xlsx', sheets: names });
    },
    WORKER_TEST_MS,
  );
});

describe('readUpload: refused before any parser', () => {
  test('a file just above maxBytes', async () => {
    await watchingWorkers(async (started) => {
      const bytes = new Uint8Array(DEFAULT_LIMITS.maxBytes + 1);
      bytes.set([0x50, 0x4b, 0x03, 0x04]);
      const e = await rejection(bytes, 'big.xlsx');
      expect([e.status, e.code]).toEqual([413, 'file-too-large']);
      expect(e.message).toBe('Файл слишком большой: 10 МБ, а можно не больше 10 МБ. Удалите лишние листы и картинки или отправьте только нужный лист.');
      const e2 = await rejection(new Uint8Array(1536 * 1024), 'x.csv', { maxBytes: 1024 * 1024 });
      expect(e2.message).toBe('Файл слишком большой: 1,5 МБ, а можно не больше 1 МБ. Удалите лишние листы и картинки или отправьте только нужный лист.');
      expect(started).toHaveLength(0);
    });
  });

  test('an empty file', async () => {
    const e = await rejection(new Uint8Array(0), 'x.xlsx');
    expect([e.status, e.code, e.message]).toEqual([400, 'empty-file', 'Файл пустой. Выберите файл с таблицей и отправьте его ещё раз.']);
  });

  test('random bytes named .xlsx', async () => {
    let seed = 42;
    const junk = new Uint8Array(20_000).map(() => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16);
    const e = await rejection(junk, 'report.xlsx');
    expect([e.status, e.code]).toEqual([415, 'unsupported-type']);
    expect(e.message).toBe('Это не книга Excel (.xlsx) и не таблица CSV. Откройте таблицу в Excel, сохраните её как «Книга Excel (*.xlsx)» и отправьте ещё раз.');
  });

  test('an old .xls (or a password-protected book) is named as such', async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const e = await rejection(ole, 'report.xlsx');
    expect([e.status, e.code]).toEqual([415, 'xls-or-encrypted']);
  });

  test('a truncated workbook, the zip bomb and a DTD never reach the worker', async () => {
    const seed = seedBytes();
    const bomb = zip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/workbook.xml', data: '<workbook/>' },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(0), raw: deflateRawSync(Buffer.alloc(20 * 1024 * 1024)), declaredSize: 20 * 1024 * 1024 },
    ]);
    const dtd = await seedWith({ 'xl/styles.xml': '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "a">]><styleSheet/>' });
    await watchingWorkers(async (started) => {
      expect((await rejection(seed.subarray(0, seed.length - 100), 'a.xlsx')).code).toBe('broken-file');
      const inflated = countInflated(zlib);
      const { error } = await timed(() => readUpload(bomb, 'bomb.xlsx'));
      inflated.restore();
      expect((error as UploadError).code).toBe('zip-bomb');
      // Refused from the central directory: not one byte of its 20 MB inflated.
      expect(inflated.bytes()).toBe(0);
      expect((await rejection(dtd, 'a.xlsx')).code).toBe('xml-dtd');
      expect(started).toHaveLength(0);
    });
  });
});

describe('readUpload: CSV', () => {
  test('UTF-8 with a BOM, semicolons, a quoted field with a line break', async () => {
    const text = '\ufeff№;Мероприятие;Срок\r\n1;"Семинар ""Школа""\r\nдля директоров";март – апрель\r\n';
    const bytes = Buffer.from(text, 'utf8');
    const { kind, workbook, bytes: kept } = await readUpload(bytes, 'plan.txt');
    expect(kind).toBe('csv');
    expect(kept).toBe(bytes);
    expect(workbook).toEqual({
      sheets: [{ name: 'CSV', rows: [['№', 'Мероприятие', 'Срок'], ['1', 'Семинар "Школа"\r\nдля директоров', 'март – апрель']], merges: [] }],
    });
  });

  test('Windows-1251, hand-written bytes', async () => {
    const bytes = cp1251('Показатель;Ед.;2024\r\nДоля учителей;%;45,5\r\nЁлки;шт.;3\r\n');
    expect([...bytes.subarray(0, 4)]).toEqual([0xcf, 0xee, 0xea, 0xe0]); // «Пока»
    const { workbook } = await readUpload(bytes, 'indicators.csv');
    expect(workbook.sheets[0]!.rows).toEqual([
      ['Показатель', 'Ед.', '2024'],
      ['Доля учителей', '%', '45,5'],
      ['Ёлки', 'шт.', '3'],
    ]);
  });

  test('UTF-16LE with a BOM (Excel’s «Текст Юникод», tab-separated)', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Показатель\tЗначение\r\nДоля\t45\r\n', 'utf16le')]);
    const { workbook } = await readUpload(bytes, 'u.txt');
    expect(workbook.sheets[0]!.rows).toEqual([
      ['Показатель', 'Значение'],
      ['Доля', '45'],
    ]);
  });

  test('formula-like text stays text, nothing is evaluated', async () => {
    const { workbook } = await readUpload(Buffer.from('a;b;c;d\n=1+1;+7 900 000-00-00;-5;@SUM(A1)\n=cmd|\' /C calc\'!A0;;;\n'), 'x.csv');
    expect(workbook.sheets[0]!.rows).toEqual([
      ['a', 'b', 'c', 'd'],
      ['=1+1', '+7 900 000-00-00', '-5', '@SUM(A1)'],
      ["=cmd|' /C calc'!A0"], // empty fields at the end of a line are dropped
    ]);
  });

  test('NUL bytes are binary content', async () => {
    const bytes = Buffer.from('Показатель;Значение\r\nДоля;4\u00005\r\n', 'utf8');
    const e = await rejection(bytes, 'x.csv');
    expect([e.status, e.code]).toEqual([415, 'csv-binary']);
    expect(e.message).toBe(
      'Файл не похож на текстовую таблицу CSV: в нём есть двоичные данные. Сохраните таблицу в Excel как «Книга Excel (*.xlsx)» или «CSV (разделители — точки с запятой)» и отправьте ещё раз.',
    );
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a;b\r\n\u0000;c', 'utf16le')]);
    expect((await rejection(utf16, 'x.csv')).code).toBe('csv-binary');
  });

  test('rows and columns are capped before the grid is built; blank lines at the end do not count', async () => {
    const rows = 'a;b\n'.repeat(11);
    const e = await rejection(Buffer.from(rows), 'x.csv', { maxRows: 10 });
    expect([e.status, e.code]).toEqual([422, 'too-many-rows']);
    expect(e.message).toBe('В файле 11 строк, а можно не больше 10. Удалите лишние строки или разделите таблицу на несколько файлов и отправьте ещё раз.');
    await expect(readUpload(Buffer.from('a;b\n'.repeat(10) + ';\n \n\n'), 'x.csv', { maxRows: 10 })).resolves.toBeDefined();
    const wide = `a;b\n${Array.from({ length: 205 }, (_, i) => i).join(';')}\n`;
    const w = await rejection(Buffer.from(wide), 'x.csv');
    expect([w.status, w.code]).toEqual([422, 'too-many-columns']);
    expect(w.message).toBe(
      'В файле строка 2 занимает 205 столбцов (до GW), а можно не больше 200 (до GR). Удалите лишние столбцы справа и отправьте ещё раз.',
    );
    // 300 empty fields after the data are no columns at all.
    await expect(readUpload(Buffer.from(`a;b${';'.repeat(300)}\n`), 'x.csv')).resolves.toBeDefined();
  });

  test('ten million line breaks are refused without building ten million rows', async () => {
    const bytes = Buffer.alloc(DEFAULT_LIMITS.maxBytes - 1, '\n');
    bytes.write('a;b\n'.repeat(200_000) + 'c', 0);
    const build = gridFromCsv as jest.MockedFunction<typeof gridFromCsv>;
    build.mockClear();
    const { error } = await timed(() => readUpload(bytes, 'x.csv'));
    expect((error as UploadError).code).toBe('too-many-rows');
    // Measured on the text and refused before any grid exists (how fast: bench/guards.bench.ts).
    expect(build).not.toHaveBeenCalled();
    // The watch does see a grid being built when the file is within the limits.
    await readUpload(Buffer.from('a;b\n1;2\n'), 'x.csv');
    expect(build).toHaveBeenCalledTimes(1);
  });
});
