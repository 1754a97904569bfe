/**
 * Backup and restore of a data directory (`npm run backup -- DIR`, `npm run restore -- DIR`).
 *
 * A backup is safe while the server runs, and needs no pause of it: db.json is only ever replaced whole by a rename,
 * so one read of it is one consistent state; every file it references was on disk before the record (files first,
 * the record after) and a stored file never changes (content-addressed). audit.jsonl is append-only and is read
 * before db.json: its lines describe changes the state includes, as after a crash (a change may lack its line, no line
 * lacks its change). What the backup holds is a state the server could have restarted from.
 *
 * Every file is checked against its SHA-256 (blobs by their name, db.json and audit.jsonl by the manifest) when the
 * backup is made and again when it is restored. Restore writes only into a new or empty directory that no server
 * holds, and makes the directory appear whole (a sibling is filled, then renamed into place).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { syncDir, writeFileDurably } from '../store/durable-file';
import { BLOB_HASH } from '../store/blobs';
import { lockOwner } from '../store/lock';
import type { Data } from '../store/schema';

export const MANIFEST = 'backup.json';
const FORMAT = 'svod-backup';

/** A refusal or a failure the operator can act on: the Russian message is all there is to print. */
export class BackupError extends Error {}

export interface BackupManifest {
  format: typeof FORMAT;
  version: 1;
  createdAt: string;
  /** The data directory it was made from. */
  source: string;
  db: { sha256: string; bytes: number };
  audit: { sha256: string; bytes: number; lines: number } | null;
  blobs: { count: number; bytes: number };
  counts: { municipalities: number; submissions: number; tokens: number };
}

