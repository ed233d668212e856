import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';

/** Colour-blind-safe series colours, each at least 3:1 against white and against the dark page. */
export const SERIES_COLOURS = ['#1f5fa8', '#b35900', '#1b7f5a', '#8e3b8a'];

export interface Series {
  label: string;
  values: readonly number[];
}

/**
 * Stacked bars drawn with visx, plus the same numbers as a table for screen readers: the
 * drawing is hidden from assistive technology, the table is the chart's text equivalent.
 */
export function BarChart(props: {
  title: string;
  categories: readonly string[];
  series: readonly Series[];
  /** Horizontal bars (long labels, ranked lists) or vertical (time). */
  horizontal?: boolean;
  testId: string;
  width?: number;
}) {
  const { categories, series, horizontal } = props;
  const width = props.width ?? 640;
  const totals = categories.map((_, i) => series.reduce((s, x) => s + (x.values[i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const margin = horizontal
    ? { top: 8, right: 48, bottom: 28, left: 200 }
    : { top: 8, right: 12, bottom: 32, left: 44 };
  const height = horizontal ? Math.max(80, categories.length * 26 + 40) : 220;
  const innerW = width - margin.left - margin.right;
  const innerH = height - margin.top - margin.bottom;
  const band = scaleBand<string>({
    domain: categories.map((_, i) => String(i)),
    range: horizontal ? [0, innerH] : [0, innerW],
    padding: 0.25,
  });
  const value = scaleLinear<number>({
    domain: [0, max],
    range: horizontal ? [0, innerW] : [innerH, 0],
    nice: true,
  });
  // The bars are counts: only whole numbers on the value axis (no 0.2, 0.4 … on a nearly
  // empty chart).
  const countTicks = (n: number) => value.ticks(n).filter((v) => Number.isInteger(v));
  const short = (s: string) => (s.length > 30 ? `${s.slice(0, 29)}…` : s);
  const labelOf = (i: unknown) => short(categories[Number(i)] ?? '');
  const everyNth = Math.max(1, Math.ceil(categories.length / 10));

  return (
    <figure className="chart" data-testid={props.testId}>
      <figcaption>{props.title}</figcaption>
      <ul className="legend" aria-hidden="true">
        {series.map((s, k) => (
          <li key={s.label}>
            <span className="swatch" style={{ background: SERIES_COLOURS[k % 4] }} />
            {s.label}
          </li>
        ))}
      </ul>
      <svg
        width="100%"
        viewBox={`0 0 ${width} ${height}`}
        aria-hidden="true"
        focusable="false"
        className="chart-svg"
      >
        <Group left={margin.left} top={margin.top}>
          {categories.map((_, i) => {
            let offset = 0;
            return series.map((s, k) => {
              const v = s.values[i] ?? 0;
              const pos = band(String(i)) ?? 0;
              const start = offset;
              offset += v;
              if (v === 0) return null;
              const fill = SERIES_COLOURS[k % 4];
              return horizontal ? (
                <Bar
                  key={`${i}-${k}`}
                  x={value(start)}
                  y={pos}
                  width={value(start + v) - value(start)}
                  height={band.bandwidth()}
                  fill={fill}
                />
              ) : (
                <Bar
                  key={`${i}-${k}`}
                  x={pos}
                  y={value(start + v)}
                  width={band.bandwidth()}
                  height={value(start) - value(start + v)}
                  fill={fill}
                />
              );
            });
          })}
          {horizontal &&
            totals.map((total, i) => (
              <text
                key={i}
                x={value(total) + 4}
                y={(band(String(i)) ?? 0) + band.bandwidth() / 2}
                dy="0.35em"
                fontSize={11}
                className="chart-text"
              >
                {total.toLocaleString()}
              </text>
            ))}
          {horizontal ? (
            <>
              <AxisLeft
                scale={band}
                tickFormat={labelOf}
                hideTicks
                tickLabelProps={{ className: 'chart-text', fontSize: 11, textAnchor: 'end' }}
              />
              <AxisBottom
                top={innerH}
                scale={value}
                tickValues={countTicks(5)}
                tickFormat={(v) => Number(v).toLocaleString()}
                tickLabelProps={{ className: 'chart-text', fontSize: 11 }}
              />
            </>
          ) : (
            <>
              <AxisLeft
                scale={value}
                tickValues={countTicks(4)}
                tickFormat={(v) => Number(v).toLocaleString()}
                tickLabelProps={{ className: 'chart-text', fontSize: 11 }}
              />
              <AxisBottom
                top={innerH}
                scale={band}
                tickFormat={(i) => (Number(i) % everyNth === 0 ? labelOf(i) : '')}
                tickLabelProps={{ className: 'chart-text', fontSize: 11 }}
              />
            </>
          )}
        </Group>
      </svg>
      <table className="sr-only">
        <caption>{props.title}</caption>
        <thead>
          <tr>
            <td />
            {series.map((s) => (
              <th key={s.label} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {categories.map((c, i) => (
            <tr key={i}>
              <th scope="row">{c}</th>
              {series.map((s) => (
                <td key={s.label}>{s.values[i] ?? 0}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
