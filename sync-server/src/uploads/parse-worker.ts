/**
 * The xlsx parse, in a worker thread started by `parse-xlsx.ts` with a heap limit and a timeout. Runs TypeScript
 * through tsx's require hook (`--require tsx/cjs`). Imports only what the parse needs, not the whole core.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { GridWorkbook } from '@svod/shared';
import { readXlsx } from '@svod/shared/xlsx';
import { UploadError, brokenFile } from './errors';
import type { UploadLimits } from './limits';
import { measureOversize, type Oversize } from './measure';

export interface ParseJob {
  bytes: Uint8Array;
  limits: UploadLimits;
}

export type ParseReply =
  /** Posted first, once the modules have loaded: a failure before it is the server's fault, not the file's. */
  | { started: true }
  | { ok: true; workbook: GridWorkbook }
  /** Too big to send back: the main thread words the message. */
  | { ok: false; oversize: Oversize }
  | { ok: false; error: ReturnType<UploadError['toPlain']> };

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
  port.postMessage({ started: true } satisfies ParseReply);
  void parse(workerData as ParseJob).then(
    (reply) => port.postMessage(reply),
    (e: unknown) => port.postMessage({ ok: false, error: brokenFile(`worker: ${e instanceof Error ? e.message : String(e)}`).toPlain() } satisfies ParseReply),
  );
}
