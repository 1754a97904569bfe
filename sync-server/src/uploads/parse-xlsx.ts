/**
 * Runs the xlsx parse in a worker thread: a heap limit (`resourceLimits`), a wall-clock timeout after which the worker
 * is terminated, and at most two parses at a time, so one hostile or huge workbook cannot take the server down.
 *
 * The worker is a `.ts` file started with `--require tsx/cjs`. (`--import tsx` does not work for a worker on Node 20:
 * it switches the worker's entry to the ESM loader, tsx's ESM hooks are not active in worker threads there, and the
 * worker fails with ERR_UNKNOWN_FILE_EXTENSION, under jest and under tsx alike. The CJS require hook works in both.)
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { GridWorkbook } from '@svod/shared';
import { oversizeError } from './caps';
import { UploadError, brokenFile, groupDigits } from './errors';
import { resolveLimits, type UploadLimits } from './limits';
import type { ParseJob, ParseReply } from './parse-worker';

const WORKER_FILE = join(__dirname, 'parse-worker.ts');
const MAX_PARALLEL_PARSES = 2;

export async function parseXlsxInWorker(bytes: Uint8Array, limits?: Partial<UploadLimits>): Promise<GridWorkbook> {
  const lim = resolveLimits(limits);
  await acquireSlot();
  try {
    return await runWorker(bytes, lim);
  } finally {
    releaseSlot();
  }
}

function runWorker(bytes: Uint8Array, lim: UploadLimits): Promise<GridWorkbook> {
  return new Promise((resolve, reject) => {
    // A copy with its own ArrayBuffer: transferred, not cloned, and the caller's bytes stay usable.
    const copy = new Uint8Array(bytes);
    const job: ParseJob = { bytes: copy, limits: lim };
    const worker = new Worker(WORKER_FILE, {
      workerData: job,
      transferList: [copy.buffer],
      execArgv: ['--require', require.resolve('tsx/cjs')],
      resourceLimits: {
        maxOldGenerationSizeMb: lim.parseMemoryMb,
        maxYoungGenerationSizeMb: Math.max(1, Math.min(32, Math.floor(lim.parseMemoryMb / 8))),
      },
    });
    let settled = false;
    let started = false;
    const finish = (error: Error | null, workbook?: GridWorkbook) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      if (error) reject(error);
      else resolve(workbook!);
    };
    const timer = setTimeout(() => finish(timeoutError(lim)), lim.parseTimeoutMs);
    worker.on('message', (reply: ParseReply) => {
      if ('started' in reply) started = true;
      else if (reply.ok) finish(null, reply.workbook);
      else if ('oversize' in reply) finish(oversizeError(reply.oversize, lim, 'xlsx'));
      else finish(new UploadError(reply.error.status, reply.error.code, reply.error.message, reply.error.detail));
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') finish(memoryError(lim));
      // The worker could not even load its modules (tsx missing, a moved file): a server fault, not a bad upload.
      else if (!started) finish(new Error(`The xlsx parse worker failed to start: ${e.message}`, { cause: e }));
      else finish(brokenFile(`worker: ${e.message}`));
    });
    worker.on('exit', (code) => finish(brokenFile(`worker exited with code ${code} without an answer`)));
  });
}

function timeoutError(lim: UploadLimits): UploadError {
  const seconds = Math.max(1, Math.round(lim.parseTimeoutMs / 1000));
  return new UploadError(
    422,
    'parse-timeout',
    `Книгу не удалось прочитать за ${groupDigits(seconds)} с: она слишком большая или сложная. ` +
      'Удалите лишние листы, строки, картинки и оформление или отправьте только нужный лист.',
    `parse took longer than ${lim.parseTimeoutMs} ms`,
  );
}

function memoryError(lim: UploadLimits): UploadError {
  return new UploadError(
    413,
    'parse-memory',
    'Книга слишком большая: для её чтения не хватило памяти. ' +
      'Удалите лишние листы, строки, картинки и оформление или отправьте только нужный лист.',
    `worker heap limit ${lim.parseMemoryMb} MB reached`,
  );
}

let running = 0;
const waiting: (() => void)[] = [];

function acquireSlot(): Promise<void> {
  if (running < MAX_PARALLEL_PARSES) {
    running++;
    return Promise.resolve();
  }
  return new Promise((resolve) => waiting.push(resolve));
}

/** Hands the slot straight to the next waiting parse, if any. */
function releaseSlot(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}
