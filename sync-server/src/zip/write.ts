/**
 * A zip archive from entries whose bytes are already compressed (or stored): local headers, central directory, end
 * record. No zip64, no extra fields, a fixed 1980-01-01 timestamp so the same entries give the same bytes. Shared by
 * the upload repacker (uploads/repack.ts) and the regional workbook writer (workbook/xlsx.ts).
 */
export interface ZipEntryOut {
  name: string;
  /** 0 stored, 8 deflated. */
  method: 0 | 8 | number;
  crc32: number;
  uncompressedSize: number;
  compressed: Uint8Array;
  /** A folder entry (the MS-DOS directory attribute in the central directory). */
  directory?: boolean;
}

const UTF8_NAMES = 0x0800;
const DOS_DATE_1980_01_01 = 33;

export function writeZip(entries: readonly ZipEntryOut[]): Uint8Array {
  if (entries.length > 0xffff) throw new RangeError('too many entries for a zip without zip64');
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    // The UTF-8 flag only where a name needs it, as ExcelJS (JSZip) writes it.
    const flags = name.length !== e.name.length || /[^\x20-\x7e]/.test(e.name) ? UTF8_NAMES : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
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
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(DOS_DATE_1980_01_01, 14);
    central.writeUInt32LE(e.crc32 >>> 0, 16);
    central.writeUInt32LE(e.compressed.length, 20);
    central.writeUInt32LE(e.uncompressedSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(e.directory ? 0x10 : 0, 38);
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
