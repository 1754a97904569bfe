/**
 * A small pool of warm worker threads for the work a hostile upload can make expensive: the xlsx parse
 * (`parse-xlsx.ts`) and the check of a submission (`services/check-worker.ts`). One pool for both, so the CPU work of
 * uploads is bounded by one number whatever its kind, and an ordinary upload does not pay a worker's start-up (about a
 * second: tsx and ExcelJS load) on every request:
 *
 * - at most `POOL_SIZE` workers (the CPU count, 1 to 4), created when a job needs one and kept between jobs; at most
 *   that many jobs at a time, the rest wait in a queue in arrival order;
 * - a heap limit per worker (`resourceLimits`, from the job's `memoryMb`): a worker that runs out of memory answers
 *   the job's `memoryError` and is replaced; a job asking for another heap limit gets a worker started with it;
 * - a wall-clock timeout per job (`timeoutMs`): the worker is terminated, the job answers its `timeoutError`, a new
 *   worker replaces it. A parse's clock starts when a worker takes the job, including that worker's start if it is
 *   new; a check's once the worker has loaded (`clockFromStart: false`), so a cold start never fails a small sheet;
 * - idle workers are unref'd (they never keep a process alive); `closePool()` terminates them all (server stop,
 *   tests).
 *
 * The worker is a `.ts` file started with `--require tsx/cjs`. (`--import tsx` does not work for a worker on Node 20:
 * it switches the worker's entry to the ESM loader, tsx's ESM hooks are not active in worker threads there, and the
 * worker fails with ERR_UNKNOWN_FILE_EXTENSION, under jest and under tsx alike. The CJS require hook works in both.)
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PoolRequest, PoolJob, PoolReply, WorkerMessage } from './pool-worker';

const WORKER_FILE = join(__dirname, 'pool-worker.ts');

/** Workers in the pool, and so jobs at a time: one per CPU, at least 1, at most 4. */
export const POOL_SIZE = Math.max(1, Math.min(4, cpus().length));

/** A stretch of a job with its own clock and its own words for a worker that cannot finish it. */
export interface PoolPhase {
  timeoutMs: number;
  timeoutError(): Error;
  memoryError(): Error;
  /** The worker died in the middle of the job (not a timeout, not the heap limit). */
  crashError(detail: string): Error;
}

/** One piece of work for the pool, with what to answer when the worker cannot. */
export interface PoolTask<T> extends PoolPhase {
  request: PoolRequest;
  /** Moved to the worker, not copied. */
  transfer?: ArrayBuffer[];
  memoryMb: number;
  /** The timeout also covers a new worker's start (true), or starts once the worker has loaded (false). */
  clockFromStart: boolean;
  /** The worker's answer → the result, or throws the error the client gets. */
  settle(reply: PoolReply): T;
  /**
   * The job's second phase (a submission's check after its read), begun when the worker says so: the first phase's
   * clock stops and this one's starts.
   */
  then?: PoolPhase;
}

interface Job {
  id: number;
  task: PoolTask<unknown>;
  /** The phase under way: the task itself, or its `then`. */
  phase: PoolPhase;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  /** The heap limit the worker was started with: it serves only jobs that ask for the same. */
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

export function runInPool<T>(task: PoolTask<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    queue.push({ id: nextJobId++, task, phase: task, resolve: resolve as (value: unknown) => void, reject });
    pump();
  });
}

/** Hands waiting jobs to idle workers, starting workers while the pool has room. */
function pump(): void {
  while (queue.length > 0) {
    const job = queue[0]!;
    const memoryMb = job.task.memoryMb;
    let slot = slots.find((s) => !s.job && s.memoryMb === memoryMb);
    if (!slot) {
      if (slots.length >= POOL_SIZE) {
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
      if (slot.job && !slot.timer) startClock(slot, slot.job);
      return;
    }
    const job = slot.job;
    if (!job || message.id !== job.id) return;
    if ('phase' in message) {
      if (!job.task.then || job.phase === job.task.then) return;
      job.phase = job.task.then;
      if (slot.timer) clearTimeout(slot.timer);
      startClock(slot, job);
      return;
    }
    release(slot);
    settle(job, message.reply);
    pump();
  });
  worker.on('error', (e: Error & { code?: string }) => {
    const task = slot.job?.phase;
    if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') lose(slot, task ? task.memoryError() : e, true);
    // The worker could not even load its modules (tsx missing, a moved file): a server fault, not a bad upload.
    else if (!slot.started) lose(slot, new Error(`The upload worker failed to start: ${e.message}`, { cause: e }), false);
    else lose(slot, task ? task.crashError(`worker: ${e.message}`) : e, true);
  });
  worker.on('exit', (code) => {
    const detail = `worker exited with code ${code} without an answer`;
    lose(slot, slot.job ? slot.job.phase.crashError(detail) : new Error(detail), slot.started);
  });
  return slot;
}

function dispatch(slot: Slot, job: Job): void {
  slot.job = job;
  // A busy worker keeps the process alive until its answer (or the timeout) comes.
  slot.worker.ref();
  if (slot.started || job.task.clockFromStart) startClock(slot, job);
  slot.worker.postMessage({ id: job.id, ...job.task.request } satisfies PoolJob, job.task.transfer ?? []);
}

function startClock(slot: Slot, job: Job): void {
  const phase = job.phase;
  slot.timer = setTimeout(() => lose(slot, phase.timeoutError(), true), phase.timeoutMs);
}

/** The job is done: the worker goes back to the pool, idle. */
function release(slot: Slot): void {
  if (slot.timer) clearTimeout(slot.timer);
  slot.timer = null;
  slot.job = null;
  slot.worker.unref();
}

function settle(job: Job, reply: PoolReply): void {
  let value: unknown;
  try {
    value = job.task.settle(reply);
  } catch (e) {
    job.reject(e instanceof Error ? e : new Error(String(e)));
    return;
  }
  job.resolve(value);
}

/**
 * Takes a worker out of the pool for good, answering its job (if any) with `error`. A worker lost in the middle of a
 * job (timeout, heap limit, crash) is replaced at once when `replace` says so, so the next job finds a warm one; one
 * that could not start, or died idle, is replaced only when a job needs it (no restart loop).
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
 * Terminates every worker and refuses the jobs in flight or waiting (the server is stopping). The pool starts again
 * lazily on the next job.
 */
export async function closePool(): Promise<void> {
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
export function poolStats(): { size: number; workers: number; busy: number; queued: number; started: number } {
  return { size: POOL_SIZE, workers: slots.length, busy: slots.filter((s) => s.job).length, queued: queue.length, started: workersStarted };
}
