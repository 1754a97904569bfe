/**
 * Writes a zip anew from the entries the inspection read: the same names and the same compressed bytes, with fresh
 * local headers, central directory and end record. The parser (JSZip inside ExcelJS) then sees exactly what yauzl
 * saw. Without this, the two readers can disagree on a crafted file: JSZip takes the last end-of-directory signature
 * anywhere in the file, re-bases offsets when they look shifted, and reads central headers for as long as their
 * signature repeats, whatever the entry count says (and a later entry of a name replaces an earlier one), while yauzl
 * reads exactly the declared count from the declared offset. A part hidden from the inspection is never parsed.
 */
import { writeZip } from '../zip/write';

export interface RepackEntry {
  name: string;
  /** 0 stored, 8 deflated: the only methods the inspection lets through. */
  method: number;
  crc32: number;
  uncompressedSize: number;
  compressed: Uint8Array;
}

/** The inspected entries, rewritten by the one zip writer of the server. */
export function repackZip(entries: readonly RepackEntry[]): Uint8Array {
  return writeZip(entries);
}
