/**
 * The .ods reader on files written part by part: the values of each ODF value type, the text of a cell as LibreOffice
 * Calc reads it, repeats (the huge trailing ones LibreOffice writes and hostile ones), merges, sheets, and the
 * refusals (DTD, entities, a zip bomb, a missing content.xml, a password, oversize) before any grid is built.
 */
import { strToU8, zipSync } from 'fflate';
import { isOdsZip, OdsOversizeError, OdsReadError, readOds, XmlDtdError, XmlError, ZipError } from '../src/xlsx';
import { bombZip, contentXml, odsBook, oneSheet, te, tf, tr, ts } from './ods-books';

const utc = (y: number, m: number, d: number, h = 0, min = 0, s = 0, ms = 0) => new Date(Date.UTC(y, m - 1, d, h, min, s, ms));
const rowsOf = (bytes: Uint8Array, sheet = 0) => readOds(bytes).grids.sheets[sheet]!.rows;
const cell = (xml: string) => rowsOf(oneSheet(tr(xml)))[0]![0];

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('nothing was thrown');
}

describe('readOds: values by office:value-type', () => {
  test('float, percentage and currency are their office:value', () => {
    const rows = rowsOf(
      oneSheet(
        tr(
          tf(3.5),
          '<table:table-cell office:value-type="percentage" office:value="0.25"><text:p>25%</text:p></table:table-cell>',
          '<table:table-cell office:value-type="currency" office:currency="RUB" office:value="1234.5"><text:p>1 234,50 ₽</text:p></table:table-cell>',
          tf('-1E-3', '-0,001'),
        ),
      ),
    );
    expect(rows).toEqual([[3.5, 0.25, 1234.5, -0.001]]);
  });

  test('a date is the wall-clock time as UTC, as the xlsx reader gives a date cell', () => {
    const d = (v: string) => cell(`<table:table-cell office:value-type="date" office:date-value="${v}"><text:p>x</text:p></table:table-cell>`);
    expect(d('2023-03-13')).toEqual(utc(2023, 3, 13));
    expect(d('2023-03-13T10:30:00')).toEqual(utc(2023, 3, 13, 10, 30));
    expect(d('2024-02-29T23:59:59.5')).toEqual(utc(2024, 2, 29, 23, 59, 59, 500));
    expect(d('0099-01-01')).toEqual(new Date('0099-01-01T00:00:00Z'));
  });

  test('a time is a Date on Excel’s day 0, as the xlsx reader gives a time-formatted number', () => {
    const t = (v: string) => cell(`<table:table-cell office:value-type="time" office:time-value="${v}"><text:p>x</text:p></table:table-cell>`);
    expect(t('PT10H30M00S')).toEqual(utc(1899, 12, 30, 10, 30));
    expect(t('PT36H00M00.25S')).toEqual(utc(1899, 12, 31, 12, 0, 0, 250));
  });

  test('booleans: office:boolean-value, a TRUE() formula and a boolean number format', () => {
    const styles =
      '<number:boolean-style style:name="N99"><number:boolean/></number:boolean-style>' +
      '<style:style style:name="ce9" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N99"/>';
    const rows = rowsOf(
      oneSheet(
        tr(
          '<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>ИСТИНА</text:p></table:table-cell>',
          '<table:table-cell office:value-type="boolean" office:boolean-value="false"><text:p>ЛОЖЬ</text:p></table:table-cell>',
          '<table:table-cell table:formula="of:=TRUE()" office:value-type="float" office:value="1"><text:p>TRUE</text:p></table:table-cell>',
          '<table:table-cell table:style-name="ce9" office:value-type="float" office:value="0"><text:p>FALSE</text:p></table:table-cell>',
          tf(1),
        ),
        { styles },
      ),
    );
    expect(rows).toEqual([[true, false, true, false, 1]]);
  });

  test('a string is its paragraphs, or office:string-value when the cell has one', () => {
    expect(cell(ts('Проведение совещания'))).toBe('Проведение совещания');
    expect(cell('<table:table-cell office:value-type="string" office:string-value="из атрибута"><text:p>показано</text:p></table:table-cell>')).toBe('из атрибута');
  });

  test('a formula keeps its last value; an error is empty, as in the xlsx reader', () => {
    const rows = rowsOf(
      oneSheet(
        tr(
          '<table:table-cell table:formula="of:=[.A2]*2" office:value-type="float" office:value="7"><text:p>7</text:p></table:table-cell>',
          '<table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>',
          tf(5),
        ),
      ),
    );
    expect(rows).toEqual([[7, null, 5]]);
  });

  test('a value that does not parse, or a cell without a type, keeps the text shown: nothing is lost', () => {
    const rows = rowsOf(
      oneSheet(
        tr(
          '<table:table-cell office:value-type="date" office:date-value="13 марта"><text:p>13 марта</text:p></table:table-cell>',
          '<table:table-cell office:value-type="float" office:value="abc"><text:p>abc</text:p></table:table-cell>',
          '<table:table-cell><text:p>без типа</text:p></table:table-cell>',
          '<table:table-cell office:value-type="date" office:date-value="2023-02-30"><text:p>30.02.2023</text:p></table:table-cell>',
        ),
      ),
    );
    expect(rows).toEqual([['13 марта', 'abc', 'без типа', '30.02.2023']]);
  });

  test('an empty string cell is an empty cell', () => {
    expect(rowsOf(oneSheet(tr(ts('a'), ts(''), '<table:table-cell office:value-type="string"/>', ts('b'))))).toEqual([['a', null, null, 'b']]);
  });
});

