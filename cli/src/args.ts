/** Command-line arguments of `svod`, parsed with Node's own `util.parseArgs`; errors are Russian sentences. */
import { parseArgs } from 'node:util';

export interface CheckOptions {
  command: 'check' | 'rules' | 'help';
  files: string[];
  format: 'text' | 'json';
  config?: string;
  fix: boolean;
  fixSuggestions: boolean;
  out?: string;
  color: boolean;
  /** `--annotate OUT.xlsx`: a copy of the checked workbook with the problem cells marked and noted. */
  annotate?: string;
  /** `--ungrouped`: every finding on its own line, repeated ones not folded into one. */
  ungrouped: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Использование:
  svod check ФАЙЛ... [--format text|json] [--config svod.config.json] [--fix --out ИСПРАВЛЕННЫЙ.xlsx] [--fix-suggestions]
                        [--annotate С_ЗАМЕЧАНИЯМИ.xlsx] [--ungrouped]
  svod rules            список правил проверки
  svod --help           эта справка

Файлы: .xlsx, .ods и .csv (по содержимому, а не по имени). Код выхода: 0 — ошибок нет, 1 — есть ошибки, 2 — файл не прочитан или неверные параметры.
--annotate записывает копию книги: ячейки с замечаниями выделены цветом, в примечании — текст замечания,
на листе «Замечания Svod» — их список. Исходный файл не меняется.
--ungrouped показывает каждое замечание отдельной строкой (без него повторы одного правила сводятся в одну).
Настройки берутся из --config или из файла svod.config.json рядом с проверяемым файлом.`;

export function parseCliArgs(argv: string[]): CheckOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        config: { type: 'string' },
        fix: { type: 'boolean', default: false },
        'fix-suggestions': { type: 'boolean', default: false },
        out: { type: 'string' },
        annotate: { type: 'string' },
        ungrouped: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        'no-color': { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    const code = (e as NodeJS.ErrnoException).code;
    // «'--format <value>'», «'-x'»: the option as typed, without the placeholder Node adds.
    const option = /'([^' ]+)/.exec(text)?.[1];
    if (!option) throw new UsageError('Неверные параметры командной строки.');
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`Неизвестный параметр ${option}.`);
    if (/argument missing/.test(text)) throw new UsageError(`Для параметра ${option} не указано значение.`);
    if (/does not take an argument/.test(text)) throw new UsageError(`Параметр ${option} не принимает значения.`);
    throw new UsageError(`Неверный параметр ${option}.`);
  }
  const { values, positionals } = parsed;
  const [command, ...files] = positionals;
  if (values.help || command === undefined || command === 'help') return base('help');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError('Параметр --format принимает text или json.');
  if (command === 'rules') {
    if (files.length) throw new UsageError('Команда rules не принимает файлов.');
    return { ...base('rules'), format: values.format };
  }
  if (command !== 'check') throw new UsageError(`Неизвестная команда «${command}». Доступны: check, rules.`);
  if (files.length === 0) throw new UsageError('Укажите хотя бы один файл: svod check ФАЙЛ.xlsx');
  const fix = values.fix || values['fix-suggestions'];
  if (fix && !values.out) throw new UsageError('Для --fix укажите, куда записать исправленную копию: --out ИСПРАВЛЕННЫЙ.xlsx');
  if (values.out && !fix) throw new UsageError('Параметр --out используется вместе с --fix.');
  if (fix && files.length !== 1) throw new UsageError('Исправлять можно один файл за раз.');
  if (values.annotate !== undefined && files.length !== 1) throw new UsageError('Копию с замечаниями можно записать для одного файла за раз.');
  const options: CheckOptions = {
    command: 'check',
    files,
    format: values.format,
    fix,
    fixSuggestions: values['fix-suggestions'],
    color: !values['no-color'],
    ungrouped: values.ungrouped,
  };
  if (values.annotate !== undefined) options.annotate = values.annotate;
  if (values.config) options.config = values.config;
  if (values.out) options.out = values.out;
  return options;
}

function base(command: CheckOptions['command']): CheckOptions {
  return { command, files: [], format: 'text', fix: false, fixSuggestions: false, color: false, ungrouped: false };
}
