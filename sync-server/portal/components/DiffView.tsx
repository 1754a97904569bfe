/** The semantic diff of two versions: roadmap items and indicators added, removed and changed, old → new. */
import { makeStyles, tokens } from '@fluentui/react-components';
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

const shown = (v: unknown) => (v === null || v === undefined || v === '' ? '(пусто)' : String(v));

export function DiffView({ comparison }: { comparison: SubmissionComparison }) {
  const s = useStyles();
  const { diff, from, to } = comparison;
  const total = diff.added.length + diff.removed.length + diff.changed.length;
  return (
    <section className={s.root} aria-label={`Сравнение версий ${from.version} и ${to.version}`} data-testid="diff">
      <p className={s.none} role="status">
        Версия {from.version} → версия {to.version}: {total === 0 ? 'по содержанию версии совпадают.' : `${plural(total, ['изменение', 'изменения', 'изменений'])}.`}
      </p>
      {diff.added.length > 0 && (
        <div>
          <h4 className={s.h}>Добавлено ({diff.added.length})</h4>
          <ul className={s.list}>
            {diff.added.map((d) => (
              <li key={`a${d.kind}${d.key}`}>
                <span className={s.kind}>{KIND_NAMES[d.kind]}: </span>
                {d.label}
              </li>
            ))}
          </ul>
        </div>
      )}
      {diff.removed.length > 0 && (
        <div>
          <h4 className={s.h}>Удалено ({diff.removed.length})</h4>
          <ul className={s.list}>
            {diff.removed.map((d) => (
              <li key={`r${d.kind}${d.key}`}>
                <span className={s.kind}>{KIND_NAMES[d.kind]}: </span>
                {d.label}
              </li>
            ))}
          </ul>
        </div>
      )}
      {diff.changed.length > 0 && (
        <div>
          <h4 className={s.h}>Изменено ({diff.changed.length})</h4>
          <ul className={s.list}>
            {diff.changed.map((d) => (
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
        </div>
      )}
    </section>
  );
}
