import type { CellRef } from '../grid/address';
import type { CellValue } from '../grid/grid';
import { formatNumber, isPrefixOf, numberKey } from '../reader/numbering';
import type { TableRow } from '../reader/model';
import type { TableFacts } from './table-facts';

/** One cell to write, in table coordinates: the unit of a fix before the engine names its sheet. */
export interface CellWrite {
  cell: CellRef;
  value: CellValue;
}

export interface NumberingIssue {
  kind: 'duplicate' | 'gap' | 'order' | 'parent';
  rowIndex: number;
  cell: CellRef;
  data: Record<string, string | number>;
}

export interface NumberingAnalysis {
  issues: NumberingIssue[];
  /** The renumbering that makes the whole table consistent; empty when it already is. */
  renumber: CellWrite[];
}

const ROMAN: Array<[number, string]> = [
  [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];
function toRoman(n: number): string {
  let out = '';
  for (const [v, s] of ROMAN) while (n >= v) {
    out += s;
    n -= v;
  }
  return out;
}

/**
 * A row's numbering parent: the enclosing numbered section or item. Items numbered `1`, `2` under sections `1.`, `2.`
 * (seed 003) use local numbering: they count within their section and are not expected to carry its prefix.
 */
function isLocal(rows: TableRow[], row: TableRow): boolean {
  if (!row.number || row.number.components.length !== 1 || row.parent === undefined) return false;
  const parent = rows[row.parent]!;
  return parent.role === 'section';
}

/** Where a numbered row is written: the number cell of items, the heading cell of numbered sections. */
function numberCell(facts: TableFacts, row: TableRow): CellRef {
  const col = facts.col('number');
  if (row.role === 'item' && col !== undefined) return facts.cellOf(row.row, col);
  const cols = Object.keys(facts.table.headers).map(Number);
  for (const c of cols) if (facts.text(row.row, c) !== '') return facts.cellOf(row.row, c);
  return { row: row.row, col: facts.table.range.left };
}

export function numberingAnalysis(facts: TableFacts): NumberingAnalysis {
  const { rows } = facts.table;
  const issues: NumberingIssue[] = [];
  // Sibling groups: numbered rows sharing a numbering parent. Key: parent index, or the written prefix at top level.
  const lastInGroup = new Map<string, { n: number; rowIndex: number }>();
  const seen = new Map<string, number>();
  const newNumbers = new Map<number, number[]>();
  const counters = new Map<string, number>();

  // The last numbered row at each depth since a shallower one: where the document places a row, whatever its number.
  const byDepth: number[] = [];

  rows.forEach((row, index) => {
    // An unnumbered heading opens a new context: what came before it is nobody's parent after it.
    if (row.role === 'section' && !row.number) byDepth.length = 0;
    if ((row.role !== 'item' && row.role !== 'section') || !row.number) return;
    const n = row.number;
    const local = isLocal(rows, row);
    const parent = row.parent !== undefined ? rows[row.parent]! : undefined;
    const parentNumbered = parent?.number ? parent : undefined;
    const depth = n.components.length;
    const placedAt = local || depth < 2 ? undefined : byDepth[depth - 2];
    const placedUnder = placedAt !== undefined ? rows[placedAt] : undefined;
    if (!local) {
      byDepth[depth - 1] = index;
      byDepth.length = depth;
    }

    // numbering-parent: `2.3` inside section `1.`, or `3.1.5` placed after `3.2` (its number's own parent, `3.`, is
    // further up, so the number alone would read it as a gap after `3.2`).
    const wrongParent =
      !local && depth > 1 && parentNumbered && !isPrefixOf(parentNumbered.number!, n)
        ? parentNumbered
        : placedUnder?.number && !isPrefixOf(placedUnder.number, n)
          ? placedUnder
          : undefined;
    if (wrongParent) {
      issues.push({ kind: 'parent', rowIndex: index, cell: numberCell(facts, row), data: { number: n.raw, parent: numberKey(wrongParent.number!) } });
    }

    const groupKey = local || (parentNumbered && isPrefixOf(parentNumbered.number!, n))
      ? `p${row.parent}`
      : `w${n.components.slice(0, -1).join('.')}`;
    const last = n.components[n.components.length - 1]!;
    const fullKey = local ? `p${row.parent}:${last}` : `${row.role === 'section' ? 's' : 'i'}${numberKey(n)}`;
    if (seen.has(fullKey)) {
      issues.push({ kind: 'duplicate', rowIndex: index, cell: numberCell(facts, row), data: { number: n.raw } });
    } else if (wrongParent && wrongParent !== parentNumbered) {
      // A misplaced row is that one problem, not also a gap or a break of order among its number's siblings.
      seen.set(fullKey, index);
    } else {
      seen.set(fullKey, index);
      const prev = lastInGroup.get(groupKey);
      // A top-level group may be a fragment of a longer document (sections 4–6 pasted alone): it starts where it starts.
      const topLevel = !local && !parentNumbered && n.components.length === 1;
      const expected = prev ? prev.n + 1 : topLevel ? last : 1;
      if (prev && last < prev.n) {
        issues.push({ kind: 'order', rowIndex: index, cell: numberCell(facts, row), data: { number: n.raw, previous: numberKey(rows[prev.rowIndex]!.number!) } });
      } else if (last > expected) {
        const missing = formatNumber([...n.components.slice(0, -1), expected], false);
        const missingTo = last - 1 > expected ? `–${formatNumber([...n.components.slice(0, -1), last - 1], false)}` : '';
        issues.push({ kind: 'gap', rowIndex: index, cell: numberCell(facts, row), data: { number: n.raw, missing: missing + missingTo } });
      }
      if (!prev || last > prev.n) lastInGroup.set(groupKey, { n: last, rowIndex: index });
    }

    // The renumbering: count siblings under the new number of the row the document places it under (its number's
    // parent, unless it is misplaced).
    const under = placedAt !== undefined && newNumbers.has(placedAt) ? placedAt : parentNumbered && newNumbers.has(row.parent!) ? row.parent! : undefined;
    const base = local ? [] : under !== undefined ? newNumbers.get(under)! : n.components.slice(0, -1);
    const counterKey = local ? `p${row.parent}` : `${row.role}:${base.join('.')}`;
    const start = !local && !parentNumbered && n.components.length === 1 && !counters.has(counterKey) ? last : 1;
    const k = counters.has(counterKey) ? counters.get(counterKey)! + 1 : start;
    counters.set(counterKey, k);
    newNumbers.set(index, [...base, k]);
  });

  const edits: CellWrite[] = [];
  newNumbers.forEach((components, index) => {
    const row = rows[index]!;
    const n = row.number!;
    if (numberKey(n) === components.join('.')) return;
    const written = n.roman && components.length === 1 ? toRoman(components[0]!) + (n.trailingDot ? '.' : '') : formatNumber(components, n.trailingDot);
    const cell = numberCell(facts, row);
    if (row.role === 'item') {
      edits.push({ cell, value: written });
    } else {
      // A numbered heading keeps its text: only the leading number changes.
      const text = facts.text(row.row, cell.col);
      edits.push({ cell, value: text.replace(/^\s*\S+/, written) });
    }
  });
  return { issues, renumber: edits };
}

