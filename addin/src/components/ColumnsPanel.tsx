/**
 * The «Столбцы» step (issue #11): when a check finds a table whose headers Svod does not know, the official says once
 * which column is which; the mapping is remembered (this workbook, and the municipality on the server) and every
 * later check reads with it. It also shows the remembered mapping, to change or forget it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, makeStyles, Select, Spinner, tokens } from '@fluentui/react-components';
import { Delete20Regular, Edit20Regular, Save20Regular } from '@fluentui/react-icons';
import { columnsText, plural, ROLE_CHOICES, roleName, suggestedChoices, toA1, type ColumnChoices, type ColumnRole, type MappingTarget } from '@svod/shared';
import type { Columns, ColumnsState, SaveResult } from '../state/columns';
import type { Notice as NoticeData } from '../state/use-checker';
import { Notice } from './Notice';

const useStyles = makeStyles({
  step: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    border: `1px solid ${tokens.colorPaletteMarigoldBorder2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorPaletteMarigoldBackground1,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  text: { margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, overflowWrap: 'anywhere' },
  muted: { margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  target: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, margin: 0, padding: 0, border: 0, minWidth: 0 },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS, fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold },
  // Label and choice side by side: a long header wraps in its own half, the choice keeps a usable width at 300 px.
  row: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1.15fr)', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  label: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, overflowWrap: 'anywhere' },
  letter: { color: tokens.colorNeutralForeground3, marginRight: '4px' },
  select: { minWidth: 0 },
  missing: { margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorPaletteDarkOrangeForeground1 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  remembered: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
});

/** «A», «B», … the column letter of a header, as the official sees it on the sheet. */
const letter = (col: number) => toA1({ row: 0, col }).replace(/\d+$/, '');

export interface ColumnsPanelProps {
  /** What the last check could not read. */
  targets: readonly MappingTarget[];
  /** The mapping the checks read with (merged), and where it is kept. */
  effective: Columns | undefined;
  store: ColumnsState;
  /** Whether the pane is connected to a server with a municipality token (then the mapping is kept there too). */
  connected: boolean;
  busy: boolean;
  onSave(choices: ColumnChoices): Promise<SaveResult>;
  onForget(): Promise<SaveResult>;
}

/** A remembered mapping as a step's targets, to change it when nothing is unread. */
function rememberedTargets(columns: Columns): MappingTarget[] {
  return [
    {
      sheet: '',
      cell: { row: 0, col: 0 },
      kind: 'roadmap',
      rows: 0,
      headers: Object.entries(columns).map(([text, role], i) => ({ sheet: '', col: i, text, role, known: false })),
      missing: [],
    },
  ];
}

