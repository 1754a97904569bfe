import { useState } from 'react';
import { Button, makeStyles, mergeClasses, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular, ArrowSync20Regular } from '@fluentui/react-icons';
import type { ApiClient, RegionStatus } from '../api/client';
import type { HostPort } from '../host/port';
import { errorText } from '../state/errors';
import type { Notice as NoticeData } from '../state/use-checker';
import { formatDate, formatDateTime } from './format';
import { Notice } from './Notice';
import { ServerField, TokenField, tokenHint } from './ServerField';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  p: { margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  title: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  cell: { verticalAlign: 'top', paddingTop: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalXS },
  name: { overflowWrap: 'anywhere' },
  detail: { display: 'block', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase100 },
});

export interface CoordinatorPanelProps {
  port: HostPort;
  api: ApiClient;
  serverUrl: string;
  onServerUrl(value: string): void;
  token: string;
  onToken(value: string): void;
}

export function CoordinatorPanel({ port, api, serverUrl, onServerUrl, token, onToken }: CoordinatorPanelProps) {
  const s = useStyles();
  const [busy, setBusy] = useState<'status' | 'workbook' | null>(null);
  const [notice, setNotice] = useState<NoticeData | null>(null);
  const [status, setStatus] = useState<RegionStatus | null>(null);
  const access = { baseUrl: serverUrl, token };
  const unavailable = port.capabilities.insertWorkbookUnavailable;

  const loadStatus = async () => {
    setBusy('status');
    setNotice(null);
    try {
      setStatus(await api.regionStatus(access));
    } catch (e) {
      setNotice({ intent: 'error', text: errorText(e, 'Не удалось получить статус региона.') });
    } finally {
      setBusy(null);
    }
  };

  const insertWorkbook = async () => {
    setBusy('workbook');
    setNotice(null);
    try {
      const base64 = await api.regionWorkbookBase64(access);
      let sheets: string[];
      try {
        sheets = await port.insertWorkbook(base64);
      } catch (e) {
        throw new Error(errorText(e, 'Не удалось вставить листы региональной книги в эту книгу.'));
      }
      setNotice({ intent: 'success', text: `Вставлены листы: ${sheets.map((n) => `«${n}»`).join(', ')}.` });
    } catch (e) {
      setNotice({ intent: 'error', text: errorText(e, 'Не удалось получить региональную книгу.') });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className={s.panel}>
      <h2 className={s.title}>Для координатора</h2>
      <p className={s.p}>{unavailable ? 'Кто из муниципалитетов сдал таблицы.' : 'Кто из муниципалитетов сдал таблицы, и сводная книга региона в эту книгу.'}</p>
      <ServerField value={serverUrl} onChange={onServerUrl} capabilities={port.capabilities} />
      <TokenField label="Токен координатора" value={token} onChange={onToken} hint={tokenHint(port.capabilities)} />
      <div className={s.row}>
        <Button icon={busy === 'status' ? <Spinner size="tiny" /> : <ArrowSync20Regular />} disabled={busy !== null} onClick={() => void loadStatus()}>
          Статус региона
        </Button>
        <Button
          icon={busy === 'workbook' ? <Spinner size="tiny" /> : <ArrowDownload20Regular />}
          disabled={busy !== null || unavailable !== null}
          aria-describedby={unavailable ? 'workbook-unavailable' : undefined}
          onClick={() => void insertWorkbook()}
        >
          Вставить региональную книгу
        </Button>
      </div>
      {unavailable && (
        <p id="workbook-unavailable" className={s.p} data-testid="workbook-unavailable">
          {unavailable}
        </p>
      )}
      <Notice notice={notice} onDismiss={() => setNotice(null)} testId="coordinator-notice" />
      {status && (
        <section aria-labelledby="region-title">
          <h2 id="region-title" className={s.title}>
            {status.region || 'Регион'}
          </h2>
          <p className={s.p}>Срок сдачи: {status.deadline ? formatDate(status.deadline) : 'не назначен'}.</p>
          {status.municipalities.length === 0 ? (
            <p className={s.p}>Муниципалитеты ещё не зарегистрированы.</p>
          ) : (
            <Table size="extra-small" aria-labelledby="region-title" data-testid="region-status">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Муниципалитет</TableHeaderCell>
                  <TableHeaderCell>Статус</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {status.municipalities.map((m) => (
                  <TableRow key={m.municipalityId}>
                    <TableCell className={mergeClasses(s.cell, s.name)}>{m.name}</TableCell>
                    <TableCell className={s.cell}>
                      {m.status}
                      {m.version !== null && (
                        <span className={s.detail}>
                          версия {m.version}, {formatDateTime(m.submittedAt)}; ошибок: {m.errors}, предупреждений: {m.warnings}
                        </span>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </section>
      )}
    </div>
  );
}
