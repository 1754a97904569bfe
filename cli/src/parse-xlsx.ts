/**
 * Reading an xlsx in the CLI as safely as the server does (issue #8): the zip is inspected first with the server's
 * own inspection (`sync-server/src/uploads/inspect-xlsx.ts`: entry count, sizes as declared and as inflated, the
 * compression ratio, DTDs; macros and external links are let through, the CLI runs and follows nothing), and the
 * reader (`readXlsx`, the fast one) then reads the inspected, repacked zip in a worker thread with a heap cap and a
 * timeout. For `--fix` the worker loads the ExcelJS workbook too, so that the CLI's own ExcelJS load afterwards is
 * known to fit the same bounds. Before this a 1.7 KB file
 * (one merge over the whole sheet) took the CLI to 4 GB and a V8 crash with a stack trace, and a 1 GB zip bomb to
 * 1.2 GB; now both end as a Russian sentence and exit 2.
 *
 * An .ods (LibreOffice's own format) takes the same path: the inspection knows it by its parts, the worker reads it
 * with the .ods reader, and for `--fix` the worker builds the ExcelJS workbook of its grids (`excelOfGrids`) to show
 * that the CLI's own build of it fits the same bounds.
 *
 * The worker is this very module, started again with `workerData.svodParse`: in the bundle that is
 * `cli/dist/svod.cjs`, from the sources `parse-xlsx.ts` through tsx's require hook.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import type { GridWorkbook } from '@svod/shared';
import { isOdsZip, OdsOversizeError, OdsReadError, readOds, readXlsx, XlsxOversizeError, type OdsProblem } from '@svod/shared/xlsx';
import { ForeignZipError, inspectAndRepackWorkbook, ODS_WITHOUT_CONTENT, type ForeignZip } from '../../sync-server/src/uploads/inspect-xlsx';

/** Bounds of one parse: twice the server's heap (the CLI has no 10 MB upload limit) and a minute. */
export const CLI_PARSE_MEMORY_MB = 512;
export const CLI_PARSE_TIMEOUT_MS = 60_000;

/** A file the CLI will not read: `message` is the Russian sentence printed after the file name. */
export class XlsxRefusal extends Error {}

/** `worksheets` counts every sheet of the book, the very hidden ones (left out of the grids) included. */
type Reply =
  | { ok: true; grids: GridWorkbook; worksheets: number; format: 'xlsx' | 'ods' }
  | { ok: false; broken: true; format: 'xlsx' | 'ods'; problem?: OdsProblem }
  | { ok: false; tooBig: true };

interface Job {
  bytes: Uint8Array;
  /** Load the ExcelJS workbook as well (for --fix), within the worker's bounds. */
  excel: boolean;
}

export interface ParsedXlsx {
  grids: GridWorkbook;
  worksheets: number;
  /** What the zip was, by its parts. */
  format: 'xlsx' | 'ods';
}

/** The xlsx or .ods inspected and repacked; a refusal is an XlsxRefusal with the CLI's sentence. */
export async function inspectWorkbookForCli(bytes: Uint8Array): Promise<Uint8Array> {
  try {
    return (await inspectAndRepackWorkbook(bytes, undefined, { activeContent: 'allow' })).bytes;
  } catch (e) {
    throw new XlsxRefusal(refusalText(e));
  }
}

/**
 * An ExcelJS workbook of grids (an .ods's, for `--fix` and `--annotate`): the values, and the merges with their
 * value in the top-left cell. The formatting of the .ods is not carried over: the copy is an .xlsx of its contents.
 */
export function excelOfGrids(grids: GridWorkbook): ExcelJS.Workbook {
  const excel = new ExcelJS.Workbook();
  for (const grid of grids.sheets) {
    const ws = excel.addWorksheet(grid.name);
    grid.rows.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value !== null) ws.getCell(r + 1, c + 1).value = value;
      });
    });
    for (const m of grid.merges ?? []) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  }
  return excel;
}

export function parseXlsxInWorker(bytes: Uint8Array, options: { excel?: boolean } = {}): Promise<ParsedXlsx> {
  return new Promise<ParsedXlsx>((resolve, reject) => {
    const ts = __filename.endsWith('.ts');
    let worker: Worker;
    try {
      worker = new Worker(__filename, {
        workerData: { svodParse: true },
        execArgv: ts ? ['--require', require.resolve('tsx/cjs')] : [],
        resourceLimits: { maxOldGenerationSizeMb: CLI_PARSE_MEMORY_MB, maxYoungGenerationSizeMb: 32 },
        stdout: true,
        stderr: true,
      });
    } catch {
      reject(new Error('the parse worker did not start'));
      return;
    }
    let settled = false;
    const done = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(
      () => done(() => reject(new XlsxRefusal(`книгу не удалось прочитать за ${Math.round(CLI_PARSE_TIMEOUT_MS / 1000)} с: она слишком большая или сложная.`))),
      CLI_PARSE_TIMEOUT_MS,
    );
    worker.on('message', (reply: Reply) =>
      done(() => (reply.ok ? resolve({ grids: reply.grids, worksheets: reply.worksheets, format: reply.format }) : reject(new XlsxRefusal('tooBig' in reply ? TOO_BIG : brokenText(reply))))),
    );
    worker.on('error', (e: Error & { code?: string }) =>
      done(() =>
        reject(
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new XlsxRefusal(`книга слишком большая или сложная: для её чтения не хватило ${CLI_PARSE_MEMORY_MB} МБ памяти.`)
            : new XlsxRefusal(BROKEN),
        ),
      ),
    );
    worker.on('exit', () => done(() => reject(new XlsxRefusal(BROKEN))));
    const copy = new Uint8Array(bytes);
    worker.postMessage({ bytes: copy, excel: options.excel === true } satisfies Job, [copy.buffer]);
  });
}

