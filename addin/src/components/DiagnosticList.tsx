import { useId, useState } from 'react';
import { Badge, Button, CounterBadge, makeStyles, mergeClasses, tokens, useArrowNavigationGroup } from '@fluentui/react-components';
import { ChevronDown16Regular, ChevronRight16Regular } from '@fluentui/react-icons';
import { SEVERITY_NAMES, type Diagnostic } from '@svod/shared';
import { cellLabel, type RuleEntry, type RuleGroup, type ShownDiagnostic } from '../state/diagnostics';
import { SeverityIcon } from './severity';

/** Rows (diagnostics or folds) shown per group before «Показать все». */
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
  // Where there is no cell to go to: the same row as text, nothing to hover or press.
  itemText: {
    flexGrow: 1,
    minWidth: 0,
    display: 'block',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground1,
    overflowWrap: 'anywhere',
  },
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
  fold: { display: 'flex', flexDirection: 'column', borderRadius: tokens.borderRadiusMedium },
  foldToggle: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalXXS,
    width: '100%',
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
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  foldLabel: {
    display: 'block',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    overflowWrap: 'anywhere',
  },
  chevron: { flexShrink: 0, marginTop: '1px', color: tokens.colorNeutralForeground3 },
  count: { fontWeight: tokens.fontWeightSemibold },
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    // Under the label's text, past the chevron.
    padding: `0 ${tokens.spacingHorizontalXS} ${tokens.spacingVerticalXS} calc(${tokens.spacingHorizontalXS} + 18px)`,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  chip: {
    fontFamily: tokens.fontFamilyMonospace,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorBrandForeground1,
    background: tokens.colorNeutralBackground3,
    border: 'none',
    borderRadius: tokens.borderRadiusSmall,
    padding: `1px ${tokens.spacingHorizontalXS}`,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground3Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  // Not a link's blue where nothing can be clicked.
  chipText: { cursor: 'default', color: tokens.colorNeutralForeground1, ':hover': { backgroundColor: tokens.colorNeutralBackground3 } },
  cellText: { color: tokens.colorNeutralForeground1 },
  chipCurrent: { backgroundColor: tokens.colorBrandBackground2, ':hover': { backgroundColor: tokens.colorBrandBackground2Hover } },
  rest: { color: tokens.colorNeutralForeground3 },
  foldItems: {
    margin: 0,
    listStyle: 'none',
    display: 'flex',
    flexDirection: 'column',
    padding: `0 0 0 ${tokens.spacingHorizontalM}`,
    borderLeft: `2px solid ${tokens.colorNeutralStroke2}`,
    marginLeft: tokens.spacingHorizontalS,
  },
  fixButton: { flexShrink: 0, marginTop: '2px', minWidth: 'auto' },
  more: { alignSelf: 'flex-start' },
});

export interface DiagnosticListProps {
  groups: RuleGroup[];
  /** Show sheet names in cell labels (several sheets checked). */
  withSheet: boolean;
  busy?: boolean;
  /** The key of the diagnostic last clicked: its cell is the one selected in Excel. */
  currentKey?: string | null;
  /**
   * The list works on an open workbook (the pane, the default): cells are buttons that select them, fixes are buttons.
   * `false` (the portal): no workbook to go to and nothing to edit, so cells are plain text and there is no «Исправить».
   */
  actions?: boolean;
  /** The rule id under its Russian title (the pane, the default); `false` keeps it only in the title's tooltip. */
  showRuleId?: boolean;
  onSelect?(d: ShownDiagnostic): void;
  onFix?(d: Diagnostic): void;
  onFixRule?(ruleId: string): void;
}

const nothing = () => undefined;

export function DiagnosticList({ groups, withSheet, busy = false, currentKey = null, actions = true, showRuleId = true, onSelect = nothing, onFix = nothing, onFixRule = nothing }: DiagnosticListProps) {
  const s = useStyles();
  return (
    <ul className={s.list} aria-label="Найденные проблемы по правилам" data-testid="diagnostics">
      {groups.map((g) => (
        <Group key={g.ruleId} group={g} withSheet={withSheet} busy={busy} currentKey={currentKey} actions={actions} showRuleId={showRuleId} onSelect={onSelect} onFix={onFix} onFixRule={onFixRule} />
      ))}
    </ul>
  );
}

type GroupProps = Required<Omit<DiagnosticListProps, 'groups'>> & { group: RuleGroup };

function Group({ group, withSheet, busy, currentKey, actions, showRuleId, onSelect, onFix, onFixRule }: GroupProps) {
  const s = useStyles();
  const [expanded, setExpanded] = useState(false);
  const arrows = useArrowNavigationGroup({ axis: 'grid-linear', memorizeCurrent: true });
  const titleId = `rule-${group.ruleId}`;
  const listId = `${titleId}-items`;
  const visible = expanded ? group.entries : group.entries.slice(0, GROUP_PREVIEW);
  // «Показать все» shows every finding: the rows past the preview and the cells inside the folds.
  const more = group.entries.length > GROUP_PREVIEW || group.entries.some((e) => e.kind === 'fold');
  const rows = { withSheet, busy, currentKey, actions, onSelect, onFix };
  return (
    <li className={s.group} data-rule={group.ruleId}>
      <div className={s.header}>
        <span className={s.headerIcon}>
          <SeverityIcon severity={group.severity} />
        </span>
        <h3 className={s.title} id={titleId} title={showRuleId ? undefined : `Правило ${group.ruleId}`} data-rule-id={group.ruleId}>
          {group.title}
          {showRuleId && <span className={s.ruleId}>{group.ruleId}</span>}
        </h3>
        <CounterBadge count={group.items.length} overflowCount={9999} size="small" appearance="ghost" color="informative" aria-label={`${group.items.length} шт.`} />
      </div>
      {group.howToFix && <p className={s.howToFix}>Как исправить: {group.howToFix}</p>}
      {actions && group.safeFixes > 0 && (
        <div className={s.groupActions}>
          <Button size="small" disabled={busy} onClick={() => onFixRule(group.ruleId)} aria-describedby={titleId}>
            Исправить все ({group.safeFixes})
          </Button>
        </div>
      )}
      <ul className={s.items} aria-labelledby={titleId} id={listId} {...arrows}>
        {visible.map((e) => (e.kind === 'single' ? <Item key={e.key} d={e.item} current={e.item.key === currentKey} {...rows} /> : <Fold key={e.key} entry={e} open={expanded} {...rows} />))}
      </ul>
      {more && (
        <Button className={s.more} size="small" appearance="transparent" aria-expanded={expanded} aria-controls={listId} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Свернуть' : `Показать все (${group.items.length})`}
        </Button>
      )}
    </li>
  );
}

