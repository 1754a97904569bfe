/**
 * Looks inside an xlsx (or an .ods, `inspectAndRepackWorkbook`) before any parser sees it: the zip's central directory (read by yauzl, nothing inflated) must
 * be sane, and then every part is inflated once as a stream, counting the real bytes, so a directory that lies about
 * its sizes does not get through either. While inflating, the XML parts are scanned for DTDs and the package parts
 * for macros and external links. Only the small package parts ([Content_Types].xml, *.rels) are kept in memory.
 * Finally the zip is written anew from the entries inspected (`repack.ts`), and only that copy goes to the parser.
 *
 * An OpenDocument spreadsheet (.ods, LibreOffice's own format) is a zip of XML too and gets the same inspection of the
 * container and the DTD scan; its structure is `content.xml` with a spreadsheet `mimetype`, its macros are the
 * `Basic/` and `Scripts/` parts, its links to other files are linked sheets and ranges and DDE links in content.xml.
 */
import { fromBufferPromise, type Entry, type ZipFile } from 'yauzl';
import { SAVE_AS_XLSX, UploadError, brokenFile, groupDigits, megabytes } from './errors';
import { RATIO_GRACE_BYTES, resolveLimits, type UploadLimits } from './limits';
import { repackZip, type RepackEntry } from './repack';

const CONTENT_TYPES = '[Content_Types].xml';
const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
/** Package parts kept whole for analysis are tiny in real books; a bigger one is not a real book. */
const MAX_KEPT_PART_BYTES = 16 * 1024 * 1024;
/** Parts never scanned for `<!DOCTYPE` (no XML parser reads them); everything else is. */
const BINARY_PART = /\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|bin|wdp|jfif|ico)$/i;

export async function inspectXlsx(bytes: Uint8Array, limits?: Partial<UploadLimits>): Promise<void> {
  await inspectAndRepackXlsx(bytes, limits);
}

/**
 * What the inspection refuses besides the container's and the XML's dangers (sizes, ratios, entries, DTDs), which it
 * always refuses. The server refuses macros and external links too: it keeps the file and serves it back to the
 * coordinator. The CLI lets them through (`allow`): it reads cell values only, runs no macro and follows no link, and
 * an official may well check an .xlsm of their own.
 */
export interface InspectPolicy {
  activeContent: 'refuse' | 'allow';
}

const SERVER_POLICY: InspectPolicy = { activeContent: 'refuse' };

/**
 * `inspectXlsx`, returning the zip rewritten from exactly the entries inspected (`repack.ts`): that, not the upload,
 * is what the parser gets. Only an xlsx passes (an .ods is named and refused); `inspectAndRepackWorkbook` takes both.
 */
export async function inspectAndRepackXlsx(bytes: Uint8Array, limits?: Partial<UploadLimits>, policy: InspectPolicy = SERVER_POLICY): Promise<Uint8Array> {
  return (await inspectZip(bytes, limits, policy, false)).bytes;
}

export type WorkbookFormat = 'xlsx' | 'ods';

/** The inspection of an xlsx or an .ods, by its parts (never its name): which one it is, and the repacked zip. */
export async function inspectAndRepackWorkbook(
  bytes: Uint8Array,
  limits?: Partial<UploadLimits>,
  policy: InspectPolicy = SERVER_POLICY,
): Promise<{ format: WorkbookFormat; bytes: Uint8Array }> {
  return inspectZip(bytes, limits, policy, true);
}

const MIMETYPE = 'mimetype';
const ODF_MANIFEST = 'META-INF/manifest.xml';
const ODS_MIMETYPES = new Set(['application/vnd.oasis.opendocument.spreadsheet', 'application/vnd.oasis.opendocument.spreadsheet-template']);
/** What in an .ods makes LibreOffice read another file (it asks whether to update them, then fetches). */
const ODS_LINKS = ['<table:table-source', '<table:cell-range-source', '<office:dde-source', '<table:dde-link', '<text:section-source'];

