/**
 * The pool's worker thread (`pool.ts`), started with a heap limit; the pool times each job and terminates the worker
 * when it overruns. Runs TypeScript through tsx's require hook (`--require tsx/cjs`). Two kinds of job: the xlsx parse,
 * and the check of a submission. The check's modules (the whole core) load on its first job only, so a worker that
 * only parses stays small. A worker takes one job at a time and stays for the next.
 */
import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import type { GridWorkbook, SvodConfig } from '@svod/shared';
import { isOdsZip, OdsOversizeError, OdsReadError, readOds, readXlsx, XlsxOversizeError } from '@svod/shared/xlsx';
import type { CheckedSubmission } from '../services/check-submission';
import { BAD_JSON_BODY, UploadError, brokenFile } from './errors';
import { inspectAndRepackWorkbook } from './inspect-xlsx';
import { workbookFromJson } from './json';
import type { UploadLimits } from './limits';
import { measureOversize, type Oversize } from './measure';

export type PoolRequest =
  | { kind: 'parse'; bytes: Uint8Array; limits: UploadLimits }
  | { kind: 'check'; workbook: GridWorkbook; config: SvodConfig }
  /**
   * A submission read and checked in one job: the xlsx or .ods as uploaded (sniffed as a zip; inspected and repacked
   * here, then parsed), or the JSON form's request body as sent (UTF-8). The grids never cross between threads (a structured
   * clone each way cost the main thread more than the parse), and neither does the zip's inflation; the worker posts
   * `phase` when the read is done and the check begins, and the pool switches to the check's clock.
   */
  | { kind: 'submission'; form: 'xlsx' | 'json'; bytes: Uint8Array; limits: UploadLimits; config: SvodConfig };

/** `id` pairs the reply with its job. */
export type PoolJob = PoolRequest & { id: number };

export type ParseReply =
  | { ok: true; workbook: GridWorkbook }
  /** Too big to send back: the main thread words the message. */
  | { ok: false; oversize: Oversize }
  | { ok: false; error: ReturnType<UploadError['toPlain']> };

/** Stored JSON as its UTF-8 bytes and their SHA-256, made in the worker: the main thread only writes them. */
export interface EncodedBlob {
  bytes: Uint8Array;
  hash: string;
}

/** What a submission's check gives the store: the counts, and the two blobs to keep. */
export interface StoredCheck {
  summary: CheckedSubmission['summary'];
  partial: boolean;
  content: EncodedBlob;
  diagnostics: EncodedBlob;
}

export type CheckReply =
  | { ok: true; checked: StoredCheck }
  /** The check itself failed (a bug, not the sheet's fault: the core never throws on user data). */
  | { ok: false; fault: string };

/** A submission job: refused while reading (as a parse is), or checked. */
export type SubmissionReply = Exclude<ParseReply, { ok: true }> | CheckReply;

export type PoolReply = ParseReply | CheckReply | SubmissionReply;

export type WorkerMessage =
  /** Posted once, when the modules have loaded: a failure before it is the server's fault, not the file's. */
  | { started: true }
  /** A job of several phases has finished one (a submission's read): the next has its own clock. */
  | { id: number; phase: true }
  | { id: number; reply: PoolReply };

