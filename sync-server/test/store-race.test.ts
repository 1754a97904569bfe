/**
 * Issue #8, defect 1: two requests storing the same content-addressed blob at the same moment (two clean versions share
 * the diagnostics blob `[]`) built the same temp-file name (pid + Date.now()), and one of them got ENOENT on rename: a
 * 500 under ordinary concurrency. Here the moment is made exact: the clock is frozen and every writer is held just
 * before its rename until all of them are there.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobStore } from '../src/store/blobs';
import { DurableJSONFile } from '../src/store/durable-file';
import { StorageError } from '../src/store/fs';
import { FaultyFs } from './fault-fs';

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');
const everyFile = (dir: string) => readdirSync(dir, { recursive: true }).map(String);

describe('the store under concurrent writes of the same thing', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'svod-race-'));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores bytes that 100 requests put at once exactly once, and every put gets their hash', async () => {
    const fs = new FaultyFs();
    const blobs = new BlobStore(dir, fs);
    const hashes = await Promise.all(Array.from({ length: 100 }, () => blobs.put('[]')));
    expect(new Set(hashes)).toEqual(new Set([hashOf('[]')]));
    expect(everyFile(dir).sort()).toEqual([hashOf('[]').slice(0, 2), join(hashOf('[]').slice(0, 2), hashOf('[]'))]);
    // One write for all of them: a single temp file was ever opened for writing.
    expect(fs.calls.filter((c) => c.op === 'open' && c.path.endsWith('.tmp'))).toHaveLength(1);
    expect(readFileSync(join(dir, hashOf('[]').slice(0, 2), hashOf('[]')), 'utf8')).toBe('[]');
  });

  it('lets writers in one process and one millisecond, all before their rename at once, each succeed', async () => {
    jest.spyOn(Date, 'now').mockReturnValue(1_790_000_000_000);
    const fs = new FaultyFs();
    const writers = 8;
    // Separate stores share no de-duplication: the files on disk are all that keeps them apart.
    const stores = Array.from({ length: writers }, () => new BlobStore(dir, fs));
    const held = fs.gate('rename', /\.tmp$/, writers);
    const puts = stores.map((s) => s.put('[]'));
    await held.reached;
    const temps = readdirSync(join(dir, hashOf('[]').slice(0, 2))).filter((n) => n.endsWith('.tmp'));
    expect(new Set(temps).size).toBe(writers); // one temp file each, none shared
    held.release();
    await expect(Promise.all(puts)).resolves.toEqual(Array(writers).fill(hashOf('[]')));
    expect(readdirSync(join(dir, hashOf('[]').slice(0, 2)))).toEqual([hashOf('[]')]);
  });

  it('counts a put whose own write failed as stored when the same bytes are there by then, and only then', async () => {
    const fs = new FaultyFs();
    const blobs = new BlobStore(dir, fs);
    const hash = hashOf('{"a":1}');
    fs.inject({ op: 'rename', path: /\.tmp$/, code: 'EIO', times: 1 });
    const held = fs.gate('rename', /\.tmp$/);
    const put = blobs.put('{"a":1}');
    await held.reached;
    writeFileSync(join(dir, hash.slice(0, 2), hash), '{"a":1}'); // the other writer got there first
    held.release();
    await expect(put).resolves.toBe(hash);

    const other = hashOf('{"b":2}');
    fs.inject({ op: 'rename', path: /\.tmp$/, code: 'EIO', times: 1 });
    const again = fs.gate('rename', /\.tmp$/);
    const failing = blobs.put('{"b":2}');
    await again.reached;
    mkdirSync(join(dir, other.slice(0, 2)), { recursive: true });
    writeFileSync(join(dir, other.slice(0, 2), other), 'not the bytes'); // something else under that name
    again.release();
    await expect(failing).rejects.toBeInstanceOf(StorageError);
    expect(everyFile(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('lets two database writers of one file in one millisecond, both before their rename, each succeed', async () => {
    jest.spyOn(Date, 'now').mockReturnValue(1_790_000_000_000);
    const fs = new FaultyFs();
    const path = join(dir, 'db.json');
    const a = new DurableJSONFile<{ n: number }>(path, fs);
    const b = new DurableJSONFile<{ n: number }>(path, fs);
    const held = fs.gate('rename', /\.tmp$/, 2);
    const writes = [a.write({ n: 1 }), b.write({ n: 2 })];
    await held.reached;
    held.release();
    await expect(Promise.all(writes)).resolves.toEqual([undefined, undefined]);
    expect([1, 2]).toContain(JSON.parse(readFileSync(path, 'utf8')).n);
    expect(readdirSync(dir)).toEqual(['db.json']);
  });

  it('writes 100 concurrent changes of one database in order: the file holds the last', async () => {
    const adapter = new DurableJSONFile<{ items: number[] }>(join(dir, 'db.json'), new FaultyFs());
    const data = { items: [] as number[] };
    adapter.baseline(data);
    const writes: Array<Promise<void>> = [];
    for (let i = 0; i < 100; i++) {
      data.items.push(i);
      writes.push(adapter.write(data));
    }
    await Promise.all(writes);
    expect(JSON.parse(readFileSync(join(dir, 'db.json'), 'utf8')).items).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});

describe('a database write that fails', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'svod-rollback-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('rolls the data back in place to what is on disk, fails the writes queued behind it, and lets later ones through', async () => {
    const fs = new FaultyFs();
    const path = join(dir, 'db.json');
    writeFileSync(path, JSON.stringify({ items: ['stored'], note: null }));
    const adapter = new DurableJSONFile<{ items: string[]; note: string | null; extra?: string }>(path, fs);
    const data = (await adapter.read())!;
    const items = data.items;

    fs.inject({ op: 'rename', path: /\.tmp$/, code: 'EIO', times: 1 });
    data.items.push('lost');
    data.extra = 'lost too';
    const failed = adapter.write(data);
    data.note = 'queued behind it';
    const queued = adapter.write(data);
    await expect(failed).rejects.toBeInstanceOf(StorageError);
    await expect(queued).rejects.toBeInstanceOf(StorageError);
    expect(data).toEqual({ items: ['stored'], note: null }); // the same object, back to the disk's state
    expect(items).toEqual(['stored', 'lost']); // an old reference is not the data any more

    data.items.push('kept');
    await adapter.write(data);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ items: ['stored', 'kept'], note: null });
    expect(readdirSync(dir)).toEqual(['db.json']);
  });

  it.each([
    ['the temp file cannot be written', { op: 'write' as const, code: 'EIO' as const }],
    ['the disk is full', { op: 'write' as const, code: 'ENOSPC' as const, partial: true }],
    ['fsync fails', { op: 'fsync' as const, code: 'EIO' as const }],
  ])('leaves the old file and no temp file when %s', async (_case, rule) => {
    const fs = new FaultyFs();
    const path = join(dir, 'db.json');
    const adapter = new DurableJSONFile<{ n: number }>(path, fs);
    const data = { n: 1 };
    adapter.baseline(data);
    await adapter.write(data);
    fs.inject(rule);
    data.n = 2;
    await expect(adapter.write(data)).rejects.toMatchObject({ status: 503, code: 'storage-failed' });
    expect(fs.injected).toBeGreaterThan(0);
    expect(data.n).toBe(1);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ n: 1 });
    expect(readdirSync(dir)).toEqual(['db.json']);
  });
});
