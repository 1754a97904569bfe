/** `svod`: the Svod checks without Excel. Never prints a stack trace: every failure is a Russian sentence. */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { check, fix, parseConfig, plural, ruleIds, rules, SEVERITY_NAMES, type CheckReport, type GridWorkbook, type SvodConfig } from '@svod/shared';
import { annotateExcel, annotateGrids, applyEditsToExcel, findingsOfReport, writeXlsx, type AnnotationResult } from '@svod/shared/xlsx';
import { parseCliArgs, UsageError, USAGE, type CheckOptions } from './args';
import { loadFile, ReadError } from './load';
import { formatText, sheetGroups, summaryLine, type FileOutcome } from './report-text';

class ConfigError extends Error {}
/** The corrected copy could not be written (the check itself went fine). */
class WriteError extends Error {}

/**
 * A file's outcome as main.ts keeps it: after `--fix --out` the findings are the corrected copy's, so the text report's
 * header names that copy and the file it was made from, and the JSON says so in `fixedCopy` (its `file` stays the path
 * as typed, which scripts key on).
 */
type Outcome = FileOutcome & { fixedCopy?: string };

/** The text report's header of an outcome: what was checked. */
function textOutcome(o: Outcome): FileOutcome {
  const { fixedCopy, ...rest } = o;
  return fixedCopy ? { ...rest, file: `${fixedCopy} (исправленная копия ${o.file})` } : rest;
}

function loadConfig(path: string): SvodConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(e instanceof SyntaxError ? `Файл настроек ${path} — не JSON: ${jsonErrorPlace(readFileSync(path, 'utf8'), e.message)}.` : `Файл настроек ${path} не прочитан.`);
  }
  const { config, errors } = parseConfig(json, ruleIds);
  if (errors.length) throw new ConfigError(`Файл настроек ${path}:\n  ${errors.join('\n  ')}`);
  return config;
}

/** JSON.parse speaks English; the user gets the line and column of the mistake in Russian. */
function jsonErrorPlace(text: string, message: string): string {
  const position = /position (\d+)/.exec(message);
  if (!position) return text.trim() === '' ? 'файл пуст' : 'ошибка синтаксиса (файл оборван или в нём лишний символ)';
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `ошибка синтаксиса в строке ${line}, столбце ${column}`;
}

function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

function configFor(file: string, options: CheckOptions): SvodConfig {
  if (options.config) return loadConfig(options.config);
  const beside = join(dirname(file), 'svod.config.json');
  return existsSync(beside) ? loadConfig(beside) : {};
}

function jsonReport(outcomes: Outcome[], summary: CheckReport['summary']): string {
  return JSON.stringify(
    {
      files: outcomes.map((o) =>
        o.error
          ? { file: o.file, error: o.error, ...(o.errorKind === 'write' ? { errorKind: 'write' } : {}), sheets: [] }
          : {
              file: o.file,
              ...(o.fixedCopy ? { fixedCopy: o.fixedCopy } : {}),
              sheets: o.report!.sheets.map((s) => ({
                name: s.name,
                tables: s.tables,
                diagnostics: s.diagnostics.map((d) => ({
                  ruleId: d.ruleId,
                  severity: d.severity,
                  cell: d.cell,
                  message: d.message,
                  ...(d.table ? { table: d.table } : {}),
                  ...(d.fix ? { fixable: d.fix.safe ? 'safe' : 'suggestion' } : {}),
                })),
                groups: sheetGroups(s.diagnostics),
              })),
              ...(o.report!.partial ? { partial: true } : {}),
              ...(o.report!.stopped ? { stopped: true } : {}),
            },
      ),
      summary,
    },
    null,
    2,
  );
}

function listRules(format: 'text' | 'json'): string {
  if (format === 'json') return JSON.stringify(rules.map((r) => ({ id: r.meta.id, kind: r.meta.kind, severity: r.meta.defaultSeverity, fixable: r.meta.fixable, description: r.meta.description, howToFix: r.meta.howToFix })), null, 2);
  return rules.map((r) => `${r.meta.id.padEnd(26)} ${SEVERITY_NAMES[r.meta.defaultSeverity].padEnd(14)} ${r.meta.description} Как исправить: ${r.meta.howToFix}`).join('\n');
}

