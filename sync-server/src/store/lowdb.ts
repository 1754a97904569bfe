/**
 * The embedded store (the default): everything in one data directory — db.json (lowdb, written durably with group
 * commit), content-addressed blobs, the audit log — locked against a second process. One process at a time: the lock
 * and this process's queues stand in for the database's transactions (`postgres/` is for several processes).
 *
 * Writing: a change is applied to a copy, put in place and written in the same synchronous step. A write that fails
 * rolls the data back to what is on disk and throws a `StorageError` (503), so no answer is given from a change that is
 * not stored.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { AuditLog } from './audit';
import { BlobStore } from './blobs';
import { DurableJSONFile, isTempName } from './durable-file';
import { nodeFs, type StoreFs } from './fs';
import { lockDataDir } from './lock';
import type { LatestVersions, RegionSeed, Store, TokenScope, VersionDraft, VersionState } from './port';
import { DEFAULT_REGION_ID, EMPTY, type Data, type MunicipalityRecord, type RegionRecord, type SubmissionRecord, type TokenRecord } from './schema';

export interface LowdbStore extends Store {
  readonly kind: 'lowdb';
  /** The data directory. */
  readonly dir: string;
  /** The data itself, for the backup and for tests that inspect what is on disk; services go through `Store`. */
  readonly db: Low<Data>;
  readonly blobs: BlobStore;
  readonly audit: AuditLog;
}

export interface LowdbOptions {
  /** The file system under the store; tests put a fault-injecting one here. */
  fs?: StoreFs;
  /** The id a schema-1 store's one region gets on upgrade (SVOD_REGION_ID). */
  regionId?: string;
}

/** Temp files of writes a crash cut short: in the data directory and in the blob shards. Only the lock holder may. */
async function sweepTempFiles(dir: string, fs: StoreFs): Promise<void> {
  const sweep = async (d: string) => {
    for (const name of await fs.readdir(d).catch(() => [] as string[])) {
      if (isTempName(name)) await fs.unlink(join(d, name)).catch(() => undefined);
    }
  };
  await sweep(dir);
  const blobs = join(dir, 'blobs');
  for (const shard of await fs.readdir(blobs).catch(() => [] as string[])) if (/^[0-9a-f]{2}$/.test(shard)) await sweep(join(blobs, shard));
}

/** db.json as an older server left it: schema 1 held one region and records without region ids. */
interface DataV1 {
  schema: 1;
  region: Omit<RegionRecord, 'id'> | null;
  tokens: Array<Omit<TokenRecord, 'regionId'>>;
  municipalities: Array<Omit<MunicipalityRecord, 'regionId'>>;
  submissions: Array<Omit<SubmissionRecord, 'regionId'>>;
}

/** Schema 1 → 2: the one region gets an id, and every record the region it belongs to. Nothing else changes. */
export function upgradeData(read: Data | DataV1, regionId: string = DEFAULT_REGION_ID): { data: Data; upgraded: boolean } {
  if (read.schema === 2) return { data: read, upgraded: false };
  return {
    upgraded: true,
    data: {
      schema: 2,
      regions: read.region ? [{ id: regionId, ...read.region }] : [],
      // A store without a region has no records that could belong to one.
      tokens: read.tokens.map((t) => ({ ...t, regionId: t.role === 'federal' ? null : regionId })),
      municipalities: read.municipalities.map((m) => ({ ...m, regionId })),
      submissions: read.submissions.map((s) => ({ ...s, regionId })),
    },
  };
}

export async function openLowdbStore(dir: string, now: () => Date = () => new Date(), options: LowdbOptions = {}): Promise<LowdbStore> {
  const fs = options.fs ?? nodeFs;
  await mkdir(join(dir, 'blobs'), { recursive: true, mode: 0o700 });
  const release = await lockDataDir(dir);
  try {
    await sweepTempFiles(dir, fs);
    // Not JSONFilePreset: it silently keeps data in memory when NODE_ENV=test.
    const adapter = new DurableJSONFile<Data>(join(dir, 'db.json'), fs);
    const db = new Low<Data>(adapter, structuredClone(EMPTY));
    await db.read();
    const { data, upgraded } = upgradeData((db.data as Data | DataV1 | null) ?? structuredClone(EMPTY), options.regionId);
    db.data = data;
    adapter.baseline(db.data);
    // Written at once: the upgraded file is what a backup made from now on copies.
    if (upgraded) await db.write();
    const audit = new AuditLog(join(dir, 'audit.jsonl'), now, fs);
    return new LowdbStoreImpl(dir, db, new BlobStore(join(dir, 'blobs'), fs), audit, async () => {
      await adapter.idle();
      await audit.close();
      await release();
    });
  } catch (e) {
    await release();
    throw e;
  }
}

