/**
 * Runs the xlsx parse in a small pool of warm worker threads, so one hostile or huge workbook cannot take the server
 * down and an ordinary one does not pay a worker's start-up (about a second: tsx and ExcelJS load) on every upload:
 *
 * - at most `PARSE_POOL_SIZE` workers (the CPU count, 1 to 4), created when a parse needs one and kept between
 *   parses; at most that many parses at a time, the rest wait in a queue in arrival order;
 * - a heap limit per worker (`resourceLimits`, from `parseMemoryMb`): a worker that runs out of memory answers
 *   `parse-memory` and is replaced; a parse asking for another heap limit gets a worker started with it;
 * - a wall-clock timeout per parse (`parseTimeoutMs`, counted from the moment a worker takes the job, including that
 *   worker's start if it is new): the worker is terminated, the parse answers `parse-timeout`, a new worker replaces it;
 * - idle workers are unref'd (they never keep a process alive); `closeParsePool()` terminates them all (server stop,
 *   tests).
 *
 * The worker is a `.ts` file started with `--require tsx/cjs`. (`--import tsx` does not work for a worker on Node 20:
 * it switches the worker's entry to the ESM loader, tsx's ESM hooks are not active in worker threads there, and the
 * worker fails with ERR_UNKNOWN_FILE_EXTENSION, under jest and under tsx alike. The CJS require hook works in both.)
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { GridWorkbook } from '@svod/shared';
import { oversizeError } from './caps';
import { UploadError, brokenFile, groupDigits } from './errors';
import { resolveLimits, type UploadLimits } from './limits';
import type { ParseJob, ParseReply, WorkerMessage } from './parse-worker';

const WORKER_FILE = join(__dirname, 'parse-worker.ts');

/** Workers in the pool, and so parses at a time: one per CPU, at least 1, at most 4. */
export const PARSE_POOL_SIZE = Math.max(1, Math.min(4, cpus().length));

interface Job {
  id: number;
  bytes: Uint8Array;
  lim: UploadLimits;
  resolve(workbook: GridWorkbook): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  /** The heap limit the worker was started with: it serves only parses that ask for the same. */
  memoryMb: number;
  /** The worker's modules have loaded (it posted `started`). */
  started: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  /** Terminated, exited or retired: out of the pool, its events no longer count. */
  gone: boolean;
}

const slots: Slot[] = [];
const queue: Job[] = [];
let nextJobId = 1;
let workersStarted = 0;

export async function parseXlsxInWorker(bytes: Uint8Array, limits?: Partial<UploadLimits>): Promise<GridWorkbook> {
  const lim = resolveLimits(limits);
  return new Promise<GridWorkbook>((resolve, reject) => {
    queue.push({ id: nextJobId++, bytes, lim, resolve, reject });
    pump();
  });
}

/** Hands waiting parses to idle workers, starting workers while the pool has room. */
function pump(): void {
  while (queue.length > 0) {
    const job = queue[0]!;
    const memoryMb = job.lim.parseMemoryMb;
    let slot = slots.find((s) => !s.job && s.memoryMb === memoryMb);
    if (!slot) {
      if (slots.length >= PARSE_POOL_SIZE) {
        // Full: an idle worker with another heap limit makes room; with every worker busy the job waits.
        const idle = slots.find((s) => !s.job);
        if (!idle) return;
        retire(idle);
      }
      slot = spawn(memoryMb);
    }
    queue.shift();
    dispatch(slot, job);
  }
}

