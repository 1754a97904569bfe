import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ErrorCircle16Filled, Info16Filled, Warning16Filled } from '@fluentui/react-icons';
import { SEVERITY_NAMES, type Severity } from '@svod/shared';

const useStyles = makeStyles({
  icon: { flexShrink: 0, verticalAlign: 'text-bottom' },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorPaletteBlueForeground2 },
});

/** The severity's icon in its colour, with the Russian word for screen readers. */
export function SeverityIcon({ severity, decorative = false }: { severity: Severity; decorative?: boolean }) {
  const s = useStyles();
  const Icon = severity === 'error' ? ErrorCircle16Filled : severity === 'warning' ? Warning16Filled : Info16Filled;
  const className = mergeClasses(s.icon, s[severity]);
  // Decorative next to a label that already names the severity; otherwise the icon itself is read out.
  return decorative ? <Icon className={className} aria-hidden /> : <Icon className={className} role="img" aria-label={SEVERITY_NAMES[severity]} />;
}

export const SEVERITY_TITLES: Record<Severity, string> = { error: 'Ошибки', warning: 'Предупреждения', info: 'Замечания' };
