/**
 * What the services and routes know of storage (issue #13): one interface, two implementations — the embedded lowdb
 * store (`lowdb.ts`, the default, one process) and PostgreSQL (`postgres/`, chosen by SVOD_DATABASE_URL, any number of
 * processes). Business logic never sees which one it has.
 *
 * Every read and write names its region: regions are tenants, and a token reaches only its own region's records (the
 * routes pass the principal's region, never one from the request). Records are plain data; a change is a function
 * that edits a copy of the current record inside the store's transaction, so two processes changing the same record
 * one after the other never lose either change. A change that throws stores nothing and its error reaches the caller.
 *
 * Failures of the storage itself are `StorageError` (the client gets 503): no answer is given from a change that is not
 * stored.
 */
import type { Store as RateLimitStore } from 'express-rate-limit';
import type { MunicipalityRecord, RegionRecord, SubmissionRecord, TokenRecord } from './schema';

export interface AuditEvent {
  action: string;
  actor: string;
  /** The region the event belongs to; absent for deployment-wide events (a federal token, the server's start). */
  region?: string;
  target?: string;
  details?: Record<string, unknown>;
}

/** Original files and derived JSON by the SHA-256 of their bytes: identical bytes are stored once, and never change. */
export interface BlobPort {
  /** Stores the bytes (once) and gives their hash; durable before it resolves. `hash`: their SHA-256, when known. */
  put(data: Uint8Array | string, hash?: string): Promise<string>;
  get(hash: string): Promise<Uint8Array>;
  getJson<T>(hash: string): Promise<T>;
}

/** Append-only record of every change and refusal; each event is stored before the request that caused it answers. */
export interface AuditPort {
  append(event: AuditEvent): Promise<void>;
}

/** A municipality's last version and its last accepted one (the same record when the last one is accepted). */
export interface LatestVersions {
  last: SubmissionRecord | null;
  accepted: SubmissionRecord | null;
}

/**
 * What `appendVersion` shows the caller inside the municipality's lock: its last version, and the version already
 * stored under the request's Idempotency-Key (null without a key or when the key is new).
 */
export interface VersionState {
  last: SubmissionRecord | null;
  byKey: SubmissionRecord | null;
}

/** A new version as the caller makes it; the store gives it its number (the last one plus one). */
export type VersionDraft = Omit<SubmissionRecord, 'version'>;

/** Which live tokens a new one replaces: the coordinator's of a region, one municipality's, or the federal ones. */
export type TokenScope =
  | { role: 'coordinator'; regionId: string }
  | { role: 'municipality'; regionId: string; municipalityId: string }
  | { role: 'federal' };

/** A region as it is first created, with its first tokens and municipalities: stored all together or not at all. */
export interface RegionSeed {
  region: RegionRecord;
  municipalities: MunicipalityRecord[];
  tokens: TokenRecord[];
}

export interface Store {
  readonly kind: 'lowdb' | 'postgres';
  readonly blobs: BlobPort;
  readonly audit: AuditPort;
  /**
   * Where express-rate-limit keeps its counts: null keeps them in this process's memory (right for one process); a
   * store shared by several processes gives one its own store per limiter (`prefix` keeps limiters apart).
   */
  rateLimitStore(prefix: string): RateLimitStore | null;

  // Regions (tenants).
  regions(): Promise<RegionRecord[]>;
  region(regionId: string): Promise<RegionRecord | null>;
  /** False (and nothing stored) when a region with this id exists already. */
  createRegion(seed: RegionSeed): Promise<boolean>;
  /** Null when there is no such region. */
  updateRegion(regionId: string, change: (region: RegionRecord) => void): Promise<RegionRecord | null>;

  // Tokens: looked up by the SHA-256 of the token (the token itself is never stored).
  /** The record, live or revoked, whose hash this is. */
  tokenByHash(hash: string): Promise<TokenRecord | null>;
  /** The live tokens of a region (coordinator's and municipalities'). */
  liveTokens(regionId: string): Promise<TokenRecord[]>;
  /**
   * Revokes the live tokens of `scope` at `at` and, when given, stores `token`: one step, so there is never a moment
   * with two live coordinator tokens or none. Gives how many were revoked.
   */
  replaceTokens(scope: TokenScope, token: TokenRecord | null, at: string): Promise<number>;

  // Municipalities, by their id within the region.
  municipalities(regionId: string): Promise<MunicipalityRecord[]>;
  municipality(regionId: string, id: string): Promise<MunicipalityRecord | null>;
  /** Stores the municipality and its first token; false (nothing stored) when the id is taken in the region. */
  addMunicipality(record: MunicipalityRecord, token: TokenRecord): Promise<boolean>;
  /** Null when there is no such municipality. */
  updateMunicipality(regionId: string, id: string, change: (municipality: MunicipalityRecord) => void): Promise<MunicipalityRecord | null>;

  // Versions.
  /** The region's versions (one municipality's when given), in no particular order. */
  submissions(regionId: string, municipalityId?: string): Promise<SubmissionRecord[]>;
  submission(regionId: string, id: string): Promise<SubmissionRecord | null>;
  /** Every municipality's last and last accepted version, by municipality id (municipalities without any are absent). */
  latest(regionId: string): Promise<Map<string, LatestVersions>>;
  /** A municipality's last version and the one under `idempotencyKey`, read without its lock (a hint: `appendVersion` reads again). */
  versionState(regionId: string, municipalityId: string, idempotencyKey: string | null): Promise<VersionState>;
  /**
   * The one way a version is stored. Under the municipality's lock (no other version of it commits meanwhile, in this
   * process or another), `decide` sees the state and gives either a stored version to answer with (a retry, a repeat)
   * or a draft, which is stored as version `last + 1`. Version numbers and idempotency keys are unique per
   * municipality, so a version is never lost, repeated or out of order. `decide` may throw (a reused key): nothing is
   * stored. `idempotencyKey`: the request's key, whose stored version `state.byKey` is.
   */
  appendVersion(
    regionId: string,
    municipalityId: string,
    idempotencyKey: string | null,
    decide: (state: VersionState) => SubmissionRecord | VersionDraft,
  ): Promise<{ record: SubmissionRecord; created: boolean }>;
  /** Null when there is no such version. */
  updateSubmission(regionId: string, id: string, change: (submission: SubmissionRecord) => void): Promise<SubmissionRecord | null>;

  /** Waits for writes under way, then releases what the store holds (the data-directory lock, the pool). */
  close(): Promise<void>;
}
