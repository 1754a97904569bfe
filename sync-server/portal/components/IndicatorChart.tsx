/**
 * One indicator in one year as horizontal bars, one per municipality, with `@fluentui/react-charts`'
 * HorizontalBarChartWithAxis: names read across (sixty long names do not fit under vertical bars), the best value on
 * top, the region's average as a bar of its own in the ranking, far values in another colour. The chart's own
 * strings are English, so every label it reads out or shows is given here in Russian; the table beside it is the
 * accessible form of the same numbers.
 */
import { useEffect, useRef, useState } from 'react';
import { HorizontalBarChartWithAxis, type ChartAnnotation, type HorizontalBarChartWithAxisDataPoint } from '@fluentui/react-charts';
import { makeStyles, tokens } from '@fluentui/react-components';
import type { IndicatorValues } from '../api';

type Indicator = IndicatorValues['indicators'][number];

export const BAR = '#0f6cbd';
export const OUTLIER = '#c15700';
export const REGION = '#616161';

const useStyles = makeStyles({
  figure: {
    margin: 0,
    minWidth: 0,
    // Each name is written above its bar (below), so the axis' own labels, cut to a few letters, are not shown.
    '& .fui-cart__yAxis text': { display: 'none' },
    '& .fui-cart__xAxis text': { fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightRegular },
  },
  // The chart measures its own root for its size: held to the box's height.
  box: { '& > div': { height: '100%' } },
  name: { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
  caption: { margin: `0 0 ${tokens.spacingVerticalXS} 0`, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground2 },
  legend: { display: 'flex', flexWrap: 'wrap', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, margin: `${tokens.spacingVerticalXS} 0 0 0`, padding: 0, listStyle: 'none' },
  swatch: { display: 'inline-block', width: '12px', height: '12px', marginRight: '6px', verticalAlign: 'middle', borderRadius: '2px' },
});

const number = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 });
export const formatNumber = (v: number) => number.format(v);

/** The bars of one year: municipalities with a number that year and, for an average, the region; best first. */
export function chartRows(indicator: Indicator, year: string) {
  const rows = indicator.municipalities.flatMap((m) => {
    const value = m.numbers[year];
    return value === null || value === undefined ? [] : [{ name: m.name, value, outlier: m.outliers.includes(year), region: false }];
  });
  // The region's sum is not on the municipalities' scale; only an average stands among them.
  const region = indicator.region[year];
  if (indicator.aggregate === 'среднее' && region !== null && region !== undefined) rows.push({ name: 'Регион (среднее)', value: region, outlier: false, region: true });
  const sign = indicator.lowerIsBetter ? 1 : -1;
  return rows.sort((a, b) => sign * (a.value - b.value) || a.name.localeCompare(b.name, 'ru'));
}

const BAR_HEIGHT = 14;
/** From one bar to the next: the bar and, above it, its name's line. */
const STEP = 40;

/**
 * The chart packs n bars of `barHeight` into n + (n - 1)·p/(1 - p) bar heights and spreads them over that with d3's
 * band padding p (inner and outer), so a fixed p spaces few bars tighter than many. The p that gives STEP S for n
 * bars of height B: the positive root of B(n-1)r² + ((2B - S)n - B - S)r - (S - B)n = 0, with r = p/(1 - p).
 */
function bandPadding(n: number): number {
  if (n < 2) return 0.65;
  const a = BAR_HEIGHT * (n - 1);
  const b = -((STEP - 2 * BAR_HEIGHT) * n + STEP + BAR_HEIGHT);
  const c = -(STEP - BAR_HEIGHT) * n;
  const r = (-b + Math.sqrt(b * b - 4 * a * c)) / (2 * a);
  return r / (1 + r);
}