async function inspectZip(bytes: Uint8Array, limits: Partial<UploadLimits> | undefined, policy: InspectPolicy, acceptOds: boolean): Promise<{ format: WorkbookFormat; bytes: Uint8Array }> {
  const lim = resolveLimits(limits);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let zip: ZipFile;
  try {
    zip = await fromBufferPromise(buffer, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: false });
  } catch (e) {
    throw brokenFile(`zip: ${errorText(e)}`);
  }
  try {
    if (zip.entryCount > lim.maxEntries) throw tooManyEntries(zip.entryCount, lim);
    const entries = await readCentralDirectory(zip, lim);
    const format = checkStructure(entries, policy, acceptOds);
    const kept = new Map<string, string>();
    const repack: RepackEntry[] = [];
    let inflatedTotal = 0;
    const links = format === 'ods' && policy.activeContent === 'refuse' ? new TokenScanner(ODS_LINKS) : undefined;
    for (const entry of entries) {
      const keep = format === 'xlsx' ? entry.fileName === CONTENT_TYPES || entry.fileName.endsWith('.rels') : entry.fileName === MIMETYPE || entry.fileName === ODF_MANIFEST;
      inflatedTotal = await inflateAndScan(zip, entry, lim, inflatedTotal, kept, keep, entry.fileName === 'content.xml' ? links : undefined);
      repack.push({
        name: entry.fileName,
        method: entry.compressionMethod,
        crc32: entry.crc32,
        uncompressedSize: entry.uncompressedSize,
        compressed: await compressedBytes(zip, entry, buffer),
      });
    }
    if (format === 'ods') {
      checkOdsParts(kept, new Set(entries.map((e) => e.fileName)));
      if (links?.found) throw odsExternalLinks(`${links.found} in content.xml`);
    } else if (policy.activeContent === 'refuse') {
      checkContentTypes(kept.get(CONTENT_TYPES) ?? '');
      for (const [name, text] of kept) if (name.endsWith('.rels')) checkRelationships(name, text);
    }
    return { format, bytes: repackZip(repack) };
  } finally {
    zip.close();
  }
}

/** The entry's compressed bytes as stored (a view, not a copy), found through its local header as yauzl finds it. */
async function compressedBytes(zip: ZipFile, entry: Entry, buffer: Buffer): Promise<Buffer> {
  let start: number;
  try {
    ({ fileDataStart: start } = await zip.readLocalFileHeaderPromise(entry, { minimal: true }));
  } catch (e) {
    throw brokenFile(`${entry.fileName}: ${errorText(e)}`);
  }
  const end = start + entry.compressedSize;
  if (end > buffer.length) throw brokenFile(`${entry.fileName}: data beyond the end of the file`);
  return buffer.subarray(start, end);
}

/** Pass 1: the central directory only. Sizes are as declared; nothing is inflated yet. */
function readCentralDirectory(zip: ZipFile, lim: UploadLimits): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    const names = new Set<string>();
    let declaredTotal = 0;
    zip.on('entry', (entry: Entry) => {
      try {
        if (entries.length >= lim.maxEntries) throw tooManyEntries(entries.length + 1, lim);
        // Two entries of one name: yauzl and the parser could read different ones.
        if (names.has(entry.fileName)) throw brokenFile(`duplicate entry ${entry.fileName}`);
        names.add(entry.fileName);
        if (entry.isEncrypted()) throw brokenFile(`encrypted entry ${entry.fileName}`);
        if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
          throw brokenFile(`entry ${entry.fileName} uses compression method ${entry.compressionMethod}`);
        }
        declaredTotal += entry.uncompressedSize;
        if (declaredTotal > lim.maxUncompressedBytes) throw tooLarge(lim, `declared ${declaredTotal} bytes uncompressed`);
        checkRatio(entry.fileName, entry.uncompressedSize, entry.compressedSize, lim, 'declared');
        entries.push(entry);
        zip.readEntry();
      } catch (e) {
        reject(e);
      }
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', (e: unknown) => reject(brokenFile(`zip: ${errorText(e)}`)));
    zip.readEntry();
  });
}

function checkRatio(name: string, uncompressed: number, compressed: number, lim: UploadLimits, how: string): void {
  if (uncompressed <= RATIO_GRACE_BYTES) return;
  if (uncompressed > lim.maxRatio * Math.max(compressed, 1)) {
    throw zipBomb(`${name}: ${how} ${uncompressed} bytes from ${compressed} (more than ${lim.maxRatio}:1)`);
  }
}

/** The detail of the refusal of an .ods without its content (the CLI words it on its own). */
export const ODS_WITHOUT_CONTENT = 'an OpenDocument zip without content.xml';