/** An inspected zip → grids, by its parts: an .ods (LibreOffice's own format) or an xlsx. */
async function parse(bytes: Uint8Array, limits: UploadLimits): Promise<ParseReply> {
  let workbook: GridWorkbook;
  const ods = isOdsZip(bytes);
  try {
    // The caps are checked by the reader before it builds the grids, so a huge sheet costs no memory.
    workbook = ods ? readOds(bytes, { caps: limits }).grids : (await readXlsx(bytes, { caps: limits })).grids;
  } catch (e) {
    if ((e instanceof XlsxOversizeError || e instanceof OdsOversizeError) && e.oversize.kind !== 'cells') return { ok: false, oversize: e.oversize };
    if (e instanceof OdsReadError && (e.problem === 'not-a-spreadsheet' || e.problem === 'no-content')) {
      const error = new UploadError(
        415,
        'not-a-workbook',
        'В файле OpenDocument нет таблицы. Отправьте таблицу: книгу Excel (.xlsx) или таблицу LibreOffice (.ods).',
        `ods: ${e.message}`,
      );
      return { ok: false, error: error.toPlain() };
    }
    if (e instanceof OdsReadError && e.problem === 'encrypted') {
      const error = new UploadError(415, 'xls-or-encrypted', 'Таблица защищена паролем. Откройте её в LibreOffice, сохраните без пароля и отправьте ещё раз.', 'ods: encrypted');
      return { ok: false, error: error.toPlain() };
    }
    return { ok: false, error: brokenFile(`${ods ? 'ods' : 'xlsx'}: ${e instanceof Error ? e.message : String(e)}`).toPlain() };
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

function encoded(json: string): EncodedBlob {
  const bytes = Buffer.from(json, 'utf8');
  return { bytes, hash: createHash('sha256').update(bytes).digest('hex') };
}

function check(workbook: GridWorkbook, config: SvodConfig): CheckReply {
  // Required here, not imported above: the core loads into a worker only when it is asked to check. (`require`, not
  // `import()`: a dynamic import would go through the ESM loader, which tsx does not hook in workers on Node 20.)
  const { checkSubmission } = require('../services/check-submission') as typeof import('../services/check-submission');
  let checked: CheckedSubmission;
  try {
    checked = checkSubmission(workbook, config);
  } catch (e) {
    return { ok: false, fault: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  return { ok: true, checked: { summary: checked.summary, partial: checked.partial, content: encoded(checked.contentJson), diagnostics: encoded(checked.diagnosticsJson) } };
}

/**
 * The JSON form's request body as express.json would read it (strict: an object or an array; an empty body is `{}`;
 * UTF-8, a BOM dropped, bad sequences replaced), then the form's own checks.
 */
function jsonWorkbook(bytes: Uint8Array, limits: UploadLimits): GridWorkbook {
  const text = new TextDecoder('utf-8').decode(bytes);
  let body: unknown = {};
  if (text.length > 0) {
    const first = /^[\x20\x09\x0a\x0d]*([^\x20\x09\x0a\x0d])/.exec(text)?.[1];
    try {
      if (first !== '{' && first !== '[') throw new SyntaxError('not an object or an array');
      body = JSON.parse(text);
    } catch {
      throw new UploadError(400, 'bad-json', BAD_JSON_BODY);
    }
  }
  return workbookFromJson(body, limits);
}

async function submission(job: Extract<PoolJob, { kind: 'submission' }>, port: NonNullable<typeof parentPort>): Promise<SubmissionReply> {
  let workbook: GridWorkbook;
  if (job.form === 'xlsx') {
    let inspected: Uint8Array;
    try {
      inspected = (await inspectAndRepackWorkbook(job.bytes, job.limits)).bytes;
    } catch (e) {
      if (e instanceof UploadError) return { ok: false, error: e.toPlain() };
      throw e;
    }
    const parsed = await parse(inspected, job.limits);
    if (!parsed.ok) return parsed;
    workbook = parsed.workbook;
  } else {
    try {
      workbook = jsonWorkbook(job.bytes, job.limits);
    } catch (e) {
      if (e instanceof UploadError) return { ok: false, error: e.toPlain() };
      throw e;
    }
  }
  port.postMessage({ id: job.id, phase: true } satisfies WorkerMessage);
  return check(workbook, job.config);
}

/** The blobs' bytes are moved to the main thread, not copied. */
function transferOf(reply: PoolReply): ArrayBuffer[] {
  if (!('checked' in reply) || !reply.ok) return [];
  const out = new Set<ArrayBuffer>();
  for (const blob of [reply.checked.content, reply.checked.diagnostics]) {
    // Small Buffers share Node's pool: copied then, only a whole buffer of their own is moved.
    if (blob.bytes.byteOffset === 0 && blob.bytes.byteLength === blob.bytes.buffer.byteLength) out.add(blob.bytes.buffer as ArrayBuffer);
  }
  return [...out];
}

async function run(job: PoolJob, port: NonNullable<typeof parentPort>): Promise<PoolReply> {
  if (job.kind === 'parse') return parse(job.bytes, job.limits);
  if (job.kind === 'check') return check(job.workbook, job.config);
  return submission(job, port);
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (job: PoolJob) => {
    void run(job, port).then(
      (reply) => port.postMessage({ id: job.id, reply } satisfies WorkerMessage, transferOf(reply)),
      (e: unknown) => {
        const detail = `worker: ${e instanceof Error ? e.message : String(e)}`;
        const reply: PoolReply = job.kind === 'parse' ? { ok: false, error: brokenFile(detail).toPlain() } : { ok: false, fault: detail };
        port.postMessage({ id: job.id, reply } satisfies WorkerMessage);
      },
    );
  });
  port.postMessage({ started: true } satisfies WorkerMessage);
}
