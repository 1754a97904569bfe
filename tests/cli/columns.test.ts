/**
 * `svod check` with `columns` in a svod.config.json beside the file (issue #11): a roadmap whose headers the vocabulary
 * does not know is read once the configuration says which column is which, and its rules run.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvText, ROOT, STACK_LINE, svod, type JsonReport } from './helpers';

jest.setTimeout(120_000);

// Item 2. twice: a numbering error that only a read table can show.
const ROWS = [
  ['№', 'Что делаем', 'Когда', 'Кто отвечает', 'Что получим'],
  ['1.', 'Проведение совещания с директорами', 'Январь 2024 г.', 'Управление образования', 'Протокол совещания'],
  ['2.', 'Разработка плана', 'Февраль 2024 г.', 'Управление образования', 'План'],
  ['2.', 'Проведение мониторинга', 'Март 2024 г.', 'Управление образования', 'Справка'],
];

let dir: string;
let file: string;

beforeAll(() => {
  expect(existsSync(join(ROOT, 'cli', 'dist', 'svod.cjs'))).toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'svod-cli-columns-'));
  file = join(dir, 'план.csv');
  writeFileSync(file, csvText(ROWS));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function checkJson(): { status: number | null; report: JsonReport } {
  const run = svod(['check', file, '--format', 'json']);
  expect(run.stderr).not.toMatch(STACK_LINE);
  return { status: run.status, report: JSON.parse(run.stdout) as JsonReport };
}

describe('svod check: columns in svod.config.json', () => {
  it('reads a table with its own column names once the configuration beside the file maps them', () => {
    const before = checkJson();
    expect(before.report.files[0]!.sheets[0]!.tables).toEqual([]);
    expect(before.report.files[0]!.sheets[0]!.diagnostics.map((d) => d.ruleId)).not.toContain('numbering-duplicate');

    writeFileSync(join(dir, 'svod.config.json'), JSON.stringify({ columns: { 'Что делаем': 'мероприятие', Когда: 'срок', 'Что получим': 'результат' } }));
    const after = checkJson();
    const sheet = after.report.files[0]!.sheets[0]!;
    expect(sheet.tables).toEqual([{ kind: 'roadmap', range: 'A1:E4', period: { from: 2024, to: 2024 } }]);
    expect(sheet.diagnostics).toContainEqual(expect.objectContaining({ ruleId: 'numbering-duplicate', cell: 'A4', severity: 'error' }));
    expect(after.status).toBe(1);
    // Nothing says the table went unread any more.
    expect(sheet.diagnostics.map((d) => d.ruleId)).not.toContain('table-unrecognised');
  });

  it('refuses a bad role with a Russian message and exit 2', () => {
    writeFileSync(join(dir, 'svod.config.json'), JSON.stringify({ columns: { Когда: 'время' } }));
    const run = svod(['check', file]);
    expect(run.status).toBe(2);
    expect(run.stdout + run.stderr).toContain('Столбец «Когда»: «время» — неизвестное значение');
  });
});
