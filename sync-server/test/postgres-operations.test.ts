/**
 * Running on PostgreSQL, as an operator does it (issue #13): the start refuses a bad setting or an unreachable
 * database in Russian, without the password; `npm run migrate` checks and applies the schema; the token commands work
 * on the database while servers run (no directory lock); the data-directory backup says to use pg_dump instead.
 */
import { createLogger } from '../src/http/log';
import { StartupError, startServer, openConfiguredStore, type ServerEnv } from '../src/server';
import { main } from '../src/tools/cli';
import { hashToken } from '../src/auth/tokens';
import { COORDINATOR, FEDERAL } from './helpers';
import { freshSchema, testDatabaseUrl } from './support/postgres';

/** `main` of the tools' CLI with its output caught. */
async function cli(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((err += String(c)), true));
  try {
    return { code: await main(argv, env), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** The database URL with a schema named in it, as an operator may write it. */
const withSchema = (schema: string) => {
  const url = new URL(testDatabaseUrl());
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
};

describe('starting on PostgreSQL', () => {
  it.each<[string, Partial<ServerEnv>, RegExp]>([
    ['a pool size that is not a number', { SVOD_DATABASE_POOL: 'много' }, /^SVOD_DATABASE_POOL: «много» — нужно целое число соединений от 1 до 500\.$/],
    ['a region id with Cyrillic letters', { SVOD_REGION_ID: 'камчатка' }, /^SVOD_REGION_ID: «камчатка» — не годится/],
    ['the federal token equal to the coordinator’s', { SVOD_COORDINATOR_TOKEN: COORDINATOR, SVOD_FEDERAL_TOKEN: COORDINATOR }, /^SVOD_FEDERAL_TOKEN совпадает с SVOD_COORDINATOR_TOKEN/],
    ['a short federal token', { SVOD_FEDERAL_TOKEN: 'svod_short' }, /^SVOD_FEDERAL_TOKEN слишком короткий/],
    ['a rate limit that is not a number', { SVOD_RATE_LIMIT_PER_MINUTE: 'много' }, /^SVOD_RATE_LIMIT_PER_MINUTE: «много»/],
  ])('refuses %s, in Russian', async (_what, env, message) => {
    const start = startServer({ PORT: '0', HOST: '127.0.0.1', SVOD_LOG_LEVEL: 'silent', SVOD_DATABASE_URL: testDatabaseUrl(), ...env });
    await expect(start).rejects.toThrow(StartupError);
    await expect(start).rejects.toThrow(message);
  });

  it('says which database it could not reach, never its password', async () => {
    const env: ServerEnv = { SVOD_DATABASE_URL: 'postgres://svod:very-secret-password@127.0.0.1:1/svod' };
    const opened = openConfiguredStore(env, '', createLogger('silent'));
    await expect(opened).rejects.toThrow(StartupError);
    const error = (await opened.catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/PostgreSQL/);
    expect(error.message).toContain('127.0.0.1');
    expect(error.message).not.toContain('very-secret-password');
  });

  it('opens the schema a URL names, and the schema SVOD_DATABASE_SCHEMA names', async () => {
    for (const how of ['url', 'variable'] as const) {
      const { schema, drop } = await freshSchema();
      try {
        const env: ServerEnv = how === 'url' ? { SVOD_DATABASE_URL: withSchema(schema) } : { SVOD_DATABASE_URL: testDatabaseUrl(), SVOD_DATABASE_SCHEMA: schema };
        const store = await openConfiguredStore(env, '', createLogger('silent'));
        const { rows } = await (store as unknown as { pool: import('pg').Pool }).pool.query<{ n: string }>(
          'select count(*) as n from information_schema.tables where table_schema = $1 and table_name = $2',
          [schema, 'submissions'],
        );
        await store.close();
        expect([how, rows[0]!.n]).toEqual([how, '1']);
      } finally {
        await drop();
      }
    }
  });
});

describe('the operator’s commands on PostgreSQL', () => {
  let schema: string;
  let drop: () => Promise<void>;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    ({ schema, drop } = await freshSchema());
    env = { SVOD_DATABASE_URL: testDatabaseUrl(), SVOD_DATABASE_SCHEMA: schema };
  });
  afterEach(() => drop());

  it('npm run migrate: --check lists what is missing, migrate applies it once', async () => {
    const before = await cli(['migrate', '--check'], env);
    expect([before.code, before.out]).toEqual([1, expect.stringMatching(/^Не применены миграции схемы «t_[0-9a-f]+»: 1 \(initial\)\.\n$/)]);
    const applied = await cli(['migrate'], env);
    expect([applied.code, applied.out]).toEqual([0, `Применены миграции схемы «${schema}»: 1.\n`]);
    expect((await cli(['migrate'], env)).out).toBe(`Схема «${schema}» уже обновлена: применять нечего.\n`);
    expect(await cli(['migrate', '--check'], env)).toEqual({ code: 0, out: `Схема «${schema}» обновлена: все миграции применены.\n`, err: '' });
    const lowdb = await cli(['migrate'], {});
    expect([lowdb.code, lowdb.err]).toEqual([2, expect.stringMatching(/^SVOD_DATABASE_URL не задан/)]);
  });

  it('issues a federal token and a region’s coordinator token while a server runs, revoking the old ones', async () => {
    const server = await startServer({ PORT: '0', HOST: '127.0.0.1', SVOD_LOG_LEVEL: 'silent', SVOD_DEMO: '0', SVOD_COORDINATOR_TOKEN: COORDINATOR, SVOD_FEDERAL_TOKEN: FEDERAL, ...env });
    try {
      const url = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
      const get = (path: string, token: string) => fetch(`${url}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } });
      const created = await fetch(`${url}/api/v1/federal/regions`, { method: 'POST', headers: { Authorization: `Bearer ${FEDERAL}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 'north', name: 'Северный край' }) });
      expect(created.status).toBe(201);
      const north = ((await created.json()) as { coordinatorToken: string }).coordinatorToken;

      const federal = await cli(['federal-token'], env);
      expect(federal.code).toBe(0);
      const token = /^\s+(svod_\S+)$/m.exec(federal.out)![1]!;
      expect(federal.out).toContain('Прежние токены (1) больше не действуют.');
      expect((await get('/federal/regions', FEDERAL)).status).toBe(401);
      expect((await get('/federal/regions', token)).status).toBe(200);

      // Two regions: the command must be told whose coordinator; the other region's token stays.
      const ambiguous = await cli(['coordinator-token'], env);
      expect([ambiguous.code, ambiguous.err]).toEqual([1, expect.stringMatching(/несколько регионов \(region, north\): укажите, чей токен выдать, через --region КОД/)]);
      const reset = await cli(['coordinator-token', '--region', 'north'], env);
      expect(reset.code).toBe(0);
      const fresh = /^\s+(svod_\S+)$/m.exec(reset.out)![1]!;
      expect((await get('/region', north)).status).toBe(401);
      expect((await get('/region', fresh)).status).toBe(200);
      expect((await get('/region', COORDINATOR)).status).toBe(200);
      expect((await server.store.tokenByHash(hashToken(fresh)))!.regionId).toBe('north');
    } finally {
      await server.stop();
    }
  });

  it('sends backup and restore to pg_dump and pg_restore', async () => {
    const backup = await cli(['backup', '/tmp/never'], env);
    expect([backup.code, backup.err]).toEqual([2, expect.stringMatching(/pg_dump --format=custom/)]);
    const restore = await cli(['restore', '/tmp/never'], env);
    expect([restore.code, restore.err]).toEqual([2, expect.stringMatching(/pg_restore/)]);
  });
});
