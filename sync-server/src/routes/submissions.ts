import express, { Router, type Request } from 'express';
import multer from 'multer';
import { annotateExcel, annotateGrids, isOdsZip, loadExcelWorkbook, type AnnotationFindings, type ExcelWorkbook } from '@svod/shared/xlsx';
import { diffSubmissions, rules, type Diagnostic, type SubmissionDetails, type SubmissionList, type SubmissionReceipt, type SubmissionSummary } from '@svod/shared';
import { principalOf, regionOf, requireMunicipality } from '../auth/middleware';
import { HttpError } from '../http/errors';
import type { Store } from '../store/store';
import type { RegionRecord, SubmissionRecord } from '../store/schema';
import { submit, type SubmittedGrids } from '../services/submissions';
import { regionView, type VersionView } from '../services/status';
import { prepareUpload, readUpload, workbookFromJson, type UploadLimits } from '../uploads';
import { answerGroups } from '../services/check-submission';
import { formError } from '../uploads/form';
import { inspectAndRepackXlsx } from '../uploads/inspect-xlsx';
import { parseXlsxInWorker } from '../uploads/parse-xlsx';

declare module 'express-serve-static-core' {
  interface Request {
    rawBody?: Buffer;
  }
}

/** A contract's shape before JSON: the core's diagnostics (JSON turns a Date in a fix into its text). */
type Sent<T extends { diagnostics: unknown }> = Omit<T, 'diagnostics'> & { diagnostics: Diagnostic[] };

/**
 * What clients see of a version (the contract's `submissionSummary` and `submissionDetails`); the stored file and content are addressed by id, not by hash. Findings and counts
 * are the view's: the template's recomputed against the current template.
 */
export function publicSubmission(s: SubmissionRecord, view: VersionView, withDiagnostics: true): Sent<SubmissionDetails>;
export function publicSubmission(s: SubmissionRecord, view: VersionView, withDiagnostics: false): SubmissionSummary;
export function publicSubmission(s: SubmissionRecord, view: VersionView, withDiagnostics: boolean): SubmissionSummary | Sent<SubmissionDetails>;
export function publicSubmission(s: SubmissionRecord, view: VersionView, withDiagnostics: boolean): SubmissionSummary | Sent<SubmissionDetails> {
  return {
    id: s.id,
    municipalityId: s.municipalityId,
    version: s.version,
    submittedAt: s.submittedAt,
    status: s.status,
    kind: s.kind,
    fileName: s.fileName,
    summary: view.summary,
    /** How many of its indicators reach the Свод (accepted versions, when the region has an indicator template). */
    indicators: view.indicators,
    ...(withDiagnostics ? { diagnostics: view.diagnostics, groups: answerGroups(view.diagnostics) } : {}),
  };
}

const MIME: Record<SubmissionRecord['kind'], string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** Reads the multipart or JSON body of an upload; shared by submissions and the region template. */
export function uploadBody(limits: UploadLimits) {
  const multipart = multer({ storage: multer.memoryStorage(), limits: { fileSize: limits.maxBytes, files: 1, fields: 10, parts: 12 } }).single('file');
  const json = express.json({
    limit: limits.maxBytes,
    verify: (req, _res, buf) => {
      (req as Request).rawBody = buf;
    },
  });
  return (req: Request, res: express.Response, next: express.NextFunction) => {
    if (req.is('multipart/form-data')) return multipart(req, res, (e?: unknown) => (e ? next(formError(e)) : next()));
    if (req.is('application/json')) return json(req, res, next);
    next(new HttpError(415, 'unsupported-type', 'Отправьте файл как multipart/form-data (поле file) или JSON вида {"sheets": [...]}.'));
  };
}

export async function readBody(req: Request, limits: UploadLimits) {
  if (req.file) {
    const upload = await readUpload(new Uint8Array(req.file.buffer), req.file.originalname, limits);
    return { workbook: upload.workbook, bytes: new Uint8Array(req.file.buffer), kind: upload.kind, fileName: safeName(req.file.originalname) };
  }
  if (req.is('multipart/form-data')) throw new HttpError(400, 'no-file', 'В форме нет файла: поле должно называться file.');
  const workbook = workbookFromJson(req.body, limits);
  return { workbook, bytes: new Uint8Array(req.rawBody ?? Buffer.from(JSON.stringify(req.body))), kind: 'json' as const, fileName: null };
}

