/**
 * Writes a zip anew from the entries the inspection read: the same names and the same compressed bytes, with fresh
 * local headers, central directory and end record. The parser (JSZip inside ExcelJS) then sees exactly what yauzl
 * saw. Without this, the two readers can disagree on a crafted file: JSZip takes the last end-of-directory signature
 * anywhere in the file, re-bases offsets when they look shifted, and reads central headers for as long as their
 * signature repeats, whatever the entry count says (and a later entry of a name replaces an earlier one), while yauzl
 * reads exactly the declared count from the declared offset. A part hidden from the inspection is never parsed.
 */
export interface RepackEntry {
  name: string;
  /** 0 stored, 8 deflated: the only methods the inspection lets through. */
  method: number;
  crc32: number;
  uncompressedSize: number;
  compressed: Uint8Array;
}

const UTF8_NAMES = 0x0800;
const DOS_DATE_1980_01_01 = 33;

export function repackZip(entries: readonly RepackEntry[]): Uint8Array {
  if (entries.length > 0xffff) throw new RangeError('too many entries for a zip without zip64');
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(DOS_DATE_1980_01_01, 12);
    local.writeUInt32LE(e.crc32 >>> 0, 14);
    local.writeUInt32LE(e.compressed.length, 18);
    local.writeUInt32LE(e.uncompressedSize, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(DOS_DATE_1980_01_01, 14);
    central.writeUInt32LE(e.crc32 >>> 0, 16);
    central.writeUInt32LE(e.compressed.length, 20);
    central.writeUInt32LE(e.uncompressedSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.compressed);
    centrals.push(central, name);
    offset += local.length + name.length + e.compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  const out = Buffer.concat([...locals, directory, end]);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
