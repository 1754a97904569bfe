/**
 * «Муниципалитеты»: add one, issue or rotate its token (shown once, copied or printed on a hand-over slip), rename,
 * switch off (its tokens stop working at once; its versions stay) and on again.
 */
import { useCallback, useEffect, useState } from 'react';
import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { Add20Regular, Key20Regular, Rename20Regular } from '@fluentui/react-icons';
import { errorText, type MunicipalityCreated, type MunicipalityState, type MunicipalityStates } from '../api';
import { Panel, useLayout, useNarrow } from '../components/layout';
import { Notice, type NoticeData } from '../components/Notice';
import { TokenSlip, type IssuedToken } from '../components/TokenSlip';
import { go } from '../nav';
import { usePortal } from '../region';

const useStyles = makeStyles({
  form: { display: 'grid', gridTemplateColumns: 'minmax(140px, 220px) minmax(200px, 1fr) auto', gap: tokens.spacingHorizontalM, alignItems: 'start', '@media (max-width: 760px)': { gridTemplateColumns: '1fr' } },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  cards: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  card: { padding: tokens.spacingHorizontalM, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  off: { color: tokens.colorNeutralForeground3 },
});

type Confirm = { kind: 'rotate' | 'deactivate'; m: MunicipalityState } | null;

export function Municipalities() {
  const s = useStyles();
  const l = useLayout();
  const narrow = useNarrow();
  const { api, region } = usePortal();
  const [list, setList] = useState<MunicipalityState[] | null>(null);
  const [notice, setNotice] = useState<NoticeData | null>(null);
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [addNotice, setAddNotice] = useState<NoticeData | null>(null);
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [renaming, setRenaming] = useState<{ m: MunicipalityState; name: string; error?: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setList((await api.json<MunicipalityStates>('/municipalities/states')).municipalities.sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, 'ru')));
    } catch (e) {
      setNotice({ intent: 'error', text: errorText(e, 'Не удалось получить список муниципалитетов.') });
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (work: () => Promise<void>, fallback: string) => {
    setBusy(true);
    setNotice(null);
    try {
      await work();
      await load();
    } catch (e) {
      setNotice({ intent: 'error', text: errorText(e, fallback) });
    } finally {
      setBusy(false);
      setConfirm(null);
    }
  };

  const add = async () => {
    setAddNotice(null);
    setBusy(true);
    try {
      const created = await api.json<MunicipalityCreated>('/municipalities', { method: 'POST', body: { id: id.trim(), name: name.trim() } });
      setIssued({ id: created.id, name: created.name, token: created.token, reason: 'created' });
      setId('');
      setName('');
      await load();
    } catch (e) {
      setAddNotice({ intent: 'error', text: errorText(e, 'Не удалось добавить муниципалитет.') });
    } finally {
      setBusy(false);
    }
  };

  const rotate = (m: MunicipalityState) =>
    act(async () => {
      // Switched off: the new token switches it on again first, or the token would be issued for no one.
      if (!m.active) await api.json(`/municipalities/${encodeURIComponent(m.id)}`, { method: 'PUT', body: { active: true } });
      const t = await api.json<{ id: string; token: string }>(`/municipalities/${encodeURIComponent(m.id)}/token`, { method: 'POST' });
      setIssued({ id: m.id, name: m.name, token: t.token, reason: m.hasToken ? 'rotated' : 'created' });
    }, 'Не удалось выдать токен.');

  const actions = (m: MunicipalityState) => (
    <div className={s.actions}>
      <Button size="small" icon={<Key20Regular />} disabled={busy} onClick={() => (m.hasToken ? setConfirm({ kind: 'rotate', m }) : void rotate(m))}>
        {m.hasToken ? 'Новый токен' : m.active ? 'Выдать токен' : 'Включить и выдать токен'}
      </Button>
      <Button size="small" icon={<Rename20Regular />} disabled={busy} onClick={() => setRenaming({ m, name: m.name })}>
        Переименовать
      </Button>
      {m.active && (
        <Button size="small" appearance="subtle" disabled={busy} onClick={() => setConfirm({ kind: 'deactivate', m })}>
          Отключить
        </Button>
      )}
    </div>
  );
  const state = (m: MunicipalityState) =>
    m.active ? (
      m.hasToken ? (
        <Badge appearance="tint" color="success" shape="rounded">
          включён
        </Badge>
      ) : (
        <Badge appearance="tint" color="warning" shape="rounded">
          нет токена
        </Badge>
      )
    ) : (
      <Badge appearance="outline" color="informative" shape="rounded">
        отключён
      </Badge>
    );

  return (
    <div className={l.page}>
      <h2 className={l.title}>Муниципалитеты</h2>

      <Panel title="Добавить муниципалитет">
        <form
          className={s.form}
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <Field label="Код (латиницей)" hint="Например, ilansky: 2–40 строчных латинских букв, цифр или дефисов.">
            <Input id="new-id" value={id} onChange={(_e, d) => setId(d.value.toLowerCase())} autoComplete="off" />
          </Field>
          <Field label="Название" hint="Как в отчётах: «Иланский муниципальный район».">
            <Input id="new-name" value={name} onChange={(_e, d) => setName(d.value)} autoComplete="off" />
          </Field>
          <Button appearance="primary" type="submit" icon={<Add20Regular />} disabled={busy || !id.trim() || !name.trim()} style={{ alignSelf: 'start', marginTop: narrow ? 0 : '26px' }}>
            Добавить и выдать токен
          </Button>
        </form>
        <Notice notice={addNotice} testId="add-notice" />
      </Panel>

      <Panel title="Список">
        <Notice notice={notice} />
        {!list && <Spinner label="Загрузка…" />}
        {list && !narrow && (
          <div className={l.tableWrap}>
            <Table size="small" aria-label="Муниципалитеты" data-testid="municipalities">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Муниципалитет</TableHeaderCell>
                  <TableHeaderCell style={{ width: '9em' }}>Состояние</TableHeaderCell>
                  <TableHeaderCell style={{ width: '27em' }}>Действия</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.map((m) => (
                  <TableRow key={m.id} data-municipality={m.id}>
                    <TableCell className={m.active ? undefined : s.off}>
                      <button type="button" className={l.link} onClick={() => go('m', m.id)}>
                        {m.name}
                      </button>{' '}
                      <span className={s.code}>{m.id}</span>
                    </TableCell>
                    <TableCell>{state(m)}</TableCell>
                    <TableCell>{actions(m)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
        {list && narrow && (
          <ul className={s.cards} aria-label="Муниципалитеты" data-testid="municipalities">
            {list.map((m) => (
              <li key={m.id} className={s.card} data-municipality={m.id}>
                <div className={l.row} style={{ alignItems: 'center', justifyContent: 'space-between' }}>
                  <button type="button" className={l.link} onClick={() => go('m', m.id)}>
                    {m.name}
                  </button>
                  {state(m)}
                </div>
                <span className={s.code}>{m.id}</span>
                {actions(m)}
              </li>
            ))}
          </ul>
        )}
      </Panel>

      {issued && <TokenSlip issued={issued} region={region.name} onClose={() => setIssued(null)} />}

      {confirm && (
        <Dialog open modalType="alert" onOpenChange={(_e, d) => !d.open && setConfirm(null)}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>{confirm.kind === 'rotate' ? `Новый токен для «${confirm.m.name}»?` : `Отключить «${confirm.m.name}»?`}</DialogTitle>
              <DialogContent>
                {confirm.kind === 'rotate'
                  ? 'Старый токен перестанет действовать сразу: муниципалитету нужно будет войти с новым.'
                  : 'Его токены перестанут действовать сразу, отправить отчёт он не сможет. Присланные версии сохранятся. Включить снова можно, выдав новый токен.'}
              </DialogContent>
              <DialogActions>
                <Button
                  appearance="primary"
                  disabled={busy}
                  onClick={() =>
                    confirm.kind === 'rotate'
                      ? void rotate(confirm.m)
                      : void act(async () => {
                          await api.json(`/municipalities/${encodeURIComponent(confirm.m.id)}`, { method: 'PUT', body: { active: false } });
                        }, 'Не удалось отключить муниципалитет.')
                  }
                >
                  {confirm.kind === 'rotate' ? 'Выдать новый токен' : 'Отключить'}
                </Button>
                <Button onClick={() => setConfirm(null)}>Отмена</Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      )}

      {renaming && (
        <Dialog open onOpenChange={(_e, d) => !d.open && setRenaming(null)}>
          <DialogSurface>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                const r = renaming;
                setBusy(true);
                // A refusal stays in the dialog, next to the name it is about.
                api
                  .json(`/municipalities/${encodeURIComponent(r.m.id)}`, { method: 'PUT', body: { name: r.name.trim() } })
                  .then(async () => {
                    setRenaming(null);
                    await load();
                  })
                  .catch((err: unknown) => setRenaming({ ...r, error: errorText(err, 'Не удалось переименовать.') }))
                  .finally(() => setBusy(false));
              }}
            >
              <DialogBody>
                <DialogTitle>Переименовать</DialogTitle>
                <DialogContent>
                  <Field label="Новое название">
                    <Input id="rename" value={renaming.name} onChange={(_e, d) => setRenaming({ ...renaming, name: d.value })} />
                  </Field>
                  <Notice notice={renaming.error ? { intent: 'error', text: renaming.error } : null} />
                </DialogContent>
                <DialogActions>
                  <Button appearance="primary" type="submit" disabled={busy || renaming.name.trim().length < 2}>
                    Сохранить
                  </Button>
                  <Button onClick={() => setRenaming(null)}>Отмена</Button>
                </DialogActions>
              </DialogBody>
            </form>
          </DialogSurface>
        </Dialog>
      )}
    </div>
  );
}
