/**
 * A small, strict XML scanner for the few SpreadsheetML parts the fast reader needs.
 *
 * Why not saxes (which ExcelJS uses): over the 10,000-row bench roadmap's sheet and shared strings, with handlers that
 * do nothing, saxes took 58–73 ms and this scanner 33–47 ms on the 2-core bench machine (`npm run bench` prints both
 * on its last line); the whole fast read of that file is 80–110 ms, so saxes alone would cost more than half of it.
 * The reader is the hot path of every upload, and the scanner also gives the strictness below for free.
 *
 * Strict where it matters for safety and for not reading a broken part as if it were whole: no DTD at all (a
 * `<!DOCTYPE` or `<!ENTITY` is refused, so nothing can be expanded), only the five predefined entities and character
 * references to allowed characters, tags must nest and close, one root element, attribute syntax checked, no
 * characters that XML forbids. End-of-line and attribute-value normalisation are as the XML spec (and saxes) do them.
 * Element names are matched by their local name (`x:c` is `c`); attribute names are kept as written (`r:id`).
 */

export class XmlError extends Error {}

/** A DTD in a part: refused outright, never parsed (billion laughs, XXE). */
export class XmlDtdError extends XmlError {}

export interface XmlHandler {
  /** Called for every start tag; `empty` for `<x/>` (close follows at once). Attributes through `attrs.get`. */
  open(name: string, attrs: XmlAttributes, empty: boolean): void;
  close(name: string): void;
  /** Decoded character data; only called while `capture` is true (other text is checked, not decoded). */
  text(text: string): void;
  capture: boolean;
}

export interface XmlAttributes {
  get(name: string): string | undefined;
}

const FORBIDDEN_CHARS = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;

const enum C {
  TAB = 9,
  LF = 10,
  CR = 13,
  SPACE = 32,
  BANG = 33,
  DQUOTE = 34,
  AMP = 38,
  SQUOTE = 39,
  SLASH = 47,
  COLON = 58,
  LT = 60,
  EQ = 61,
  GT = 62,
  QUESTION = 63,
}

const isSpace = (c: number) => c === C.SPACE || c === C.LF || c === C.TAB || c === C.CR;

/** Name characters, loosely: letters, digits, `_ : - .` and anything non-ASCII; not a leading digit, `-` or `.`. */
function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === C.COLON || c === 45 || c === 46 || c >= 0x80;
}
function isNameStart(c: number): boolean {
  return isNameChar(c) && !(c >= 48 && c <= 57) && c !== 45 && c !== 46;
}

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the entity and character references of `raw`; anything else after `&` is an error. */
function decodeReferences(raw: string): string {
  let out = '';
  let from = 0;
  for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', from)) {
    const semi = raw.indexOf(';', amp + 1);
    if (semi === -1 || semi - amp > 12) throw new XmlError('an unterminated entity reference');
    const ref = raw.slice(amp + 1, semi);
    let ch: string | undefined;
    if (ref.charCodeAt(0) === 35 /* # */) {
      const hex = ref.charCodeAt(1) === 120; /* x */
      const digits = ref.slice(hex ? 2 : 1);
      if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) throw new XmlError(`a bad character reference &${ref};`);
      const code = parseInt(digits, hex ? 16 : 10);
      if (!isXmlChar(code)) throw new XmlError(`a character reference to a forbidden character &${ref};`);
      ch = String.fromCodePoint(code);
    } else {
      ch = PREDEFINED[ref];
      if (ch === undefined) throw new XmlError(`an undefined entity &${ref};`);
    }
    out += raw.slice(from, amp) + ch;
    from = semi + 1;
  }
  return from === 0 ? raw : out + raw.slice(from);
}

/** Character data: references decoded, CR LF and lone CR read as LF. */
function decodeText(raw: string): string {
  const text = raw.indexOf('\r') === -1 ? raw : raw.replace(/\r\n?/g, '\n');
  return text.indexOf('&') === -1 ? text : decodeReferences(text);
}

/** An attribute value: tabs and line ends become spaces before references are decoded (XML's normalisation). */
function decodeAttribute(raw: string): string {
  const text = raw.indexOf('\n') === -1 && raw.indexOf('\t') === -1 && raw.indexOf('\r') === -1 ? raw : raw.replace(/\r\n|[\t\n\r]/g, ' ');
  return text.indexOf('&') === -1 ? text : decodeReferences(text);
}

