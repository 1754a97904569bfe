/**
 * Highlight and exact restore, fixes, templates: each ONE `google.script.run` call and a fixed handful of Sheets calls
 * (no call per cell), over seed-002 with a person's own fills and notes on problem cells and beside them.
 */
import { allDiagnostics, check, collectFixes, type Diagnostic } from '@svod/shared';
import { marksFor } from '../../src/host/highlight';
import { RENUMBER_SELECTION } from '../../src/state/diagnostics';
import { FakeBook } from './fake';
import { setupBook, setupSeed, setupSheets, tally, uninstall, type Setup } from './helpers';

afterEach(uninstall);

const SEED = 'seed-002-lazo.xlsx';
const SHEET = 'План-график';
/** A19 and C9 are diagnosed in seed-002; A1 and B6 are not. */
const PERSON = { fills: { A19: '#ffff00', C9: '#c6efce', A1: '#ddebf7' }, notes: { C9: 'Уточнить у Иванова', B6: 'Сверено с приказом' } };

async function setupPerson(): Promise<Setup> {
  const book = await FakeBook.fromXlsx(`${__dirname}/../../../tests/fixtures/seeds/${SEED}`, SHEET);
  const sheet = book.sheet(SHEET);
  for (const [a1, color] of Object.entries(PERSON.fills)) sheet.cell(a1).background = color;
  for (const [a1, note] of Object.entries(PERSON.notes)) sheet.cell(a1).note = note;
  return setupBook(book);
}

async function diagnosticsOf(s: Setup): Promise<Diagnostic[]> {
  return allDiagnostics(check(await s.port.readSheets('active')));
}

