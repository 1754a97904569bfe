import type { CellValue, Grid } from '../grid/grid';

/**
 * CSV text → grid. Pure: decoding bytes (UTF-8 or Windows-1251, as Russian Excel saves) is the caller's job.
 * The delimiter is sniffed from the first lines: Russian Excel writes `;`, others `,` or a tab.
 */
export function sniffDelimiter(text: string): string {
  const sample = text.slice(0, 4096).split('\n').slice(0, 5);
  let best = ',';
  let bestScore = -1;
  for (const d of [';', ',', '\t']) {
    const counts = sample.map((l) => splitLine(l, d).length);
    const score = Math.min(...counts) > 1 && counts.every((c) => c === counts[0]) ? counts[0]! * 2 : Math.max(...counts);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function splitLine(line: string, d: string): string[] {
  return parseCsv(line, d)[0] ?? [];
}

/** RFC 4180 with quoted fields, doubled quotes and line breaks inside quotes. */
export function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  while (i < s.length) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (ch === '\r' && s[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A CSV file is one sheet; every non-empty field stays text (numbers with a decimal comma are read by the rules). */
export function gridFromCsv(text: string, name = 'CSV'): Grid {
  const rows = parseCsv(text, sniffDelimiter(text)).map((r): CellValue[] => r.map((f) => (f.trim() === '' ? null : f)));
  while (rows.length && rows[rows.length - 1]!.every((v) => v === null)) rows.pop();
  return { name, rows, merges: [] };
}
