import { sniffUpload } from '../../src/uploads';
import { cp1251, seedBytes } from './helpers';

describe('sniffUpload: by content, never by name', () => {
  test('a zip is xlsx (whether it is a real workbook is for inspectXlsx to say)', () => {
    expect(sniffUpload(seedBytes())).toBe('xlsx');
    expect(sniffUpload(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toBe('xlsx');
  });

  test('text in UTF-8, Windows-1251 and UTF-16 with a BOM is csv', () => {
    expect(sniffUpload(Buffer.from('№;Мероприятие\r\n1;Семинар\r\n'))).toBe('csv');
    expect(sniffUpload(cp1251('№;Мероприятие\r\n1;Семинар\r\n'))).toBe('csv');
    expect(sniffUpload(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\tb\r\n', 'utf16le')]))).toBe('csv');
  });

  test('text with a few NUL bytes is still csv, so that the CSV reader refuses it by name', () => {
    expect(sniffUpload(Buffer.from(`${'Показатель;Значение\r\n'.repeat(20)}a\u0000b`))).toBe('csv');
  });

  test('empty, random, NUL-filled, and known binary formats are null', () => {
    let seed = 1;
    const random = new Uint8Array(8192).map(() => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16);
    expect(sniffUpload(new Uint8Array(0))).toBeNull();
    expect(sniffUpload(random)).toBeNull();
    expect(sniffUpload(new Uint8Array(100))).toBeNull();
    expect(sniffUpload(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x41]))).toBeNull(); // .xls
    expect(sniffUpload(Buffer.from('%PDF-1.7\n%âãÏÓ\n'))).toBeNull();
    expect(sniffUpload(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBeNull();
    expect(sniffUpload(new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]))).toBeNull(); // an empty zip
  });
});
