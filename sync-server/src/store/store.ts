/**
 * The store the server runs on: the embedded lowdb store in a data directory (the default), or PostgreSQL when
 * SVOD_DATABASE_URL is set. Services and routes see only `Store` (port.ts).
 */
export type { AuditEvent, AuditPort, BlobPort, LatestVersions, RegionSeed, Store, TokenScope, VersionDraft, VersionState } from './port';
export { openLowdbStore, openLowdbStore as openStore, type LowdbStore, type LowdbOptions } from './lowdb';
