/**
 * A local stand-in of the two Google endpoints Svod uses, on 127.0.0.1, shaped as Google documents them:
 * - the OAuth 2.0 token endpoint of the service-account flow (`POST /token`, form `grant_type=urn:ietf:params:oauth:
 *   grant-type:jwt-bearer&assertion=<JWT>`; the JWT's RS256 signature is checked against the account's public key,
 *   and its `iss`, `aud`, `scope`, `iat`, `exp`), answering `{ access_token, expires_in, token_type }`;
 * - Sheets API v4: `GET /v4/spreadsheets/{id}` (`includeGridData`, `ranges`), `POST /v4/spreadsheets/{id}:batchUpdate`
 *   (the requests Svod sends, applied all or nothing as Google does) and `POST /v4/spreadsheets/{id}/values:batchUpdate`,
 *   with Google's error body `{ error: { code, message, status } }` for 401, 403, 404, 429 and 400.
 * It records every request, so tests assert what Svod sent.
 */
import { createVerify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { sheets_v4 } from '@googleapis/sheets';
import type { CellValue, GridWorkbook } from '@svod/shared';

export const GOOGLE_AUDIENCE = 'https://oauth2.googleapis.com/token';
const MS_PER_DAY = 86_400_000;

export interface FakeCell {
  value: sheets_v4.Schema$ExtendedValue;
  numberFormatType?: string;
  /** What repeatCell set, merged in order (the formatting read back). */
  format?: sheets_v4.Schema$CellFormat;
}

export interface FakeSheet {
  properties: { sheetId: number; title: string; index: number; sheetType: 'GRID'; gridProperties: sheets_v4.Schema$GridProperties };
  cells: Map<string, FakeCell>;
  merges: sheets_v4.Schema$GridRange[];
  developerMetadata: sheets_v4.Schema$DeveloperMetadata[];
  columnWidths: Map<number, number>;
  borders: sheets_v4.Schema$UpdateBordersRequest[];
}

export interface FakeSpreadsheet {
  spreadsheetId: string;
  title: string;
  sheets: FakeSheet[];
  /** Who may read it, who may edit it (service account e-mails). */
  readers: Set<string>;
  editors: Set<string>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  authorization: string | undefined;
}

export interface ServiceAccount {
  email: string;
  publicKey: KeyObject;
}

const key = (r: number, c: number) => `${r},${c}`;

export function emptySheet(sheetId: number, title: string, index: number): FakeSheet {
  return {
    properties: { sheetId, title, index, sheetType: 'GRID', gridProperties: { rowCount: 1000, columnCount: 26 } },
    cells: new Map(),
    merges: [],
    developerMetadata: [],
    columnWidths: new Map(),
    borders: [],
  };
}

/** A workbook as a user would have it in Google Sheets: the grids' values, dates under a date format, the merges. */
export function spreadsheetFromGrids(spreadsheetId: string, title: string, workbook: GridWorkbook): FakeSpreadsheet {
  const sheets = workbook.sheets.map((grid, index) => {
    const sheet = emptySheet(100 + index, grid.name, index);
    grid.rows.forEach((row, r) =>
      row.forEach((v: CellValue, c) => {
        if (v === null) return;
        if (v instanceof Date) sheet.cells.set(key(r, c), { value: { numberValue: v.getTime() / MS_PER_DAY + 25_569 }, numberFormatType: 'DATE' });
        else if (typeof v === 'number') sheet.cells.set(key(r, c), { value: { numberValue: v } });
        else if (typeof v === 'boolean') sheet.cells.set(key(r, c), { value: { boolValue: v } });
        else sheet.cells.set(key(r, c), { value: { stringValue: v } });
      }),
    );
    sheet.merges = (grid.merges ?? []).map((m) => ({ sheetId: sheet.properties.sheetId, startRowIndex: m.top, endRowIndex: m.bottom + 1, startColumnIndex: m.left, endColumnIndex: m.right + 1 }));
    return sheet;
  });
  return { spreadsheetId, title, sheets, readers: new Set(), editors: new Set() };
}

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly status: string,
    message: string,
  ) {
    super(message);
  }
}