interface RowProps {
  withSheet: boolean;
  busy: boolean;
  currentKey: string | null;
  actions: boolean;
  onSelect(d: ShownDiagnostic): void;
  onFix(d: Diagnostic): void;
}

/**
 * Alike findings as one row: the count and one sentence, the first cells as buttons that select them (as text without
 * `actions`), and a toggle that opens the exact messages. `open`: the group's «Показать все» opened everything.
 */
function Fold({ entry, open, withSheet, busy, currentKey, actions, onSelect, onFix }: RowProps & { entry: Extract<RuleEntry, { kind: 'fold' }>; open: boolean }) {
  const s = useStyles();
  const [own, setOwn] = useState(false);
  const listId = useId();
  const shown = open || own;
  const { group, items } = entry;
  const firstIn = (cell: string) => items.find((d) => d.cell === cell)!;
  const rest = group.cellCount - group.cells.length;
  const [count, ...sentence] = entry.label.split(': ');
  const label = (
    <span>
      <span className={s.count}>{count}:</span> {sentence.join(': ')}
    </span>
  );
  return (
    <li className={s.fold} data-fold={`${group.ruleId}:${group.messageId ?? ''}`} data-severity={group.severity} data-count={items.length}>
      {open ? (
        <span className={s.foldLabel}>{label}</span>
      ) : (
        <button type="button" className={s.foldToggle} aria-expanded={own} aria-controls={own ? listId : undefined} onClick={() => setOwn(!own)}>
          {own ? <ChevronDown16Regular className={s.chevron} aria-hidden /> : <ChevronRight16Regular className={s.chevron} aria-hidden />}
          {label}
        </button>
      )}
      {!shown && (
        <div className={s.chips} role="group" aria-label={`Ячейки: ${entry.cellsText}`}>
          {group.cells.map((cell) => {
            const d = firstIn(cell);
            const at = cellLabel(d, withSheet);
            const current = items.some((x) => x.cell === cell && x.key === currentKey);
            if (!actions)
              return (
                <span key={cell} className={mergeClasses(s.chip, s.chipText)} title={d.message} data-chip={`${d.sheet}!${d.cell}`}>
                  {at}
                </span>
              );
            return (
              <button key={cell} type="button" className={mergeClasses(s.chip, current && s.chipCurrent)} aria-current={current ? 'true' : undefined} title={`Перейти к ячейке ${at}: ${d.message}`} onClick={() => onSelect(d)} data-chip={`${d.sheet}!${d.cell}`}>
                {at}
              </button>
            );
          })}
          {rest > 0 && <span className={s.rest}>и ещё {rest}</span>}
        </div>
      )}
      {shown && (
        <ul className={s.foldItems} id={listId}>
          {items.map((d) => (
            <Item key={d.key} d={d} withSheet={withSheet} busy={busy} current={d.key === currentKey} actions={actions} onSelect={onSelect} onFix={onFix} />
          ))}
        </ul>
      )}
    </li>
  );
}

interface ItemProps {
  d: ShownDiagnostic;
  withSheet: boolean;
  busy: boolean;
  current: boolean;
  actions: boolean;
  onSelect(d: ShownDiagnostic): void;
  onFix(d: Diagnostic): void;
}

function Item({ d, withSheet, busy, current, actions, onSelect, onFix }: ItemProps) {
  const s = useStyles();
  const label = cellLabel(d, withSheet);
  const text = (
    <>
      <span className={mergeClasses(s.cell, !actions && s.cellText)}>{label}</span>
      <span className="svod-visually-hidden">{SEVERITY_NAMES[d.severity]}: </span>
      {d.message}
      {d.origin === 'server' && (
        <Badge className={s.server} size="small" appearance="tint" color="informative">
          сервер
        </Badge>
      )}
      {d.fix && !d.fix.safe && <span className={s.suggestion}>Предложение: {d.fix.description}</span>}
    </>
  );
  if (!actions)
    return (
      <li className={s.item} data-cell={`${d.sheet}!${d.cell}`} data-severity={d.severity} data-origin={d.origin}>
        <span className={s.itemText}>{text}</span>
      </li>
    );
  return (
    <li className={s.item} data-cell={`${d.sheet}!${d.cell}`} data-severity={d.severity} data-origin={d.origin}>
      <button
        type="button"
        className={mergeClasses(s.itemButton, current && s.current)}
        aria-current={current ? 'true' : undefined}
        onClick={() => onSelect(d)}
        title={`Перейти к ячейке ${label}`}
      >
        {text}
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
