import { useId } from 'react';
import { axisMax, niceTicks, polylinePoints, scale, spreadIndices, type AxisKind } from './chartMath.js';

export interface Line {
  key: string;
  label: string;
  values: readonly (number | null)[];
  /** Palette index; the total is drawn dashed in its own colour. */
  color: number;
  dashed?: boolean;
}

/** One line per series over shared buckets: the time series (volume, response time, satisfaction). */
export function LineChart({
  title,
  description,
  buckets,
  lines,
  format,
  formatBucket,
  kind,
}: {
  title: string;
  description: string;
  buckets: readonly string[];
  lines: readonly Line[];
  format: (v: number) => string;
  formatBucket: (bucket: string) => string;
  kind: AxisKind;
}) {
  const id = useId();
  const max = axisMax(Math.max(0, ...lines.flatMap((l) => l.values.map((v) => v ?? 0))), kind);
  const left = 64;
  const width = 560;
  const height = 200;
  const step = buckets.length > 1 ? width / (buckets.length - 1) : 0;
  return (
    <figure className="report-figure">
      <svg className="report-chart" viewBox={`0 0 ${left + width + 24} ${height + 34}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        {niceTicks(max).map((t) => (
          <g key={t} aria-hidden="true">
            <line x1={left} x2={left + width} y1={height - scale(t, max, height) + 5} y2={height - scale(t, max, height) + 5} className="report-chart__grid" />
            <text x={left - 6} y={height - scale(t, max, height) + 9} textAnchor="end" className="report-chart__tick">
              {format(t)}
            </text>
          </g>
        ))}
        <g transform={`translate(${left} 5)`} aria-hidden="true">
          {lines.map((l) => (
            <polyline
              key={l.key}
              points={polylinePoints(l.values, width, height, max)}
              className={`report-chart__line report-chart__line--${l.color}${l.dashed ? ' report-chart__line--dashed' : ''}`}
              fill="none"
            />
          ))}
        </g>
        <g aria-hidden="true" className="report-chart__tick">
          {spreadIndices(buckets.length, 7).map((i, n, all) => (
            <text key={buckets[i]} x={left + i * step} y={height + 26} textAnchor={all.length > 1 && n === all.length - 1 ? 'end' : n === 0 ? 'start' : 'middle'}>
              {formatBucket(buckets[i]!)}
            </text>
          ))}
        </g>
      </svg>
      <figcaption className="report-legend">
        {lines.map((l) => (
          <span key={l.key} className="report-legend__item">
            <span className={`report-legend__swatch report-chart__bar--${l.color}${l.dashed ? ' report-legend__swatch--dashed' : ''}`} aria-hidden="true" /> {l.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
