/**
 * The zip side of the fast reader: the central directory, and the few parts the reader asks for, inflated with
 * fflate and held to the bounds the server and the CLI enforce in their inspection
 * (`sync-server/src/uploads/inspect-xlsx.ts`, `limits.ts`): entry count, total uncompressed size, the 100:1 ratio,
 * and the real inflated size against the declared one. Untrusted files reach this reader only after that
 * inspection; the bounds are kept here as well so that a direct caller (a test, the bench, a script) is never the weak
 * spot. Only the parts asked for are inflated, in slices of 16 KB, so a lying directory costs at most one slice's
 * output beyond its declared size before the reader stops.
 */
import { Inflate } from 'fflate';

export interface ZipLimits {
  maxEntries: number;
  /** Sum of the uncompressed sizes of the parts read. */
  maxUncompressedBytes: number;
  /** Uncompressed : compressed, per part, beyond `ratioGraceBytes` (Apache POI's 100:1). */
  maxRatio: number;
  ratioGraceBytes: number;
}

/** The inspection's defaults (`DEFAULT_LIMITS` and `RATIO_GRACE_BYTES` in `sync-server/src/uploads/limits.ts`). */
export const ZIP_LIMITS: Readonly<ZipLimits> = Object.freeze({
  maxEntries: 1000,
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxRatio: 100,
  ratioGraceBytes: 100 * 1024,
});

/** A file the reader will not open as a zip; `kind` says why (the callers word it). */
export class ZipError extends Error {
  constructor(
    readonly kind: 'broken' | 'too-many-entries' | 'too-large' | 'zip-bomb',
    message: string,
  ) {
    super(message);
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Start of the compressed data. */
  dataStart: number;
}

const u16 = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u32 = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

/**
 * The central directory, read as yauzl (the inspection's reader) reads it: the last end record, exactly the declared
 * count of entries from the declared offset. A leading `/` is dropped from names, as ExcelJS drops it.
 */
export function readZipDirectory(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): Map<string, ZipEntry> {
  let eocd = -1;
  for (let i = bytes.length - 22, stop = Math.max(0, bytes.length - 22 - 0xffff); i >= stop; i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('broken', 'no end of central directory record');
  const count = u16(bytes, eocd + 10);
  const offset = u32(bytes, eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) throw new ZipError('broken', 'zip64 is not expected in a workbook');
  if (count > limits.maxEntries) throw new ZipError('too-many-entries', `${count} entries > ${limits.maxEntries}`);
  const entries = new Map<string, ZipEntry>();
  let p = offset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) throw new ZipError('broken', 'a bad central directory header');
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const compressedSize = u32(bytes, p + 20);
    const uncompressedSize = u32(bytes, p + 24);
    const nameLength = u16(bytes, p + 28);
    const extraLength = u16(bytes, p + 30);
    const commentLength = u16(bytes, p + 32);
    const local = u32(bytes, p + 42);
    if (p + 46 + nameLength > bytes.length) throw new ZipError('broken', 'a central directory header beyond the end');
    const rawName = bytes.subarray(p + 46, p + 46 + nameLength);
    let name = (flags & 0x800 ? utf8 : latin1).decode(rawName);
    if (name.startsWith('/')) name = name.slice(1);
    p += 46 + nameLength + extraLength + commentLength;
    if (flags & 1) throw new ZipError('broken', `encrypted entry ${name}`);
    if (entries.has(name)) throw new ZipError('broken', `duplicate entry ${name}`);
    if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50) throw new ZipError('broken', `${name}: a bad local header`);
    const localNameLength = u16(bytes, local + 26);
    // Readers that take the local name (JSZip) would see another part than this directory says.
    if (localNameLength !== nameLength || !rawName.every((b, k) => bytes[local + 30 + k] === b)) throw new ZipError('broken', `${name}: the local header names another entry`);
    const dataStart = local + 30 + localNameLength + u16(bytes, local + 28);
    if (dataStart + compressedSize > bytes.length) throw new ZipError('broken', `${name}: data beyond the end of the file`);
    entries.set(name, { name, method, compressedSize, uncompressedSize, dataStart });
  }
  return entries;
}

const SLICE = 16 * 1024;

/** Inflates the parts, in the order given; `budget` is what is left of the total uncompressed size. */
export class ZipReader {
  private used = 0;

  constructor(
    private readonly bytes: Uint8Array,
    readonly entries: Map<string, ZipEntry>,
    private readonly limits: ZipLimits = ZIP_LIMITS,
  ) {}

  has(name: string): boolean {
    return this.entries.has(name);
  }

  read(name: string): Uint8Array | undefined {
    const entry = this.entries.get(name);
    if (!entry) return undefined;
    const { uncompressedSize: size, compressedSize } = entry;
    const lim = this.limits;
    if (this.used + size > lim.maxUncompressedBytes) throw new ZipError('too-large', `more than ${lim.maxUncompressedBytes} bytes uncompressed`);
    if (size > lim.ratioGraceBytes && size > lim.maxRatio * Math.max(compressedSize, 1)) {
      throw new ZipError('zip-bomb', `${name}: declared ${size} bytes from ${compressedSize}`);
    }
    this.used += size;
    const data = this.bytes.subarray(entry.dataStart, entry.dataStart + compressedSize);
    if (entry.method === 0) {
      if (compressedSize !== size) throw new ZipError('broken', `${name}: stored with two sizes`);
      return data;
    }
    if (entry.method !== 8) throw new ZipError('broken', `${name}: compression method ${entry.method}`);
    const out = new Uint8Array(size);
    let at = 0;
    const inflate = new Inflate((chunk) => {
      if (at + chunk.length > size) throw new ZipError('zip-bomb', `${name}: inflates beyond the declared ${size} bytes`);
      out.set(chunk, at);
      at += chunk.length;
    });
    try {
      for (let i = 0; i < data.length; i += SLICE) inflate.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
      if (data.length === 0) inflate.push(data, true);
    } catch (e) {
      if (e instanceof ZipError) throw e;
      throw new ZipError('broken', `${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (at !== size) throw new ZipError('broken', `${name}: inflates to ${at} bytes, not the declared ${size}`);
    return out;
  }
}
