/**
 * `npm run backup -- DIR`, `npm run restore -- DIR` (see backup.ts) and `npm run coordinator-token`
 * (coordinator-token.ts). The data directory is SVOD_DATA_DIR (default
 * ./data, as for the server) or `--data PATH`; DIR is taken relative to where the command was typed.
 */
import { resolve } from 'node:path';
import { DataDirLockedError } from '../store/lock';
import { backupDataDir, BackupError, describeBackup, restoreDataDir } from './backup';
import { resetCoordinatorToken, TokenResetError } from './coordinator-token';

const USAGE = {
  backup: 'Использование: npm run backup -- КАТАЛОГ_КОПИИ [--data КАТАЛОГ_ДАННЫХ]. Копия делается и при работающем сервере; каталог копии должен быть новым или пустым.',
  restore: 'Использование: npm run restore -- КАТАЛОГ_КОПИИ [--data КАТАЛОГ_ДАННЫХ]. Восстанавливает в новый или пустой каталог данных, где не работает сервер.',
  'coordinator-token':
    'Использование: npm run coordinator-token [-- --data КАТАЛОГ_ДАННЫХ]. Выдаёт новый токен координатора, если прежний потерян; все прежние токены координатора перестают действовать. Сервер на это время нужно остановить.',
};

type Command = keyof typeof USAGE;
const isCommand = (c: string | undefined): c is Command => c !== undefined && Object.hasOwn(USAGE, c);

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...rest] = argv;
  if (!isCommand(command)) {
    process.stderr.write(`${Object.values(USAGE).join('\n')}\n`);
    return 2;
  }
  let dataDir = env.SVOD_DATA_DIR || 'data';
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--data') {
      const v = rest[++i];
      if (!v) {
        process.stderr.write(`После --data укажите каталог данных.\n${USAGE[command]}\n`);
        return 2;
      }
      dataDir = v;
    } else if (a.startsWith('--data=')) dataDir = a.slice('--data='.length);
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE[command]}\n`);
      return 0;
    } else positional.push(a);
  }
  if (command === 'coordinator-token') return coordinatorToken(resolve(dataDir), positional);
  if (positional.length !== 1) {
    process.stderr.write(`${positional.length ? 'Укажите один каталог копии.' : 'Укажите каталог копии.'}\n${USAGE[command]}\n`);
    return 2;
  }
  // npm runs scripts in the project root; INIT_CWD is where the command was typed.
  const backupDir = resolve(env.INIT_CWD ?? process.cwd(), positional[0]!);
  const data = resolve(dataDir);
  try {
    if (command === 'backup') {
      const done = await backupDataDir(data, backupDir);
      process.stdout.write(`Резервная копия ${data} готова: ${done.dir} — ${describeBackup(done)}.\n`);
    } else {
      const done = await restoreDataDir(backupDir, data);
      process.stdout.write(`Восстановлено в ${done.dir} из ${backupDir}: ${describeBackup(done)}. Запустите сервер с SVOD_DATA_DIR=${done.dir}.\n`);
    }
    return 0;
  } catch (e) {
    if (e instanceof BackupError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    const what = command === 'backup' ? 'Резервная копия не сделана' : 'Восстановление не выполнено';
    const code = (e as NodeJS.ErrnoException | undefined)?.code;
    process.stderr.write(`${what}: ошибка файловой системы${code ? ` (${code})` : ''}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

async function coordinatorToken(data: string, positional: readonly string[]): Promise<number> {
  if (positional.length > 0) {
    process.stderr.write(`Лишние слова: ${positional.join(' ')}.\n${USAGE['coordinator-token']}\n`);
    return 2;
  }
  try {
    const { token, revoked } = await resetCoordinatorToken(data);
    process.stdout.write(
      `Новый токен координатора для ${data}:\n\n  ${token}\n\n` +
        `Сохраните его сейчас: он показан один раз. ${revoked ? `Прежние токены координатора (${revoked}) больше не действуют.` : ''} ` +
        'Запустите сервер и войдите с новым токеном.\n',
    );
    return 0;
  } catch (e) {
    if (e instanceof TokenResetError || e instanceof DataDirLockedError) {
      const hint = e instanceof DataDirLockedError ? ' Остановите сервер и повторите команду.' : '';
      process.stderr.write(`${e.message}${hint}\n`);
      return 1;
    }
    const code = (e as NodeJS.ErrnoException | undefined)?.code;
    process.stderr.write(`Новый токен не выдан: ошибка файловой системы${code ? ` (${code})` : ''}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((status) => process.exit(status));
}
