/**
 * The small parts of a workbook as the fast reader needs them: relationships, the sheet list and the date system
 * (`workbook.xml`), which cell styles are dates (`styles.xml`), and the shared strings. Each decision follows what
 * ExcelJS 4.4 does when it loads the same part, so that both readers give the same grids; where ExcelJS is wrong
 * the difference is named here and in `shared/test/xlsx/`.
 */
import { XmlError, scanXml, type XmlAttributes, type XmlHandler } from './xml';

/** A workbook the reader cannot read (ExcelJS would refuse it too, or it is not an xlsx). */
export class XlsxReadError extends Error {}

/** A part's bytes as text: UTF-8, or UTF-16 when it starts with a byte order mark (ExcelJS reads only UTF-8). */
export function partText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

/** ExcelJS decodes some texts twice (sheet names, `str` results): `&amp;lt;` in the XML ends as `<`. */
export function xmlDecodeAgain(text: string): string {
  if (text.indexOf('&') === -1) return text;
  return text.replace(/&([a-z]*);/g, (c) => {
    switch (c) {
      case '&lt;':
        return '<';
      case '&gt;':
        return '>';
      case '&amp;':
        return '&';
      case '&apos;':
        return "'";
      case '&quot;':
        return '"';
      default:
        return c;
    }
  });
}

/** `_x000D_` and the like in shared strings and rich text runs (upper-case hex only, as ExcelJS decodes them). */
export function decodeEscapes(text: string): string {
  return text.indexOf('_x') === -1 ? text : text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A handler that only looks at start tags. */
function onOpen(open: (name: string, attrs: XmlAttributes, stack: readonly string[]) => void): XmlHandler {
  const stack: string[] = [];
  return {
    capture: false,
    open(name, attrs, empty) {
      open(name, attrs, stack);
      if (!empty) stack.push(name);
    },
    close(name) {
      if (stack[stack.length - 1] === name) stack.pop();
    },
    text() {},
  };
}

/** Relationship id → target. */
export function parseRelationships(xml: string): Map<string, string> {
  const rels = new Map<string, string>();
  scanXml(
    xml,
    onOpen((name, attrs) => {
      if (name !== 'Relationship') return;
      const id = attrs.get('Id');
      if (id !== undefined) rels.set(id, attrs.get('Target') ?? '');
    }),
  );
  return rels;
}

export interface SheetDef {
  name: string;
  /** `sheetId`, as parseInt reads it (NaN when it is not a number). */
  id: number;
  state: string | undefined;
  rId: string | undefined;
}

export interface WorkbookPart {
  sheets: SheetDef[];
  date1904: boolean;
}

export function parseWorkbook(xml: string): WorkbookPart {
  let sheets: SheetDef[] = [];
  let date1904 = false;
  scanXml(
    xml,
    onOpen((name, attrs, stack) => {
      if (name === 'sheets') sheets = [];
      else if (name === 'sheet' && stack[stack.length - 1] === 'sheets') {
        const sheetName = attrs.get('name');
        if (sheetName === undefined) throw new XmlError('a sheet without a name');
        sheets.push({ name: xmlDecodeAgain(sheetName), id: parseInt(attrs.get('sheetId') ?? '', 10), state: attrs.get('state'), rId: attrs.get('r:id') });
      } else if (name === 'workbookPr') {
        // ExcelJS takes only "1"; "true" is the same xsd:boolean and means the 1904 system too.
        const v = attrs.get('date1904');
        date1904 = v === '1' || v === 'true';
      }
    }),
  );
  return { sheets, date1904 };
}

/** ExcelJS's own test for a date format: y m d h M s b outside quotes and brackets (case matters: `D` is not a day). */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const bare = format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]/.test(bare);
}

/** The built-in formats (ECMA-376 §18.8.30) that ExcelJS knows and that are dates by the test above. */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** For each cell style (`cellXfs` index), whether a number in it is a date. */
export function parseDateStyles(xml: string): boolean[] {
  const formats = new Map<number, string>();
  let xfs: number[] = [];
  scanXml(
    xml,
    onOpen((name, attrs, stack) => {
      const parent = stack[stack.length - 1];
      if (name === 'numFmt' && parent === 'numFmts') {
        const code = attrs.get('formatCode');
        // ExcelJS unescapes backslashes before it tests the format.
        if (code !== undefined) formats.set(parseInt(attrs.get('numFmtId') ?? '', 10), code.replace(/[\\](.)/g, '$1'));
      } else if (name === 'cellXfs') xfs = [];
      else if (name === 'xf' && parent === 'cellXfs') xfs.push(parseInt(attrs.get('numFmtId') ?? '', 10));
    }),
  );
  return xfs.map((id) => {
    if (!id) return false; // 0 and NaN: General
    const custom = formats.get(id);
    return custom ? isDateFormat(custom) : BUILT_IN_DATES.has(id);
  });
}

/**
 * Shared strings as cells show them: plain text, rich text runs joined, `_xHHHH_` decoded; phonetic runs left out.
 * An `<si>` with neither text nor runs is an empty cell (null); `<si><t/></si>` is the empty string.
 */
export function parseSharedStrings(xml: string): Array<string | null> {
  const out: Array<string | null> = [];
  let depth = 0; // inside <si>: 1; in a child of it: 2 and more
  let child = '';
  let value: string | null | string[] = null; // a string from <t>, runs from <r>, or nothing yet
  let text: string[] = [];
  let runText: string | undefined;
  const handler: XmlHandler = {
    capture: false,
    open(name) {
      if (depth === 0) {
        if (name === 'si') {
          depth = 1;
          value = null;
        }
        return;
      }
      depth++;
      if (depth === 2) {
        child = name;
        if (name === 't') {
          text = [];
          handler.capture = true;
        } else if (name === 'r') runText = undefined;
      } else if (depth === 3 && child === 'r' && name === 't') {
        text = [];
        handler.capture = true;
      }
    },
    close(name) {
      if (depth === 0) return;
      if (depth === 1) {
        if (name === 'si') out.push(Array.isArray(value) ? value.join('') : value);
        depth = 0;
        return;
      }
      if (depth === 2) {
        if (child === 't') {
          value = decodeEscapes(text.join(''));
          handler.capture = false;
        } else if (child === 'r') {
          if (Array.isArray(value)) value.push(runText ?? '');
          else if (value === null) value = [runText ?? ''];
          // A run after plain text: ExcelJS throws; the text stays.
        }
      } else if (depth === 3 && child === 'r' && name === 't') {
        runText = decodeEscapes(text.join(''));
        handler.capture = false;
      }
      depth--;
    },
    text(t) {
      text.push(t);
    },
  };
  scanXml(xml, handler);
  return out;
}
