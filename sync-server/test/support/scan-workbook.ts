/**
 * «Output safety» (issue #8): a scanner for the regional workbook (or any xlsx the server writes), independent of the
 * writer: it reads the zip and the XML itself and knows nothing of how the file was made. It finds
 *
 * - formula elements anywhere in a sheet (`<f>`, and the `<formula>` of conditional formats and validations), and
 *   cells of formula results (`t="str"`);
 * - hyperlinks: a sheet's `<hyperlinks>`, any relationship of the hyperlink type, and any relationship that points
 *   outside the package (`TargetMode="External"`);
 * - external links: `xl/externalLinks/` parts, their content type or relationship, `<externalReferences>`;
 * - macros and active content: `vbaProject.bin`, macro sheets, ActiveX, OLE embeddings, a macro-enabled content type;
 * - defined names other than Excel's own `_xlnm.*` (a name is a formula);
 * - every text (shared or inline) that a spreadsheet would run as a formula once a user touches the cell — starting
 *   with `=`, `+`, `-`, `@`, tab, CR or LF, or their full-width forms — that is not in a cell whose style has the text
 *   number format `@` (built-in id 49, or a custom format whose code is `@`). Texts are read as Excel reads them:
 *   entities decoded and the OOXML escapes `_xHHHH_` decoded, so `_x003D_1+1` is the `=1+1` it shows.
 *
 * `scanWorkbook` returns what it found; `assertSafeWorkbook` throws with the list (for any test or script).
 */
import { fromBuffer, type Entry, type ZipFile } from 'yauzl';

export interface ScannedText {
  sheet: string;
  cell: string;
  text: string;
  /** The number format id of the cell's style (0 when the cell has no style). */
  numFmtId: number;
  /** Has the text number format. */
  textFormat: boolean;
}

export interface WorkbookScan {
  /** One line per problem, `part: what` — empty for a safe workbook. */
  problems: string[];
  /** Every text cell of every sheet, as Excel would show it. */
  texts: ScannedText[];
  /** Texts that look like formulas (all of them must have the text format). */
  formulaLike: ScannedText[];
  parts: string[];
}

/** What Excel and LibreOffice take for the start of a formula once the cell is edited. */
export const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

const TEXT_FORMAT_ID = 49;

