/** The semantic diff of two versions: roadmap items and indicators added, removed and changed, old → new. */
import { useState } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { plural } from '@svod/shared';
import type { SubmissionComparison } from '../api';

const FIELD_NAMES: Record<string, string> = {
  activity: 'мероприятие',
  deadline: 'срок',
  executor: 'исполнитель',
  result: 'результат',
  section: 'раздел',
  name: 'название',
  unit: 'единица измерения',
};

const KIND_NAMES = { roadmap: 'Пункт', indicator: 'Показатель' } as const;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  h: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, overflowWrap: 'anywhere' },
  kind: { color: tokens.colorNeutralForeground3 },
  field: { fontSize: tokens.fontSizeBase200 },
  before: { textDecoration: 'line-through', color: tokens.colorPaletteRedForeground1 },
  after: { color: tokens.colorPaletteGreenForeground1, fontWeight: tokens.fontWeightSemibold },
  none: { margin: 0, color: tokens.colorNeutralForeground2 },
});

/** Items shown per section before «Показать все»: two unrelated files differ in hundreds of items. */
const PREVIEW = 15;

function More({ total, open, onToggle }: { total: number; open: boolean; onToggle(): void }) {
  if (total <= PREVIEW) return null;
  return (
    <Button size="small" appearance="transparent" aria-expanded={open} onClick={onToggle}>
      {open ? 'Свернуть' : `Показать все (${total})`}
    </Button>
  );
}

const shown = (v: unknown) => (v === null || v === undefined || v === '' ? '(пусто)' : String(v));

export function DiffView({ comparison }: { comparison: SubmissionComparison }) {
  const s = useStyles();
  const { diff, from, to } = comparison;
  const total = diff.added.length + diff.removed.length + diff.changed.length;
  const [open, setOpen] = useState({ added: false, removed: false, changed: false });
  const cut = <T,>(list: T[], key: keyof typeof open) => (open[key] ? list : list.slice(0, PREVIEW));
  const toggle = (key: keyof typeof open) => setOpen({ ...open, [key]: !open[key] });
  return (
    <section className={s.root} aria-label={`Сравнение версий ${from.version} и ${to.version}`} data-testid="diff">
      <p className={s.none} role="status">
        Версия {from.version} → версия {to.version}: {total === 0 ? 'по содержанию версии совпадают.' : `${plural(total, ['изменение', 'изменения', 'изменений'])}.`}
      </p>
      {diff.added.length > 0 && (
        <div>
          <h4 className={s.h}>Добавлено ({diff.added.length})</h4>
          <ul className={s.list}>
            {cut(diff.added, 'added').map((d) => (
              <li key={`a${d.kind}${d.key}`}>
                <span className={s.kind}>{KIND_NAMES[d.kind]}: </span>
                {d.label}
              </li>
            ))}
          </ul>
          <More total={diff.added.length} open={open.added} onToggle={() => toggle('added')} />
        </div>
      )}
      {diff.removed.length > 0 && (
        <div>
          <h4 className={s.h}>Удалено ({diff.removed.length})</h4>
          <ul className={s.list}>
            {cut(diff.removed, 'removed').map((d) => (
              <li key={`r${d.kind}${d.key}`}>
                <span className={s.kind}>{KIND_NAMES[d.kind]}: </span>
                {d.label}
              </li>
            ))}
          </ul>
          <More total={diff.removed.length} open={open.removed} onToggle={() => toggle('removed')} />
        </div>
      )}
      {diff.changed.length > 0 && (
        <div>
          <h4 className={s.h}>Изменено ({diff.changed.length})</h4>
          <ul className={s.list}>
            {cut(diff.changed, 'changed').map((d) => (
              <li key={`c${d.kind}${d.key}`}>
                <span className={s.kind}>{KIND_NAMES[d.kind]}: </span>
                {d.label}
                <ul className={s.list}>
                  {d.fields.map((f) => (
                    <li key={f.field} className={s.field}>
                      {/^\d{4}$/.test(f.field) ? `${f.field} год` : (FIELD_NAMES[f.field] ?? f.field)}: <span className="svod-visually-hidden">было </span>
                      <span className={s.before}>{shown(f.before)}</span> → <span className="svod-visually-hidden">стало </span>
                      <span className={s.after}>{shown(f.after)}</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          <More total={diff.changed.length} open={open.changed} onToggle={() => toggle('changed')} />
        </div>
      )}
    </section>
  );
}