const BROKEN = 'файл повреждён или это не книга Excel (.xlsx).';
const BROKEN_ODS = 'файл повреждён или это не таблица LibreOffice (.ods).';
const TOO_BIG = 'книга слишком большая или сложная: в ней слишком много ячеек или объединённых ячеек.';

function brokenText(reply: Extract<Reply, { broken: true }>): string {
  if (reply.format === 'xlsx') return BROKEN;
  switch (reply.problem) {
    case 'not-a-spreadsheet':
      return 'это документ OpenDocument, но не таблица: в нём нет листов. Нужна книга Excel (.xlsx), таблица LibreOffice (.ods) или CSV.';
    case 'no-content':
      return ODS_NO_CONTENT;
    case 'encrypted':
      return 'таблица защищена паролем: откройте её в LibreOffice, сохраните без пароля и проверьте ещё раз.';
    default:
      return BROKEN_ODS;
  }
}

const ODS_NO_CONTENT = 'файл повреждён: это таблица OpenDocument (.ods) без содержимого (в ней нет части content.xml).';

/** What a zip that is not a workbook is, as the CLI names it. */
const FOREIGN: Record<ForeignZip, string> = {
  word: 'это документ Word (.docx), а не таблица: нужна книга Excel (.xlsx), таблица LibreOffice (.ods) или CSV.',
  powerpoint: 'это презентация PowerPoint (.pptx), а не таблица: нужна книга Excel (.xlsx), таблица LibreOffice (.ods) или CSV.',
  odt: 'это текстовый документ LibreOffice (.odt), а не таблица: нужна книга Excel (.xlsx), таблица LibreOffice (.ods) или CSV.',
  odp: 'это презентация LibreOffice (.odp), а не таблица: нужна книга Excel (.xlsx), таблица LibreOffice (.ods) или CSV.',
  opendocument: 'это документ OpenDocument, но не таблица: нужна книга Excel (.xlsx), таблица LibreOffice (.ods) или CSV.',
  ods: 'это таблица LibreOffice (.ods) без листов.',
  zip: 'это архив ZIP, а не книга Excel или таблица LibreOffice: в нём нет листов книги.',
};

/** The server's refusal (an UploadError, by its code) as the CLI words it: no «отправьте», the same facts. */
function refusalText(e: unknown): string {
  if (e instanceof ForeignZipError) return FOREIGN[e.what];
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'broken-file' && (e as { detail?: unknown }).detail === ODS_WITHOUT_CONTENT) return ODS_NO_CONTENT;
  switch (code) {
    case 'zip-bomb':
      return 'файл похож на «zip-бомбу»: при распаковке он разрастается во много раз сильнее, чем настоящая книга Excel. Такие файлы svod не читает.';
    case 'zip-too-large':
      return 'книга слишком большая: в распакованном виде она занимает больше 100 МБ.';
    case 'zip-too-many-entries':
      return 'в файле слишком много внутренних частей (больше 1 000): так бывает с повреждёнными или специально испорченными файлами.';
    case 'xml-dtd':
      return 'в файле есть объявления DTD (<!DOCTYPE>, <!ENTITY>), которых в книгах Excel не бывает: такой файл может быть опасным, svod его не читает.';
    case 'not-a-workbook':
      return FOREIGN.zip;
    case 'xls-or-encrypted':
      return 'таблица защищена паролем: откройте её в LibreOffice, сохраните без пароля и проверьте ещё раз.';
    default:
      return BROKEN;
  }
}

// The worker: one parse, one reply.
if (!isMainThread && (workerData as { svodParse?: boolean } | null)?.svodParse && parentPort) {
  const port = parentPort;
  port.once('message', (job: Job) => {
    const format = isOdsZip(job.bytes) ? 'ods' : 'xlsx';
    const read = async (): Promise<{ grids: GridWorkbook; sheetCount: number }> => {
      if (format === 'ods') {
        const ods = readOds(job.bytes);
        if (job.excel) excelOfGrids(ods.grids);
        return ods;
      }
      const loaded = await readXlsx(job.bytes);
      if (job.excel) await loaded.excel();
      return loaded;
    };
    read().then(
      ({ grids, sheetCount }) => port.postMessage({ ok: true, grids, worksheets: sheetCount, format } satisfies Reply),
      (e: unknown) =>
        port.postMessage(
          (e instanceof XlsxOversizeError || e instanceof OdsOversizeError
            ? { ok: false, tooBig: true }
            : { ok: false, broken: true, format, ...(e instanceof OdsReadError ? { problem: e.problem } : {}) }) satisfies Reply,
        ),
    );
  });
}
