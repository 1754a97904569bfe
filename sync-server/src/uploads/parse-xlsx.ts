/**
 * The xlsx parse, in the upload worker pool (`pool.ts`: warm workers, a heap cap, a timeout, replacement). The clock
 * of a parse starts when a worker takes it, including that worker's start if it is new.
 */
import type { GridWorkbook } from '@svod/shared';
import { oversizeError } from './caps';
import { UploadError, brokenFile, groupDigits } from './errors';
import { resolveLimits, type UploadLimits } from './limits';
import { closePool, POOL_SIZE, poolStats, runInPool, type PoolPhase } from './pool';
import type { ParseReply } from './pool-worker';

/** Workers in the pool, and so parses (and checks) at a time. */
export const PARSE_POOL_SIZE = POOL_SIZE;

/** Terminates the pool's workers (server stop, tests): parses and checks in flight or waiting are refused. */
export const closeParsePool = closePool;

/** What the pool holds now, for tests and diagnostics. `started` counts every worker ever started. */
export const parsePoolStats = poolStats;

/** The parse's clock and its words for a worker that cannot finish (also the read phase of a submission's job). */
export function parsePhase(lim: UploadLimits): PoolPhase {
  return { timeoutMs: lim.parseTimeoutMs, timeoutError: () => timeoutError(lim), memoryError: () => memoryError(lim), crashError: (detail) => brokenFile(detail) };
}

/** A refusal of the parse as the worker sent it → the error the client gets. */
export function parseRefusal(r: Exclude<ParseReply, { ok: true }>, lim: UploadLimits): UploadError {
  if ('oversize' in r) return oversizeError(r.oversize, lim, 'xlsx');
  return new UploadError(r.error.status, r.error.code, r.error.message, r.error.detail);
}

export async function parseXlsxInWorker(bytes: Uint8Array, limits?: Partial<UploadLimits>): Promise<GridWorkbook> {
  const lim = resolveLimits(limits);
  // A copy with its own ArrayBuffer: transferred, not cloned, and the caller's bytes stay usable.
  const copy = new Uint8Array(bytes);
  return runInPool({
    request: { kind: 'parse', bytes: copy, limits: lim },
    transfer: [copy.buffer],
    memoryMb: lim.parseMemoryMb,
    clockFromStart: true,
    settle: (reply) => {
      const r = reply as ParseReply;
      if (r.ok) return r.workbook;
      throw parseRefusal(r, lim);
    },
    ...parsePhase(lim),
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