function base64url(text: string): Buffer {
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

export class FakeGoogle {
  readonly spreadsheets = new Map<string, FakeSpreadsheet>();
  readonly requests: RecordedRequest[] = [];
  readonly accounts = new Map<string, KeyObject>();
  /** Issued tokens: token → account e-mail. */
  readonly tokens = new Map<string, string>();
  /** Tokens Google no longer accepts (their hour is over). */
  readonly expired = new Set<string>();
  /** Answers served, in order, to the next Sheets API requests instead of the real thing. */
  readonly failures: Array<{ status: number; headers?: Record<string, string> }> = [];
  /** What the token endpoint says a token lives, in seconds. */
  tokenLifetime = 3600;
  private server: Server | null = null;
  private issued = 0;
  url = '';

  addAccount(account: ServiceAccount): void {
    this.accounts.set(account.email, account.publicKey);
  }

  add(spreadsheet: FakeSpreadsheet): FakeSpreadsheet {
    this.spreadsheets.set(spreadsheet.spreadsheetId, spreadsheet);
    return spreadsheet;
  }

  tokenRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === '/token');
  }

  apiRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith('/v4/'));
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((ok, fail) => this.server!.once('error', fail).listen(0, '127.0.0.1', ok));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((ok) => {
      server.close(() => ok());
      server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const isForm = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    const body: unknown = text === '' ? null : isForm ? Object.fromEntries(new URLSearchParams(text)) : JSON.parse(text);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body, authorization: req.headers.authorization });
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', ...headers });
      res.end(JSON.stringify(payload));
    };
    try {
      if (url.pathname === '/token' && req.method === 'POST') return send(200, this.token(body as Record<string, string>));
      if (url.pathname.startsWith('/v4/spreadsheets/')) {
        const failure = this.failures.shift();
        if (failure) {
          const status = failure.status === 429 ? 'RESOURCE_EXHAUSTED' : failure.status >= 500 ? 'UNAVAILABLE' : 'UNKNOWN';
          const message = failure.status === 429 ? "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user'" : 'The service is currently unavailable.';
          return send(failure.status, { error: { code: failure.status, message, status } }, failure.headers);
        }
        return send(200, this.sheetsApi(req.method ?? 'GET', url, body, req.headers.authorization));
      }
      throw new ApiError(404, 'NOT_FOUND', `No route ${req.method} ${url.pathname}`);
    } catch (e) {
      if (e instanceof TokenError) return send(400, { error: e.error, error_description: e.message });
      if (e instanceof ApiError) return send(e.code, { error: { code: e.code, message: e.message, status: e.status } });
      send(500, { error: { code: 500, message: String(e), status: 'INTERNAL' } });
    }
  }

  /** The JWT bearer grant (RFC 7523), as Google's token endpoint checks it. */
  private token(form: Record<string, string>): { access_token: string; expires_in: number; token_type: 'Bearer' } {
    if (form.grant_type !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') throw new TokenError('unsupported_grant_type', 'Invalid grant_type');
    const parts = (form.assertion ?? '').split('.');
    if (parts.length !== 3) throw new TokenError('invalid_request', 'Invalid JWT');
    const header = JSON.parse(base64url(parts[0]!).toString('utf8')) as { alg?: string };
    const claims = JSON.parse(base64url(parts[1]!).toString('utf8')) as { iss?: string; aud?: string; scope?: string; iat?: number; exp?: number };
    const publicKey = claims.iss ? this.accounts.get(claims.iss) : undefined;
    if (header.alg !== 'RS256' || !publicKey) throw new TokenError('invalid_grant', 'Invalid JWT Signature.');
    const verify = createVerify('RSA-SHA256');
    verify.update(`${parts[0]}.${parts[1]}`);
    if (!verify.verify(publicKey, base64url(parts[2]!))) throw new TokenError('invalid_grant', 'Invalid JWT Signature.');
    if (claims.aud !== GOOGLE_AUDIENCE) throw new TokenError('invalid_grant', 'Invalid JWT: audience');
    if (!claims.scope || !claims.scope.split(' ').includes('https://www.googleapis.com/auth/spreadsheets')) throw new TokenError('invalid_scope', 'Invalid OAuth scope');
    if (typeof claims.iat !== 'number' || typeof claims.exp !== 'number' || claims.exp - claims.iat > 3600) throw new TokenError('invalid_grant', 'Invalid JWT: Token must be a short-lived token');
    const token = `ya29.fake-${++this.issued}`;
    this.tokens.set(token, claims.iss!);
    return { access_token: token, expires_in: this.tokenLifetime, token_type: 'Bearer' };
  }

  private caller(authorization: string | undefined): string {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    const email = token ? this.tokens.get(token) : undefined;
    if (!token || !email || this.expired.has(token)) {
      throw new ApiError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
    }
    return email;
  }

  private sheetsApi(method: string, url: URL, body: unknown, authorization: string | undefined): unknown {
    const email = this.caller(authorization);
    const m = /^\/v4\/spreadsheets\/([^/:]+)(:batchUpdate|\/values:batchUpdate)?$/.exec(url.pathname);
    if (!m) throw new ApiError(404, 'NOT_FOUND', 'Not found');
    const spreadsheet = this.spreadsheets.get(decodeURIComponent(m[1]!));
    if (!spreadsheet) throw new ApiError(404, 'NOT_FOUND', 'Requested entity was not found.');
    const write = m[2] !== undefined;
    const allowed = spreadsheet.editors.has(email) || (!write && spreadsheet.readers.has(email));
    if (!allowed) throw new ApiError(403, 'PERMISSION_DENIED', 'The caller does not have permission');
    if (method === 'GET' && !m[2]) return this.get(spreadsheet, url.searchParams);
    if (method === 'POST' && m[2] === ':batchUpdate') return this.batchUpdate(spreadsheet, body as sheets_v4.Schema$BatchUpdateSpreadsheetRequest);
    if (method === 'POST' && m[2] === '/values:batchUpdate') return this.valuesBatchUpdate(spreadsheet, body as sheets_v4.Schema$BatchUpdateValuesRequest);
    throw new ApiError(404, 'NOT_FOUND', 'Not found');
  }

  private get(s: FakeSpreadsheet, query: URLSearchParams): sheets_v4.Schema$Spreadsheet {
    const grid = query.get('includeGridData') === 'true';
    const ranges = query.getAll('ranges');
    let sheets = s.sheets;
    if (ranges.length) {
      sheets = ranges.map((r) => {
        const title = /^'(.*)'$/.exec(r)?.[1]?.replace(/''/g, "'") ?? r;
        const found = s.sheets.find((x) => x.properties.title.toLowerCase() === title.toLowerCase());
        if (!found) throw new ApiError(400, 'INVALID_ARGUMENT', `Unable to parse range: ${r}`);
        return found;
      });
    }
    return {
      spreadsheetId: s.spreadsheetId,
      properties: { title: s.title },
      sheets: sheets.map((sheet) => ({
        properties: sheet.properties,
        ...(sheet.merges.length ? { merges: sheet.merges } : {}),
        ...(sheet.developerMetadata.length ? { developerMetadata: sheet.developerMetadata } : {}),
        ...(grid ? { data: [gridData(sheet)] } : {}),
      })),
    };
  }

  /** All or nothing, as Google applies a batch: the requests run on a copy that replaces the original only if every one succeeds. */
  private batchUpdate(s: FakeSpreadsheet, body: sheets_v4.Schema$BatchUpdateSpreadsheetRequest): sheets_v4.Schema$BatchUpdateSpreadsheetResponse {
    const sheets = s.sheets.map(cloneSheet);
    const byId = (id: number | null | undefined) => {
      const sheet = sheets.find((x) => x.properties.sheetId === id);
      if (!sheet) throw new ApiError(400, 'INVALID_ARGUMENT', `Invalid requests: No grid with id: ${id}`);
      return sheet;
    };
    const replies: sheets_v4.Schema$Response[] = [];
    for (const [i, request] of (body.requests ?? []).entries()) {
      const kinds = Object.keys(request);
      if (kinds.length !== 1) throw new ApiError(400, 'INVALID_ARGUMENT', `Invalid requests[${i}]: exactly one kind of request expected`);
      const r = request as Required<sheets_v4.Schema$Request>;
      switch (kinds[0]) {
        case 'addSheet': {
          const p = r.addSheet.properties ?? {};
          const title = p.title ?? `Sheet${sheets.length + 1}`;
          if (sheets.some((x) => x.properties.title.toLowerCase() === title.toLowerCase())) {
            throw new ApiError(400, 'INVALID_ARGUMENT', `Invalid requests[${i}].addSheet: A sheet with the name "${title}" already exists. Please enter another name.`);
          }
          const id = p.sheetId ?? 1000 + sheets.length;
          if (sheets.some((x) => x.properties.sheetId === id)) throw new ApiError(400, 'INVALID_ARGUMENT', `Invalid requests[${i}].addSheet: Sheet with id ${id} already exists.`);
          const sheet = emptySheet(id, title, p.index ?? sheets.length);
          sheet.properties.gridProperties = { ...sheet.properties.gridProperties, ...(p.gridProperties ?? {}) };
          sheets.splice(Math.min(p.index ?? sheets.length, sheets.length), 0, sheet);
          replies.push({ addSheet: { properties: sheet.properties } });
          break;
        }
        case 'deleteSheet': {
          const sheet = byId(r.deleteSheet.sheetId);
          if (sheets.length === 1) throw new ApiError(400, 'INVALID_ARGUMENT', `Invalid requests[${i}].deleteSheet: You can't remove all the sheets in a document.`);
          sheets.splice(sheets.indexOf(sheet), 1);
          replies.push({});
          break;
        }
        case 'updateSheetProperties': {
          const p = r.updateSheetProperties.properties ?? {};
          const sheet = byId(p.sheetId);
          for (const field of (r.updateSheetProperties.fields ?? '').split(',')) {
            if (field === 'title') {
              if (sheets.some((x) => x !== sheet && x.properties.title.toLowerCase() === (p.title ?? '').toLowerCase())) {
                throw new ApiError(400, 'INVALID_ARGUMENT', `Invalid requests[${i}].updateSheetProperties: A sheet with the name "${p.title}" already exists.`);
              }
              sheet.properties.title = p.title ?? '';
            } else if (field === 'gridProperties.frozenRowCount' || field === 'gridProperties.frozenColumnCount') {
              const rows = field.endsWith('RowCount');
              const n = (rows ? p.gridProperties?.frozenRowCount : p.gridProperties?.frozenColumnCount) ?? 0;
              const crosses = sheet.merges.some((mg) => (rows ? mg.startRowIndex! < n && mg.endRowIndex! > n : mg.startColumnIndex! < n && mg.endColumnIndex! > n));
              if (crosses) throw new ApiError(400, 'INVALID_ARGUMENT', `Invalid requests[${i}].updateSheetProperties: You can't freeze ${rows ? 'rows' : 'columns'} which contain only part of a merged cell.`);
              if (rows) sheet.properties.gridProperties.frozenRowCount = n;
              else sheet.properties.gridProperties.frozenColumnCount = n;
            } else throw new ApiError(400, 'INVALID_ARGUMENT', `Invalid requests[${i}].updateSheetProperties: unsupported field ${field}`);
          }
          replies.push({});
          break;
        }
        case 'createDeveloperMetadata': {
          const d = r.createDeveloperMetadata.developerMetadata ?? {};
          const sheet = byId(d.location?.sheetId);
          const created = { ...d, metadataId: Math.floor(Math.random() * 1e9), location: { locationType: 'SHEET', sheetId: sheet.properties.sheetId } };
          sheet.developerMetadata.push(created);
          replies.push({ createDeveloperMetadata: { developerMetadata: created } });
          break;
        }
        case 'repeatCell': {
          const range = r.repeatCell.range ?? {};
          const sheet = byId(range.sheetId);
          if (!r.repeatCell.fields) throw new ApiError(400, 'INVALID_ARGUMENT', `Invalid requests[${i}].repeatCell: fields is required`);
          for (let row = range.startRowIndex ?? 0; row < (range.endRowIndex ?? 0); row++) {
            for (let col = range.startColumnIndex ?? 0; col < (range.endColumnIndex ?? 0); col++) {
              const cell = sheet.cells.get(key(row, col)) ?? { value: {} };
              cell.format = deepMerge(cell.format ?? {}, r.repeatCell.cell?.userEnteredFormat ?? {});
              sheet.cells.set(key(row, col), cell);
            }
          }
          replies.push({});
          break;
        }
        case 'mergeCells': {
          const range = r.mergeCells.range ?? {};
          const sheet = byId(range.sheetId);
          const overlaps = sheet.merges.some(
            (mg) => mg.startRowIndex! < range.endRowIndex! && range.startRowIndex! < mg.endRowIndex! && mg.startColumnIndex! < range.endColumnIndex! && range.startColumnIndex! < mg.endColumnIndex!,
          );
          if (overlaps) throw new ApiError(400, 'INVALID_ARGUMENT', `Invalid requests[${i}].mergeCells: You can't merge cells that are already merged.`);
          const frozen = sheet.properties.gridProperties;
          const f = frozen.frozenColumnCount ?? 0;
          if (f > 0 && range.startColumnIndex! < f && range.endColumnIndex! > f) {
            throw new ApiError(400, 'INVALID_ARGUMENT', `Invalid requests[${i}].mergeCells: You can't merge frozen and non-frozen columns.`);
          }
          sheet.merges.push(range);
          replies.push({});
          break;
        }
        case 'updateDimensionProperties': {
          const range = r.updateDimensionProperties.range ?? {};
          const sheet = byId(range.sheetId);
          if (range.dimension === 'COLUMNS') for (let c = range.startIndex ?? 0; c < (range.endIndex ?? 0); c++) sheet.columnWidths.set(c, r.updateDimensionProperties.properties?.pixelSize ?? 0);
          replies.push({});
          break;
        }
        case 'updateBorders': {
          byId(r.updateBorders.range?.sheetId).borders.push(r.updateBorders);
          replies.push({});
          break;
        }
        default:
          throw new ApiError(400, 'INVALID_ARGUMENT', `Invalid requests[${i}]: unsupported request ${kinds[0]}`);
      }
    }
    sheets.forEach((sheet, index) => (sheet.properties.index = index));
    s.sheets = sheets;
    return { spreadsheetId: s.spreadsheetId, replies };
  }

  private valuesBatchUpdate(s: FakeSpreadsheet, body: sheets_v4.Schema$BatchUpdateValuesRequest): sheets_v4.Schema$BatchUpdateValuesResponse {
    if (body.valueInputOption !== 'RAW' && body.valueInputOption !== 'USER_ENTERED') throw new ApiError(400, 'INVALID_ARGUMENT', "Invalid valueInputOption: ''");
    let cells = 0;
    const responses = (body.data ?? []).map((range) => {
      const m = /^'((?:[^']|'')*)'!([A-Z]+)(\d+)$/.exec(range.range ?? '');
      if (!m) throw new ApiError(400, 'INVALID_ARGUMENT', `Unable to parse range: ${range.range}`);
      const title = m[1]!.replace(/''/g, "'");
      const sheet = s.sheets.find((x) => x.properties.title === title);
      if (!sheet) throw new ApiError(400, 'INVALID_ARGUMENT', `Unable to parse range: ${range.range}`);
      if (m[2] !== 'A') throw new ApiError(400, 'INVALID_ARGUMENT', 'The stand-in writes from column A only');
      const top = Number(m[3]) - 1;
      (range.values ?? []).forEach((row: unknown[], r) =>
        row.forEach((v, c) => {
          const at = key(top + r, c);
          const cell = sheet.cells.get(at) ?? { value: {} };
          // RAW: stored exactly as sent; USER_ENTERED would parse «=…» as a formula, which is what RAW avoids.
          if (v === '' || v === null) cell.value = {};
          else if (typeof v === 'number') cell.value = { numberValue: v };
          else if (typeof v === 'boolean') cell.value = { boolValue: v };
          else if (body.valueInputOption === 'USER_ENTERED' && String(v).startsWith('=')) cell.value = { formulaValue: String(v) };
          else cell.value = { stringValue: String(v) };
          sheet.cells.set(at, cell);
          cells++;
        }),
      );
      return { spreadsheetId: s.spreadsheetId, updatedRange: range.range };
    });
    return { spreadsheetId: s.spreadsheetId, totalUpdatedCells: cells, totalUpdatedSheets: new Set(responses.map((r) => r.updatedRange?.split('!')[0])).size, responses };
  }
}

