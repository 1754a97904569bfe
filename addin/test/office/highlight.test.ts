/**
 * «Подсветить» and «Снять подсветку» over the fake Excel: fills by severity and notes with the Russian messages, then
 * the exact fills and notes of before, including cells that had a fill and a note, a patterned fill, someone's
 * threaded comment; from memory or, after a pane reload, from the document settings.
 */
import { allDiagnostics, check, type Diagnostic } from '@svod/shared';
import type { FakeWorkbook } from '../../../tests/fakes/excel';
import { HIGHLIGHT_SETTING } from '../../src/host/highlight';
import { createExcelPort } from '../../src/office/excel-port';
import { setupSeed, uninstall, type Setup } from './helpers';

afterEach(uninstall);

const SHEET = 'Дорожная карта';

/** Everything highlighting may touch, as plain data: fills, notes and comments of every sheet. */
function state(workbook: FakeWorkbook): Array<{ name: string }> {
  return workbook.sheets.map((s) => ({
    name: s.name,
    fills: [...s.cells].filter(([, c]) => c.fill !== null).map(([k, c]) => [k, c.fill]).sort(),
    notes: [...s.notes].sort(),
    comments: [...s.comments.values()].map((c) => ({ ...c })).sort((a, b) => a.cell.localeCompare(b.cell)),
  }));
}

async function diagnosticsOf(s: Setup): Promise<Diagnostic[]> {
  return allDiagnostics(check(await s.port.readSheets('all'))).filter((d) => d.sheet === SHEET);
}

/** Five distinct problem cells of the sheet, and a clean cell next to them. */
function targets(diagnostics: Diagnostic[]): string[] {
  const cells = [...new Set(diagnostics.map((d) => d.cell))];
  expect(cells.length).toBeGreaterThanOrEqual(5);
  return cells.slice(0, 5);
}

/** What was in the cells before: a fill and a note, a patterned fill, a note, nothing, someone's comment. */
function decorate(workbook: FakeWorkbook, [withBoth, patterned, noted, , commented]: string[]): void {
  const sheet = workbook.sheet(SHEET);
  sheet.at(withBoth!).fill = { color: '#00B050', pattern: 'Solid', patternColor: '#000000' };
  sheet.notes.set(withBoth!, 'Проверено методистом 12.03');
  sheet.at(patterned!).fill = { color: '#FFFF00', pattern: 'Gray25', patternColor: '#FF0000' };
  sheet.notes.set(noted!, 'Уточнить срок');
  sheet.comments.set('{c-1}', { id: '{c-1}', cell: commented!, content: 'Согласовать с ИРО', authorName: 'Коллега' });
  // A cell outside the highlight, with a fill and a note, must not be touched at all.
  sheet.at('A1').fill = { color: '#CCCCFF', pattern: 'Solid', patternColor: '#000000' };
  sheet.notes.set('A1', 'Шапка');
}