/**
 * `uploadBody` for a submission: a UTF-8 JSON body is kept as its bytes (`req.body`, a Buffer), not parsed here. It is
 * parsed, validated and checked in one worker job (`readAndCheckInWorker`), so the main thread neither parses the form
 * nor copies its grids to the worker. The size limit, Content-Encoding and their refusals are body-parser's, as for
 * `express.json`; a body in another charset (UTF-16) takes `express.json`'s path.
 */
export function submissionBody(limits: UploadLimits) {
  const general = uploadBody(limits);
  const raw = express.raw({ limit: limits.maxBytes, type: () => true });
  return (req: Request, res: express.Response, next: express.NextFunction) => {
    if (!req.is('application/json') || !isUtf8(req)) return general(req, res, next);
    return raw(req, res, next);
  };
}

function isUtf8(req: Request): boolean {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.get('content-type') ?? '')?.[1]?.toLowerCase();
  return charset === undefined || charset === 'utf-8' || charset === 'utf8';
}

/** `readBody` for a submission: an xlsx or the JSON form goes on unread, to be inspected and read in the check's worker. */
export async function readSubmissionBody(req: Request, limits: UploadLimits): Promise<SubmittedGrids & { bytes: Uint8Array; kind: SubmissionRecord['kind']; fileName: string | null }> {
  if (req.file) {
    // The file as uploaded is what is kept; the worker inspects it and parses the inspected, repacked copy.
    const bytes = new Uint8Array(req.file.buffer);
    const upload = prepareUpload(bytes, limits);
    const fileName = safeName(req.file.originalname);
    if (upload.kind === 'csv') return { workbook: upload.workbook, bytes, kind: 'csv', fileName };
    // The worker reads either zip by its parts; the version says which it was.
    return { unread: { form: 'xlsx', bytes }, bytes, kind: isOdsZip(bytes) ? 'ods' : 'xlsx', fileName };
  }
  if (Buffer.isBuffer(req.body)) {
    const bytes = new Uint8Array(req.body.buffer, req.body.byteOffset, req.body.byteLength);
    return { unread: { form: 'json', bytes }, bytes, kind: 'json', fileName: null };
  }
  return readBody(req, limits);
}

/** The tail of the queue of annotated copies: one at a time, as each holds a whole ExcelJS book on this thread. */
let annotating: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(job: () => Promise<T>): Promise<T> {
  const run = annotating.then(job, job);
  annotating = run.catch(() => undefined);
  return run;
}

/**
 * The annotated copy of a stored version: an xlsx is inspected and repacked again (as for its check: no parser reads
 * bytes the inspection has not seen) and annotated with its formatting; a CSV, the JSON form, or a book ExcelJS cannot
 * open is rebuilt from its grids. ExcelJS runs on this thread: the book is bounded by the upload limits it passed.
 */
async function annotatedCopy(kind: SubmissionRecord['kind'], bytes: Uint8Array, findings: AnnotationFindings, limits: UploadLimits): Promise<Uint8Array> {
  // Everything the server writes keeps formula-like text as text (issue #8), the original's own cells included.
  const options = { textFormatForFormulaLike: true };
  if (kind === 'json') return (await annotateGrids(workbookFromJson(bytes, limits), findings, rules, options)).bytes;
  // A CSV (or any other form the upload reader knows) is read again as it was at submission: the same grids, the same sheet names.
  if (kind !== 'xlsx') return (await annotateGrids((await readUpload(bytes, undefined, limits)).workbook, findings, rules, options)).bytes;
  const inspected = await inspectAndRepackXlsx(bytes, limits);
  let excel: ExcelWorkbook;
  try {
    excel = await loadExcelWorkbook(inspected);
  } catch {
    return (await annotateGrids(await parseXlsxInWorker(inspected, limits), findings, rules, options)).bytes;
  }
  return (await annotateExcel(excel, findings, rules, options)).bytes;
}

function safeName(name: string | undefined): string | null {
  if (!name) return null;
  // Browsers send latin1-mangled UTF-8 names through multer; restore them, and drop any path.
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  const base = (decoded.includes('\uFFFD') ? name : decoded).split(/[\\/]/).pop() ?? '';
  return base.slice(0, 200) || null;
}

