/**
 * The pool's worker thread (`pool.ts`), started with a heap limit; the pool times each job and terminates the worker
 * when it overruns. Runs TypeScript through tsx's require hook (`--require tsx/cjs`). Two kinds of job: the xlsx parse,
 * and the check of a submission. The check's modules (the whole core) load on its first job only, so a worker that
 * only parses stays small. A worker takes one job at a time and stays for the next.
 */
import { parentPort } from 'node:worker_threads';
import type { GridWorkbook, SvodConfig } from '@svod/shared';
import { readXlsx, XlsxOversizeError } from '@svod/shared/xlsx';
import type { CheckedSubmission } from '../services/check-submission';
import { UploadError, brokenFile } from './errors';
import type { UploadLimits } from './limits';
import { measureOversize, type Oversize } from './measure';

export type PoolRequest = { kind: 'parse'; bytes: Uint8Array; limits: UploadLimits } | { kind: 'check'; workbook: GridWorkbook; config: SvodConfig };

/** `id` pairs the reply with its job. */
export type PoolJob = PoolRequest & { id: number };

export type ParseReply =
  | { ok: true; workbook: GridWorkbook }
  /** Too big to send back: the main thread words the message. */
  | { ok: false; oversize: Oversize }
  | { ok: false; error: ReturnType<UploadError['toPlain']> };

export type CheckReply =
  | { ok: true; checked: CheckedSubmission }
  /** The check itself failed (a bug, not the sheet's fault: the core never throws on user data). */
  | { ok: false; fault: string };

export type PoolReply = ParseReply | CheckReply;

export type WorkerMessage =
  /** Posted once, when the modules have loaded: a failure before it is the server's fault, not the file's. */
  | { started: true }
  | { id: number; reply: PoolReply };

async function parse(bytes: Uint8Array, limits: UploadLimits): Promise<ParseReply> {
  let workbook: GridWorkbook;
  try {
    // The caps are checked by the reader before it builds the grids, so a huge sheet costs no memory.
    workbook = (await readXlsx(bytes, { caps: limits })).grids;
  } catch (e) {
    if (e instanceof XlsxOversizeError && e.oversize.kind !== 'cells') return { ok: false, oversize: e.oversize };
    return { ok: false, error: brokenFile(`xlsx: ${e instanceof Error ? e.message : String(e)}`).toPlain() };
  }
  if (workbook.sheets.length === 0) {
    const error = new UploadError(
      415,
      'not-a-workbook',
      'В книге нет ни одного листа, который можно прочитать. Откройте таблицу в Excel, сохраните её как «Книга Excel (*.xlsx)» и отправьте ещё раз.',
      'no visible worksheet',
    );
    return { ok: false, error: error.toPlain() };
  }
  const oversize = measureOversize(workbook, limits);
  return oversize ? { ok: false, oversize } : { ok: true, workbook };
}

function check(workbook: GridWorkbook, config: SvodConfig): CheckReply {
  // Required here, not imported above: the core loads into a worker only when it is asked to check. (`require`, not
  // `import()`: a dynamic import would go through the ESM loader, which tsx does not hook in workers on Node 20.)
  const { checkSubmission } = require('../services/check-submission') as typeof import('../services/check-submission');
  try {
    return { ok: true, checked: checkSubmission(workbook, config) };
  } catch (e) {
    return { ok: false, fault: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

async function run(job: PoolJob): Promise<PoolReply> {
  return job.kind === 'parse' ? parse(job.bytes, job.limits) : check(job.workbook, job.config);
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (job: PoolJob) => {
    void run(job).then(
      (reply) => port.postMessage({ id: job.id, reply } satisfies WorkerMessage),
      (e: unknown) => {
        const detail = `worker: ${e instanceof Error ? e.message : String(e)}`;
        const reply: PoolReply = job.kind === 'parse' ? { ok: false, error: brokenFile(detail).toPlain() } : { ok: false, fault: detail };
        port.postMessage({ id: job.id, reply } satisfies WorkerMessage);
      },
    );
  });
  port.postMessage({ started: true } satisfies WorkerMessage);
}