async function runCheck(options: CheckOptions): Promise<number> {
  const outcomes: Outcome[] = [];
  const summary = { errors: 0, warnings: 0, infos: 0 };
  let unreadable = false;
  let annotateFailed = false;
  for (const file of options.files) {
    if (options.out && sameFile(options.out, file)) {
      throw new UsageError('Исправленную копию нельзя записать поверх проверяемого файла: укажите в --out другое имя.');
    }
    if (options.annotate !== undefined) refuseAnnotateTarget(options.annotate, file, options.out);
    try {
      const config = configFor(file, options);
      const loaded = await loadForCheck(file, options);
      let report: CheckReport;
      let annotated: GridWorkbook;
      if (options.fix) {
        const result = fix(loaded.grids, config, { suggestions: options.fixSuggestions });
        report = result.report;
        await writeFixed(loaded, result, options.out!);
        process.stderr.write(`Исправлено ячеек: ${result.edits.length}. Копия записана в ${options.out}.\n`);
        // The copy with notes is made of the corrected copy: its notes are the findings the report lists.
        annotated = result.workbook;
      } else {
        report = check(loaded.grids, config);
        annotated = loaded.grids;
      }
      outcomes.push(options.fix ? { file, report, fixedCopy: options.out! } : { file, report });
      summary.errors += report.summary.errors;
      summary.warnings += report.summary.warnings;
      summary.infos += report.summary.infos;
      if (options.annotate !== undefined) annotateFailed = !(await writeAnnotated(loaded, annotated, report, options.annotate, !!options.fix)) || annotateFailed;
    } catch (e) {
      if (e instanceof ConfigError) throw e;
      unreadable = true;
      if (e instanceof WriteError) outcomes.push({ file, error: e.message, errorKind: 'write' });
      else outcomes.push({ file, error: e instanceof ReadError ? e.message : 'непредвиденная ошибка при чтении файла.' });
    }
  }
  process.stdout.write((options.format === 'json' ? jsonReport(outcomes, summary) : formatText(outcomes.map(textOutcome), summary, options.color && !!process.stdout.isTTY && !process.env.NO_COLOR, { ungrouped: options.ungrouped })) + '\n');
  if (unreadable || annotateFailed) return 2;
  return summary.errors > 0 ? 1 : 0;
}

/** `--annotate` is refused up front when it would overwrite the checked file or the corrected copy, or is not .xlsx. */
function refuseAnnotateTarget(target: string, file: string, out: string | undefined): void {
  if (sameFile(target, file)) throw new UsageError('Копию с замечаниями нельзя записать поверх проверяемого файла: укажите в --annotate другое имя.');
  if (out && sameFile(target, out)) throw new UsageError('Копия с замечаниями и исправленная копия должны быть разными файлами: укажите в --annotate и --out разные имена.');
  if (extname(target).toLowerCase() !== '.xlsx') throw new UsageError(`Копия с замечаниями записывается в книгу .xlsx, а указано «${target}»: укажите имя с расширением .xlsx.`);
}

type Loaded = Awaited<ReturnType<typeof loadFile>>;

/**
 * The file as the check needs it: with its ExcelJS workbook for --fix and --annotate (to keep the formatting). For
 * --annotate alone, a workbook that ExcelJS cannot open is still checked, and annotated from its values.
 */
async function loadForCheck(file: string, options: CheckOptions): Promise<Loaded> {
  if (options.fix) return loadFile(file, { excel: true });
  if (options.annotate === undefined) return loadFile(file);
  try {
    return await loadFile(file, { excel: true });
  } catch (e) {
    if (!(e instanceof ReadError)) throw e;
    const plain = await loadFile(file);
    if (plain.kind === 'xlsx') process.stderr.write('Оформление книги прочитать не удалось: копия с замечаниями составлена из значений ячеек, без оформления.\n');
    return plain;
  }
}

