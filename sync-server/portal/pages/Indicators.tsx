/**
 * «Показатели»: for each template indicator, every municipality's value by year with the region's value, as a bar
 * chart of one year (inline SVG: no chart library is installed) and, beside it, the accessible table of all years.
 * Lower-is-better indicators are marked; values far from the others (the server's outliers) are highlighted in both.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Badge, Field, makeStyles, mergeClasses, SearchBox, Select, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens, ToggleButton } from '@fluentui/react-components';
import { errorText, type IndicatorValues } from '../api';
import { Panel, useLayout } from '../components/layout';
import { Notice, type NoticeData } from '../components/Notice';
import { usePortal } from '../region';

type Indicator = IndicatorValues['indicators'][number];

const useStyles = makeStyles({
  pick: { display: 'grid', gridTemplateColumns: 'minmax(200px, 320px) minmax(0, 1fr)', gap: tokens.spacingHorizontalM, alignItems: 'end', '@media (max-width: 760px)': { gridTemplateColumns: '1fr' } },
  select: { minWidth: 0 },
  // A native select is as wide as its longest option: held to the column, long names cut with an ellipsis.
  selectBox: { width: '100%', minWidth: 0, maxWidth: '100%', textOverflow: 'ellipsis' },
  body: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: tokens.spacingHorizontalXL, alignItems: 'start', '@media (max-width: 1000px)': { gridTemplateColumns: 'minmax(0, 1fr)' } },
  years: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  name: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  outlier: { backgroundColor: tokens.colorPaletteYellowBackground2, fontWeight: tokens.fontWeightSemibold },
  regionRow: { fontWeight: tokens.fontWeightSemibold, backgroundColor: tokens.colorNeutralBackground3 },
  svg: { width: '100%', height: 'auto', display: 'block' },
  legend: { display: 'flex', flexWrap: 'wrap', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, margin: 0, padding: 0, listStyle: 'none' },
  swatch: { display: 'inline-block', width: '12px', height: '12px', marginRight: '6px', verticalAlign: 'middle', borderRadius: '2px' },
});

const number = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 });
const shown = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : typeof v === 'number' ? number.format(v) : String(v));

const BAR = '#0f6cbd';
const OUTLIER = '#c4314b';
const REGION = '#242424';

/** Horizontal bars of one year, the region's value as a dashed line; the table beside it says the same in words. */
function Bars({ indicator, year }: { indicator: Indicator; year: string }) {
  const s = useStyles();
  // Drawn at the width it is shown at, so its text is the page's size on a phone as on a monitor.
  const box = useRef<HTMLElement>(null);
  const hasValues = indicator.municipalities.some((m) => m.numbers[year] !== null && m.numbers[year] !== undefined);
  const [boxWidth, setBoxWidth] = useState(500);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setBoxWidth(Math.max(260, Math.round(el.getBoundingClientRect().width))));
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasValues]);
  const rows = indicator.municipalities.map((m) => ({ name: m.name, value: m.numbers[year] ?? null, outlier: m.outliers.includes(year) }));
  const region = indicator.region[year] ?? null;
  const values = rows.flatMap((r) => (r.value === null ? [] : [r.value]));
  // The region's sum is not on the municipalities' scale; only an average is drawn as a line.
  const line = indicator.aggregate === 'среднее' ? region : null;
  if (!values.length) return <p style={{ margin: 0 }}>За {year} год числовых значений нет: смотрите таблицу.</p>;
  const max = Math.max(...values, line ?? 0, 0);
  const min = Math.min(...values, 0);
  const span = max - min || 1;
  // Each municipality: its full name on a line, its bar under it — names are long and a column of them would be cut.
  const valueW = 110;
  const plotW = boxWidth - valueW;
  const rowH = 40;
  const top = 4;
  const width = plotW + valueW;
  const height = top + rows.length * rowH + (line !== null ? 22 : 4);
  const x = (v: number) => ((v - min) / span) * plotW;
  const chars = Math.floor(width / 7.5);
  const cut = (t: string) => (t.length > chars ? `${t.slice(0, chars - 1)}…` : t);
  return (
    <figure style={{ margin: 0 }} ref={box}>
      <svg className={s.svg} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${indicator.name}, ${year} год: столбцы по муниципалитетам; те же значения — в таблице рядом`} data-testid="chart">
        {rows.map((r, i) => {
          const y = top + i * rowH;
          const end = r.value === null ? 0 : Math.max(x(0), x(r.value));
          return (
            <g key={r.name}>
              <title>{`${r.name}: ${shown(r.value)}${r.outlier ? ' — далеко от остальных' : ''}`}</title>
              <text x={0} y={y + 13} fontSize="13" fill="#242424">
                {cut(r.name)}
              </text>
              {r.value !== null && <rect x={Math.min(x(0), x(r.value))} y={y + 19} width={Math.max(2, Math.abs(x(r.value) - x(0)))} height={14} fill={r.outlier ? OUTLIER : BAR} rx="2" />}
              <text x={end + 6} y={y + 31} fontSize="13" fill={r.outlier ? OUTLIER : '#242424'} fontWeight={r.outlier ? 600 : 400}>
                {shown(r.value)}
                {r.outlier ? ' — выброс' : ''}
              </text>
            </g>
          );
        })}
        {line !== null && (
          <g>
            {/* Across the bars only: through the names it would cross out their letters. */}
            {rows.map((r, i) => (
              <line key={r.name} x1={x(line)} x2={x(line)} y1={top + i * rowH + 16} y2={top + (i + 1) * rowH} stroke={REGION} strokeDasharray="4 3" strokeWidth="1.5" />
            ))}
            <text x={Math.min(Math.max(x(line), 60), plotW)} y={top + rows.length * rowH + 16} textAnchor="middle" fontSize="13" fill={REGION}>
              регион: {shown(line)}
            </text>
          </g>
        )}
      </svg>
      <ul className={s.legend} aria-hidden>
        <li>
          <span className={s.swatch} style={{ background: BAR }} />
          значение
        </li>
        <li>
          <span className={s.swatch} style={{ background: OUTLIER }} />
          далеко от остальных
        </li>
        {line !== null && <li>- - - среднее по региону</li>}
      </ul>
    </figure>
  );
}

function ValuesTable({ indicator, years }: { indicator: Indicator; years: number[] }) {
  const s = useStyles();
  const l = useLayout();
  return (
    <div className={l.tableWrap}>
      <Table size="small" aria-label={`Значения: ${indicator.name}`} data-testid="values-table" style={{ minWidth: `${11 + years.length * 5}rem` }}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell style={{ width: '11rem' }}>Муниципалитет</TableHeaderCell>
            {years.map((y) => (
              <TableHeaderCell key={y} button={{ className: l.numHead }} style={{ width: '5rem' }}>
                {y}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {indicator.municipalities.map((m) => (
            <TableRow key={m.municipalityId}>
              <TableCell>{m.name}</TableCell>
              {years.map((y) => {
                const far = m.outliers.includes(String(y));
                return (
                  <TableCell key={y} className={mergeClasses(l.num, far && s.outlier)} data-outlier={far || undefined}>
                    {shown(m.values[String(y)])}
                    {far && <span className="svod-visually-hidden"> (далеко от остальных)</span>}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
          <TableRow className={s.regionRow}>
            <TableCell>Регион{indicator.aggregate ? `: ${indicator.aggregate}` : ' (не рассчитывается)'}</TableCell>
            {years.map((y) => (
              <TableCell key={y} className={l.num}>
                {shown(indicator.region[String(y)])}
              </TableCell>
            ))}
          </TableRow>
        </TableBody>
      </Table>
    </div>
  );
}

export function Indicators() {
  const s = useStyles();
  const l = useLayout();
  const { api } = usePortal();
  const [data, setData] = useState<IndicatorValues | null>(null);
  const [notice, setNotice] = useState<NoticeData | null>(null);
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const [year, setYear] = useState<string | null>(null);

  useEffect(() => {
    api.json<IndicatorValues>('/region/indicators').then(
      (d) => {
        setData(d);
        setYear(d.years.length ? String(d.years.at(-1)) : null);
        // The first indicator anyone reported, not an empty one.
        const first = d.indicators.findIndex((i) => i.municipalities.length > 0);
        setIndex(first < 0 ? 0 : first);
      },
      (e: unknown) => setNotice({ intent: 'error', text: errorText(e, 'Не удалось получить значения показателей.') }),
    );
  }, [api]);

  const matching = useMemo(() => {
    if (!data) return [];
    const q = query.trim().toLocaleLowerCase('ru');
    return data.indicators.map((ind, i) => ({ ind, i })).filter(({ ind }) => !q || ind.name.toLocaleLowerCase('ru').includes(q) || (ind.number ?? '').startsWith(q));
  }, [data, query]);

  const indicator = data?.indicators[index];
  const outliers = data ? data.indicators.filter((i) => i.municipalities.some((m) => m.outliers.length)).length : 0;
  return (
    <div className={l.page}>
      <h2 className={l.title}>Показатели</h2>
      <Notice notice={notice} />
      {!data && !notice && <Spinner label="Загрузка значений…" />}
      {data && data.indicators.length === 0 && <p className={l.muted}>В шаблоне региона нет таблицы целевых показателей: сводить нечего.</p>}
      {data && data.indicators.length > 0 && (
        <>
          <Panel>
            <p className={l.muted}>
              Показателей в шаблоне: {data.indicators.length}; с выбросами (значения далеко от остальных муниципалитетов): {outliers}. В графике и таблице — версии, которые в своде.
            </p>
            <div className={s.pick}>
              <Field label="Найти показатель">
                <SearchBox value={query} onChange={(_e, d) => setQuery(d.value)} placeholder="Название или номер" />
              </Field>
              <Field label="Показатель" className={s.select}>
                <Select id="indicator" className={s.selectBox} select={{ className: s.selectBox }} value={String(index)} onChange={(_e, d) => setIndex(Number(d.value))}>
                  {matching.map(({ ind, i }) => (
                    <option key={i} value={i}>
                      {`${ind.number ? `${ind.number} ` : ''}${ind.name}${ind.municipalities.length ? '' : ' (нет данных)'}`}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
          </Panel>
          {indicator && (
            <Panel testId="indicator">
              <h3 className={s.name}>
                {indicator.number ? `${indicator.number}. ` : ''}
                {indicator.name}
                {indicator.unit ? `, ${indicator.unit}` : ''}
              </h3>
              {indicator.lowerIsBetter && (
                <div>
                  <Badge appearance="tint" color="informative" data-testid="lower-is-better">
                    меньше — лучше
                  </Badge>
                </div>
              )}
              {indicator.municipalities.length === 0 ? (
                <p className={l.muted}>Этот показатель пока не прислал ни один муниципалитет из свода.</p>
              ) : (
                <div className={s.body}>
                  <div className={l.page} style={{ gap: tokens.spacingVerticalS }}>
                    <div className={s.years} role="group" aria-label="Год на графике">
                      {data.years.map((y) => (
                        <ToggleButton key={y} size="small" checked={year === String(y)} aria-pressed={year === String(y)} onClick={() => setYear(String(y))}>
                          {y}
                        </ToggleButton>
                      ))}
                    </div>
                    {year && <Bars indicator={indicator} year={year} />}
                  </div>
                  <ValuesTable indicator={indicator} years={data.years} />
                </div>
              )}
            </Panel>
          )}
        </>
      )}
    </div>
  );
}
