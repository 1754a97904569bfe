import { useMemo, useState } from 'react';
import {
  Badge,
  Button,
  Field,
  Link,
  makeStyles,
  Radio,
  RadioGroup,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { ArrowSync20Regular, Send20Regular } from '@fluentui/react-icons';
import { check, type CheckReport, type Diagnostic, type GridWorkbook } from '@svod/shared';
import { createIdempotencyKeys, type ApiClient, type SubmissionReceipt, type SubmissionSummary } from '../api/client';
import { submissionBody } from '../api/workbook-json';
import type { HostPort } from '../host/port';
import { answerFolds, countsText, foldText } from '../state/diagnostics';
import { errorText } from '../state/errors';
import type { Notice as NoticeData } from '../state/use-checker';
import { formatDateTime, STATUS_NAMES } from './format';
import { Notice } from './Notice';
import { ServerField, TokenField, tokenHint } from './ServerField';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  receipt: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  receiptTitle: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  p: { margin: 0 },
  sectionTitle: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  table: { tableLayout: 'auto' },
  numeric: { textAlign: 'right' },
  folds: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: '2px', overflowWrap: 'anywhere' },
});

/** Repeats named in the receipt; the rest are one click away in the list. */
const RECEIPT_FOLDS = 3;

export interface SendPanelProps {
  port: HostPort;
  api: ApiClient;
  serverUrl: string;
  onServerUrl(value: string): void;
  token: string;
  onToken(value: string): void;
  /** The sent workbook, its local check and the server's diagnostics, for the list on «Проверка». */
  onSent(workbook: GridWorkbook & { active?: string }, scope: 'active' | 'all', report: CheckReport, serverDiagnostics: Diagnostic[]): void;
  onShowList(): void;
}

export function SendPanel({ port, api, serverUrl, onServerUrl, token, onToken, onSent, onShowList }: SendPanelProps) {
  const s = useStyles();
  const [scope, setScope] = useState<'all' | 'active'>('all');
  const [busy, setBusy] = useState<'send' | 'status' | null>(null);
  const [notice, setNotice] = useState<NoticeData | null>(null);
  const [receipt, setReceipt] = useState<SubmissionReceipt | null>(null);
  const [versions, setVersions] = useState<SubmissionSummary[] | null>(null);
  // The same content sent again after a lost answer keeps its Idempotency-Key: the server then records it once.
  const keys = useMemo(() => createIdempotencyKeys(), []);
  const access = { baseUrl: serverUrl, token };
  const folds = useMemo(() => (receipt ? answerFolds(receipt) : []), [receipt]);

  const loadVersions = async (quiet: boolean) => {
    try {
      setVersions(await api.listSubmissions(access));
    } catch (e) {
      if (!quiet) setNotice({ intent: 'error', text: errorText(e, 'Не удалось получить список отправок.') });
    }
  };

  const send = async () => {
    setBusy('send');
    setNotice(null);
    try {
      let workbook;
      try {
        workbook = await port.readSheets(scope);
      } catch (e) {
        throw new Error(errorText(e, 'Не удалось прочитать книгу для отправки.'));
      }
      const body = submissionBody(workbook);
      const result = await api.submit(access, body, keys.keyFor(JSON.stringify(body)));
      setReceipt(result);
      onSent(workbook, scope, check(workbook), result.diagnostics);
      await loadVersions(true);
    } catch (e) {
      setNotice({ intent: 'error', text: errorText(e, 'Не удалось отправить таблицу.') });
    } finally {
      setBusy(null);
    }
  };

  const refresh = async () => {
    setBusy('status');
    setNotice(null);
    await loadVersions(false);
    setBusy(null);
  };

  return (
    <div className={s.panel}>
      <ServerField value={serverUrl} onChange={onServerUrl} capabilities={port.capabilities} />
      <TokenField label="Токен муниципалитета" value={token} onChange={onToken} hint={tokenHint(port.capabilities)} />
      <Field label="Что отправить">
        <RadioGroup value={scope} onChange={(_, d) => setScope(d.value as 'all' | 'active')}>
          <Radio value="all" label="Все листы книги" />
          <Radio value="active" label="Только активный лист" />
        </RadioGroup>
      </Field>
      <div className={s.row}>
        <Button appearance="primary" icon={busy === 'send' ? <Spinner size="tiny" /> : <Send20Regular />} disabled={busy !== null} onClick={() => void send()}>
          Отправить
        </Button>
        <Button icon={busy === 'status' ? <Spinner size="tiny" /> : <ArrowSync20Regular />} disabled={busy !== null} onClick={() => void refresh()}>
          Мои отправки
        </Button>
      </div>
      <Notice notice={notice} onDismiss={() => setNotice(null)} testId="send-notice" />

      {receipt && (
        <section className={s.receipt} aria-labelledby="receipt-title" data-testid="receipt" role="status">
          <h2 id="receipt-title" className={s.receiptTitle}>
            <span>
              {receipt.duplicate ? 'Уже отправлено' : 'Отправлено'}: версия {receipt.version}
            </span>
            <Badge appearance="filled" color={receipt.status === 'accepted' ? 'success' : 'danger'}>
              {STATUS_NAMES[receipt.status]}
            </Badge>
          </h2>
          <p className={s.p}>{formatDateTime(receipt.submittedAt)}</p>
          {receipt.duplicate && <p className={s.p}>Такая же таблица уже была отправлена: сервер вернул её версию, новая не создана.</p>}
          <p className={s.p}>
            {receipt.status === 'accepted'
              ? 'Сервер принял таблицу. '
              : 'Сервер отклонил таблицу: в ней есть ошибки. Версия сохранена, но в свод не попадёт; исправьте ошибки и отправьте ещё раз. '}
            Сервер нашёл: {countsText(receipt.summary)}.
          </p>
          {folds.length > 0 && (
            <>
              <p className={s.p}>Чаще всего повторяется:</p>
              <ul className={s.folds} data-testid="receipt-folds">
                {folds.slice(0, RECEIPT_FOLDS).map((g) => (
                  <li key={[g.ruleId, g.messageId, g.sheet, g.table, g.severity].join('|')} data-rule={g.ruleId}>
                    {foldText(g)}
                  </li>
                ))}
                {folds.length > RECEIPT_FOLDS && <li>и ещё {folds.length - RECEIPT_FOLDS} — в списке проверки.</li>}
              </ul>
            </>
          )}
          {receipt.indicators && (
            <p className={s.p} data-testid="receipt-svod">
              {receipt.indicators.message}
            </p>
          )}
          {receipt.diagnostics.length > 0 && (
            <p className={s.p}>
              <Link as="button" onClick={onShowList}>
                Показать замечания сервера в списке проверки
              </Link>
            </p>
          )}
        </section>
      )}

      {versions && (
        <section aria-labelledby="versions-title">
          <h2 id="versions-title" className={s.sectionTitle}>
            Мои отправки
          </h2>
          {versions.length === 0 ? (
            <p className={s.p}>Отправок ещё нет.</p>
          ) : (
            <Table size="extra-small" className={s.table} aria-labelledby="versions-title" data-testid="versions">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Версия</TableHeaderCell>
                  <TableHeaderCell>Когда</TableHeaderCell>
                  <TableHeaderCell>Статус</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {versions.map((v) => (
                  <TableRow key={v.id}>
                    <TableCell>{v.version}</TableCell>
                    <TableCell>{formatDateTime(v.submittedAt)}</TableCell>
                    <TableCell title={countsText(v.summary)}>{STATUS_NAMES[v.status]}</TableCell>
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
