/**
 * The PostgreSQL store (issue #13): the `Store` of port.ts over one connection pool, for any number of server
 * processes sharing one database. What one process's lock used to order is ordered here by the database: a change
 * locks its row (SELECT … FOR UPDATE) inside its transaction, a new version locks its municipality's row, and unique
 * keys catch whatever would slip past.
 */
import pg from 'pg';
import type { PoolClient } from 'pg';
import type { Logger } from '../../http/log';
import type { LatestVersions, RegionSeed, Store, TokenScope, VersionDraft, VersionState } from '../port';
import type { MunicipalityRecord, SubmissionRecord, TokenRecord } from '../schema';
import { PostgresAudit } from './audit';
import { PostgresBlobs } from './blobs';
import { Db } from './db';
import { callback, CallbackError, openError } from './errors';
import { migrate, pendingMigrations, SchemaTooNewError } from './migrate';
import {
  assignments,
  MUNICIPALITY_COLUMNS,
  municipalityFromRow,
  municipalityParams,
  placeholders,
  REGION_COLUMNS,
  regionFromRow,
  regionParams,
  SUBMISSION_COLUMNS,
  submissionFromRow,
  submissionParams,
  TOKEN_COLUMNS,
  tokenFromRow,
  tokenParams,
  type MunicipalityRow,
  type RegionRow,
  type SubmissionRow,
  type TokenRow,
} from './records';
import { PostgresRateLimitStore } from './rate-limit';
import { checkSchemaName } from './sql';

export { migrate, pendingMigrations, SchemaTooNewError } from './migrate';
export { MissingBlobError } from './blobs';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:5432/database` (SVOD_DATABASE_URL). */
  connectionString: string;
  /** The schema the store's tables live in (every connection's search_path); created when missing. Default `public`. */
  schema?: string;
  /** Connections per process. Default 10. */
  poolSize?: number;
  /** Apply pending migrations on open (default). Without: a schema that is behind is refused. */
  migrate?: boolean;
  now?: () => Date;
  /** The rate limit's clock: the wall clock by default, which express-rate-limit words Retry-After against. */
  rateLimitNow?: () => Date;
  log?: Logger;
}

export type PostgresStore = Store & { readonly pool: pg.Pool; readonly schema: string };

/**
 * The schema a connection string names (`?options=-c search_path=svod`), so a URL that says where the tables are is
 * obeyed; null when it names none (or several: the first is the store's).
 */
function schemaInUrl(connectionString: string): string | null {
  let options: string | null;
  try {
    options = new URL(connectionString).searchParams.get('options');
  } catch {
    return null; // not a URL (a key=value string): pg reads it, and it names no schema for us
  }
  const m = options ? /search_path\s*=\s*"?([^\s,"]+)/.exec(options) : null;
  return m ? m[1]! : null;
}

/**
 * The connection string with the store's schema in its `options`: a URL's own `options` (`-c statement_timeout=…`)
 * take the place of the pool's, so the search_path is added to them rather than lost.
 */
function withSearchPath(connectionString: string, schema: string): string {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    return connectionString;
  }
  const options = url.searchParams.get('options');
  if (options === null || /search_path\s*=/.test(options)) return connectionString;
  url.searchParams.set('options', `${options} -c search_path=${schema}`);
  return url.toString();
}

/** How long one statement may take before its request fails with 503: far above any of Svod's own. */
const QUERY_TIMEOUT_MS = 10_000;

/** How long a connection may take to open, or a request wait for a free one, before it fails (a 503). */
const CONNECT_TIMEOUT_MS = 10_000;

export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const schema = checkSchemaName(options.schema ?? schemaInUrl(options.connectionString) ?? 'public');
  const now = options.now ?? (() => new Date());
  const log = options.log;
  const pool = new pg.Pool({
    connectionString: withSearchPath(options.connectionString, schema),
    max: options.poolSize ?? 10,
    options: `-c search_path=${schema}`,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // A database that stops answering (a partition, a frozen server) fails the query instead of holding the request
    // for ever; the connection is dropped and the pool opens a new one. Keep-alive notices a dead peer sooner.
    query_timeout: QUERY_TIMEOUT_MS,
    keepAlive: true,
    application_name: 'svod',
  });
  // An idle connection the server drops (a restart, a failover) must not end the process: the pool replaces it.
  pool.on('error', (e) => log?.warn('PostgreSQL connection lost', { error: e.message, code: (e as { code?: string }).code }));
  try {
    await pool.query('select 1');
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw openError(options.connectionString, e);
  }
  try {
    if (options.migrate ?? true) {
      const applied = await migrate(pool, schema);
      if (applied.length) log?.info('PostgreSQL schema migrated', { schema, versions: applied });
    } else {
      const pending = await pendingMigrations(pool, schema);
      if (pending.length) {
        throw new Error(
          `Схема «${schema}» базы данных PostgreSQL не обновлена: не применены миграции ${pending.map((m) => m.version).join(', ')}. ` +
            'Запустите сервер с применением миграций.',
        );
      }
    }
  } catch (e) {
    await pool.end().catch(() => undefined);
    if (e instanceof SchemaTooNewError || (e instanceof Error && !('code' in e))) throw e;
    throw new Error(`Не удалось обновить схему «${schema}» базы данных PostgreSQL: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  return createStore(pool, schema, now, options.rateLimitNow ?? (() => new Date()), log);
}

