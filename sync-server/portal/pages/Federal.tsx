/**
 * The federal coordinator's portal (issue #13): every region of the deployment with its deadline, what it collects
 * and how much of it is in its Свод; one region's municipalities read-only, as its coordinator sees them; the federal
 * summary to download; a new region, its coordinator's token shown once. Nothing here changes a region's data.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Badge,
  Button,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  ProgressBar,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { Add20Regular, ArrowDownload20Regular, ArrowLeft20Regular, ArrowSync20Regular, DocumentTable20Regular } from '@fluentui/react-icons';
import { endOfDay, formatDateRu, offsetMinutes, plural, zoneLabel } from '@svod/shared';
import { errorText, saveBlob, type FederalRegion, type FederalRegions, type RegionCreated, type RegionStatus } from '../api';
import { Download } from '../components/Download';
import { Panel, useLayout, useNarrow } from '../components/layout';
import { Notice, type NoticeData } from '../components/Notice';
import { StatusTable, statusCsv } from '../components/StatusTable';
import { TokenSlip, type IssuedToken } from '../components/TokenSlip';
import { go } from '../nav';
import { deadlineState, useApi } from '../region';

/** Russia's zones, for the new region's field: a suggestion list, not a limit (the server checks any IANA name). */
const RUSSIAN_ZONES: ReadonlyArray<readonly [string, string]> = [
  ['Europe/Kaliningrad', 'Калининград'],
  ['Europe/Moscow', 'Москва'],
  ['Europe/Samara', 'Самара'],
  ['Asia/Yekaterinburg', 'Екатеринбург'],
  ['Asia/Omsk', 'Омск'],
  ['Asia/Novosibirsk', 'Новосибирск'],
  ['Asia/Krasnoyarsk', 'Красноярск'],
  ['Asia/Irkutsk', 'Иркутск'],
  ['Asia/Yakutsk', 'Якутск'],
  ['Asia/Chita', 'Чита'],
  ['Asia/Vladivostok', 'Владивосток'],
  ['Asia/Magadan', 'Магадан'],
  ['Asia/Sakhalin', 'Южно-Сахалинск'],
  ['Asia/Kamchatka', 'Петропавловск-Камчатский'],
  ['Asia/Anadyr', 'Анадырь'],
];
const DEFAULT_ZONE = 'Europe/Moscow';

/** «МСК+9»: how a Russian official names a zone, against Moscow's clock now. */
function mskLabel(timeZone: string): string {
  const hours = Math.round((offsetMinutes(new Date(), timeZone) - offsetMinutes(new Date(), DEFAULT_ZONE)) / 60);
  return hours === 0 ? 'МСК' : `МСК${hours > 0 ? '+' : '−'}${Math.abs(hours)}`;
}

const COLLECTS: Record<NonNullable<FederalRegion['collects']>, string> = {
  indicators: 'показатели и дорожные карты',
  'roadmaps-only': 'только дорожные карты',
};

