/**
 * The JSON form `{ "sheets": [ { "name", "rows": [[…]], "merges"?: ["A1:B2", …] } ] }` into a GridWorkbook. The form's
 * contract, its checks and their Russian messages are the core's (`readSubmissionForm`); what is left here is the
 * server's: its sizes worded as for xlsx and CSV uploads, and the merges' geometry (overlaps, the merged area).
 */
import { columnIndex, readSubmissionForm, UPDATE_ADDIN, type CellRange, type FormProblem, type GridWorkbook } from '@svod/shared';
import { oversizeError } from './caps';
import { UploadError } from './errors';
import { resolveLimits, type UploadLimits } from './limits';

const A1_CELL = /^([A-Z]{1,3})([1-9]\d{0,6})$/;

export function workbookFromJson(body: unknown, limits?: Partial<UploadLimits>): GridWorkbook {
  const lim = resolveLimits(limits);
  const data = typeof body === 'string' || body instanceof Uint8Array ? parseText(body) : body;
  const read = readSubmissionForm(data, lim);
  if (!read.ok) throw refusal(read.problem, lim);
  let merged = 0;
  const sheets = read.form.sheets.map((sheet) => {
    const merges = checkMerges(sheet.merges ?? [], `Лист «${sheet.name}»`, lim);
    for (const m of merges) merged += (m.bottom - m.top + 1) * (m.right - m.left + 1);
    if (merged > lim.maxMergedCells) throw oversizeError({ kind: 'merged-cells', count: merged }, lim, 'xlsx');
    return { name: sheet.name, rows: sheet.rows, merges };
  });
  return { sheets };
}

function refusal(problem: FormProblem, lim: UploadLimits): UploadError {
  if (problem.oversize) return oversizeError(problem.oversize, lim, 'xlsx');
  return new UploadError(problem.status, problem.code, problem.message);
}

/** The ranges of a sheet's merges, already valid A1 within the sheet; refused when two of them overlap. */
function checkMerges(texts: readonly string[], where: string, lim: UploadLimits): CellRange[] {
  const out = texts.map((text) => {
    const [a, b = a] = text.split(':').map((cell) => {
      const m = A1_CELL.exec(cell)!;
      return { row: Number(m[2]) - 1, col: columnIndex(m[1]!) };
    }) as [{ row: number; col: number }, { row: number; col: number }?];
    return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
  });
  const clash = firstOverlap(out, lim);
  if (clash) throw badMerge(`${where}: объединения ${texts[clash[0]]} и ${texts[clash[1]]} пересекаются. Снимите одно из них и отправьте ещё раз.`);
  return out;
}

/**
 * The first pair of overlapping merges, by the second's position. One bit per cell of the merges' bounding box
 * (at most maxRows × maxColumns bits, 2.5 MB by default); the sheet's merged area is held to maxMergedCells first,
 * so the marking is bounded too.
 */
function firstOverlap(ranges: readonly CellRange[], lim: UploadLimits): [number, number] | null {
  if (ranges.length < 2) return null;
  let area = 0;
  for (const r of ranges) area += (r.bottom - r.top + 1) * (r.right - r.left + 1);
  if (area > lim.maxMergedCells) throw oversizeError({ kind: 'merged-cells', count: area }, lim, 'xlsx');
  let height = 0;
  let width = 0;
  for (const r of ranges) {
    height = Math.max(height, r.bottom + 1);
    width = Math.max(width, r.right + 1);
  }
  const bits = new Uint8Array(Math.ceil((height * width) / 8));
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i]!;
    for (let row = r.top; row <= r.bottom; row++) {
      for (let col = r.left; col <= r.right; col++) {
        const k = row * width + col;
        if (bits[k >> 3]! & (1 << (k & 7))) {
          const j = ranges.findIndex((o, n) => n < i && o.top <= row && row <= o.bottom && o.left <= col && col <= o.right);
          return [j, i];
        }
        bits[k >> 3]! |= 1 << (k & 7);
      }
    }
  }
  return null;
}

function parseText(body: string | Uint8Array): unknown {
  const text = typeof body === 'string' ? body : new TextDecoder('utf-8').decode(body);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badJson(`Данные книги не читаются: это не JSON. ${UPDATE_ADDIN}`);
  }
}

function badJson(message: string): UploadError {
  return new UploadError(400, 'bad-json', message);
}

function badMerge(message: string): UploadError {
  return new UploadError(422, 'bad-merge', message);
}