function spawn(memoryMb: number): Slot {
  const worker = new Worker(WORKER_FILE, {
    execArgv: ['--require', require.resolve('tsx/cjs')],
    resourceLimits: {
      maxOldGenerationSizeMb: memoryMb,
      maxYoungGenerationSizeMb: Math.max(1, Math.min(32, Math.floor(memoryMb / 8))),
    },
  });
  workersStarted++;
  worker.unref();
  const slot: Slot = { worker, memoryMb, started: false, job: null, timer: null, gone: false };
  slots.push(slot);
  worker.on('message', (message: WorkerMessage) => {
    if (slot.gone) return;
    if ('started' in message) {
      slot.started = true;
      return;
    }
    const job = slot.job;
    if (!job || message.id !== job.id) return;
    release(slot);
    settle(job, message.reply);
    pump();
  });
  worker.on('error', (e: Error & { code?: string }) => {
    const lim = slot.job?.lim ?? resolveLimits({ parseMemoryMb: memoryMb });
    if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') lose(slot, memoryError(lim), true);
    // The worker could not even load its modules (tsx missing, a moved file): a server fault, not a bad upload.
    else if (!slot.started) lose(slot, new Error(`The xlsx parse worker failed to start: ${e.message}`, { cause: e }), false);
    else lose(slot, brokenFile(`worker: ${e.message}`), true);
  });
  worker.on('exit', (code) => lose(slot, brokenFile(`worker exited with code ${code} without an answer`), slot.started));
  return slot;
}

function dispatch(slot: Slot, job: Job): void {
  slot.job = job;
  // A busy worker keeps the process alive until its answer (or the timeout) comes.
  slot.worker.ref();
  slot.timer = setTimeout(() => lose(slot, timeoutError(job.lim), true), job.lim.parseTimeoutMs);
  // A copy with its own ArrayBuffer: transferred, not cloned, and the caller's bytes stay usable.
  const copy = new Uint8Array(job.bytes);
  slot.worker.postMessage({ id: job.id, bytes: copy, limits: job.lim } satisfies ParseJob, [copy.buffer]);
}

/** The job is done: the worker goes back to the pool, idle. */
function release(slot: Slot): void {
  if (slot.timer) clearTimeout(slot.timer);
  slot.timer = null;
  slot.job = null;
  slot.worker.unref();
}

function settle(job: Job, reply: ParseReply): void {
  if (reply.ok) job.resolve(reply.workbook);
  else if ('oversize' in reply) job.reject(oversizeError(reply.oversize, job.lim, 'xlsx'));
  else job.reject(new UploadError(reply.error.status, reply.error.code, reply.error.message, reply.error.detail));
}

/**
 * Takes a worker out of the pool for good, answering its job (if any) with `error`. A worker lost in the middle of a
 * job (timeout, heap limit, crash) is replaced at once when `replace` says so, so the next parse finds a warm one; one
 * that could not start, or died idle, is replaced only when a parse needs it (no restart loop).
 */
function lose(slot: Slot, error: Error, replace: boolean): void {
  if (slot.gone) return;
  const job = slot.job;
  retire(slot);
  if (job) {
    job.reject(error);
    if (replace) spawn(slot.memoryMb);
  }
  pump();
}

function retire(slot: Slot): void {
  slot.gone = true;
  if (slot.timer) clearTimeout(slot.timer);
  slot.timer = null;
  slot.job = null;
  const i = slots.indexOf(slot);
  if (i >= 0) slots.splice(i, 1);
  void slot.worker.terminate();
}

/**
 * Terminates every worker and refuses the parses in flight or waiting (the server is stopping). The pool starts again
 * lazily on the next parse.
 */
export async function closeParsePool(): Promise<void> {
  const closing = slots.splice(0);
  const waiting = queue.splice(0);
  const stopped = () => new Error('The xlsx parse pool was closed (the server is stopping).');
  for (const job of waiting) job.reject(stopped());
  await Promise.all(
    closing.map((slot) => {
      const job = slot.job;
      slot.gone = true;
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = null;
      slot.job = null;
      job?.reject(stopped());
      return slot.worker.terminate();
    }),
  );
}

/** What the pool holds now, for tests and diagnostics. `started` counts every worker ever started. */
export function parsePoolStats(): { size: number; workers: number; busy: number; queued: number; started: number } {
  return { size: PARSE_POOL_SIZE, workers: slots.length, busy: slots.filter((s) => s.job).length, queued: queue.length, started: workersStarted };
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
