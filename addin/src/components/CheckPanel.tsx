import { useMemo, useState } from 'react';
import { Button, makeStyles, Spinner, Switch, tokens } from '@fluentui/react-components';
import { DocumentSearch20Regular, Eraser20Regular, Highlight20Regular, TextNumberListLtr20Regular, Wrench20Regular } from '@fluentui/react-icons';
import { plural } from '@svod/shared';
import {
  ALL_SEVERITIES,
  countBySeverity,
  countSafeFixes,
  countsText,
  filterBySeverity,
  groupByRule,
  hasRenumbering,
  localDiagnostics,
  mergeDiagnostics,
  tableRows,
  type SeverityFilter,
} from '../state/diagnostics';
import type { HostCapabilities } from '../host/port';
import { POLL_SECONDS } from '../host/polling';
import type { Checker } from '../state/use-checker';
import { DiagnosticList } from './DiagnosticList';
import { Notice } from './Notice';
import { SeverityFilterBar } from './SeverityFilter';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  switches: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
  tables: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  table: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    overflowWrap: 'anywhere',
  },
  tableTitle: { fontWeight: tokens.fontWeightSemibold, display: 'block' },
  muted: { color: tokens.colorNeutralForeground3 },
  summary: { margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  actions: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(136px, 1fr))', gap: tokens.spacingHorizontalXS },
  action: { whiteSpace: 'nowrap', paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS, minWidth: 0 },
  empty: { margin: 0, fontSize: tokens.fontSizeBase200 },
  hint: { margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground3 },
  sectionTitle: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
});

export interface CheckPanelProps {
  checker: Checker;
  /** How the host learns of edits: a polling host (Google Sheets) says how often Автопроверка looks. */
  capabilities?: HostCapabilities;
  allSheets: boolean;
  onAllSheets(on: boolean): void;
  autoCheck: boolean;
  onAutoCheck(on: boolean): void;
}

const time = new Intl.DateTimeFormat('ru-RU', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function CheckPanel({ checker, capabilities, allSheets, onAllSheets, autoCheck, onAutoCheck }: CheckPanelProps) {
  const s = useStyles();
  const { state } = checker;
  const [filter, setFilter] = useState<SeverityFilter>(ALL_SEVERITIES);
  const [currentKey, setCurrentKey] = useState<string | null>(null);
  const busy = state.busy !== null && state.busy !== 'select';

  const local = useMemo(() => localDiagnostics(state.report), [state.report]);
  const merged = useMemo(() => mergeDiagnostics(local, state.serverDiagnostics), [local, state.serverDiagnostics]);
  const counts = useMemo(() => countBySeverity(merged), [merged]);
  const shown = useMemo(() => filterBySeverity(merged, filter), [merged, filter]);
  const groups = useMemo(() => groupByRule(shown, state.sheetOrder), [shown, state.sheetOrder]);
  const tables = useMemo(() => tableRows(state.report), [state.report]);
  const safeFixes = countSafeFixes(local);
  const renumber = hasRenumbering(local);
  const withSheet = new Set(merged.map((d) => d.sheet)).size > 1 || state.scope === 'all';

  return (
    <div className={s.panel}>
      <div className={s.toolbar}>
        <Button appearance="primary" icon={state.busy === 'check' ? <Spinner size="tiny" /> : <DocumentSearch20Regular />} disabled={busy} onClick={() => void checker.check()}>
          Проверить
        </Button>
        <div className={s.switches}>
          <Switch label="Все листы" checked={allSheets} onChange={(_, data) => onAllSheets(data.checked)} />
          <Switch label="Автопроверка" checked={autoCheck} onChange={(_, data) => onAutoCheck(data.checked)} />
        </div>
      </div>
      {autoCheck && capabilities?.changes === 'polling' && (
        <p className={s.hint} data-testid="autocheck-hint">
          Svod каждые {plural(POLL_SECONDS, ['секунду', 'секунды', 'секунд'])} смотрит, изменился ли активный лист, и тогда проверяет его заново: {capabilities.hostName} не сообщают панели о правках сами.
        </p>
      )}

      <Notice notice={state.notice} onDismiss={checker.dismissNotice} testId="check-notice" />

      {state.report && (
        <>
          {tables.length > 0 && (
            <section aria-labelledby="tables-title">
              <h2 id="tables-title" className="svod-visually-hidden">
                Найденные таблицы
              </h2>
              <ul className={s.tables} data-testid="tables">
                {tables.map((t) => (
                  <li key={`${t.sheet}!${t.range}`} className={s.table}>
                    <span className={s.tableTitle}>
                      {t.kindName}
                      {t.period ? `, ${t.period}` : ''}
                    </span>
                    <span className={s.muted}>
                      {t.sheet}!{t.range}
                    </span>
                    <br />
                    <span>{countsText(t.counts)}</span>
                  </li>
                ))}
              </ul>
            </section>
          )}

          <p className={s.summary} role="status" data-testid="summary">
            Итого: {countsText(counts)}
            {state.serverDiagnostics.length > 0 ? ' (с замечаниями сервера)' : ''}.{' '}
            {state.checkedAt && <span className={s.muted}>Проверено в {time.format(state.checkedAt)}.</span>}
          </p>

          {merged.length > 0 && (
            <SeverityFilterBar filter={filter} counts={counts} onChange={setFilter} />
          )}

          {merged.length > 0 && (
            <div className={s.actions}>
              <Button className={s.action} size="small" icon={<Highlight20Regular />} disabled={busy || shown.length === 0} onClick={() => void checker.highlight(shown)}>
                Подсветить
              </Button>
              <Button className={s.action} size="small" icon={<Eraser20Regular />} disabled={busy || !state.highlighted} onClick={() => void checker.clearHighlight()}>
                Снять подсветку
              </Button>
              {safeFixes > 0 && (
                <Button className={s.action} size="small" icon={<Wrench20Regular />} disabled={busy} onClick={() => void checker.fixAll()}>
                  Исправить все ({safeFixes})
                </Button>
              )}
              {renumber && (
                <Button className={s.action} size="small" icon={<TextNumberListLtr20Regular />} disabled={busy} onClick={() => void checker.renumber()}>
                  Перенумеровать
                </Button>
              )}
            </div>
          )}

          {merged.length === 0 && tables.length > 0 && <p className={s.empty}>Проблем не найдено.</p>}
          {merged.length > 0 && shown.length === 0 && <p className={s.empty}>Все найденные проблемы скрыты фильтром.</p>}

          {groups.length > 0 && (
            <section aria-labelledby="problems-title">
              <h2 id="problems-title" className="svod-visually-hidden">
                Проблемы
              </h2>
              <DiagnosticList
                groups={groups}
                withSheet={withSheet}
                busy={busy}
                currentKey={currentKey}
                onSelect={(d) => {
                  setCurrentKey(d.key);
                  void checker.select(d);
                }}
                onFix={(d) => void checker.fixOne(d)}
                onFixRule={(ruleId) => void checker.fixAll(ruleId)}
              />
            </section>
          )}
        </>
      )}
      {!state.report && state.busy !== 'check' && (
        <p className={s.empty}>
          Нажмите «Проверить»: Svod найдёт на листе дорожную карту или целевые показатели и покажет ошибки. Проверка идёт здесь же, без сервера.
        </p>
      )}
    </div>
  );
}
