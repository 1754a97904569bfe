import { useState } from 'react';
import { Badge, Button, CounterBadge, makeStyles, mergeClasses, tokens, useArrowNavigationGroup } from '@fluentui/react-components';
import { SEVERITY_NAMES, type Diagnostic } from '@svod/shared';
import { cellLabel, type RuleGroup, type ShownDiagnostic } from '../state/diagnostics';
import { SeverityIcon } from './severity';

/** Items shown per group before «Показать все». */
export const GROUP_PREVIEW = 8;

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyle: 'none' },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  header: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalXS,
    paddingBottom: tokens.spacingVerticalXXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  headerIcon: { paddingTop: '2px' },
  title: { flexGrow: 1, minWidth: 0, margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, fontWeight: tokens.fontWeightSemibold },
  ruleId: { display: 'block', fontWeight: tokens.fontWeightRegular, fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground3 },
  groupActions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  items: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column' },
  item: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalXXS, borderRadius: tokens.borderRadiusMedium },
  itemButton: {
    flexGrow: 1,
    minWidth: 0,
    display: 'block',
    textAlign: 'left',
    background: 'none',
    border: 'none',
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
    font: 'inherit',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground1,
    cursor: 'pointer',
    overflowWrap: 'anywhere',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':active': { backgroundColor: tokens.colorNeutralBackground1Pressed },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  current: { backgroundColor: tokens.colorBrandBackground2, ':hover': { backgroundColor: tokens.colorBrandBackground2Hover } },
  cell: {
    fontFamily: tokens.fontFamilyMonospace,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorBrandForeground1,
    marginRight: tokens.spacingHorizontalXS,
  },
  suggestion: { display: 'block', color: tokens.colorNeutralForeground3, marginTop: '2px' },
  howToFix: {
    margin: `0 0 ${tokens.spacingVerticalXXS} 0`,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground2,
  },
  server: { marginLeft: tokens.spacingHorizontalXS, verticalAlign: 'middle' },
  fixButton: { flexShrink: 0, marginTop: '2px', minWidth: 'auto' },
  more: { alignSelf: 'flex-start' },
});

export interface DiagnosticListProps {
  groups: RuleGroup[];
  /** Show sheet names in cell labels (several sheets checked). */
  withSheet: boolean;
  busy: boolean;
  /** The key of the diagnostic last clicked: its cell is the one selected in Excel. */
  currentKey: string | null;
  onSelect(d: ShownDiagnostic): void;
  onFix(d: Diagnostic): void;
  onFixRule(ruleId: string): void;
}

export function DiagnosticList({ groups, withSheet, busy, currentKey, onSelect, onFix, onFixRule }: DiagnosticListProps) {
  const s = useStyles();
  return (
    <ul className={s.list} aria-label="Найденные проблемы по правилам" data-testid="diagnostics">
      {groups.map((g) => (
        <Group key={g.ruleId} group={g} withSheet={withSheet} busy={busy} currentKey={currentKey} onSelect={onSelect} onFix={onFix} onFixRule={onFixRule} />
      ))}
    </ul>
  );
}

function Group({ group, withSheet, busy, currentKey, onSelect, onFix, onFixRule }: Omit<DiagnosticListProps, 'groups'> & { group: RuleGroup }) {
  const s = useStyles();
  const [expanded, setExpanded] = useState(false);
  const arrows = useArrowNavigationGroup({ axis: 'grid-linear', memorizeCurrent: true });
  const titleId = `rule-${group.ruleId}`;
  const listId = `${titleId}-items`;
  const visible = expanded ? group.items : group.items.slice(0, GROUP_PREVIEW);
  const hidden = group.items.length - visible.length;
  return (
    <li className={s.group} data-rule={group.ruleId}>
      <div className={s.header}>
        <span className={s.headerIcon}>
          <SeverityIcon severity={group.severity} />
        </span>
        <h3 className={s.title} id={titleId}>
          {group.title}
          <span className={s.ruleId}>{group.ruleId}</span>
        </h3>
        <CounterBadge count={group.items.length} overflowCount={9999} size="small" appearance="ghost" color="informative" aria-label={`${group.items.length} шт.`} />
      </div>
      {group.howToFix && <p className={s.howToFix}>Как исправить: {group.howToFix}</p>}
      {group.safeFixes > 0 && (
        <div className={s.groupActions}>
          <Button size="small" disabled={busy} onClick={() => onFixRule(group.ruleId)} aria-describedby={titleId}>
            Исправить все ({group.safeFixes})
          </Button>
        </div>
      )}
      <ul className={s.items} aria-labelledby={titleId} id={listId} {...arrows}>
        {visible.map((d) => (
          <Item key={d.key} d={d} withSheet={withSheet} busy={busy} current={d.key === currentKey} onSelect={onSelect} onFix={onFix} />
        ))}
      </ul>
      {(hidden > 0 || expanded) && group.items.length > GROUP_PREVIEW && (
        <Button className={s.more} size="small" appearance="transparent" aria-expanded={expanded} aria-controls={listId} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Свернуть' : `Показать все (${group.items.length})`}
        </Button>
      )}
    </li>
  );
}

interface ItemProps {
  d: ShownDiagnostic;
  withSheet: boolean;
  busy: boolean;
  current: boolean;
  onSelect(d: ShownDiagnostic): void;
  onFix(d: Diagnostic): void;
}

function Item({ d, withSheet, busy, current, onSelect, onFix }: ItemProps) {
  const s = useStyles();
  const label = cellLabel(d, withSheet);
  return (
    <li className={s.item} data-cell={`${d.sheet}!${d.cell}`} data-severity={d.severity} data-origin={d.origin}>
      <button
        type="button"
        className={mergeClasses(s.itemButton, current && s.current)}
        aria-current={current ? 'true' : undefined}
        onClick={() => onSelect(d)}
        title={`Перейти к ячейке ${label}`}
      >
        <span className={s.cell}>{label}</span>
        <span className="svod-visually-hidden">{SEVERITY_NAMES[d.severity]}: </span>
        {d.message}
        {d.origin === 'server' && (
          <Badge className={s.server} size="small" appearance="tint" color="informative">
            сервер
          </Badge>
        )}
        {d.fix && !d.fix.safe && <span className={s.suggestion}>Предложение: {d.fix.description}</span>}
      </button>
      {d.fix && (
        <Button
          className={s.fixButton}
          size="small"
          appearance={d.fix.safe ? 'secondary' : 'subtle'}
          disabled={busy}
          onClick={() => onFix(d)}
          aria-label={`Исправить ${label}: ${d.fix.description}`}
          title={d.fix.description}
        >
          Исправить
        </Button>
      )}
    </li>
  );
}