const useStyles = makeStyles({
  summary: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  form: {
    display: 'grid',
    gridTemplateColumns: 'minmax(130px, 190px) minmax(200px, 1fr) minmax(190px, 260px) auto',
    gap: tokens.spacingHorizontalM,
    alignItems: 'start',
    // Ranges that do not overlap: which of two matching media rules wins is not ours to choose.
    '@media (min-width: 761px) and (max-width: 1000px)': { gridTemplateColumns: '1fr 1fr' },
    '@media (max-width: 760px)': { gridTemplateColumns: '1fr' },
  },
  field: { minWidth: 0 },
  input: { width: '100%', minWidth: 0 },
  submit: { alignSelf: 'start', marginTop: '26px', '@media (max-width: 1000px)': { marginTop: 0, justifySelf: 'start' } },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  sub: { display: 'block', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  passed: { color: tokens.colorPaletteRedForeground1 },
  progress: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: '9rem' },
  progressText: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  table: { minWidth: '760px' },
  cards: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  card: { padding: tokens.spacingHorizontalM, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  facts: { display: 'grid', gridTemplateColumns: 'auto 1fr', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`, margin: 0, alignItems: 'baseline' },
  dt: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  dd: { margin: 0, minWidth: 0 },
});

/** «15.12.2026», red with «срок прошёл» once the day is over on the region's clock; «не установлен» without one. */
function Deadline({ region }: { region: FederalRegion }) {
  const s = useStyles();
  if (!region.deadline) return <span className={s.sub}>не установлен</span>;
  const passed = endOfDay(region.deadline, region.timeZone) < Date.now();
  return (
    <span className={passed ? s.passed : undefined} data-deadline={region.deadline}>
      {formatDateRu(region.deadline)}
      {passed && <span className={mergeClasses(s.sub, s.passed)}>срок прошёл</span>}
    </span>
  );
}

function Collects({ region }: { region: FederalRegion }) {
  return region.collects ? (
    <span>{COLLECTS[region.collects]}</span>
  ) : (
    <Badge appearance="tint" color="warning" shape="rounded" style={{ whiteSpace: 'nowrap' }}>
      шаблон не загружен
    </Badge>
  );
}

/** «в своде N из M» with a bar; what did not reach the Свод under it. */
function InSvod({ region }: { region: FederalRegion }) {
  const s = useStyles();
  const text = `в своде ${region.inSvod} из ${region.total}`;
  return (
    <div className={s.progress} data-testid="in-svod">
      <span className={s.progressText}>{text}</span>
      <ProgressBar aria-label={text} value={region.total ? region.inSvod / region.total : 0} max={1} thickness="large" color={region.total > 0 && region.inSvod === region.total ? 'success' : 'brand'} />
      {region.notMerged > 0 && <span className={s.sub}>не вошло в свод: {plural(region.notMerged, ['запись', 'записи', 'записей'])}</span>}
    </div>
  );
}

export function Federal() {
  const s = useStyles();
  const l = useLayout();
  const narrow = useNarrow();
  const api = useApi();
  const [regions, setRegions] = useState<FederalRegion[] | null>(null);
  const [notice, setNotice] = useState<NoticeData | null>(null);
  const [loading, setLoading] = useState(false);
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState('');
  const [addNotice, setAddNotice] = useState<NoticeData | null>(null);
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    setNotice(null);
    try {
      setRegions((await api.json<FederalRegions>('/federal/regions')).regions.sort((a, b) => a.name.localeCompare(b.name, 'ru')));
    } catch (e) {
      setNotice({ intent: 'error', text: errorText(e, 'Не удалось получить список регионов.') });
    } finally {
      setLoading(false);
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  const add = async () => {
    setAddNotice(null);
    setBusy(true);
    try {
      const zone = timeZone.trim();
      const created = await api.json<RegionCreated>('/federal/regions', { method: 'POST', body: { id: id.trim(), name: name.trim(), ...(zone ? { timeZone: zone } : {}) } });
      setIssued({ holder: 'region-coordinator', id: created.id, name: created.name, token: created.coordinatorToken, reason: 'created' });
      setId('');
      setName('');
      setTimeZone('');
    } catch (e) {
      // The server's own sentence, as it comes: a taken code, a bad zone.
      setAddNotice({ intent: 'error', text: errorText(e, 'Не удалось создать регион.') });
    } finally {
      setBusy(false);
    }
  };

  const totals = useMemo(() => regions && { inSvod: regions.reduce((n, r) => n + r.inSvod, 0), total: regions.reduce((n, r) => n + r.total, 0) }, [regions]);
  const knownZone = RUSSIAN_ZONES.find(([z]) => z === timeZone.trim());

  const open = (r: FederalRegion) => (
    <button type="button" className={l.link} onClick={() => go('region', r.id)}>
      {r.name}
    </button>
  );

  return (
    <div className={l.page}>
      <h2 className={l.title}>Регионы</h2>

      <Panel
        title="Сводка"
        actions={
          <Button appearance="subtle" icon={loading ? <Spinner size="tiny" /> : <ArrowSync20Regular />} disabled={loading} onClick={() => void load()}>
            Обновить
          </Button>
        }
        testId="federal-summary"
      >
        {regions && totals && (
          <p className={s.summary} data-testid="totals">
            {plural(regions.length, ['регион', 'региона', 'регионов'])} · в своде {totals.inSvod} из {plural(totals.total, ['муниципалитета', 'муниципалитетов', 'муниципалитетов'])}
          </p>
        )}
        <div className={l.row} style={{ alignItems: 'flex-start' }}>
          <Download path="/federal/workbook.xlsx" fallbackName="Федеральный свод.xlsx" appearance="primary" icon={<ArrowDownload20Regular />} waiting="Собирается федеральный свод…" testId="download-federal">
            Скачать федеральный свод
          </Download>
        </div>
        <p className={l.muted}>Книга Excel: показатели всех регионов по строке на регион и показатель, список регионов, что не вошло в свод и почему.</p>
      </Panel>

      <Panel title="Список регионов">
        <Notice notice={notice} />
        {!regions && loading && <Spinner label="Загрузка…" />}
        {regions && regions.length === 0 && <p className={l.muted}>Регионов пока нет: создайте первый ниже.</p>}
        {regions && regions.length > 0 && <p className={l.muted}>Название региона открывает статус его муниципалитетов.</p>}
        {regions && regions.length > 0 && !narrow && (
          <div className={l.tableWrap}>
            <Table className={s.table} size="small" aria-label="Регионы" data-testid="regions">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Регион</TableHeaderCell>
                  <TableHeaderCell style={{ width: '9rem' }}>Срок сдачи</TableHeaderCell>
                  <TableHeaderCell style={{ width: '15rem' }}>Собирает</TableHeaderCell>
                  <TableHeaderCell style={{ width: '14rem' }}>В своде</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {regions.map((r) => (
                  <TableRow key={r.id} data-region={r.id}>
                    <TableCell>
                      {open(r)}
                      <span className={s.sub}>
                        <span className={s.code}>{r.id}</span> · {zoneLabel(r.timeZone, new Date())} ({mskLabel(r.timeZone)})
                      </span>
                    </TableCell>
                    <TableCell>
                      <Deadline region={r} />
                    </TableCell>
                    <TableCell>
                      <Collects region={r} />
                    </TableCell>
                    <TableCell>
                      <InSvod region={r} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
        {regions && regions.length > 0 && narrow && (
          <ul className={s.cards} aria-label="Регионы" data-testid="regions">
            {regions.map((r) => (
              <li key={r.id} className={s.card} data-region={r.id}>
                <div>
                  {open(r)}
                  <span className={s.sub}>
                    <span className={s.code}>{r.id}</span> · {zoneLabel(r.timeZone, new Date())} ({mskLabel(r.timeZone)})
                  </span>
                </div>
                <dl className={s.facts}>
                  <dt className={s.dt}>Срок сдачи</dt>
                  <dd className={s.dd}>
                    <Deadline region={r} />
                  </dd>
                  <dt className={s.dt}>Собирает</dt>
                  <dd className={s.dd}>
                    <Collects region={r} />
                  </dd>
                </dl>
                <InSvod region={r} />
              </li>
            ))}
          </ul>
        )}
      </Panel>

      <Panel title="Новый регион">
        <form
          className={s.form}
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <Field label="Код (латиницей)" className={s.field} hint="Например, kamchatka или 41.">
            <Input id="region-id" className={s.input} value={id} onChange={(_e, d) => setId(d.value.toLowerCase())} autoComplete="off" />
          </Field>
          <Field label="Название" className={s.field} hint="Как в отчётах: «Камчатский край».">
            <Input id="region-name" className={s.input} value={name} onChange={(_e, d) => setName(d.value)} autoComplete="off" />
          </Field>
          <Field label="Часовой пояс" className={s.field} hint={knownZone ? `${knownZone[1]}, ${mskLabel(knownZone[0])}` : 'Из списка или название IANA; пусто — Москва (МСК).'}>
            <Input id="region-zone" className={s.input} value={timeZone} onChange={(_e, d) => setTimeZone(d.value)} placeholder={DEFAULT_ZONE} list="russian-zones" autoComplete="off" />
          </Field>
          <datalist id="russian-zones">
            {RUSSIAN_ZONES.map(([zone, city]) => (
              <option key={zone} value={zone}>
                {city}, {mskLabel(zone)}
              </option>
            ))}
          </datalist>
          <Button appearance="primary" type="submit" icon={<Add20Regular />} disabled={busy || !id.trim() || !name.trim()} className={s.submit}>
            Создать регион
          </Button>
        </form>
        <Notice notice={addNotice} testId="region-notice" />
        <p className={l.muted}>Портал выдаст токен координатора региона — один раз. Шаблон, муниципалитеты и срок сдачи задаёт координатор региона.</p>
      </Panel>

      {issued && (
        <TokenSlip
          issued={issued}
          region={issued.name}
          onClose={() => {
            setIssued(null);
            void load();
          }}
        />
      )}
    </div>
  );
}

/** One region's municipalities, read-only: the coordinator's status table without its actions. */
export function FederalRegionPage({ regionId }: { regionId: string }) {
  const s = useStyles();
  const l = useLayout();
  const api = useApi();
  const [status, setStatus] = useState<RegionStatus | null>(null);
  const [notice, setNotice] = useState<NoticeData | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    setNotice(null);
    try {
      setStatus(await api.json<RegionStatus>(`/federal/regions/${encodeURIComponent(regionId)}/status`));
    } catch (e) {
      setNotice({ intent: 'error', text: errorText(e, 'Не удалось получить статус региона.') });
    } finally {
      setLoading(false);
    }
  }, [api, regionId]);
  useEffect(() => {
    setStatus(null);
    void load();
  }, [load]);

  const dl = status && deadlineState(status.deadline, status.timeZone, status.zone);
  return (
    <div className={l.page}>
      <div>
        <Button appearance="subtle" icon={<ArrowLeft20Regular />} onClick={() => go('regions')}>
          К регионам
        </Button>
      </div>
      <h2 className={l.title} data-testid="region-title">
        {status?.region ?? regionId}
      </h2>
      {status && dl && (
        <p className={mergeClasses(l.p, dl.kind === 'passed' && s.passed)} data-testid="deadline">
          {dl.kind === 'none' ? 'Срок сдачи не установлен.' : dl.text}
        </p>
      )}
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
        {status && <StatusTable status={status} />}
        {status && (
          <div>
            <Button icon={<DocumentTable20Regular />} onClick={() => saveBlob(statusCsv(status), `Статус сдачи — ${status.region}.csv`)} data-testid="download-status">
              Скачать таблицу статуса (csv)
            </Button>
          </div>
        )}
      </Panel>
    </div>
  );
}
