/**
 * Test helpers: a tiny zip writer (node:zlib deflateRawSync + hand-written local headers, central directory and end
 * record) that can lie about sizes, a yauzl-based reader, the seed workbook, and a hand-written Windows-1251 encoder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { fromBufferPromise, type Entry } from 'yauzl';
import { crc32 as crc32Native } from 'node:zlib';

export const SEED_PATH = join(__dirname, '../../../tests/fixtures/seeds/seed-001-kirov.xlsx');

export function seedBytes(): Buffer {
  return readFileSync(SEED_PATH);
}

export interface ZipEntry {
  name: string;
  data: Buffer | string;
  /** 8 (deflate, the default) or 0 (stored). */
  method?: 0 | 8;
  /** Lie in both headers: the uncompressed size to declare instead of the real one. */
  declaredSize?: number;
  /** Already-compressed bytes to store as they are (with `method: 8`), e.g. a bomb built once. */
  raw?: Buffer;
}

/** zlib's own CRC-32. */
export function crc32(buf: Buffer): number {
  return crc32Native(buf) >>> 0;
}

/** `declaredCount` lies in the end record about how many entries the central directory holds. */
export function zip(entries: readonly ZipEntry[], options: { declaredCount?: number } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : e.data;
    const method = e.method ?? 8;
    const body = e.raw ?? (method === 8 ? deflateRawSync(data) : data);
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declaredSize ?? data.length;
    const crc = e.raw ? 0 : crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(33, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(33, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(options.declaredCount ?? entries.length, 8);
  end.writeUInt16LE(options.declaredCount ?? entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** Every entry of a zip, inflated (only for the small, trusted files the tests build from). */
export async function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const z = await fromBufferPromise(bytes, { lazyEntries: true });
  const entries: Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    z.on('entry', (e: Entry) => {
      entries.push(e);
      z.readEntry();
    });
    z.on('end', resolve);
    z.on('error', reject);
    z.readEntry();
  });
  for (const e of entries) {
    const chunks: Buffer[] = [];
    for await (const c of (await z.openReadStreamPromise(e)) as AsyncIterable<Buffer>) chunks.push(c);
    out.set(e.fileName, Buffer.concat(chunks));
  }
  return out;
}

/** The seed workbook's parts, changed: a string replaces a part, null removes it. */
export async function seedWith(changes: Record<string, string | Buffer | null>): Promise<Buffer> {
  const parts = await unzip(seedBytes());
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) parts.delete(name);
    else parts.set(name, typeof value === 'string' ? Buffer.from(value, 'utf8') : value);
  }
  return zip([...parts].map(([name, data]) => ({ name, data })));
}

export async function seedPart(name: string): Promise<string> {
  const part = (await unzip(seedBytes())).get(name);
  if (!part) throw new Error(`no ${name} in the seed`);
  return part.toString('utf8');
}

/** Windows-1251 by hand: ASCII as is, А–я at 0xC0–0xFF, Ё/ё and № at their places. */
export function cp1251(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c >= 0x410 && c <= 0x44f) out.push(c - 0x410 + 0xc0);
    else if (c === 0x401) out.push(0xa8);
    else if (c === 0x451) out.push(0xb8);
    else if (c === 0x2116) out.push(0xb9);
    else throw new Error(`no Windows-1251 byte for ${ch}`);
  }
  return Buffer.from(out);
}

/** Runs `fn` and returns how long it took and what it threw (or null). */
export async function timed(fn: () => Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const start = process.hrtime.bigint();
  let error: unknown = null;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, error };
}

/**
 * Counts calls of a module function that jest.spyOn cannot replace (node:zlib's factories are non-writable but
 * configurable). Pass the module object itself, from require(): an `import * as` namespace is a copy.
 */
export function countCalls<T extends object>(target: T, key: keyof T & string): { count: () => number; restore: () => void } {
  const descriptor = Object.getOwnPropertyDescriptor(target, key)!;
  const original = descriptor.value as (...args: unknown[]) => unknown;
  let calls = 0;
  Object.defineProperty(target, key, {
    ...descriptor,
    value(this: unknown, ...args: unknown[]) {
      calls++;
      return original.apply(this, args);
    },
  });
  return { count: () => calls, restore: () => Object.defineProperty(target, key, descriptor) };
}

/**
 * Counts the bytes every inflate stream made by `zlib.createInflateRaw` pushes out during a test: a deterministic
 * measure of how much of a bomb was inflated, where a memory or time reading would depend on the machine and the GC.
 * Pass the module object itself, from require().
 */
export function countInflated(zlib: typeof import('node:zlib')): { bytes: () => number; streams: () => number; restore: () => void } {
  const descriptor = Object.getOwnPropertyDescriptor(zlib, 'createInflateRaw')!;
  const original = descriptor.value as typeof zlib.createInflateRaw;
  let bytes = 0;
  let streams = 0;
  Object.defineProperty(zlib, 'createInflateRaw', {
    ...descriptor,
    value(...args: Parameters<typeof zlib.createInflateRaw>) {
      const stream = original.apply(zlib, args);
      streams++;
      const push = stream.push.bind(stream);
      stream.push = (chunk: unknown, encoding?: BufferEncoding) => {
        if (chunk) bytes += (chunk as Buffer).length;
        return push(chunk, encoding);
      };
      return stream;
    },
  });
  return { bytes: () => bytes, streams: () => streams, restore: () => Object.defineProperty(zlib, 'createInflateRaw', descriptor) };
}