class TokenError extends Error {
  constructor(
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

function gridData(sheet: FakeSheet): sheets_v4.Schema$GridData {
  let rows = 0;
  let cols = 0;
  for (const k of sheet.cells.keys()) {
    const [r, c] = k.split(',').map(Number) as [number, number];
    rows = Math.max(rows, r + 1);
    cols = Math.max(cols, c + 1);
  }
  const rowData = Array.from({ length: rows }, (_, r) => ({
    values: Array.from({ length: cols }, (_, c) => {
      const cell = sheet.cells.get(key(r, c));
      if (!cell || Object.keys(cell.value).length === 0) return {};
      const type = cell.format?.numberFormat?.type ?? cell.numberFormatType;
      return { effectiveValue: cell.value, ...(type ? { effectiveFormat: { numberFormat: { type } } } : {}) };
    }),
  }));
  return { startRow: 0, startColumn: 0, rowData };
}

function cloneSheet(sheet: FakeSheet): FakeSheet {
  return {
    properties: structuredClone(sheet.properties),
    cells: new Map([...sheet.cells].map(([k, v]) => [k, structuredClone(v)])),
    merges: structuredClone(sheet.merges),
    developerMetadata: structuredClone(sheet.developerMetadata),
    columnWidths: new Map(sheet.columnWidths),
    borders: structuredClone(sheet.borders),
  };
}

function deepMerge<T extends object>(into: T, from: T): T {
  const out: Record<string, unknown> = { ...(into as Record<string, unknown>) };
  for (const [k, v] of Object.entries(from)) {
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && out[k] && typeof out[k] === 'object' ? deepMerge(out[k] as object, v as object) : v;
  }
  return out as T;
}

/** The values of a sheet as plain rows, for reading a publication back. */
export function sheetRows(sheet: FakeSheet): unknown[][] {
  const { rowData } = gridData(sheet);
  return (rowData ?? []).map((row) => (row.values ?? []).map((c) => { const v = c.effectiveValue; return v ? (v.stringValue ?? v.numberValue ?? v.boolValue ?? v.formulaValue ?? null) : null; }));
}