function checkStructure(entries: Entry[], policy: InspectPolicy, acceptOds: boolean): WorkbookFormat {
  const names = new Set(entries.map((e) => e.fileName));
  if (acceptOds && !names.has(WORKBOOK) && names.has(MIMETYPE) && names.has(ODF_MANIFEST) && !names.has('content.xml')) {
    throw new UploadError(
      422,
      'broken-file',
      'Файл повреждён: это таблица OpenDocument (.ods) без содержимого (в ней нет части content.xml). Сохраните таблицу заново в LibreOffice и отправьте ещё раз.',
      ODS_WITHOUT_CONTENT,
    );
  }
  if (acceptOds && !names.has(WORKBOOK) && names.has('content.xml') && (names.has(MIMETYPE) || names.has(ODF_MANIFEST))) {
    if (policy.activeContent === 'refuse') {
      // LibreOffice Basic modules and scripts (Python, JavaScript, BeanShell) live in these folders of the zip.
      for (const name of names) if (/^(Basic|Scripts)\/.*[^/]$/i.test(name)) throw odsMacros(`part ${name}`);
    }
    return 'ods';
  }
  if (!names.has(WORKBOOK)) throw notAWorkbook(names);
  if (!names.has(CONTENT_TYPES)) throw brokenFile(`no ${CONTENT_TYPES}`);
  if (policy.activeContent === 'allow') return 'xlsx';
  for (const name of names) {
    if (/(^|\/)vbaProject(Signature)?\.bin$/i.test(name) || /^xl\/macrosheets\//i.test(name)) throw macros(`part ${name}`);
    if (/^xl\/externalLinks\//i.test(name)) throw externalLinks(`part ${name}`);
  }
  return 'xlsx';
}

/** An OpenDocument zip that is a spreadsheet, and not one whose parts are encrypted with a password. */
function checkOdsParts(kept: Map<string, string>, names: Set<string>): void {
  const mimetype = kept.get(MIMETYPE)?.trim();
  if (mimetype !== undefined && !ODS_MIMETYPES.has(mimetype)) throw notAWorkbook(names, mimetype);
  if (/<(?:[\w.-]+:)?encryption-data\b/.test(kept.get(ODF_MANIFEST) ?? '')) {
    throw new UploadError(
      415,
      'xls-or-encrypted',
      'Таблица защищена паролем. Откройте её в LibreOffice, снимите пароль («Файл» → «Свойства» → «Безопасность» или сохраните без пароля через «Файл» → «Сохранить как»), сохраните и отправьте ещё раз.',
      'encrypted OpenDocument parts',
    );
  }
}

/**
 * Pass 2: one entry, inflated as a stream. The real byte count is held to the declared size (yauzl's
 * validateEntrySizes does the same), to the total and to the ratio, and the stream is dropped at the first excess,
 * so a bomb costs at most one chunk beyond the limit.
 */
async function inflateAndScan(
  zip: ZipFile,
  entry: Entry,
  lim: UploadLimits,
  totalBefore: number,
  kept: Map<string, string>,
  keep: boolean,
  tokens?: TokenScanner,
): Promise<number> {
  const name = entry.fileName;
  const scan = !BINARY_PART.test(name);
  const scanner = new DtdScanner();
  const pieces: Buffer[] = [];
  let size = 0;
  let total = totalBefore;
  try {
    const stream = await zip.openReadStreamPromise(entry);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      total += chunk.length;
      if (size > entry.uncompressedSize) throw zipBomb(`${name}: inflates beyond the declared ${entry.uncompressedSize} bytes`);
      if (total > lim.maxUncompressedBytes) throw tooLarge(lim, `inflated more than ${lim.maxUncompressedBytes} bytes`);
      checkRatio(name, size, entry.compressedSize, lim, 'inflated');
      if (scan) {
        const found = scanner.push(chunk);
        if (found) throw dtd(`${found} in ${name}`);
      }
      tokens?.push(chunk);
      if (keep) {
        if (size > MAX_KEPT_PART_BYTES) throw brokenFile(`${name} is ${size} bytes`);
        pieces.push(chunk);
      }
    }
  } catch (e) {
    if (e instanceof UploadError) throw e;
    const text = errorText(e);
    // yauzl's own size check fires when the directory understates an entry.
    if (/too many bytes in the stream/i.test(text)) throw zipBomb(`${name}: ${text}`);
    throw brokenFile(`${name}: ${text}`);
  }
  if (keep) kept.set(name, decodeXmlText(Buffer.concat(pieces)));
  return total;
}

/**
 * Finds `<!DOCTYPE` or `<!ENTITY` (any case) across chunk boundaries. NUL bytes are dropped first, so the same
 * search finds them in UTF-16 text too (ASCII in UTF-16 is the ASCII byte and a zero).
 */
export class DtdScanner {
  private tail: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): string | null {
    const body = chunk.includes(0) ? Buffer.from(chunk.filter((b) => b !== 0)) : chunk;
    const buf = this.tail.length ? Buffer.concat([this.tail, body]) : body;
    let found: string | null = null;
    for (let i = buf.indexOf('<!'); i !== -1 && !found; i = buf.indexOf('<!', i + 2)) {
      const word = buf.toString('latin1', i + 2, i + 9).toUpperCase();
      if (word.startsWith('DOCTYPE')) found = '<!DOCTYPE';
      else if (word.startsWith('ENTITY')) found = '<!ENTITY';
    }
    this.tail = Buffer.from(buf.subarray(Math.max(0, buf.length - 8)));
    return found;
  }
}

