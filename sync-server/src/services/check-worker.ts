/**
 * A submission's check (`checkSubmission`) in the upload worker pool, with the parse's protection: a heap cap, a
 * timeout that becomes a Russian 422, and a fresh worker in place of one that overran. The clock starts once the
 * worker has loaded, so only the sheet's own cost counts against it.
 *
 * `readAndCheckInWorker` does the read of an inspected xlsx or of the JSON form in the same job, so the grids stay in
 * the worker: the read under the parse's clock and words, then the check under the check's.
 */
import type { GridWorkbook, SvodConfig } from '@svod/shared';
import { UploadError, groupDigits } from '../uploads/errors';
import { resolveLimits, type UploadLimits } from '../uploads/limits';
import { parsePhase, parseRefusal } from '../uploads/parse-xlsx';
import { runInPool, type PoolPhase } from '../uploads/pool';
import type { CheckReply, StoredCheck, SubmissionReply } from '../uploads/pool-worker';

export type { StoredCheck } from '../uploads/pool-worker';

export function checkInWorker(workbook: GridWorkbook, config: SvodConfig, limits?: Partial<UploadLimits>): Promise<StoredCheck> {
  const lim = resolveLimits(limits);
  return runInPool({
    request: { kind: 'check', workbook, config },
    memoryMb: lim.parseMemoryMb,
    clockFromStart: false,
    settle: (reply) => checked(reply as CheckReply),
    ...checkPhase(lim),
  });
}

/**
 * Reads `bytes` (an xlsx the inspection let through, or the JSON form's body) and checks the grids, in one worker.
 * Refusals of the read are the same errors as `parseXlsxInWorker`'s and `workbookFromJson`'s.
 */
export function readAndCheckInWorker(form: 'xlsx' | 'json', bytes: Uint8Array, config: SvodConfig, limits?: Partial<UploadLimits>): Promise<StoredCheck> {
  const lim = resolveLimits(limits);
  // A copy with its own ArrayBuffer: transferred, not cloned, and the caller's bytes (to be stored) stay usable.
  const copy = new Uint8Array(bytes);
  const read = parsePhase(lim);
  return runInPool({
    request: { kind: 'submission', form, bytes: copy, limits: lim, config },
    transfer: [copy.buffer],
    memoryMb: lim.parseMemoryMb,
    // An xlsx read is timed as a parse is, from the worker's start; the JSON form's read is cheap, timed once loaded.
    clockFromStart: form === 'xlsx',
    settle: (reply) => {
      const r = reply as SubmissionReply;
      if ('oversize' in r || 'error' in r) throw parseRefusal(r, lim);
      return checked(r);
    },
    ...(form === 'xlsx' ? read : { ...read, crashError: checkPhase(lim).crashError }),
    then: checkPhase(lim),
  });
}

function checked(r: CheckReply): StoredCheck {
  if (r.ok) return r.checked;
  throw new Error(`The check of a submission failed in its worker: ${r.fault}`);
}

function checkPhase(lim: UploadLimits): PoolPhase {
  return {
    timeoutMs: lim.checkTimeoutMs,
    timeoutError: () => timeoutError(lim),
    memoryError: () =>
      new UploadError(
        413,
        'check-memory',
        'Таблица слишком большая: для её проверки не хватило памяти. Удалите лишние строки и листы или разделите таблицу на несколько файлов и отправьте ещё раз.',
        `check worker heap limit ${lim.parseMemoryMb} MB reached`,
      ),
    // Not the sheet's fault as far as anyone knows: a server fault (500), logged with its detail.
    crashError: (detail) => new Error(`The check worker died: ${detail}`),
  };
}

function timeoutError(lim: UploadLimits): UploadError {
  const seconds = Math.max(1, Math.round(lim.checkTimeoutMs / 1000));
  return new UploadError(
    422,
    'check-timeout',
    `Проверка таблицы заняла слишком много времени (больше ${groupDigits(seconds)} с): в ней слишком много строк, ` +
      'текста или разных исполнителей. Удалите лишние строки или разделите таблицу на несколько файлов и отправьте ещё раз.',
    `check took longer than ${lim.checkTimeoutMs} ms`,
  );
}
