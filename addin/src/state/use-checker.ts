/**
 * The pane's check state and every action on it (check, select, highlight, fix, renumber, automatic re-check), over
 * the `HostPort` only. Excel operations run one at a time through a queue.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  checkFacts,
  collectFixes,
  mappingTargets,
  plural,
  readFacts,
  rules,
  type CellEdit,
  type CheckReport,
  type ColumnRole,
  type Diagnostic,
  type FixSelection,
  type GridWorkbook,
  type MappingTarget,
} from '@svod/shared';
import type { HostPort } from '../host/port';
import { errorText } from './errors';
import { debounce, createSerialQueue } from './schedule';
import { localDiagnostics, RENUMBER_SELECTION, findSame, safeFixSelection } from './diagnostics';

export type Busy = 'check' | 'fix' | 'highlight' | 'select';

export interface Notice {
  intent: 'success' | 'info' | 'warning' | 'error';
  text: string;
}

export interface CheckState {
  report: CheckReport | null;
  /** Sheet names of the last read, in tab order. */
  sheetOrder: string[];
  activeSheet: string | null;
  /** Sheets read by the last check: «active» or «all». */
  scope: 'active' | 'all';
  /** What the server said about the last submission; cleared by the next check. */
  serverDiagnostics: Diagnostic[];
  checkedAt: Date | null;
  busy: Busy | null;
  notice: Notice | null;
  highlighted: boolean;
  /** Header rows the last check found but could not read as tables: what the «Столбцы» step offers to place. */
  unread: MappingTarget[];
  /** The column mapping the last check read with (remembered ones merged), if any. */
  columns: Record<string, ColumnRole> | null;
}

const INITIAL: CheckState = {
  report: null,
  sheetOrder: [],
  activeSheet: null,
  scope: 'active',
  serverDiagnostics: [],
  checkedAt: null,
  busy: null,
  notice: null,
  highlighted: false,
  unread: [],
  columns: null,
};

export const AUTO_CHECK_DELAY_MS = 700;

const FIXED = ['проблема', 'проблемы', 'проблем'] as const;

export interface CheckerOptions {
  allSheets: boolean;
  autoCheck: boolean;
  autoCheckDelayMs?: number;
  /**
   * Which column is which (the remembered mappings merged), asked for before every check and read with it, as
   * `columns` in svod.config.json.
   */
  resolveColumns?: () => Promise<Record<string, ColumnRole> | undefined>;
  /** The mapping known now, without asking anyone (what a just-sent workbook's list is read with). */
  columns?: Record<string, ColumnRole> | undefined;
}

/** The check with a column mapping, and what it could not read (the reader's `unread`, kept by the same read). */
export function checkWithColumns(workbook: GridWorkbook, columns: Record<string, ColumnRole> | null | undefined): { report: CheckReport; unread: MappingTarget[] } {
  const facts = readFacts(workbook, columns && Object.keys(columns).length ? { columns } : {});
  const report = checkFacts(facts, rules);
  return { report, unread: mappingTargets(facts.model.sheets.map((s) => ({ sheet: s.grid.name, content: s.unread }))) };
}

export interface Checker {
  state: CheckState;
  /** `columns`: read with this mapping instead of the options' one (just saved, before the options catch up). */
  check(override?: { columns: Record<string, ColumnRole> | undefined }): Promise<void>;
  select(d: Diagnostic): Promise<void>;
  highlight(diagnostics: readonly Diagnostic[]): Promise<void>;
  clearHighlight(): Promise<void>;
  fixOne(d: Diagnostic): Promise<void>;
  /** Safe fixes of one rule, or of every rule, in one batch. */
  fixAll(ruleId?: string): Promise<void>;
  renumber(): Promise<void>;
  /** Shows a workbook checked elsewhere (just sent) together with the server's diagnostics. */
  showChecked(workbook: GridWorkbook & { active?: string }, scope: CheckState['scope'], report: CheckReport, serverDiagnostics: Diagnostic[]): void;
  dismissNotice(): void;
}