describe('readOds: the text of a cell', () => {
  test('paragraphs are joined with a line break; an empty paragraph is an empty line', () => {
    expect(cell(ts('До 29 марта ', '2023 г.'))).toBe('До 29 марта \n2023 г.');
    expect(cell('<table:table-cell office:value-type="string"><text:p>строка1</text:p><text:p/><text:p>строка3</text:p></table:table-cell>')).toBe('строка1\n\nстрока3');
  });

  test('text:s, text:tab, text:line-break and spans are the characters they stand for', () => {
    expect(cell(ts('<text:s text:c="2"/>два <text:s/>пробела'))).toBe('  два  пробела');
    expect(cell(ts('таб<text:tab/>тут'))).toBe('таб\tтут');
    expect(cell(ts('первая<text:line-break/>вторая'))).toBe('первая\nвторая');
    expect(cell(ts('<text:span text:style-name="T1">жир</text:span>ный <text:a xlink:href="https://edu.gov.ru/">ссылка</text:a>'))).toBe('жирный ссылка');
  });

  test('spaces, tabs and line ends written literally are kept, as LibreOffice Calc reads them', () => {
    expect(cell(ts('Апрель  '))).toBe('Апрель  ');
    expect(cell(ts('a   b\n c\t d  '))).toBe('a   b\n c\t d  ');
    expect(cell(ts('  ведущие'))).toBe('  ведущие');
  });

  test('a comment (office:annotation) and a drawing in a cell are not its text', () => {
    const xml =
      '<table:table-cell office:value-type="string">' +
      '<office:annotation><dc:creator>Иванов</dc:creator><text:p>проверить срок</text:p></office:annotation>' +
      '<draw:frame><draw:text-box><text:p>подпись рисунка</text:p></draw:text-box></draw:frame>' +
      '<text:p>Мероприятие<office:annotation><text:p>в тексте</text:p></office:annotation> 1</text:p></table:table-cell>';
    expect(cell(xml)).toBe('Мероприятие 1');
  });

  test('paragraphs inside a list are the cell’s lines', () => {
    const xml = '<table:table-cell office:value-type="string"><text:list><text:list-item><text:p>один</text:p></text:list-item><text:list-item><text:p>два</text:p></text:list-item></text:list></table:table-cell>';
    expect(cell(xml)).toBe('один\nдва');
  });

  test('entities and character references are decoded', () => {
    expect(cell(ts('«МБОУ» &amp; &lt;СОШ&gt; &#8470;&#x20;1'))).toBe('«МБОУ» & <СОШ> № 1');
  });
});