describe('highlight and restore', () => {
  test('«Подсветить»: every problem cell gets its fill and note, one call, no call per cell; others keep theirs', async () => {
    const s = await setupPerson();
    const diagnostics = await diagnosticsOf(s);
    const marks = marksFor(diagnostics);
    expect(marks.length).toBeGreaterThan(50);
    const before = s.book.sheet(SHEET).marks();
    const { runs, calls, sheets } = await s.measure(() => s.port.highlight(diagnostics));
    expect(runs).toEqual(['svodHighlight']);
    const t = tally(calls);
    // One rectangle covers the table: one getNotes, one getBackgrounds, one setNotes; one setBackground per colour.
    expect(t['Range.getNotes']).toBe(1);
    expect(t['Range.getBackgrounds']).toBe(1);
    expect(t['Range.setNotes']).toBe(1);
    expect(t['RangeList.setBackground']).toBe(new Set(marks.map((m) => m.severity)).size);
    expect(sheets).toBeLessThan(16);
    expect(calls.length).toBeLessThan(25);
    expect(t['Range.setBackground'] ?? 0).toBe(0);

    const after = s.book.sheet(SHEET).marks();
    const fills = { error: '#ffc7ce', warning: '#ffeb9c', info: '#ddebf7' };
    for (const m of marks) {
      expect(after.fills[m.cell]).toBe(fills[m.severity]);
      expect(after.notes[m.cell]).toBe(m.text);
    }
    const a19 = diagnostics.find((d) => d.cell === 'A19')!;
    expect(after.notes.A19).toContain(a19.message);
    expect(after.fills.A1).toBe(before.fills.A1);
    expect(after.notes.B6).toBe('Сверено с приказом');
  });

  test('«Снять подсветку» puts back exactly what was there, also after a second highlight over the first', async () => {
    const s = await setupPerson();
    const before = s.book.sheet(SHEET).marks();
    const diagnostics = await diagnosticsOf(s);
    await s.port.highlight(diagnostics);
    // A second highlight of fewer cells: the dropped ones are restored, the kept ones keep their originals.
    const errors = diagnostics.filter((d) => d.severity === 'warning');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.length).toBeLessThan(diagnostics.length);
    await s.port.highlight(errors);
    const mid = s.book.sheet(SHEET).marks();
    const errorCells = new Set(errors.map((d) => d.cell));
    for (const cell of Object.keys(mid.notes)) if (!errorCells.has(cell)) expect(mid.notes[cell]).toBe(before.notes[cell]);

    const { runs, calls } = await s.measure(() => s.port.clearHighlight());
    expect(runs).toEqual(['svodClearHighlight']);
    expect(tally(calls)['Range.getBackgrounds'] ?? 0).toBe(0);
    expect(s.book.sheet(SHEET).marks()).toEqual(before);
    expect(s.book.sheet(SHEET).peek('C9')).toMatchObject({ background: '#c6efce', note: 'Уточнить у Иванова' });
    // Nothing left to restore, and the snapshot is gone from the document's properties.
    expect([...s.book.documentProperties.values.keys()]).toEqual([]);
    await s.port.clearHighlight();
    expect(s.book.sheet(SHEET).marks()).toEqual(before);
  });

  test('the snapshot survives a reloaded sidebar (document properties, chunked under 9 KB) and a renamed sheet', async () => {
    const s = await setupPerson();
    const before = s.book.sheet(SHEET).marks();
    const diagnostics = await diagnosticsOf(s);
    await s.port.highlight(diagnostics);
    const props = s.book.documentProperties.values;
    expect(props.size).toBeGreaterThan(2);
    for (const v of props.values()) expect(Buffer.byteLength(v)).toBeLessThanOrEqual(9 * 1024);
    s.book.sheet(SHEET).name = 'План (переименован)';
    // A new port (a reopened sidebar) restores from the document alone.
    const again = setupBook(s.book);
    await again.port.clearHighlight();
    expect(s.book.sheet('План (переименован)').marks()).toEqual(before);
  });

  test('another person\'s highlight holding the document lock: this one waits, then says so in Russian and writes nothing', async () => {
    const s = await setupPerson();
    const before = s.book.sheet(SHEET).marks();
    s.book.locked = true;
    await expect(s.port.highlight(await diagnosticsOf(s))).rejects.toThrow(/Другой пользователь/);
    expect(s.book.sheet(SHEET).marks()).toEqual(before);
    s.book.locked = false;
    await s.port.highlight(await diagnosticsOf(s));
    expect(s.book.locked).toBe(false);
    expect(s.book.sheet(SHEET).marks()).not.toEqual(before);
  });

  test('a highlight too large to restore exactly is refused before anything is written', async () => {
    const rows = Array.from({ length: 3000 }, (_, r) => [`${r + 1}`]);
    const s = setupSheets([{ name: 'Лист', rows }]);
    const note = 'Заметка человека '.repeat(8);
    for (let r = 0; r < 3000; r++) s.book.sheet('Лист').at(r, 0).note = note;
    const diagnostics = rows.map((_, r) => ({ ruleId: 'x', severity: 'error', sheet: 'Лист', cell: `A${r + 1}`, message: 'Ошибка.' }) as Diagnostic);
    await expect(s.port.highlight(diagnostics)).rejects.toThrow(/Слишком много ячеек/);
    expect(s.book.sheet('Лист').marks().fills).toEqual({});
    expect(s.book.sheet('Лист').peek('A1')!.note).toBe(note);
  });
});