export function useChecker(port: HostPort, options: CheckerOptions): Checker {
  const [state, setState] = useState<CheckState>(INITIAL);
  const queue = useMemo(() => createSerialQueue(), []);
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const update = useCallback((patch: Partial<CheckState>) => {
    if (mounted.current) setState((s) => ({ ...s, ...patch }));
  }, []);

  const read = useCallback(
    async (override?: { columns: Record<string, ColumnRole> | undefined }) => {
      const scope = optionsRef.current.allSheets ? 'all' : 'active';
      const workbook = await port.readSheets(scope);
      const columns = (override ? override.columns : await optionsRef.current.resolveColumns?.()) ?? null;
      return { workbook, scope: scope as CheckState['scope'], columns, ...checkWithColumns(workbook, columns) };
    },
    [port],
  );

  const shown = useCallback(
    (r: Awaited<ReturnType<typeof read>>): Partial<CheckState> => ({
      report: r.report,
      scope: r.scope,
      sheetOrder: r.workbook.sheets.map((s) => s.name),
      activeSheet: r.workbook.active,
      serverDiagnostics: [],
      checkedAt: new Date(),
      unread: r.unread,
      columns: r.columns && Object.keys(r.columns).length ? r.columns : null,
    }),
    [],
  );

  /** Runs one Excel operation through the queue, with the busy mark and a Russian notice on failure. */
  const run = useCallback(
    (busy: Busy, failure: string, task: () => Promise<Partial<CheckState> | void>, quiet = false) =>
      queue(async () => {
        update(quiet ? { busy } : { busy, notice: null });
        try {
          const patch = await task();
          update({ ...(patch ?? {}), busy: null });
        } catch (e) {
          update({ busy: null, notice: { intent: 'error', text: errorText(e, failure) } });
        }
      }),
    [queue, update],
  );

  const checkNow = useCallback(
    (quiet = false, override?: { columns: Record<string, ColumnRole> | undefined }) =>
      run(
        'check',
        'Не удалось прочитать лист. Повторите проверку.',
        async () => {
          const r = await read(override);
          const found = r.report.sheets.reduce((n, s) => n + s.tables.length, 0);
          const patch = shown(r);
          if (r.unread.length > 0) {
            patch.notice = {
              intent: 'warning',
              text:
                r.unread.length === 1
                  ? 'Таблица не проверена: Svod не понял её столбцы. Укажите их в шаге «Столбцы» выше.'
                  : `Не проверено таблиц: ${r.unread.length}. Svod не понял их столбцы: укажите их в шаге «Столбцы» выше.`,
            };
          } else if (found === 0) {
            patch.notice = {
              intent: 'info',
              text:
                r.scope === 'all'
                  ? 'В книге не найдено таблиц: ни дорожной карты, ни целевых показателей.'
                  : 'На этом листе не найдено таблиц: ни дорожной карты, ни целевых показателей. Включите «Все листы», чтобы проверить всю книгу.',
            };
          }
          return patch;
        },
        quiet,
      ),
    [read, run, shown],
  );

  /** Re-reads, picks the edits from fresh diagnostics, writes them in one batch, and checks again. */
  const fixWith = useCallback(
    (pick: (diagnostics: Diagnostic[]) => { edits: CellEdit[]; applied: number; skipped: number }, nothing: string) =>
      run('fix', 'Не удалось записать исправления в книгу.', async () => {
        const before = await read();
        const { edits, applied, skipped } = pick(localDiagnostics(before.report));
        if (edits.length === 0) return { ...shown(before), notice: { intent: 'info', text: nothing } };
        await port.applyEdits(edits);
        const after = await read();
        let text = `Исправлено: ${plural(applied, FIXED)}.`;
        if (skipped > 0) text += ` Ещё ${plural(skipped, FIXED)} затрагивают те же ячейки: нажмите кнопку ещё раз.`;
        return { ...shown(after), notice: { intent: 'success', text } };
      }),
    [port, read, run, shown],
  );

  const bySelection = (selection: FixSelection) => (diagnostics: Diagnostic[]) => {
    const { edits, applied, skipped } = collectFixes(diagnostics, selection);
    return { edits, applied: applied.length, skipped: skipped.length };
  };

  const checker: Checker = {
    state,
    check: (override) => checkNow(false, override),
    select: (d) =>
      run(
        'select',
        `Не удалось перейти к ячейке ${d.cell} на листе «${d.sheet}».`,
        async () => {
          await port.select(d.sheet, d.cell);
        },
        true,
      ),
    highlight: (diagnostics) =>
      run('highlight', 'Не удалось подсветить ячейки.', async () => {
        await port.highlight(diagnostics);
        const cells = new Set(diagnostics.map((d) => `${d.sheet}!${d.cell}`)).size;
        return { highlighted: true, notice: { intent: 'info', text: `Подсвечено: ${plural(cells, ['ячейка', 'ячейки', 'ячеек'])}. Пояснения — в примечаниях к ячейкам.` } };
      }),
    clearHighlight: () =>
      run('highlight', 'Не удалось снять подсветку.', async () => {
        await port.clearHighlight();
        return { highlighted: false, notice: { intent: 'info', text: 'Подсветка снята: заливка и примечания ячеек восстановлены.' } };
      }),
    fixOne: (d) =>
      fixWith((fresh) => {
        const same = findSame(fresh, d);
        return same?.fix ? { edits: same.fix.edits, applied: 1, skipped: 0 } : { edits: [], applied: 0, skipped: 0 };
      }, 'Эта проблема уже исправлена или ячейка изменилась: список обновлён.'),
    fixAll: (ruleId) => fixWith(bySelection(safeFixSelection(ruleId)), 'Нечего исправлять автоматически: список обновлён.'),
    renumber: () => fixWith(bySelection(RENUMBER_SELECTION), 'Нумерация уже в порядке: список обновлён.'),
    showChecked: (workbook, scope, report, serverDiagnostics) => {
      const show = (columns: Record<string, ColumnRole> | undefined) => {
        // The sender checked without the mapping; the list must read the tables as the server did (with it, once known).
        const mapped = columns && Object.keys(columns).length ? checkWithColumns(workbook, columns) : null;
        update({
          report: mapped ? mapped.report : report,
          sheetOrder: workbook.sheets.map((s) => s.name),
          activeSheet: workbook.active ?? null,
          scope,
          serverDiagnostics,
          checkedAt: new Date(),
          notice: null,
          unread: mapped ? mapped.unread : checkWithColumns(workbook, null).unread,
          columns: mapped ? columns! : null,
        });
      };
      // No request of its own here: sending has just made its round trips.
      show(optionsRef.current.columns);
    },
    dismissNotice: () => update({ notice: null }),
  };

  // Автопроверка: re-check a moment after the last change, so a paste cannot bring errors in unseen.
  const delay = options.autoCheckDelayMs ?? AUTO_CHECK_DELAY_MS;
  useEffect(() => {
    if (!options.autoCheck) return;
    let active = true;
    let unsubscribe: (() => Promise<void>) | null = null;
    const later = debounce(() => {
      if (active) void checkNow(true);
    }, delay);
    port.onChange(() => later.trigger()).then(
      (off) => {
        if (active) unsubscribe = off;
        else void off().catch(() => undefined);
      },
      (e: unknown) => {
        if (active) update({ notice: { intent: 'error', text: errorText(e, `Не удалось включить автопроверку: приложение «${port.capabilities.hostName}» не сообщает об изменениях.`) } });
      },
    );
    void checkNow(true);
    return () => {
      active = false;
      later.cancel();
      if (unsubscribe) void unsubscribe().catch(() => undefined);
    };
  }, [options.autoCheck, port, delay, checkNow, update]);

  return checker;
}
