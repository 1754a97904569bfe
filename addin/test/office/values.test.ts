/** The adapter's pure parts: number formats, text Excel would retype, addresses, note texts, template plans. */
import { areasFromAddress, canonicalCell } from '../../src/host/addresses';
import { marksFor, parseSnapshot, savedFill } from '../../src/host/highlight';
import { inlineListSource, periodText, templatePlan, uniqueSheetName } from '../../src/host/template';
import { cellFromExcel, isDateFormat, needsTextFormat, serialToDate } from '../../src/host/values';

test('date formats by their codes, ignoring quoted text, escapes and brackets', () => {
  for (const f of ['dd.mm.yyyy', 'm/d/yyyy', 'DD.MM.YYYY', 'mmmm yyyy', 'h:mm', '[$-F800]dddd, mmmm dd, yyyy', '[$-419]d mmmm yyyy "г."', 'yyyy-mm-dd hh:mm:ss']) {
    expect([f, isDateFormat(f)]).toEqual([f, true]);
  }
  for (const f of ['General', '@', '0.00', '0%', '#,##0 _₽', '0 "дн."', '[Red]0.0', '0\\d', '0.00E+00', '', undefined]) {
    expect([f, isDateFormat(f)]).toEqual([f, false]);
  }
});

test('cells from Office.js values', () => {
  expect(cellFromExcel('', 'General')).toBeNull();
  expect(cellFromExcel('#N/A', 'General')).toBeNull();
  expect(cellFromExcel('#Н/Д текст', 'General')).toBe('#Н/Д текст');
  expect(cellFromExcel(44330, 'dd.mm.yyyy')).toEqual(new Date(Date.UTC(2021, 4, 14)));
  expect(cellFromExcel(44330, 'General')).toBe(44330);
  expect(cellFromExcel(false, 'General')).toBe(false);
  expect(serialToDate(45000.5).toISOString()).toBe('2023-03-15T12:00:00.000Z');
});

test('text that must be written as text', () => {
  for (const t of ['=cmd', '+1', '-2', '@x', "'x", '\tx', '4.2', '1.1.', '12.05.2021', '50%', '1 200', '10:30', 'ИСТИНА', 'март 2021', '1 мая', 'Май', '#REF!']) {
    expect([t, needsTextFormat(t)]).toEqual([t, true]);
  }
  for (const t of ['', 'Совещание', 'до 14.05.2021', 'в течение 2021 года', 'Управление образования', '2021-2023 гг. ежегодно', 'ШНОР – 5 школ']) {
    expect([t, needsTextFormat(t)]).toEqual([t, false]);
  }
});

test('merged areas from a RangeAreas address; canonical cells', () => {
  expect(areasFromAddress("'Дорожная карта'!$A$1:$E$1, 'Дорожная карта'!A3:E3,'It''s, odd'!B2")).toEqual([
    { top: 0, left: 0, bottom: 0, right: 4 },
    { top: 2, left: 0, bottom: 2, right: 4 },
    { top: 1, left: 1, bottom: 1, right: 1 },
  ]);
  expect(areasFromAddress('Лист1!A1:B2;Лист1!C3:D4')).toHaveLength(2);
  expect(areasFromAddress(null)).toEqual([]);
  expect(canonicalCell('$b$4')).toBe('B4');
  expect(canonicalCell('A4:E80')).toBe('A4');
  expect(canonicalCell("'Лист'!C7")).toBe('C7');
  expect(canonicalCell('таблица')).toBeNull();
});

test('one mark per cell: the worst severity, every distinct message', () => {
  const marks = marksFor([
    { ruleId: 'a', severity: 'warning', sheet: 'Л', cell: 'B2', message: 'Второе.' },
    { ruleId: 'b', severity: 'error', sheet: 'Л', cell: '$B$2', message: 'Первое.' },
    { ruleId: 'b', severity: 'error', sheet: 'Л', cell: 'B2', message: 'Первое.' },
    { ruleId: 'c', severity: 'info', sheet: 'Л', cell: 'C3', message: 'Третье.' },
  ]);
  expect(marks).toEqual([
    { sheet: 'Л', cell: 'B2', severity: 'error', text: 'Свод\nошибка: Первое.\nпредупреждение: Второе.' },
    { sheet: 'Л', cell: 'C3', severity: 'info', text: 'Свод\nзамечание: Третье.' },
  ]);
});

test('fills and snapshots', () => {
  expect(savedFill('#FFFFFF', 'None')).toBeNull();
  expect(savedFill('#00B050', 'Solid', '#000000')).toEqual({ color: '#00B050' });
  expect(savedFill('#FFFF00', 'Gray25', '#FF0000')).toEqual({ color: '#FFFF00', pattern: 'Gray25', patternColor: '#FF0000' });
  expect(parseSnapshot('{"version":1,"mode":"note","cells":[]}')).toEqual({ version: 1, mode: 'note', cells: [] });
  expect(parseSnapshot('not json')).toBeNull();
  expect(parseSnapshot({ version: 2, mode: 'note', cells: [] })).toBeNull();
});

test('template plans', () => {
  expect(periodText({ from: 2025, to: 2026 })).toBe('на 2025–2026 годы');
  expect(periodText({ from: 2025, to: 2025 })).toBe('на 2025 год');
  expect(templatePlan({ kind: 'indicators', period: { from: 2024, to: 2026 }, executors: [], glossary: false }).headers.slice(4)).toEqual(['2024 год', '2025 год', '2026 год']);
  expect(templatePlan({ kind: 'roadmap', period: { from: 2024, to: 2026 }, executors: [' МБУ  ИМЦ ', 'МБУ ИМЦ', ''], glossary: false }).lists).toEqual([{ col: 3, items: ['МБУ ИМЦ'], strict: false }]);
  expect(uniqueSheetName('Дорожная карта', ['дорожная карта', 'Дорожная карта (2)'])).toBe('Дорожная карта (3)');
  expect(uniqueSheetName('Очень длинное название листа для шаблона', [])).toHaveLength(31);
  expect(inlineListSource(['a', 'b'])).toBe('a,b');
  expect(inlineListSource(['a, b'])).toBeNull();
  expect(inlineListSource([('x').repeat(300)])).toBeNull();
});