describe('fixes', () => {
  test('«Исправить все»: the safe fixes in one call, one setValues per contiguous run, and the re-check has none left', async () => {
    const s = await setupSeed(SEED, SHEET);
    const safe = collectFixes(await diagnosticsOf(s));
    expect(safe.edits.length).toBeGreaterThan(50);
    const { runs, calls } = await s.measure(() => s.port.applyEdits(safe.edits));
    expect(runs).toEqual(['svodApplyEdits']);
    const t = tally(calls);
    // At most one setValues per run of cells down a column (counted here from the edits themselves).
    const cells = new Set(safe.edits.map((e) => e.cell));
    const runsDown = [...cells].filter((a1) => {
      const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
      return !cells.has(`${m[1]}${Number(m[2]) - 1}`);
    }).length;
    expect(runsDown).toBeLessThan(safe.edits.length);
    expect(t['Range.setValues']).toBeLessThanOrEqual(runsDown);
    expect(t['Range.setValue'] ?? 0).toBe(0);
    for (const e of safe.edits) expect(s.book.sheet(SHEET).peek(e.cell)?.value ?? '').toEqual(e.value === null ? '' : e.value);
    expect(collectFixes(await diagnosticsOf(s)).edits).toEqual([]);
  });

  test('text Sheets would parse stays the text: =cmd, +1, 4.2, 12.05.2021 (and the fake would parse them without @)', async () => {
    const s = setupSheets([{ name: 'Лист', rows: [['x']] }]);
    const texts = ['=HYPERLINK("http://evil")', '+1', '4.2', '12.05.2021', '-2', '50%', 'TRUE'];
    await s.port.applyEdits(texts.map((value, i) => ({ sheet: 'Лист', cell: `B${i + 1}`, value })));
    const sheet = s.book.sheet('Лист');
    texts.forEach((text, i) => expect(sheet.peek(`B${i + 1}`)).toMatchObject({ value: text, format: '@' }));
    expect(sheet.peek('B1')!.formula).toBeUndefined();
    // Plain text needs no format, and a control: the same text under no format is what Sheets would make of it.
    await s.port.applyEdits([{ sheet: 'Лист', cell: 'C1', value: 'Отдел образования' }]);
    expect(sheet.peek('C1')!.format).toBeUndefined();
    sheet.getRange('D1:D2').setValues([['4.2'], ['=1+1']]);
    expect(sheet.peek('D1')!.value).toBe(4.2);
    expect(sheet.peek('D2')!.formula).toBe('=1+1');
  });

  test('a date and an empty value: a date as its serial under dd.mm.yyyy (read back as that date), an emptied cell keeps its note', async () => {
    const s = setupSheets([{ name: 'Лист', rows: [['a', 'b']], notes: { B1: 'Заметка' } }]);
    const when = new Date(Date.UTC(2025, 8, 1));
    await s.port.applyEdits([
      { sheet: 'Лист', cell: 'A1', value: when },
      { sheet: 'Лист', cell: 'B1', value: null },
    ]);
    // Sheets keeps a date as its serial day number (days since 30.12.1899) under a date format.
    expect(s.book.sheet('Лист').peek('A1')).toMatchObject({ value: when.getTime() / 86_400_000 + 25_569, format: 'dd.mm.yyyy' });
    expect(s.book.sheet('Лист').peek('B1')).toEqual({ note: 'Заметка' });
    expect((await s.port.readSheets('active')).sheets[0]!.rows).toEqual([[when]]);
  });

  test('«Перенумеровать»: the numbering suggestions down a column are one setValues run', async () => {
    const rows = [['№ п/п', 'Мероприятие', 'Срок реализации', 'Исполнитель', 'Ожидаемый результат'], ...[1, 2, 2, 5, 6, 9].map((n, i) => [String(n), `Мероприятие ${i + 1}`, 'до 01.09.2025', 'Отдел образования', 'Отчёт'])];
    const s = setupSheets([{ name: 'Дорожная карта', rows }]);
    const renumber = collectFixes(await diagnosticsOf(s), RENUMBER_SELECTION);
    expect(renumber.edits.length).toBeGreaterThan(1);
    const { calls } = await s.measure(() => s.port.applyEdits(renumber.edits));
    expect(tally(calls)['Range.setValues']).toBe(1);
    const col = (await s.port.readSheets('active')).sheets[0]!.rows.slice(1).map((r) => r[0]);
    expect(col).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(collectFixes(await diagnosticsOf(s), RENUMBER_SELECTION).edits).toEqual([]);
  });

  test('an edit of a sheet that is gone fails in Russian and writes nothing', async () => {
    const s = setupSheets([{ name: 'Лист', rows: [['a']] }]);
    await expect(
      s.port.applyEdits([
        { sheet: 'Лист', cell: 'A1', value: 'b' },
        { sheet: 'Другой', cell: 'A1', value: 'c' },
      ]),
    ).rejects.toThrow('Лист «Другой» не найден');
    expect(s.book.sheet('Лист').peek('A1')!.value).toBe('a');
  });
});