/** Key fields no change may move: a record stays where it is filed. */
function keep<T extends object>(record: T, changed: T, keys: ReadonlyArray<keyof T>): T {
  for (const k of keys) changed[k] = record[k];
  return changed;
}

class LowdbStoreImpl implements LowdbStore {
  readonly kind = 'lowdb';
  /** Per municipality, the tail of its queue of version commits (see `appendVersion`). */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    readonly dir: string,
    readonly db: Low<Data>,
    readonly blobs: BlobStore,
    readonly audit: AuditLog,
    private readonly release: () => Promise<void>,
  ) {}

  private get data(): Data {
    return this.db.data;
  }

  rateLimitStore(): null {
    return null; // one process: express-rate-limit's memory store is the shared one
  }

  async regions(): Promise<RegionRecord[]> {
    return this.data.regions;
  }

  async region(regionId: string): Promise<RegionRecord | null> {
    return this.data.regions.find((r) => r.id === regionId) ?? null;
  }

  async createRegion(seed: RegionSeed): Promise<boolean> {
    const data = this.data;
    if (data.regions.some((r) => r.id === seed.region.id)) return false;
    data.regions.push(seed.region);
    data.municipalities.push(...seed.municipalities);
    data.tokens.push(...seed.tokens);
    await this.db.write();
    return true;
  }

  /** Applies `change` to a copy of `list[index]` and writes it in its place; the change throwing stores nothing. */
  private async change<T extends object>(list: T[], index: number, change: (record: T) => void, keys: ReadonlyArray<keyof T>): Promise<T | null> {
    const record = list[index];
    if (record === undefined) return null;
    const copy = structuredClone(record);
    change(copy);
    list[index] = keep(record, copy, keys);
    await this.db.write();
    return list[index]!;
  }

  updateRegion(regionId: string, change: (region: RegionRecord) => void): Promise<RegionRecord | null> {
    const list = this.data.regions;
    return this.change(list, list.findIndex((r) => r.id === regionId), change, ['id']);
  }

  async tokenByHash(hash: string): Promise<TokenRecord | null> {
    // A live record wins over a revoked one with the same hash (a token reset to a value it once had).
    let found: TokenRecord | null = null;
    for (const t of this.data.tokens) if (t.hash === hash && (!found || t.revokedAt === null)) found = t;
    return found;
  }

  async liveTokens(regionId: string): Promise<TokenRecord[]> {
    return this.data.tokens.filter((t) => t.regionId === regionId && t.revokedAt === null);
  }

  async replaceTokens(scope: TokenScope, token: TokenRecord | null, at: string): Promise<number> {
    const data = this.data;
    let revoked = 0;
    data.tokens = data.tokens.map((t) => {
      if (t.revokedAt !== null || !inScope(t, scope)) return t;
      revoked++;
      return { ...t, revokedAt: at };
    });
    if (token) data.tokens.push(token);
    await this.db.write();
    return revoked;
  }

  async municipalities(regionId: string): Promise<MunicipalityRecord[]> {
    return this.data.municipalities.filter((m) => m.regionId === regionId);
  }

  async municipality(regionId: string, id: string): Promise<MunicipalityRecord | null> {
    return this.data.municipalities.find((m) => m.regionId === regionId && m.id === id) ?? null;
  }

  async addMunicipality(record: MunicipalityRecord, token: TokenRecord): Promise<boolean> {
    const data = this.data;
    if (data.municipalities.some((m) => m.regionId === record.regionId && m.id === record.id)) return false;
    data.municipalities.push(record);
    data.tokens.push(token);
    await this.db.write();
    return true;
  }

  updateMunicipality(regionId: string, id: string, change: (municipality: MunicipalityRecord) => void): Promise<MunicipalityRecord | null> {
    const list = this.data.municipalities;
    return this.change(list, list.findIndex((m) => m.regionId === regionId && m.id === id), change, ['regionId', 'id']);
  }

  async submissions(regionId: string, municipalityId?: string): Promise<SubmissionRecord[]> {
    return this.data.submissions.filter((s) => s.regionId === regionId && (municipalityId === undefined || s.municipalityId === municipalityId));
  }

  async submission(regionId: string, id: string): Promise<SubmissionRecord | null> {
    return this.data.submissions.find((s) => s.id === id && s.regionId === regionId) ?? null;
  }

  async latest(regionId: string): Promise<Map<string, LatestVersions>> {
    const out = new Map<string, LatestVersions>();
    for (const s of this.data.submissions) {
      if (s.regionId !== regionId) continue;
      let entry = out.get(s.municipalityId);
      if (!entry) out.set(s.municipalityId, (entry = { last: null, accepted: null }));
      if (!entry.last || s.version > entry.last.version) entry.last = s;
      if (s.status === 'accepted' && (!entry.accepted || s.version > entry.accepted.version)) entry.accepted = s;
    }
    return out;
  }

  async versionState(regionId: string, municipalityId: string, idempotencyKey: string | null): Promise<VersionState> {
    return this.state(regionId, municipalityId, idempotencyKey);
  }

  private state(regionId: string, municipalityId: string, idempotencyKey: string | null): VersionState {
    let last: SubmissionRecord | null = null;
    let byKey: SubmissionRecord | null = null;
    for (const s of this.data.submissions) {
      if (s.regionId !== regionId || s.municipalityId !== municipalityId) continue;
      if (!last || s.version > last.version) last = s;
      if (idempotencyKey !== null && s.idempotencyKey === idempotencyKey) byKey = s;
    }
    return { last, byKey };
  }

  /**
   * One municipality's commits run one after another (a queue per municipality, in this process, which the data
   * directory's lock makes the only one): the look-up of its key and last version and the write of its new version are
   * one step, so a key is stored once and versions never repeat or skip. Different municipalities do not wait.
   */
  appendVersion(
    regionId: string,
    municipalityId: string,
    idempotencyKey: string | null,
    decide: (state: VersionState) => SubmissionRecord | VersionDraft,
  ): Promise<{ record: SubmissionRecord; created: boolean }> {
    const queue = JSON.stringify([regionId, municipalityId]);
    const run = (this.queues.get(queue) ?? Promise.resolve()).then(async () => {
      if (!this.data.municipalities.some((m) => m.regionId === regionId && m.id === municipalityId)) {
        throw new Error(`unknown municipality ${municipalityId} in region ${regionId}`);
      }
      const state = this.state(regionId, municipalityId, idempotencyKey);
      const decided = decide(state);
      if ('version' in decided) return { record: decided, created: false };
      const record: SubmissionRecord = { ...decided, regionId, municipalityId, version: (state.last?.version ?? 0) + 1 };
      // Pushed and written in one synchronous step: a failed write rolls the data back, record included.
      this.data.submissions.push(record);
      await this.db.write();
      return { record, created: true };
    });
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(queue, tail);
    // An idle municipality leaves no entry behind.
    void tail.then(() => {
      if (this.queues.get(queue) === tail) this.queues.delete(queue);
    });
    return run;
  }

  updateSubmission(regionId: string, id: string, change: (submission: SubmissionRecord) => void): Promise<SubmissionRecord | null> {
    const list = this.data.submissions;
    return this.change(list, list.findIndex((s) => s.regionId === regionId && s.id === id), change, ['id', 'regionId', 'municipalityId', 'version']);
  }

  close(): Promise<void> {
    return this.release();
  }
}

export function inScope(t: TokenRecord, scope: TokenScope): boolean {
  if (scope.role === 'federal') return t.role === 'federal';
  if (t.role !== scope.role || t.regionId !== scope.regionId) return false;
  return scope.role === 'coordinator' || t.municipalityId === scope.municipalityId;
}
