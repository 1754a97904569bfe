import { SEVERITY_NAMES, TABLE_KIND_NAMES, type CheckReport, type Severity } from '@svod/shared';
import { plural } from '@svod/shared';

export interface FileOutcome {
  file: string;
  report?: CheckReport;
  error?: string;
  /** `write`: the file was checked but the corrected copy could not be written. */
  errorKind?: 'read' | 'write';
}

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m' };

export function summaryLine(summary: CheckReport['summary']): string {
  return `Итого: ${plural(summary.errors, ['ошибка', 'ошибки', 'ошибок'])}, ${plural(summary.warnings, ['предупреждение', 'предупреждения', 'предупреждений'])}, ${plural(summary.infos, ['замечание', 'замечания', 'замечаний'])}.`;
}

/** Russian text report grouped by file, sheet and table, with cell addresses. */
export function formatText(outcomes: FileOutcome[], total: CheckReport['summary'], color: boolean): string {
  const paint = (s: Severity, text: string) => (color ? `${COLORS[s]}${text}\x1b[0m` : text);
  const lines: string[] = [];
  for (const o of outcomes) {
    lines.push(o.file);
    if (o.error) {
      lines.push(o.errorKind === 'write' ? `  Не удалось записать исправленную копию: ${o.error}` : `  Не удалось прочитать файл: ${o.error}`);
      lines.push('');
      continue;
    }
    const report = o.report!;
    if (report.sheets.every((s) => s.tables.length === 0)) lines.push('  Таблиц дорожной карты, показателей или сокращений не найдено.');
    for (const sheet of report.sheets) {
      if (sheet.tables.length === 0 && sheet.diagnostics.length === 0) continue;
      lines.push(`  Лист «${sheet.name}»`);
      for (const table of sheet.tables) {
        const period = table.period ? (table.period.from === table.period.to ? `, период ${table.period.from} г.` : `, период ${table.period.from}–${table.period.to} гг.`) : '';
        lines.push(`    Таблица ${table.range}: ${TABLE_KIND_NAMES[table.kind]}${period}`);
        const own = sheet.diagnostics.filter((d) => d.table === table.range);
        if (own.length === 0) lines.push('      замечаний нет');
        const width = Math.max(0, ...own.map((d) => d.cell.length));
        for (const d of own) {
          const severity = SEVERITY_NAMES[d.severity].padEnd(14);
          lines.push(`      ${d.cell.padEnd(width)}  ${paint(d.severity, severity)} ${d.message}  [${d.ruleId}]${d.fix ? (d.fix.safe ? ' (исправимо)' : ' (есть предложение)') : ''}`);
        }
      }
    }
    if (report.stopped) {
      const shown = report.sheets.reduce((n, s) => n + s.diagnostics.length, 0);
      lines.push(`  Проверка остановлена на пределе maxDiagnostics: показано ${plural(shown, ['ошибка', 'ошибки', 'ошибок'])}, дальше файл не проверялся. Исправьте их и проверьте файл ещё раз.`);
    } else if (report.partial) {
      const shown = report.sheets.reduce((n, s) => n + s.diagnostics.length, 0);
      const found = report.summary.errors + report.summary.warnings + report.summary.infos;
      lines.push(`  Показаны не все замечания (${shown} из ${found}): достигнут предел maxDiagnostics, ошибки показаны первыми; итог считает все.`);
    }
    lines.push('');
  }
  lines.push(summaryLine(total));
  return lines.join('\n');
}