describe('readOds: repeats', () => {
  test('a filled cell repeated is that many cells; rows repeated are that many rows', () => {
    const rows = rowsOf(oneSheet(`<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3" office:value-type="string"><text:p>x</text:p></table:table-cell>${te()}${tf(1)}</table:table-row>`));
    expect(rows).toEqual([
      ['x', 'x', 'x', null, 1],
      ['x', 'x', 'x', null, 1],
    ]);
    expect(rows[0]).not.toBe(rows[1]); // each row its own array: a fix of one leaves the other alone
  });

  test('LibreOffice’s trailing empties (16,384 columns, 1,048,576 rows) are not cells or rows of the grid', () => {
    const body =
      tr(ts('A1'), te(16383)) +
      '<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>' +
      tr(te(2), ts('C5'), te(16381)) +
      '<table:table-row table:number-rows-repeated="1048571"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>';
    expect(rowsOf(oneSheet(body))).toEqual([['A1'], [], [], [], [null, null, 'C5']]);
  });

  test('10⁹ empty columns and rows at the end cost nothing', () => {
    const body = tr(ts('A1'), te(1_000_000_000)) + `<table:table-row table:number-rows-repeated="1000000000">${te(1_000_000_000)}</table:table-row>`;
    const started = process.hrtime.bigint();
    expect(rowsOf(oneSheet(body))).toEqual([['A1']]);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(2000);
  });

  test('a filled cell repeated 10⁹ times is refused before anything is built', () => {
    const e = thrown(() => readOds(oneSheet(tr(`<table:table-cell table:number-columns-repeated="1000000000" office:value-type="float" office:value="1"/>`))));
    expect(e).toBeInstanceOf(OdsOversizeError);
    expect((e as OdsOversizeError).oversize).toEqual({ kind: 'columns', sheet: 'Лист1', row: 0, count: 1_000_000_000 });
  });

  test('a filled row repeated 10⁹ times is refused', () => {
    const e = thrown(() => readOds(oneSheet(`<table:table-row table:number-rows-repeated="1000000000">${tf(1)}</table:table-row>`)));
    expect((e as OdsOversizeError).oversize).toEqual({ kind: 'rows', sheet: 'Лист1', count: 1_000_000_000 });
  });

  test('rows within the sheet’s bounds but over the reader’s own cell bound are refused before the grid is built', () => {
    // 1,048,576 rows × 16,384 columns of one value: 17·10⁹ cells, from a few hundred bytes.
    const body = `<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row>`;
    const e = thrown(() => readOds(oneSheet(body)));
    expect(e).toBeInstanceOf(OdsOversizeError);
    expect((e as OdsOversizeError).oversize.kind).toBe('cells');
  });

  test('a repeat count that is not a number is a broken file', () => {
    const e = thrown(() => readOds(oneSheet(tr('<table:table-cell table:number-columns-repeated="many"/>'))));
    expect(e).toBeInstanceOf(OdsReadError);
    expect((e as OdsReadError).problem).toBe('broken');
  });
});

describe('readOds: merges', () => {
  test('spanned cells are merges; covered cells are blank in the grid, as merge slaves in the xlsx reader', () => {
    const body =
      tr('<table:table-cell office:value-type="string" table:number-columns-spanned="3" table:number-rows-spanned="2"><text:p>объединено</text:p></table:table-cell>', '<table:covered-table-cell table:number-columns-repeated="2"/>', ts('D1')) +
      tr('<table:covered-table-cell office:value-type="string"><text:p>скрытый текст</text:p></table:covered-table-cell>', '<table:covered-table-cell table:number-columns-repeated="2"/>');
    const sheet = readOds(oneSheet(body)).grids.sheets[0]!;
    expect(sheet.merges).toEqual([{ top: 0, left: 0, bottom: 1, right: 2 }]);
    // The second row is held open to the merge's right edge (its value is not empty), as the xlsx reader holds it.
    expect(sheet.rows).toEqual([
      ['объединено', null, null, 'D1'],
      [null, null, null],
    ]);
  });

  test('a merge with nothing in it still counts its rows, but does not hold them open', () => {
    const body = tr(ts('A1')) + tr('<table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="2"/>', '<table:covered-table-cell/>') + tr('<table:covered-table-cell table:number-columns-repeated="2"/>');
    const sheet = readOds(oneSheet(body)).grids.sheets[0]!;
    expect(sheet.merges).toEqual([{ top: 1, left: 0, bottom: 2, right: 1 }]);
    expect(sheet.rows).toEqual([['A1'], [], []]);
  });

  test('a covered cell under no merge keeps its value', () => {
    expect(rowsOf(oneSheet(tr(ts('A1'), '<table:covered-table-cell office:value-type="string"><text:p>B1</text:p></table:covered-table-cell>')))).toEqual([['A1', 'B1']]);
  });

  test('overlapping merges are a broken file', () => {
    const body = tr('<table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="2"/>', '<table:covered-table-cell/>', '<table:table-cell table:number-rows-spanned="2"/>') + tr('<table:covered-table-cell table:number-columns-repeated="3"/>');
    const overlapping = tr('<table:table-cell table:number-rows-spanned="3"/>') + tr('<table:table-cell table:number-columns-spanned="2"/>');
    expect(() => readOds(oneSheet(body))).not.toThrow();
    expect((thrown(() => readOds(oneSheet(overlapping))) as OdsReadError).problem).toBe('broken');
  });
});

