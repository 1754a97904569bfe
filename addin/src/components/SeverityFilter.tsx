import { makeStyles, tokens, ToggleButton } from '@fluentui/react-components';
import { countOf, SEVERITIES, type Counts, type SeverityFilter } from '../state/diagnostics';
import { SEVERITY_TITLES, SeverityIcon } from './severity';

const useStyles = makeStyles({
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  filter: { minWidth: 'auto', paddingLeft: tokens.spacingHorizontalS, paddingRight: tokens.spacingHorizontalS, fontWeight: tokens.fontWeightRegular },
});

export interface SeverityFilterBarProps {
  filter: SeverityFilter;
  counts: Counts;
  onChange(filter: SeverityFilter): void;
  /** The group's name for screen readers. */
  label?: string;
  /** Grey out a severity nothing was found of (the portal: a finished version's findings do not change). */
  disableEmpty?: boolean;
}

/** «Ошибки: 3», «Предупреждения: 1», «Замечания: 0» as toggles: the task pane's and the portal's severity filter. */
export function SeverityFilterBar({ filter, counts, onChange, label = 'Показывать', disableEmpty = false }: SeverityFilterBarProps) {
  const s = useStyles();
  return (
    <div className={s.filters} role="group" aria-label={label}>
      {SEVERITIES.map((sev) => (
        <ToggleButton
          key={sev}
          className={s.filter}
          size="small"
          appearance="subtle"
          checked={filter[sev]}
          aria-pressed={filter[sev]}
          icon={<SeverityIcon severity={sev} decorative />}
          disabled={disableEmpty && countOf(counts, sev) === 0}
          onClick={() => onChange({ ...filter, [sev]: !filter[sev] })}
          data-severity={sev}
        >
          {SEVERITY_TITLES[sev]}: {countOf(counts, sev)}
        </ToggleButton>
      ))}
    </div>
  );
}