export async function scanWorkbook(bytes: Uint8Array): Promise<WorkbookScan> {
  const parts = await unzipAll(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const names = [...parts.keys()];
  const problems: string[] = [];
  const text = (name: string) => parts.get(name)?.toString('utf8') ?? '';

  for (const name of names) {
    if (/(^|\/)vbaProject(Signature)?\.bin$/i.test(name)) problems.push(`${name}: a VBA project (macros)`);
    if (/^xl\/macrosheets\//i.test(name)) problems.push(`${name}: an Excel 4 macro sheet`);
    if (/^xl\/externalLinks\//i.test(name)) problems.push(`${name}: an external link part`);
    if (/^xl\/activeX\//i.test(name)) problems.push(`${name}: an ActiveX control`);
    if (/^xl\/embeddings\//i.test(name)) problems.push(`${name}: an embedded object`);
  }
  const types = decodeXml(text('[Content_Types].xml'));
  if (!parts.has('[Content_Types].xml')) problems.push('[Content_Types].xml: missing');
  if (/macroEnabled|vbaProject|macrosheet/i.test(types)) problems.push('[Content_Types].xml: a macro content type');
  if (/externalLink/i.test(types)) problems.push('[Content_Types].xml: an external link content type');
  if (/activeX|oleObject/i.test(types)) problems.push('[Content_Types].xml: an ActiveX or OLE content type');

  for (const name of names.filter((n) => n.endsWith('.rels'))) {
    for (const rel of text(name).matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
      const attrs = attributes(rel[1]!);
      const type = attrs.get('type') ?? '';
      if (/\/hyperlink$/i.test(type)) problems.push(`${name}: a hyperlink relationship to ${attrs.get('target') ?? '?'}`);
      if (/externalLink|vbaProject|oleObject|activeX|attachedTemplate|frame$/i.test(type)) problems.push(`${name}: a relationship of type ${type}`);
      if ((attrs.get('targetmode') ?? '').toLowerCase() === 'external') problems.push(`${name}: an external target ${attrs.get('target') ?? '?'}`);
    }
  }

  const workbook = text('xl/workbook.xml');
  if (/<(?:\w+:)?externalReferences?\b/.test(workbook)) problems.push('xl/workbook.xml: external references');
  for (const dn of workbook.matchAll(/<(?:\w+:)?definedName\b([^>]*)>/g)) {
    const name = attributes(dn[1]!).get('name') ?? '';
    if (!name.startsWith('_xlnm.')) problems.push(`xl/workbook.xml: the defined name «${name}»`);
  }

  const styles = parseStyles(text('xl/styles.xml'));
  const shared = parseSharedStrings(text('xl/sharedStrings.xml'));
  const texts: ScannedText[] = [];
  for (const { sheet, part } of sheetParts(workbook, text('xl/_rels/workbook.xml.rels'))) {
    const xml = text(part);
    if (!parts.has(part)) {
      problems.push(`${part}: the sheet «${sheet}» has no part`);
      continue;
    }
    if (/<(?:\w+:)?f[\s>/]/.test(xml)) problems.push(`${part}: formula elements <f> (${count(xml, /<(?:\w+:)?f[\s>/]/g)})`);
    if (/<(?:\w+:)?formula\d?[\s>/]/.test(xml)) problems.push(`${part}: <formula> elements (conditional formats or validations)`);
    if (/<(?:\w+:)?hyperlinks?[\s>/]/.test(xml)) problems.push(`${part}: hyperlinks`);
    for (const c of xml.matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const attrs = attributes(c[1]!);
      const ref = attrs.get('r') ?? '?';
      const type = attrs.get('t') ?? 'n';
      const body = c[2] ?? '';
      if (type === 'str') problems.push(`${part}: ${ref} is a formula result (t="str")`);
      let value: string | null = null;
      if (type === 's') {
        const index = Number(/<(?:\w+:)?v>([^<]*)</.exec(body)?.[1]);
        value = shared[index] ?? null;
        if (value === null) problems.push(`${part}: ${ref} points at shared string ${index}, which does not exist`);
      } else if (type === 'inlineStr') value = richText(body);
      if (value === null) continue;
      const xf = styles.cellXfs[Number(attrs.get('s') ?? 0)];
      const numFmtId = xf ?? 0;
      const textFormat = numFmtId === TEXT_FORMAT_ID || styles.textFormats.has(numFmtId);
      texts.push({ sheet, cell: ref, text: value, numFmtId, textFormat });
    }
  }
  const formulaLike = texts.filter((t) => FORMULA_START.test(t.text));
  for (const t of formulaLike) {
    if (!t.textFormat) problems.push(`«${t.sheet}»!${t.cell}: ${JSON.stringify(t.text.slice(0, 60))} looks like a formula and has number format ${t.numFmtId}, not the text format @`);
  }
  return { problems, texts, formulaLike, parts: names };
}

/** `scanWorkbook`, throwing when anything was found. */
export async function assertSafeWorkbook(bytes: Uint8Array, what = 'the regional workbook'): Promise<WorkbookScan> {
  const scan = await scanWorkbook(bytes);
  if (scan.problems.length) {
    const shown = scan.problems.slice(0, 40).join('\n  ');
    throw new Error(`${what} is not safe to open (${scan.problems.length} problems):\n  ${shown}${scan.problems.length > 40 ? '\n  …' : ''}`);
  }
  return scan;
}

// ---------------------------------------------------------------------------------------------------------------

function count(text: string, re: RegExp): number {
  return [...text.matchAll(re)].length;
}

function attributes(source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of source.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out.set(a[1]!.replace(/^.*:/, '').toLowerCase(), decodeXml(a[2] ?? a[3] ?? ''));
  return out;
}

/** XML entities and character references. */
function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, ref: string) => {
    const r = ref.toLowerCase();
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (named[r]) return named[r]!;
    const code = r.startsWith('#x') ? parseInt(r.slice(2), 16) : parseInt(r.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** ST_Xstring: `_xHHHH_` is the character HHHH (and `_x005F_` a literal underscore), as Excel shows it. */
function decodeEscapes(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The text of an `<si>` or `<is>`: its `<t>` runs (not the phonetic `<rPh>` ones), decoded. */
function richText(xml: string): string {
  const withoutPhonetic = xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
  let out = '';
  for (const t of withoutPhonetic.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g)) out += t[1] ?? '';
  return decodeEscapes(decodeXml(out));
}

function parseSharedStrings(xml: string): string[] {
  return [...xml.matchAll(/<(?:\w+:)?si(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)].map((m) => richText(m[1] ?? ''));
}

/** The number format id of each cell style (`cellXfs`, by index) and the custom formats that are text (`@`). */
function parseStyles(xml: string): { cellXfs: number[]; textFormats: Set<number> } {
  const textFormats = new Set<number>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)\/?>/g)) {
    const a = attributes(m[1]!);
    if (a.get('formatcode') === '@') textFormats.add(Number(a.get('numfmtid')));
  }
  const cellXfs: number[] = [];
  const block = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  for (const m of block.matchAll(/<(?:\w+:)?xf\b([^>]*?)\/?>/g)) cellXfs.push(Number(attributes(m[1]!).get('numfmtid') ?? 0));
  return { cellXfs, textFormats };
}

/** The sheets of the workbook in order, with their part names through the workbook's relationships. */
function sheetParts(workbookXml: string, relsXml: string): Array<{ sheet: string; part: string }> {
  const targets = new Map<string, string>();
  for (const rel of relsXml.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    const a = attributes(rel[1]!);
    const target = a.get('target') ?? '';
    targets.set(a.get('id') ?? '', target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const out: Array<{ sheet: string; part: string }> = [];
  for (const s of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)) {
    const a = attributes(s[1]!);
    out.push({ sheet: a.get('name') ?? '?', part: targets.get(a.get('id') ?? '') ?? '?' });
  }
  return out;
}

function unzipAll(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    fromBuffer(bytes, { lazyEntries: true }, (err, zipfile?: ZipFile) => {
      if (err || !zipfile) return reject(err ?? new Error('not a zip'));
      const out = new Map<string, Buffer>();
      zipfile.on('error', reject);
      zipfile.on('end', () => resolve(out));
      zipfile.on('entry', (entry: Entry) => {
        zipfile.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error(`cannot read ${entry.fileName}`));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zipfile.readEntry();
          });
        });
      });
      zipfile.readEntry();
    });
  });
}
