/**
 * A version's findings as the task pane shows them: grouped by rule with the rules' Russian names and how to fix them,
 * repeats folded, errors first, with the severity filter. The list and the filter are the pane's own components; here
 * the list has no workbook to select cells in and nothing to fix, so cells are text and there is no «Исправить».
 */
import { useMemo, useState } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import type { Diagnostic } from '@svod/shared';
import { DiagnosticList } from '../../../addin/src/components/DiagnosticList';
import { SeverityFilterBar } from '../../../addin/src/components/SeverityFilter';
import { ALL_SEVERITIES, countBySeverity, filterBySeverity, groupByRule, mergeDiagnostics, type SeverityFilter } from '../../../addin/src/state/diagnostics';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  empty: { margin: 0, color: tokens.colorNeutralForeground2 },
});

export function Findings({ diagnostics, label }: { diagnostics: readonly Diagnostic[]; label?: string }) {
  const s = useStyles();
  const [filter, setFilter] = useState<SeverityFilter>(ALL_SEVERITIES);
  const all = useMemo(() => mergeDiagnostics(diagnostics), [diagnostics]);
  const sheets = useMemo(() => [...new Set(all.map((d) => d.sheet))], [all]);
  const groups = useMemo(() => groupByRule(filterBySeverity(all, filter), sheets), [all, filter, sheets]);
  const counts = useMemo(() => countBySeverity(all), [all]);
  if (all.length === 0) return <p className={s.empty}>Замечаний нет.</p>;
  return (
    <div className={s.root} data-testid="findings">
      <SeverityFilterBar filter={filter} counts={counts} onChange={setFilter} label={label} disableEmpty />
      {groups.length ? <DiagnosticList groups={groups} withSheet={sheets.length > 1} actions={false} showRuleId={false} /> : <p className={s.empty}>Все замечания скрыты фильтром.</p>}
    </div>
  );
}
