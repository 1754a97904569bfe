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
 * The worker is this very module, started again with `workerData.svodParse`: in the bundle that is
 * `cli/dist/svod.cjs`, from the sources `parse-xlsx.ts` through tsx's require hook.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { GridWorkbook } from '@svod/shared';
import { readXlsx, XlsxOversizeError } from '@svod/shared/xlsx';
import { inspectAndRepackXlsx } from '../../sync-server/src/uploads/inspect-xlsx';

/** Bounds of one parse: twice the server's heap (the CLI has no 10 MB upload limit) and a minute. */
export const CLI_PARSE_MEMORY_MB = 512;
export const CLI_PARSE_TIMEOUT_MS = 60_000;

/** A file the CLI will not read: `message` is the Russian sentence printed after the file name. */
export class XlsxRefusal extends Error {}

/** `worksheets` counts every sheet of the book, the very hidden ones (left out of the grids) included. */
type Reply = { ok: true; grids: GridWorkbook; worksheets: number } | { ok: false; broken: true } | { ok: false; tooBig: true };

interface Job {
  bytes: Uint8Array;
  /** Load the ExcelJS workbook as well (for --fix), within the worker's bounds. */
  excel: boolean;
}

export interface ParsedXlsx {
  grids: GridWorkbook;
  worksheets: number;
}

/** The xlsx inspected and repacked; a refusal is an XlsxRefusal with the CLI's sentence. */
export async function inspectXlsxForCli(bytes: Uint8Array): Promise<Uint8Array> {
  try {
    return await inspectAndRepackXlsx(bytes, undefined, { activeContent: 'allow' });
  } catch (e) {
    throw new XlsxRefusal(refusalText(e));
  }
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
      done(() => (reply.ok ? resolve({ grids: reply.grids, worksheets: reply.worksheets }) : reject(new XlsxRefusal('tooBig' in reply ? TOO_BIG : BROKEN)))),
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
const TOO_BIG = 'книга слишком большая или сложная: в ней слишком много ячеек или объединённых ячеек.';

/** The server's refusal (an UploadError, by its code) as the CLI words it: no «отправьте», the same facts. */
function refusalText(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
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
      return 'это архив ZIP, а не книга Excel: в нём нет листов книги.';
    default:
      return BROKEN;
  }
}

// The worker: one parse, one reply.
if (!isMainThread && (workerData as { svodParse?: boolean } | null)?.svodParse && parentPort) {
  const port = parentPort;
  port.once('message', (job: Job) => {
    readXlsx(job.bytes)
      .then(async (loaded) => {
        if (job.excel) await loaded.excel();
        return loaded;
      })
      .then(
        ({ grids, sheetCount }) => port.postMessage({ ok: true, grids, worksheets: sheetCount } satisfies Reply),
        (e: unknown) => port.postMessage((e instanceof XlsxOversizeError ? { ok: false, tooBig: true } : { ok: false, broken: true }) satisfies Reply),
      );
  });
}
