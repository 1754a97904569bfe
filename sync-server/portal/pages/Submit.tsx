/**
 * The municipality's page: the deadline, the coordinator's comments, the template to fill in and the region's
 * indicators, and the upload — a file by drag and drop, the verdict and findings at once, grouped as in the task pane.
 */
import { useEffect, useState } from 'react';
import { Button, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular, DocumentTable20Regular } from '@fluentui/react-icons';
import { IndicatorTable } from '../components/IndicatorTable';
import { errorText, saveBlob, type Session, type SubmissionReceipt, type TemplatePreview } from '../api';
import { StatusBadge } from '../components/StatusBadge';
import { Download } from '../components/Download';
import { DropZone } from '../components/DropZone';
import { Panel, useLayout } from '../components/layout';
import { Notice, type NoticeData } from '../components/Notice';
import { Receipt } from '../components/Receipt';
import { deadlineState, regionTime, usePortal } from '../region';

const useStyles = makeStyles({
  deadline: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  passed: { color: tokens.colorPaletteRedForeground1 },
  comment: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  status: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground2 },
});

/** The region's indicators as a CSV Excel opens in a Russian locale: number, name, unit, section. */
function indicatorCsv(t: TemplatePreview): Blob {
  const cell = (v: string) => (/[;"\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [['№', 'Показатель', 'Единица измерения', 'Раздел', ...t.years.map(String)].join(';')];
  for (const i of t.indicators) lines.push([i.number ?? '', i.name, i.unit, i.section ?? ''].map(cell).join(';') + ';'.repeat(t.years.length));
  return new Blob(['\uFEFF' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
}

export const ACCEPT = ['.xlsx', '.xlsm', '.ods', '.csv'] as const;

export function Submit() {
  const s = useStyles();
  const l = useLayout();
  const { api, region } = usePortal();
  const [receipt, setReceipt] = useState<SubmissionReceipt | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number | null } | null>(null);
  const [notice, setNotice] = useState<NoticeData | null>(null);
  const [template, setTemplate] = useState<TemplatePreview | null>(null);
  const [showList, setShowList] = useState(false);
  const [mine, setMine] = useState<Session['status']>(null);
  const loadStatus = () => void api.json<Session>('/me').then((me) => setMine(me.status), () => undefined);

  useEffect(() => {
    loadStatus();
    if (region.template) void api.json<TemplatePreview>('/region/template').then(setTemplate, () => undefined);
  }, [api, region.template]);

  const send = async (file: File) => {
    setNotice(null);
    setReceipt(null);
    setProgress({ done: 0, total: file.size });
    try {
      const { body } = await api.upload<SubmissionReceipt>('/submissions', 'POST', file, (done, total) => setProgress({ done, total }));
      setReceipt(body);
      loadStatus();
    } catch (e) {
      setNotice({ intent: 'error', text: errorText(e, 'Не удалось отправить файл.') });
    } finally {
      setProgress(null);
    }
  };

  const dl = deadlineState(region.deadline, region.timeZone, region.zone);
  // A return is news while it stands (the server says so: until a newer version is sent); then it is history, on «Мои версии».
  const latestReturn = mine?.returned ?? undefined;
  return (
    <div className={l.page}>
      <h2 className={l.title}>Сдать отчёт</h2>
      <p className={`${s.deadline} ${dl.kind === 'passed' ? s.passed : ''}`} data-testid="deadline">
        {dl.kind === 'none' ? 'Срок сдачи не установлен.' : dl.text}
      </p>
      {mine && (
        <div className={s.status} data-testid="own-status">
          <StatusBadge status={mine.status} />
          <span>{mine.note}</span>
        </div>
      )}
      {latestReturn && (
        <MessageBar intent="warning" layout="multiline" data-testid="returned">
          <MessageBarBody>
            <MessageBarTitle>
              Координатор вернул версию {latestReturn.version} на доработку ({regionTime(latestReturn.at, region.timeZone)} {region.zone}).
            </MessageBarTitle>{' '}
            <span className={s.comment}>{latestReturn.comment}</span>{' '}
            <span>{mine?.inSvod ? `В своде региона пока версия ${mine.inSvod.version}.` : 'Пока вы не пришлёте исправленную версию, данных вашего муниципалитета в своде региона нет.'}</span>
          </MessageBarBody>
        </MessageBar>
      )}

      <Panel title="Загрузить таблицу">
        <DropZone accept={ACCEPT} busy={progress !== null} progress={progress} onFile={(f) => void send(f)} onRefuse={(m) => setNotice({ intent: 'error', text: m })} label="Файл с дорожной картой и показателями" testId="upload" />
        <Notice notice={notice} testId="upload-error" />
        {receipt && <Receipt version={receipt} fresh />}
      </Panel>

      <Panel title="Шаблон региона">
        {region.template ? (
          <>
            <p className={l.muted}>
              В шаблоне {region.template.indicators ? `${region.template.indicators} показателей, годы ${region.template.years.join(', ') || 'не указаны'}` : 'только дорожная карта'}. Заполните его (или свою таблицу в том же формате) и загрузите выше.
            </p>
            <div className={l.row}>
              <Download path="/region/template/file" fallbackName="Шаблон.xlsx" icon={<ArrowDownload20Regular />} testId="download-template">
                Скачать бланк шаблона
              </Download>
              {template && template.indicators.length > 0 && (
                <Button icon={<DocumentTable20Regular />} onClick={() => saveBlob(indicatorCsv(template), `Показатели — ${region.name}.csv`)} data-testid="download-indicators">
                  Скачать список показателей (csv)
                </Button>
              )}
              {template && template.indicators.length > 0 && (
                <Button appearance="subtle" aria-expanded={showList} onClick={() => setShowList(!showList)}>
                  {showList ? 'Скрыть список показателей' : `Список показателей (${template.indicators.length})`}
                </Button>
              )}
            </div>
            {showList && template && <IndicatorTable indicators={template.indicators} label="Показатели региона" className={l.tableWrap} />}
          </>
        ) : (
          <p className={l.muted}>Координатор ещё не загрузил шаблон региона.</p>
        )}
      </Panel>
    </div>
  );
}