export interface BackupSummary {
  dir: string;
  manifest: BackupManifest;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const code = (e: unknown) => (e as NodeJS.ErrnoException | undefined)?.code;

function size(bytes: number): string {
  const [n, unit] = bytes >= 1024 * 1024 ? [bytes / 1024 / 1024, 'МБ'] : [bytes / 1024, 'КБ'];
  return `${n.toFixed(1).replace('.', ',')} ${unit}`;
}

async function readOrNull(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (e) {
    if (code(e) === 'ENOENT') return null;
    throw e;
  }
}

/** Entries of a directory; null when there is no directory. */
async function entries(dir: string): Promise<string[] | null> {
  try {
    return await readdir(dir);
  } catch (e) {
    if (code(e) === 'ENOENT') return null;
    if (code(e) === 'ENOTDIR') throw new BackupError(`${dir} — это файл, а не каталог.`);
    throw e;
  }
}

function inside(child: string, parent: string): boolean {
  const r = relative(parent, child);
  return r === '' || (r !== '..' && !r.startsWith(`..${sep}`) && !isAbsolute(r));
}

/**
 * The blobs a state references: every hash field the schema has (these must exist), and any other 64-hex string that
 * names a stored blob (fields added later are not left out of a backup).
 */
export function referencedBlobs(data: Data): { required: Set<string>; candidates: Set<string> } {
  const required = new Set<string>();
  for (const s of data.submissions ?? []) for (const h of [s.fileHash, s.contentHash, s.diagnosticsHash]) required.add(h);
  // Schema 2 keeps regions; a backup of a schema-1 directory (one `region`) is read as it is.
  const legacy = (data as unknown as { region?: Data['regions'][number] | null }).region;
  for (const r of [...(data.regions ?? []), ...(legacy ? [legacy] : [])]) if (r.template?.fileHash) required.add(r.template.fileHash);
  const candidates = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      if (BLOB_HASH.test(v) && !required.has(v)) candidates.add(v);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(data);
  return { required, candidates };
}

const blobPath = (dir: string, hash: string) => join(dir, 'blobs', hash.slice(0, 2), hash);

/** Writes files into a fresh sibling of `target`, then renames it into place; on any failure the sibling goes. */
async function assemble(target: string, fill: (dir: string) => Promise<void>): Promise<void> {
  const work = join(dirname(target), `.${basename(target)}.${randomUUID()}.partial`);
  await mkdir(work, { recursive: false, mode: 0o700 });
  try {
    await fill(work);
    await syncDir(work);
    // An empty target is replaced (rename onto an empty directory); one that filled up meanwhile is not.
    await rmdir(target).catch((e: unknown) => {
      if (code(e) !== 'ENOENT') throw e;
    });
    await rename(work, target);
  } catch (e) {
    await rm(work, { recursive: true, force: true });
    if (code(e) === 'ENOTEMPTY' || code(e) === 'EEXIST') throw new BackupError(`Каталог ${target} перестал быть пустым, пока шло копирование: ничего не записано.`);
    throw e;
  }
  await syncDir(dirname(target));
}

async function requireEmptyTarget(target: string, what: string): Promise<void> {
  const list = await entries(target);
  if (list && list.length) {
    throw new BackupError(`Каталог ${target} не пуст: ${what} пишется только в новый или пустой каталог, чтобы ничего не перезаписать.`);
  }
  await mkdir(dirname(target), { recursive: true });
}

/** Copies one blob, checking its bytes against its name. */
async function copyBlob(fromDir: string, toDir: string, hash: string, missing: string, damaged: string): Promise<number> {
  const bytes = await readOrNull(blobPath(fromDir, hash));
  if (!bytes) throw new BackupError(missing);
  if (sha256(bytes) !== hash) throw new BackupError(damaged);
  await mkdir(join(toDir, 'blobs', hash.slice(0, 2)), { recursive: true, mode: 0o700 });
  await writeFileDurably(blobPath(toDir, hash), bytes);
  return bytes.length;
}

/** A consistent copy of the data directory `source` in `target` (a new or empty directory), while the server runs. */
export async function backupDataDir(source: string, target: string, now: () => Date = () => new Date()): Promise<BackupSummary> {
  source = resolve(source);
  target = resolve(target);
  if (inside(target, source) || inside(source, target)) {
    throw new BackupError(`Резервную копию нельзя класть внутрь каталога данных (и наоборот): ${target} и ${source}.`);
  }
  await requireEmptyTarget(target, 'резервная копия');
  // The audit first, then the state: every line read describes a change the state read after it includes.
  const auditRaw = await readOrNull(join(source, 'audit.jsonl'));
  const dbBytes = await readOrNull(join(source, 'db.json'));
  if (!dbBytes) throw new BackupError(`В каталоге ${source} нет данных Svod (db.json): проверьте SVOD_DATA_DIR или --data.`);
  let data: Data;
  try {
    data = JSON.parse(dbBytes.toString('utf8')) as Data;
  } catch {
    throw new BackupError(`Файл ${join(source, 'db.json')} повреждён (не читается как JSON): резервная копия не сделана.`);
  }
  // A line being appended right now is left for the next backup: only whole lines.
  const audit = auditRaw ? auditRaw.subarray(0, auditRaw.lastIndexOf(0x0a) + 1) : null;
  const { required, candidates } = referencedBlobs(data);
  const manifest: BackupManifest = {
    format: FORMAT,
    version: 1,
    createdAt: now().toISOString(),
    source,
    db: { sha256: sha256(dbBytes), bytes: dbBytes.length },
    audit: audit ? { sha256: sha256(audit), bytes: audit.length, lines: audit.toString('utf8').split('\n').length - 1 } : null,
    blobs: { count: 0, bytes: 0 },
    counts: { municipalities: data.municipalities?.length ?? 0, submissions: data.submissions?.length ?? 0, tokens: data.tokens?.length ?? 0 },
  };
  await assemble(target, async (dir) => {
    for (const hash of required) {
      manifest.blobs.bytes += await copyBlob(
        source,
        dir,
        hash,
        `В каталоге данных нет файла ${hash}, на который ссылается db.json: данные повреждены, резервная копия не сделана.`,
        `Файл ${blobPath(source, hash)} повреждён (его содержимое не совпадает с SHA-256): резервная копия не сделана.`,
      );
      manifest.blobs.count++;
    }
    for (const hash of candidates) {
      if (!(await readOrNull(blobPath(source, hash)))) continue; // a token's hash, not a file
      manifest.blobs.bytes += await copyBlob(source, dir, hash, '', `Файл ${blobPath(source, hash)} повреждён (его содержимое не совпадает с SHA-256): резервная копия не сделана.`);
      manifest.blobs.count++;
    }
    if (audit) await writeFileDurably(join(dir, 'audit.jsonl'), audit);
    await writeFileDurably(join(dir, 'db.json'), dbBytes);
    // The manifest last: a directory with it is a finished backup.
    await writeFileDurably(join(dir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  });
  return { dir: target, manifest };
}

/** Reads and checks a backup directory: its manifest, db.json and audit.jsonl against it, every referenced blob. */
async function readBackup(dir: string): Promise<{ manifest: BackupManifest; db: Buffer; audit: Buffer | null; data: Data }> {
  const raw = await readOrNull(join(dir, MANIFEST));
  let manifest: BackupManifest | null = null;
  try {
    manifest = raw ? (JSON.parse(raw.toString('utf8')) as BackupManifest) : null;
  } catch {
    manifest = null;
  }
  if (!manifest || manifest.format !== FORMAT) {
    throw new BackupError(`${dir} — не резервная копия Svod (нет ${MANIFEST}). Укажите каталог, который сделала команда npm run backup.`);
  }
  if (manifest.version !== 1) throw new BackupError(`Резервная копия ${dir} сделана в формате версии ${manifest.version}, эта версия Svod читает только версию 1.`);
  const db = await readOrNull(join(dir, 'db.json'));
  if (!db || sha256(db) !== manifest.db.sha256) throw new BackupError(`Резервная копия ${dir} повреждена: db.json ${db ? 'не совпадает с контрольной суммой' : 'отсутствует'}. Ничего не восстановлено.`);
  const audit = await readOrNull(join(dir, 'audit.jsonl'));
  if (manifest.audit && (!audit || sha256(audit) !== manifest.audit.sha256)) {
    throw new BackupError(`Резервная копия ${dir} повреждена: audit.jsonl ${audit ? 'не совпадает с контрольной суммой' : 'отсутствует'}. Ничего не восстановлено.`);
  }
  return { manifest, db, audit: manifest.audit ? audit : null, data: JSON.parse(db.toString('utf8')) as Data };
}

/** Refuses a directory a running server holds, with the pid. */
async function refuseRunningServer(target: string): Promise<void> {
  const owner = await lockOwner(target);
  if (owner?.held) {
    throw new BackupError(`В каталоге данных ${target} работает сервер Svod (процесс ${owner.pid}): восстанавливать поверх работающего сервера нельзя. Остановите его или укажите новый каталог.`);
  }
}

/** Restores the backup `from` into the data directory `target`, which must be new or empty and held by no server. */
export async function restoreDataDir(from: string, target: string): Promise<BackupSummary> {
  from = resolve(from);
  target = resolve(target);
  await refuseRunningServer(target);
  await requireEmptyTarget(target, 'восстановление');
  const { manifest, db, audit, data } = await readBackup(from);
  const { required, candidates } = referencedBlobs(data);
  let count = 0;
  await assemble(target, async (dir) => {
    await mkdir(join(dir, 'blobs'), { mode: 0o700 });
    for (const hash of required) {
      await copyBlob(
        from,
        dir,
        hash,
        `Резервная копия ${from} неполна: нет файла ${hash}, на который ссылается db.json. Ничего не восстановлено.`,
        `Резервная копия ${from} повреждена: файл ${hash} не совпадает со своей контрольной суммой. Ничего не восстановлено.`,
      );
      count++;
    }
    for (const hash of candidates) {
      if (!(await readOrNull(blobPath(from, hash)))) continue;
      await copyBlob(from, dir, hash, '', `Резервная копия ${from} повреждена: файл ${hash} не совпадает со своей контрольной суммой. Ничего не восстановлено.`);
      count++;
    }
    if (count !== manifest.blobs.count) throw new BackupError(`Резервная копия ${from} неполна: файлов ${count} из ${manifest.blobs.count}. Ничего не восстановлено.`);
    if (audit) await writeFileDurably(join(dir, 'audit.jsonl'), audit);
    // A server that starts in the target meanwhile makes it non-empty, and `assemble` then refuses to rename.
    await writeFileDurably(join(dir, 'db.json'), db);
  });
  return { dir: target, manifest };
}

export function describeBackup(s: BackupSummary): string {
  const m = s.manifest;
  return `муниципалитетов: ${m.counts.municipalities}, версий: ${m.counts.submissions}, файлов: ${m.blobs.count} (${size(m.blobs.bytes)}); снимок от ${m.createdAt}`;
}
