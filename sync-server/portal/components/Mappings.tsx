/**
 * The submitted indicator names that did not meet the template by themselves (GET /region/indicator-matches): who
 * sent them, what they may be, and the coordinator's decision once — a template indicator or «не включать в свод»
 * (PUT /region/indicator-mappings). Without it «ждёт сопоставления» would have nothing to click.
 */
import { useCallback, useEffect, useState } from 'react';
import { Button, Field, makeStyles, Select, tokens } from '@fluentui/react-components';
import type { IndicatorMatches } from '@svod/shared';
import { errorText } from '../api';
import { usePortal } from '../region';
import { Panel, useLayout } from './layout';
import { Notice, type NoticeData } from './Notice';

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalM, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  name: { margin: 0, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  select: { width: '100%', minWidth: 0, maxWidth: '100%', textOverflow: 'ellipsis' },
});

const SKIP = '\u0000skip';

export function Mappings({ onChanged, names }: { onChanged(): void; names: Map<string, string> }) {
  const s = useStyles();
  const l = useLayout();
  const { api } = usePortal();
  const [data, setData] = useState<IndicatorMatches | null>(null);
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<NoticeData | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const d = await api.json<IndicatorMatches>('/region/indicator-matches');
      setData(d);
      setChoice(Object.fromEntries(d.unmatched.map((u) => [u.name, u.candidates[0] ?? ''])));
    } catch (e) {
      setNotice({ intent: 'error', text: errorText(e, 'Не удалось получить несопоставленные показатели.') });
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  const confirm = async (name: string) => {
    const to = choice[name];
    if (!to) return;
    setBusy(true);
    setNotice(null);
    try {
      await api.json('/region/indicator-mappings', { method: 'PUT', body: { mappings: [{ name, to: to === SKIP ? null : to }] } });
      setNotice({ intent: 'success', text: to === SKIP ? `«${name}» не будет включаться в свод.` : `«${name}» теперь сводится как «${to}» — у всех муниципалитетов и во всех следующих версиях.` });
      await load();
      onChanged();
    } catch (e) {
      setNotice({ intent: 'error', text: errorText(e, 'Не удалось сохранить сопоставление.') });
    } finally {
      setBusy(false);
    }
  };

  if (!data || (data.unmatched.length === 0 && !notice)) return null;
  return (
    <Panel title={`Показатели без пары в шаблоне (${data.unmatched.length})`} testId="mappings">
      <p className={l.muted}>Эти названия прислали муниципалитеты, но сами они с шаблоном не совпали. Выберите, каким показателем шаблона считать каждое, — решение запомнится для всех.</p>
      <Notice notice={notice} testId="mapping-notice" />
      <ul className={s.list}>
        {data.unmatched.map((u) => (
          <li key={u.name} className={s.item} data-unmatched={u.name}>
            <p className={s.name}>«{u.name}»</p>
            <p className={l.muted}>
              Прислали: {u.municipalities.map((id) => names.get(id) ?? id).join(', ')}. {u.outcome === 'awaiting' ? 'Возможно, имелся в виду показатель шаблона ниже.' : 'Похожих в шаблоне нет.'}
            </p>
            <div className={l.row}>
              <Field label="Считать показателем шаблона" style={{ flexGrow: 1, minWidth: 0 }}>
                <Select className={s.select} select={{ className: s.select }} value={choice[u.name] ?? ''} onChange={(_e, d) => setChoice({ ...choice, [u.name]: d.value })}>
                  <option value="">— выберите —</option>
                  {u.candidates.map((c) => (
                    <option key={`c${c}`} value={c}>
                      {`(похож) ${c}`}
                    </option>
                  ))}
                  {data.template
                    .filter((t) => !u.candidates.includes(t.name))
                    .map((t) => (
                      <option key={t.name} value={t.name}>
                        {`${t.number ? `${t.number} ` : ''}${t.name}`}
                      </option>
                    ))}
                  <option value={SKIP}>не включать в свод</option>
                </Select>
              </Field>
              <Button appearance="primary" disabled={busy || !choice[u.name]} onClick={() => void confirm(u.name)}>
                Подтвердить
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