/** The attributes of the tag being read, as offsets into the document: a string is made only for what is asked. */
class Attributes implements XmlAttributes {
  xml = '';
  /** name start, name end, value start, value end, per attribute. */
  at: number[] = [];
  count = 0;
  /** Where the element name of the tag being read ends. */
  nameEnd = 0;

  get(name: string): string | undefined {
    const { at, xml } = this;
    for (let k = 0; k < this.count; k++) {
      const ns = at[4 * k]!;
      if (at[4 * k + 1]! - ns === name.length && xml.startsWith(name, ns)) return decodeAttribute(xml.slice(at[4 * k + 2], at[4 * k + 3]));
    }
    return undefined;
  }

  /** Whether an earlier attribute has the name at [start, end). */
  has(start: number, end: number): boolean {
    const { at, xml } = this;
    const length = end - start;
    outer: for (let k = 0; k < this.count; k++) {
      const ns = at[4 * k]!;
      if (at[4 * k + 1]! - ns !== length) continue;
      for (let j = 0; j < length; j++) if (xml.charCodeAt(ns + j) !== xml.charCodeAt(start + j)) continue outer;
      return true;
    }
    return false;
  }
}

const localName = (name: string) => {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
};

/** Scans a whole document, calling the handler; throws XmlError (XmlDtdError for a DTD) on anything not well-formed. */
export function scanXml(xml: string, handler: XmlHandler): void {
  if (FORBIDDEN_CHARS.test(xml)) throw new XmlError('a character XML does not allow');
  const n = xml.length;
  const stack: string[] = [];
  const attrs = new Attributes();
  let sawRoot = false;
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  /** The next `&` at or after a position (n when none): found once per `&`, not once per text, so the scan stays linear. */
  let nextAmp = -1;
  // Element names, made once per document (a part has a few dozen): a tag's name is found, not sliced anew.
  const names: string[] = [];
  const locals = new Map<string, string>();
  const intern = (start: number, end: number): string => {
    const length = end - start;
    for (const known of names) if (known.length === length && xml.startsWith(known, start)) return known;
    const name = xml.slice(start, end);
    names.push(name);
    locals.set(name, localName(name));
    return name;
  };
  const ampAfter = (p: number) => {
    if (nextAmp < p) {
      nextAmp = xml.indexOf('&', p);
      if (nextAmp === -1) nextAmp = n;
    }
    return nextAmp;
  };
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const end = lt === -1 ? n : lt;
    if (end > i) {
      if (stack.length === 0) {
        for (let k = i; k < end; k++) if (!isSpace(xml.charCodeAt(k))) throw new XmlError('text outside the root element');
      } else if (handler.capture) {
        handler.text(decodeText(xml.slice(i, end)));
      } else {
        if (ampAfter(i) < end) decodeReferences(xml.slice(i, end)); // checked, not kept
      }
    }
    if (lt === -1) break;
    const c = xml.charCodeAt(lt + 1);
    if (c === C.SLASH) {
      const gt = xml.indexOf('>', lt + 2);
      if (gt === -1) throw new XmlError('an unterminated end tag');
      let nameEnd = gt;
      while (nameEnd > lt + 2 && isSpace(xml.charCodeAt(nameEnd - 1))) nameEnd--;
      const open = stack.pop();
      // Compared in place: no string is made for an end tag that matches.
      if (open === undefined || nameEnd - (lt + 2) !== open.length || !xml.startsWith(open, lt + 2)) {
        const name = xml.slice(lt + 2, nameEnd);
        throw new XmlError(open === undefined ? `an end tag </${name}> without a start tag` : `</${name}> closes <${open}>`);
      }
      handler.close(locals.get(open)!);
      i = gt + 1;
    } else if (c === C.BANG) {
      if (xml.startsWith('<!--', lt)) {
        const close = xml.indexOf('-->', lt + 4);
        if (close === -1) throw new XmlError('an unterminated comment');
        i = close + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        if (stack.length === 0) throw new XmlError('CDATA outside the root element');
        const close = xml.indexOf(']]>', lt + 9);
        if (close === -1) throw new XmlError('an unterminated CDATA section');
        if (handler.capture) {
          const raw = xml.slice(lt + 9, close);
          handler.text(raw.indexOf('\r') === -1 ? raw : raw.replace(/\r\n?/g, '\n'));
        }
        i = close + 3;
      } else {
        const word = xml.slice(lt + 2, lt + 9).toUpperCase();
        if (word.startsWith('DOCTYPE') || word.startsWith('ENTITY')) throw new XmlDtdError(`<!${word.startsWith('DOCTYPE') ? 'DOCTYPE' : 'ENTITY'}`);
        throw new XmlError('an unknown markup declaration');
      }
    } else if (c === C.QUESTION) {
      const close = xml.indexOf('?>', lt + 2);
      if (close === -1) throw new XmlError('an unterminated processing instruction');
      i = close + 2;
    } else {
      i = startTag(xml, lt, attrs, ampAfter);
      const empty = xml.charCodeAt(i - 2) === C.SLASH;
      const name = intern(lt + 1, attrs.nameEnd);
      if (stack.length === 0) {
        if (sawRoot) throw new XmlError('a second root element');
        sawRoot = true;
      }
      const local = locals.get(name)!;
      handler.open(local, attrs, empty);
      if (empty) handler.close(local);
      else stack.push(name);
    }
  }
  if (stack.length) throw new XmlError(`<${stack[stack.length - 1]}> is never closed`);
  if (!sawRoot) throw new XmlError('no root element');
}

