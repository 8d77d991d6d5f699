import { useId } from 'react';
import { niceMax, polylinePoints, scale, ticks } from './chartMath.js';

export interface Line {
  label: string;
  values: readonly (number | null)[];
}

/** One line per series over shared buckets: the time series (volume, response time, satisfaction). */
export function LineChart({ title, description, buckets, lines, format }: { title: string; description: string; buckets: readonly string[]; lines: readonly Line[]; format: (v: number) => string }) {
  const id = useId();
  const max = niceMax(Math.max(0, ...lines.flatMap((l) => l.values.map((v) => v ?? 0))));
  const left = 50;
  const width = 480;
  const height = 180;
  return (
    <figure className="report-figure">
      <svg className="report-chart" viewBox={`0 0 ${left + width + 10} ${height + 30}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        {ticks(max).map((t) => (
          <g key={t} aria-hidden="true">
            <line x1={left} x2={left + width} y1={height - scale(t, max, height) + 5} y2={height - scale(t, max, height) + 5} className="report-chart__grid" />
            <text x={left - 6} y={height - scale(t, max, height) + 9} textAnchor="end" className="report-chart__tick">
              {format(t)}
            </text>
          </g>
        ))}
        <g transform={`translate(${left} 5)`}>
          {lines.map((l, i) => (
            <polyline key={l.label} points={polylinePoints(l.values, width, height, max)} className={`report-chart__line report-chart__line--${i % 6}`} fill="none" />
          ))}
        </g>
        {buckets.length > 0 && (
          <g aria-hidden="true" className="report-chart__tick">
            <text x={left} y={height + 25}>
              {buckets[0]}
            </text>
            <text x={left + width} y={height + 25} textAnchor="end">
              {buckets[buckets.length - 1]}
            </text>
          </g>
        )}
      </svg>
      <figcaption className="report-legend">
        {lines.map((l, i) => (
          <span key={l.label} className="report-legend__item">
            <span className={`report-legend__swatch report-chart__bar--${i % 6}`} aria-hidden="true" /> {l.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