describe('highlight and clearHighlight with notes (ExcelApi 1.18)', () => {
  test('fills by severity, a note with the messages, then exactly the fills and notes of before', async () => {
    const s = await setupSeed('seed-001-kirov.xlsx');
    const diagnostics = await diagnosticsOf(s);
    const cells = targets(diagnostics);
    decorate(s.workbook, cells);
    const before = state(s.workbook);
    const marked = diagnostics.filter((d) => cells.includes(d.cell));

    const hl = await s.count(() => s.port.highlight(marked));
    expect({ reads: hl.reads, writes: hl.writes }).toEqual({ reads: 2, writes: 1 }); // a foreign comment: its cell is looked up
    const sheet = s.workbook.sheet(SHEET);
    for (const cell of cells) {
      const own = marked.filter((d) => d.cell === cell);
      const worst = own.some((d) => d.severity === 'error') ? '#FFC7CE' : own.some((d) => d.severity === 'warning') ? '#FFEB9C' : '#DDEBF7';
      expect(sheet.at(cell).fill).toMatchObject({ color: worst, pattern: 'Solid' });
    }
    const [withBoth, , noted, bare, commented] = cells;
    for (const cell of [withBoth!, noted!, bare!]) {
      const note = sheet.notes.get(cell)!;
      expect(note.startsWith('Свод\n')).toBe(true);
      for (const d of marked.filter((x) => x.cell === cell)) expect(note).toContain(d.message);
    }
    expect(sheet.notes.get(commented!)).toBeUndefined(); // someone's comment thread: fill only
    expect(sheet.commentAt(commented!)?.content).toBe('Согласовать с ИРО');
    expect(s.workbook.settings.get(HIGHLIGHT_SETTING)).not.toBeNull();

    const cleared = await s.count(() => s.port.clearHighlight());
    expect({ reads: cleared.reads, writes: cleared.writes }).toEqual({ reads: 1, writes: 1 });
    expect(state(s.workbook)).toEqual(before);
    expect(s.workbook.settings.get(HIGHLIGHT_SETTING)).toBeNull();
    // Nothing left to restore: no round trip at all.
    expect((await s.count(() => s.port.clearHighlight())).total).toBe(0);
  });

  test('without foreign comments a highlight is one read and one write sync', async () => {
    const s = await setupSeed('seed-001-kirov.xlsx');
    const diagnostics = await diagnosticsOf(s);
    const hl = await s.count(() => s.port.highlight(diagnostics));
    expect({ reads: hl.reads, writes: hl.writes }).toEqual({ reads: 1, writes: 1 });
  });

  test('highlighting again restores the cells no longer flagged and keeps the originals of the others', async () => {
    const s = await setupSeed('seed-001-kirov.xlsx');
    const diagnostics = await diagnosticsOf(s);
    const cells = targets(diagnostics);
    decorate(s.workbook, cells);
    const before = state(s.workbook);
    await s.port.highlight(diagnostics.filter((d) => cells.includes(d.cell)));
    // The user fixed the first two cells; the next check flags the other three and one more.
    const next = diagnostics.filter((d) => cells.slice(2).includes(d.cell) || d.cell === 'A1');
    await s.port.highlight(next);
    const sheet = s.workbook.sheet(SHEET);
    expect(sheet.at(cells[0]!).fill).toEqual({ color: '#00B050', pattern: 'Solid', patternColor: '#000000' });
    expect(sheet.notes.get(cells[0]!)).toBe('Проверено методистом 12.03');
    expect(sheet.at(cells[1]!).fill).toEqual({ color: '#FFFF00', pattern: 'Gray25', patternColor: '#FF0000' });
    expect(sheet.notes.get(cells[2]!)!.startsWith('Свод\n')).toBe(true);
    await s.port.clearHighlight();
    expect(state(s.workbook)).toEqual(before);
  });

  test('a reloaded pane restores from the document settings', async () => {
    const s = await setupSeed('seed-001-kirov.xlsx');
    const diagnostics = await diagnosticsOf(s);
    const cells = targets(diagnostics);
    decorate(s.workbook, cells);
    const before = state(s.workbook);
    await s.port.highlight(diagnostics.filter((d) => cells.includes(d.cell)));
    expect(s.workbook.settings.saves).toBeGreaterThan(0);

    s.workbook.settings.reload(); // the pane is closed and opened again: only saved settings survive
    const fresh = createExcelPort({ writeSettleMs: 20 });
    await fresh.clearHighlight();
    expect(state(s.workbook)).toEqual(before);
    s.workbook.settings.reload();
    expect(s.workbook.settings.get(HIGHLIGHT_SETTING)).toBeNull();
  });

  test('a note the user deleted meanwhile, a sheet renamed or deleted since: clearing still restores the rest', async () => {
    const s = await setupSeed('seed-001-kirov.xlsx');
    s.workbook.addSheet({ name: 'Черновик', rows: [['1.1', 'x', 'март', 'МБУ ИМЦ', '']] });
    const diagnostics = allDiagnostics(check(await s.port.readSheets('all')));
    const cells = targets(diagnostics.filter((d) => d.sheet === SHEET));
    decorate(s.workbook, cells);
    const before = state(s.workbook).filter((x) => x.name !== 'Черновик');
    const plan = diagnostics.find((d) => d.sheet === 'План мероприятий')!;
    await s.port.highlight([...diagnostics, { ...plan, sheet: 'Черновик', cell: 'A1' }]);
    const sheet = s.workbook.sheet(SHEET);
    sheet.notes.delete(cells[3]!); // Svod's note, deleted by hand
    s.workbook.sheet('План мероприятий').name = 'План (старый)';
    s.workbook.sheets.splice(s.workbook.sheets.indexOf(s.workbook.sheet('Черновик')), 1);
    await s.port.clearHighlight();
    expect(state(s.workbook)).toEqual(before.map((x) => (x.name === 'План мероприятий' ? { ...x, name: 'План (старый)' } : x)));
    expect(s.workbook.settings.get(HIGHLIGHT_SETTING)).toBeNull();
  });

  test('highlighting again after a sheet was renamed keeps the true originals', async () => {
    const s = await setupSeed('seed-001-kirov.xlsx');
    const diagnostics = await diagnosticsOf(s);
    const cells = targets(diagnostics);
    decorate(s.workbook, cells);
    const before = state(s.workbook);
    await s.port.highlight(diagnostics);
    s.workbook.sheet(SHEET).name = 'ДК';
    await s.port.highlight(diagnostics.map((d) => ({ ...d, sheet: 'ДК' })));
    expect(s.workbook.sheet('ДК').at(cells[0]!).fill?.pattern).toBe('Solid');
    s.workbook.sheet('ДК').name = SHEET;
    await s.port.clearHighlight();
    expect(state(s.workbook)).toEqual(before);
  });
});

