/** The reader's XML scanner on its own: what an XML parser must do, and what it refuses. */
import { scanXml, XmlDtdError, XmlError, type XmlHandler } from '../../src/xlsx/xml';

/** Every event as text: `<name a=v>`, `</name>`, and text (the handler captures everything). */
function events(xml: string, attributes: string[] = []): string[] {
  const out: string[] = [];
  const handler: XmlHandler = {
    capture: true,
    open(name, attrs, empty) {
      const shown = attributes.map((a) => `${a}=${JSON.stringify(attrs.get(a))}`).join(' ');
      out.push(`<${name}${shown ? ' ' + shown : ''}${empty ? '/' : ''}>`);
    },
    close(name) {
      out.push(`</${name}>`);
    },
    text(t) {
      out.push(JSON.stringify(t));
    },
  };
  scanXml(xml, handler);
  return out;
}

describe('scanXml', () => {
  it('decodes references, normalises line ends in text and whitespace in attributes, reads CDATA, skips comments and PIs', () => {
    const xml = '\ufeff<?xml version="1.0"?><!-- c --><x:a v="1\t2\r\n3 &amp;&#x41;&#66;" w=\'&quot;\'><b>x&lt;y\r\nz\rw</b><?pi d?><![CDATA[<&>]]><c/></x:a>\n';
    expect(events(xml, ['v', 'w', 'u'])).toEqual([
      '<a v="1 2 3 &AB" w="\\"" u=undefined>',
      '<b v=undefined w=undefined u=undefined>',
      '"x<y\\nz\\nw"',
      '</b>',
      '"<&>"',
      '<c v=undefined w=undefined u=undefined/>',
      '</c>',
      '</a>',
    ]);
  });

  it('refuses DTDs, unknown entities, forbidden characters and whatever is not well-formed', () => {
    expect(() => events('<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>')).toThrow(XmlDtdError);
    expect(() => events('<a><!ENTITY e "x"></a>')).toThrow(XmlDtdError);
    const bad = ['<a>&e;</a>', '<a>&#0;</a>', '<a>&#xD800;</a>', '<a>&amp</a>', '<a>\u0002</a>', '<a></b>', '<a>', '</a>', '<a/><b/>', 'x<a/>', '<a x="1" x="2"/>', '<a x=1/>', '<a x="<"/>', '<a x="1"y="2"/>', '<1a/>', ''];
    for (const xml of bad) expect(() => events(xml)).toThrow(XmlError);
  });

  it('checks the references of text it does not capture, over long documents', () => {
    const quiet = (xml: string) => {
      let opens = 0;
      scanXml(xml, { capture: false, open: () => void opens++, close: () => undefined, text: () => undefined });
      return opens;
    };
    expect(quiet(`<a>${'<b>x</b>'.repeat(200_000)}</a>`)).toBe(200_001);
    expect(() => quiet(`<a>${'<b>x</b>'.repeat(1000)}<b>&e;</b></a>`)).toThrow(/undefined entity/);
    expect(quiet(`<a>${'<b>x &amp; y</b>'.repeat(1000)}</a>`)).toBe(1001);
  });
});