/** Writes the copy with notes; a failure is said on stderr (the report still prints). True when it was written. */
async function writeAnnotated(loaded: Loaded, grids: GridWorkbook, report: CheckReport, target: string, fixed: boolean): Promise<boolean> {
  let result: AnnotationResult;
  try {
    const findings = findingsOfReport(report);
    // After --fix the ExcelJS workbook holds the corrections already (writeFixed wrote them into it).
    result = loaded.kind === 'xlsx' && loaded.excel ? await annotateExcel(loaded.excel, findings, rules) : await annotateGrids(grids, findings, rules);
  } catch {
    process.stderr.write('Не удалось составить копию с замечаниями.\n');
    return false;
  }
  try {
    await writeFile(target, result.bytes);
  } catch {
    process.stderr.write(`Не удалось записать копию с замечаниями в ${target}: проверьте, что папка существует и файл не открыт в другой программе.\n`);
    return false;
  }
  const what = result.cells === 0 ? 'ячеек с замечаниями нет' : `отмечено ${plural(result.cells, ['ячейка', 'ячейки', 'ячеек'])}`;
  process.stderr.write(`Копия с замечаниями${fixed ? ' (по исправленной копии)' : ''} записана в ${target}: ${what}, список — на листе «${result.listSheet}».\n`);
  return true;
}

const XLSX_OUT = new Set(['.xlsx', '.xlsm']);

async function writeFixed(loaded: Awaited<ReturnType<typeof loadFile>>, result: ReturnType<typeof fix>, out: string): Promise<void> {
  const ext = extname(out).toLowerCase();
  // The copy is written in the format its name promises: never CSV text in a file called .xlsx, or the reverse.
  if (loaded.kind === 'xlsx' && !XLSX_OUT.has(ext)) {
    throw new WriteError(`исправленная копия книги Excel записывается только в .xlsx, а указано «${out}».`);
  }
  let bytes: Uint8Array | string;
  try {
    if (loaded.kind === 'xlsx' && loaded.excel) {
      applyEditsToExcel(loaded.excel, result.edits);
      bytes = await writeXlsx(loaded.excel);
    } else if (XLSX_OUT.has(ext)) {
      bytes = await gridsToXlsx(result.workbook);
    } else {
      const grid = result.workbook.sheets[0]!;
      const csv = grid.rows.map((r) => r.map((v) => csvField(v === null ? '' : String(v))).join(';')).join('\r\n');
      bytes = '\ufeff' + csv + '\r\n';
    }
  } catch {
    throw new WriteError('не удалось составить исправленную копию.');
  }
  try {
    await writeFile(out, bytes);
  } catch {
    throw new WriteError(`не удалось записать файл ${out}: проверьте, что папка существует и файл не открыт в другой программе.`);
  }
}

/** A CSV fixed into an .xlsx: one sheet of text values (the CSV had no formatting to keep). */
async function gridsToXlsx(workbook: ReturnType<typeof fix>['workbook']): Promise<Uint8Array> {
  const excel = new ExcelJS.Workbook();
  for (const grid of workbook.sheets) {
    const ws = excel.addWorksheet(grid.name);
    grid.rows.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value !== null) ws.getCell(r + 1, c + 1).value = value;
      });
    });
  }
  return writeXlsx(excel);
}

function csvField(text: string): string {
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function main(argv: string[]): Promise<number> {
  try {
    const options = parseCliArgs(argv);
    if (options.command === 'help') {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    if (options.command === 'rules') {
      process.stdout.write(listRules(options.format) + '\n');
      return 0;
    }
    return await runCheck(options);
  } catch (e) {
    if (e instanceof UsageError) process.stderr.write(`${e.message}\n\n${USAGE}\n`);
    else if (e instanceof ConfigError) process.stderr.write(`${e.message}\n`);
    else process.stderr.write('Непредвиденная ошибка svod. Сообщите о ней разработчикам.\n');
    return 2;
  }
}

export { summaryLine };