describe('readOds: sheets', () => {
  test('sheets in tab order, hidden ones included (as the xlsx reader includes hidden sheets), row groups and header rows read', () => {
    const bytes = odsBook({
      styles: '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>',
      sheets: [
        { name: 'Дорожная карта', body: `<table:table-column table:number-columns-repeated="3"/><table:table-header-rows>${tr(ts('№'), ts('Мероприятие'))}</table:table-header-rows><table:table-row-group>${tr(ts('1.'), ts('Совещание'))}</table:table-row-group>` },
        { name: 'Скрытый', attrs: 'table:style-name="ta2"', body: tr(ts('скрыт')) },
        { name: 'Пустой', body: '<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>' },
      ],
    });
    const { grids, sheetCount } = readOds(bytes);
    expect(sheetCount).toBe(3);
    expect(grids.sheets).toEqual([
      { name: 'Дорожная карта', rows: [['№', 'Мероприятие'], ['1.', 'Совещание']], merges: [] },
      { name: 'Скрытый', rows: [['скрыт']], merges: [] },
      { name: 'Пустой', rows: [], merges: [] },
    ]);
  });

  test('a table nested in a cell is not a sheet', () => {
    const nested = '<table:table-cell office:value-type="string"><table:table table:name="вложенная"><table:table-row><table:table-cell office:value-type="string"><text:p>внутри</text:p></table:table-cell></table:table-row></table:table><text:p>снаружи</text:p></table:table-cell>';
    const { grids } = readOds(oneSheet(tr(nested)));
    expect(grids.sheets.map((s) => s.name)).toEqual(['Лист1']);
    expect(grids.sheets[0]!.rows).toEqual([['снаружи']]);
  });
});

describe('readOds: the caps, before the grids are built', () => {
  const caps = { maxSheets: 2, maxRows: 10, maxColumns: 5, maxMergedCells: 6 };
  const over = (bytes: Uint8Array) => (thrown(() => readOds(bytes, { caps })) as OdsOversizeError).oversize;

  test('sheets, rows, columns and merged cells, each as the server words them', () => {
    expect(over(odsBook({ sheets: ['a', 'b', 'c'].map((name) => ({ name, body: tr(ts(name)) })) }))).toEqual({ kind: 'sheets', count: 3 });
    expect(over(oneSheet(`<table:table-row table:number-rows-repeated="11">${tf(1)}</table:table-row>`))).toEqual({ kind: 'rows', sheet: 'Лист1', count: 11 });
    expect(over(oneSheet(tr(ts('a')) + tr(te(5), ts('F2'))))).toEqual({ kind: 'columns', sheet: 'Лист1', row: 1, count: 6 });
    expect(over(oneSheet(tr('<table:table-cell office:value-type="string" table:number-columns-spanned="7"><text:p>x</text:p></table:table-cell>')))).toEqual({ kind: 'merged-cells', count: 7 });
  });

  test('trailing empties do not count against the caps; a covered cell or an empty merge does not widen a row', () => {
    const body = tr(ts('A1'), '<table:table-cell table:number-columns-spanned="6"/>', '<table:covered-table-cell table:number-columns-repeated="5" office:value-type="string"><text:p>скрыто</text:p></table:covered-table-cell>', te(16000)) + `<table:table-row table:number-rows-repeated="1048575">${te(16384)}</table:table-row>`;
    expect(readOds(oneSheet(body), { caps }).grids.sheets[0]!.rows).toEqual([['A1']]);
  });
});

