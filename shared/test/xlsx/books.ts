/** Workbooks for the reader tests: written by ExcelJS, or by hand (every part given) where ExcelJS cannot write it. */
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = (type: string) => `http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}`;
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export async function excelBook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The zip's parts as text, changed by `edit`, zipped again. */
export function editParts(bytes: Uint8Array, edit: (parts: Map<string, string>) => void): Uint8Array {
  const files = unzipSync(bytes);
  const parts = new Map(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
  edit(parts);
  return zipSync(Object.fromEntries([...parts].map(([name, text]) => [name, strToU8(text)])));
}

export interface HandSheet {
  name: string;
  /** What goes inside `<worksheet>`. */
  body: string;
  state?: 'hidden' | 'veryHidden';
  sheetId?: number;
  /** The sheet's relationships (hyperlink targets). */
  rels?: string;
  /** The part's number: xl/worksheets/sheet<N>.xml (its index + 1 unless given). */
  file?: number;
}

export interface HandBook {
  sheets: HandSheet[];
  /** `<si>` elements. */
  sharedStrings?: string;
  /** What goes inside `<styleSheet>`. */
  styles?: string;
  workbookPr?: string;
  /** Extra zip entries, raw. */
  extra?: Record<string, string>;
}

export function handBook(book: HandBook): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const put = (name: string, text: string) => (files[name] = strToU8(text));
  const sheetOverrides = book.sheets
    .map((s, i) => `<Override PartName="/xl/worksheets/sheet${s.file ?? i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join('');
  put(
    '[Content_Types].xml',
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheetOverrides}</Types>`,
  );
  put('_rels/.rels', `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL('officeDocument')}" Target="xl/workbook.xml"/></Relationships>`);
  const sheets = book.sheets
    .map((s, i) => `<sheet name="${s.name}" sheetId="${s.sheetId ?? i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
    .join('');
  put('xl/workbook.xml', `${XML}<workbook xmlns="${MAIN_NS}" xmlns:r="${R_NS}">${book.workbookPr ?? ''}<sheets>${sheets}</sheets></workbook>`);
  const rels = book.sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="${REL('worksheet')}" Target="worksheets/sheet${s.file ?? i + 1}.xml"/>`).join('');
  const more =
    (book.sharedStrings !== undefined ? `<Relationship Id="rId100" Type="${REL('sharedStrings')}" Target="sharedStrings.xml"/>` : '') +
    (book.styles !== undefined ? `<Relationship Id="rId101" Type="${REL('styles')}" Target="styles.xml"/>` : '');
  put('xl/_rels/workbook.xml.rels', `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}${more}</Relationships>`);
  book.sheets.forEach((s, i) => {
    const n = s.file ?? i + 1;
    put(`xl/worksheets/sheet${n}.xml`, `${XML}<worksheet xmlns="${MAIN_NS}" xmlns:r="${R_NS}">${s.body}</worksheet>`);
    if (s.rels) put(`xl/worksheets/_rels/sheet${n}.xml.rels`, `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${s.rels}</Relationships>`);
  });
  if (book.sharedStrings !== undefined) put('xl/sharedStrings.xml', `${XML}<sst xmlns="${MAIN_NS}">${book.sharedStrings}</sst>`);
  if (book.styles !== undefined) put('xl/styles.xml', `${XML}<styleSheet xmlns="${MAIN_NS}">${book.styles}</styleSheet>`);
  for (const [name, text] of Object.entries(book.extra ?? {})) put(name, text);
  return zipSync(files);
}

/** `<c>` helpers. */
export const num = (r: string, v: string | number, s?: number) => `<c r="${r}"${s ? ` s="${s}"` : ''}><v>${v}</v></c>`;
export const str = (r: string, i: number, s?: number) => `<c r="${r}" t="s"${s ? ` s="${s}"` : ''}><v>${i}</v></c>`;
export const inline = (r: string, xmlText: string) => `<c r="${r}" t="inlineStr"><is><t>${xmlText}</t></is></c>`;
export const row = (r: number | null, ...cells: string[]) => `<row${r === null ? '' : ` r="${r}"`}>${cells.join('')}</row>`;
export const data = (...rows: string[]) => `<sheetData>${rows.join('')}</sheetData>`;
export const mergesOf = (...refs: string[]) => `<mergeCells count="${refs.length}">${refs.map((r) => `<mergeCell ref="${r}"/>`).join('')}</mergeCells>`;

/** styles.xml body: custom formats (id → code) and cell styles by their numFmtId. */
export function stylesWith(formats: Record<number, string>, xfNumFmtIds: number[]): string {
  const fmts = Object.entries(formats);
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return (
    (fmts.length ? `<numFmts count="${fmts.length}">${fmts.map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${escape(code)}"/>`).join('')}</numFmts>` : '') +
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfNumFmtIds.length}">${xfNumFmtIds.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"${id ? ' applyNumberFormat="1"' : ''}/>`).join('')}</cellXfs>`
  );
}