describe('highlight: batches and strays', () => {
  test('more cells than one batch takes: a read and a write sync per batch, restored exactly', async () => {
    const s = await setupSeed('seed-001-kirov.xlsx', { highlightCellsPerBatch: 4 });
    const diagnostics = await diagnosticsOf(s);
    const cells = targets(diagnostics);
    decorate(s.workbook, cells);
    const before = state(s.workbook);
    const marked = diagnostics.filter((d) => cells.includes(d.cell));
    const hl = await s.count(() => s.port.highlight(marked));
    // The sheet list (missing sheets are left out first), then two batches, each also looking up where the foreign
    // comment of their sheet is.
    expect({ reads: hl.reads, writes: hl.writes }).toEqual({ reads: 1 + 2 * 2, writes: 2 });
    expect(s.workbook.sheet(SHEET).at(cells[4]!).fill?.pattern).toBe('Solid');
    await s.port.clearHighlight();
    expect(state(s.workbook)).toEqual(before);
  });

  test('diagnostics of a sheet the workbook does not have are left out', async () => {
    const s = await setupSeed('seed-001-kirov.xlsx');
    const diagnostics = await diagnosticsOf(s);
    const before = state(s.workbook);
    const stray = { ...diagnostics[0]!, sheet: 'Лист из другой книги' };
    await s.port.highlight([stray, diagnostics[0]!]);
    expect(s.workbook.sheet(SHEET).at(diagnostics[0]!.cell).fill).not.toBeNull();
    await s.port.clearHighlight();
    expect(state(s.workbook)).toEqual(before);
    await s.port.highlight([stray]);
    expect(state(s.workbook)).toEqual(before);
  });
});

describe('highlight with threaded comments (before ExcelApi 1.18)', () => {
  test('comments with the messages, then exactly the comments of before; notes Excel cannot show stay', async () => {
    const s = await setupSeed('seed-001-kirov.xlsx', { apiVersion: '1.17' });
    const diagnostics = await diagnosticsOf(s);
    const cells = targets(diagnostics);
    decorate(s.workbook, cells);
    const before = state(s.workbook);
    const marked = diagnostics.filter((d) => cells.includes(d.cell));
    await s.port.highlight(marked);
    const sheet = s.workbook.sheet(SHEET);
    const [withBoth, , noted, bare, commented] = cells;
    expect(sheet.commentAt(bare!)?.content.startsWith('Свод\n')).toBe(true);
    expect(sheet.commentAt(commented!)?.content).toBe('Согласовать с ИРО');
    // These cells hold notes the 1.17 API cannot see; Excel refused a comment there: the cell keeps its note.
    expect(sheet.notes.get(withBoth!)).toBe('Проверено методистом 12.03');
    expect(sheet.notes.get(noted!)).toBe('Уточнить срок');
    for (const cell of cells) expect(sheet.at(cell).fill?.pattern).toBe('Solid');

    await s.port.clearHighlight();
    expect(state(s.workbook)).toEqual(before);
  });

  test('cells without notes: one read and one write sync; clear removes only Svod’s comments', async () => {
    const s = await setupSeed('seed-001-kirov.xlsx', { apiVersion: '1.17' });
    const diagnostics = await diagnosticsOf(s);
    const before = state(s.workbook);
    const hl = await s.count(() => s.port.highlight(diagnostics));
    expect({ reads: hl.reads, writes: hl.writes }).toEqual({ reads: 1, writes: 1 });
    expect(s.workbook.sheet(SHEET).comments.size).toBe(new Set(diagnostics.map((d) => d.cell)).size);
    await s.port.clearHighlight();
    expect(state(s.workbook)).toEqual(before);
  });
});
