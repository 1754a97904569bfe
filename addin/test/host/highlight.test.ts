/**
 * The host-neutral decisions of «Подсветить» / «Снять подсветку»: what each cell's op is, what a host reads before it,
 * which marks keep the originals of a renamed sheet, what the snapshot remembers.
 */
import type { Diagnostic } from '@svod/shared';
import {
  SEVERITY_FILL,
  adoptRenamed,
  marksFor,
  markedSheets,
  onExistingSheets,
  ourCommentIds,
  parseSnapshot,
  planMarks,
  planRestore,
  probeFor,
  savedCellFor,
  type ApplyOp,
  type CellMark,
  type HighlightSnapshot,
  type SavedCell,
} from '../../src/host/highlight';

const mark = (sheet: string, cell: string, severity: CellMark['severity'] = 'error'): CellMark => ({ sheet, cell, severity, text: `Свод\n${cell}` });
const saved = (sheet: string, cell: string, over: Partial<SavedCell> = {}): SavedCell => ({ sheet, cell, fill: null, note: null, mark: { kind: 'note' }, ...over });
const snapshot = (cells: SavedCell[], mode: HighlightSnapshot['mode'] = 'note'): HighlightSnapshot => ({ version: 1, mode, cells });

test('severity fills are the light red, yellow and blue Excel users know', () => {
  expect(SEVERITY_FILL).toEqual({ error: '#FFC7CE', warning: '#FFEB9C', info: '#DDEBF7' });
});

test('marks of diagnostics without a sheet or a cell address are left out', () => {
  const diagnostics: Diagnostic[] = [
    { ruleId: 'a', severity: 'error', sheet: '', cell: 'B2', message: 'Нет листа.' },
    { ruleId: 'b', severity: 'error', sheet: 'Л', cell: 'таблица', message: 'Нет ячейки.' },
    { ruleId: 'c', severity: 'warning', sheet: 'Л', cell: 'B2:C9', message: 'Диапазон.' },
  ];
  expect(marksFor(diagnostics)).toEqual([{ sheet: 'Л', cell: 'B2', severity: 'warning', text: 'Свод\nпредупреждение: Диапазон.' }]);
});

test('a long note is cut to 4,000 characters with an ellipsis', () => {
  const text = marksFor([{ ruleId: 'a', severity: 'info', sheet: 'Л', cell: 'A1', message: 'я'.repeat(5000) }])[0]!.text;
  expect(text).toHaveLength(4000);
  expect(text.endsWith('…')).toBe(true);
});

describe('planMarks', () => {
  test('a first highlight marks every cell, keeping nothing', () => {
    expect(planMarks([mark('Л', 'B2'), mark('Л', 'C3')], null)).toEqual([
      { kind: 'apply', mark: mark('Л', 'B2'), kept: null },
      { kind: 'apply', mark: mark('Л', 'C3'), kept: null },
    ]);
  });

  test('over a previous highlight: cells no longer marked are restored first, marked ones keep their originals', () => {
    const b2 = saved('Л', 'B2', { fill: { color: '#00B050' }, note: 'Проверено' });
    const d4 = saved('Л', 'D4');
    expect(planMarks([mark('Л', 'B2', 'info'), mark('Л', 'E5')], snapshot([b2, d4]))).toEqual([
      { kind: 'restore', saved: d4 },
      { kind: 'apply', mark: mark('Л', 'B2', 'info'), kept: b2 },
      { kind: 'apply', mark: mark('Л', 'E5'), kept: null },
    ]);
  });

  test('planRestore puts back every saved cell', () => {
    const cells = [saved('Л', 'B2'), saved('М', 'A1')];
    expect(planRestore(snapshot(cells))).toEqual(cells.map((c) => ({ kind: 'restore', saved: c })));
  });
});

describe('probeFor: what a host reads before an op', () => {
  test('a first mark in note mode reads the fill and the note', () => {
    expect(probeFor({ kind: 'apply', mark: mark('Л', 'B2'), kept: null }, 'note')).toEqual({ sheet: 'Л', cell: 'B2', fill: true, note: true, commentId: null });
  });

  test('a kept mark reads no fill (its original is saved); in comment mode it finds the comment it added', () => {
    const kept = saved('Л', 'B2', { mark: { kind: 'comment', id: '{c-7}' } });
    expect(probeFor({ kind: 'apply', mark: mark('Л', 'B2'), kept }, 'comment')).toEqual({ sheet: 'Л', cell: 'B2', fill: false, note: false, commentId: '{c-7}' });
  });

  test('a restore finds its sheet by id when known, and reads only what the highlight put there', () => {
    expect(probeFor({ kind: 'restore', saved: saved('Старое', 'C3', { sheetId: '{s-1}' }) }, 'note')).toEqual({ sheet: '{s-1}', cell: 'C3', fill: false, note: true, commentId: null });
    expect(probeFor({ kind: 'restore', saved: saved('Л', 'C3', { mark: { kind: 'none' } }) }, 'note')).toEqual({ sheet: 'Л', cell: 'C3', fill: false, note: false, commentId: null });
  });
});

