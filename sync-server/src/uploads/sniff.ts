import { looksLikeZip } from '@svod/shared/xlsx';

/**
 * What the bytes are, by content only (never the file name or the Content-Type): 'xlsx' for a zip (whether it is a
 * real workbook is `inspectXlsx`'s business), 'csv' for text, null for anything else.
 *
 * Text is judged on the first 64 KiB: fewer than 5 % control bytes. A CSV with a few NUL bytes in it is still sniffed
 * as 'csv' so that the CSV reader refuses it with its own message (`csv-binary`); random or binary data is null.
 */
export function sniffUpload(bytes: Uint8Array): 'xlsx' | 'csv' | null {
  if (bytes.length === 0) return null;
  if (looksLikeZip(bytes)) return 'xlsx';
  if (BINARY_MAGIC.some((magic) => startsWith(bytes, magic))) return null;
  if (utf16Bom(bytes)) return 'csv';
  const sample = bytes.subarray(0, 64 * 1024);
  let control = 0;
  for (const b of sample) if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f) control++;
  return control <= sample.length * 0.05 ? 'csv' : null;
}

/** An OLE2 compound file: an Excel 97–2003 .xls, or an .xlsx that Excel encrypted with a password. */
export function isOle2(bytes: Uint8Array): boolean {
  return startsWith(bytes, OLE2);
}

/** 'le' / 'be' when the bytes open with a UTF-16 byte order mark (Excel's «Текст Юникод» is UTF-16LE). */
export function utf16Bom(bytes: Uint8Array): 'le' | 'be' | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'be';
  return null;
}

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const BINARY_MAGIC: readonly number[][] = [
  OLE2,
  [0x50, 0x4b, 0x05, 0x06], // an empty zip
  [0x50, 0x4b, 0x07, 0x08], // a spanned zip
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0x1f, 0x8b], // gzip
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
  [0x52, 0x61, 0x72, 0x21], // Rar!
  [0x7f, 0x45, 0x4c, 0x46], // ELF
];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic[i]) return false;
  return true;
}