describe('select and templates', () => {
  test('a click on a diagnostic activates its sheet and cell in one call', async () => {
    const s = await setupSeed(SEED, 'Сокращения');
    const { runs } = await s.measure(() => s.port.select(SHEET, 'A19'));
    expect(runs).toEqual(['svodSelect']);
    expect(s.book.active.name).toBe(SHEET);
    expect(s.book.selection).toEqual({ sheet: SHEET, a1: 'A19' });
  });

  test('«Вставить шаблон» (roadmap): a new sheet the reader recognises, bold wrapped header, widths, text columns, executors list', async () => {
    const s = setupSheets([{ name: 'Дорожная карта', rows: [['x']] }]);
    const { result: name, runs, calls } = await s.measure(() =>
      s.port.insertTemplate({ kind: 'roadmap', period: { from: 2025, to: 2027 }, executors: ['Отдел образования', 'Школа № 1'], glossary: true }),
    );
    expect(runs).toEqual(['svodInsertTemplate']);
    expect(name).toBe('Дорожная карта (2)');
    expect(calls.length).toBeLessThan(45);
    const ws = s.book.sheet(name);
    expect(s.book.sheets.map((x) => x.name)).toEqual(['Дорожная карта', 'Дорожная карта (2)', 'Сокращения']);
    expect(ws.peek('A4')).toMatchObject({ value: '№ п/п', bold: true, wrap: true, hAlign: 'center' });
    expect(ws.peek('A1')).toMatchObject({ value: 'Дорожная карта (план мероприятий)', bold: true });
    expect(ws.peek('A2')!.value).toBe('на 2025–2027 годы');
    expect(ws.merges).toEqual([
      { top: 0, left: 0, bottom: 0, right: 4 },
      { top: 1, left: 0, bottom: 1, right: 4 },
    ]);
    expect(ws.widths.get(1)).toBe(400);
    expect(ws.peek('A5')!.format).toBe('@');
    expect(ws.peek('C14')!.format).toBe('@');
    expect(ws.peek('D5')!.validation).toMatchObject({ values: ['Отдел образования', 'Школа № 1'], showDropdown: true, allowInvalid: true });
    expect(ws.peek('D15')?.validation).toBeUndefined();
    expect(s.book.selection).toEqual({ sheet: name, a1: 'A5' });
    // The core reads the new sheet as a roadmap table.
    const report = check(await s.port.readSheets('active'));
    expect(report.sheets[0]!.tables.map((t) => t.kind)).toEqual(['roadmap']);
    expect(s.book.sheet('Сокращения').peek('A1')).toMatchObject({ value: 'Сокращение', bold: true });
  });

  test('«Вставить шаблон» (indicators): the units list warns on other values; year columns get none (Sheets has no open list)', async () => {
    const s = setupSheets([{ name: 'Лист1' }]);
    const name = await s.port.insertTemplate({ kind: 'indicators', period: { from: 2025, to: 2026 }, executors: [], glossary: false });
    const ws = s.book.sheet(name);
    expect(ws.peek('E4')!.value).toBe('2025 год');
    expect(ws.peek('C5')!.validation).toMatchObject({ values: ['%', 'шт.', 'числовой', 'да/нет'], allowInvalid: true });
    expect(ws.peek('C5')!.validation!.helpText).toMatch(/единицу измерения/);
    expect(ws.peek('E5')?.validation).toBeUndefined();
    expect(s.book.sheets.map((x) => x.name)).toEqual(['Лист1', 'Целевые показатели']);
  });
});