/** Finds the first of some ASCII tokens in a stream of chunks, across their boundaries. */
class TokenScanner {
  found: string | null = null;
  private tail: Buffer = Buffer.alloc(0);
  private readonly keep: number;

  constructor(private readonly tokens: readonly string[]) {
    this.keep = Math.max(...tokens.map((t) => t.length)) - 1;
  }

  push(chunk: Buffer): void {
    if (this.found) return;
    const buf = this.tail.length ? Buffer.concat([this.tail, chunk]) : chunk;
    for (const token of this.tokens) {
      if (buf.includes(token, 0, 'latin1')) {
        this.found = token;
        return;
      }
    }
    this.tail = Buffer.from(buf.subarray(Math.max(0, buf.length - this.keep)));
  }
}

function checkContentTypes(raw: string): void {
  const xml = decodeEntities(raw);
  if (/macroEnabled|vbaProject|macrosheet/i.test(xml)) throw macros('[Content_Types].xml declares macro content');
  if (/externalLink/i.test(xml)) throw externalLinks('[Content_Types].xml declares an external link part');
}

/**
 * An attribute value may hold `>`, so quoted values are skipped whole. Neither pattern can backtrack past a `<` or
 * into a word it has already tried, so both stay linear on hostile input.
 */
const RELATIONSHIP = /<(?:[\w.-]+:)?Relationship\b((?:[^<>"']|"[^"<]*"|'[^'<]*')*)>/g;
const ATTRIBUTE = /(?:^|\s)([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * External targets in the workbook's relationships are refused outright; elsewhere only hyperlinks may point outside
 * (a link in a cell is text to the parser; an external image, OLE object or template would be fetched by Excel).
 */
export function checkRelationships(partName: string, xml: string): void {
  for (const rel of xml.matchAll(RELATIONSHIP)) {
    const attrs = new Map<string, string>();
    for (const a of rel[1]!.matchAll(ATTRIBUTE)) {
      attrs.set(a[1]!.replace(/^.*:/, '').toLowerCase(), decodeEntities(a[2] ?? a[3] ?? '').trim());
    }
    const type = attrs.get('type') ?? '';
    const external = (attrs.get('targetmode') ?? '').toLowerCase() === 'external';
    if (/vbaProject/i.test(type)) throw macros(`${partName}: relationship ${type}`);
    if (/externalLink/i.test(type)) throw externalLinks(`${partName}: relationship ${type}`);
    if (external && (partName === WORKBOOK_RELS || !/\/hyperlink$/i.test(type))) {
      throw externalLinks(`${partName}: external target ${attrs.get('target') ?? ''} (${type})`);
    }
  }
}

function decodeXmlText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

/** `&#69;xternal` is `External` to an XML parser, so it is to us too. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, ref: string) => {
    const r = ref.toLowerCase();
    if (r === 'amp') return '&';
    if (r === 'lt') return '<';
    if (r === 'gt') return '>';
    if (r === 'quot') return '"';
    if (r === 'apos') return "'";
    const code = r.startsWith('#x') ? parseInt(r.slice(2), 16) : parseInt(r.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function tooManyEntries(count: number, lim: UploadLimits): UploadError {
  return new UploadError(
    413,
    'zip-too-many-entries',
    `В файле слишком много внутренних частей: ${groupDigits(count)}, а можно не больше ${groupDigits(lim.maxEntries)}. ` +
      'Так бывает с повреждёнными или специально испорченными файлами. Сохраните таблицу заново в Excel и отправьте ещё раз.',
    `${count} entries > ${lim.maxEntries}`,
  );
}

function tooLarge(lim: UploadLimits, detail: string): UploadError {
  return new UploadError(
    413,
    'zip-too-large',
    `Книга слишком большая: в распакованном виде она занимает больше ${megabytes(lim.maxUncompressedBytes)}. ` +
      'Удалите лишние листы, строки и картинки или отправьте только нужный лист.',
    detail,
  );
}

function zipBomb(detail: string): UploadError {
  return new UploadError(
    413,
    'zip-bomb',
    'Файл похож на «zip-бомбу»: при распаковке он разрастается во много раз сильнее, чем настоящая книга Excel. ' +
      'Такие файлы не принимаются. Сохраните таблицу заново в Excel и отправьте ещё раз.',
    detail,
  );
}

function dtd(detail: string): UploadError {
  return new UploadError(
    422,
    'xml-dtd',
    'В файле есть объявления DTD (<!DOCTYPE>, <!ENTITY>), которых в книгах Excel не бывает: такой файл может быть опасным. ' +
      SAVE_AS_XLSX,
    detail,
  );
}

function macros(detail: string): UploadError {
  return new UploadError(
    422,
    'macros',
    'В книге есть макросы. Книги с макросами не принимаются: сохраните книгу как «Книга Excel (*.xlsx)» — Excel сам уберёт макросы — и отправьте ещё раз.',
    detail,
  );
}

function externalLinks(detail: string): UploadError {
  return new UploadError(
    422,
    'external-links',
    'В книге есть связи с другими файлами. Разорвите их в Excel: «Данные» → «Изменить связи» (в новых версиях «Связи книги») → «Разорвать связь», сохраните книгу и отправьте ещё раз.',
    detail,
  );
}

function odsMacros(detail: string): UploadError {
  return new UploadError(
    422,
    'macros',
    'В таблице есть макросы. Таблицы с макросами не принимаются: удалите их в LibreOffice («Сервис» → «Макросы» → «Управление макросами» → «Basic»), сохраните таблицу и отправьте ещё раз.',
    detail,
  );
}

function odsExternalLinks(detail: string): UploadError {
  return new UploadError(
    422,
    'external-links',
    'В таблице есть связи с другими файлами (связанные листы, области или DDE). Разорвите их в LibreOffice: «Правка» → «Связи с внешними файлами» → «Разорвать связь», сохраните таблицу и отправьте ещё раз.',
    detail,
  );
}

/** What a zip that is not a workbook is, for the CLI's own wording (`ForeignZipError.what`). */
export type ForeignZip = 'word' | 'powerpoint' | 'odt' | 'odp' | 'opendocument' | 'ods' | 'zip';

/** The refusal of a zip that is not a workbook, knowing what it is. */
export class ForeignZipError extends UploadError {
  constructor(
    readonly what: ForeignZip,
    message: string,
    detail: string,
  ) {
    super(415, 'not-a-workbook', message, detail);
  }
}

function notAWorkbook(names: Set<string>, mimetype?: string): UploadError {
  const has = (n: string) => names.has(n);
  if (mimetype !== undefined) {
    const what: ForeignZip = mimetype.endsWith('opendocument.text') ? 'odt' : mimetype.endsWith('opendocument.presentation') ? 'odp' : 'opendocument';
    const named = what === 'odt' ? 'текстовый документ LibreOffice (.odt)' : what === 'odp' ? 'презентация LibreOffice (.odp)' : 'документ OpenDocument';
    return new ForeignZipError(what, `Это ${named}, а не таблица. Отправьте таблицу: книгу Excel (.xlsx) или таблицу LibreOffice (.ods).`, `mimetype ${mimetype.slice(0, 80)}`);
  }
  let message: string;
  let what: ForeignZip = 'zip';
  if (has('word/document.xml')) {
    what = 'word';
    message = 'Это документ Word, а не таблица Excel. Отправьте книгу Excel (.xlsx) с таблицей.';
  } else if (has('ppt/presentation.xml')) {
    what = 'powerpoint';
    message = 'Это презентация PowerPoint, а не таблица Excel. Отправьте книгу Excel (.xlsx) с таблицей.';
  } else if (has('content.xml') && has('mimetype')) {
    what = 'ods';
    message = 'Это таблица LibreOffice или OpenOffice (.ods), а нужна книга Excel. Сохраните её как «Книга Excel 2007–365 (.xlsx)» и отправьте ещё раз.';
  } else message = `Это архив ZIP, а не книга Excel: в нём нет листов книги. ${SAVE_AS_XLSX}`;
  return new ForeignZipError(what, message, `no ${WORKBOOK}`);
}
