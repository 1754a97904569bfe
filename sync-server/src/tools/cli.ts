/**
 * `npm run backup -- DIR`, `npm run restore -- DIR` (see backup.ts) and `npm run coordinator-token`
 * (coordinator-token.ts). The data directory is SVOD_DATA_DIR (default
 * ./data, as for the server) or `--data PATH`; DIR is taken relative to where the command was typed.
 */
import { resolve } from 'node:path';
import { DataDirLockedError } from '../store/lock';
import { backupDataDir, BackupError, describeBackup, restoreDataDir } from './backup';
import { issueFederalToken, issueFederalTokenInDir, resetCoordinatorToken, resetIn, TokenResetError } from './coordinator-token';
import pg from 'pg';
import { createLogger } from '../http/log';
import { migrate, pendingMigrations } from '../store/postgres';
import { checkSchemaName } from '../store/postgres/sql';
import { openConfiguredStore, type ServerEnv } from '../server';
import type { Store } from '../store/store';

const USAGE = {
  backup: 'Использование: npm run backup -- КАТАЛОГ_КОПИИ [--data КАТАЛОГ_ДАННЫХ]. Копия делается и при работающем сервере; каталог копии должен быть новым или пустым.',
  restore: 'Использование: npm run restore -- КАТАЛОГ_КОПИИ [--data КАТАЛОГ_ДАННЫХ]. Восстанавливает в новый или пустой каталог данных, где не работает сервер.',
  'coordinator-token':
    'Использование: npm run coordinator-token [-- --data КАТАЛОГ_ДАННЫХ] [--region КОД]. Выдаёт новый токен координатора региона, если прежний потерян; все прежние токены координатора этого региона перестают действовать. С каталогом данных сервер на это время нужно остановить; с PostgreSQL (SVOD_DATABASE_URL) — не нужно.',
  migrate:
    'Использование: npm run migrate [-- --check]. Применяет к базе данных PostgreSQL (SVOD_DATABASE_URL, схема SVOD_DATABASE_SCHEMA) миграции, которых в ней ещё нет; с --check только перечисляет их и завершается с кодом 1, если они есть. Сервер применяет их и сам при запуске.',
  'federal-token':
    'Использование: npm run federal-token [-- --data КАТАЛОГ_ДАННЫХ]. Выдаёт новый токен федерального координатора; прежние федеральные токены перестают действовать. С каталогом данных сервер на это время нужно остановить; с PostgreSQL (SVOD_DATABASE_URL) — не нужно.',
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
  let region: string | undefined;
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
    else if (a === '--region' && command === 'coordinator-token') {
      region = rest[++i];
      if (!region) {
        process.stderr.write(`После --region укажите код региона.\n${USAGE[command]}\n`);
        return 2;
      }
    }
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE[command]}\n`);
      return 0;
    } else positional.push(a);
  }
  if (command === 'migrate') return migrateCommand(env, rest.includes('--check'));
  if (command === 'coordinator-token' || command === 'federal-token') {
    if (positional.length > 0) {
      process.stderr.write(`Лишние слова: ${positional.join(' ')}.\n${USAGE[command]}\n`);
      return 2;
    }
    if (env.SVOD_DATABASE_URL) return tokenInDatabase(command, env, region);
    if (command === 'federal-token') return federalTokenInDir(resolve(dataDir));
    return coordinatorToken(resolve(dataDir), positional, region);
  }
  if (env.SVOD_DATABASE_URL) {
    // PostgreSQL keeps no data directory: its own tools copy it whole and consistently.
    process.stderr.write(
      command === 'backup'
        ? 'SVOD_DATABASE_URL задан: данные в PostgreSQL, каталога данных нет. Копию делает pg_dump, например: pg_dump --format=custom --file=svod.dump "$SVOD_DATABASE_URL" (см. README, «PostgreSQL»).\n'
        : 'SVOD_DATABASE_URL задан: данные в PostgreSQL. Восстанавливает pg_restore в новую базу, например: pg_restore --dbname=НОВАЯ_БАЗА svod.dump (см. README, «PostgreSQL»).\n',
    );
    return 2;
  }
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

/** `npm run migrate`: what the server does at start, for an operator who wants it done (or checked) apart. */
async function migrateCommand(env: NodeJS.ProcessEnv, check: boolean): Promise<number> {
  if (!env.SVOD_DATABASE_URL) {
    process.stderr.write('SVOD_DATABASE_URL не задан. Каталогу данных (lowdb) миграции не нужны: сервер обновляет его файл сам при запуске.\n');
    return 2;
  }
  const schema = checkSchemaName(env.SVOD_DATABASE_SCHEMA || 'public');
  const pool = new pg.Pool({ connectionString: env.SVOD_DATABASE_URL, max: 1, options: `-c search_path=${schema}`, application_name: 'svod-migrate' });
  try {
    if (check) {
      const pending = await pendingMigrations(pool, schema);
      process.stdout.write(pending.length ? `Не применены миграции схемы «${schema}»: ${pending.map((m) => `${m.version} (${m.name})`).join(', ')}.\n` : `Схема «${schema}» обновлена: все миграции применены.\n`);
      return pending.length ? 1 : 0;
    }
    const applied = await migrate(pool, schema);
    process.stdout.write(applied.length ? `Применены миграции схемы «${schema}»: ${applied.join(', ')}.\n` : `Схема «${schema}» уже обновлена: применять нечего.\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`Миграции не применены: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    await pool.end().catch(() => undefined);
  }
}

/** The saying of a new token: shown once, and what it replaced. */
function shownToken(who: string, where: string, token: string, revoked: number): string {
  return (
    `Новый токен ${who} для ${where}:\n\n  ${token}\n\n` +
    `Сохраните его сейчас: он показан один раз. ${revoked ? `Прежние токены (${revoked}) больше не действуют.` : ''}\n`
  );
}

/** Either token in PostgreSQL, while servers run: the store's transaction revokes and issues in one step. */
async function tokenInDatabase(command: 'coordinator-token' | 'federal-token', env: NodeJS.ProcessEnv, region: string | undefined): Promise<number> {
  let store: Store | null = null;
  try {
    store = await openConfiguredStore(env as ServerEnv, '', createLogger('silent'));
    const where = 'базы данных PostgreSQL';
    if (command === 'federal-token') {
      const { token, revoked } = await issueFederalToken(store, () => new Date());
      process.stdout.write(shownToken('федерального координатора', where, token, revoked));
    } else {
      const { token, revoked } = await resetIn(store, () => new Date(), region, 'В базе данных');
      process.stdout.write(shownToken('координатора', where, token, revoked));
    }
    return 0;
  } catch (e) {
    process.stderr.write(`Новый токен не выдан: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    await store?.close();
  }
}

async function federalTokenInDir(data: string): Promise<number> {
  try {
    const { token, revoked } = await issueFederalTokenInDir(data);
    process.stdout.write(shownToken('федерального координатора', data, token, revoked));
    return 0;
  } catch (e) {
    const hint = e instanceof DataDirLockedError ? ' Остановите сервер и повторите команду.' : '';
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}${hint}\n`);
    return 1;
  }
}

async function coordinatorToken(data: string, positional: readonly string[], region?: string): Promise<number> {
  if (positional.length > 0) {
    process.stderr.write(`Лишние слова: ${positional.join(' ')}.\n${USAGE['coordinator-token']}\n`);
    return 2;
  }
  try {
    const { token, revoked } = await resetCoordinatorToken(data, undefined, region);
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
