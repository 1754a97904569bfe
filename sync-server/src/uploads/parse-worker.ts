/**
 * The xlsx parse, in a pooled worker thread started by `parse-xlsx.ts` with a heap limit; the pool times each parse
 * and terminates the worker when it overruns. Runs TypeScript through tsx's require hook (`--require tsx/cjs`).
 * Imports only what the parse needs, not the whole core. A worker takes one job at a time and stays for the next.
 */
import { parentPort } from 'node:worker_threads';
import type { GridWorkbook } from '@svod/shared';
import { readXlsx } from '@svod/shared/xlsx';
import { UploadError, brokenFile } from './errors';
import type { UploadLimits } from './limits';
import { measureOversize, type Oversize } from './measure';

export interface ParseJob {
  /** Pairs the reply with its job. */
  id: number;
  bytes: Uint8Array;
  limits: UploadLimits;
}

export type ParseReply =
  | { ok: true; workbook: GridWorkbook }
  /** Too big to send back: the main thread words the message. */
  | { ok: false; oversize: Oversize }
  | { ok: false; error: ReturnType<UploadError['toPlain']> };

export type WorkerMessage =
  /** Posted once, when the modules have loaded: a failure before it is the server's fault, not the file's. */
  | { started: true }
  | { id: number; reply: ParseReply };

async function parse(job: ParseJob): Promise<ParseReply> {
  let workbook: GridWorkbook;
  try {
    workbook = (await readXlsx(job.bytes)).grids;
  } catch (e) {
    return { ok: false, error: brokenFile(`exceljs: ${e instanceof Error ? e.message : String(e)}`).toPlain() };
  }
  if (workbook.sheets.length === 0) {
    const error = new UploadError(
      415,
      'not-a-workbook',
      'В книге нет ни одного листа, который можно прочитать. Откройте таблицу в Excel, сохраните её как «Книга Excel (*.xlsx)» и отправьте ещё раз.',
      'exceljs found no visible worksheet',
    );
    return { ok: false, error: error.toPlain() };
  }
  const oversize = measureOversize(workbook, job.limits);
  return oversize ? { ok: false, oversize } : { ok: true, workbook };
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (job: ParseJob) => {
    void parse(job).then(
      (reply) => port.postMessage({ id: job.id, reply } satisfies WorkerMessage),
      (e: unknown) =>
        port.postMessage({ id: job.id, reply: { ok: false, error: brokenFile(`worker: ${e instanceof Error ? e.message : String(e)}`).toPlain() } } satisfies WorkerMessage),
    );
  });
  port.postMessage({ started: true } satisfies WorkerMessage);
}
