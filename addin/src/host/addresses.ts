/** Addresses as Excel's JavaScript API writes them (`'Дорожная карта'!A1:E1, 'Дорожная карта'!A3:E3`) and as Svod keeps them. */
import { parseA1, parseRangeA1, toA1, type CellRange, type CellRef } from '@svod/shared';

/** Splits at top-level `,` or `;` (a quoted sheet name may hold either; `''` is an escaped quote inside it). */
function splitAreas(address: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < address.length; i++) {
    const ch = address[i];
    if (ch === "'") quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === ';')) {
      parts.push(address.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(address.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** The part after the sheet name: `'Лист 1'!$A$1:$E$1` → `$A$1:$E$1`. */
export function localAddress(address: string): string {
  const bang = address.lastIndexOf('!');
  return bang < 0 ? address.trim() : address.slice(bang + 1).trim();
}

/** A `RangeAreas.address` (merged areas of a sheet) as 0-based rectangles; parts that are not cell ranges are skipped. */
export function areasFromAddress(address: string | null | undefined): CellRange[] {
  if (!address) return [];
  const out: CellRange[] = [];
  for (const part of splitAreas(address)) {
    const range = parseRangeA1(localAddress(part).replace(/\$/g, ''));
    if (range) out.push(range);
  }
  return out;
}

/** A diagnostic's cell as one canonical A1 cell: `$b$4` → `B4`; a range `A4:E80` → its top-left `A4`; else null. */
export function canonicalCell(cell: string): string | null {
  const local = localAddress(cell).replace(/\$/g, '');
  const ref: CellRef | null = parseA1(local) ?? (() => {
    const range = parseRangeA1(local);
    return range ? { row: range.top, col: range.left } : null;
  })();
  return ref ? toA1(ref) : null;
}
