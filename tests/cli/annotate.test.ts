/**
 * `svod check --annotate OUT.xlsx` (issue #11): the real binary writes a copy of the checked workbook with the problem
 * cells filled by severity and noted, and a «Замечания Svod» sheet listing every finding. Read back with ExcelJS and
 * compared with the JSON report of a plain check of the same file; the original must stay byte for byte the same.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { fromBuffer, type Entry, type ZipFile } from 'yauzl';
import { csvText, ROOT, SEED, STACK_LINE, svod, type JsonFile, type JsonReport, type Run } from './helpers';

jest.setTimeout(120_000);

const LAZO = SEED('seed-002-lazo.xlsx');
const KIROV = SEED('seed-001-kirov.xlsx');
const ILANSKY = SEED('seed-003-ilansky.xlsx');

/** Written here, not imported: a soft red, yellow and blue (Excel's «Плохой», «Нейтральный» and a light blue). */
const FILL = { error: 'FFFFC7CE', warning: 'FFFFEB9C', info: 'FFDDEBF7' } as const;
const LABEL = { error: 'Ошибка', warning: 'Предупреждение', info: 'Замечание' } as const;
const RANK = { error: 0, warning: 1, info: 2 } as const;
type Severity = keyof typeof FILL;

let tmp: string;
beforeAll(() => {
  expect(existsSync(join(ROOT, 'cli', 'dist', 'svod.cjs'))).toBe(true);
  tmp = mkdtempSync(join(tmpdir(), 'svod-annotate-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function dir(name: string): string {
  const d = join(tmp, name);
  mkdirSync(d, { recursive: true });
  return d;
}

function noStack(r: Run): void {
  expect(r.stdout).not.toMatch(STACK_LINE);
  expect(r.stderr).not.toMatch(STACK_LINE);
}

function report(file: string, extra: string[] = []): JsonReport {
  const r = svod(['check', file, '--format', 'json', ...extra]);
  noStack(r);
  return JSON.parse(r.stdout) as JsonReport;
}

async function load(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

function noteText(cell: ExcelJS.Cell): string {
  const note = cell.note as string | ExcelJS.Comment | undefined;
  if (!note) return '';
  return typeof note === 'string' ? note : (note.texts ?? []).map((t) => t.text).join('');
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  return fill?.type === 'pattern' ? (fill.fgColor?.argb ?? undefined) : undefined;
}

/** The list sheet's rows below its header, as text. */
function listRows(ws: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = [1, 2, 3, 4, 5, 6].map((c) => String(row.getCell(c).value ?? ''));
    if (values[5]) rows.push(values);
  });
  return rows;
}

/** One entry of a zip, as text. */
function zipEntry(zipBytes: Buffer, name: string): Promise<string> {
  return new Promise((ok, fail) => {
    fromBuffer(zipBytes, { lazyEntries: true }, (err, zip?: ZipFile) => {
      if (err || !zip) return fail(err);
      zip.on('entry', (entry: Entry) => {
        if (entry.fileName !== name) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return fail(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
        });
      });
      zip.on('end', () => fail(new Error(`${name} not in the zip`)));
      zip.readEntry();
    });
  });
}

interface Finding {
  sheet: string;
  cell: string;
  severity: Severity;
  message: string;
  ruleId: string;
}
const findingsOf = (file: JsonFile): Finding[] => file.sheets.flatMap((s) => s.diagnostics.map((d) => ({ sheet: s.name, cell: d.cell, severity: d.severity, message: d.message, ruleId: d.ruleId })));

describe('svod check --annotate on a real workbook (seed-002, Lazo)', () => {
  let out: string;
  let run: Run;
  let plain: Run;
  let before: Buffer;
  let findings: Finding[];
  let howToFix: Map<string, string>;
  let annotated: ExcelJS.Workbook;
  let original: ExcelJS.Workbook;

  beforeAll(async () => {
    before = readFileSync(join(ROOT, LAZO));
    out = join(dir('lazo'), 'Лазо — замечания.xlsx');
    plain = svod(['check', LAZO]);
    run = svod(['check', LAZO, '--annotate', out]);
    findings = findingsOf(report(LAZO).files[0]!);
    const listed = JSON.parse(svod(['rules', '--format', 'json']).stdout) as Array<{ id: string; howToFix: string }>;
    howToFix = new Map(listed.map((r) => [r.id, r.howToFix]));
    annotated = await load(out);
    original = await load(join(ROOT, LAZO));
  });

  it('prints the usual report and exit code, says where the copy is, and leaves the original byte for byte', () => {
    noStack(run);
    expect(run.status).toBe(plain.status);
    expect(run.stdout).toBe(plain.stdout);
    expect(run.stderr).toMatch(/^Копия с замечаниями записана в .+Лазо — замечания\.xlsx: отмечено \d+ яче(йка|йки|ек), список — на листе «Замечания Svod»\.\n$/);
    expect(readFileSync(join(ROOT, LAZO)).equals(before)).toBe(true);
    // The seed has findings of every kind the copy shows, a sheet-level one on «Паспорт» among them.
    expect(findings.length).toBeGreaterThan(20);
    expect(new Set(findings.map((f) => f.severity))).toEqual(new Set(['warning', 'info']));
  });

  it('fills every cell with a finding by its most severe one and notes every message with how to fix it', () => {
    const byCell = new Map<string, Finding[]>();
    for (const f of findings) byCell.set(`${f.sheet}!${f.cell}`, [...(byCell.get(`${f.sheet}!${f.cell}`) ?? []), f]);
    const problems: string[] = [];
    for (const [key, list] of byCell) {
      const [sheet, address] = key.split('!') as [string, string];
      const cell = annotated.getWorksheet(sheet)!.getCell(address);
      const worst = [...list].sort((a, b) => RANK[a.severity] - RANK[b.severity])[0]!.severity;
      if (fillOf(cell) !== FILL[worst]) problems.push(`${key}: fill ${fillOf(cell)} instead of ${FILL[worst]}`);
      const note = noteText(cell);
      for (const f of list) {
        if (!note.includes(`${LABEL[f.severity]}: ${f.message}`)) problems.push(`${key}: the note lacks «${LABEL[f.severity]}: ${f.message}»`);
        if (!note.includes(`Как исправить: ${howToFix.get(f.ruleId)}`)) problems.push(`${key}: the note lacks how to fix ${f.ruleId}`);
      }
      // One «Как исправить» per rule, however many findings of it the cell has.
      const fixes = note.split('\n').filter((l) => l.startsWith('Как исправить: '));
      if (fixes.length !== new Set(list.map((f) => f.ruleId)).size) problems.push(`${key}: ${fixes.length} how-to-fix lines for ${list.length} findings`);
    }
    expect(problems).toEqual([]);
    // A cell holding both a warning and an info, to show the order and the one note.
    const both = [...byCell.values()].find((l) => new Set(l.map((f) => f.severity)).size > 1);
    expect(both).toBeDefined();
    const lines = noteText(annotated.getWorksheet(both![0]!.sheet)!.getCell(both![0]!.cell)).split('\n');
    expect(lines[0]).toMatch(/^Предупреждение: /);
    expect(lines.some((l) => l.startsWith('Замечание: '))).toBe(true);
  });

  it('marks a finding on a sheet without a table too («Паспорт»)', () => {
    const passport = findings.filter((f) => f.sheet === 'Паспорт');
    expect(passport.length).toBeGreaterThan(0);
    for (const f of passport) expect(noteText(annotated.getWorksheet('Паспорт')!.getCell(f.cell))).toContain(f.message);
  });

  it('changes nothing else: every other cell keeps its value, style and note; widths, heights and merges stay', () => {
    const marked = new Set(findings.map((f) => `${f.sheet}!${f.cell}`));
    const problems: string[] = [];
    for (const ws of original.worksheets) {
      const copy = annotated.getWorksheet(ws.name)!;
      expect([...(copy.model.merges ?? [])].sort()).toEqual([...(ws.model.merges ?? [])].sort());
      expect(copy.columns?.map((c) => c.width)).toEqual(ws.columns?.map((c) => c.width));
      ws.eachRow({ includeEmpty: true }, (row, r) => {
        if (copy.getRow(r).height !== row.height) problems.push(`${ws.name} row ${r}: height`);
        row.eachCell({ includeEmpty: true }, (cell) => {
          const other = copy.getCell(cell.address);
          const key = `${ws.name}!${cell.address}`;
          if (JSON.stringify(other.value) !== JSON.stringify(cell.value)) problems.push(`${key}: value`);
          const [a, b] = [cell, other].map((c) => JSON.stringify([c.font, c.border, c.alignment, c.numFmt]));
          if (a !== b) problems.push(`${key}: style`);
          if (!marked.has(key) && JSON.stringify(other.fill) !== JSON.stringify(cell.fill)) problems.push(`${key}: fill changed`);
          if (!marked.has(key) && noteText(other) !== noteText(cell)) problems.push(`${key}: note changed`);
        });
      });
    }
    expect(problems).toEqual([]);
  });

  it('adds the list sheet last: one row per finding in workbook order, bold frozen header, autofilter, wrapped text', () => {
    const names = annotated.worksheets.map((ws) => ws.name);
    expect(names).toEqual([...original.worksheets.map((ws) => ws.name), 'Замечания Svod']);
    const ws = annotated.getWorksheet('Замечания Svod')!;
    const header = [1, 2, 3, 4, 5, 6].map((c) => ws.getRow(1).getCell(c));
    expect(header.map((c) => c.value)).toEqual(['Лист', 'Ячейка', 'Важность', 'Замечание', 'Как исправить', 'Правило']);
    expect(header.every((c) => c.font?.bold === true)).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeDefined();
    const rows = listRows(ws);
    const expected = findings.map((f) => [f.sheet, f.cell, LABEL[f.severity], f.message, howToFix.get(f.ruleId)!, f.ruleId]);
    expect([...rows].sort()).toEqual([...expected].sort());
    // Sheet by sheet in workbook order, and row by row within a sheet.
    const order = original.worksheets.map((w) => w.name);
    const keys = rows.map((r) => [order.indexOf(r[0]!), Number(/\d+/.exec(r[1]!)![0])] as const);
    expect(keys.every((k, i) => i === 0 || k[0] > keys[i - 1]![0] || (k[0] === keys[i - 1]![0] && k[1] >= keys[i - 1]![1]))).toBe(true);
    const message = ws.getRow(2).getCell(4);
    expect(message.alignment?.wrapText).toBe(true);
    expect(fillOf(ws.getRow(2).getCell(3))).toBe(FILL[findings.find((f) => f.sheet === rows[0]![0] && f.cell === rows[0]![1])!.severity]);
    const widths = (ws.columns ?? []).map((c) => c.width ?? 0);
    expect(widths[3]).toBeGreaterThanOrEqual(40);
    expect(widths[4]).toBeGreaterThanOrEqual(30);
  });
});

describe('svod check --annotate: workbooks of other shapes', () => {
  it('names the list «Замечания Svod (2)» when the book has one, and keeps a note the cell already had', async () => {
    const d = dir('taken');
    const wb = new ExcelJS.Workbook();
    const plan = wb.addWorksheet('План');
    [['План мероприятий на 2025 год'], [], ['№ п/п', 'Мероприятие', 'Срок реализации', 'Исполнитель', 'Результат'], ['1.', 'Проведение совещания', 'март 2025 г.', 'УО', 'Протокол'], ['1.', 'Проведение семинара', 'апрель 2025 г.', 'УО', 'Программа']].forEach((r, i) => {
      r.forEach((v, c) => (plan.getCell(i + 1, c + 1).value = v));
    });
    plan.getCell('A5').note = 'Проверить номер';
    wb.addWorksheet('Замечания Svod').getCell('A1').value = 'мои заметки';
    const file = join(d, 'план.xlsx');
    await wb.xlsx.writeFile(file);
    const json = report(file);
    const a5 = json.files[0]!.sheets.find((s) => s.name === 'План')!.diagnostics.find((x) => x.cell === 'A5');
    expect(a5?.severity).toBe('error');

    const out = join(d, 'out.xlsx');
    const r = svod(['check', file, '--annotate', out]);
    noStack(r);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('«Замечания Svod (2)»');
    const back = await load(out);
    expect(back.worksheets.map((w) => w.name)).toEqual(['План', 'Замечания Svod', 'Замечания Svod (2)']);
    expect(back.getWorksheet('Замечания Svod')!.getCell('A1').value).toBe('мои заметки');
    const note = noteText(back.getWorksheet('План')!.getCell('A5'));
    expect(note.startsWith('Проверить номер')).toBe(true);
    expect(note).toContain(`Ошибка: ${a5!.message}`);
    expect(fillOf(back.getWorksheet('План')!.getCell('A5'))).toBe(FILL.error);
    expect(listRows(back.getWorksheet('Замечания Svod (2)')!).map((x) => `${x[0]}!${x[1]} ${x[5]}`)).toContain(`План!A5 ${a5!.ruleId}`);
  });

  it('a CSV is annotated into an .xlsx: its one sheet of values and the list', async () => {
    const d = dir('csv');
    const file = join(d, 'план.csv');
    writeFileSync(file, '\ufeff' + csvText([['План мероприятий на 2025 год'], ['№ п/п', 'Мероприятие', 'Срок реализации', 'Исполнитель'], ['1.', 'Проведение  совещания', 'март 2025 г.', 'УО'], ['1.', 'Проведение семинара', 'апрель 2025 г.', 'УО']]));
    const json = report(file);
    const found = findingsOf(json.files[0]!);
    expect(found.length).toBeGreaterThanOrEqual(2);
    const out = join(d, 'план — замечания.xlsx');
    const r = svod(['check', file, '--annotate', out]);
    noStack(r);
    expect(r.status).toBe(1);
    const back = await load(out);
    expect(back.worksheets.map((w) => w.name)).toEqual([json.files[0]!.sheets[0]!.name, 'Замечания Svod']);
    const sheet = back.worksheets[0]!;
    expect(sheet.getCell('B3').value).toBe('Проведение  совещания');
    for (const f of found) {
      expect(fillOf(sheet.getCell(f.cell))).toBe(FILL[f.severity]);
      expect(noteText(sheet.getCell(f.cell))).toContain(`${LABEL[f.severity]}: ${f.message}`);
    }
    expect(listRows(back.getWorksheet('Замечания Svod')!)).toHaveLength(found.length);
  });

  it('a clean workbook gets the list with «Замечаний нет.» and no marked cell', async () => {
    const d = dir('clean');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Заметки');
    ws.getCell('A1').value = 'Просто текст';
    const file = join(d, 'clean.xlsx');
    await wb.xlsx.writeFile(file);
    expect(findingsOf(report(file).files[0]!)).toEqual([]);
    const out = join(d, 'out.xlsx');
    const r = svod(['check', file, '--annotate', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('ячеек с замечаниями нет');
    const back = await load(out);
    const list = back.getWorksheet('Замечания Svod')!;
    expect(list.getCell('A1').value).toBe('Лист');
    const texts: string[] = [];
    list.eachRow((row, n) => n > 1 && texts.push(String(row.getCell(1).value)));
    expect(texts).toEqual(['Замечаний нет.']);
    expect(noteText(back.getWorksheet('Заметки')!.getCell('A1'))).toBe('');
  });
});

describe('svod check --annotate with --fix', () => {
  it('annotates the corrected copy: its notes are the findings the report lists, the fixed text is in it', async () => {
    const d = dir('fix');
    const fixed = join(d, 'исправлено.xlsx');
    const notes = join(d, 'замечания.xlsx');
    const r = svod(['check', LAZO, '--fix', '--out', fixed, '--annotate', notes, '--format', 'json']);
    noStack(r);
    expect(r.stderr).toMatch(/Копия с замечаниями \(по исправленной копии\) записана в /);
    const printed = findingsOf((JSON.parse(r.stdout) as JsonReport).files[0]!);
    const recheck = findingsOf(report(fixed).files[0]!);
    expect(printed).toEqual(recheck);
    // The whitespace findings were fixed, so they are neither printed nor noted.
    expect(printed.filter((f) => f.ruleId === 'text-whitespace')).toEqual([]);
    const back = await load(notes);
    const rows = listRows(back.getWorksheet('Замечания Svod')!);
    expect(rows).toHaveLength(printed.length);
    const corrected = await load(fixed);
    expect(back.getWorksheet('План-график')!.getCell('A7').value).toEqual(corrected.getWorksheet('План-график')!.getCell('A7').value);
    expect(noteText(back.getWorksheet('План-график')!.getCell('A7'))).not.toMatch(/пробел/i);
  });
});

describe('the report after --fix --out names what was checked', () => {
  it('text: the corrected copy, made from the original; JSON: `file` as typed and `fixedCopy`', () => {
    const d = dir('header');
    const fixed = join(d, 'ИСПРАВЛЕННЫЙ.xlsx');
    const text = svod(['check', LAZO, '--fix', '--out', fixed]);
    noStack(text);
    expect(text.stdout.split('\n')[0]).toBe(`${fixed} (исправленная копия ${LAZO})`);
    expect(text.stdout).not.toMatch(new RegExp(`^${LAZO.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    const json = JSON.parse(svod(['check', LAZO, '--fix', '--out', fixed, '--format', 'json']).stdout) as { files: Array<{ file: string; fixedCopy?: string }> };
    expect(json.files[0]).toMatchObject({ file: LAZO, fixedCopy: fixed });
    // Without --fix the header is the file as typed, and JSON has no fixedCopy.
    expect(svod(['check', LAZO]).stdout.split('\n')[0]).toBe(LAZO);
    expect((JSON.parse(svod(['check', LAZO, '--format', 'json']).stdout) as { files: Array<{ fixedCopy?: string }> }).files[0]!.fixedCopy).toBeUndefined();
  });

  it('a corrected copy that could not be written keeps the original name in the header', () => {
    const r = svod(['check', ILANSKY, '--fix', '--out', join(dir('header-bad'), 'нет', 'copy.xlsx')]);
    expect(r.status).toBe(2);
    expect(r.stdout.split('\n')[0]).toBe(ILANSKY);
  });
});

describe('svod check --annotate refuses what would lose or mislabel a file', () => {
  it('refuses to write over the checked file or the corrected copy, and a name other than .xlsx', () => {
    const d = dir('refuse');
    const before = readFileSync(join(ROOT, KIROV));
    const cases: Array<[string[], RegExp]> = [
      [['check', KIROV, '--annotate', KIROV], /Копию с замечаниями нельзя записать поверх проверяемого файла/],
      [['check', KIROV, '--annotate', join(ROOT, 'tests', '.', 'fixtures', 'seeds', 'seed-001-kirov.xlsx')], /поверх проверяемого файла/],
      [['check', KIROV, '--fix', '--out', join(d, 'a.xlsx'), '--annotate', join(d, 'a.xlsx')], /должны быть разными файлами/],
      [['check', KIROV, '--annotate', join(d, 'a.csv')], /записывается в книгу \.xlsx, а указано/],
      [['check', KIROV, LAZO, '--annotate', join(d, 'b.xlsx')], /для одного файла за раз/],
    ];
    for (const [args, message] of cases) {
      const r = svod(args);
      noStack(r);
      expect([args.join(' '), r.status]).toEqual([args.join(' '), 2]);
      expect(r.stderr).toMatch(message);
    }
    expect(readFileSync(join(ROOT, KIROV)).equals(before)).toBe(true);
    expect(existsSync(join(d, 'a.csv'))).toBe(false);
    expect(existsSync(join(d, 'a.xlsx'))).toBe(false);
  });

  it('a folder that does not exist: the report still prints, the failure is said, exit code 2', () => {
    const r = svod(['check', KIROV, '--annotate', join(dir('nofolder'), 'нет-папки', 'x.xlsx')]);
    noStack(r);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^Итого: /m);
    expect(r.stderr).toMatch(/^Не удалось записать копию с замечаниями в .+: проверьте, что папка существует/);
  });
});

describe('the writer (annotateGrids, as the server calls it): findings the book has no cell for, a cut list', () => {
  const rules = [{ meta: { id: 'rule-a', howToFix: 'Сделайте А.' } }, { meta: { id: 'rule-b', howToFix: 'Сделайте Б.' } }];
  const grids = {
    sheets: [
      { name: 'План/2025', rows: [['№', 'Мероприятие'], ['1.', '=1+1'], ['- пункт', 'текст']], merges: [{ top: 2, left: 0, bottom: 2, right: 1 }] },
    ],
  };
  const d = (over: Partial<Finding> & { sheet: string; cell: string }) => ({ ruleId: 'rule-a', severity: 'warning' as const, message: 'Сообщение.', ...over });

  it('lists a finding without a cell or on a sheet the book lacks, says the list is cut, and keeps texts as text', async () => {
    const { annotateGrids } = await import('@svod/shared/xlsx');
    const findings = [
      d({ sheet: 'План/2025', cell: 'B2', severity: 'error', message: 'Ошибка в B2.' }),
      d({ sheet: 'План/2025', cell: 'B2', ruleId: 'rule-b', severity: 'info', message: 'Ещё о B2.' }),
      // Inside the merged A3:B3: marks its first cell.
      d({ sheet: 'План/2025', cell: 'B3', message: 'О строке 3.' }),
      d({ sheet: 'Показатели', cell: 'C5', message: 'На листе, которого нет.' }),
      d({ sheet: 'План/2025', cell: '', ruleId: 'rule-b', message: 'Без ячейки.' }),
    ];
    const result = await annotateGrids(grids, { diagnostics: findings, summary: { errors: 1, warnings: 10, infos: 1 } }, rules, { textFormatForFormulaLike: true });
    expect([result.cells, result.listed, result.listSheet]).toEqual([2, 5, 'Замечания Svod']);
    const out = join(dir('writer'), 'w.xlsx');
    writeFileSync(out, result.bytes);
    const wb = await load(out);
    // «/» cannot be in a sheet name: the sheet is «План_2025», and its findings point there.
    expect(wb.worksheets.map((w) => w.name)).toEqual(['План_2025', 'Замечания Svod']);
    const plan = wb.getWorksheet('План_2025')!;
    expect(noteText(plan.getCell('B2'))).toBe('Ошибка: Ошибка в B2.\nКак исправить: Сделайте А.\nЗамечание: Ещё о B2.\nКак исправить: Сделайте Б.');
    expect(fillOf(plan.getCell('B2'))).toBe(FILL.error);
    expect(plan.getCell('B2').value).toBe('=1+1');
    expect(plan.getCell('B2').numFmt).toBe('@');
    expect(plan.getCell('A3').numFmt).toBe('@');
    expect(noteText(plan.getCell('A3'))).toBe('Предупреждение: О строке 3.\nКак исправить: Сделайте А.');
    expect(fillOf(plan.getCell('A3'))).toBe(FILL.warning);
    const list = wb.getWorksheet('Замечания Svod')!;
    const rows = listRows(list);
    expect(rows.map((r) => `${r[0]}|${r[1]}|${r[2]}|${r[3]}`)).toEqual([
      'План_2025|B2|Ошибка|Ошибка в B2.',
      'План_2025|B2|Замечание|Ещё о B2.',
      'План_2025|A3|Предупреждение|О строке 3.',
      'План_2025|—|Предупреждение|Без ячейки.',
      'Показатели|C5|Предупреждение|На листе, которого нет.',
    ]);
    // The note boxes are sized to their text, not ExcelJS's two columns by four rows («l, 6, t, 14, l+2, 2, t+4, 16»).
    const vml = await zipEntry(Buffer.from(result.bytes), 'xl/drawings/vmlDrawing1.vml');
    const anchors = [...vml.matchAll(/<x:Anchor>([^<]+)<\/x:Anchor>/g)].map((m) => m[1]!.split(',').map(Number));
    expect(anchors).toHaveLength(2);
    // B2's note has four lines, A3's two: rows of 20 px, the box at least as tall as its lines.
    anchors.forEach(([l, lf, t, tf, r, rf, b, bf], i) => {
      expect([lf, tf]).not.toEqual([6, 14]);
      expect(r! - l! + (rf! - lf!) / 68).toBeGreaterThanOrEqual(2);
      expect((b! - t!) * 20 + (bf! - tf!)).toBeGreaterThanOrEqual([4, 2][i]! * 16);
    });
    const notes: string[] = [];
    list.eachRow((row, n) => n > 1 && !row.getCell(6).value && notes.push(String(row.getCell(1).value)));
    expect(notes).toEqual(['Показаны не все замечания: 5 из 12 (достигнут предел числа замечаний, ошибки показаны первыми).', 'Замечаний без ячейки в книге: 2 — они есть только в этом списке.']);
  });
});
