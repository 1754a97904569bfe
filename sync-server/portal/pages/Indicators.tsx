/**
 * «Показатели»: for each template indicator, every municipality's value by year with the region's value, as a bar
 * chart of one year (`IndicatorChart`, Fluent's chart library) and, beside it, the accessible table of all years.
 * Lower-is-better indicators are marked; values far from the others (the server's outliers) are highlighted in both.
 */
import { useEffect, useMemo, useState } from 'react';
import { Badge, Field, makeStyles, mergeClasses, SearchBox, Select, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens, ToggleButton } from '@fluentui/react-components';
import { errorText, type IndicatorValues } from '../api';
import { IndicatorChart, OUTLIER } from '../components/IndicatorChart';
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
  years: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  year: { minWidth: 'auto' },
  yearLabel: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, marginRight: tokens.spacingHorizontalXS },
  name: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  // The chart's colour for the same values, as a tint, and its «!».
  outlier: { backgroundColor: tokens.colorPaletteDarkOrangeBackground1, fontWeight: tokens.fontWeightSemibold },
  mark: { color: OUTLIER },
  regionRow: { fontWeight: tokens.fontWeightSemibold, backgroundColor: tokens.colorNeutralBackground3 },
});

const number = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 });
const shown = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : typeof v === 'number' ? number.format(v) : String(v));

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
                    {far && (
                      <>
                        <span className={s.mark} aria-hidden>
                          {' !'}
                        </span>
                        <span className="svod-visually-hidden"> (далеко от остальных)</span>
                      </>
                    )}
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
                    <div className={s.years} role="group" aria-labelledby="chart-year">
                      <span id="chart-year" className={s.yearLabel}>
                        Год на графике:
                      </span>
                      {/* The chosen year filled, as a tired eye finds it: Fluent's checked toggle is only a shade of grey. */}
                      {data.years.map((y) => (
                        <ToggleButton key={y} size="small" className={s.year} appearance={year === String(y) ? 'primary' : 'secondary'} checked={year === String(y)} aria-pressed={year === String(y)} onClick={() => setYear(String(y))}>
                          {y}
                        </ToggleButton>
                      ))}
                    </div>
                    {year && <IndicatorChart indicator={indicator} year={year} />}
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
