/**
 * Group commit (issue #10): writes of the database and appends to the audit log that arrive while one is on its way
 * to disk share the next write and fsync. Counted through the store's fs seam (`FaultyFs.calls`), and held at exact
 * moments with its gates: nobody is answered before the write holding its change is durable, a failed batch fails
 * all its callers and rolls memory back, and the next ones go through.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog } from '../src/store/audit';
import { DurableJSONFile } from '../src/store/durable-file';
import { StorageError } from '../src/store/fs';
import { FaultyFs } from './fault-fs';

const DB_TEMP = /\.db\.json\.\d+\.[0-9a-f-]+\.tmp$/;

describe('database writes under group commit', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'svod-group-'));
    path = join(dir, 'db.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const onDisk = () => JSON.parse(readFileSync(path, 'utf8')) as { items: string[] };
  const tempWrites = (fs: FaultyFs) => fs.calls.filter((c) => c.op === 'open' && DB_TEMP.test(c.path)).length;

  it('writes 50 concurrent changes in fewer than 50 files, and answers each caller only once its change is on disk', async () => {
    const fs = new FaultyFs();
    const adapter = new DurableJSONFile<{ items: string[] }>(path, fs);
    const data = { items: [] as string[] };
    adapter.baseline(data);
    const seenAtAnswer: boolean[] = [];
    const writes: Array<Promise<void>> = [];
    for (let i = 0; i < 50; i++) {
      data.items.push(`c${i}`);
      // Read back at the moment the caller is answered: its change must be in the file already.
      writes.push(adapter.write(data).then(() => void seenAtAnswer.push(onDisk().items.includes(`c${i}`))));
      // Spread over a few turns of the event loop, as requests arrive.
      if (i % 10 === 9) await new Promise((ok) => setImmediate(ok));
    }
    await Promise.all(writes);
    expect(seenAtAnswer).toEqual(Array(50).fill(true));
    expect(onDisk().items).toEqual(Array.from({ length: 50 }, (_, i) => `c${i}`));
    const files = tempWrites(fs);
    expect(files).toBeGreaterThanOrEqual(2);
    expect(files).toBeLessThan(50);
    expect(files).toBe(adapter.batches);
  });

  it('holds the callers that came during a write until the next write is durable, and serves them with one', async () => {
    const fs = new FaultyFs();
    const adapter = new DurableJSONFile<{ items: string[] }>(path, fs);
    const data = { items: [] as string[] };
    adapter.baseline(data);
    const first = fs.gate('rename', DB_TEMP);
    data.items.push('first');
    const w0 = adapter.write(data);
    await first.reached;

    const answered: string[] = [];
    const later = ['a', 'b', 'c', 'd'].map((tag) => {
      data.items.push(tag);
      return adapter.write(data).then(() => void answered.push(tag));
    });
    // The second batch is held before its fsync: written, not durable.
    const second = fs.gate('fsync', DB_TEMP);
    first.release();
    await w0;
    await second.reached;
    await new Promise((ok) => setTimeout(ok, 20));
    expect(answered).toEqual([]);
    expect(onDisk().items).toEqual(['first']);

    second.release();
    await Promise.all(later);
    expect(answered.sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(onDisk().items).toEqual(['first', 'a', 'b', 'c', 'd']);
    expect(tempWrites(fs)).toBe(2);
  });

  it('fails every caller of a failed batch and those waiting behind it, rolls memory back, and lets the next ones through', async () => {
    const fs = new FaultyFs();
    writeStored(path, ['stored']);
    const adapter = new DurableJSONFile<{ items: string[] }>(path, fs);
    const data = (await adapter.read())!;

    const first = fs.gate('rename', DB_TEMP);
    data.items.push('w0');
    const w0 = adapter.write(data);
    await first.reached;
    // Two callers in the batch that will fail: the fsync of its temp file.
    data.items.push('a1');
    const a1 = adapter.write(data);
    data.items.push('a2');
    const a2 = adapter.write(data);
    fs.inject({ op: 'fsync', path: DB_TEMP, code: 'EIO', times: 1 });
    const failing = fs.gate('fsync', DB_TEMP);
    first.release();
    await expect(w0).resolves.toBeUndefined();
    await failing.reached;
    // A caller that came while the failing batch was on its way: its change sits on top of the lost ones.
    data.items.push('b');
    const b = adapter.write(data);
    failing.release();

    for (const p of [a1, a2, b]) await expect(p).rejects.toBeInstanceOf(StorageError);
    await expect(a1).rejects.toMatchObject({ status: 503, code: 'storage-failed', cause: { code: 'EIO' } });
    await expect(b).rejects.toMatchObject({ status: 503, code: 'storage-failed' });
    expect(data).toEqual({ items: ['stored', 'w0'] }); // the same object, back to what the disk holds
    expect(onDisk().items).toEqual(['stored', 'w0']);
    const written = tempWrites(fs);

    data.items.push('c');
    await expect(adapter.write(data)).resolves.toBeUndefined();
    expect(onDisk().items).toEqual(['stored', 'w0', 'c']);
    // b never had a write of its own: w0, the failed batch, then c's.
    expect(written).toBe(2);
    expect(tempWrites(fs)).toBe(3);
  });

  it('settles idle() only when every write asked for so far has finished', async () => {
    const fs = new FaultyFs();
    const adapter = new DurableJSONFile<{ items: string[] }>(path, fs);
    const data = { items: [] as string[] };
    adapter.baseline(data);
    const held = fs.gate('rename', DB_TEMP);
    data.items.push('x');
    void adapter.write(data);
    await held.reached;
    data.items.push('y');
    let written = false;
    const y = adapter.write(data).then(() => void (written = true));
    let idle = false;
    const waiting = adapter.idle().then(() => void (idle = true));
    await new Promise((ok) => setTimeout(ok, 10));
    expect(idle).toBe(false);
    held.release();
    await waiting;
    expect(written).toBe(true);
    await y;
    expect(onDisk().items).toEqual(['x', 'y']);
  });
});

describe('audit appends under group commit', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'svod-group-audit-'));
    path = join(dir, 'audit.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const lines = () => readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { target: string }).target);
  const at = () => new Date('2026-11-20T09:00:00Z');

  it('writes 40 concurrent appends with fewer than 40 fsyncs, each line whole, once, and on disk before its answer', async () => {
    const fs = new FaultyFs();
    const audit = new AuditLog(path, at, fs);
    const seen: boolean[] = [];
    const appends = Array.from({ length: 40 }, (_, i) =>
      audit.append({ action: 'test', actor: 'me', target: `t${i}` }).then(() => void seen.push(lines().includes(`t${i}`))),
    );
    await Promise.all(appends);
    expect(seen).toEqual(Array(40).fill(true));
    expect(lines()).toEqual(Array.from({ length: 40 }, (_, i) => `t${i}`));
    const fsyncs = fs.calls.filter((c) => c.op === 'fsync' && c.path === path).length;
    expect(fsyncs).toBeGreaterThanOrEqual(1);
    expect(fsyncs).toBeLessThan(40);
    await audit.close();
  });

  it('fails the appends of a failed write, keeps their lines, and writes them once with the next', async () => {
    const fs = new FaultyFs();
    const audit = new AuditLog(path, at, fs);
    await audit.append({ action: 'test', actor: 'me', target: 'before' });
    const held = fs.gate('write', /audit\.jsonl$/);
    fs.inject({ op: 'write', path: /audit\.jsonl$/, code: 'ENOSPC', partial: true, times: 1 });
    const a = audit.append({ action: 'test', actor: 'me', target: 'a' });
    await held.reached;
    const b = audit.append({ action: 'test', actor: 'me', target: 'b' }); // waits for the next write
    held.release();
    await expect(a).rejects.toMatchObject({ status: 503, code: 'storage-failed' });
    // b's write carries a's line first, after cutting the torn half-line off.
    await expect(b).resolves.toBeUndefined();
    expect(lines()).toEqual(['before', 'a', 'b']);
    await audit.close();
  });
});

function writeStored(path: string, items: string[]): void {
  writeFileSync(path, JSON.stringify({ items }));
}
