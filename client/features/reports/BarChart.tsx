import { useId } from 'react';
import { niceMax, scale, ticks } from './chartMath.js';

export interface Bar {
  label: string;
  value: number | null;
}

/** Horizontal bars, one per group: the per-channel (queue, agent) comparison. */
export function BarChart({ title, description, bars, format }: { title: string; description: string; bars: readonly Bar[]; format: (v: number) => string }) {
  const id = useId();
  const max = niceMax(Math.max(0, ...bars.map((b) => b.value ?? 0)));
  const rowH = 28;
  const labelW = 140;
  const plotW = 320;
  const height = bars.length * rowH + 24;
  return (
    <svg className="report-chart" viewBox={`0 0 ${labelW + plotW + 70} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{description}</desc>
      {ticks(max).map((t) => (
        <g key={t} aria-hidden="true">
          <line x1={labelW + scale(t, max, plotW)} x2={labelW + scale(t, max, plotW)} y1={0} y2={height - 20} className="report-chart__grid" />
          <text x={labelW + scale(t, max, plotW)} y={height - 6} textAnchor="middle" className="report-chart__tick">
            {format(t)}
          </text>
        </g>
      ))}
      {bars.map((b, i) => (
        <g key={b.label}>
          <text x={labelW - 8} y={i * rowH + 18} textAnchor="end" className="report-chart__label">
            {b.label}
          </text>
          <rect x={labelW} y={i * rowH + 5} width={scale(b.value ?? 0, max, plotW)} height={rowH - 10} className={`report-chart__bar report-chart__bar--${i % 6}`} />
          <text x={labelW + scale(b.value ?? 0, max, plotW) + 6} y={i * rowH + 18} className="report-chart__value">
            {b.value === null ? '—' : format(b.value)}
          </text>
        </g>
      ))}
    </svg>
  );
}