/**
 * Reads `<name attr="v" …>` or `…/>` from `lt`; fills `attrs`, returns the index after `>`. `ampAfter(p)` is the
 * first `&` at or after p (the scanner's cache).
 */
function startTag(xml: string, lt: number, attrs: Attributes, ampAfter: (p: number) => number): number {
  const n = xml.length;
  let i = lt + 1;
  if (!isNameStart(xml.charCodeAt(i))) throw new XmlError('a bad start tag');
  while (i < n && isNameChar(xml.charCodeAt(i))) i++;
  attrs.nameEnd = i;
  attrs.count = 0;
  attrs.xml = xml;
  const at = attrs.at;
  for (;;) {
    const before = i;
    while (i < n && isSpace(xml.charCodeAt(i))) i++;
    if (i >= n) throw new XmlError('an unterminated start tag');
    const c = xml.charCodeAt(i);
    if (c === C.GT) return i + 1;
    if (c === C.SLASH) {
      if (xml.charCodeAt(i + 1) !== C.GT) throw new XmlError('a bad start tag');
      return i + 2;
    }
    if (i === before || !isNameStart(c)) throw new XmlError('a bad attribute');
    const nameStart = i;
    while (i < n && isNameChar(xml.charCodeAt(i))) i++;
    const nameEnd = i;
    while (i < n && isSpace(xml.charCodeAt(i))) i++;
    if (xml.charCodeAt(i) !== C.EQ) throw new XmlError(`an attribute ${xml.slice(nameStart, nameEnd)} without a value`);
    i++;
    while (i < n && isSpace(xml.charCodeAt(i))) i++;
    const q = xml.charCodeAt(i);
    if (q !== C.DQUOTE && q !== C.SQUOTE) throw new XmlError(`an unquoted attribute ${xml.slice(nameStart, nameEnd)}`);
    const close = xml.indexOf(q === C.DQUOTE ? '"' : "'", i + 1);
    if (close === -1) throw new XmlError('an unterminated attribute value');
    const lt2 = xml.indexOf('<', i + 1);
    if (lt2 !== -1 && lt2 < close) throw new XmlError('< in an attribute value');
    if (ampAfter(i + 1) < close) decodeReferences(xml.slice(i + 1, close)); // checked now, decoded when asked for
    if (attrs.has(nameStart, nameEnd)) throw new XmlError(`a duplicate attribute ${xml.slice(nameStart, nameEnd)}`);
    const k = 4 * attrs.count++;
    at[k] = nameStart;
    at[k + 1] = nameEnd;
    at[k + 2] = i + 1;
    at[k + 3] = close;
    i = close + 1;
  }
}
