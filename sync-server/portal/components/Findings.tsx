/**
 * A version's findings as the task pane shows them: grouped by rule with the rules' Russian names and how to fix them,
 * repeats folded, errors first, with the severity filter. The list itself is the pane's `DiagnosticList`; the portal
 * only feeds it (without fixes: nothing is edited here) and remembers which finding was looked at.
 */
import { useMemo, useState } from 'react';
import { makeStyles, tokens, ToggleButton } from '@fluentui/react-components';
import type { Diagnostic } from '@svod/shared';
import { DiagnosticList } from '../../../addin/src/components/DiagnosticList';
import { SeverityIcon, SEVERITY_TITLES } from '../../../addin/src/components/severity';
import { ALL_SEVERITIES, countBySeverity, countOf, filterBySeverity, groupByRule, mergeDiagnostics, SEVERITIES, type SeverityFilter } from '../../../addin/src/state/diagnostics';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  filter: { minWidth: 'auto', fontWeight: tokens.fontWeightRegular },
  empty: { margin: 0, color: tokens.colorNeutralForeground2 },
});

export function Findings({ diagnostics, label }: { diagnostics: readonly Diagnostic[]; label?: string }) {
  const s = useStyles();
  const [filter, setFilter] = useState<SeverityFilter>(ALL_SEVERITIES);
  const [current, setCurrent] = useState<string | null>(null);
  // Fixes are the pane's business (it edits the workbook); the portal shows what to do, not a button that cannot work.
  const all = useMemo(() => mergeDiagnostics(diagnostics.map(({ fix: _fix, ...d }) => d)), [diagnostics]);
  const sheets = useMemo(() => [...new Set(all.map((d) => d.sheet))], [all]);
  const groups = useMemo(() => groupByRule(filterBySeverity(all, filter), sheets), [all, filter, sheets]);
  const counts = countBySeverity(all);
  if (all.length === 0) return <p className={s.empty}>Замечаний нет.</p>;
  return (
    <div className={s.root} data-testid="findings">
      <div className={s.filters} role="group" aria-label={label ?? 'Показывать'}>
        {SEVERITIES.map((sev) => (
          <ToggleButton
            key={sev}
            className={s.filter}
            size="small"
            appearance="subtle"
            checked={filter[sev]}
            aria-pressed={filter[sev]}
            icon={<SeverityIcon severity={sev} decorative />}
            disabled={countOf(counts, sev) === 0}
            onClick={() => setFilter({ ...filter, [sev]: !filter[sev] })}
            data-severity={sev}
          >
            {SEVERITY_TITLES[sev]}: {countOf(counts, sev)}
          </ToggleButton>
        ))}
      </div>
      {groups.length ? (
        <DiagnosticList groups={groups} withSheet={sheets.length > 1} busy={false} currentKey={current} onSelect={(d) => setCurrent(d.key)} onFix={() => undefined} onFixRule={() => undefined} />
      ) : (
        <p className={s.empty}>Все замечания скрыты фильтром.</p>
      )}
    </div>
  );
}
