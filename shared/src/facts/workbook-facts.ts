import type { GridWorkbook } from '../grid/grid';
import { readOptions, type SvodConfig } from '../engine/config';
import type { SheetModel, WorkbookModel } from '../reader/model';
import { readWorkbook } from '../reader/read';
import { cellText, matchKey } from '../text/normalize';
import { ALIAS, splitExecutors } from './executors';
import { TableFacts } from './table-facts';
import type { TextCell } from './text-cells';

export interface ExecutorUsage {
  /** Known executor keys: glossary, config, «далее –» aliases. */
  known: Set<string>;
  /** Glossary abbreviations as keys: a name containing one is known. */
  abbreviations: string[];
  /** How often each executor key is used across the workbook's roadmaps. */
  usage: Map<string, number>;
  /** The first spelling of each key. */
  spelled: Map<string, string>;
  /** Glossary abbreviations and full names by key, as the glossary spells them. */
  glossary: Map<string, string>;
}

/** What one workbook states across its tables: its glossary and executors. Its tables' facts hang off it. */
export class WorkbookFacts {
  readonly tables: TableFacts[];
  private executorUsage?: ExecutorUsage;
  private readonly loose = new Map<SheetModel, TextCell[]>();

  constructor(
    readonly model: WorkbookModel,
    readonly config: SvodConfig,
  ) {
    this.tables = model.sheets.flatMap((sheet) => sheet.tables.map((table) => new TableFacts(table, sheet, this)));
  }

  /** The facts of the tables of one sheet, in order. */
  tablesOf(sheet: SheetModel): TableFacts[] {
    return this.tables.filter((t) => t.sheet === sheet);
  }

  /**
   * Every non-empty text cell of a sheet that none of its tables' text cells covers (a passport sheet, notes below a
   * table): what a text rule checks outside the tables, so no cell is judged twice. `inTitle` is false.
   */
  looseTextCells(sheet: SheetModel): TextCell[] {
    let out = this.loose.get(sheet);
    if (out) return out;
    out = [];
    const tables = sheet.tables;
    // The same cover as `textCells`: whole title rows, and the table's columns over its rows.
    const titleRows = new Set(tables.flatMap((t) => t.titleRows));
    sheet.grid.rows.forEach((cells, r) => {
      if (!cells || titleRows.has(r)) return;
      for (let c = 0; c < cells.length; c++) {
        const v = cells[c];
        if (typeof v !== 'string' || v === '') continue;
        if (tables.some(({ range }) => r >= range.top && r <= range.bottom && c >= range.left && c <= range.right)) continue;
        out!.push({ cell: { row: r, col: c }, text: v, inTitle: false });
      }
    });
    this.loose.set(sheet, out);
    return out;
  }

  get hasGlossary(): boolean {
    return this.model.glossary.length > 0;
  }

  /** Executors over every roadmap of the workbook, counted once per cell (a merged executor counts once). */
  get executors(): ExecutorUsage {
    return (this.executorUsage ??= this.countExecutors());
  }

  private countExecutors(): ExecutorUsage {
    const known = new Set<string>();
    const abbreviations: string[] = [];
    const usage = new Map<string, number>();
    const spelled = new Map<string, string>();
    const glossary = new Map<string, string>();
    const add = (name: string) => {
      const key = matchKey(name);
      if (key) known.add(key);
    };
    for (const e of this.model.glossary) {
      add(e.abbreviation);
      add(e.fullName);
      const k = matchKey(e.abbreviation);
      if (k) abbreviations.push(k);
      for (const name of [e.abbreviation, e.fullName]) {
        const key = matchKey(name);
        if (key) glossary.set(key, name);
      }
    }
    for (const e of this.config.executors ?? []) add(e);
    for (const facts of this.tables) {
      const { table, sheet } = facts;
      if (table.kind !== 'roadmap' || table.columns.executor === undefined) continue;
      const col = table.columns.executor;
      let lastMasterRow = -1;
      for (const [index, row] of table.rows.entries()) {
        if (row.role !== 'item') continue;
        const master = sheet.merges.masterOf(row.row, col);
        if (master.row === lastMasterRow) continue; // a merged executor counts once
        lastMasterRow = master.row;
        if (facts.splitSource(index, col) >= 0) continue; // the end of a name a page break split: not a name
        const text = cellText(facts.rawValue(master.row, master.col));
        const hasAlias = text.includes('далее');
        if (hasAlias) for (const m of text.matchAll(ALIAS)) add(m[1]!.trim());
        for (const name of splitExecutors(hasAlias ? text.replace(ALIAS, '') : text)) {
          const key = matchKey(name);
          usage.set(key, (usage.get(key) ?? 0) + 1);
          if (!spelled.has(key)) spelled.set(key, name);
        }
      }
    }
    return { known, abbreviations, usage, spelled, glossary };
  }
}

/** Reads a workbook's tables and prepares their facts: what the rules and the extraction share. */
export function readFacts(workbook: GridWorkbook, config: SvodConfig = {}): WorkbookFacts {
  return new WorkbookFacts(readWorkbook(workbook, readOptions(config)), config);
}
