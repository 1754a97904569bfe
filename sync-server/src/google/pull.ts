/**
 * A municipality's registered Google spreadsheet, read through the Sheets API and handed to the same `submit` an
 * upload goes through: same rules, versions, statuses, idempotency and diff. What is stored as the version's «file» is
 * the grids as read (the add-in's JSON form; dates as ISO text), so content that did not change has the same bytes and
 * is answered with the existing version instead of a new one.
 */
import { rangeToA1, type GridWorkbook } from '@svod/shared';
import { HttpError } from '../http/errors';
import { submit } from '../services/submissions';
import type { Store } from '../store/store';
import type { MunicipalityRecord, SubmissionRecord, SubmissionSource } from '../store/schema';
import { checkWorkbookCaps } from '../uploads/caps';
import { resolveLimits, type UploadLimits } from '../uploads/limits';
import type { GoogleGateway } from './client';
import { GRID_FIELDS, SHEET_LIST_FIELDS, resolveSheetNames, sheetRange, workbookFromSpreadsheet } from './read';

export interface PullResult {
  record: SubmissionRecord;
  created: boolean;
  source: SubmissionSource;
}

export async function requireMunicipality(store: Store, regionId: string, id: string): Promise<MunicipalityRecord> {
  const m = await store.municipality(regionId, id);
  if (!m) throw new HttpError(404, 'not-found', 'Такого муниципалитета нет.');
  return m;
}

/** The grids as the stored original: canonical JSON, the same for the same content. */
export function workbookBytes(workbook: GridWorkbook): Uint8Array {
  const sheets = workbook.sheets.map((s) => ({ name: s.name, rows: s.rows, merges: (s.merges ?? []).map(rangeToA1) }));
  return new TextEncoder().encode(JSON.stringify({ sheets }));
}

/** Reads the spreadsheet: one call for every sheet, or the sheet list first when only some sheets are registered. */
export async function readSpreadsheet(gateway: GoogleGateway, spreadsheetId: string, sheets: readonly string[] | null): Promise<{ title: string; workbook: GridWorkbook }> {
  const google = await gateway.connect();
  let ranges: string[] | undefined;
  if (sheets) {
    const list = await google.call(spreadsheetId, 'read', () => google.api.spreadsheets.get({ spreadsheetId, fields: SHEET_LIST_FIELDS }));
    ranges = resolveSheetNames(list, sheets).map(sheetRange);
  }
  const spreadsheet = await google.call(spreadsheetId, 'read', () =>
    google.api.spreadsheets.get({ spreadsheetId, includeGridData: true, fields: GRID_FIELDS, ...(ranges ? { ranges } : {}) }),
  );
  return { title: spreadsheet.properties?.title ?? spreadsheetId, workbook: workbookFromSpreadsheet(spreadsheet) };
}

export async function pullMunicipality(
  store: Store,
  gateway: GoogleGateway,
  regionId: string,
  municipalityId: string,
  options: { now: Date; limits?: Partial<UploadLimits>; idempotencyKey: string | null; actor: string },
): Promise<PullResult> {
  const municipality = await requireMunicipality(store, regionId, municipalityId);
  const link = municipality.googleSheet;
  if (!link) {
    throw new HttpError(
      409,
      'no-google-sheet',
      `Для муниципалитета «${municipality.name}» не зарегистрирована Google Таблица. Зарегистрируйте её: PUT /api/v1/municipalities/${municipality.id}/google-sheet со ссылкой на таблицу.`,
    );
  }
  const { title, workbook } = await readSpreadsheet(gateway, link.spreadsheetId, link.sheets);
  // The same caps as an uploaded file: a spreadsheet is no exception to what the server is willing to check.
  checkWorkbookCaps(workbook, resolveLimits(options.limits), 'xlsx');
  const source: SubmissionSource = { kind: 'google-sheets', spreadsheetId: link.spreadsheetId, title };
  const fileName = `${title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').trim().slice(0, 180) || 'Google Таблица'}.json`;
  const { record, created } = await submit(
    store,
    { regionId, municipalityId, workbook, bytes: workbookBytes(workbook), kind: 'json', fileName, idempotencyKey: options.idempotencyKey, source, actor: options.actor },
    options.now,
    options.limits,
  );
  return { record, created, source: record.source ?? source };
}