function createStore(pool: pg.Pool, schema: string, now: () => Date, rateLimitNow: () => Date, log: Logger | undefined): PostgresStore {
  const db = new Db(pool);
  const blobs = new PostgresBlobs(db);
  const audit = new PostgresAudit(db, now);
  let closing: Promise<void> | null = null;
  const onRetry = (what: string) => (e: unknown, attempt: number) =>
    log?.debug('PostgreSQL transaction retried', { what, attempt, code: (e as { code?: string }).code });

  const regionUpdate = assignments(REGION_COLUMNS, ['id']);
  const municipalityUpdate = assignments(MUNICIPALITY_COLUMNS, ['region_id', 'id']);
  const submissionUpdate = assignments(SUBMISSION_COLUMNS, ['id', 'region_id', 'municipality_id', 'version']);

  // A municipality's last version and its version under a key: read inside appendVersion's lock, and before it.
  const LAST_VERSION = `select ${SUBMISSION_COLUMNS} from submissions where region_id = $1 and municipality_id = $2 order by version desc limit 1`;
  const BY_KEY = `select ${SUBMISSION_COLUMNS} from submissions where region_id = $1 and municipality_id = $2 and idempotency_key = $3`;

  async function lastVersion(client: PoolClient, regionId: string, municipalityId: string): Promise<SubmissionRecord | null> {
    const rows = await client.query<SubmissionRow>(LAST_VERSION, [regionId, municipalityId]);
    return rows.rows[0] ? submissionFromRow(rows.rows[0]) : null;
  }

  async function versionByKey(client: PoolClient, regionId: string, municipalityId: string, key: string | null): Promise<SubmissionRecord | null> {
    if (key === null) return null;
    const rows = await client.query<SubmissionRow>(BY_KEY, [regionId, municipalityId, key]);
    return rows.rows[0] ? submissionFromRow(rows.rows[0]) : null;
  }

  const store: PostgresStore = {
    kind: 'postgres',
    pool,
    schema,
    blobs,
    audit,
    rateLimitStore: (prefix) => new PostgresRateLimitStore(db, prefix, rateLimitNow, log),

    async regions() {
      return (await db.query<RegionRow>('regions', `select ${REGION_COLUMNS} from regions order by seq`)).map(regionFromRow);
    },

    async region(regionId) {
      const rows = await db.query<RegionRow>('region', `select ${REGION_COLUMNS} from regions where id = $1`, [regionId]);
      return rows[0] ? regionFromRow(rows[0]) : null;
    },

    createRegion(seed: RegionSeed) {
      return db.transaction('createRegion', async (client) => {
        const inserted = await client.query(
          `insert into regions (${REGION_COLUMNS}) values (${placeholders(REGION_COLUMNS)}) on conflict (id) do nothing`,
          regionParams(seed.region),
        );
        if (!inserted.rowCount) return false;
        for (const m of seed.municipalities) {
          await client.query(`insert into municipalities (${MUNICIPALITY_COLUMNS}) values (${placeholders(MUNICIPALITY_COLUMNS)})`, municipalityParams(m));
        }
        for (const t of seed.tokens) await client.query(`insert into tokens (${TOKEN_COLUMNS}) values (${placeholders(TOKEN_COLUMNS)})`, tokenParams(t));
        return true;
      });
    },

    updateRegion(regionId, change) {
      return db.transaction('updateRegion', async (client) => {
        const rows = await client.query<RegionRow>(`select ${REGION_COLUMNS} from regions where id = $1 for update`, [regionId]);
        if (!rows.rows[0]) return null;
        const before = regionFromRow(rows.rows[0]);
        const region = structuredClone(before);
        callback(() => change(region));
        const params = regionParams(region);
        const updated = await client.query<RegionRow>(
          `update regions set ${regionUpdate.sql} where id = $${regionUpdate.indexes.length + 1} returning ${REGION_COLUMNS}`,
          [...regionUpdate.indexes.map((i) => params[i]), regionId],
        );
        return regionFromRow(updated.rows[0]!);
      });
    },

    async tokenByHash(hash) {
      const rows = await db.query<TokenRow>('tokenByHash', `select ${TOKEN_COLUMNS} from tokens where hash = $1`, [hash]);
      return rows[0] ? tokenFromRow(rows[0]) : null;
    },

    async liveTokens(regionId) {
      const rows = await db.query<TokenRow>('liveTokens', `select ${TOKEN_COLUMNS} from tokens where region_id = $1 and revoked_at is null order by seq`, [regionId]);
      return rows.map(tokenFromRow);
    },

    replaceTokens(scope: TokenScope, token: TokenRecord | null, at: string) {
      return db.transaction('replaceTokens', async (client) => {
        const [where, params, lockKey] =
          scope.role === 'coordinator'
            ? ['role = $1 and region_id = $2', [scope.role, scope.regionId], `coordinator:${scope.regionId}`]
            : scope.role === 'municipality'
              ? ['role = $1 and region_id = $2 and municipality_id = $3', [scope.role, scope.regionId, scope.municipalityId], `municipality:${scope.regionId}:${scope.municipalityId}`]
              : ['role = $1', [scope.role], 'federal'];
        // One replacement of a scope at a time: the second one's revocation then sees (and revokes) the first's token,
        // which a plain UPDATE, reading the rows as they were when it started, would not.
        await client.query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [`svod_tokens:${lockKey}`]);
        const revoked = await client.query(`update tokens set revoked_at = $${params.length + 1} where ${where} and revoked_at is null`, [...params, at]);
        if (token) await client.query(`insert into tokens (${TOKEN_COLUMNS}) values (${placeholders(TOKEN_COLUMNS)})`, tokenParams(token));
        return revoked.rowCount ?? 0;
      });
    },

    async municipalities(regionId) {
      const rows = await db.query<MunicipalityRow>('municipalities', `select ${MUNICIPALITY_COLUMNS} from municipalities where region_id = $1 order by seq`, [regionId]);
      return rows.map(municipalityFromRow);
    },

    async municipality(regionId, id) {
      const rows = await db.query<MunicipalityRow>('municipality', `select ${MUNICIPALITY_COLUMNS} from municipalities where region_id = $1 and id = $2`, [regionId, id]);
      return rows[0] ? municipalityFromRow(rows[0]) : null;
    },

    addMunicipality(record: MunicipalityRecord, token: TokenRecord) {
      return db.transaction('addMunicipality', async (client) => {
        const inserted = await client.query(
          `insert into municipalities (${MUNICIPALITY_COLUMNS}) values (${placeholders(MUNICIPALITY_COLUMNS)}) on conflict (region_id, id) do nothing`,
          municipalityParams(record),
        );
        if (!inserted.rowCount) return false;
        await client.query(`insert into tokens (${TOKEN_COLUMNS}) values (${placeholders(TOKEN_COLUMNS)})`, tokenParams(token));
        return true;
      });
    },

    updateMunicipality(regionId, id, change) {
      return db.transaction('updateMunicipality', async (client) => {
        const rows = await client.query<MunicipalityRow>(`select ${MUNICIPALITY_COLUMNS} from municipalities where region_id = $1 and id = $2 for update`, [regionId, id]);
        if (!rows.rows[0]) return null;
        const before = municipalityFromRow(rows.rows[0]);
        const municipality = structuredClone(before);
        callback(() => change(municipality));
        const params = municipalityParams(municipality);
        const n = municipalityUpdate.indexes.length;
        const updated = await client.query<MunicipalityRow>(
          `update municipalities set ${municipalityUpdate.sql} where region_id = $${n + 1} and id = $${n + 2} returning ${MUNICIPALITY_COLUMNS}`,
          [...municipalityUpdate.indexes.map((i) => params[i]), regionId, id],
        );
        return municipalityFromRow(updated.rows[0]!);
      });
    },

    async submissions(regionId, municipalityId) {
      const rows =
        municipalityId === undefined
          ? await db.query<SubmissionRow>('submissions', `select ${SUBMISSION_COLUMNS} from submissions where region_id = $1 order by seq`, [regionId])
          : await db.query<SubmissionRow>(
              'submissions',
              `select ${SUBMISSION_COLUMNS} from submissions where region_id = $1 and municipality_id = $2 order by seq`,
              [regionId, municipalityId],
            );
      return rows.map(submissionFromRow);
    },

    async submission(regionId, id) {
      const rows = await db.query<SubmissionRow>('submission', `select ${SUBMISSION_COLUMNS} from submissions where region_id = $1 and id = $2`, [regionId, id]);
      return rows[0] ? submissionFromRow(rows[0]) : null;
    },

    async latest(regionId) {
      // Both per municipality in one statement; in the municipalities' order, so whoever iterates the map sees the
      // same order in every process.
      const rows = await db.query<SubmissionRow & { which: 'last' | 'accepted' }>(
        'latest',
        `select v.* from (
           (select distinct on (municipality_id) 'last' as which, ${SUBMISSION_COLUMNS}
              from submissions where region_id = $1 order by municipality_id, version desc)
           union all
           (select distinct on (municipality_id) 'accepted' as which, ${SUBMISSION_COLUMNS}
              from submissions where region_id = $1 and status = 'accepted' order by municipality_id, version desc)
         ) v join municipalities m on m.region_id = v.region_id and m.id = v.municipality_id
         order by m.seq, v.which desc`,
        [regionId],
      );
      const latest = new Map<string, LatestVersions>();
      for (const row of rows) {
        const record = submissionFromRow(row);
        if (row.which === 'last') latest.set(record.municipalityId, { last: record, accepted: null });
        else {
          const entry = latest.get(record.municipalityId)!;
          entry.accepted = entry.last?.id === record.id ? entry.last : record;
        }
      }
      return latest;
    },

    async versionState(regionId, municipalityId, idempotencyKey) {
      const [last, byKey] = await Promise.all([
        db.query<SubmissionRow>('versionState', LAST_VERSION, [regionId, municipalityId]),
        idempotencyKey === null ? Promise.resolve([]) : db.query<SubmissionRow>('versionState', BY_KEY, [regionId, municipalityId, idempotencyKey]),
      ]);
      return { last: last[0] ? submissionFromRow(last[0]) : null, byKey: byKey[0] ? submissionFromRow(byKey[0]) : null };
    },

    appendVersion(regionId: string, municipalityId: string, idempotencyKey: string | null, decide: (state: VersionState) => SubmissionRecord | VersionDraft) {
      return db.transaction(
        'appendVersion',
        async (client) => {
          // The municipality's row is its lock: versions of one municipality commit one after the other, in any
          // process; the reads below run after the lock is held, so they see every version committed before.
          const locked = await client.query(`select 1 from municipalities where region_id = $1 and id = $2 for update`, [regionId, municipalityId]);
          if (!locked.rowCount) throw new CallbackError(new Error(`appendVersion: no municipality ${municipalityId} in region ${regionId}`));
          const last = await lastVersion(client, regionId, municipalityId);
          const byKey = await versionByKey(client, regionId, municipalityId, idempotencyKey);
          const decided = callback(() => decide({ last, byKey }));
          if ('version' in decided) return { record: decided, created: false };
          // Filed under the municipality whose lock is held, whatever the draft says.
          const record: SubmissionRecord = { ...decided, regionId, municipalityId, version: (last?.version ?? 0) + 1 };
          const inserted = await client.query<SubmissionRow>(
            `insert into submissions (${SUBMISSION_COLUMNS}) values (${placeholders(SUBMISSION_COLUMNS)}) returning ${SUBMISSION_COLUMNS}`,
            submissionParams(record),
          );
          return { record: submissionFromRow(inserted.rows[0]!), created: true };
        },
        onRetry('appendVersion'),
      );
    },

    updateSubmission(regionId, id, change) {
      return db.transaction('updateSubmission', async (client) => {
        const rows = await client.query<SubmissionRow>(`select ${SUBMISSION_COLUMNS} from submissions where region_id = $1 and id = $2 for update`, [regionId, id]);
        if (!rows.rows[0]) return null;
        const before = submissionFromRow(rows.rows[0]);
        const submission = structuredClone(before);
        callback(() => change(submission));
        const params = submissionParams(submission);
        const n = submissionUpdate.indexes.length;
        const updated = await client.query<SubmissionRow>(
          `update submissions set ${submissionUpdate.sql} where region_id = $${n + 1} and id = $${n + 2} returning ${SUBMISSION_COLUMNS}`,
          [...submissionUpdate.indexes.map((i) => params[i]), regionId, id],
        );
        return submissionFromRow(updated.rows[0]!);
      });
    },

    close() {
      closing ??= pool.end();
      return closing;
    },
  };
  return store;
}
