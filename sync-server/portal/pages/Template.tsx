/**
 * «Шаблон»: the current regional template and its file for municipalities; a new one is read first (POST
 * /region/template/preview: indicators, years, sections) and replaces the old one only when the coordinator says so.
 */
import { useEffect, useState } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular, Checkmark20Regular, Dismiss20Regular } from '@fluentui/react-icons';
import { errorText, type TemplateAccepted, type TemplatePreview } from '../api';
import { Download } from '../components/Download';
import { IndicatorTable } from '../components/IndicatorTable';
import { DropZone } from '../components/DropZone';
import { Panel, useLayout } from '../components/layout';
import { Notice, type NoticeData } from '../components/Notice';
import { regionTime, usePortal } from '../region';

const useStyles = makeStyles({
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`, margin: 0 },
  dt: { color: tokens.colorNeutralForeground2 },
  dd: { margin: 0, overflowWrap: 'anywhere' },
  sections: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  table: { maxHeight: '420px', overflowY: 'auto' },
});

function Summary({ t }: { t: TemplatePreview }) {
  const s = useStyles();
  return (
    <dl className={s.facts}>
      <dt className={s.dt}>Показателей</dt>
      <dd className={s.dd} data-testid="preview-indicators">
        {t.indicators.length}
      </dd>
      <dt className={s.dt}>Годы</dt>
      <dd className={s.dd} data-testid="preview-years">
        {t.years.join(', ') || 'не указаны'}
      </dd>
      <dt className={s.dt}>Разделы дорожной карты</dt>
      <dd className={s.dd}>
        {t.sections.length ? (
          <ol className={s.sections}>
            {t.sections.map((x, i) => (
              <li key={i}>{x}</li>
            ))}
          </ol>
        ) : (
          'нет'
        )}
      </dd>
    </dl>
  );
}

/** What the replacement changes in the indicator list, by name: new ones and those that leave the template. */
function Changes({ current, next }: { current: TemplatePreview; next: TemplatePreview }) {
  const l = useLayout();
  const s = useStyles();
  const before = new Set(current.indicators.map((i) => i.name));
  const after = new Set(next.indicators.map((i) => i.name));
  const added = next.indicators.filter((i) => !before.has(i.name));
  const removed = current.indicators.filter((i) => !after.has(i.name));
  const list = (items: TemplatePreview['indicators']) => (
    <ul className={s.sections}>
      {items.slice(0, 10).map((i, k) => (
        <li key={k}>{`${i.number ? `${i.number} ` : ''}${i.name}`}</li>
      ))}
      {items.length > 10 && <li>и ещё {items.length - 10}</li>}
    </ul>
  );
  return (
    <div data-testid="preview-changes" style={{ display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS }}>
      <p className={l.p} role="status">
        Сейчас в шаблоне {current.indicators.length} показателей, после замены — {next.indicators.length}.
        {added.length === 0 && removed.length === 0 ? ' Названия показателей те же.' : ''}
      </p>
      {added.length > 0 && (
        <>
          <p className={l.p}>Новые показатели ({added.length}):</p>
          {list(added)}
        </>
      )}
      {removed.length > 0 && (
        <>
          <p className={l.p}>Уйдут из шаблона ({removed.length}) — их значения перестанут попадать в свод:</p>
          {list(removed)}
        </>
      )}
    </div>
  );
}

export function Template() {
  const l = useLayout();
  const s = useStyles();
  const { api, region, reloadRegion } = usePortal();
  const [current, setCurrent] = useState<TemplatePreview | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number | null } | null>(null);
  const [notice, setNotice] = useState<NoticeData | null>(null);

  useEffect(() => {
    if (region.template) void api.json<TemplatePreview>('/region/template').then(setCurrent, () => setCurrent(null));
  }, [api, region.template]);

  const read = async (f: File) => {
    setNotice(null);
    setPreview(null);
    setFile(f);
    setProgress({ done: 0, total: f.size });
    try {
      setPreview((await api.upload<TemplatePreview>('/region/template/preview', 'POST', f, (done, total) => setProgress({ done, total }))).body);
    } catch (e) {
      setFile(null);
      setNotice({ intent: 'error', text: errorText(e, 'Не удалось прочитать шаблон.') });
    } finally {
      setProgress(null);
    }
  };

  const replace = async () => {
    if (!file) return;
    setProgress({ done: 0, total: file.size });
    try {
      const { body } = await api.upload<TemplateAccepted>('/region/template', 'PUT', file, (done, total) => setProgress({ done, total }));
      setNotice({ intent: 'success', text: body.message });
      setPreview(null);
      setFile(null);
      await reloadRegion();
    } catch (e) {
      setNotice({ intent: 'error', text: errorText(e, 'Не удалось заменить шаблон.') });
    } finally {
      setProgress(null);
    }
  };

  return (
    <div className={l.page}>
      <h2 className={l.title}>Шаблон региона</h2>
      <Panel title="Действующий шаблон" testId="current-template">
        {region.template ? (
          <>
            <p className={l.muted}>
              {region.template.fileName ? `«${region.template.fileName}», ` : ''}загружен {regionTime(region.template.uploadedAt, region.timeZone)} ({region.zone}).
              {region.collects === 'roadmaps-only' ? ' Регион собирает только дорожные карты.' : ''}
            </p>
            {current && <Summary t={current} />}
            <div>
              <Download path="/region/template/file" fallbackName="Шаблон.xlsx" icon={<ArrowDownload20Regular />} testId="download-template">
                Скачать бланк для муниципалитетов
              </Download>
            </div>
          </>
        ) : (
          <p className={l.muted}>Шаблон ещё не загружен: без него показатели не сводятся.</p>
        )}
      </Panel>

      <Panel title="Загрузить новый шаблон">
        <p className={l.muted}>Сначала портал покажет, что прочитано из файла. Шаблон заменится, только когда вы нажмёте «Заменить шаблон»; проверка присланных версий пересчитается по новому.</p>
        <DropZone accept={['.xlsx', '.xlsm', '.ods', '.csv']} busy={progress !== null} progress={progress} onFile={(f) => void read(f)} onRefuse={(m) => setNotice({ intent: 'error', text: m })} label="Файл регионального шаблона" testId="template-upload" />
        <Notice notice={notice} testId="template-notice" />
        {preview && (
          <section className={l.page} style={{ gap: tokens.spacingVerticalM }} aria-labelledby="preview-title" data-testid="preview">
            <h3 className={l.h3} id="preview-title">
              Прочитано из «{file?.name}»
            </h3>
            <Summary t={preview} />
            {current && <Changes current={current} next={preview} />}
            <IndicatorTable indicators={preview.indicators} label="Показатели шаблона" className={s.table} />
            <div className={l.row}>
              <Button appearance="primary" icon={<Checkmark20Regular />} disabled={progress !== null} onClick={() => void replace()}>
                Заменить шаблон
              </Button>
              <Button
                icon={<Dismiss20Regular />}
                disabled={progress !== null}
                onClick={() => {
                  setPreview(null);
                  setFile(null);
                }}
              >
                Отмена
              </Button>
            </div>
          </section>
        )}
      </Panel>
    </div>
  );
}