describe('adoptRenamed: a sheet renamed between two highlights', () => {
  test('the cell marked again under the new name keeps what it held before the first highlight; its restore is dropped', () => {
    const original = saved('Старое имя', 'B2', { sheetId: '{s-1}', fill: { color: '#00B050' }, note: 'Проверено методистом' });
    const other = saved('Старое имя', 'C3', { sheetId: '{s-1}' });
    const ops = planMarks([mark('Новое имя', 'B2'), mark('Новое имя', 'D4')], snapshot([original, other]));
    // By name nothing matches: both saved cells are restores, both marks new.
    expect(ops.map((op) => op.kind)).toEqual(['restore', 'restore', 'apply', 'apply']);

    const plan = adoptRenamed(ops, (sheet) => (sheet === 'Новое имя' ? '{s-1}' : undefined));
    expect([...plan.dropped]).toEqual([0]);
    expect([...plan.adopted]).toEqual([[2, 0]]);
    expect(plan.ops[1]).toEqual({ kind: 'restore', saved: other });
    expect(plan.ops[2]).toEqual({ kind: 'apply', mark: mark('Новое имя', 'B2'), kept: original });
    expect(plan.ops[3]).toEqual({ kind: 'apply', mark: mark('Новое имя', 'D4'), kept: null });
  });

  test('without sheet ids (or another sheet) nothing is adopted', () => {
    const ops = planMarks([mark('Л', 'B2')], snapshot([saved('М', 'B2')]));
    const plan = adoptRenamed(ops, () => '{s-9}');
    expect(plan.ops).toEqual(ops);
    expect(plan.dropped.size + plan.adopted.size).toBe(0);
  });
});

describe('savedCellFor', () => {
  test('a first mark saves what was read there, under the sheet id', () => {
    const op: ApplyOp = { kind: 'apply', mark: mark('Л', 'B2'), kept: null };
    expect(savedCellFor(op, '{s-1}', { fill: { color: '#FFFF00', pattern: 'Gray25' }, note: 'Уточнить' })).toEqual({
      sheet: 'Л',
      sheetId: '{s-1}',
      cell: 'B2',
      fill: { color: '#FFFF00', pattern: 'Gray25' },
      note: 'Уточнить',
      mark: { kind: 'none' },
    });
  });

  test('a kept mark keeps the first originals under the current name, whatever is in the cell now', () => {
    const kept = saved('Старое', 'B2', { sheetId: '{s-1}', fill: { color: '#00B050' }, note: 'Проверено', mark: { kind: 'note' } });
    const op: ApplyOp = { kind: 'apply', mark: mark('Новое', 'B2'), kept };
    expect(savedCellFor(op, undefined, { fill: { color: SEVERITY_FILL.error }, note: 'Свод\n…' })).toEqual({
      sheet: 'Новое',
      sheetId: '{s-1}',
      cell: 'B2',
      fill: { color: '#00B050' },
      note: 'Проверено',
      mark: { kind: 'none' },
    });
  });
});

test('ourCommentIds: only the comments the highlight added', () => {
  const cells = [saved('Л', 'A1', { mark: { kind: 'comment', id: '{c-1}' } }), saved('Л', 'A2'), saved('Л', 'A3', { mark: { kind: 'comment', id: '' } })];
  expect([...ourCommentIds(snapshot(cells, 'comment'))]).toEqual(['{c-1}']);
  expect(ourCommentIds(null).size).toBe(0);
});

test('onExistingSheets: marks by name without regard to case, saved cells by sheet id when they have one', () => {
  const sheets = [{ name: 'Дорожная карта', id: '{s-1}' }];
  const cells = [saved('Переименован', 'A1', { sheetId: '{s-1}' }), saved('дорожная КАРТА', 'A2'), saved('Удалён', 'A3', { sheetId: '{s-2}' }), saved('Удалён', 'A4')];
  const [marks, kept] = onExistingSheets([mark('ДОРОЖНАЯ КАРТА', 'B2'), mark('Удалён', 'B3')], snapshot(cells), sheets);
  expect(marks).toEqual([mark('ДОРОЖНАЯ КАРТА', 'B2')]);
  expect(kept?.cells.map((c) => c.cell)).toEqual(['A1', 'A2']);
  expect(onExistingSheets([], null, sheets)).toEqual([[], null]);
});

test('markedSheets: each marked sheet once, restores not counted', () => {
  const ops = planMarks([mark('Б', 'A1'), mark('А', 'A1'), mark('Б', 'A2')], snapshot([saved('В', 'A1')]));
  expect(markedSheets(ops)).toEqual(['Б', 'А']);
});

test('a snapshot read back keeps well-formed cells only', () => {
  const good = saved('Л', 'B2');
  expect(parseSnapshot(JSON.stringify({ version: 1, mode: 'comment', cells: [good, { sheet: 'Л' }, null] }))).toEqual({ version: 1, mode: 'comment', cells: [good] });
  expect(parseSnapshot({ version: 1, mode: 'other', cells: [] })).toBeNull();
});