export function IndicatorChart({ indicator, year }: { indicator: Indicator; year: string }) {
  const s = useStyles();
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const rows = chartRows(indicator, year);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(Math.round(el.getBoundingClientRect().width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, [rows.length > 0]);
  if (!rows.length) return <p style={{ margin: 0 }}>За {year} год числовых значений нет: смотрите таблицу.</p>;

  const narrow = width > 0 && width < 560;
  const unit = indicator.unit ? `, ${indicator.unit}` : '';
  const far = (r: (typeof rows)[number]) => (r.outlier ? ' — далеко от остальных' : '');
  // The chart draws its first point at the bottom: given reversed, the best is on top.
  const data: HorizontalBarChartWithAxisDataPoint[] = [...rows].reverse().map((r) => ({
    x: r.value,
    // The axis is a list of names: two municipalities of one name would be one bar.
    y: r.name,
    legend: r.region ? 'среднее по региону' : r.outlier ? 'далеко от остальных' : 'значение',
    color: r.region ? REGION : r.outlier ? OUTLIER : BAR,
    xAxisCalloutData: `${formatNumber(r.value)}${far(r)}`,
    yAxisCalloutData: r.name,
    callOutAccessibilityData: { ariaLabel: `${r.name}: ${formatNumber(r.value)}${unit}${far(r)}` },
  }));
  const plain = { backgroundColor: 'transparent', borderWidth: 0, boxShadow: 'none', padding: '0', fontSize: tokens.fontSizeBase200 } as const;
  // Names are long («Городской округ „Посёлок Палана“»): each is written in full above its bar, from the plot's left.
  const names: ChartAnnotation[] = rows.map((r) => ({
    id: `name-${r.name}`,
    text: r.name,
    coordinates: { type: 'mixed', xCoordinateType: 'relative', yCoordinateType: 'data', x: 0, y: r.name },
    layout: { align: 'start', verticalAlign: 'bottom', offsetY: -9, maxWidth: Math.max(120, width - 24), className: s.name },
    style: { ...plain, textColor: tokens.colorNeutralForeground1, fontWeight: r.region ? 600 : 400 },
  }));
  // The chart's own bar labels are d3's («1.2k», a decimal point): Russian numbers are written beside the bars instead.
  const valueText = (r: (typeof rows)[number]) => `${formatNumber(r.value)}${r.outlier ? ' !' : ''}`;
  // About 7 px a character at 12 px: the margin that holds the longest number right of its bar.
  const labelWidth = Math.max(...rows.map((r) => valueText(r).length)) * 7 + 8;
  const values: ChartAnnotation[] = rows.map((r) => ({
    id: `value-${r.name}`,
    text: valueText(r),
    coordinates: { type: 'data', x: r.value, y: r.name },
    // Kept narrow: the layer pulls a label back inside the chart by its whole box width.
    layout: { align: 'start', verticalAlign: 'middle', offsetX: 4, clipToBounds: false, maxWidth: labelWidth, className: s.name },
    style: { ...plain, textColor: r.outlier ? OUTLIER : tokens.colorNeutralForeground1, fontWeight: r.outlier || r.region ? 600 : 400 },
  }));
  const padding = bandPadding(rows.length);
  const gaps = padding / (1 - padding);
  // The bars' own height and the chart's margins (12 + 32) and its domain margins (2 × 8), and a little to spare.
  const height = Math.ceil(BAR_HEIGHT * (rows.length + (rows.length - 1) * gaps)) + 64;
  return (
    <figure className={s.figure} data-testid="chart" data-bars={rows.length}>
      <p className={s.caption}>
        {indicator.lowerIsBetter ? 'Сверху — наименьшие значения (меньше — лучше).' : 'Сверху — наибольшие значения.'}
      </p>
      {/* The chart takes the size of this box, one row a bar. (With `parentRef` it measures during render, before its
          axes exist, and draws none.) */}
      <div ref={box} className={s.box} style={{ height }}>
        {width > 0 && (
          <HorizontalBarChartWithAxis
            data={data}
            width={width}
            height={height}
            barHeight={BAR_HEIGHT}
            yAxisPadding={padding}
            culture="ru-RU"
            hideLabels
            hideLegend
            roundCorners
            annotations={[...names, ...values]}
            // Room right of the longest bar for its number.
            margins={{ top: 12, bottom: 32, left: 8, right: labelWidth + 8 }}
            xAxisTickCount={narrow ? 4 : 8}
            svgProps={{ 'aria-label': `${indicator.name}, ${year} год: столбцы по муниципалитетам; те же значения — в таблице рядом` }}
          />
        )}
      </div>
      <ul className={s.legend} aria-hidden>
        <li>
          <span className={s.swatch} style={{ background: BAR }} />
          значение
        </li>
        {rows.some((r) => r.outlier) && (
          <li>
            <span className={s.swatch} style={{ background: OUTLIER }} />
            далеко от остальных (!)
          </li>
        )}
        {rows.some((r) => r.region) && (
          <li>
            <span className={s.swatch} style={{ background: REGION }} />
            среднее по региону
          </li>
        )}
      </ul>
    </figure>
  );
}
