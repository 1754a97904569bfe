/**
 * One municipality's versions: every version with its findings (not only the last), the semantic diff between any
 * two, the original and the annotated copy of each, and the coordinator's «вернуть на доработку» with a comment the
 * municipality sees. The coordinator opens it from «Сбор» (`#/m/<id>`); a municipality sees its own as «Мои версии».
 */
import { useCallback, useEffect, useState } from 'react';
import {
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownload20Regular, ArrowLeft20Regular, ArrowUndo20Regular, DocumentSearch20Regular } from '@fluentui/react-icons';
import { errorText, type RegionStatus, type ReturnList, type ReturnNote, type SubmissionComparison, type SubmissionDetails, type SubmissionList } from '../api';
import { DiffView } from '../components/DiffView';
import { Download } from '../components/Download';
import { Panel, useLayout, useNarrow } from '../components/layout';
import { Notice, type NoticeData } from '../components/Notice';
import { Receipt } from '../components/Receipt';
import { ReturnedBadge, StatusBadge, VerdictBadge } from '../components/StatusBadge';
import { go } from '../nav';
import { regionTime, usePortal } from '../region';

type Summary = SubmissionList['submissions'][number];

const useStyles = makeStyles({
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  selected: { background: tokens.colorBrandBackground2 },
  comment: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 },
  returns: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  verdicts: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  returnItem: { borderLeft: `3px solid ${tokens.colorPaletteDarkOrangeBorder2}`, paddingLeft: tokens.spacingHorizontalM },
  textarea: { width: '100%' },
  versionButton: { fontWeight: tokens.fontWeightSemibold },
});

