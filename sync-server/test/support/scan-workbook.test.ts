/**
 * The output-safety scanner must be able to fail: each thing it looks for, planted in a small hand-written workbook,
 * is found, and the same workbook without it is clean. The workbooks are written here, byte by byte, not by the
 * regional writer.
 */
import { bookWith, inlineCell } from '../hostile/corpus';
import { unzip, zip } from '../uploads/helpers';
import { assertSafeWorkbook, scanWorkbook } from './scan-workbook';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = (t: string) => `http://schemas.openxmlformats.org/officeDocument/2006/relationships/${t}`;

/** Styles: 0 general, 1 the built-in text format 49, 2 a custom format 164 whose code is «@», 3 a date. */
const STYLES =
  `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="@"/></numFmts>` +
  '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>' +
  '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="49" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>';

function book(cells: string, extra: Parameters<typeof bookWith>[0] = { sheet: '' }): Buffer {
  return bookWith({
    ...extra,
    sheet: `<sheetData><row r="1">${cells}</row></sheetData>${typeof extra.sheet === 'string' ? extra.sheet : ''}`,
    parts: [{ name: 'xl/styles.xml', data: STYLES }, ...(extra.parts ?? [])],
    workbookRels: `<Relationship Id="rId9" Type="${REL('styles')}" Target="styles.xml"/>${extra.workbookRels ?? ''}`,
  });
}

const styled = (ref: string, text: string, s: number) => inlineCell(ref, text).replace('<c ', `<c s="${s}" `);

describe('scanWorkbook', () => {
  it('finds nothing in plain text, numbers and neutralised formula-like text', async () => {
    const bytes = book(
      inlineCell('A1', 'Семинар для учителей') +
        '<c r="B1"><v>42</v></c>' +
        styled('C1', "=cmd|' /C calc'!A0", 1) +
        styled('D1', '+7 (999) 123-45-67', 2) +
        styled('E1', '\tтабуляция', 1),
    );
    const scan = await assertSafeWorkbook(bytes);
    expect(scan.problems).toEqual([]);
    expect(scan.formulaLike.map((t) => [t.cell, t.numFmtId])).toEqual([
      ['C1', 49],
      ['D1', 164],
      ['E1', 49],
    ]);
  });

  it.each([
    ['=', '=1+1'],
    ['+', '+1+1'],
    ['-', '-2+3'],
    ['@', '@SUM(A1)'],
    ['a tab', '\t=1'],
    ['a CR', '\r=1'],
    ['a LF', '\n=1'],
    ['a full-width =', '\uFF1D1+1'],
  ])('finds text starting with %s in a cell without the text format', async (_what, text) => {
    const scan = await scanWorkbook(book(styled('A1', text, 3)));
    expect(scan.problems).toEqual([expect.stringContaining('«Лист1»!A1')]);
  });

  it('reads shared strings and the _xHHHH_ escapes as Excel shows them', async () => {
    const sst = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}"><si><t>_x003D_1+1</t></si><si><r><t>=HYPER</t></r><r><t>LINK("x")</t></r></si><si><t>_x005F_x003D_</t></si></sst>`;
    const scan = await scanWorkbook(book('<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>', { sheet: '', sharedStrings: sst }));
    expect(scan.texts.map((t) => t.text)).toEqual(['=1+1', '=HYPERLINK("x")', '_x003D_']);
    expect(scan.problems).toEqual([expect.stringContaining('!A1'), expect.stringContaining('!B1')]);
  });

  it('finds formula elements, formula results and conditional-format formulas', async () => {
    expect((await scanWorkbook(book('<c r="A1"><f>1+1</f><v>2</v></c>'))).problems).toEqual([expect.stringMatching(/formula elements <f>/)]);
    expect((await scanWorkbook(book('<c r="A1" t="str"><f t="shared" si="0"/><v>x</v></c>'))).problems).toEqual([expect.stringMatching(/formula elements/), expect.stringMatching(/t="str"/)]);
    const cf = '<conditionalFormatting sqref="A1"><cfRule type="expression" priority="1"><formula>A1&gt;0</formula></cfRule></conditionalFormatting>';
    expect((await scanWorkbook(book(inlineCell('A1', 'x'), { sheet: cf }))).problems).toEqual([expect.stringMatching(/<formula>/)]);
  });

  it('finds hyperlinks: the element, the relationship and an external target', async () => {
    const sheetRels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL('hyperlink')}" Target="http://evil.example/" TargetMode="External"/></Relationships>`;
    const scan = await scanWorkbook(book(inlineCell('A1', 'ссылка'), { sheet: '<hyperlinks><hyperlink ref="A1" r:id="rId1"/></hyperlinks>', parts: [{ name: 'xl/worksheets/_rels/sheet1.xml.rels', data: sheetRels }] }));
    expect(scan.problems).toEqual([expect.stringMatching(/sheet1\.xml\.rels: a hyperlink relationship to http:\/\/evil/), expect.stringMatching(/external target/), expect.stringMatching(/sheet1\.xml: hyperlinks/)]);
  });

  it('finds external links: the part, its content type and relationship, and external references', async () => {
    const scan = await scanWorkbook(
      book(inlineCell('A1', 'x'), {
        sheet: '',
        parts: [{ name: 'xl/externalLinks/externalLink1.xml', data: `<externalLink xmlns="${MAIN}"/>` }],
        contentTypes: '<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/>',
        workbookRels: `<Relationship Id="rId8" Type="${REL('externalLink')}" Target="externalLinks/externalLink1.xml"/>`,
      }),
    );
    expect(scan.problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/externalLink1\.xml: an external link part/), expect.stringMatching(/external link content type/), expect.stringMatching(/relationship of type .*externalLink/)]),
    );
  });

  it('finds macros: a VBA project, a macro-enabled workbook type, a macro sheet', async () => {
    const vba = await scanWorkbook(book(inlineCell('A1', 'x'), { sheet: '', parts: [{ name: 'xl/vbaProject.bin', data: 'VBA' }], workbookType: 'application/vnd.ms-excel.sheet.macroEnabled.main+xml' }));
    expect(vba.problems).toEqual(expect.arrayContaining([expect.stringMatching(/vbaProject\.bin: a VBA project/), expect.stringMatching(/macro content type/)]));
    const xlm = await scanWorkbook(book(inlineCell('A1', 'x'), { sheet: '', parts: [{ name: 'xl/macrosheets/sheet1.xml', data: '<macrosheet/>' }] }));
    expect(xlm.problems).toEqual([expect.stringMatching(/macro sheet/)]);
  });

  it('finds defined names other than Excel\'s own, and assertSafeWorkbook throws with the list', async () => {
    const parts = [...(await unzip(book(inlineCell('A1', 'x'))))].map(([name, data]) => ({
      name,
      data: name === 'xl/workbook.xml' ? Buffer.from(data.toString('utf8').replace('</sheets>', '</sheets><definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">Лист1!$1:$1</definedName><definedName name="Evil">WEBSERVICE("http://evil.example/")</definedName></definedNames>')) : data,
    }));
    const bytes = zip(parts);
    expect((await scanWorkbook(bytes)).problems).toEqual(['xl/workbook.xml: the defined name «Evil»']);
    await expect(assertSafeWorkbook(bytes, 'the test book')).rejects.toThrow(/the test book is not safe to open \(1 problems\)/);
  });
});