export function submissionsRouter(store: Store, limits: UploadLimits, now: () => Date): Router {
  const router = Router();
  const view = regionView(store);
  async function shown(s: SubmissionRecord, withDiagnostics: true, region?: RegionRecord | null): Promise<Sent<SubmissionDetails>>;
  async function shown(s: SubmissionRecord, withDiagnostics: false, region?: RegionRecord | null): Promise<SubmissionSummary>;
  async function shown(s: SubmissionRecord, withDiagnostics: boolean, region?: RegionRecord | null) {
    return publicSubmission(s, await view.version(s, region), withDiagnostics);
  }

  router.post('/', requireMunicipality, submissionBody(limits), async (req, res) => {
    const principal = principalOf(req);
    const body = await readSubmissionBody(req, limits);
    const key = req.get('idempotency-key');
    if (key !== undefined && (key.length < 1 || key.length > 200)) throw new HttpError(400, 'bad-idempotency-key', 'Заголовок Idempotency-Key: от 1 до 200 символов.');
    const { record, created } = await submit(store, { regionId: regionOf(req), municipalityId: principal.municipalityId!, ...body, idempotencyKey: key ?? null }, now(), limits);
    res.status(created ? 201 : 200).json({ ...(await shown(record, true)), duplicate: !created } satisfies Sent<SubmissionReceipt>);
  });

  router.get('/', async (req, res) => {
    const principal = principalOf(req);
    const wanted = typeof req.query.municipality === 'string' ? req.query.municipality : null;
    const regionId = regionOf(req);
    const only = principal.role === 'coordinator' ? (wanted ?? undefined) : (principal.municipalityId ?? '');
    const [stored, region] = await Promise.all([store.submissions(regionId, only), store.region(regionId)]);
    const list = [...stored].sort((a, b) => a.municipalityId.localeCompare(b.municipalityId) || b.version - a.version);
    res.json({ submissions: await Promise.all(list.map((s) => shown(s, false, region))) } satisfies SubmissionList);
  });

  const visible = async (req: Request, id: string): Promise<SubmissionRecord> => {
    const principal = principalOf(req);
    // Looked up in the token's region only: another region's version is not there at all.
    const s = await store.submission(regionOf(req), id);
    // Another municipality's version does not exist as far as this token is concerned; only the audit knows better.
    if (!s || (principal.role !== 'coordinator' && s.municipalityId !== principal.municipalityId)) {
      if (s) req.refusal = 'other-municipality';
      throw new HttpError(404, 'not-found', 'Такой отправки нет.');
    }
    return s;
  };

  router.get('/:id', async (req, res) => {
    const s = await visible(req, req.params.id);
    res.json(await shown(s, true));
  });

  router.get('/:id/file', async (req, res) => {
    const s = await visible(req, req.params.id);
    const bytes = await store.blobs.get(s.fileHash);
    const name = s.fileName ?? `${s.municipalityId}-v${s.version}.${s.kind}`;
    res.set('Content-Type', MIME[s.kind]);
    res.set('Content-Disposition', `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`);
    res.set('X-Content-Type-Options', 'nosniff');
    res.send(Buffer.from(bytes));
  });

  router.get('/:id/annotated.xlsx', async (req, res) => {
    const s = await visible(req, req.params.id);
    const [bytes, seen] = await Promise.all([store.blobs.get(s.fileHash), view.version(s)]);
    // The findings are the version's as GET /:id shows them (stored at submission, the template's recomputed), so the
    // copy says what the answer says; the summary counts those the stored list left out.
    const { errors, warnings, infos } = seen.summary;
    const annotated = await oneAtATime(() => annotatedCopy(s.kind, bytes, { diagnostics: seen.diagnostics, summary: { errors, warnings, infos } }, limits));
    const base = (s.fileName ?? `${s.municipalityId}-v${s.version}`).replace(/\.(xlsx|xlsm|csv|txt|json)$/i, '');
    // content-disposition (Express's own) writes the RFC 5987 filename* and a Latin-1 fallback.
    res.attachment(`${base} — замечания.xlsx`);
    res.set('Content-Type', MIME.xlsx);
    res.set('X-Content-Type-Options', 'nosniff');
    // The template's findings follow the current template: a copy fetched yesterday may differ.
    res.set('Cache-Control', 'no-store');
    res.send(Buffer.from(annotated));
  });

  router.get('/:id/diff', async (req, res) => {
    const after = await visible(req, req.params.id);
    const againstId = typeof req.query.against === 'string' ? req.query.against : '';
    if (!againstId) throw new HttpError(400, 'no-against', 'Укажите, с какой версией сравнить: ?against=<id>.');
    const before = await visible(req, againstId);
    if (before.municipalityId !== after.municipalityId) throw new HttpError(400, 'different-municipalities', 'Сравнивать можно только версии одного муниципалитета.');
    const [a, b] = await Promise.all([view.content(before), view.content(after)]);
    res.json({ from: await shown(before, false), to: await shown(after, false), diff: diffSubmissions(a, b) });
  });

  return router;
}