export function MunicipalityPage({ municipalityId }: { municipalityId: string | null }) {
  const s = useStyles();
  const l = useLayout();
  const narrow = useNarrow();
  const { api, session, region } = usePortal();
  const coordinator = session.role === 'coordinator';
  const [row, setRow] = useState<RegionStatus['municipalities'][number] | null>(null);
  const [versions, setVersions] = useState<Summary[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [details, setDetails] = useState<SubmissionDetails | null>(null);
  const [returns, setReturns] = useState<ReturnNote[]>([]);
  const [notice, setNotice] = useState<NoticeData | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [comparison, setComparison] = useState<SubmissionComparison | null>(null);
  const [diffNotice, setDiffNotice] = useState<NoticeData | null>(null);
  const [comment, setComment] = useState('');
  const [returnNotice, setReturnNotice] = useState<NoticeData | null>(null);
  const [busy, setBusy] = useState(false);

  const query = municipalityId ? `?municipality=${encodeURIComponent(municipalityId)}` : '';
  const load = useCallback(async () => {
    setNotice(null);
    try {
      const [list, rl, status] = await Promise.all([
        api.json<SubmissionList>(`/submissions${query}`),
        api.json<ReturnList>(`/returns${query}`),
        coordinator ? api.json<RegionStatus>('/region/status') : Promise.resolve(null),
      ]);
      setVersions(list.submissions);
      setReturns(rl.returns);
      if (status) setRow(status.municipalities.find((m) => m.municipalityId === municipalityId) ?? null);
      const [latest, previous] = list.submissions;
      setSelected((cur) => cur ?? latest?.id ?? null);
      setTo((cur) => cur || (latest?.id ?? ''));
      setFrom((cur) => cur || (previous?.id ?? ''));
    } catch (e) {
      setNotice({ intent: 'error', text: errorText(e, 'Не удалось получить версии.') });
    }
  }, [api, query, coordinator, municipalityId]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!selected) return;
    setDetails(null);
    api.json<SubmissionDetails>(`/submissions/${selected}`).then(setDetails, (e: unknown) => setNotice({ intent: 'error', text: errorText(e, 'Не удалось открыть версию.') }));
  }, [api, selected]);

  const compare = async () => {
    setDiffNotice(null);
    setComparison(null);
    if (!from || !to || from === to) {
      setDiffNotice({ intent: 'warning', text: 'Выберите две разные версии.' });
      return;
    }
    try {
      setComparison(await api.json<SubmissionComparison>(`/submissions/${to}/diff?against=${from}`));
    } catch (e) {
      setDiffNotice({ intent: 'error', text: errorText(e, 'Не удалось сравнить версии.') });
    }
  };

  const sendBack = async () => {
    if (!details) return;
    setBusy(true);
    setReturnNotice(null);
    try {
      await api.json(`/submissions/${details.id}/return`, { method: 'POST', body: { comment } });
      setComment('');
      // Its details again: a returned version no longer counts what «reaches» the Свод.
      setDetails(await api.json<SubmissionDetails>(`/submissions/${details.id}`));
      setReturnNotice({ intent: 'success', text: `Версия ${details.version} возвращена на доработку: в свод она не входит (и более старая её не заменит), пока муниципалитет не пришлёт новую. Комментарий он увидит, когда войдёт на портал.` });
      await load();
    } catch (e) {
      setReturnNotice({ intent: 'error', text: errorText(e, 'Не удалось вернуть версию.') });
    } finally {
      setBusy(false);
    }
  };

  const name = coordinator ? (row?.name ?? municipalityId ?? '') : (session.municipality?.name ?? '');
  const returnedIds = new Set(returns.map((r) => r.submissionId));
  // Returns come newest first: the latest one of a version.
  const returnOf = (id: string) => returns.find((r) => r.submissionId === id);
  const versionName = (v: Summary) => `Версия ${v.version} — ${regionTime(v.submittedAt, region.timeZone)}, ${v.status === 'accepted' ? 'принята' : 'отклонена'}`;
  return (
    <div className={l.page}>
      {coordinator && (
        <div>
          <Button appearance="subtle" icon={<ArrowLeft20Regular />} onClick={() => go('collect')}>
            К сбору
          </Button>
        </div>
      )}
      <div className={s.head}>
        <h2 className={l.title}>{coordinator ? name : 'Мои версии'}</h2>
        {row && <StatusBadge status={row.status} />}
      </div>
      {row && <p className={l.muted}>{row.note}</p>}
      <Notice notice={notice} />

      {returns.length > 0 && (
        <Panel title="Возвращено на доработку" testId="returns">
          <ul className={s.returns}>
            {returns.map((r) => (
              <li key={r.id} className={s.returnItem}>
                <p className={l.muted}>
                  Версия {r.version}, {regionTime(r.at, region.timeZone)} {region.zone}
                </p>
                <p className={s.comment}>{r.comment}</p>
              </li>
            ))}
          </ul>
        </Panel>
      )}

      <Panel title="Версии">
        {versions === null && <Spinner label="Загрузка…" />}
        {versions?.length === 0 && <p className={l.muted}>{coordinator ? 'Муниципалитет ещё ничего не отправлял.' : 'Вы ещё ничего не отправляли: загрузите таблицу на вкладке «Сдать отчёт».'}</p>}
        {versions && versions.length > 0 && (
          <div className={l.tableWrap}>
            <Table size="small" aria-label="Версии" data-testid="versions">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell style={{ width: narrow ? undefined : '7em' }}>Версия</TableHeaderCell>
                  <TableHeaderCell>Отправлено ({region.zone})</TableHeaderCell>
                  <TableHeaderCell style={{ width: narrow ? '7em' : '12em' }}>Итог</TableHeaderCell>
                  {!narrow && (
                    <TableHeaderCell style={{ width: '6em' }} button={{ className: l.numHead }}>
                      Ошибок
                    </TableHeaderCell>
                  )}
                  {!narrow && (
                    <TableHeaderCell style={{ width: '8em' }} button={{ className: l.numHead }}>
                      Предупр.
                    </TableHeaderCell>
                  )}
                </TableRow>
              </TableHeader>
              <TableBody>
                {versions.map((v) => (
                  <TableRow key={v.id} className={v.id === selected ? s.selected : undefined} aria-selected={v.id === selected} data-version={v.version}>
                    <TableCell>
                      <button type="button" className={`${l.link} ${s.versionButton}`} onClick={() => setSelected(v.id)} aria-current={v.id === selected ? 'true' : undefined}>
                        {v.version}
                      </button>
                    </TableCell>
                    <TableCell className={l.nowrap}>{regionTime(v.submittedAt, region.timeZone)}</TableCell>
                    <TableCell>
                      <span className={s.verdicts}>
                        <VerdictBadge status={v.status} />
                        {returnedIds.has(v.id) && <ReturnedBadge />}
                      </span>
                    </TableCell>
                    {!narrow && <TableCell className={l.num}>{v.summary.errors}</TableCell>}
                    {!narrow && <TableCell className={l.num}>{v.summary.warnings}</TableCell>}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </Panel>

      {selected && (
        <Panel title={details ? `Версия ${details.version}` : 'Версия'} testId="version">
          {!details && <Spinner label="Загрузка замечаний…" />}
          {details && (
            <>
              <div className={l.row} style={{ alignItems: 'flex-start' }}>
                <Download path={`/submissions/${details.id}/file`} fallbackName={details.fileName ?? `версия-${details.version}.${details.kind}`} icon={<ArrowDownload20Regular />} testId="download-original">
                  Исходный файл
                </Download>
                <Download path={`/submissions/${details.id}/annotated.xlsx`} fallbackName={`версия-${details.version} — замечания.xlsx`} icon={<DocumentSearch20Regular />} waiting="Готовится копия с замечаниями…" testId="download-annotated">
                  Копия с замечаниями (xlsx)
                </Download>
              </div>
              {returnOf(details.id) && (
                <MessageBar intent="warning" layout="multiline" data-testid="version-returned">
                  <MessageBarBody>
                    Версия {details.version} возвращена на доработку {regionTime(returnOf(details.id)!.at, region.timeZone)} {region.zone}: в свод она не входит.
                  </MessageBarBody>
                </MessageBar>
              )}
              <Receipt version={details} {...(row ? { inSvod: row.inSvod?.version === details.version } : {})} />
              {coordinator && (
                <section className={l.page} style={{ gap: tokens.spacingVerticalS }} aria-labelledby="return-title">
                  <h3 className={l.h3} id="return-title">
                    Вернуть версию {details.version} на доработку
                  </h3>
                  <Field label="Комментарий для муниципалитета: что исправить" hint="Муниципалитет увидит его на портале над формой загрузки.">
                    <Textarea className={s.textarea} id="return-comment" value={comment} onChange={(_e, d) => setComment(d.value)} resize="vertical" rows={3} />
                  </Field>
                  <div>
                    <Button icon={<ArrowUndo20Regular />} disabled={busy || comment.trim().length < 3} onClick={() => void sendBack()}>
                      Вернуть на доработку
                    </Button>
                  </div>
                  <Notice notice={returnNotice} testId="return-notice" />
                </section>
              )}
            </>
          )}
        </Panel>
      )}

      {versions && versions.length > 1 && (
        <Panel title="Сравнить версии" testId="compare">
          <div className={l.row}>
            <Field label="Было">
              <Select id="diff-from" value={from} onChange={(_e, d) => setFrom(d.value)}>
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {versionName(v)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Стало">
              <Select id="diff-to" value={to} onChange={(_e, d) => setTo(d.value)}>
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {versionName(v)}
                  </option>
                ))}
              </Select>
            </Field>
            <Button appearance="primary" onClick={() => void compare()}>
              Сравнить
            </Button>
          </div>
          <Notice notice={diffNotice} />
          {comparison && <DiffView comparison={comparison} />}
        </Panel>
      )}
    </div>
  );
}
