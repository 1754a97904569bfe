/**
 * «Сбор»: one row per municipality (status, the version in the Свод, the last version and its time on the region's
 * clock, its errors and warnings, how many of its indicators reached the Свод), sorted, filtered and searched; the
 * deadline set and shown; the regional workbook and the status table to download.
 */
import { useCallback, useEffect, useState } from 'react';
import { Button, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular, ArrowSync20Regular, DocumentTable20Regular } from '@fluentui/react-icons';
import { errorText, saveBlob, type RegionStatus } from '../api';
import { Download } from '../components/Download';
import { Panel, useLayout } from '../components/layout';
import { Mappings } from '../components/Mappings';
import { Notice, type NoticeData } from '../components/Notice';
import { StatusTable, statusCsv } from '../components/StatusTable';
import { go } from '../nav';
import { deadlineState, usePortal } from '../region';
import { DateField } from '../components/DateField';

const useStyles = makeStyles({
  deadline: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  passed: { color: tokens.colorPaletteRedForeground1 },
});

export function Collect() {
  const s = useStyles();
  const l = useLayout();
  const { api, region, reloadRegion } = usePortal();
  const [status, setStatus] = useState<RegionStatus | null>(null);
  const [notice, setNotice] = useState<NoticeData | null>(null);
  const [loading, setLoading] = useState(false);
  const [deadline, setDeadline] = useState(region.deadline ?? '');
  const [deadlineNotice, setDeadlineNotice] = useState<NoticeData | null>(null);
  const [saving, setSaving] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    setNotice(null);
    try {
      // Returns and switch-offs are in the status itself («возвращено на доработку», «отключён»).
      setStatus(await api.json<RegionStatus>('/region/status'));
    } catch (e) {
      setNotice({ intent: 'error', text: errorText(e, 'Не удалось получить статус региона.') });
    } finally {
      setLoading(false);
    }
  }, [api]);

  useEffect(() => {
    void load();
    // Fresh every minute while the page is shown: submissions arrive while the coordinator watches.
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, 60_000);
    return () => clearInterval(timer);
  }, [load]);

  const saveDeadline = async (value: string | null) => {
    setSaving(true);
    setDeadlineNotice(null);
    try {
      await api.json('/region/deadline', { method: 'PUT', body: { deadline: value } });
      await reloadRegion();
      setDeadline(value ?? '');
      setDeadlineNotice({ intent: 'success', text: value ? 'Срок сдачи сохранён.' : 'Срок сдачи снят.' });
      await load();
    } catch (e) {
      setDeadlineNotice({ intent: 'error', text: errorText(e, 'Не удалось сохранить срок сдачи.') });
    } finally {
      setSaving(false);
    }
  };

  const dl = deadlineState(region.deadline, region.timeZone, region.zone);

  return (
    <div className={l.page}>
      <h2 className={l.title}>Сбор отчётов</h2>

      <Panel title="Срок сдачи">
        <p className={`${s.deadline} ${dl.kind === 'passed' ? s.passed : ''}`} data-testid="deadline">
          {dl.kind === 'none' ? 'Срок сдачи не установлен.' : dl.text}
        </p>
        <form
          className={l.row}
          onSubmit={(e) => {
            e.preventDefault();
            void saveDeadline(deadline || null);
          }}
        >
          <DateField label={`Последний день сдачи (до 23:59, ${region.zone})`} id="deadline-input" value={deadline} onChange={setDeadline} />
          <Button appearance="primary" type="submit" disabled={saving || !deadline || deadline === region.deadline}>
            Сохранить срок
          </Button>
          {region.deadline && (
            <Button disabled={saving} onClick={() => void saveDeadline(null)}>
              Снять срок
            </Button>
          )}
        </form>
        <Notice notice={deadlineNotice} testId="deadline-notice" />
      </Panel>

      <Panel
        title="Муниципалитеты"
        actions={
          <Button appearance="subtle" icon={loading ? <Spinner size="tiny" /> : <ArrowSync20Regular />} disabled={loading} onClick={() => void load()}>
            Обновить
          </Button>
        }
      >
        <Notice notice={notice} />
        {!status && loading && <Spinner label="Загрузка статуса…" />}
        {status && <StatusTable status={status} onOpen={(id) => go('m', id)} />}
      </Panel>

      {status && region.collects === 'indicators' && <Mappings onChanged={() => void load()} names={new Map(status.municipalities.map((m) => [m.municipalityId, m.name]))} />}

      <Panel title="Выгрузки">
        <div className={l.row} style={{ alignItems: 'flex-start' }}>
          <Download path="/region/workbook.xlsx" fallbackName="Свод.xlsx" appearance="primary" icon={<ArrowDownload20Regular />} waiting="Собирается региональная книга…" testId="download-workbook">
            Скачать свод (xlsx)
          </Download>
          <Button icon={<DocumentTable20Regular />} disabled={!status} onClick={() => status && saveBlob(statusCsv(status), `Статус сдачи — ${status.region}.csv`)} data-testid="download-status">
            Скачать таблицу статуса (csv)
          </Button>
        </div>
        <p className={l.muted}>Свод — книга Excel: показатели, дорожные карты, статус, что не вошло в свод и почему, сокращения.</p>
      </Panel>
    </div>
  );
}