export function ColumnsPanel({ targets, effective, store, connected, busy, onSave, onForget }: ColumnsPanelProps) {
  const s = useStyles();
  const [editing, setEditing] = useState(false);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<NoticeData | null>(null);

  const shownTargets = useMemo(() => (targets.length ? [...targets] : editing && effective ? rememberedTargets(effective) : []), [targets, editing, effective]);
  // A new set of unread headers (another sheet, a changed header) opens the step again after «Не сейчас».
  const signature = useMemo(() => shownTargets.map((t) => `${t.sheet}!${toA1(t.cell)}:${t.headers.map((h) => h.text).join('|')}`).join('\n'), [shownTargets]);
  const [choices, setChoices] = useState<ColumnChoices>(() => suggestedChoices(shownTargets));
  // The preselection follows what is shown (its signature), not every new array of the same targets.
  const latest = useRef(shownTargets);
  latest.current = shownTargets;
  useEffect(() => {
    setChoices(suggestedChoices(latest.current));
  }, [signature]);

  const open = shownTargets.length > 0 && dismissed !== signature;
  const remembered = effective && Object.keys(effective).length > 0 ? effective : null;
  if (!open && !remembered && !notice) return null;

  const act = async (what: () => Promise<SaveResult>) => {
    setSaving(true);
    setNotice(null);
    try {
      const result = await what();
      setNotice({ intent: result.intent, text: result.text });
      setEditing(false);
    } catch {
      setNotice({ intent: 'error', text: 'Не удалось сохранить сопоставление столбцов. Повторите.' });
    } finally {
      setSaving(false);
    }
  };

  const chosen = new Set(Object.values(choices).filter((r): r is ColumnRole => r !== null));
  const where = store.persistent ? (connected ? 'в этой книге и на сервере для вашего муниципалитета' : 'в этой книге') : connected ? 'на сервере для вашего муниципалитета' : 'до закрытия панели';

  return (
    <>
      {open && (
        <section className={s.step} aria-labelledby="columns-title" data-testid="columns-step">
          <h2 id="columns-title" className={s.title}>
            Столбцы
          </h2>
          <p className={s.text}>
            {targets.length
              ? `Svod не понял заголовки этой таблицы и не проверил её. Укажите, что в каком столбце: Svod запомнит это ${where}.`
              : 'Запомненное сопоставление: измените значение столбцов или выберите «не учитывать».'}
          </p>
          {shownTargets.map((t) => {
            const missing = t.missing.filter((r) => !chosen.has(r));
            const key = `${t.sheet}!${toA1(t.cell)}`;
            return (
              <fieldset key={key} className={s.target} data-testid="columns-target">
                {t.sheet && (
                  <legend className={s.legend}>
                    Лист «{t.sheet}», строка {t.cell.row + 1}: похоже на {t.kind === 'roadmap' ? 'дорожную карту' : 'таблицу показателей'}
                    {t.rows ? ` (${plural(t.rows, ['пронумерованная строка', 'пронумерованные строки', 'пронумерованных строк'])})` : ''}
                  </legend>
                )}
                {t.headers.map((h) => {
                  const id = `columns-${key}-${h.col}`.replace(/[^\w-]/g, '_');
                  return (
                    <div key={h.col} className={s.row}>
                      <div className={s.label}>
                        {/* The column letter helps find it on the sheet; the choice is named by the header alone. */}
                        {t.sheet && (
                          <span className={s.letter} aria-hidden="true">
                            {letter(h.col)}
                          </span>
                        )}
                        <label htmlFor={id}>{h.text}</label>
                      </div>
                      <Select
                        id={id}
                        className={s.select}
                        size="small"
                        value={choices[h.text] ?? ''}
                        disabled={saving}
                        onChange={(_, d) => setChoices((c) => ({ ...c, [h.text]: d.value === '' ? null : (d.value as ColumnRole) }))}
                      >
                        {/* A header Svod knows by itself cannot be left out: the reader would still read it. */}
                        <option value="" disabled={h.known}>
                          не учитывать
                        </option>
                        {ROLE_CHOICES.map((r) => (
                          <option key={r.role} value={r.role}>
                            {r.name}
                          </option>
                        ))}
                      </Select>
                    </div>
                  );
                })}
                {missing.length > 0 && (
                  <p className={s.missing} data-testid="columns-missing">
                    Для проверки нужны ещё: {missing.map(roleName).join(', ')}.
                  </p>
                )}
              </fieldset>
            );
          })}
          <div className={s.actions}>
            <Button appearance="primary" size="small" icon={saving ? <Spinner size="tiny" /> : <Save20Regular />} disabled={saving || busy} onClick={() => void act(() => onSave(choices))}>
              Сохранить и проверить
            </Button>
            <Button
              size="small"
              disabled={saving}
              onClick={() => {
                setDismissed(signature);
                setEditing(false);
              }}
            >
              {targets.length ? 'Не сейчас' : 'Отмена'}
            </Button>
          </div>
          {store.serverStatus === 'error' && store.serverError && <p className={s.muted}>{store.serverError}</p>}
        </section>
      )}
      <Notice notice={notice} onDismiss={() => setNotice(null)} testId="columns-notice" />
      {remembered && !open && (
        <section className={s.remembered} aria-labelledby="columns-remembered-title" data-testid="columns-remembered">
          <h2 id="columns-remembered-title" className={s.title}>
            Запомненные столбцы
          </h2>
          <p className={s.text}>{columnsText(remembered)}</p>
          <p className={s.muted}>
            {[store.document && Object.keys(store.document).length ? (store.persistent ? 'в этой книге' : 'до закрытия панели') : null, store.server && Object.keys(store.server).length ? 'на сервере для муниципалитета' : null]
              .filter(Boolean)
              .join(', ')
              .replace(/^./, (c) => c.toUpperCase())}
            .
          </p>
          <div className={s.actions}>
            <Button
              size="small"
              icon={<Edit20Regular />}
              disabled={saving || busy}
              onClick={() => {
                setEditing(true);
                setDismissed(null);
              }}
            >
              Изменить
            </Button>
            <Button size="small" icon={saving ? <Spinner size="tiny" /> : <Delete20Regular />} disabled={saving || busy} onClick={() => void act(onForget)}>
              Забыть
            </Button>
          </div>
        </section>
      )}
    </>
  );
}
