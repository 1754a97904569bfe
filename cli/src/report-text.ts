import {
  diagnosticGroups,
  groupCellsText,
  groupCountText,
  groupDiagnostics,
  plural,
  rules,
  SEVERITY_NAMES,
  TABLE_KIND_NAMES,
  type CheckReport,
  type Diagnostic,
  type DiagnosticGroup,
  type GroupedItem,
  type Severity,
  type SheetReport,
} from '@svod/shared';

export interface FileOutcome {
  file: string;
  report?: CheckReport;
  error?: string;
  /** `write`: the file was checked but the corrected copy could not be written. */
  errorKind?: 'read' | 'write';
}

export interface TextOptions {
  /** Every finding on its own line (`--ungrouped`); otherwise repeated ones are folded into one. */
  ungrouped?: boolean;
}

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m' };

export function summaryLine(summary: CheckReport['summary']): string {
  return `Итого: ${plural(summary.errors, ['ошибка', 'ошибки', 'ошибок'])}, ${plural(summary.warnings, ['предупреждение', 'предупреждения', 'предупреждений'])}, ${plural(summary.infos, ['замечание', 'замечания', 'замечаний'])}.`;
}

/**
 * The last line: the counts, and how many files they cover when some could not be read — «0 ошибок» about a file
 * that was never checked would read as a clean result.
 */
export function totalLine(outcomes: readonly FileOutcome[], total: CheckReport['summary']): string {
  const checked = outcomes.filter((o) => o.report).length;
  if (checked === outcomes.length) return summaryLine(total);
  const unwritten = outcomes.length === 1 && outcomes[0]!.errorKind === 'write';
  if (unwritten) return 'Итого: исправленная копия не записана, результат проверки не показан.';
  if (checked === 0) return outcomes.length === 1 ? 'Итого: файл не проверен.' : `Итого: ни один из ${outcomes.length} файлов не проверен.`;
  return `Проверено файлов: ${checked} из ${outcomes.length}. ${summaryLine(total)}`;
}

/** The groups of one sheet's diagnostics, as the JSON report adds them: `indices` point into that sheet's list. */
export function sheetGroups(diagnostics: readonly Diagnostic[]): DiagnosticGroup[] {
  return diagnosticGroups(diagnostics, { rules });
}

function fixMark(list: readonly Diagnostic[]): string {
  const safe = list.filter((d) => d.fix?.safe).length;
  const suggested = list.filter((d) => d.fix && !d.fix.safe).length;
  if (safe === list.length) return ' (исправимо)';
  if (suggested === list.length) return ' (есть предложение)';
  if (safe + suggested === 0) return '';
  return ` (исправимо: ${safe}, с предложением: ${suggested} из ${list.length})`;
}

function periodText(period: { from: number; to: number } | undefined): string {
  if (!period) return '';
  return period.from === period.to ? `, период ${period.from} г.` : `, период ${period.from}–${period.to} гг.`;
}

/**
 * Russian text report grouped by file, sheet and table, with cell addresses. Every sheet is named, the ones without a
 * table too, and findings outside any table are listed under their sheet. Repeated findings (one rule, one message
 * id, one table) are folded into two lines: the count with one sentence, then the first cells.
 */
export function formatText(outcomes: FileOutcome[], total: CheckReport['summary'], color: boolean, options: TextOptions = {}): string {
  const paint = (s: Severity, text: string) => (color ? `${COLORS[s]}${text}\x1b[0m` : text);
  const lines: string[] = [];

  const list = (diagnostics: readonly Diagnostic[]): boolean => {
    const items: GroupedItem[] = options.ungrouped
      ? diagnostics.map((diagnostic, index) => ({ kind: 'single', diagnostic, index }))
      : groupDiagnostics(diagnostics, { rules });
    const width = Math.max(0, ...items.map((i) => (i.kind === 'single' ? i.diagnostic.cell : i.group.cells[0]!).length));
    // The cells of a group go under its message: past the indent, the cell column and the severity column.
    const under = ' '.repeat(6 + width + 2 + 15);
    let folded = false;
    for (const item of items) {
      if (item.kind === 'single') {
        const d = item.diagnostic;
        lines.push(`      ${d.cell.padEnd(width)}  ${paint(d.severity, SEVERITY_NAMES[d.severity].padEnd(14))} ${d.message}  [${d.ruleId}]${fixMark([d])}`);
        continue;
      }
      const g = item.group;
      folded = true;
      lines.push(`      ${g.cells[0]!.padEnd(width)}  ${paint(g.severity, SEVERITY_NAMES[g.severity].padEnd(14))} ${groupCountText(g)}: ${g.message}  [${g.ruleId}]${fixMark(item.diagnostics)}`);
      lines.push(`${under}${groupCellsText(g)}`);
    }
    return folded;
  };

  for (const o of outcomes) {
    lines.push(o.file);
    if (o.error) {
      lines.push(o.errorKind === 'write' ? `  Не удалось записать исправленную копию: ${o.error}` : `  Не удалось прочитать файл: ${o.error}`);
      if (o.errorKind !== 'write') lines.push('  Файл не проверен.');
      lines.push('');
      continue;
    }
    const report = o.report!;
    let folded = false;
    if (report.sheets.every((s) => s.tables.length === 0)) lines.push('  Таблиц дорожной карты, показателей или сокращений не найдено.');
    for (const sheet of report.sheets) folded = listSheet(sheet, lines, list) || folded;
    if (report.stopped) {
      const shown = report.sheets.reduce((n, s) => n + s.diagnostics.length, 0);
      lines.push(`  Проверка остановлена на пределе maxDiagnostics: показано ${plural(shown, ['ошибка', 'ошибки', 'ошибок'])}, дальше файл не проверялся. Исправьте их и проверьте файл ещё раз.`);
    } else if (report.partial) {
      const shown = report.sheets.reduce((n, s) => n + s.diagnostics.length, 0);
      const found = report.summary.errors + report.summary.warnings + report.summary.infos;
      lines.push(`  Показаны не все замечания (${shown} из ${found}): достигнут предел maxDiagnostics, ошибки показаны первыми; итог считает все.`);
    }
    if (folded) lines.push('  Повторяющиеся замечания свёрнуты в одну строку с первыми ячейками; каждое отдельно покажет --ungrouped.');
    lines.push('');
  }
  lines.push(totalLine(outcomes, total));
  return lines.join('\n');
}

/** One sheet: its findings outside any table first (the title rows come first on a sheet), then each table's. */
function listSheet(sheet: SheetReport, lines: string[], list: (d: readonly Diagnostic[]) => boolean): boolean {
  let folded = false;
  const ranges = new Set(sheet.tables.map((t) => t.range));
  // A finding whose table is not one of the sheet's (none, or a range the report does not list) is still shown.
  const outside = sheet.diagnostics.filter((d) => d.table === undefined || !ranges.has(d.table));
  if (sheet.tables.length === 0) {
    lines.push(`  Лист «${sheet.name}»: таблиц не найдено`);
    if (outside.length) folded = list(outside) || folded;
    return folded;
  }
  lines.push(`  Лист «${sheet.name}»`);
  if (outside.length) {
    lines.push('    Вне таблиц');
    folded = list(outside) || folded;
  }
  for (const table of sheet.tables) {
    lines.push(`    Таблица ${table.range}: ${TABLE_KIND_NAMES[table.kind]}${periodText(table.period)}`);
    const own = sheet.diagnostics.filter((d) => d.table === table.range);
    if (own.length === 0) lines.push('      замечаний нет');
    else folded = list(own) || folded;
  }
  return folded;
}
