/**
 * A submission's check (`checkSubmission`) in the upload worker pool, with the parse's protection: a heap cap, a
 * timeout that becomes a Russian 422, and a fresh worker in place of one that overran. The clock starts once the
 * worker has loaded, so only the sheet's own cost counts against it.
 */
import type { GridWorkbook, SvodConfig } from '@svod/shared';
import { UploadError, groupDigits } from '../uploads/errors';
import { resolveLimits, type UploadLimits } from '../uploads/limits';
import { runInPool } from '../uploads/pool';
import type { CheckReply } from '../uploads/pool-worker';
import type { CheckedSubmission } from './check-submission';

export function checkInWorker(workbook: GridWorkbook, config: SvodConfig, limits?: Partial<UploadLimits>): Promise<CheckedSubmission> {
  const lim = resolveLimits(limits);
  return runInPool({
    request: { kind: 'check', workbook, config },
    memoryMb: lim.parseMemoryMb,
    timeoutMs: lim.checkTimeoutMs,
    clockFromStart: false,
    settle: (reply) => {
      const r = reply as CheckReply;
      if (r.ok) return r.checked;
      throw new Error(`The check of a submission failed in its worker: ${r.fault}`);
    },
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
  });
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