describe('readOds: files it refuses', () => {
  test('a DTD in content.xml is refused before anything is expanded', () => {
    const content = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>` + contentXml({ sheets: [{ name: 'Лист1', body: tr(ts('&b;')) }] }).replace(/^<\?xml[^>]*>/, '');
    expect(thrown(() => readOds(oneSheet('', { content })))).toBeInstanceOf(XmlDtdError);
  });

  test('an entity that is not one of XML’s five is refused (there is no DTD to define it)', () => {
    const e = thrown(() => readOds(oneSheet(tr(ts('&laugh;')))));
    expect(e).toBeInstanceOf(XmlError);
    expect(e).not.toBeInstanceOf(XmlDtdError);
  });

  test('a zip bomb: 5 MB of zeros from 5 KB is over the 100:1 ratio; 200 MB declared is over the total', () => {
    const bomb = bombZip(5 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(20 * 1024);
    const ratio = thrown(() => readOds(bomb));
    expect(ratio).toBeInstanceOf(ZipError);
    expect((ratio as ZipError).kind).toBe('zip-bomb');
    expect((thrown(() => readOds(bombZip(64 * 1024, 200 * 1024 * 1024))) as ZipError).kind).toBe('too-large');
  });

  test('a part that inflates beyond its declared size is stopped there', () => {
    expect((thrown(() => readOds(bombZip(1024 * 1024, 50 * 1024))) as ZipError).kind).toBe('zip-bomb');
  });

  test('a zip without content.xml', () => {
    const bytes = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }], 'META-INF/manifest.xml': strToU8('<m/>') });
    expect((thrown(() => readOds(bytes)) as OdsReadError).problem).toBe('no-content');
  });

  test('an OpenDocument text (.odt) is not a spreadsheet', () => {
    expect((thrown(() => readOds(oneSheet(tr(ts('x')), { mimetype: 'application/vnd.oasis.opendocument.text' }))) as OdsReadError).problem).toBe('not-a-spreadsheet');
    const textBody = `<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body><office:text/></office:body></office:document-content>`;
    expect((thrown(() => readOds(oneSheet('', { content: textBody, mimetype: null }))) as OdsReadError).problem).toBe('not-a-spreadsheet');
  });

  test('a password-protected .ods (encrypted parts in the manifest)', () => {
    const manifest =
      '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="1000">' +
      '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="x"/></manifest:encryption-data></manifest:file-entry></manifest:manifest>';
    expect((thrown(() => readOds(oneSheet(tr(ts('x')), { manifest }))) as OdsReadError).problem).toBe('encrypted');
  });

  test('ODF prefixes bound to other namespaces are refused rather than misread', () => {
    const content = contentXml({ sheets: [{ name: 'Лист1', body: tr(ts('x')) }] }).replace('xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"', 'xmlns:table="urn:example:other"');
    expect((thrown(() => readOds(oneSheet('', { content }))) as OdsReadError).problem).toBe('broken');
  });

  test('a broken content.xml is an XML error', () => {
    expect(thrown(() => readOds(oneSheet('', { content: '<office:document-content><office:body>' })))).toBeInstanceOf(XmlError);
  });
});

describe('isOdsZip', () => {
  test('by the parts, not the name', () => {
    expect(isOdsZip(oneSheet(tr(ts('x'))))).toBe(true);
    expect(isOdsZip(zipSync({ 'xl/workbook.xml': strToU8('<workbook/>'), 'content.xml': strToU8('<x/>'), mimetype: strToU8('x') }))).toBe(false);
    expect(isOdsZip(zipSync({ 'word/document.xml': strToU8('<w/>') }))).toBe(false);
    expect(isOdsZip(strToU8('PK\x03\x04 not really a zip'))).toBe(false);
  });
});
