/**
 * .ods files written part by part for the reader's tests: content.xml from sheet bodies (the XML of the rows, as
 * LibreOffice writes them), zipped with the mimetype first and stored, as ODF asks.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { deflateSync, strToU8, zipSync, type Zippable } from 'fflate';

export const ODS_NAMESPACES =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
  'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" ' +
  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"';

export interface OdsSheet {
  name: string;
  /** The rows' XML (`<table:table-row>…`). */
  body: string;
  /** Extra attributes of `<table:table>`. */
  attrs?: string;
}

export interface OdsBook {
  sheets: OdsSheet[];
  /** The XML of `<office:automatic-styles>`. */
  styles?: string;
  /** Replaces the whole content.xml. */
  content?: string;
  mimetype?: string | null;
  manifest?: string | null;
  /** Extra entries, as text. */
  extra?: Record<string, string | Uint8Array>;
}

export function contentXml(book: Pick<OdsBook, 'sheets' | 'styles'>): string {
  const tables = book.sheets.map((s) => `<table:table table:name="${s.name}"${s.attrs ? ' ' + s.attrs : ''}>${s.body}</table:table>`).join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODS_NAMESPACES}>` +
    `<office:automatic-styles>${book.styles ?? ''}</office:automatic-styles>` +
    `<office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>`
  );
}

const MANIFEST =
  '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">' +
  '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>' +
  '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>';

export function odsBook(book: OdsBook): Uint8Array {
  const files: Zippable = {};
  const mimetype = book.mimetype === undefined ? 'application/vnd.oasis.opendocument.spreadsheet' : book.mimetype;
  if (mimetype !== null) files['mimetype'] = [strToU8(mimetype), { level: 0 }];
  files['content.xml'] = strToU8(book.content ?? contentXml(book));
  const manifest = book.manifest === undefined ? MANIFEST : book.manifest;
  if (manifest !== null) files['META-INF/manifest.xml'] = strToU8(manifest);
  for (const [name, data] of Object.entries(book.extra ?? {})) files[name] = typeof data === 'string' ? strToU8(data) : data;
  return zipSync(files);
}

/** One sheet «Лист1» of these rows. */
export const oneSheet = (body: string, more: Omit<OdsBook, 'sheets'> = {}) => odsBook({ sheets: [{ name: 'Лист1', body }], ...more });

/** A row of cells' XML. */
export const tr = (...cells: string[]) => `<table:table-row>${cells.join('')}</table:table-row>`;
/** A string cell of paragraphs. */
export const ts = (...paragraphs: string[]) => `<table:table-cell office:value-type="string">${paragraphs.map((p) => `<text:p>${p}</text:p>`).join('')}</table:table-cell>`;
/** A float cell. */
export const tf = (value: number | string, shown = String(value)) => `<table:table-cell office:value-type="float" office:value="${value}"><text:p>${shown}</text:p></table:table-cell>`;
/** Empty cells, repeated. */
export const te = (count = 1) => (count === 1 ? '<table:table-cell/>' : `<table:table-cell table:number-columns-repeated="${count}"/>`);

/**
 * A zip whose content.xml is a deflate stream of `size` zeros, declared as `declared` bytes (the truth by default):
 * the ratio or the total gives it away. Built by hand, with no CRC (the reader refuses it before that would matter).
 */
export function bombZip(size: number, declared = size): Uint8Array {
  const raw = deflateSync(new Uint8Array(size), { level: 9 }); // raw deflate, as a zip holds it
  const entries = [
    { name: 'mimetype', data: strToU8('application/vnd.oasis.opendocument.spreadsheet'), method: 0, size: 46 },
    { name: 'content.xml', data: raw, method: 8, size: declared },
  ];
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const local = new Uint8Array(30 + name.length);
    const v = new DataView(local.buffer);
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(8, e.method, true);
    v.setUint32(18, e.data.length, true);
    v.setUint32(22, e.size, true);
    v.setUint16(26, name.length, true);
    local.set(name, 30);
    const c = new Uint8Array(46 + name.length);
    const cv = new DataView(c.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, e.method, true);
    cv.setUint32(20, e.data.length, true);
    cv.setUint32(24, e.size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    c.set(name, 46);
    parts.push(local, e.data);
    central.push(c);
    offset += local.length + e.data.length;
  }
  const centralSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true);
  const all = [...parts, ...central, end];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Converts files with LibreOffice headless (`soffice --convert-to`), all in one run, into `outdir`; returns the
 * converted paths in the order given. A private profile, so parallel runs and a desktop LibreOffice do not share one.
 * Throws with what soffice said when it is missing or a file did not convert (CI installs libreoffice-calc-nogui).
 */
export function sofficeConvert(inputs: readonly string[], to: 'ods' | 'xlsx', outdir: string): string[] {
  const profile = `file://${join(outdir, '.soffice-profile')}`;
  const run = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', to, '--outdir', outdir, ...inputs], { encoding: 'utf8', timeout: 120_000 });
  const outputs = inputs.map((f) => join(outdir, `${basename(f, extname(f))}.${to}`));
  const missing = outputs.filter((f) => !existsSync(f));
  if (run.error || run.status !== 0 || missing.length) {
    throw new Error(
      `soffice did not convert ${missing.join(', ') || 'the files'} (status ${run.status}, ${run.error?.message ?? ''}): install libreoffice-calc-nogui.\n${run.stderr}\n${run.stdout}`,
    );
  }
  return outputs;
}
